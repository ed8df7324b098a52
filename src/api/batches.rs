//! Batch proposals over the API (coordinators for their region, admins for any): run a
//! batch, read it, accept proposals; and the pair costs a batch uses, so anyone can check a
//! run's optimality. Same services as the `/batch` pages.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa_axum::routes;

use crate::app::AppState;
use crate::auth::{Access, ClientIp, CurrentUser, Routes};
use crate::error::{AppError, FieldErrors};
use crate::extract::{Json, Path, Query};
use crate::services::matching::batch::costs::{self, MAX_CANDIDATES, PairCosts};
use crate::services::matching::batch::{
    self, AcceptOutcome, BatchView, RunRequest, Selection, parse_kind,
};
use crate::web::error_page::ErrorBody;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .api(Access::STAFF, routes!(create_batch))
        .api(Access::STAFF, routes!(get_batch))
        .api(Access::STAFF, routes!(accept_batch))
        .api(Access::STAFF, routes!(client_costs))
}

/// Runs a batch for the waiting clients of a region: for a site, clients with an active
/// order counted in hours and no active placement; for a mentor, clients without an active
/// mentoring. The result is the exact optimum: most clients assigned, then least total cost.
#[utoipa::path(post, path = "/api/v1/batches", tag = "batches", request_body = RunRequest, security(("bearer" = [])),
    responses(
        (status = 201, description = "The run with its proposals and total cost", body = BatchView),
        (status = 404, description = "A region the caller may not use", body = ErrorBody),
        (status = 422, description = "Unknown region or kind", body = ErrorBody),
    ))]
async fn create_batch(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Json(body): Json<RunRequest>,
) -> Result<(StatusCode, axum::Json<BatchView>), AppError> {
    let id = batch::run(&app.db, &app.matching, &user, &ip, &body).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(batch::view(&app.db, &app.matching, &user, id).await?),
    ))
}

/// A run with its proposals (cost, distance, status) and the clients left unassigned, with why.
#[utoipa::path(get, path = "/api/v1/batches/{id}", tag = "batches", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Run id")),
    responses(
        (status = 200, description = "The run", body = BatchView),
        (status = 404, description = "No such run, or of another region", body = ErrorBody),
    ))]
async fn get_batch(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<axum::Json<BatchView>, AppError> {
    Ok(axum::Json(
        batch::view(&app.db, &app.matching, &user, id).await?,
    ))
}

/// Which proposals to accept: `{"proposal_ids": [1, 2]}` or `{"all": true}`.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct AcceptRequest {
    /// Proposal ids of this run.
    #[serde(default)]
    pub proposal_ids: Vec<i64>,
    /// Accept every open proposal.
    #[serde(default)]
    pub all: bool,
}

/// Accepts proposals: each becomes a placement or mentoring in its own transaction that
/// re-checks constraints and capacity; those that can no longer be made are refused and
/// reported.
#[utoipa::path(post, path = "/api/v1/batches/{id}/accept", tag = "batches", request_body = AcceptRequest, security(("bearer" = [])),
    params(("id" = i64, Path, description = "Run id")),
    responses(
        (status = 200, description = "What was created and what was refused", body = AcceptOutcome),
        (status = 404, description = "No such run, or of another region", body = ErrorBody),
        (status = 422, description = "Nothing selected, or ids not of this run", body = ErrorBody),
    ))]
async fn accept_batch(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Json(body): Json<AcceptRequest>,
) -> Result<axum::Json<AcceptOutcome>, AppError> {
    let selection = if body.all {
        Selection::All
    } else {
        Selection::Ids(body.proposal_ids)
    };
    Ok(axum::Json(
        batch::accept(
            &app.db,
            &app.matching,
            &app.mailer,
            &user,
            &ip,
            id,
            &selection,
        )
        .await?,
    ))
}

/// Query of the pair-cost endpoint.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct CostQuery {
    /// `site` or `mentor`.
    #[serde(default)]
    kind: String,
    /// One candidate id.
    #[serde(default)]
    candidate_id: Option<String>,
    /// Several candidate ids, comma-separated.
    #[serde(default)]
    candidate_ids: Option<String>,
}

impl CostQuery {
    fn ids(&self) -> Result<Vec<i64>, AppError> {
        let text = [self.candidate_id.as_deref(), self.candidate_ids.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(",");
        let ids: Result<Vec<i64>, _> = text
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::parse)
            .collect();
        match ids {
            Ok(ids) if !ids.is_empty() && ids.len() <= MAX_CANDIDATES => Ok(ids),
            _ => Err(AppError::field(
                "candidate_ids",
                "error-batch-candidate-ids",
            )),
        }
    }
}

/// The cost a batch uses for a client with each named candidate (lower is better; 0 to
/// 1,000,000), or the hard constraints that make the pair infeasible, and the capacity a
/// batch gives the candidate now. With the costs of a run's clients and candidates, the
/// run's optimum can be recomputed by any assignment solver.
#[utoipa::path(get, path = "/api/v1/clients/{id}/costs", tag = "batches", params(("id" = i64, Path, description = "Client id"), CostQuery), security(("bearer" = [])),
    responses(
        (status = 200, description = "Cost or exclusions per candidate", body = PairCosts),
        (status = 404, description = "No such client, or not visible", body = ErrorBody),
        (status = 409, description = "The case is closed", body = ErrorBody),
        (status = 422, description = "Bad kind or candidate ids", body = ErrorBody),
    ))]
async fn client_costs(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Query(query): Query<CostQuery>,
) -> Result<axum::Json<PairCosts>, AppError> {
    let mut errors = FieldErrors::new();
    let kind = errors.take(parse_kind(&query.kind));
    let ids = query.ids();
    if ids.is_err() {
        errors.add("candidate_ids", "error-batch-candidate-ids");
    }
    errors.into_result()?;
    let (Some(kind), Ok(ids)) = (kind, ids) else {
        return Err(AppError::NotFound);
    };
    Ok(axum::Json(
        costs::pair_costs(&app.db, &app.matching, &user, &ip, id, kind, &ids).await?,
    ))
}
