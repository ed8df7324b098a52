//! A client's placements, mentorings and referrals ("assignments"): listing them and ending one
//! with a reason, which frees its place (the `usage` generation triggers see the change, so
//! every instance's suggestions count it at the next request).

use chrono::{NaiveDate, Utc};
use entity::{mentoring, placement, professional, referral, site, volunteer};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::notify;
use super::usage::{MENTORING_ACTIVE, PLACEMENT_ACTIVE, REFERRAL_OPEN};
use crate::auth::current_user::AuthUser;
use crate::domain::availability::Weekly;
use crate::domain::case_fields;
use crate::domain::matching::CandidateKind;
use crate::error::{AppError, FieldErrors};
use crate::mail::Mailer;
use crate::services::audit::{self, Actor, Event};
use crate::services::clients::access;

/// Status of an ended placement or mentoring.
pub const ENDED: &str = "ended";
/// Status of a closed referral.
pub const REFERRAL_CLOSED: &str = "closed";

/// Ends a placement or mentoring row (locked for the transaction) that is still `active`:
/// status `ended`, the day and the reason. Evaluates to whether it was still active.
macro_rules! end_row {
    ($txn:expr, $table:ident, $id:expr, $active:expr, $today:expr, $reason:expr) => {{
        let row = $table::Entity::find_by_id($id)
            .lock_exclusive()
            .one($txn)
            .await?
            .ok_or(AppError::NotFound)?;
        let open = row.status == $active;
        if open {
            let mut row = row.into_active_model();
            row.status = Set(ENDED.into());
            row.ended_on = Set(Some($today));
            row.ended_reason = Set(Some($reason.clone()));
            row.update($txn).await?;
        }
        open
    }};
}

/// Longest reason for ending.
pub const REASON_MAX: usize = 500;

/// What kind of assignment: the URL and JSON code of each table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AssignmentKind {
    /// A placement at a site.
    Placement,
    /// A volunteer mentor.
    Mentoring,
    /// A referral to a psychologist or social worker.
    Referral,
}

impl AssignmentKind {
    /// `placement`, `mentoring` or `referral`.
    pub fn as_str(self) -> &'static str {
        match self {
            AssignmentKind::Placement => "placement",
            AssignmentKind::Mentoring => "mentoring",
            AssignmentKind::Referral => "referral",
        }
    }

    /// The kind named by `code`.
    pub fn parse(code: &str) -> Option<AssignmentKind> {
        [
            AssignmentKind::Placement,
            AssignmentKind::Mentoring,
            AssignmentKind::Referral,
        ]
        .into_iter()
        .find(|k| k.as_str() == code)
    }

    /// What an assignment of a candidate of `kind` creates.
    pub fn of(kind: CandidateKind) -> AssignmentKind {
        match kind {
            CandidateKind::Site => AssignmentKind::Placement,
            CandidateKind::Mentor => AssignmentKind::Mentoring,
            CandidateKind::Psychologist => AssignmentKind::Referral,
        }
    }
}

/// One assignment of a client, as the client's coordinator sees it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct AssignmentView {
    /// `placement`, `mentoring` or `referral`.
    pub kind: AssignmentKind,
    /// Id of the placement, mentoring or referral.
    pub id: i64,
    /// The client.
    pub client_id: i64,
    /// The site, volunteer or professional.
    pub helper_id: i64,
    /// Its name.
    pub helper_name: String,
    /// `active` or `ended` (placements, mentorings); `pending`, `accepted`, `declined` or
    /// `closed` (referrals).
    pub status: String,
    /// Whether it still holds a place.
    pub active: bool,
    /// First day (referrals: the day it was made).
    pub started_on: NaiveDate,
    /// Last day, once ended.
    pub ended_on: Option<NaiveDate>,
    /// Why it ended (referrals: the outcome).
    pub ended_reason: Option<String>,
    /// Why the client was referred (referrals only).
    pub reason: Option<String>,
    /// Weekly times the placement occupies (placements only).
    pub windows: Option<Weekly>,
}

/// (id, name) of the rows of `E` with the given ids.
async fn names<E: EntityTrait>(
    db: &impl ConnectionTrait,
    (id, name): (E::Column, E::Column),
    ids: Vec<i64>,
) -> Result<Vec<(i64, String)>, AppError> {
    Ok(E::find()
        .select_only()
        .column(id)
        .column(name)
        .filter(id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?)
}

fn name_of(names: &[(i64, String)], id: i64) -> String {
    names
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, n)| n.clone())
        .unwrap_or_default()
}

fn placement_view(p: placement::Model, helper_name: String) -> AssignmentView {
    AssignmentView {
        kind: AssignmentKind::Placement,
        id: p.id,
        client_id: p.client_id,
        helper_id: p.site_id,
        helper_name,
        active: p.status == PLACEMENT_ACTIVE,
        status: p.status,
        started_on: p.started_on,
        ended_on: p.ended_on,
        ended_reason: p.ended_reason,
        reason: None,
        windows: Some(Weekly::from_json(&p.windows)),
    }
}

fn mentoring_view(m: mentoring::Model, helper_name: String) -> AssignmentView {
    AssignmentView {
        kind: AssignmentKind::Mentoring,
        id: m.id,
        client_id: m.client_id,
        helper_id: m.volunteer_id,
        helper_name,
        active: m.status == MENTORING_ACTIVE,
        status: m.status,
        started_on: m.started_on,
        ended_on: m.ended_on,
        ended_reason: m.ended_reason,
        reason: None,
        windows: None,
    }
}

fn referral_view(r: referral::Model, helper_name: String) -> AssignmentView {
    AssignmentView {
        kind: AssignmentKind::Referral,
        id: r.id,
        client_id: r.client_id,
        helper_id: r.professional_id,
        helper_name,
        active: REFERRAL_OPEN.contains(&r.status.as_str()),
        status: r.status,
        started_on: r.created_at.date_naive(),
        ended_on: r.closed_at.map(|t| t.date_naive()),
        ended_reason: r.outcome,
        reason: Some(r.reason),
        windows: None,
    }
}

/// Every assignment of a client (read by someone who may see the client): current ones first,
/// then the newest.
pub async fn of_client(
    db: &impl ConnectionTrait,
    client_id: i64,
) -> Result<Vec<AssignmentView>, AppError> {
    let placements = placement::Entity::find()
        .filter(placement::Column::ClientId.eq(client_id))
        .all(db)
        .await?;
    let mentorings = mentoring::Entity::find()
        .filter(mentoring::Column::ClientId.eq(client_id))
        .all(db)
        .await?;
    let referrals = referral::Entity::find()
        .filter(referral::Column::ClientId.eq(client_id))
        .all(db)
        .await?;
    let sites = names::<site::Entity>(
        db,
        (site::Column::Id, site::Column::Name),
        placements.iter().map(|p| p.site_id).collect(),
    )
    .await?;
    let mentors = names::<volunteer::Entity>(
        db,
        (volunteer::Column::Id, volunteer::Column::Name),
        mentorings.iter().map(|m| m.volunteer_id).collect(),
    )
    .await?;
    let professionals = names::<professional::Entity>(
        db,
        (professional::Column::Id, professional::Column::Name),
        referrals.iter().map(|r| r.professional_id).collect(),
    )
    .await?;
    let mut out: Vec<AssignmentView> = placements
        .into_iter()
        .map(|p| {
            let name = name_of(&sites, p.site_id);
            placement_view(p, name)
        })
        .chain(mentorings.into_iter().map(|m| {
            let name = name_of(&mentors, m.volunteer_id);
            mentoring_view(m, name)
        }))
        .chain(referrals.into_iter().map(|r| {
            let name = name_of(&professionals, r.professional_id);
            referral_view(r, name)
        }))
        .collect();
    out.sort_by(|a, b| {
        b.active
            .cmp(&a.active)
            .then(b.started_on.cmp(&a.started_on))
            .then(b.id.cmp(&a.id))
    });
    Ok(out)
}

/// The assignments of a client the actor may see.
pub async fn list(
    db: &impl ConnectionTrait,
    actor: &AuthUser,
    ip: &str,
    client_id: i64,
) -> Result<Vec<AssignmentView>, AppError> {
    access::load_visible(db, actor, ip, client_id).await?;
    of_client(db, client_id).await
}

/// One assignment by kind and id.
pub async fn find(
    db: &impl ConnectionTrait,
    kind: AssignmentKind,
    id: i64,
) -> Result<AssignmentView, AppError> {
    let client_id = match kind {
        AssignmentKind::Placement => placement::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|p| p.client_id),
        AssignmentKind::Mentoring => mentoring::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|m| m.client_id),
        AssignmentKind::Referral => referral::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| r.client_id),
    }
    .ok_or(AppError::NotFound)?;
    of_client(db, client_id)
        .await?
        .into_iter()
        .find(|a| a.kind == kind && a.id == id)
        .ok_or(AppError::NotFound)
}

/// Checks the reason for ending: one line, required, at most [`REASON_MAX`] characters.
pub fn parse_reason(text: &str) -> Result<String, AppError> {
    case_fields::single_line("reason", text, REASON_MAX, true)
        .map_err(|e| AppError::Validation(FieldErrors(vec![e])))?
        .ok_or_else(|| AppError::field("reason", "error-required"))
}

/// Ends an assignment of a client the actor may see, with a reason; frees its place. An
/// assignment that no longer holds a place is a conflict (`error-assignment-ended`). The
/// people concerned are e-mailed in the same transaction (see [`notify::ended`]).
pub async fn end(
    db: &DatabaseConnection,
    mailer: &Mailer,
    actor: &AuthUser,
    ip: &str,
    kind: AssignmentKind,
    id: i64,
    reason: &str,
) -> Result<AssignmentView, AppError> {
    let existing = find(db, kind, id).await?;
    access::load_visible(db, actor, ip, existing.client_id).await?;
    let reason = parse_reason(reason)?;
    let txn = crate::db::begin_write(db).await?;
    let today = Utc::now().date_naive();
    let ended = match kind {
        AssignmentKind::Placement => {
            end_row!(&txn, placement, id, PLACEMENT_ACTIVE, today, &reason)
        }
        AssignmentKind::Mentoring => {
            end_row!(&txn, mentoring, id, MENTORING_ACTIVE, today, &reason)
        }
        AssignmentKind::Referral => {
            let row = referral::Entity::find_by_id(id)
                .lock_exclusive()
                .one(&txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let open = REFERRAL_OPEN.contains(&row.status.as_str());
            if open {
                let mut row = row.into_active_model();
                row.status = Set(REFERRAL_CLOSED.into());
                row.closed_at = Set(Some(Utc::now()));
                row.outcome = Set(Some(reason.clone()));
                row.update(&txn).await?;
            }
            open
        }
    };
    if !ended {
        txn.rollback().await?;
        return Err(AppError::Conflict("error-assignment-ended"));
    }
    audit::record(
        &txn,
        Event::new(Actor::user(actor), "matching.ended", ip)
            .on("client", existing.client_id)
            .detail(json!({ "object": kind.as_str(), "id": id, "reason": reason })),
    )
    .await?;
    notify::ended(&txn, mailer, actor, &existing, today, &reason).await?;
    txn.commit().await?;
    find(db, kind, id).await
}
