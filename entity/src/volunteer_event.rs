//! One entry of a volunteer's vetting history: a transition, a check or training recorded, a
//! note added (without its text), a profile change. Appended, never edited, except that
//! erasing a volunteer's personal data clears the free-text reasons.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "volunteer_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub volunteer_id: i64,
    pub at: DateTimeUtc,
    /// The user who acted; `None` for the volunteer before approval or the system.
    pub actor_id: Option<i64>,
    pub actor_label: String,
    /// `transition`, `check`, `training`, `note`, `profile`, `paused`, `resumed`, `reminder` …
    pub kind: String,
    pub from_stage: Option<String>,
    pub to_stage: Option<String>,
    pub reason: Option<String>,
    /// JSON details (outcome, module, dates).
    pub detail: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
