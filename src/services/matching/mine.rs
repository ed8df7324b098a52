//! What helpers see of the clients assigned to them: a mentor their current mentees, a
//! psychologist or social worker their open referrals. Only what the work needs: the name,
//! languages, since when, the coordinator to contact, and for referrals the reason and needs.
//! Never orders, offences, restrictions, areas or contact details of the client. A non-empty
//! answer is audited (`client.read_limited`).

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::{client, mentoring, professional, referral, user, volunteer};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use serde_json::json;

use super::usage::{MENTORING_ACTIVE, REFERRAL_OPEN};
use crate::auth::current_user::AuthUser;
use crate::error::AppError;
use crate::services::audit::{self, Actor, Event};

/// A client mentored by the signed-in volunteer.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Mentee {
    /// The mentoring.
    pub mentoring_id: i64,
    /// The client's name.
    pub name: String,
    /// Languages the client speaks (codes).
    pub languages: Vec<String>,
    /// Settlement where the client lives, when known.
    pub settlement: Option<String>,
    /// First day of the mentoring.
    pub since: NaiveDate,
    /// The coordinator to contact.
    pub coordinator: Contact,
}

/// A client referred to the signed-in psychologist or social worker.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ReferredClient {
    /// The referral.
    pub referral_id: i64,
    /// The client's name.
    pub name: String,
    /// Languages the client speaks (codes).
    pub languages: Vec<String>,
    /// What the client needs support with (codes).
    pub needs: Vec<String>,
    /// Why the client was referred.
    pub reason: String,
    /// `pending` or `accepted`.
    pub status: String,
    /// The day of the referral.
    pub since: NaiveDate,
    /// The coordinator to contact.
    pub coordinator: Contact,
}

/// A coordinator's name and e-mail address.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Contact {
    /// Name.
    pub name: String,
    /// E-mail address.
    pub email: String,
}

fn codes(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

async fn clients_and_coordinators(
    db: &impl ConnectionTrait,
    ids: Vec<i64>,
) -> Result<(HashMap<i64, client::Model>, HashMap<i64, Contact>), AppError> {
    let clients: HashMap<i64, client::Model> = client::Entity::find()
        .filter(client::Column::Id.is_in(ids))
        .filter(client::Column::ClosedOn.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let coordinators = user::Entity::find()
        .filter(user::Column::Id.is_in(clients.values().map(|c| c.coordinator_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| {
            (
                u.id,
                Contact {
                    name: u.name,
                    email: u.email,
                },
            )
        })
        .collect();
    Ok((clients, coordinators))
}

fn contact(coordinators: &HashMap<i64, Contact>, id: i64) -> Contact {
    coordinators.get(&id).cloned().unwrap_or(Contact {
        name: String::new(),
        email: String::new(),
    })
}

async fn audit_read(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    ip: &str,
    ids: Vec<i64>,
) -> Result<(), AppError> {
    if ids.is_empty() {
        return Ok(());
    }
    audit::record(
        db,
        Event::new(Actor::user(user), "client.read_limited", ip).detail(json!({ "clients": ids })),
    )
    .await?;
    Ok(())
}

/// The signed-in mentor's current mentees, longest first.
pub async fn mentees(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    ip: &str,
) -> Result<Vec<Mentee>, AppError> {
    let Some(me) = volunteer::Entity::find()
        .filter(volunteer::Column::UserId.eq(user.id))
        .one(db)
        .await?
    else {
        return Ok(Vec::new());
    };
    let rows = mentoring::Entity::find()
        .filter(mentoring::Column::VolunteerId.eq(me.id))
        .filter(mentoring::Column::Status.eq(MENTORING_ACTIVE))
        .order_by_asc(mentoring::Column::StartedOn)
        .all(db)
        .await?;
    let (clients, coordinators) =
        clients_and_coordinators(db, rows.iter().map(|m| m.client_id).collect()).await?;
    let mut ids = Vec::new();
    let out: Vec<Mentee> = rows
        .into_iter()
        .filter_map(|m| {
            let c = clients.get(&m.client_id)?;
            ids.push(c.id);
            Some(Mentee {
                mentoring_id: m.id,
                name: c.name.clone(),
                languages: codes(&c.languages),
                settlement: c.settlement.clone(),
                since: m.started_on,
                coordinator: contact(&coordinators, c.coordinator_id),
            })
        })
        .collect();
    audit_read(db, user, ip, ids).await?;
    Ok(out)
}

/// The open referrals of the signed-in psychologist or social worker, oldest first.
pub async fn referrals(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    ip: &str,
) -> Result<Vec<ReferredClient>, AppError> {
    let mine: Vec<i64> = professional::Entity::find()
        .filter(professional::Column::UserId.eq(user.id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    if mine.is_empty() {
        return Ok(Vec::new());
    }
    let rows = referral::Entity::find()
        .filter(referral::Column::ProfessionalId.is_in(mine))
        .filter(referral::Column::Status.is_in(REFERRAL_OPEN))
        .order_by_asc(referral::Column::CreatedAt)
        .all(db)
        .await?;
    let (clients, coordinators) =
        clients_and_coordinators(db, rows.iter().map(|r| r.client_id).collect()).await?;
    let mut ids = Vec::new();
    let out: Vec<ReferredClient> = rows
        .into_iter()
        .filter_map(|r| {
            let c = clients.get(&r.client_id)?;
            ids.push(c.id);
            Some(ReferredClient {
                referral_id: r.id,
                name: c.name.clone(),
                languages: codes(&c.languages),
                needs: codes(&c.needs),
                reason: r.reason,
                status: r.status,
                since: r.created_at.date_naive(),
                coordinator: contact(&coordinators, c.coordinator_id),
            })
        })
        .collect();
    audit_read(db, user, ip, ids).await?;
    Ok(out)
}
