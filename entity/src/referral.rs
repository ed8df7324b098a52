//! A referral: a client sent to a psychologist or social worker. `status` is `pending`,
//! `accepted`, `declined` or `closed`; pending and accepted referrals count against the
//! professional's caseload.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "referrals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub client_id: i64,
    pub professional_id: i64,
    pub reason: String,
    pub status: String,
    pub outcome: Option<String>,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
