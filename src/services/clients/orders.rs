//! A client's orders: recording and changing them (hours checked against the jurisdiction's
//! rules), and showing them. Every change is audited; the audit never holds the offence.

use chrono::{NaiveDate, Utc};
use entity::order;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use serde::Serialize;
use serde_json::json;

use super::access;
use crate::auth::current_user::AuthUser;
use crate::domain::orders::{OrderData, OrderInput, OrderKind, OrderStatus};
use crate::domain::rules::Rules;
use crate::error::AppError;
use crate::services::audit::{self, Actor, Event};

/// An order as shown to staff who may see the client.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct OrderView {
    /// Id.
    pub id: i64,
    /// Client id.
    pub client_id: i64,
    /// Kind.
    pub kind: OrderKind,
    /// Whether the kind is served in hours.
    pub hour_counted: bool,
    /// Court or authority.
    pub authority: String,
    /// Case or decision reference.
    pub reference: String,
    /// The offence.
    pub offence: Option<String>,
    /// Date of the decision.
    pub decision_date: NaiveDate,
    /// First day.
    pub start_date: NaiveDate,
    /// Last day.
    pub end_date: NaiveDate,
    /// Status.
    pub status: OrderStatus,
    /// Hours ordered (hour-counted kinds).
    pub hours_ordered: Option<u32>,
    /// Notes.
    pub notes: Option<String>,
    /// When recorded.
    pub created_at: chrono::DateTime<Utc>,
    /// When last changed.
    pub updated_at: chrono::DateTime<Utc>,
}

impl OrderView {
    /// The view of a stored order; `None` if it holds a kind or status this version does not know.
    pub fn from_model(m: order::Model) -> Option<OrderView> {
        let kind = OrderKind::parse(&m.kind)?;
        Some(OrderView {
            id: m.id,
            client_id: m.client_id,
            hour_counted: kind.is_hour_counted(),
            kind,
            authority: m.authority,
            reference: m.reference,
            offence: m.offence,
            decision_date: m.decision_date,
            start_date: m.start_date,
            end_date: m.end_date,
            status: OrderStatus::parse(&m.status)?,
            hours_ordered: m.hours_ordered.and_then(|h| u32::try_from(h).ok()),
            notes: m.notes,
            created_at: m.created_at,
            updated_at: m.updated_at,
        })
    }

    /// The order as form input (for editing).
    pub fn to_input(&self) -> OrderInput {
        OrderInput {
            kind: self.kind.as_str().into(),
            authority: self.authority.clone(),
            reference: self.reference.clone(),
            offence: self.offence.clone().unwrap_or_default(),
            decision_date: self.decision_date.to_string(),
            start_date: self.start_date.to_string(),
            end_date: self.end_date.to_string(),
            status: self.status.as_str().into(),
            hours_ordered: self
                .hours_ordered
                .map(|h| h.to_string())
                .unwrap_or_default(),
            notes: self.notes.clone().unwrap_or_default(),
        }
    }
}

/// The orders of a client, newest decision first.
pub async fn of_client(
    db: &impl ConnectionTrait,
    client_id: i64,
) -> Result<Vec<OrderView>, AppError> {
    Ok(order::Entity::find()
        .filter(order::Column::ClientId.eq(client_id))
        .order_by_desc(order::Column::DecisionDate)
        .order_by_desc(order::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(OrderView::from_model)
        .collect())
}

fn fill(active: &mut order::ActiveModel, data: &OrderData) {
    active.kind = Set(data.kind.as_str().to_owned());
    active.authority = Set(data.authority.clone());
    active.reference = Set(data.reference.clone());
    active.offence = Set(data.offence.clone());
    active.decision_date = Set(data.decision_date);
    active.start_date = Set(data.start_date);
    active.end_date = Set(data.end_date);
    active.status = Set(data.status.as_str().to_owned());
    active.hours_ordered = Set(data.hours_ordered.and_then(|h| i32::try_from(h).ok()));
    active.notes = Set(data.notes.clone());
    active.updated_at = Set(Utc::now());
}

/// Records an order for a client the actor may see (an open case).
pub async fn create(
    db: &DatabaseConnection,
    rules: &Rules,
    actor: &AuthUser,
    ip: &str,
    client_id: i64,
    input: &OrderInput,
) -> Result<OrderView, AppError> {
    access::load_open(db, actor, ip, client_id).await?;
    let data = input.parse(rules).map_err(AppError::Validation)?;
    let txn = db.begin().await?;
    let mut active = order::ActiveModel {
        client_id: Set(client_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    fill(&mut active, &data);
    let model = active.insert(&txn).await?;
    audit::record(
        &txn,
        Event::new(Actor::user(actor), "order.created", ip)
            .on("client", client_id)
            .detail(json!({
                "order_id": model.id,
                "kind": data.kind.as_str(),
                "status": data.status.as_str(),
                "hours_ordered": data.hours_ordered,
            })),
    )
    .await?;
    txn.commit().await?;
    OrderView::from_model(model).ok_or(AppError::NotFound)
}

/// Changes an order of a client the actor may see (an open case).
pub async fn update(
    db: &DatabaseConnection,
    rules: &Rules,
    actor: &AuthUser,
    ip: &str,
    client_id: i64,
    order_id: i64,
    input: &OrderInput,
) -> Result<OrderView, AppError> {
    access::load_open(db, actor, ip, client_id).await?;
    let data = input.parse(rules).map_err(AppError::Validation)?;
    let txn = db.begin().await?;
    let current = find(&txn, client_id, order_id).await?;
    let before_status = current.status.clone();
    let mut active: order::ActiveModel = current.into();
    fill(&mut active, &data);
    let model = active.update(&txn).await?;
    audit::record(
        &txn,
        Event::new(Actor::user(actor), "order.updated", ip)
            .on("client", client_id)
            .detail(json!({
                "order_id": order_id,
                "kind": data.kind.as_str(),
                "status_before": before_status,
                "status": data.status.as_str(),
            })),
    )
    .await?;
    txn.commit().await?;
    OrderView::from_model(model).ok_or(AppError::NotFound)
}

/// One order of a client (404 when it belongs to another client).
pub async fn find(
    db: &impl ConnectionTrait,
    client_id: i64,
    order_id: i64,
) -> Result<order::Model, AppError> {
    order::Entity::find_by_id(order_id)
        .filter(order::Column::ClientId.eq(client_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}
