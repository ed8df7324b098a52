//! One waiting client of a batch run: the proposed candidate and its cost, or (no
//! candidate) why none was proposed. `status` is `proposed`, `accepted` or `refused`;
//! `outcome` holds the refusal (JSON) and `created_id` the placement or mentoring made.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "batch_proposals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub run_id: i64,
    pub client_id: i64,
    pub candidate_id: Option<i64>,
    pub cost: Option<i64>,
    pub distance_m: Option<f64>,
    /// Why no candidate: `no_feasible_candidate` or `no_place_left`.
    pub unassigned: Option<String>,
    pub status: String,
    pub outcome: Option<String>,
    pub created_id: Option<i64>,
    pub decided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::batch_run::Entity",
        from = "Column::RunId",
        to = "super::batch_run::Column::Id",
        on_delete = "Cascade"
    )]
    Run,
}

impl Related<super::batch_run::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Run.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
