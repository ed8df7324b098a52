//! A volunteer: the application as sent and the profile kept up to date, with where they
//! stand in vetting. Lists (languages, skills, roles sought, specialties, availability) are
//! JSON text so that SQLite and PostgreSQL share one schema.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Where a volunteer stands in vetting. The allowed moves between stages are the domain's
/// (`korpu::domain::vetting`).
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
pub enum Stage {
    /// Sent the form; e-mail not yet verified (invisible to matching).
    #[sea_orm(string_value = "applied")]
    Applied,
    /// Clicked the link in the verification e-mail.
    #[sea_orm(string_value = "email_verified")]
    EmailVerified,
    /// Invited to or in the interview.
    #[sea_orm(string_value = "interview")]
    Interview,
    /// Interview passed; the background check is under way.
    #[sea_orm(string_value = "background_check")]
    BackgroundCheck,
    /// Check passed; taking the training modules.
    #[sea_orm(string_value = "training")]
    Training,
    /// Approved: has an account and may be matched.
    #[sea_orm(string_value = "approved")]
    Approved,
    /// Turned down, with a reason.
    #[sea_orm(string_value = "rejected")]
    Rejected,
    /// Left, by their own wish or the service's record of it.
    #[sea_orm(string_value = "withdrawn")]
    Withdrawn,
    /// Approved before, now suspended, with a reason.
    #[sea_orm(string_value = "suspended")]
    Suspended,
}

impl Stage {
    /// Every stage in pipeline order.
    pub const ALL: [Stage; 9] = [
        Stage::Applied,
        Stage::EmailVerified,
        Stage::Interview,
        Stage::BackgroundCheck,
        Stage::Training,
        Stage::Approved,
        Stage::Rejected,
        Stage::Withdrawn,
        Stage::Suspended,
    ];

    /// The stored name (`email_verified`).
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Applied => "applied",
            Stage::EmailVerified => "email_verified",
            Stage::Interview => "interview",
            Stage::BackgroundCheck => "background_check",
            Stage::Training => "training",
            Stage::Approved => "approved",
            Stage::Rejected => "rejected",
            Stage::Withdrawn => "withdrawn",
            Stage::Suspended => "suspended",
        }
    }

    /// Parses the stored name (also with `-` for `_`).
    pub fn parse(name: &str) -> Option<Stage> {
        let name = name.trim().to_ascii_lowercase().replace('-', "_");
        Stage::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "volunteers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    /// The name folded for Azerbaijani-aware search.
    pub name_key: String,
    pub email: String,
    /// The e-mail folded; unique among volunteers.
    #[sea_orm(unique)]
    pub email_key: String,
    pub phone: Option<String>,
    /// Language of e-mails to the volunteer (`az`, `en`, `ru`).
    pub language: String,
    /// JSON list of ISO 639-1 codes spoken.
    pub languages: String,
    /// JSON list of skill codes from the curated list.
    pub skills: String,
    /// Other skills, as typed.
    pub skills_other: String,
    /// JSON list: `mentor`, `site_helper`, `professional`.
    pub roles_sought: String,
    /// `psychologist` or `social_worker`, for professionals.
    pub professional_kind: Option<String>,
    /// JSON list of specialty codes, for professionals.
    pub specialties: String,
    /// Home settlement as the gazetteer spells it (or as typed with a point).
    pub settlement: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// The region (nearest centre by default).
    pub region_id: Option<i64>,
    /// How far they will travel, km.
    pub travel_km: i32,
    /// Weekly availability (`domain::availability::Weekly` as JSON).
    pub availability: String,
    pub motivation: String,
    /// When they consented to the processing of their data …
    pub consent_at: DateTimeUtc,
    /// … under this version of the privacy notice.
    pub privacy_version: String,
    pub stage: Stage,
    /// Reason given for the last transition (rejection, suspension …).
    pub stage_reason: Option<String>,
    pub stage_changed_at: DateTimeUtc,
    /// The account created at approval.
    pub user_id: Option<i64>,
    /// The volunteer paused their availability.
    pub paused: bool,
    /// Mentees a mentor takes at most.
    pub max_mentees: i32,
    /// `passed` or `failed`.
    pub check_outcome: Option<String>,
    pub checked_on: Option<chrono::NaiveDate>,
    /// The check lapses on this day (no expiry when empty).
    pub check_expires_on: Option<chrono::NaiveDate>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// When the volunteer asked for their data to be deleted.
    pub deletion_requested_at: Option<DateTimeUtc>,
    /// When personal data was erased (the row stays, anonymous, for statistics).
    pub erased_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::RegionId",
        to = "super::region::Column::Id"
    )]
    Region,
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::UserId",
        to = "super::user::Column::Id"
    )]
    User,
}

impl Related<super::region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Region.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
