//! The case register: clients, who may see restricted ones, their orders and the restrictions
//! those orders bring.

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
                .table(Clients::Table)
                .col(big_pk_auto(Clients::Id))
                .col(string_len(Clients::Name, 200))
                .col(string_len(Clients::NameKey, 200))
                .col(date(Clients::BirthDate))
                .col(text(Clients::Languages))
                .col(string_len_null(Clients::Phone, 32))
                .col(string_len_null(Clients::Email, 254))
                .col(text_null(Clients::Address))
                .col(string_len_null(Clients::Settlement, 100))
                .col(double(Clients::Lat))
                .col(double(Clients::Lon))
                .col(big_integer_null(Clients::RegionId))
                .col(big_integer(Clients::CoordinatorId))
                .col(text(Clients::Needs))
                .col(text(Clients::Skills))
                .col(text_null(Clients::Interests))
                .col(text(Clients::Availability))
                .col(boolean(Clients::Restricted).default(false))
                .col(text_null(Clients::Notes))
                .col(date_null(Clients::ClosedOn))
                .col(text_null(Clients::CloseReason))
                .col(timestamp_with_time_zone(Clients::CreatedAt))
                .col(timestamp_with_time_zone(Clients::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Clients::Table, Clients::RegionId)
                        .to(Regions::Table, Regions::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Clients::Table, Clients::CoordinatorId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(Clients::Table, &["name_key"])).await?;
        m.create_index(index(Clients::Table, &["region_id"]))
            .await?;
        m.create_index(index(Clients::Table, &["coordinator_id"]))
            .await?;
        m.create_index(index(Clients::Table, &["lat", "lon"]))
            .await?;

        m.create_table(
            Table::create()
                .table(ClientAccess::Table)
                .col(big_integer(ClientAccess::ClientId))
                .col(big_integer(ClientAccess::UserId))
                .col(timestamp_with_time_zone(ClientAccess::GrantedAt))
                .primary_key(
                    Index::create()
                        .col(ClientAccess::ClientId)
                        .col(ClientAccess::UserId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ClientAccess::Table, ClientAccess::ClientId)
                        .to(Clients::Table, Clients::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ClientAccess::Table, ClientAccess::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(ClientAccess::Table, &["user_id"]))
            .await?;

        m.create_table(
            Table::create()
                .table(Orders::Table)
                .col(big_pk_auto(Orders::Id))
                .col(big_integer(Orders::ClientId))
                .col(string_len(Orders::Kind, 64))
                .col(string_len(Orders::Authority, 200))
                .col(string_len(Orders::Reference, 100))
                .col(text_null(Orders::Offence))
                .col(date(Orders::DecisionDate))
                .col(date(Orders::StartDate))
                .col(date(Orders::EndDate))
                .col(string_len(Orders::Status, 32))
                .col(integer_null(Orders::HoursOrdered))
                .col(text_null(Orders::Notes))
                .col(timestamp_with_time_zone(Orders::CreatedAt))
                .col(timestamp_with_time_zone(Orders::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Orders::Table, Orders::ClientId)
                        .to(Clients::Table, Clients::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(Orders::Table, &["client_id"])).await?;
        m.create_index(index(Orders::Table, &["kind", "status"]))
            .await?;

        m.create_table(
            Table::create()
                .table(ClientRestrictions::Table)
                .col(big_pk_auto(ClientRestrictions::Id))
                .col(big_integer(ClientRestrictions::ClientId))
                .col(big_integer_null(ClientRestrictions::OrderId))
                .col(string_len(ClientRestrictions::Kind, 32))
                .col(text_null(ClientRestrictions::WorkKinds))
                .col(text_null(ClientRestrictions::Area))
                .col(integer_null(ClientRestrictions::CurfewStart))
                .col(integer_null(ClientRestrictions::CurfewEnd))
                .col(string_len_null(ClientRestrictions::RiskFlag, 64))
                .col(text_null(ClientRestrictions::Note))
                .col(timestamp_with_time_zone(ClientRestrictions::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ClientRestrictions::Table, ClientRestrictions::ClientId)
                        .to(Clients::Table, Clients::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ClientRestrictions::Table, ClientRestrictions::OrderId)
                        .to(Orders::Table, Orders::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(ClientRestrictions::Table, &["client_id"]))
            .await?;
        m.create_index(index(ClientRestrictions::Table, &["order_id"]))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ClientRestrictions::Table.into_iden(),
            Orders::Table.into_iden(),
            ClientAccess::Table.into_iden(),
            Clients::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
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
pub enum Clients {
    Table,
    Id,
    Name,
    NameKey,
    BirthDate,
    Languages,
    Phone,
    Email,
    Address,
    Settlement,
    Lat,
    Lon,
    RegionId,
    CoordinatorId,
    Needs,
    Skills,
    Interests,
    Availability,
    Restricted,
    Notes,
    ClosedOn,
    CloseReason,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ClientAccess {
    Table,
    ClientId,
    UserId,
    GrantedAt,
}

#[derive(DeriveIden)]
enum Orders {
    Table,
    Id,
    ClientId,
    Kind,
    Authority,
    Reference,
    Offence,
    DecisionDate,
    StartDate,
    EndDate,
    Status,
    HoursOrdered,
    Notes,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ClientRestrictions {
    Table,
    Id,
    ClientId,
    OrderId,
    Kind,
    WorkKinds,
    Area,
    CurfewStart,
    CurfewEnd,
    RiskFlag,
    Note,
    CreatedAt,
}
