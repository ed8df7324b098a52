//! A training module volunteers take; admins define them, mandatory ones gate approval.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "training_modules")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Stable code (`safeguarding`), used in the API.
    #[sea_orm(unique)]
    pub code: String,
    pub name_en: String,
    pub name_az: String,
    pub name_ru: String,
    /// Approval requires a valid completion.
    pub mandatory: bool,
    /// A completion lapses after this many months (never when empty).
    pub validity_months: Option<i32>,
    /// Offered for new completions.
    pub active: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
