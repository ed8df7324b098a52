# Виды работ (domain::work::WorkKind).
work-cleaning = Уборка
work-gardening = Озеленение и парки
work-construction = Строительство
work-repair = Ремонт и обслуживание
work-kitchen = Кухня и питание
work-warehouse = Склад и сортировка
work-office = Офисная работа
work-care_elderly = Уход за пожилыми
work-care_disabled = Уход за людьми с инвалидностью
work-childcare = Уход за детьми
work-education = Образование и библиотеки
work-driving = Вождение
work-animal_care = Уход за животными
work-community_events = Общественные мероприятия
work-sports = Спортивные объекты
work-retail = Благотворительные магазины и торговля
