//! Volunteers: sign-up and e-mail verification ([`signup`]), the vetting pipeline worked by
//! coordinators ([`vetting`]), the volunteer's own dashboard ([`own`]), expiry reminders
//! ([`reminders`]) and the list of volunteers that matching may use ([`matching::matchable`]).
//! This module holds the views shared by them and the coordinators' queue.

pub mod account;
pub mod matching;
pub mod own;
pub mod professional;
pub mod profile;
pub mod reminders;
pub mod signup;
pub mod status;
pub mod vetting;

pub use matching::{MatchableVolunteer, matchable};

use chrono::{NaiveDate, Utc};
use entity::{region, volunteer, volunteer_event, volunteer_note};
use sea_orm::sea_query::LikeExpr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use self::profile::read_list;
use self::status::{CheckView, ProblemView, TrainingStatus};
use super::audit::{self, Actor, Event};
use crate::domain::availability::Weekly;
use crate::domain::text::{like_escape, search_key};
use crate::domain::vetting::{Party, Stage, targets};
use crate::error::AppError;
use crate::i18n::Lang;

/// Version of the privacy notice a volunteer consents to at sign-up (change it when the notice
/// at `/privacy` changes).
pub const PRIVACY_NOTICE_VERSION: &str = "2026-11-28";

/// A volunteer as the queue lists them.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct VolunteerSummary {
    /// Id.
    pub id: i64,
    /// Name (empty once erased).
    pub name: String,
    /// E-mail.
    pub email: String,
    /// Stage: `applied`, `email_verified`, `interview`, `background_check`, `training`,
    /// `approved`, `rejected`, `withdrawn`, `suspended`.
    pub stage: String,
    /// What they want to do.
    pub roles_sought: Vec<String>,
    /// Region id.
    pub region_id: Option<i64>,
    /// Region name.
    pub region: Option<String>,
    /// Home settlement.
    pub settlement: Option<String>,
    /// Paused by the volunteer.
    pub paused: bool,
    /// Applied at.
    pub created_at: chrono::DateTime<Utc>,
    /// Personal data erased after withdrawal.
    pub erased: bool,
}

/// Filters of the queue.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::IntoParams)]
pub struct QueueFilter {
    /// Stage (see [`VolunteerSummary::stage`]); all when empty.
    #[serde(default)]
    pub stage: Option<String>,
    /// Region id.
    #[serde(default)]
    pub region_id: Option<i64>,
    /// Role sought: `mentor`, `site_helper`, `professional`.
    #[serde(default)]
    pub role: Option<String>,
    /// Name or e-mail contains (Azerbaijani-aware, case-insensitive).
    #[serde(default)]
    pub q: Option<String>,
    /// Page, from 1.
    #[serde(default)]
    pub page: Option<u64>,
}

fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A page of the queue, oldest stage change first (who has waited longest), with the total.
pub async fn queue(
    db: &impl ConnectionTrait,
    filter: &QueueFilter,
    per_page: u64,
) -> Result<(Vec<VolunteerSummary>, u64), AppError> {
    let mut select = volunteer::Entity::find()
        .order_by_asc(volunteer::Column::StageChangedAt)
        .order_by_asc(volunteer::Column::Id);
    if let Some(stage) = non_empty(&filter.stage) {
        let stage = Stage::parse(stage).ok_or(AppError::BadRequest("error-query-invalid"))?;
        select = select.filter(volunteer::Column::Stage.eq(stage));
    }
    if let Some(region_id) = filter.region_id {
        select = select.filter(volunteer::Column::RegionId.eq(region_id));
    }
    if let Some(role) = non_empty(&filter.role) {
        let role = crate::domain::volunteer::RoleSought::parse(role)
            .ok_or(AppError::BadRequest("error-query-invalid"))?;
        // The column is a JSON list of plain codes, so the quoted code is an exact match.
        select = select.filter(
            volunteer::Column::RolesSought
                .like(LikeExpr::new(format!("%\"{}\"%", like_escape(role.as_str()))).escape('\\')),
        );
    }
    let key = search_key(filter.q.as_deref().unwrap_or_default());
    if !key.is_empty() {
        let pattern = format!("%{}%", like_escape(&key));
        select = select.filter(
            Condition::any()
                .add(volunteer::Column::NameKey.like(LikeExpr::new(pattern.clone()).escape('\\')))
                .add(volunteer::Column::EmailKey.like(LikeExpr::new(pattern).escape('\\'))),
        );
    }
    let total = select.clone().count(db).await?;
    let page = filter.page.unwrap_or(1).max(1);
    let rows = select
        .offset((page - 1) * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    let regions = region_names(db).await?;
    Ok((
        rows.into_iter().map(|v| summary(v, &regions)).collect(),
        total,
    ))
}

async fn region_names(
    db: &impl ConnectionTrait,
) -> Result<std::collections::HashMap<i64, String>, AppError> {
    Ok(region::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect())
}

fn summary(
    v: volunteer::Model,
    regions: &std::collections::HashMap<i64, String>,
) -> VolunteerSummary {
    VolunteerSummary {
        id: v.id,
        region: v.region_id.and_then(|id| regions.get(&id).cloned()),
        roles_sought: read_list(&v.roles_sought),
        stage: v.stage.as_str().to_owned(),
        erased: v.erased_at.is_some(),
        name: v.name,
        email: v.email,
        region_id: v.region_id,
        settlement: v.settlement,
        paused: v.paused,
        created_at: v.created_at,
    }
}

/// A volunteer's profile and vetting status, as the volunteer and coordinators see it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct VolunteerProfile {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: Option<String>,
    /// Language of e-mails.
    pub language: String,
    /// Languages spoken.
    pub languages: Vec<String>,
    /// Skill codes.
    pub skills: Vec<String>,
    /// Skill names in the requested language.
    pub skill_names: Vec<String>,
    /// Other skills.
    pub skills_other: String,
    /// What they want to do.
    pub roles_sought: Vec<String>,
    /// `psychologist` or `social_worker`.
    pub professional_kind: Option<String>,
    /// Specialties of a professional.
    pub specialties: Vec<String>,
    /// Home settlement.
    pub settlement: Option<String>,
    /// Home latitude.
    pub lat: Option<f64>,
    /// Home longitude.
    pub lon: Option<f64>,
    /// Region id.
    pub region_id: Option<i64>,
    /// Region name.
    pub region: Option<String>,
    /// Travel distance, km.
    pub travel_km: i32,
    /// Weekly availability.
    pub availability: Weekly,
    /// Motivation.
    pub motivation: String,
    /// Mentees at most.
    pub max_mentees: i32,
    /// Paused by the volunteer.
    pub paused: bool,
    /// Stage.
    pub stage: String,
    /// Reason of the last transition.
    pub stage_reason: Option<String>,
    /// Since when at this stage.
    pub stage_changed_at: chrono::DateTime<Utc>,
    /// Applied at.
    pub created_at: chrono::DateTime<Utc>,
    /// Consent given at.
    pub consent_at: chrono::DateTime<Utc>,
    /// Version of the privacy notice consented to.
    pub privacy_version: String,
    /// The account created at approval.
    pub user_id: Option<i64>,
    /// The background check.
    pub check: Option<CheckView>,
    /// Training modules with the volunteer's completions.
    pub trainings: Vec<TrainingStatus>,
    /// What stands in the way of approval or matching today.
    pub problems: Vec<ProblemView>,
    /// Whether matching may use the volunteer today.
    pub matchable: bool,
    /// When the volunteer asked for their data to be deleted.
    pub deletion_requested_at: Option<chrono::DateTime<Utc>>,
    /// When personal data was erased.
    pub erased_at: Option<chrono::DateTime<Utc>>,
}

/// One entry of the vetting history.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct EventView {
    /// When.
    pub at: chrono::DateTime<Utc>,
    /// Who.
    pub actor: String,
    /// `applied`, `transition`, `check`, `training`, `note`, `profile`, `paused`, `resumed`,
    /// `reminder`, `erased`.
    pub kind: String,
    /// Stage before (transitions).
    pub from_stage: Option<String>,
    /// Stage after (transitions).
    pub to_stage: Option<String>,
    /// Reason given.
    pub reason: Option<String>,
    /// Details.
    pub detail: serde_json::Value,
}

/// A confidential interview note.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct NoteView {
    /// Written at.
    pub at: chrono::DateTime<Utc>,
    /// By.
    pub author: String,
    /// Text.
    pub body: String,
}

/// Everything a coordinator sees about a volunteer. Reading it is audited (interview notes
/// are confidential).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct VolunteerDetail {
    /// Profile and status.
    #[serde(flatten)]
    pub profile: VolunteerProfile,
    /// Stages a coordinator may move the volunteer to now (before guards).
    pub next_stages: Vec<String>,
    /// Vetting history, oldest first.
    pub events: Vec<EventView>,
    /// Interview notes, oldest first.
    pub notes: Vec<NoteView>,
}

/// Loads a volunteer row.
pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<volunteer::Model, AppError> {
    volunteer::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The profile view of a row, with skill names and training names in `lang`.
pub async fn profile_view(
    db: &impl ConnectionTrait,
    v: volunteer::Model,
    lang: Lang,
    today: NaiveDate,
) -> Result<VolunteerProfile, AppError> {
    let (readiness, trainings) = status::load(db, &v, lang, today).await?;
    let problems = readiness.problems(today);
    let matchable = v.stage == Stage::Approved && !v.paused && problems.is_empty();
    let problems = status::problem_views(&problems, &trainings, lang);
    let skill_list = super::skills::list(db, lang, true).await?;
    let skills = read_list(&v.skills);
    let skill_names = skills
        .iter()
        .map(|code| {
            skill_list
                .iter()
                .find(|s| &s.code == code)
                .map_or_else(|| code.clone(), |s| s.name.clone())
        })
        .collect();
    let region = match v.region_id {
        Some(id) => region::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| r.name),
        None => None,
    };
    Ok(VolunteerProfile {
        id: v.id,
        check: status::check_view(&v, today),
        name: v.name,
        email: v.email,
        phone: v.phone,
        language: v.language,
        languages: read_list(&v.languages),
        skills,
        skill_names,
        skills_other: v.skills_other,
        roles_sought: read_list(&v.roles_sought),
        professional_kind: v.professional_kind,
        specialties: read_list(&v.specialties),
        settlement: v.settlement,
        lat: v.lat,
        lon: v.lon,
        region_id: v.region_id,
        region,
        travel_km: v.travel_km,
        availability: Weekly::from_json(&v.availability),
        motivation: v.motivation,
        max_mentees: v.max_mentees,
        paused: v.paused,
        stage: v.stage.as_str().to_owned(),
        stage_reason: v.stage_reason,
        stage_changed_at: v.stage_changed_at,
        created_at: v.created_at,
        consent_at: v.consent_at,
        privacy_version: v.privacy_version,
        user_id: v.user_id,
        trainings,
        problems,
        matchable,
        deletion_requested_at: v.deletion_requested_at,
        erased_at: v.erased_at,
    })
}

/// Everything about a volunteer for a coordinator; the read is audited.
pub async fn detail(
    db: &impl ConnectionTrait,
    actor: &Actor,
    ip: &str,
    id: i64,
    lang: Lang,
    today: NaiveDate,
) -> Result<VolunteerDetail, AppError> {
    let v = find(db, id).await?;
    let next_stages = targets(v.stage, Party::Coordinator)
        .into_iter()
        .map(|s| s.as_str().to_owned())
        .collect();
    let profile = profile_view(db, v, lang, today).await?;
    let events = volunteer_event::Entity::find()
        .filter(volunteer_event::Column::VolunteerId.eq(id))
        .order_by_asc(volunteer_event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|e| EventView {
            at: e.at,
            actor: e.actor_label,
            kind: e.kind,
            from_stage: e.from_stage,
            to_stage: e.to_stage,
            reason: e.reason,
            detail: serde_json::from_str(&e.detail).unwrap_or(serde_json::Value::Null),
        })
        .collect();
    let notes = volunteer_note::Entity::find()
        .filter(volunteer_note::Column::VolunteerId.eq(id))
        .order_by_asc(volunteer_note::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|n| NoteView {
            at: n.created_at,
            author: n.author_label,
            body: n.body,
        })
        .collect::<Vec<_>>();
    audit::record(
        db,
        Event::new(actor.clone(), "volunteer.read", ip)
            .on("volunteer", id)
            .detail(json!({ "notes": notes.len() })),
    )
    .await?;
    Ok(VolunteerDetail {
        profile,
        next_stages,
        events,
        notes,
    })
}

/// The user id and label of an actor, for history rows.
pub(crate) fn actor_parts(actor: &Actor) -> (Option<i64>, String) {
    match actor {
        Actor::User { id, label } => (Some(*id), label.clone()),
        Actor::System => (None, "system".to_owned()),
        Actor::Anonymous(claimed) => (None, claimed.clone()),
    }
}

/// Appends an entry to a volunteer's history.
pub(crate) struct History<'a> {
    /// Volunteer.
    pub volunteer_id: i64,
    /// Who.
    pub actor: &'a Actor,
    /// Kind of entry.
    pub kind: &'static str,
    /// Transition, if one.
    pub stages: Option<(Stage, Stage)>,
    /// Reason, if given.
    pub reason: Option<String>,
    /// Details.
    pub detail: serde_json::Value,
}

impl History<'_> {
    /// Writes the entry on `db` (the transaction of the change).
    pub async fn write(self, db: &impl ConnectionTrait) -> Result<(), AppError> {
        self.row().insert(db).await?;
        Ok(())
    }

    /// The entry as a row to insert (with others, in a batch).
    pub fn row(self) -> volunteer_event::ActiveModel {
        let (actor_id, actor_label) = actor_parts(self.actor);
        volunteer_event::ActiveModel {
            volunteer_id: Set(self.volunteer_id),
            at: Set(Utc::now()),
            actor_id: Set(actor_id),
            actor_label: Set(actor_label),
            kind: Set(self.kind.to_owned()),
            from_stage: Set(self.stages.map(|(f, _)| f.as_str().to_owned())),
            to_stage: Set(self.stages.map(|(_, t)| t.as_str().to_owned())),
            reason: Set(self.reason.filter(|r| !r.is_empty())),
            detail: Set(self.detail.to_string()),
            ..Default::default()
        }
    }
}
