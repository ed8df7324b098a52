//! A client: a person under probation supervision or needing support after a sentence.
//! Lists of codes (languages, needs, skills) and the weekly availability are JSON text.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "clients")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    /// The name folded for Azerbaijani-aware search.
    pub name_key: String,
    pub birth_date: Date,
    /// JSON array of ISO 639 codes.
    pub languages: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    /// Settlement of the home, as the gazetteer spells it (or as typed with a point).
    pub settlement: Option<String>,
    /// Home latitude (WGS84).
    pub lat: f64,
    /// Home longitude (WGS84).
    pub lon: f64,
    pub region_id: Option<i64>,
    /// The responsible coordinator.
    pub coordinator_id: i64,
    /// JSON array of need codes.
    pub needs: String,
    /// JSON array of skill codes.
    pub skills: String,
    /// Interests in the client's words.
    pub interests: Option<String>,
    /// JSON weekly availability.
    pub availability: String,
    /// Only named staff (and the responsible coordinator) may see a restricted client.
    pub restricted: bool,
    /// Coordinator's confidential notes.
    pub notes: Option<String>,
    /// When the case was closed.
    pub closed_on: Option<Date>,
    pub close_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::order::Entity")]
    Orders,
    #[sea_orm(has_many = "super::client_restriction::Entity")]
    Restrictions,
    #[sea_orm(has_many = "super::client_access::Entity")]
    Access,
}

impl Related<super::order::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Orders.def()
    }
}

impl Related<super::client_restriction::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Restrictions.def()
    }
}

impl Related<super::client_access::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Access.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
