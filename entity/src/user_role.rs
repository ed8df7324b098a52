//! Roles held by users; a user may hold several.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// What a user may do. Stored as a string so SQLite and PostgreSQL share one schema.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The service's system owner: users, roles, regions, settings.
    #[sea_orm(string_value = "admin")]
    Admin,
    /// A probation officer or placement coordinator.
    #[sea_orm(string_value = "coordinator")]
    Coordinator,
    /// Staff of a host organisation who records attendance.
    #[sea_orm(string_value = "site_supervisor")]
    SiteSupervisor,
    /// A psychologist or social worker who takes referrals.
    #[sea_orm(string_value = "psychologist")]
    Psychologist,
    /// An approved volunteer mentor.
    #[sea_orm(string_value = "mentor")]
    Mentor,
}

impl Role {
    /// All roles, in the order pages list them.
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Coordinator,
        Role::SiteSupervisor,
        Role::Psychologist,
        Role::Mentor,
    ];

    /// The stored and CLI name (`site_supervisor`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
            Role::SiteSupervisor => "site_supervisor",
            Role::Psychologist => "psychologist",
            Role::Mentor => "mentor",
        }
    }

    /// Parses the stored name; also accepts `site-supervisor` and `social_worker` (a psychologist).
    pub fn parse(name: &str) -> Option<Role> {
        match name.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "admin" => Some(Role::Admin),
            "coordinator" => Some(Role::Coordinator),
            "site_supervisor" | "supervisor" => Some(Role::SiteSupervisor),
            "psychologist" | "social_worker" => Some(Role::Psychologist),
            "mentor" => Some(Role::Mentor),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "user_roles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub role: Role,
    pub granted_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::UserId",
        to = "super::user::Column::Id",
        on_delete = "Cascade"
    )]
    User,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
