//! A training module completed by a volunteer, as recorded by a coordinator.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "volunteer_trainings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub volunteer_id: i64,
    pub module_id: i64,
    pub completed_on: chrono::NaiveDate,
    /// When the completion lapses (from the module's validity at the time).
    pub expires_on: Option<chrono::NaiveDate>,
    pub recorded_by: Option<i64>,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
