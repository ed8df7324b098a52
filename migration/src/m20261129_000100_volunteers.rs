//! Volunteers: applications and profiles, their vetting history, confidential interview
//! notes, e-mail verification tokens, training modules (seeded with five defaults) and
//! completions, and the record of expiry reminders sent.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::index;
use crate::m20261128_000001_accounts::{Regions, Users};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A default module: (code, English, Azerbaijani, Russian, mandatory, validity in months).
type Module = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
    Option<i32>,
);

const MODULES: &[Module] = &[
    (
        "intro_probation",
        "Introduction to probation",
        "Probasiya xidmətinə giriş",
        "Введение в пробацию",
        true,
        None,
    ),
    (
        "boundaries_confidentiality",
        "Boundaries and confidentiality",
        "Sərhədlər və məxfilik",
        "Границы и конфиденциальность",
        true,
        None,
    ),
    (
        "safeguarding",
        "Safeguarding",
        "Həssas şəxslərin müdafiəsi",
        "Защита уязвимых лиц",
        true,
        Some(24),
    ),
    (
        "motivational_interviewing",
        "Motivational interviewing",
        "Motivasiyaedici müsahibə",
        "Мотивационное консультирование",
        false,
        None,
    ),
    (
        "education_employment",
        "Supporting education and employment",
        "Təhsil və məşğulluğa dəstək",
        "Поддержка в учёбе и трудоустройстве",
        false,
        None,
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Volunteers::Table)
                .col(big_pk_auto(Volunteers::Id))
                .col(string(Volunteers::Name))
                .col(string(Volunteers::NameKey))
                .col(string(Volunteers::Email))
                .col(string_uniq(Volunteers::EmailKey))
                .col(string_len_null(Volunteers::Phone, 40))
                .col(string_len(Volunteers::Language, 8))
                .col(text(Volunteers::Languages))
                .col(text(Volunteers::Skills))
                .col(text(Volunteers::SkillsOther))
                .col(text(Volunteers::RolesSought))
                .col(string_len_null(Volunteers::ProfessionalKind, 32))
                .col(text(Volunteers::Specialties))
                .col(string_null(Volunteers::Settlement))
                .col(double_null(Volunteers::Lat))
                .col(double_null(Volunteers::Lon))
                .col(big_integer_null(Volunteers::RegionId))
                .col(integer(Volunteers::TravelKm))
                .col(text(Volunteers::Availability))
                .col(text(Volunteers::Motivation))
                .col(timestamp_with_time_zone(Volunteers::ConsentAt))
                .col(string_len(Volunteers::PrivacyVersion, 32))
                .col(string_len(Volunteers::Stage, 32))
                .col(text_null(Volunteers::StageReason))
                .col(timestamp_with_time_zone(Volunteers::StageChangedAt))
                .col(big_integer_null(Volunteers::UserId))
                .col(boolean(Volunteers::Paused).default(false))
                .col(integer(Volunteers::MaxMentees).default(2))
                .col(string_len_null(Volunteers::CheckOutcome, 16))
                .col(date_null(Volunteers::CheckedOn))
                .col(date_null(Volunteers::CheckExpiresOn))
                .col(timestamp_with_time_zone(Volunteers::CreatedAt))
                .col(timestamp_with_time_zone(Volunteers::UpdatedAt))
                .col(timestamp_with_time_zone_null(
                    Volunteers::DeletionRequestedAt,
                ))
                .col(timestamp_with_time_zone_null(Volunteers::ErasedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Volunteers::Table, Volunteers::RegionId)
                        .to(Regions::Table, Regions::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Volunteers::Table, Volunteers::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(Volunteers::Table, &["stage", "created_at"]))
            .await?;
        m.create_index(index(Volunteers::Table, &["name_key"]))
            .await?;
        m.create_index(index(Volunteers::Table, &["user_id"]))
            .await?;
        m.create_index(index(Volunteers::Table, &["region_id"]))
            .await?;

        m.create_table(
            Table::create()
                .table(VolunteerEvents::Table)
                .col(big_pk_auto(VolunteerEvents::Id))
                .col(big_integer(VolunteerEvents::VolunteerId))
                .col(timestamp_with_time_zone(VolunteerEvents::At))
                .col(big_integer_null(VolunteerEvents::ActorId))
                .col(string(VolunteerEvents::ActorLabel))
                .col(string_len(VolunteerEvents::Kind, 32))
                .col(string_len_null(VolunteerEvents::FromStage, 32))
                .col(string_len_null(VolunteerEvents::ToStage, 32))
                .col(text_null(VolunteerEvents::Reason))
                .col(text(VolunteerEvents::Detail))
                .foreign_key(
                    ForeignKey::create()
                        .from(VolunteerEvents::Table, VolunteerEvents::VolunteerId)
                        .to(Volunteers::Table, Volunteers::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(VolunteerEvents::Table, &["volunteer_id", "at"]))
            .await?;

        m.create_table(
            Table::create()
                .table(VolunteerNotes::Table)
                .col(big_pk_auto(VolunteerNotes::Id))
                .col(big_integer(VolunteerNotes::VolunteerId))
                .col(big_integer_null(VolunteerNotes::AuthorId))
                .col(string(VolunteerNotes::AuthorLabel))
                .col(text(VolunteerNotes::Body))
                .col(timestamp_with_time_zone(VolunteerNotes::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(VolunteerNotes::Table, VolunteerNotes::VolunteerId)
                        .to(Volunteers::Table, Volunteers::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(VolunteerNotes::Table, &["volunteer_id"]))
            .await?;

        m.create_table(
            Table::create()
                .table(VolunteerTokens::Table)
                .col(big_pk_auto(VolunteerTokens::Id))
                .col(big_integer(VolunteerTokens::VolunteerId))
                .col(string_len_uniq(VolunteerTokens::TokenHash, 64))
                .col(timestamp_with_time_zone(VolunteerTokens::ExpiresAt))
                .col(timestamp_with_time_zone_null(VolunteerTokens::UsedAt))
                .col(timestamp_with_time_zone(VolunteerTokens::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(VolunteerTokens::Table, VolunteerTokens::VolunteerId)
                        .to(Volunteers::Table, Volunteers::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(TrainingModules::Table)
                .col(big_pk_auto(TrainingModules::Id))
                .col(string_len_uniq(TrainingModules::Code, 64))
                .col(string(TrainingModules::NameEn))
                .col(string(TrainingModules::NameAz))
                .col(string(TrainingModules::NameRu))
                .col(boolean(TrainingModules::Mandatory).default(true))
                .col(integer_null(TrainingModules::ValidityMonths))
                .col(boolean(TrainingModules::Active).default(true))
                .to_owned(),
        )
        .await?;
        let mut insert = Query::insert();
        insert.into_table(TrainingModules::Table).columns([
            TrainingModules::Code,
            TrainingModules::NameEn,
            TrainingModules::NameAz,
            TrainingModules::NameRu,
            TrainingModules::Mandatory,
            TrainingModules::ValidityMonths,
            TrainingModules::Active,
        ]);
        for (code, en, az, ru, mandatory, months) in MODULES {
            insert.values_panic([
                (*code).into(),
                (*en).into(),
                (*az).into(),
                (*ru).into(),
                (*mandatory).into(),
                (*months).into(),
                true.into(),
            ]);
        }
        m.exec_stmt(insert).await?;

        m.create_table(
            Table::create()
                .table(VolunteerTrainings::Table)
                .col(big_pk_auto(VolunteerTrainings::Id))
                .col(big_integer(VolunteerTrainings::VolunteerId))
                .col(big_integer(VolunteerTrainings::ModuleId))
                .col(date(VolunteerTrainings::CompletedOn))
                .col(date_null(VolunteerTrainings::ExpiresOn))
                .col(big_integer_null(VolunteerTrainings::RecordedBy))
                .col(timestamp_with_time_zone(VolunteerTrainings::RecordedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(VolunteerTrainings::Table, VolunteerTrainings::VolunteerId)
                        .to(Volunteers::Table, Volunteers::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(VolunteerTrainings::Table, VolunteerTrainings::ModuleId)
                        .to(TrainingModules::Table, TrainingModules::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(VolunteerTrainings::Table, VolunteerTrainings::RecordedBy)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            VolunteerTrainings::Table,
            &["volunteer_id", "module_id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(VolunteerReminders::Table)
                .col(big_pk_auto(VolunteerReminders::Id))
                .col(big_integer(VolunteerReminders::VolunteerId))
                .col(string_len(VolunteerReminders::Subject, 80))
                .col(date(VolunteerReminders::ExpiresOn))
                .col(timestamp_with_time_zone(VolunteerReminders::SentAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(VolunteerReminders::Table, VolunteerReminders::VolunteerId)
                        .to(Volunteers::Table, Volunteers::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        // One reminder per volunteer, subject and expiry date, even with several instances.
        m.create_index(
            index(
                VolunteerReminders::Table,
                &["volunteer_id", "subject", "expires_on"],
            )
            .unique()
            .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            VolunteerReminders::Table.into_iden(),
            VolunteerTrainings::Table.into_iden(),
            TrainingModules::Table.into_iden(),
            VolunteerTokens::Table.into_iden(),
            VolunteerNotes::Table.into_iden(),
            VolunteerEvents::Table.into_iden(),
            Volunteers::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Volunteers {
    Table,
    Id,
    Name,
    NameKey,
    Email,
    EmailKey,
    Phone,
    Language,
    Languages,
    Skills,
    SkillsOther,
    RolesSought,
    ProfessionalKind,
    Specialties,
    Settlement,
    Lat,
    Lon,
    RegionId,
    TravelKm,
    Availability,
    Motivation,
    ConsentAt,
    PrivacyVersion,
    Stage,
    StageReason,
    StageChangedAt,
    UserId,
    Paused,
    MaxMentees,
    CheckOutcome,
    CheckedOn,
    CheckExpiresOn,
    CreatedAt,
    UpdatedAt,
    DeletionRequestedAt,
    ErasedAt,
}

#[derive(DeriveIden)]
enum VolunteerEvents {
    Table,
    Id,
    VolunteerId,
    At,
    ActorId,
    ActorLabel,
    Kind,
    FromStage,
    ToStage,
    Reason,
    Detail,
}

#[derive(DeriveIden)]
enum VolunteerNotes {
    Table,
    Id,
    VolunteerId,
    AuthorId,
    AuthorLabel,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum VolunteerTokens {
    Table,
    Id,
    VolunteerId,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum TrainingModules {
    Table,
    Id,
    Code,
    NameEn,
    NameAz,
    NameRu,
    Mandatory,
    ValidityMonths,
    Active,
}

#[derive(DeriveIden)]
enum VolunteerTrainings {
    Table,
    Id,
    VolunteerId,
    ModuleId,
    CompletedOn,
    ExpiresOn,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum VolunteerReminders {
    Table,
    Id,
    VolunteerId,
    Subject,
    ExpiresOn,
    SentAt,
}
