//! A client's restrictions: adding and lifting them, showing them, and folding those in force
//! into [`Constraints`] for matching. A restriction belongs to an order of the client (it is
//! in force while the order is) or to none (from the risk assessment; in force until lifted).

use std::collections::HashMap;

use chrono::Utc;
use entity::{client_restriction, order};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, ModelTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde::Serialize;
use serde_json::json;

use super::access;
use crate::auth::current_user::AuthUser;
use crate::domain::area::{Area, AreaSummary};
use crate::domain::case_fields::{list_from_json, list_to_json};
use crate::domain::location::Location;
use crate::domain::orders::OrderStatus;
use crate::domain::restrictions::{
    Constraints, Curfew, Restriction, RestrictionInput, RestrictionKind, RiskFlag,
};
use crate::domain::work::WorkKind;
use crate::error::{AppError, FieldError, FieldErrors};
use crate::services::audit::{self, Actor, Event};

/// A restriction as shown to staff who may see the client.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct RestrictionView {
    /// Id.
    pub id: i64,
    /// The order that brought it (none: from the risk assessment).
    pub order_id: Option<i64>,
    /// Kind.
    pub kind: RestrictionKind,
    /// Barred kinds of work (`barred_work`).
    pub work_kinds: Vec<WorkKind>,
    /// The area as GeoJSON (`permitted_area`, `exclusion_zone`).
    #[schema(value_type = Option<Object>)]
    pub area: Option<serde_json::Value>,
    /// The area in words.
    pub area_summary: Option<AreaSummary>,
    /// Curfew hours (`curfew`).
    pub curfew: Option<Curfew>,
    /// Curfew as `22:00–06:00`.
    pub curfew_label: Option<String>,
    /// Risk flag (`risk_flag`).
    pub risk_flag: Option<RiskFlag>,
    /// Note.
    pub note: Option<String>,
    /// Whether it binds the client now (its order is in force, or it has no order).
    pub in_force: bool,
    /// When recorded.
    pub created_at: chrono::DateTime<Utc>,
}

/// The restriction a stored row holds; `None` for a row this version cannot read.
pub fn restriction_of(m: &client_restriction::Model) -> Option<Restriction> {
    Some(match RestrictionKind::parse(&m.kind)? {
        RestrictionKind::NoDriving => Restriction::NoDriving,
        RestrictionKind::BarredWork => {
            Restriction::BarredWork(list_from_json(m.work_kinds.as_deref()?))
        }
        RestrictionKind::PermittedArea => {
            Restriction::PermittedArea(Area::from_stored(m.area.as_deref()?)?)
        }
        RestrictionKind::ExclusionZone => {
            Restriction::ExclusionZone(Area::from_stored(m.area.as_deref()?)?)
        }
        RestrictionKind::Curfew => Restriction::Curfew(Curfew {
            start: u16::try_from(m.curfew_start?).ok()?,
            end: u16::try_from(m.curfew_end?).ok()?,
        }),
        RestrictionKind::RiskFlag => {
            Restriction::RiskFlag(RiskFlag::parse(m.risk_flag.as_deref()?)?)
        }
    })
}

/// Status of each order of a client.
async fn order_statuses(
    db: &impl ConnectionTrait,
    client_ids: &[i64],
) -> Result<HashMap<i64, OrderStatus>, AppError> {
    Ok(order::Entity::find()
        .filter(order::Column::ClientId.is_in(client_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|o| Some((o.id, OrderStatus::parse(&o.status)?)))
        .collect())
}

fn in_force(m: &client_restriction::Model, statuses: &HashMap<i64, OrderStatus>) -> bool {
    match m.order_id {
        None => true,
        Some(id) => statuses.get(&id).is_none_or(|s| s.in_force()),
    }
}

/// The restrictions of a client, newest first.
pub async fn of_client(
    db: &impl ConnectionTrait,
    client_id: i64,
) -> Result<Vec<RestrictionView>, AppError> {
    let statuses = order_statuses(db, &[client_id]).await?;
    let rows = client_restriction::Entity::find()
        .filter(client_restriction::Column::ClientId.eq(client_id))
        .order_by_desc(client_restriction::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|m| {
            let restriction = restriction_of(&m)?;
            let (area, summary) = match &restriction {
                Restriction::PermittedArea(a) | Restriction::ExclusionZone(a) => (
                    serde_json::from_str(&a.to_geojson()).ok(),
                    Some(a.summary()),
                ),
                _ => (None, None),
            };
            Some(RestrictionView {
                id: m.id,
                order_id: m.order_id,
                kind: restriction.kind(),
                work_kinds: match &restriction {
                    Restriction::BarredWork(k) => k.clone(),
                    _ => Vec::new(),
                },
                area,
                area_summary: summary,
                curfew: match &restriction {
                    Restriction::Curfew(c) => Some(*c),
                    _ => None,
                },
                curfew_label: match &restriction {
                    Restriction::Curfew(c) => Some(c.label()),
                    _ => None,
                },
                risk_flag: match &restriction {
                    Restriction::RiskFlag(f) => Some(*f),
                    _ => None,
                },
                in_force: in_force(&m, &statuses),
                note: m.note,
                created_at: m.created_at,
            })
        })
        .collect())
}

/// The restrictions in force of each of these clients with their rows, oldest first (the
/// order in which matching numbers exclusion zones).
async fn in_force_of(
    db: &impl ConnectionTrait,
    client_ids: &[i64],
) -> Result<HashMap<i64, Vec<(client_restriction::Model, Restriction)>>, AppError> {
    let statuses = order_statuses(db, client_ids).await?;
    let mut by_client: HashMap<i64, Vec<_>> = HashMap::new();
    for m in client_restriction::Entity::find()
        .filter(client_restriction::Column::ClientId.is_in(client_ids.iter().copied()))
        .order_by_asc(client_restriction::Column::Id)
        .all(db)
        .await?
    {
        if in_force(&m, &statuses) {
            match restriction_of(&m) {
                Some(r) => by_client.entry(m.client_id).or_default().push((m, r)),
                None => tracing::warn!(id = m.id, "unreadable restriction skipped"),
            }
        }
    }
    Ok(by_client)
}

/// The restrictions in force of each of these clients, folded for matching.
pub async fn constraints_of(
    db: &impl ConnectionTrait,
    client_ids: &[i64],
) -> Result<HashMap<i64, Constraints>, AppError> {
    let mut by_client = in_force_of(db, client_ids).await?;
    Ok(client_ids
        .iter()
        .map(|id| {
            let list = by_client.remove(id).unwrap_or_default();
            (
                *id,
                Constraints::from_restrictions(list.iter().map(|(_, r)| r)),
            )
        })
        .collect())
}

/// How an exclusion zone is named in words: by its note, else by its number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZoneName {
    /// 1 for the client's first exclusion zone in force, and so on.
    pub number: usize,
    /// The first line of the restriction's note, if it has one.
    pub note: Option<String>,
}

/// Longest note shown as a zone's name (characters).
const ZONE_NOTE_MAX: usize = 80;

/// A client's exclusion zones in force as matching numbers them: one name per shape (an
/// exclusion `zone` index of the engine names `names[zone]`), in the order of
/// [`constraints_of`].
pub async fn exclusion_zone_names(
    db: &impl ConnectionTrait,
    client_id: i64,
) -> Result<Vec<ZoneName>, AppError> {
    let list = in_force_of(db, &[client_id])
        .await?
        .remove(&client_id)
        .unwrap_or_default();
    let mut names = Vec::new();
    let zones = list.iter().filter_map(|(m, r)| match r {
        Restriction::ExclusionZone(area) => Some((m, area)),
        _ => None,
    });
    for (i, (m, area)) in zones.enumerate() {
        let note = m
            .note
            .as_deref()
            .and_then(|n| n.lines().map(str::trim).find(|l| !l.is_empty()))
            .map(|line| match line.char_indices().nth(ZONE_NOTE_MAX) {
                Some((cut, _)) => format!("{}…", &line[..cut]),
                None => line.to_owned(),
            });
        let name = ZoneName {
            number: i + 1,
            note,
        };
        names.extend(std::iter::repeat_n(name, area.shapes().len()));
    }
    Ok(names)
}

/// Adds a restriction to a client the actor may see (an open case); `order_id` must name one
/// of the client's orders. A circle without a centre is drawn around the client's home.
pub async fn add(
    db: &DatabaseConnection,
    actor: &AuthUser,
    ip: &str,
    client_id: i64,
    order_id: Option<i64>,
    input: &RestrictionInput,
) -> Result<RestrictionView, AppError> {
    let client = access::load_open(db, actor, ip, client_id).await?;
    let mut errors = FieldErrors::new();
    if let Some(order_id) = order_id
        && super::orders::find(db, client_id, order_id).await.is_err()
    {
        errors.push(FieldError::new("order_id", "error-restriction-order"));
    }
    let home = Location {
        lat: client.lat,
        lon: client.lon,
    };
    let parsed = match input.parse(home) {
        Ok(p) => Some(p),
        Err(e) => {
            errors.0.extend(e.0);
            None
        }
    };
    errors.into_result()?;
    let (restriction, note) = parsed.ok_or(AppError::BadRequest("error-validation"))?;
    let mut active = client_restriction::ActiveModel {
        client_id: Set(client_id),
        order_id: Set(order_id),
        kind: Set(restriction.kind().as_str().to_owned()),
        note: Set(note),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    match &restriction {
        Restriction::NoDriving => {}
        Restriction::BarredWork(kinds) => active.work_kinds = Set(Some(list_to_json(kinds))),
        Restriction::PermittedArea(a) | Restriction::ExclusionZone(a) => {
            active.area = Set(Some(a.to_geojson()));
        }
        Restriction::Curfew(c) => {
            active.curfew_start = Set(Some(i32::from(c.start)));
            active.curfew_end = Set(Some(i32::from(c.end)));
        }
        Restriction::RiskFlag(f) => active.risk_flag = Set(Some(f.as_str().to_owned())),
    }
    let txn = db.begin().await?;
    let model = active.insert(&txn).await?;
    audit::record(
        &txn,
        Event::new(Actor::user(actor), "restriction.added", ip)
            .on("client", client_id)
            .detail(json!({
                "restriction_id": model.id,
                "kind": restriction.kind().as_str(),
                "order_id": order_id,
            })),
    )
    .await?;
    txn.commit().await?;
    of_client(db, client_id)
        .await?
        .into_iter()
        .find(|r| r.id == model.id)
        .ok_or(AppError::NotFound)
}

/// Lifts (deletes) a restriction of a client the actor may see (an open case).
pub async fn remove(
    db: &DatabaseConnection,
    actor: &AuthUser,
    ip: &str,
    client_id: i64,
    restriction_id: i64,
) -> Result<(), AppError> {
    access::load_open(db, actor, ip, client_id).await?;
    let txn = db.begin().await?;
    let model = client_restriction::Entity::find_by_id(restriction_id)
        .filter(client_restriction::Column::ClientId.eq(client_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let kind = model.kind.clone();
    model.delete(&txn).await?;
    audit::record(
        &txn,
        Event::new(Actor::user(actor), "restriction.removed", ip)
            .on("client", client_id)
            .detail(json!({ "restriction_id": restriction_id, "kind": kind })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
