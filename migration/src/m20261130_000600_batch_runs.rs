//! Batch proposals: a run assigns every waiting client of a region to sites or mentors at
//! once (exact optimum of the engine); its proposals, one row per waiting client (no
//! candidate when none could be proposed), wait for a coordinator to accept them.

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
                .table(BatchRuns::Table)
                .col(big_pk_auto(BatchRuns::Id))
                .col(big_integer(BatchRuns::RegionId))
                .col(string_len(BatchRuns::Kind, 16))
                .col(integer(BatchRuns::Waiting))
                .col(integer(BatchRuns::LeftOut).default(0))
                .col(integer(BatchRuns::Proposed))
                .col(big_integer(BatchRuns::TotalCost))
                .col(boolean(BatchRuns::ProvenOptimal))
                .col(integer(BatchRuns::Rounds))
                .col(integer(BatchRuns::Milliseconds))
                .col(big_integer_null(BatchRuns::CreatedBy))
                .col(timestamp_with_time_zone(BatchRuns::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(BatchRuns::Table, BatchRuns::RegionId)
                        .to(Regions::Table, Regions::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(BatchRuns::Table, &["region_id", "created_at"]))
            .await?;
        m.create_table(
            Table::create()
                .table(BatchProposals::Table)
                .col(big_pk_auto(BatchProposals::Id))
                .col(big_integer(BatchProposals::RunId))
                .col(big_integer(BatchProposals::ClientId))
                .col(big_integer_null(BatchProposals::CandidateId))
                .col(big_integer_null(BatchProposals::Cost))
                .col(double_null(BatchProposals::DistanceM))
                .col(string_len_null(BatchProposals::Unassigned, 32))
                .col(string_len(BatchProposals::Status, 16))
                .col(text_null(BatchProposals::Outcome))
                .col(big_integer_null(BatchProposals::CreatedId))
                .col(timestamp_with_time_zone_null(BatchProposals::DecidedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(BatchProposals::Table, BatchProposals::RunId)
                        .to(BatchRuns::Table, BatchRuns::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(BatchProposals::Table, BatchProposals::ClientId)
                        .to(Clients::Table, Clients::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(BatchProposals::Table, &["run_id"]))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(BatchProposals::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(BatchRuns::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum BatchRuns {
    Table,
    Id,
    RegionId,
    Kind,
    Waiting,
    LeftOut,
    Proposed,
    TotalCost,
    ProvenOptimal,
    Rounds,
    Milliseconds,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum BatchProposals {
    Table,
    Id,
    RunId,
    ClientId,
    CandidateId,
    Cost,
    DistanceM,
    Unassigned,
    Status,
    Outcome,
    CreatedId,
    DecidedAt,
}

#[derive(DeriveIden)]
enum Regions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Clients {
    Table,
    Id,
}
