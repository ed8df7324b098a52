//! An order: a court or authority decision a client serves. `kind` and `status` hold the
//! codes of `domain::orders::{OrderKind, OrderStatus}`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "orders")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub client_id: i64,
    pub kind: String,
    /// Court or authority that decided.
    pub authority: String,
    /// Its case or decision reference.
    pub reference: String,
    /// The offence (never shown to site supervisors).
    pub offence: Option<String>,
    pub decision_date: Date,
    pub start_date: Date,
    pub end_date: Date,
    pub status: String,
    /// Whole hours ordered, for hour-counted kinds.
    pub hours_ordered: Option<i32>,
    pub notes: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
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
