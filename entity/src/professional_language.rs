//! A language a professional works in (ISO 639 code).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "professional_languages")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub professional_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub language: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::professional::Entity",
        from = "Column::ProfessionalId",
        to = "super::professional::Column::Id",
        on_delete = "Cascade"
    )]
    Professional,
}

impl ActiveModelBehavior for ActiveModel {}
