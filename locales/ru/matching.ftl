# Подбор: предложения, «почему не?», назначение, завершение, списки помощников, письма.
nav-my-mentees = Мои подопечные
nav-my-referrals = Мои направления

match-link = Предложения
match-title = Предложения для: { $name }
match-kinds-label = Вид помощника
match-kind-site = Места работ
match-kind-mentor = Наставники
match-kind-psychologist = Психологи и социальные работники
match-help = Предлагаются только кандидаты, которые проходят все ограничения и имеют свободное место, лучшие первыми. У каждого указано, почему он подходит. О любом другом кандидате можно спросить «почему не?».
match-empty = Сейчас ни один кандидат этого вида не проходит все условия. Спросите «почему не?» о том, кого вы ожидали увидеть.
match-distance = { $km } км
match-free-places-site = { $count ->
    [one] { $count } свободное место в часы клиента
    [few] { $count } свободных места в часы клиента
   *[other] { $count } свободных мест в часы клиента
}
match-free-places-mentor = можно взять ещё подопечных: { $count }
match-free-places-psychologist = можно принять ещё клиентов: { $count }
match-score = соответствие { $score } %
match-reasons-label = Почему этот кандидат подходит
match-assign = Назначить
match-referral-reason = Причина направления
match-refused = { $name } не назначен(а):
match-why-title = Почему не …?
match-why-candidate = Кандидат (ближайшие первыми)
match-why-search = Или найти по имени
match-why-search-hint = Часть имени; единственное совпадение объясняется сразу.
match-why-submit = Объяснить
match-why-unknown = Это не активный кандидат этого вида (неизвестен, неактивен или без местоположения).
match-why-suggested = { $name } предлагается: место { $rank } в рейтинге, соответствие { $score } %.
match-why-suggested-far = { $name } проходит все условия (соответствие { $score } %), но стоит ниже первых 200.
match-why-excluded = { $name } не предлагается, потому что:
match-map-title = Карта
match-map-label = Карта: дом клиента, зоны и кандидаты
match-map-km = км
match-map-excluded = исключён
match-legend-candidate = Предложенный кандидат
match-legend-excluded = Запрошенный исключённый кандидат

match-day-0 = пн
match-day-1 = вт
match-day-2 = ср
match-day-3 = чт
match-day-4 = пт
match-day-5 = сб
match-day-6 = вс
match-part-morning = { $days } утром
match-part-afternoon = { $days } днём
match-part-evening = { $days } вечером

match-reason-distance = в { $km } км
match-reason-remote = работает дистанционно, расстояние не важно
match-reason-availability = оба свободны: { $when } ({ $hours } ч в неделю)
match-reason-language-preferred = говорит на языке: { $language } (основной язык клиента)
match-reason-language = говорит на языке: { $language }
match-reason-skills-site = место обучает или использует навыки: { $skills }
match-reason-skills = общие навыки: { $skills }
match-reason-specialties = специализация: { $needs }
match-reason-continuity = уже помогал(а) этому клиенту

match-excl-unknown = не активный кандидат этого вида (неизвестен, неактивен или без местоположения)
match-excl-inactive = не активен или не одобрен (истёкшая проверка тоже считается)
match-excl-full-site = нет свободного места в часы, когда клиент свободен
match-excl-full-mentor = уже наставляет столько клиентов, сколько согласился(ась)
match-excl-full-psychologist = нагрузка заполнена
match-excl-too-far = в { $km } км, дальше предела поездок клиента ({ $limit } км)
match-excl-beyond-radius = в { $km } км, дальше расстояния, на которое готов ездить волонтёр ({ $limit } км)
match-excl-outside-area = за пределами разрешённой клиенту территории
match-excl-zone = внутри запретной зоны клиента № { $zone }
match-excl-flag-children = там присутствуют дети, а клиенту нельзя работать с детьми
match-excl-flag-vulnerable = там присутствуют уязвимые взрослые, а клиенту нельзя работать с ними
match-excl-flag-alone = работа выполняется в одиночку, а клиенту нельзя работать одному
match-excl-flag-heavy = это тяжёлый физический труд, который клиенту запрещён
match-excl-driving = работа требует вождения, а клиенту запрещено водить
match-excl-barred = работа включает вид «{ $work }», который клиенту запрещён
match-excl-language = нет общего языка
match-excl-availability = нет времени в неделе, когда оба свободны
match-excl-specialty = специализации не покрывают ни одной потребности клиента
match-refusal-full = Свободных мест не осталось: место заняли тем временем.
match-refusal-already = У клиента уже есть этот помощник.
error-match-kind = Выберите место работ, наставника или психолога.
error-match-candidate = Выберите кандидата из списка.
error-assignment-ended = Это назначение уже завершено.

flash-match-assigned-placement = Направление на место работ оформлено. Координатор и руководители места уведомлены по e-mail.
flash-match-assigned-mentoring = Наставник назначен и уведомлён по e-mail.
flash-match-assigned-referral = Направление оформлено, специалист уведомлён по e-mail.
flash-assignment-ended = Назначение завершено; место снова свободно.

match-assignments-title = Места работ, наставники и направления
match-no-assignments = Пока нет.
match-assignment-kind-placement = Место работ
match-assignment-kind-mentoring = Наставник
match-assignment-kind-referral = Направление
match-assignment-status-active = действует
match-assignment-status-ended = завершено
match-assignment-status-pending = ожидает
match-assignment-status-accepted = принято
match-assignment-status-declined = отклонено
match-assignment-status-closed = закрыто
match-assignment-since = с { $date }
match-assignment-ended-on = завершено { $date }
match-end = Завершить
match-end-title = Завершить назначение
match-end-intro = Завершить: { $kind } — { $helper } для клиента { $name }. Место освободится для других.
match-end-reason = Причина завершения
match-end-hint = Например: часы отработаны, переезд, наставник отказался.

mentees-title = Мои подопечные
mentees-help = Клиенты, которых вы сейчас наставляете. Встречи организует ваш координатор; он же сообщает всё, что нужно знать.
mentees-empty = Сейчас у вас нет подопечных.
mentees-since = с { $date }
mentees-coordinator = Координатор
referrals-title = Мои направления
referrals-help = Клиенты, направленные к вам: ожидающие или уже под вашей опекой.
referrals-empty = У вас нет открытых направлений.
referrals-since = направлен(а) { $date }
referrals-reason = Причина

mail-assign-coordinator-subject = { $client }: { $kind } — { $helper }
mail-assign-coordinator-body = Для клиента { $client } оформлено: { $kind } — { $helper }. Остальные участники уведомлены.
mail-assign-open-client = Открыть карточку клиента
mail-assign-supervisor-subject = Новый клиент на месте работ { $site }
mail-assign-supervisor-body = { $client } направлен(а) на общественные работы на место { $site } с { $date }.
mail-assign-supervisor-times = Часы в неделю:
mail-assign-supervisor-list = В списке клиентов на ваших местах указано всё, что нужно знать, например виды работ, которые им поручать нельзя.
mail-assign-open-list = Открыть список
mail-assign-mentor-subject = У вас новый подопечный
mail-assign-mentor-body = { $client } — ваш новый подопечный. Ваш координатор { $coordinator } ({ $email }) свяжется с вами, чтобы договориться о первой встрече.
mail-assign-open-mentees = Ваши подопечные
mail-assign-psychologist-subject = Новое направление: { $client }
mail-assign-psychologist-body = { $client } направлен(а) к вам координатором { $coordinator } ({ $email }).
mail-assign-psychologist-reason = Причина направления:
mail-assign-open-referrals = Ваши направления
