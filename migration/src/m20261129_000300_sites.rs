//! Placement sites run by host organisations, with their kinds of work, skills needed or
//! taught, languages and supervisors (user accounts).

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
                .table(Sites::Table)
                .col(big_pk_auto(Sites::Id))
                .col(string(Sites::Name))
                .col(string(Sites::NameKey))
                .col(text(Sites::SearchKey))
                .col(string(Sites::Organisation))
                .col(text(Sites::Address))
                .col(string_null(Sites::Settlement))
                .col(double(Sites::Lat))
                .col(double(Sites::Lon))
                .col(string(Sites::ContactName))
                .col(string(Sites::ContactPhone))
                .col(string(Sites::ContactEmail))
                .col(integer(Sites::Capacity))
                .col(text(Sites::Schedule))
                .col(boolean(Sites::ChildrenPresent))
                .col(boolean(Sites::VulnerableAdultsPresent))
                .col(boolean(Sites::NeedsDriving))
                .col(boolean(Sites::HeavyWork))
                .col(boolean(Sites::StepFreeAccess))
                .col(boolean(Sites::LoneWorking))
                .col(date(Sites::ActiveFrom))
                .col(date_null(Sites::ActiveTo))
                .col(big_integer_null(Sites::RegionId))
                .col(timestamp_with_time_zone(Sites::CreatedAt))
                .col(timestamp_with_time_zone(Sites::UpdatedAt))
                .check(Expr::col(Sites::Capacity).gte(1))
                .foreign_key(
                    ForeignKey::create()
                        .from(Sites::Table, Sites::RegionId)
                        .to(Regions::Table, Regions::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(Sites::Table, &["name_key"])).await?;
        m.create_index(index(Sites::Table, &["region_id"])).await?;
        m.create_index(index(Sites::Table, &["lat", "lon"])).await?;

        m.create_table(
            Table::create()
                .table(SiteWorkKinds::Table)
                .col(big_integer(SiteWorkKinds::SiteId))
                .col(string_len(SiteWorkKinds::WorkKind, 32))
                .primary_key(
                    Index::create()
                        .col(SiteWorkKinds::SiteId)
                        .col(SiteWorkKinds::WorkKind),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(SiteWorkKinds::Table, SiteWorkKinds::SiteId)
                        .to(Sites::Table, Sites::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(SiteWorkKinds::Table, &["work_kind"]))
            .await?;

        m.create_table(
            Table::create()
                .table(SiteSkills::Table)
                .col(big_integer(SiteSkills::SiteId))
                .col(string_len(SiteSkills::SkillCode, 64))
                .col(string_len(SiteSkills::Mode, 16))
                .primary_key(
                    Index::create()
                        .col(SiteSkills::SiteId)
                        .col(SiteSkills::SkillCode)
                        .col(SiteSkills::Mode),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(SiteSkills::Table, SiteSkills::SiteId)
                        .to(Sites::Table, Sites::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(SiteSkills::Table, SiteSkills::SkillCode)
                        .to(Skills::Table, Skills::Code),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(SiteSkills::Table, &["skill_code"]))
            .await?;

        m.create_table(
            Table::create()
                .table(SiteLanguages::Table)
                .col(big_integer(SiteLanguages::SiteId))
                .col(string_len(SiteLanguages::Language, 8))
                .primary_key(
                    Index::create()
                        .col(SiteLanguages::SiteId)
                        .col(SiteLanguages::Language),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(SiteLanguages::Table, SiteLanguages::SiteId)
                        .to(Sites::Table, Sites::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(SiteLanguages::Table, &["language"]))
            .await?;

        m.create_table(
            Table::create()
                .table(SiteSupervisors::Table)
                .col(big_integer(SiteSupervisors::SiteId))
                .col(big_integer(SiteSupervisors::UserId))
                .primary_key(
                    Index::create()
                        .col(SiteSupervisors::SiteId)
                        .col(SiteSupervisors::UserId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(SiteSupervisors::Table, SiteSupervisors::SiteId)
                        .to(Sites::Table, Sites::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(SiteSupervisors::Table, SiteSupervisors::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(SiteSupervisors::Table, &["user_id"]))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SiteSupervisors::Table.into_iden(),
            SiteLanguages::Table.into_iden(),
            SiteSkills::Table.into_iden(),
            SiteWorkKinds::Table.into_iden(),
            Sites::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Sites {
    Table,
    Id,
    Name,
    NameKey,
    SearchKey,
    Organisation,
    Address,
    Settlement,
    Lat,
    Lon,
    ContactName,
    ContactPhone,
    ContactEmail,
    Capacity,
    Schedule,
    ChildrenPresent,
    VulnerableAdultsPresent,
    NeedsDriving,
    HeavyWork,
    StepFreeAccess,
    LoneWorking,
    ActiveFrom,
    ActiveTo,
    RegionId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SiteWorkKinds {
    Table,
    SiteId,
    WorkKind,
}

#[derive(DeriveIden)]
enum SiteSkills {
    Table,
    SiteId,
    SkillCode,
    Mode,
}

#[derive(DeriveIden)]
enum SiteLanguages {
    Table,
    SiteId,
    Language,
}

#[derive(DeriveIden)]
enum SiteSupervisors {
    Table,
    SiteId,
    UserId,
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

#[derive(DeriveIden)]
enum Skills {
    Table,
    Code,
}
