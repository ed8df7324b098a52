//! Placements: a client assigned to a site (created by matching, issue 6).

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
                .table(Placements::Table)
                .col(big_pk_auto(Placements::Id))
                .col(big_integer(Placements::ClientId))
                .col(big_integer(Placements::SiteId))
                .col(string_len(Placements::Status, 16))
                .col(date(Placements::StartedOn))
                .col(date_null(Placements::EndedOn))
                .col(text(Placements::Windows).default("[]"))
                .col(string_len_null(Placements::EndedReason, 500))
                .col(big_integer_null(Placements::CreatedBy))
                .col(timestamp_with_time_zone(Placements::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Placements::Table, Placements::ClientId)
                        .to(Clients::Table, Clients::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Placements::Table, Placements::SiteId)
                        .to(Sites::Table, Sites::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Placements::Table, Placements::CreatedBy)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(Placements::Table, &["site_id", "status"]))
            .await?;
        m.create_index(index(Placements::Table, &["client_id"]))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Placements::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Sites {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Clients {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Placements {
    Table,
    Id,
    ClientId,
    SiteId,
    Status,
    StartedOn,
    EndedOn,
    Windows,
    EndedReason,
    CreatedBy,
    CreatedAt,
}
