//! Matching: mentorings (a volunteer mentor assigned to a client), referrals (a client sent
//! to a psychologist or social worker), and generation counters that tell every instance when
//! its in-memory candidate index or capacity usage is out of date. Triggers bump the counters
//! on any change to the tables they summarise, so no code path can forget to.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables whose changes make the candidate index stale.
const CANDIDATE_TABLES: &[&str] = &[
    "sites",
    "site_languages",
    "site_skills",
    "site_work_kinds",
    "volunteers",
    "volunteer_trainings",
    "training_modules",
    "professionals",
    "professional_languages",
    "professional_specialties",
    "skills",
];

/// Tables whose changes make capacity usage stale.
const USAGE_TABLES: &[&str] = &["placements", "mentorings", "referrals"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Mentorings::Table)
                .col(big_pk_auto(Mentorings::Id))
                .col(big_integer(Mentorings::ClientId))
                .col(big_integer(Mentorings::VolunteerId))
                .col(string_len(Mentorings::Status, 16))
                .col(date(Mentorings::StartedOn))
                .col(date_null(Mentorings::EndedOn))
                .col(string_len_null(Mentorings::EndedReason, 500))
                .col(big_integer_null(Mentorings::CreatedBy))
                .col(timestamp_with_time_zone(Mentorings::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Mentorings::Table, Mentorings::ClientId)
                        .to(Clients::Table, Clients::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Mentorings::Table, Mentorings::VolunteerId)
                        .to(Volunteers::Table, Volunteers::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(Mentorings::Table, &["volunteer_id", "status"]))
            .await?;
        m.create_index(index(Mentorings::Table, &["client_id"]))
            .await?;

        m.create_table(
            Table::create()
                .table(Referrals::Table)
                .col(big_pk_auto(Referrals::Id))
                .col(big_integer(Referrals::ClientId))
                .col(big_integer(Referrals::ProfessionalId))
                .col(text(Referrals::Reason))
                .col(string_len(Referrals::Status, 16))
                .col(text_null(Referrals::Outcome))
                .col(big_integer_null(Referrals::CreatedBy))
                .col(timestamp_with_time_zone(Referrals::CreatedAt))
                .col(timestamp_with_time_zone_null(Referrals::DecidedAt))
                .col(timestamp_with_time_zone_null(Referrals::ClosedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Referrals::Table, Referrals::ClientId)
                        .to(Clients::Table, Clients::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Referrals::Table, Referrals::ProfessionalId)
                        .to(Professionals::Table, Professionals::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(Referrals::Table, &["professional_id", "status"]))
            .await?;
        m.create_index(index(Referrals::Table, &["client_id"]))
            .await?;

        m.create_table(
            Table::create()
                .table(MatchingGeneration::Table)
                .col(string_len(MatchingGeneration::Name, 32).primary_key())
                .col(big_integer(MatchingGeneration::Generation).default(0))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        db.execute_unprepared(
            "INSERT INTO matching_generation (name, generation) VALUES ('candidates', 0), ('usage', 0)",
        )
        .await?;
        for (counter, tables) in [("candidates", CANDIDATE_TABLES), ("usage", USAGE_TABLES)] {
            bump_on_change(m, counter, tables).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            MatchingGeneration::Table.into_iden(),
            Referrals::Table.into_iden(),
            Mentorings::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

/// Adds triggers that add one to the `counter` row on any insert, update or delete of
/// `tables`: per statement on PostgreSQL, per row on SQLite (which has no statement triggers).
async fn bump_on_change(
    m: &SchemaManager<'_>,
    counter: &str,
    tables: &[&str],
) -> Result<(), DbErr> {
    let db = m.get_connection();
    let bump = format!(
        "UPDATE matching_generation SET generation = generation + 1 WHERE name = '{counter}'"
    );
    match m.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            db.execute_unprepared(&format!(
                "CREATE FUNCTION bump_{counter}_generation() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN {bump}; RETURN NULL; END $$"
            ))
            .await?;
            for table in tables {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER {table}_bump_{counter} AFTER INSERT OR UPDATE OR DELETE ON {table} \
                     FOR EACH STATEMENT EXECUTE FUNCTION bump_{counter}_generation()"
                ))
                .await?;
            }
        }
        _ => {
            for table in tables {
                for op in ["INSERT", "UPDATE", "DELETE"] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {table}_bump_{counter}_{op} AFTER {op} ON {table} \
                         BEGIN {bump}; END"
                    ))
                    .await?;
                }
            }
        }
    }
    Ok(())
}

#[derive(DeriveIden)]
enum Mentorings {
    Table,
    Id,
    ClientId,
    VolunteerId,
    Status,
    StartedOn,
    EndedOn,
    EndedReason,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Referrals {
    Table,
    Id,
    ClientId,
    ProfessionalId,
    Reason,
    Status,
    Outcome,
    CreatedBy,
    CreatedAt,
    DecidedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum MatchingGeneration {
    Table,
    Name,
    Generation,
}

#[derive(DeriveIden)]
enum Clients {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Volunteers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Professionals {
    Table,
    Id,
}
