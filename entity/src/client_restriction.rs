//! A restriction on a client, brought by an order (or, without an order, by the risk
//! assessment). `kind` holds a `domain::restrictions::RestrictionKind` code; only the columns
//! of that kind are set.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "client_restrictions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub client_id: i64,
    pub order_id: Option<i64>,
    pub kind: String,
    /// JSON array of barred work kind codes (`barred_work`).
    pub work_kinds: Option<String>,
    /// Canonical GeoJSON (`permitted_area`, `exclusion_zone`).
    pub area: Option<String>,
    /// Curfew start and end, minutes after midnight (`curfew`).
    pub curfew_start: Option<i32>,
    pub curfew_end: Option<i32>,
    /// Risk flag code (`risk_flag`).
    pub risk_flag: Option<String>,
    /// Coordinator's note (never shown to site supervisors).
    pub note: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::client::Entity",
        from = "Column::ClientId",
        to = "super::client::Column::Id",
        on_delete = "Cascade"
    )]
    Client,
}

impl Related<super::client::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Client.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
