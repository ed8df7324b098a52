//! The case register over the API (coordinators and admins): clients, their orders and
//! restrictions, and the loaded jurisdiction rules. Same services and checks as the pages;
//! reading a client record is audited.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa_axum::routes;

use super::paged::Paged;
use crate::app::AppState;
use crate::auth::{Access, ClientIp, CurrentUser, Routes};
use crate::domain::orders::OrderInput;
use crate::domain::restrictions::RestrictionInput;
use crate::domain::rules::Rules;
use crate::error::AppError;
use crate::extract::{Json, Path, Query};
use crate::services::clients::list::{self, ClientFilter, ClientSummary};
use crate::services::clients::orders::{self, OrderView};
use crate::services::clients::restrictions::{self, RestrictionView};
use crate::services::clients::{self, ClientDetail, ClientInput, CloseInput, access};
use crate::web::error_page::ErrorBody;
use crate::web::listing::PER_PAGE;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .api(Access::STAFF, routes!(list_clients, create_client))
        .api(Access::STAFF, routes!(get_client, update_client))
        .api(Access::STAFF, routes!(close_client))
        .api(Access::STAFF, routes!(create_order))
        .api(Access::STAFF, routes!(update_order))
        .api(Access::STAFF, routes!(add_restriction))
        .api(Access::STAFF, routes!(remove_restriction))
        .api(Access::STAFF, routes!(get_rules))
}

/// Clients the caller may see, filtered.
#[utoipa::path(get, path = "/api/v1/clients", tag = "clients", params(ClientFilter), security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of clients", body = Paged<ClientSummary>),
        (status = 400, description = "A filter names nothing", body = ErrorBody),
    ))]
async fn list_clients(
    State(app): State<AppState>,
    user: CurrentUser,
    Query(filter): Query<ClientFilter>,
) -> Result<axum::Json<Paged<ClientSummary>>, AppError> {
    let filters = filter.parse()?;
    let (items, total) = list::list(&app.db, &user, &filters, PER_PAGE).await?;
    Ok(axum::Json(Paged {
        items,
        total,
        page: filters.page,
        per_page: PER_PAGE,
    }))
}

/// Creates a client record.
#[utoipa::path(post, path = "/api/v1/clients", tag = "clients", request_body = ClientInput, security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = ClientDetail),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    ))]
async fn create_client(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Json(body): Json<ClientInput>,
) -> Result<(StatusCode, axum::Json<ClientDetail>), AppError> {
    let created = clients::create(&app.db, &user, &ip, &body).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(clients::detail(&app.db, created).await?),
    ))
}

/// One client record with orders and restrictions (the read is audited).
#[utoipa::path(get, path = "/api/v1/clients/{id}", tag = "clients", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Client id")),
    responses(
        (status = 200, description = "The client", body = ClientDetail),
        (status = 404, description = "No such client, or not visible to the caller", body = ErrorBody),
    ))]
async fn get_client(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
) -> Result<axum::Json<ClientDetail>, AppError> {
    Ok(axum::Json(clients::read(&app.db, &user, &ip, id).await?))
}

async fn fresh(
    app: &AppState,
    user: &CurrentUser,
    ip: &str,
    id: i64,
) -> Result<ClientDetail, AppError> {
    let model = access::load_visible(&app.db, user, ip, id).await?;
    clients::detail(&app.db, model).await
}

/// Replaces a client record's fields.
#[utoipa::path(put, path = "/api/v1/clients/{id}", tag = "clients", request_body = ClientInput, security(("bearer" = [])),
    params(("id" = i64, Path, description = "Client id")),
    responses(
        (status = 200, description = "Saved", body = ClientDetail),
        (status = 404, description = "No such client", body = ErrorBody),
        (status = 409, description = "The case is closed", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    ))]
async fn update_client(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Json(body): Json<ClientInput>,
) -> Result<axum::Json<ClientDetail>, AppError> {
    clients::update(&app.db, &user, &ip, id, &body).await?;
    Ok(axum::Json(fresh(&app, &user, &ip, id).await?))
}

/// Closes a case.
#[utoipa::path(post, path = "/api/v1/clients/{id}/close", tag = "clients", request_body = CloseInput, security(("bearer" = [])),
    params(("id" = i64, Path, description = "Client id")),
    responses(
        (status = 200, description = "Closed", body = ClientDetail),
        (status = 409, description = "Already closed", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    ))]
async fn close_client(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Json(body): Json<CloseInput>,
) -> Result<axum::Json<ClientDetail>, AppError> {
    clients::close(&app.db, &user, &ip, id, &body).await?;
    Ok(axum::Json(fresh(&app, &user, &ip, id).await?))
}

/// Records an order; hours are checked against the jurisdiction's rules.
#[utoipa::path(post, path = "/api/v1/clients/{id}/orders", tag = "clients", request_body = OrderInput, security(("bearer" = [])),
    params(("id" = i64, Path, description = "Client id")),
    responses(
        (status = 201, description = "Recorded", body = OrderView),
        (status = 409, description = "The case is closed", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    ))]
async fn create_order(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Json(body): Json<OrderInput>,
) -> Result<(StatusCode, axum::Json<OrderView>), AppError> {
    let order = orders::create(&app.db, &app.rules, &user, &ip, id, &body).await?;
    Ok((StatusCode::CREATED, axum::Json(order)))
}

/// Changes an order (its status, dates, hours…).
#[utoipa::path(put, path = "/api/v1/clients/{id}/orders/{order_id}", tag = "clients", request_body = OrderInput, security(("bearer" = [])),
    params(("id" = i64, Path, description = "Client id"), ("order_id" = i64, Path, description = "Order id")),
    responses(
        (status = 200, description = "Saved", body = OrderView),
        (status = 404, description = "No such order of this client", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    ))]
async fn update_order(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path((id, order_id)): Path<(i64, i64)>,
    Json(body): Json<OrderInput>,
) -> Result<axum::Json<OrderView>, AppError> {
    Ok(axum::Json(
        orders::update(&app.db, &app.rules, &user, &ip, id, order_id, &body).await?,
    ))
}

/// A restriction to add, optionally naming the order that brings it.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct RestrictionBody {
    /// One of the client's orders; none for a restriction from the risk assessment.
    pub order_id: Option<i64>,
    /// The restriction.
    #[serde(flatten)]
    pub restriction: RestrictionInput,
}

/// Adds a restriction (areas as GeoJSON, or a radius around the home or a centre).
#[utoipa::path(post, path = "/api/v1/clients/{id}/restrictions", tag = "clients", request_body = RestrictionBody, security(("bearer" = [])),
    params(("id" = i64, Path, description = "Client id")),
    responses(
        (status = 201, description = "Added", body = RestrictionView),
        (status = 409, description = "The case is closed", body = ErrorBody),
        (status = 422, description = "Invalid fields", body = ErrorBody),
    ))]
async fn add_restriction(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Json(body): Json<RestrictionBody>,
) -> Result<(StatusCode, axum::Json<RestrictionView>), AppError> {
    let added =
        restrictions::add(&app.db, &user, &ip, id, body.order_id, &body.restriction).await?;
    Ok((StatusCode::CREATED, axum::Json(added)))
}

/// Lifts a restriction.
#[utoipa::path(delete, path = "/api/v1/clients/{id}/restrictions/{restriction_id}", tag = "clients", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Client id"), ("restriction_id" = i64, Path, description = "Restriction id")),
    responses(
        (status = 204, description = "Lifted"),
        (status = 404, description = "No such restriction of this client", body = ErrorBody),
    ))]
async fn remove_restriction(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path((id, restriction_id)): Path<(i64, i64)>,
) -> Result<StatusCode, AppError> {
    restrictions::remove(&app.db, &user, &ip, id, restriction_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The jurisdiction rules the service runs with, each value with its basis and source.
#[utoipa::path(get, path = "/api/v1/rules", tag = "clients", security(("bearer" = [])),
    responses((status = 200, description = "The loaded rules", body = Rules)))]
async fn get_rules(State(app): State<AppState>) -> axum::Json<Rules> {
    axum::Json((*app.rules).clone())
}
