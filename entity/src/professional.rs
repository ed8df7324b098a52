//! A psychologist or social worker in the service's register (staff or contracted).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "professionals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    /// The name folded for sorting.
    pub name_key: String,
    /// Name, organisation and settlement folded (and their ASCII stand-ins) for search.
    pub search_key: String,
    /// `psychologist` or `social_worker` (`domain::specialty::ProfessionalKind`).
    pub kind: String,
    pub organisation: String,
    pub email: String,
    pub phone: String,
    pub settlement: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub in_person: bool,
    pub remote: bool,
    /// Clients at once, at least 1.
    pub caseload_capacity: i32,
    /// Weekly availability as JSON (`domain::availability::Weekly`).
    pub availability: String,
    pub active: bool,
    /// The professional's own account (role `psychologist`), if they have one.
    #[sea_orm(unique)]
    pub user_id: Option<i64>,
    pub region_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::UserId",
        to = "super::user::Column::Id"
    )]
    User,
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::RegionId",
        to = "super::region::Column::Id"
    )]
    Region,
}

impl ActiveModelBehavior for ActiveModel {}
