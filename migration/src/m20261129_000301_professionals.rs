//! The register of psychologists and social workers (staff or contracted), with specialties
//! and languages.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Professionals::Table)
                .col(big_pk_auto(Professionals::Id))
                .col(string(Professionals::Name))
                .col(string(Professionals::NameKey))
                .col(text(Professionals::SearchKey))
                .col(string_len(Professionals::Kind, 32))
                .col(string(Professionals::Organisation))
                .col(string(Professionals::Email))
                .col(string(Professionals::Phone))
                .col(string_null(Professionals::Settlement))
                .col(double(Professionals::Lat))
                .col(double(Professionals::Lon))
                .col(boolean(Professionals::InPerson))
                .col(boolean(Professionals::Remote))
                .col(integer(Professionals::CaseloadCapacity))
                .col(text(Professionals::Availability))
                .col(boolean(Professionals::Active))
                .col(big_integer_null(Professionals::UserId).unique_key())
                .col(big_integer_null(Professionals::RegionId))
                .col(timestamp_with_time_zone(Professionals::CreatedAt))
                .col(timestamp_with_time_zone(Professionals::UpdatedAt))
                .check(Expr::col(Professionals::CaseloadCapacity).gte(1))
                .foreign_key(
                    ForeignKey::create()
                        .from(Professionals::Table, Professionals::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Professionals::Table, Professionals::RegionId)
                        .to(Regions::Table, Regions::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(Professionals::Table, &["name_key"]))
            .await?;
        m.create_index(index(Professionals::Table, &["region_id"]))
            .await?;

        m.create_table(
            Table::create()
                .table(ProfessionalSpecialties::Table)
                .col(big_integer(ProfessionalSpecialties::ProfessionalId))
                .col(string_len(ProfessionalSpecialties::Specialty, 32))
                .primary_key(
                    Index::create()
                        .col(ProfessionalSpecialties::ProfessionalId)
                        .col(ProfessionalSpecialties::Specialty),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(
                            ProfessionalSpecialties::Table,
                            ProfessionalSpecialties::ProfessionalId,
                        )
                        .to(Professionals::Table, Professionals::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(ProfessionalSpecialties::Table, &["specialty"]))
            .await?;

        m.create_table(
            Table::create()
                .table(ProfessionalLanguages::Table)
                .col(big_integer(ProfessionalLanguages::ProfessionalId))
                .col(string_len(ProfessionalLanguages::Language, 8))
                .primary_key(
                    Index::create()
                        .col(ProfessionalLanguages::ProfessionalId)
                        .col(ProfessionalLanguages::Language),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(
                            ProfessionalLanguages::Table,
                            ProfessionalLanguages::ProfessionalId,
                        )
                        .to(Professionals::Table, Professionals::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(ProfessionalLanguages::Table, &["language"]))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ProfessionalLanguages::Table.into_iden(),
            ProfessionalSpecialties::Table.into_iden(),
            Professionals::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Professionals {
    Table,
    Id,
    Name,
    NameKey,
    SearchKey,
    Kind,
    Organisation,
    Email,
    Phone,
    Settlement,
    Lat,
    Lon,
    InPerson,
    Remote,
    CaseloadCapacity,
    Availability,
    Active,
    UserId,
    RegionId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ProfessionalSpecialties {
    Table,
    ProfessionalId,
    Specialty,
}

#[derive(DeriveIden)]
enum ProfessionalLanguages {
    Table,
    ProfessionalId,
    Language,
}

#[derive(DeriveIden)]
enum Regions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
