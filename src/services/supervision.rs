//! What a site supervisor may know about the clients placed at their sites — only what the
//! placement needs: the name, since when they are placed, and the restrictions that matter on
//! site (no driving, barred kinds of work, risk flags such as "no work with children"). Never
//! the offence, the orders (kind, court, reference, hours), needs, contact details, areas,
//! curfews or notes. Appointment times come with placements' appointments (issue 6).

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::{client, placement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use serde_json::json;

use super::audit::{self, Actor, Event};
use super::clients::restrictions;
use crate::auth::current_user::AuthUser;
use crate::domain::restrictions::RiskFlag;
use crate::domain::work::WorkKind;
use crate::error::AppError;

/// Placement status of a placement in progress.
pub const PLACEMENT_ACTIVE: &str = "active";

/// A client placed at one of the supervisor's sites, as the supervisor sees them.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct PlacedClient {
    /// Client id (to record attendance against).
    pub client_id: i64,
    /// Name.
    pub name: String,
    /// The site.
    pub site_id: i64,
    /// The site's name.
    pub site_name: Option<String>,
    /// First day of the placement.
    pub placed_since: NaiveDate,
    /// Whether the client may drive (false: never ask them to).
    pub may_drive: bool,
    /// Kinds of work the client must not be given.
    pub barred_work: Vec<WorkKind>,
    /// Risk flags the site must respect.
    pub risk_flags: Vec<RiskFlag>,
}

/// The clients placed (active placements, open cases) at the sites `user` supervises.
/// A non-empty answer is audited (`client.read_limited`, with the client ids).
pub async fn placed_clients(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    ip: &str,
) -> Result<Vec<PlacedClient>, AppError> {
    let sites = super::sites::supervised_site_ids(db, user.id).await?;
    if sites.is_empty() {
        return Ok(Vec::new());
    }
    let placements = placement::Entity::find()
        .filter(placement::Column::SiteId.is_in(sites.iter().copied()))
        .filter(placement::Column::Status.eq(PLACEMENT_ACTIVE))
        .order_by_asc(placement::Column::StartedOn)
        .all(db)
        .await?;
    let client_ids: Vec<i64> = placements.iter().map(|p| p.client_id).collect();
    let clients: HashMap<i64, client::Model> = client::Entity::find()
        .filter(client::Column::Id.is_in(client_ids.iter().copied()))
        .filter(client::Column::ClosedOn.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let mut constraints = restrictions::constraints_of(db, &client_ids).await?;
    let names: HashMap<i64, String> = entity::site::Entity::find()
        .filter(entity::site::Column::Id.is_in(sites.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let mut out: Vec<PlacedClient> = placements
        .into_iter()
        .filter_map(|p| {
            let c = clients.get(&p.client_id)?;
            let limits = constraints.remove(&p.client_id).unwrap_or_default();
            Some(PlacedClient {
                client_id: c.id,
                name: c.name.clone(),
                site_id: p.site_id,
                site_name: names.get(&p.site_id).cloned(),
                placed_since: p.started_on,
                may_drive: limits.may_drive,
                barred_work: limits.barred_work,
                risk_flags: limits.risk_flags,
            })
        })
        .collect();
    out.sort_by(|a, b| (&a.site_name, a.site_id, &a.name).cmp(&(&b.site_name, b.site_id, &b.name)));
    if !out.is_empty() {
        audit::record(
            db,
            Event::new(Actor::user(user), "client.read_limited", ip).detail(json!({
                "clients": out.iter().map(|c| c.client_id).collect::<Vec<_>>(),
            })),
        )
        .await?;
    }
    Ok(out)
}
