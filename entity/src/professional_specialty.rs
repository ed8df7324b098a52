//! A specialty of a professional (`domain::specialty::Specialty` code).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "professional_specialties")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub professional_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub specialty: String,
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
