app-name = Körpü
app-name-tagline = Körpü: мост между людьми, отбывающими наказание в обществе, и сообществом, которое им помогает
skip-to-content = Перейти к содержанию
nav-main = Основная навигация
nav-language = Язык
nav-home = Главная
nav-dashboard = Панель
nav-account = Мой аккаунт
nav-sign-in = Войти
nav-sign-out = Выйти
nav-admin-users = Пользователи
nav-admin-audit = Журнал аудита
nav-admin-outbox = Очередь писем
footer-text = Körpü — волонтёры, места работ и поддержка службы пробации
footer-privacy = Уведомление о конфиденциальности
footer-api = API
actions = Действия
action-save = Сохранить
search-label = Поиск
search-submit = Найти
filter-submit = Фильтровать
list-total = { $count ->
    [one] { $count } результат
    [few] { $count } результата
   *[other] { $count } результатов
}
list-empty = Здесь пока ничего нет.
pager-label = Страницы
pager-previous = Назад
pager-next = Далее
pager-position = Страница { $page } из { $pages }

home-title = Добро пожаловать
home-heading = Мост обратно в общество
home-lead = Körpü помогает службам пробации подбирать для людей, отбывающих наказание в виде общественных работ или нуждающихся в поддержке после наказания, волонтёров-наставников, места работ и психологов, и учитывает часы, посещаемость и прогресс.
home-cta-volunteer = Стать волонтёром
home-cta-staff = Вход для сотрудников
home-volunteers-title = Волонтёры и наставники
home-volunteers-text = Зарегистрируйтесь онлайн, пройдите собеседование и обучение, а затем помогайте человеку с учёбой, работой, жильём и связями в обществе. Отмечайте встречи с телефона.
home-coordinators-title = Координаторы пробации
home-coordinators-text = Храните дела, решения и ограничения в одном месте, получайте объяснённые предложения мест работ, наставников и психологов, следите за часами и сроками.
home-sites-title = Места работ
home-sites-text = Принимайте общественные работы в своей организации, видьте, кто и когда придёт, отмечайте посещаемость и часы.
home-psychologists-title = Психологи и социальные работники
home-psychologists-text = Получайте направления по своей специализации и языкам и ведите клинические записи, которые можете читать только вы.
home-how-title = Как это работает
home-how-1 = Решение суда или органа поступает в службу пробации, и координатор открывает дело.
home-how-2 = Körpü предлагает места работ, наставников и психологов с учётом ограничений решения и объясняет почему.
home-how-3 = Координатор назначает одним нажатием; все участники получают письмо.
home-how-4 = Места работ отмечают посещаемость, наставники записывают встречи, а координатор видит ход исполнения.
home-privacy-title = Ваши данные
home-privacy-text = Körpü хранит чувствительные сведения. Каждый видит только то, что нужно для его работы, и каждое чтение конфиденциальной записи фиксируется в журнале.
home-privacy-link = Прочитать уведомление о конфиденциальности

dashboard-title = Панель
dashboard-greeting = Здравствуйте, { $name }
dashboard-roles = Ваши роли:
dashboard-no-roles = пока нет

role-admin = Администратор
role-coordinator = Координатор
role-site_supervisor = Руководитель места работ
role-psychologist = Психолог / социальный работник
role-mentor = Наставник

privacy-title = Уведомление о конфиденциальности
privacy-intro = Это уведомление объясняет, что Körpü записывает о вас, зачем, кто это видит и как долго хранится. За ваши данные отвечает служба пробации, которая использует Körpü.
privacy-what-title = Что мы записываем
privacy-what = О волонтёрах: контактные данные, языки, навыки, доступное время, район проживания, результаты проверки и обучения. О людях под надзором: то, что нужно службе пробации для исполнения решения и организации поддержки.
privacy-who-title = Кто это видит
privacy-who = Каждая роль видит только то, что нужно для её работы: место работ никогда не видит сведений о преступлении, наставник никогда не видит клинических записей. Каждое чтение конфиденциальной записи фиксируется в журнале аудита.
privacy-how-long-title = Как долго мы храним данные
privacy-how-long = Записи хранятся в течение установленного законом срока после окончания исполнения решения, затем персональные данные удаляются и остаётся только анонимная статистика.
privacy-rights-title = Ваши права
privacy-rights = Вы можете попросить показать, исправить или удалить ваши данные. Волонтёры могут в любой момент отказаться от участия в своей панели и попросить удалить свои данные.

error-title = Ошибка { $status }
error-back-home = На главную
error-not-found = Мы не нашли эту страницу.
error-unauthenticated = Войдите, чтобы продолжить.
error-forbidden = У вас нет прав на это действие.
error-csrf = Форма устарела или отправлена не с этого сайта, поэтому ничего не изменено. Вернитесь, обновите страницу и попробуйте снова.
error-validation = Некоторые поля требуют внимания.
error-too-many-requests = Слишком много попыток. Подождите немного и попробуйте снова.
error-unavailable = Сервис временно недоступен. Попробуйте чуть позже.
error-internal = На нашей стороне произошла ошибка. Проблема записана.
error-body-too-large = Отправленные данные слишком велики.
error-required = Это поле обязательно.
error-email-invalid = Введите правильный адрес электронной почты, например name@example.az.
error-email-taken = Аккаунт с этим адресом уже существует.
error-name-invalid = Введите имя не длиннее 200 символов в одну строку.
error-latitude = Широта должна быть числом от -90 до 90.
error-longitude = Долгота должна быть числом от -180 до 180.
error-role-unknown = Выберите роли из списка.
error-language-unknown = Выберите язык из списка.
error-password-too-short = Используйте не менее { $min } символов.
error-password-too-long = Используйте не более { $max } символов.
error-password-common = Этот пароль слишком распространён или легко угадывается. Попробуйте несколько несвязанных слов.
error-password-mismatch = Пароли не совпадают.
error-password-wrong = Текущий пароль указан неверно.
error-link-invalid = Ссылка недействительна, устарела или уже использована. Запросите новую.
error-sign-in-failed = Неверный адрес электронной почты или пароль. После 5 неудачных попыток аккаунт блокируется на время.
error-sign-in-locked = Аккаунт заблокирован после слишком многих неудачных попыток или администратором. Попробуйте позже или восстановите пароль.
error-cannot-remove-own-admin = Нельзя снять с себя роль администратора.
error-cannot-lock-self = Нельзя заблокировать собственный аккаунт.

field-email = Адрес электронной почты
field-password = Пароль
field-new-password = Новый пароль
field-current-password = Текущий пароль
field-password-confirmation = Повторите новый пароль
field-name = Имя
field-roles = Роли
field-status = Статус
field-language = Язык
password-hint = Не менее 12 символов. Несколько несвязанных слов легко запомнить и трудно угадать.

sign-in-title = Вход
sign-in-submit = Войти
sign-in-forgot = Забыли пароль?
sign-in-volunteer-hint = Хотите помочь?
forgot-title = Восстановление пароля
forgot-intro = Введите адрес электронной почты вашего аккаунта. Если он существует, мы пришлём ссылку для выбора нового пароля.
forgot-submit = Отправить ссылку
set-password-title = Выберите пароль
set-password-submit = Сохранить пароль

flash-reset-sent = Если для этого адреса есть аккаунт, мы отправили на него ссылку. Проверьте почту.
flash-password-set = Пароль сохранён. Теперь можно войти.
flash-password-changed = Пароль изменён. Остальные сеансы завершены.
flash-saved = Сохранено.
flash-token-revoked = Токен отозван.
flash-user-invited = Приглашение отправлено.
flash-roles-saved = Роли сохранены. Они действуют со следующего запроса пользователя.
flash-user-locked = Аккаунт заблокирован, его сеансы завершены.
flash-user-unlocked = Аккаунт разблокирован.
flash-mail-requeued = Письмо будет отправлено снова.

account-title = Мой аккаунт
account-language-title = Язык
account-language-label = Язык писем и страниц
account-password-title = Смена пароля
account-password-submit = Сменить пароль
account-tokens-title = API-токены
account-tokens-intro = Токены позволяют программам работать с API Körpü от вашего имени и с вашими ролями. Передавайте их как "Authorization: Bearer …".
account-token-once = Скопируйте токен сейчас. Он больше не будет показан.
account-token-prefix = Токен
account-token-created = Создан
account-token-used = Последнее использование
account-token-revoked = Отозван
account-token-revoke = Отозвать
account-token-name = Название токена
account-token-issue = Создать токен

admin-users-title = Пользователи
admin-users-invite = Пригласить пользователя
admin-users-search = Имя или e-mail
admin-invite-title = Пригласить пользователя
admin-invite-intro = Человек получит письмо со ссылкой для выбора пароля.
admin-invite-submit = Отправить приглашение
admin-user-save-roles = Сохранить роли
admin-user-access-title = Доступ
admin-user-lock-help = Блокировка сразу завершает все сеансы этого аккаунта и запрещает вход до разблокировки.
admin-user-lock = Заблокировать аккаунт
admin-user-unlock = Разблокировать аккаунт
admin-user-audit = Журнал действий этого пользователя
user-status-active = Активен
user-status-locked = Заблокирован
user-status-temp-locked = Временно заблокирован
user-status-invited = Приглашён

admin-audit-title = Журнал аудита
audit-at = Когда (UTC)
audit-actor = Кто
audit-action = Действие
audit-object = Объект
audit-object-type = Тип объекта
audit-object-id = Номер объекта
audit-ip = Адрес
audit-detail = Подробности
audit-from = С
audit-to = По

admin-outbox-title = Очередь писем
outbox-all = Все
outbox-status-pending = Ожидает
outbox-status-sent = Отправлено
outbox-status-failed = Ошибка
outbox-queued = В очереди с
outbox-to = Кому
outbox-subject = Тема
outbox-attempts = Попытки
outbox-retry = Отправить снова

mail-footer = Это письмо отправлено системой Körpü службы пробации. Пожалуйста, не отвечайте на него.
mail-greeting = Здравствуйте, { $name }!
mail-link-valid-days = Ссылка действует { $days } дн. и может быть использована один раз.
mail-link-valid-hours = Ссылка действует { $hours ->
    [one] { $hours } час
    [few] { $hours } часа
   *[other] { $hours } часов
} и может быть использована один раз.
mail-invitation-subject = Приглашение в Körpü
mail-invitation-body = Для вас создан аккаунт в Körpü. Выберите пароль, чтобы начать.
mail-invitation-action = Выбрать пароль
mail-reset-subject = Восстановление пароля Körpü
mail-reset-body = Кто-то запросил восстановление пароля вашего аккаунта Körpü. Воспользуйтесь ссылкой ниже, чтобы выбрать новый.
mail-reset-action = Выбрать новый пароль
mail-reset-ignore = Если это были не вы, просто проигнорируйте письмо: пароль останется прежним.
mail-locked-subject = Ваш аккаунт Körpü заблокирован
mail-locked-body = После нескольких неудачных попыток входа ваш аккаунт заблокирован на { $minutes } мин.
mail-locked-reset = Если это были не вы, рекомендуем сменить пароль:
