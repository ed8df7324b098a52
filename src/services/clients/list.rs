//! The list of clients a user may see, with search (Azerbaijani-aware) and filters by region,
//! coordinator, need, order kind and order status, and open or closed cases.

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::{client, order, region};
use sea_orm::sea_query::{LikeExpr, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::{Deserialize, Serialize};

use super::{access, staff};
use crate::auth::current_user::AuthUser;
use crate::domain::case_fields::list_from_json;
use crate::domain::needs::Need;
use crate::domain::orders::{OrderKind, OrderStatus};
use crate::domain::text::{like_escape, search_key};
use crate::error::AppError;

/// Filters as a query string gives them (empty means "any").
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::IntoParams)]
pub struct ClientFilter {
    /// Name contains (Azerbaijani-aware, case-insensitive).
    pub q: Option<String>,
    /// Region id.
    pub region_id: Option<String>,
    /// Responsible coordinator's user id.
    pub coordinator_id: Option<String>,
    /// Need code.
    pub need: Option<String>,
    /// Has an order of this kind.
    pub order_kind: Option<String>,
    /// Has an order in this status (with `order_kind`: an order of that kind in this status).
    pub order_status: Option<String>,
    /// `open` (default), `closed` or `all`.
    pub state: Option<String>,
    /// Page, from 1.
    pub page: Option<String>,
}

/// Open or closed cases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseState {
    /// Not closed.
    Open,
    /// Closed.
    Closed,
    /// Both.
    All,
}

/// Filters, parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct Filters {
    /// Search key of the name.
    pub q: String,
    /// Region.
    pub region_id: Option<i64>,
    /// Coordinator.
    pub coordinator_id: Option<i64>,
    /// Need.
    pub need: Option<Need>,
    /// Order kind.
    pub order_kind: Option<OrderKind>,
    /// Order status.
    pub order_status: Option<OrderStatus>,
    /// Open or closed.
    pub state: CaseState,
    /// Page, from 1.
    pub page: u64,
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl ClientFilter {
    /// Parses the filters; a value that names nothing is a 400 (`error-query-invalid`).
    pub fn parse(&self) -> Result<Filters, AppError> {
        let bad = || AppError::BadRequest("error-query-invalid");
        let id = |v: &Option<String>| {
            given(v)
                .map(|s| s.parse::<i64>().map_err(|_| bad()))
                .transpose()
        };
        Ok(Filters {
            q: search_key(given(&self.q).unwrap_or_default()),
            region_id: id(&self.region_id)?,
            coordinator_id: id(&self.coordinator_id)?,
            need: given(&self.need)
                .map(|c| Need::parse(c).ok_or_else(bad))
                .transpose()?,
            order_kind: given(&self.order_kind)
                .map(|c| OrderKind::parse(c).ok_or_else(bad))
                .transpose()?,
            order_status: given(&self.order_status)
                .map(|c| OrderStatus::parse(c).ok_or_else(bad))
                .transpose()?,
            state: match given(&self.state) {
                None | Some("open") => CaseState::Open,
                Some("closed") => CaseState::Closed,
                Some("all") => CaseState::All,
                Some(_) => return Err(bad()),
            },
            page: given(&self.page)
                .map(|p| p.parse::<u64>().map_err(|_| bad()))
                .transpose()?
                .unwrap_or(1)
                .max(1),
        })
    }
}

/// An order in a list row.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct OrderBrief {
    /// Kind.
    pub kind: OrderKind,
    /// Status.
    pub status: OrderStatus,
}

/// A client in a list.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ClientSummary {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Date of birth.
    pub birth_date: NaiveDate,
    /// Home settlement.
    pub settlement: Option<String>,
    /// Region name.
    pub region: Option<String>,
    /// Responsible coordinator's name.
    pub coordinator: String,
    /// Needs.
    pub needs: Vec<Need>,
    /// Restricted record.
    pub restricted: bool,
    /// When closed.
    pub closed_on: Option<NaiveDate>,
    /// Orders.
    pub orders: Vec<OrderBrief>,
}

/// A page of the clients `user` may see that match `filters`, with the total.
pub async fn list(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    filters: &Filters,
    per_page: u64,
) -> Result<(Vec<ClientSummary>, u64), AppError> {
    let mut condition = Condition::all().add(access::visible_to(user));
    if !filters.q.is_empty() {
        condition = condition.add(
            client::Column::NameKey
                .like(LikeExpr::new(format!("%{}%", like_escape(&filters.q))).escape('\\')),
        );
    }
    if let Some(region) = filters.region_id {
        condition = condition.add(client::Column::RegionId.eq(region));
    }
    if let Some(coordinator) = filters.coordinator_id {
        condition = condition.add(client::Column::CoordinatorId.eq(coordinator));
    }
    if let Some(need) = filters.need {
        // Needs are a JSON array of fixed codes: `"employment"` with its quotes matches exactly.
        condition = condition.add(client::Column::Needs.like(format!("%\"{}\"%", need.as_str())));
    }
    if filters.order_kind.is_some() || filters.order_status.is_some() {
        let mut orders = Query::select();
        orders.column(order::Column::ClientId).from(order::Entity);
        if let Some(kind) = filters.order_kind {
            orders.and_where(order::Column::Kind.eq(kind.as_str()));
        }
        if let Some(status) = filters.order_status {
            orders.and_where(order::Column::Status.eq(status.as_str()));
        }
        condition = condition.add(client::Column::Id.in_subquery(orders.to_owned()));
    }
    condition = match filters.state {
        CaseState::Open => condition.add(client::Column::ClosedOn.is_null()),
        CaseState::Closed => condition.add(client::Column::ClosedOn.is_not_null()),
        CaseState::All => condition,
    };
    let select = client::Entity::find()
        .filter(condition)
        .order_by_asc(client::Column::NameKey)
        .order_by_asc(client::Column::Id);
    let total = select.clone().count(db).await?;
    let rows = select
        .offset((filters.page - 1) * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
    let mut orders: HashMap<i64, Vec<OrderBrief>> = HashMap::new();
    for o in order::Entity::find()
        .filter(order::Column::ClientId.is_in(ids))
        .order_by_desc(order::Column::DecisionDate)
        .all(db)
        .await?
    {
        if let (Some(kind), Some(status)) =
            (OrderKind::parse(&o.kind), OrderStatus::parse(&o.status))
        {
            orders
                .entry(o.client_id)
                .or_default()
                .push(OrderBrief { kind, status });
        }
    }
    let regions: HashMap<i64, String> = region::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect();
    let coordinator_ids: Vec<i64> = rows.iter().map(|c| c.coordinator_id).collect();
    let coordinators: HashMap<i64, String> = staff::people(db, &coordinator_ids)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let summaries = rows
        .into_iter()
        .map(|c| ClientSummary {
            orders: orders.remove(&c.id).unwrap_or_default(),
            region: c.region_id.and_then(|r| regions.get(&r).cloned()),
            coordinator: coordinators
                .get(&c.coordinator_id)
                .cloned()
                .unwrap_or_default(),
            needs: list_from_json(&c.needs),
            id: c.id,
            name: c.name,
            birth_date: c.birth_date,
            settlement: c.settlement,
            restricted: c.restricted,
            closed_on: c.closed_on,
        })
        .collect();
    Ok((summaries, total))
}
