//! The curated list of skills (admins extend it), seeded with defaults in three languages.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (code, English, Azerbaijani, Russian).
const DEFAULTS: &[(&str, &str, &str, &str)] = &[
    ("carpentry", "Carpentry", "Dülgərlik", "Плотницкое дело"),
    (
        "painting",
        "Painting and decorating",
        "Rəngsazlıq",
        "Малярные работы",
    ),
    (
        "gardening",
        "Gardening and landscaping",
        "Bağçılıq və yaşıllaşdırma",
        "Садоводство и озеленение",
    ),
    ("cooking", "Cooking", "Aşpazlıq", "Кулинария"),
    ("cleaning", "Cleaning", "Təmizlik işləri", "Уборка"),
    (
        "construction",
        "Construction and repair",
        "Tikinti və təmir",
        "Строительство и ремонт",
    ),
    (
        "electrical",
        "Electrical work",
        "Elektrik işləri",
        "Электромонтаж",
    ),
    ("mechanics", "Car mechanics", "Avtomexanika", "Автомеханика"),
    (
        "sewing",
        "Sewing and tailoring",
        "Tikiş və dərzilik",
        "Шитьё",
    ),
    (
        "computers",
        "Computers and IT",
        "Kompüter və İT",
        "Компьютеры и ИТ",
    ),
    (
        "tutoring",
        "Teaching and tutoring",
        "Müəllimlik və repetitorluq",
        "Преподавание и репетиторство",
    ),
    (
        "job_search",
        "Job search and CV writing",
        "İş axtarışı və CV hazırlanması",
        "Поиск работы и резюме",
    ),
    (
        "finance",
        "Budgeting and debt advice",
        "Büdcə və borc məsləhəti",
        "Бюджет и долги",
    ),
    (
        "sports",
        "Sports and coaching",
        "İdman və məşqçilik",
        "Спорт и тренерство",
    ),
    (
        "arts",
        "Music and arts",
        "Musiqi və incəsənət",
        "Музыка и искусство",
    ),
    (
        "first_aid",
        "First aid",
        "İlk tibbi yardım",
        "Первая помощь",
    ),
    (
        "admin_work",
        "Office and administration",
        "Ofis və inzibati işlər",
        "Офисная работа",
    ),
    (
        "elderly_care",
        "Care for the elderly",
        "Yaşlılara qulluq",
        "Уход за пожилыми",
    ),
    ("driving", "Driving", "Sürücülük", "Вождение"),
    (
        "listening",
        "Listening and peer support",
        "Dinləmə və həmyaşıd dəstəyi",
        "Поддержка и умение слушать",
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Skills::Table)
                .col(big_pk_auto(Skills::Id))
                .col(string_len_uniq(Skills::Code, 64))
                .col(string(Skills::NameEn))
                .col(string(Skills::NameAz))
                .col(string(Skills::NameRu))
                .col(boolean(Skills::Active).default(true))
                .to_owned(),
        )
        .await?;
        let mut insert = Query::insert();
        insert.into_table(Skills::Table).columns([
            Skills::Code,
            Skills::NameEn,
            Skills::NameAz,
            Skills::NameRu,
            Skills::Active,
        ]);
        for (code, en, az, ru) in DEFAULTS {
            insert.values_panic([
                (*code).into(),
                (*en).into(),
                (*az).into(),
                (*ru).into(),
                true.into(),
            ]);
        }
        m.exec_stmt(insert).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Skills::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Skills {
    Table,
    Id,
    Code,
    NameEn,
    NameAz,
    NameRu,
    Active,
}
