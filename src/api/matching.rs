//! Matching over the API: explained suggestions for a client, "why not X?", assigning (201,
//! or 409 with the refusal), a client's assignments, ending one, and the helpers' own lists.
//! Same services and checks as the pages. Texts come in the request's language: `?lang=`,
//! else `Accept-Language`, else the caller's own language.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa_axum::routes;

use crate::app::AppState;
use crate::auth::{Access, ClientIp, CurrentUser, Role, Routes};
use crate::error::AppError;
use crate::extract::{Json, Path, Query};
use crate::i18n::Lang;
use crate::services::matching::assign::{self, Assigned, Refusal, Request};
use crate::services::matching::assignments::{self, AssignmentKind, AssignmentView};
use crate::services::matching::mine::{self, Mentee, ReferredClient};
use crate::services::matching::suggest::DEFAULT_COUNT;
use crate::services::matching::views::{
    self, Ask, ExclusionView, ExplanationView, SuggestionView, parse_kind,
};
use crate::web::error_page::ErrorBody;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .api(Access::STAFF, routes!(suggestions))
        .api(Access::STAFF, routes!(why_not))
        .api(Access::STAFF, routes!(list_assignments, create_assignment))
        .api(Access::STAFF, routes!(end_assignment))
        .api(Access::Roles(&[Role::Mentor]), routes!(my_mentees))
        .api(Access::Roles(&[Role::Psychologist]), routes!(my_referrals))
}

/// The kind, the number of suggestions and the language of the texts.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuggestParams {
    /// `site`, `mentor` or `psychologist`.
    pub kind: String,
    /// How many suggestions (1–50, default 10).
    pub count: Option<usize>,
    /// Language of the texts: `az`, `en` or `ru`.
    pub lang: Option<String>,
}

/// The language of the answer's texts.
fn request_lang(headers: &HeaderMap, asked: Option<&str>, user: &CurrentUser) -> Lang {
    asked
        .and_then(Lang::parse)
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .or_else(|| Lang::parse(&user.language))
        .unwrap_or(Lang::En)
}

/// The best candidates of one kind for a client, with reasons (codes, numbers and words).
/// Audited as a read of the client record (`client.read`).
#[utoipa::path(get, path = "/api/v1/clients/{id}/suggestions", tag = "matching", params(("id" = i64, Path, description = "Client id"), SuggestParams), security(("bearer" = [])),
    responses(
        (status = 200, description = "Suggestions, best first", body = Vec<SuggestionView>),
        (status = 404, description = "No such open client with a location, or not visible to the caller", body = ErrorBody),
        (status = 422, description = "`kind` is not site, mentor or psychologist", body = ErrorBody),
    ))]
async fn suggestions(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Query(params): Query<SuggestParams>,
) -> Result<axum::Json<Vec<SuggestionView>>, AppError> {
    let ask = Ask {
        client_id: id,
        kind: parse_kind(&params.kind)?,
        lang: request_lang(&headers, params.lang.as_deref(), &user),
    };
    let count = params.count.unwrap_or(DEFAULT_COUNT);
    Ok(axum::Json(
        views::suggestions(&app.db, &app.matching, &user, &ip, ask, count).await?,
    ))
}

/// The kind and the language of the texts.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WhyParams {
    /// `site`, `mentor` or `psychologist`.
    pub kind: String,
    /// Language of the texts: `az`, `en` or `ru`.
    pub lang: Option<String>,
}

/// Why a named candidate is or is not suggested: every constraint that excludes it, or its
/// rank and reasons. Audited as a read of the client record (`client.read`).
#[utoipa::path(get, path = "/api/v1/clients/{id}/suggestions/{candidate_id}", tag = "matching", params(("id" = i64, Path, description = "Client id"), ("candidate_id" = i64, Path, description = "Site, volunteer or professional id"), WhyParams), security(("bearer" = [])),
    responses(
        (status = 200, description = "The explanation (an unknown candidate is explained as `unknown_candidate`)", body = ExplanationView),
        (status = 404, description = "No such open client, or not visible to the caller", body = ErrorBody),
        (status = 422, description = "`kind` is not site, mentor or psychologist", body = ErrorBody),
    ))]
async fn why_not(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Path((id, candidate_id)): Path<(i64, i64)>,
    Query(params): Query<WhyParams>,
) -> Result<axum::Json<ExplanationView>, AppError> {
    let ask = Ask {
        client_id: id,
        kind: parse_kind(&params.kind)?,
        lang: request_lang(&headers, params.lang.as_deref(), &user),
    };
    Ok(axum::Json(
        views::why_not(&app.db, &app.matching, &user, &ip, ask, candidate_id).await?,
    ))
}

/// What to assign.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct AssignInput {
    /// `site`, `mentor` or `psychologist`.
    pub kind: String,
    /// The site, volunteer or professional.
    pub candidate_id: i64,
    /// Why the client is referred (required for psychologists).
    #[serde(default)]
    pub reason: String,
}

/// Why an assignment was refused (409).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RefusalBody {
    /// `excluded` (hard constraints), `full` (no place left) or `already_assigned`.
    pub refusal: &'static str,
    /// For `excluded`: every constraint, machine-readable and in words.
    pub exclusions: Vec<ExclusionView>,
    /// The refusal in words (one sentence per cause).
    pub messages: Vec<String>,
}

/// The language of an assignment's answer (a refusal's words).
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LangParam {
    /// Language of the texts: `az`, `en` or `ru`.
    pub lang: Option<String>,
}

/// Assigns a site (placement), mentor (mentoring) or psychologist (referral) to a client, in
/// one transaction that re-checks every constraint and the capacity; the coordinator, the
/// site's supervisors, the mentor or the psychologist are e-mailed.
#[utoipa::path(post, path = "/api/v1/clients/{id}/assignments", tag = "matching", request_body = AssignInput, params(("id" = i64, Path, description = "Client id"), LangParam), security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = Assigned),
        (status = 404, description = "No such client or candidate, or not visible to the caller", body = ErrorBody),
        (status = 409, description = "Refused: excluded, full, or already assigned", body = RefusalBody),
        (status = 422, description = "Invalid `kind`, or a referral without a reason", body = ErrorBody),
    ))]
async fn create_assignment(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Query(params): Query<LangParam>,
    Json(body): Json<AssignInput>,
) -> Result<Response, AppError> {
    let kind = parse_kind(&body.kind)?;
    let request = Request {
        client_id: id,
        kind,
        candidate_id: body.candidate_id,
        reason: &body.reason,
    };
    match assign::assign(&app.db, &app.matching, &app.mailer, &user, &ip, &request).await? {
        Ok(assigned) => Ok((StatusCode::CREATED, axum::Json(assigned)).into_response()),
        Err(refusal) => {
            let lang = request_lang(&headers, params.lang.as_deref(), &user);
            let words = views::client_words(&app.db, lang, id).await?;
            let (code, exclusions) = match &refusal {
                Refusal::Excluded(list) => (
                    "excluded",
                    list.iter()
                        .map(|e| ExclusionView {
                            detail: e.clone(),
                            text: words.exclusion(kind, e),
                        })
                        .collect(),
                ),
                Refusal::Full => ("full", Vec::new()),
                Refusal::AlreadyAssigned => ("already_assigned", Vec::new()),
            };
            let body = RefusalBody {
                refusal: code,
                exclusions,
                messages: words.refusal(kind, &refusal),
            };
            Ok((StatusCode::CONFLICT, axum::Json(body)).into_response())
        }
    }
}

/// A client's placements, mentorings and referrals, current first.
#[utoipa::path(get, path = "/api/v1/clients/{id}/assignments", tag = "matching", params(("id" = i64, Path, description = "Client id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "The assignments", body = Vec<AssignmentView>),
        (status = 404, description = "No such client, or not visible to the caller", body = ErrorBody),
    ))]
async fn list_assignments(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
) -> Result<axum::Json<Vec<AssignmentView>>, AppError> {
    Ok(axum::Json(
        assignments::list(&app.db, &user, &ip, id).await?,
    ))
}

/// Why an assignment ends.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct EndInput {
    /// One line, at most 500 characters.
    pub reason: String,
}

/// Ends a placement, mentoring or referral with a reason; its place becomes free. The site's
/// supervisors, the mentor or the psychologist are e-mailed that it ended (not why), and the
/// client's coordinator, when someone else ended it, who ended it and why.
#[utoipa::path(post, path = "/api/v1/assignments/{kind}/{id}/end", tag = "matching", request_body = EndInput, params(("kind" = String, Path, description = "`placement`, `mentoring` or `referral`"), ("id" = i64, Path, description = "Its id")), security(("bearer" = [])),
    responses(
        (status = 200, description = "Ended", body = AssignmentView),
        (status = 404, description = "No such assignment, or its client is not visible to the caller", body = ErrorBody),
        (status = 409, description = "Already ended", body = ErrorBody),
        (status = 422, description = "No reason, or too long", body = ErrorBody),
    ))]
async fn end_assignment(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path((kind, id)): Path<(String, i64)>,
    Json(body): Json<EndInput>,
) -> Result<axum::Json<AssignmentView>, AppError> {
    let kind = AssignmentKind::parse(&kind).ok_or(AppError::NotFound)?;
    Ok(axum::Json(
        assignments::end(&app.db, &app.mailer, &user, &ip, kind, id, &body.reason).await?,
    ))
}

/// The signed-in mentor's current mentees.
#[utoipa::path(get, path = "/api/v1/me/mentees", tag = "matching", security(("bearer" = [])),
    responses((status = 200, description = "Mentees", body = Vec<Mentee>)))]
async fn my_mentees(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
) -> Result<axum::Json<Vec<Mentee>>, AppError> {
    Ok(axum::Json(mine::mentees(&app.db, &user, &ip).await?))
}

/// The signed-in psychologist's or social worker's open referrals.
#[utoipa::path(get, path = "/api/v1/me/referrals", tag = "matching", security(("bearer" = [])),
    responses((status = 200, description = "Open referrals", body = Vec<ReferredClient>)))]
async fn my_referrals(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
) -> Result<axum::Json<Vec<ReferredClient>>, AppError> {
    Ok(axum::Json(mine::referrals(&app.db, &user, &ip).await?))
}
