//! Assigning a helper to a client: a placement at a site, a mentoring, or a referral. One
//! write transaction re-checks the hard constraints and the capacity, so concurrent
//! assignments can never overfill a site, a mentor or a caseload: on SQLite the transaction
//! takes the write lock at its start (`BEGIN IMMEDIATE`); on PostgreSQL it locks the
//! candidate's row (`SELECT … FOR UPDATE`), so assignments to one candidate run one at a time.

use chrono::Utc;
use entity::{mentoring, placement, professional, referral, site, volunteer};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QuerySelect, Set,
};
use serde::Serialize;
use serde_json::json;

use super::cache::MatchingCache;
use super::usage::{self, MENTORING_ACTIVE, PLACEMENT_ACTIVE, REFERRAL_OPEN, SlotCounts};
use super::{convert, notify, suggest};
use crate::auth::current_user::AuthUser;
use crate::domain::availability::Weekly;
use crate::domain::matching::{CandidateKind, ClientProfile, Exclusion};
use crate::error::AppError;
use crate::mail::Mailer;
use crate::services::audit::{self, Actor, Event};
use crate::services::clients::access;

/// What an assignment created.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Assigned {
    /// A placement at a site.
    Placement {
        /// Placement id.
        id: i64,
        /// Site id.
        site_id: i64,
        /// Weekly slots the placement occupies.
        windows: Weekly,
    },
    /// A mentoring.
    Mentoring {
        /// Mentoring id.
        id: i64,
        /// Volunteer id.
        volunteer_id: i64,
    },
    /// A referral.
    Referral {
        /// Referral id.
        id: i64,
        /// Professional id.
        professional_id: i64,
    },
}

/// Why an assignment was refused.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Refusal {
    /// Hard constraints exclude the candidate (capacity aside).
    Excluded(Vec<Exclusion>),
    /// No place left (checked inside the transaction).
    Full,
    /// The client already has this helper.
    AlreadyAssigned,
}

/// What to assign.
#[derive(Clone, Debug)]
pub struct Request<'a> {
    /// The client.
    pub client_id: i64,
    /// Site, mentor or psychologist.
    pub kind: CandidateKind,
    /// The site, volunteer or professional.
    pub candidate_id: i64,
    /// Why the client is referred (referrals only).
    pub reason: &'a str,
}

/// Assigns a candidate to a client the actor may see. Returns what was created, or why not.
/// The people concerned are notified by e-mail in the same transaction (see [`notify`]). A
/// referral needs a reason (`error-required` on `reason`).
pub async fn assign(
    db: &DatabaseConnection,
    cache: &MatchingCache,
    mailer: &Mailer,
    actor: &AuthUser,
    ip: &str,
    request: &Request<'_>,
) -> Result<Result<Assigned, Refusal>, AppError> {
    let Request {
        client_id,
        kind,
        candidate_id,
        reason,
    } = *request;
    access::load_open(db, actor, ip, client_id).await?;
    if kind == CandidateKind::Psychologist && reason.trim().is_empty() {
        return Err(AppError::field("reason", "error-required"));
    }
    let (current, profile) = suggest::prepare(db, cache, client_id, kind).await?;
    let why = suggest::explain(&current, kind, &profile, candidate_id);
    if why.candidate.is_none() {
        return Err(AppError::NotFound);
    }
    if let Err(exclusions) = why.outcome {
        let hard: Vec<Exclusion> = exclusions
            .into_iter()
            .filter(|e| *e != Exclusion::NoCapacity)
            .collect();
        if !hard.is_empty() {
            return Ok(Err(Refusal::Excluded(hard)));
        }
    }
    let txn = crate::db::begin_write(db).await?;
    let outcome = match kind {
        CandidateKind::Site => place(&txn, actor, &profile, candidate_id).await?,
        CandidateKind::Mentor => mentor(&txn, actor, client_id, candidate_id).await?,
        CandidateKind::Psychologist => refer(&txn, actor, client_id, candidate_id, reason).await?,
    };
    let Ok(assigned) = outcome else {
        txn.rollback().await?;
        return Ok(outcome);
    };
    let (object, id) = match &assigned {
        Assigned::Placement { id, .. } => ("placement", *id),
        Assigned::Mentoring { id, .. } => ("mentoring", *id),
        Assigned::Referral { id, .. } => ("referral", *id),
    };
    audit::record(
        &txn,
        Event::new(Actor::user(actor), "matching.assigned", ip)
            .on("client", client_id)
            .detail(json!({ "object": object, "id": id, "candidate": candidate_id })),
    )
    .await?;
    notify::assigned(&txn, mailer, client_id, &assigned).await?;
    txn.commit().await?;
    Ok(Ok(assigned))
}

async fn place(
    txn: &DatabaseTransaction,
    actor: &AuthUser,
    client: &ClientProfile,
    site_id: i64,
) -> Result<Result<Assigned, Refusal>, AppError> {
    let site = site::Entity::find_by_id(site_id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let duplicate = placement::Entity::find()
        .filter(placement::Column::ClientId.eq(client.id))
        .filter(placement::Column::SiteId.eq(site_id))
        .filter(placement::Column::Status.eq(PLACEMENT_ACTIVE))
        .count(txn)
        .await?;
    if duplicate > 0 {
        return Ok(Err(Refusal::AlreadyAssigned));
    }
    let active: Vec<String> = placement::Entity::find()
        .select_only()
        .column(placement::Column::Windows)
        .filter(placement::Column::SiteId.eq(site_id))
        .filter(placement::Column::Status.eq(PLACEMENT_ACTIVE))
        .into_tuple()
        .all(txn)
        .await?;
    let mut counts = SlotCounts::default();
    for windows in &active {
        counts.add(&convert::weekly(&Weekly::from_json(windows)));
    }
    let schedule = convert::weekly(&Weekly::from_json(&site.schedule));
    let wanted = client.availability.intersection(&schedule);
    let room = counts.with_room(site.capacity.max(0) as u32, &wanted);
    if room.is_empty() {
        return Ok(Err(Refusal::Full));
    }
    let windows = usage::slots_to_weekly(&room);
    let row = placement::ActiveModel {
        client_id: Set(client.id),
        site_id: Set(site_id),
        status: Set(PLACEMENT_ACTIVE.into()),
        started_on: Set(Utc::now().date_naive()),
        ended_on: Set(None),
        windows: Set(windows.to_json()),
        ended_reason: Set(None),
        created_by: Set(Some(actor.id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(Ok(Assigned::Placement {
        id: row.id,
        site_id,
        windows,
    }))
}

async fn mentor(
    txn: &DatabaseTransaction,
    actor: &AuthUser,
    client_id: i64,
    volunteer_id: i64,
) -> Result<Result<Assigned, Refusal>, AppError> {
    let volunteer = volunteer::Entity::find_by_id(volunteer_id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let current = mentoring::Entity::find()
        .filter(mentoring::Column::VolunteerId.eq(volunteer_id))
        .filter(mentoring::Column::Status.eq(MENTORING_ACTIVE))
        .all(txn)
        .await?;
    if current.iter().any(|m| m.client_id == client_id) {
        return Ok(Err(Refusal::AlreadyAssigned));
    }
    if current.len() as i64 >= i64::from(volunteer.max_mentees) {
        return Ok(Err(Refusal::Full));
    }
    let row = mentoring::ActiveModel {
        client_id: Set(client_id),
        volunteer_id: Set(volunteer_id),
        status: Set(MENTORING_ACTIVE.into()),
        started_on: Set(Utc::now().date_naive()),
        ended_on: Set(None),
        ended_reason: Set(None),
        created_by: Set(Some(actor.id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(Ok(Assigned::Mentoring {
        id: row.id,
        volunteer_id,
    }))
}

async fn refer(
    txn: &DatabaseTransaction,
    actor: &AuthUser,
    client_id: i64,
    professional_id: i64,
    reason: &str,
) -> Result<Result<Assigned, Refusal>, AppError> {
    let professional = professional::Entity::find_by_id(professional_id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let open = referral::Entity::find()
        .filter(referral::Column::ProfessionalId.eq(professional_id))
        .filter(referral::Column::Status.is_in(REFERRAL_OPEN))
        .all(txn)
        .await?;
    if open.iter().any(|r| r.client_id == client_id) {
        return Ok(Err(Refusal::AlreadyAssigned));
    }
    if open.len() as i64 >= i64::from(professional.caseload_capacity) {
        return Ok(Err(Refusal::Full));
    }
    let row = referral::ActiveModel {
        client_id: Set(client_id),
        professional_id: Set(professional_id),
        reason: Set(reason.trim().chars().take(2000).collect()),
        status: Set("pending".into()),
        outcome: Set(None),
        created_by: Set(Some(actor.id)),
        created_at: Set(Utc::now()),
        decided_at: Set(None),
        closed_at: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(Ok(Assigned::Referral {
        id: row.id,
        professional_id,
    }))
}
