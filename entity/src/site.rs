//! A placement site run by a host organisation, where community service is done.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "sites")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    /// The name folded for sorting.
    pub name_key: String,
    /// Name, organisation, settlement and address folded (and their ASCII stand-ins) for search.
    pub search_key: String,
    pub organisation: String,
    pub address: String,
    /// The gazetteer settlement (or the place name typed with a point).
    pub settlement: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub contact_name: String,
    pub contact_phone: String,
    pub contact_email: String,
    /// People at once, at least 1.
    pub capacity: i32,
    /// Weekly sessions as JSON (`domain::availability::Weekly`).
    pub schedule: String,
    pub children_present: bool,
    pub vulnerable_adults_present: bool,
    pub needs_driving: bool,
    pub heavy_work: bool,
    pub step_free_access: bool,
    pub lone_working: bool,
    /// First day the site is active.
    pub active_from: Date,
    /// First day the site is no longer active (closed); `None` while open-ended.
    pub active_to: Option<Date>,
    pub region_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::RegionId",
        to = "super::region::Column::Id"
    )]
    Region,
}

impl Related<super::region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Region.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
