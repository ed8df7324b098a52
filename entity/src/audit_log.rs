//! Append-only record of who did what, when, from where. Never updated or deleted.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    pub actor_id: Option<i64>,
    /// The actor's e-mail at the time, or `system` / `anonymous`.
    pub actor_label: String,
    pub action: String,
    pub object_type: Option<String>,
    pub object_id: Option<i64>,
    pub ip: String,
    /// JSON with the details of the event.
    pub detail: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
