//! A skill from the curated list: what volunteers offer, sites teach or need, clients have or
//! want to learn.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "skills")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Stable code (`carpentry`), used in CSV files and the API.
    #[sea_orm(unique)]
    pub code: String,
    pub name_en: String,
    pub name_az: String,
    pub name_ru: String,
    pub active: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
