//! A batch run: every waiting client of a region assigned at once to sites or mentors
//! (`kind` is `site` or `mentor`), with the total cost of its proposals.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "batch_runs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub region_id: i64,
    pub kind: String,
    /// Waiting clients considered.
    pub waiting: i32,
    /// Waiting clients beyond the per-run limit, left for a later run.
    pub left_out: i32,
    /// Clients with a proposal.
    pub proposed: i32,
    /// Sum of the proposals' costs.
    pub total_cost: i64,
    /// The engine's duals proved the result optimal over every feasible pair.
    pub proven_optimal: bool,
    pub rounds: i32,
    /// Solve time.
    pub milliseconds: i32,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::batch_proposal::Entity")]
    Proposals,
}

impl Related<super::batch_proposal::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Proposals.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
