//! Matching pages on the client record: suggestions of one kind with their reasons and a map,
//! "why not X?", assigning with one click, and ending an assignment with a reason. The helpers'
//! own lists (mentees, referrals) are in [`mine`]. The JSON twins are in `api::matching`.

mod end;
mod mine;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::AppState;
use crate::auth::session::FlashKind;
use crate::auth::{Access, ClientIp, CurrentUser, Routes};
use crate::domain::matching::{CandidateKind, LatLon, haversine_m};
use crate::domain::text::search_key;
use crate::error::AppError;
use crate::extract::{Form, Path, Query};
use crate::services::clients::{self, ClientDetail};
use crate::services::matching::assign::{self, Assigned, Request};
use crate::services::matching::views::{self, Ask, ExplanationView, SuggestionView};
use crate::web::clients::map;
use crate::web::page::Page;

/// How many candidates the "why not?" choice offers (the nearest ones).
const CHOICES: usize = 300;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .get("/clients/{id}/suggestions", Access::STAFF, page)
        .post("/clients/{id}/suggestions", Access::STAFF, assign_form)
        .merge(end::routes())
        .merge(mine::routes())
}

/// The page's query: the kind, and optionally a candidate to explain or a name to find one.
#[derive(Debug, Default, Deserialize)]
struct SuggestQuery {
    kind: Option<String>,
    why: Option<String>,
    q: Option<String>,
}

/// The assign button's form.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
struct AssignForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    candidate_id: String,
    #[serde(default)]
    reason: String,
}

/// The kind named in a query or form; absent means sites. Anything else is a 422.
pub(crate) fn parse_kind(text: Option<&str>) -> Result<CandidateKind, AppError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(CandidateKind::Site),
        Some(code) => views::parse_kind(code),
    }
}

#[derive(Serialize)]
struct Choice {
    id: i64,
    name: String,
    km: f64,
    km_text: String,
}

#[derive(Serialize)]
struct MapCandidate {
    id: i64,
    name: String,
    lat: f64,
    lon: f64,
    km: f64,
    rank: Option<usize>,
    excluded: bool,
}

/// Everything the page shows besides the flash and the form's state.
struct Shown {
    client: ClientDetail,
    kind: CandidateKind,
    suggestions: Vec<SuggestionView>,
    why: Option<ExplanationView>,
    choices: Vec<Choice>,
    query: String,
}

async fn gather(
    app: &AppState,
    page: &Page,
    user: &CurrentUser,
    ip: &str,
    id: i64,
    query: &SuggestQuery,
) -> Result<Shown, AppError> {
    let kind = parse_kind(query.kind.as_deref())?;
    let client = clients::read(&app.db, user, ip, id).await?;
    let ask = Ask {
        client_id: id,
        kind,
        lang: page.lang,
    };
    // `clients::read` checked and audited the read of the record; the suggestions and the
    // explanation are part of that one read.
    let suggestions = views::suggestions_of_read_client(
        &app.db,
        &app.matching,
        ask,
        crate::services::matching::suggest::DEFAULT_COUNT,
    )
    .await?;
    let home = LatLon::new(client.home.location.lat, client.home.location.lon).ok();
    let needle = search_key(query.q.as_deref().unwrap_or_default());
    let mut choices: Vec<Choice> = views::candidates(&app.db, &app.matching, kind)
        .await?
        .into_iter()
        .filter(|c| needle.is_empty() || search_key(&c.name).contains(&needle))
        .map(|c| Choice {
            id: c.id,
            km: home
                .zip(LatLon::new(c.lat, c.lon).ok())
                .map_or(0.0, |(a, b)| haversine_m(&a, &b) / 1000.0),
            km_text: String::new(),
            name: c.name,
        })
        .collect();
    choices.sort_by(|a, b| a.km.total_cmp(&b.km).then(a.id.cmp(&b.id)));
    choices.truncate(CHOICES);
    let words = views::words(&app.db, page.lang).await?;
    for c in &mut choices {
        c.km_text = words.km(c.km);
    }
    let why_id = match query.why.as_deref().map(str::trim) {
        Some(text) if !text.is_empty() => Some(
            text.parse::<i64>()
                .map_err(|_| AppError::field("why", "error-match-candidate"))?,
        ),
        // A name search that finds exactly one candidate explains it at once.
        _ if !needle.is_empty() && choices.len() == 1 => Some(choices[0].id),
        _ => None,
    };
    let why = match why_id {
        Some(candidate) => {
            Some(views::why_not_of_read_client(&app.db, &app.matching, ask, candidate).await?)
        }
        None => None,
    };
    Ok(Shown {
        client,
        kind,
        suggestions,
        why,
        choices,
        query: query.q.clone().unwrap_or_default(),
    })
}

fn context(shown: &Shown, form: &AssignForm) -> Context {
    let mut ctx = Context::new();
    let mut markers: Vec<MapCandidate> = shown
        .suggestions
        .iter()
        .map(|s| MapCandidate {
            id: s.candidate.id,
            name: s.candidate.name.clone(),
            lat: s.candidate.lat,
            lon: s.candidate.lon,
            km: s.distance_km,
            rank: Some(s.rank),
            excluded: false,
        })
        .collect();
    if let Some(why) = &shown.why
        && let Some(c) = &why.candidate
        && !markers.iter().any(|m| m.id == c.id)
    {
        let km = shown
            .choices
            .iter()
            .find(|x| x.id == c.id)
            .map_or(0.0, |x| x.km);
        markers.push(MapCandidate {
            id: c.id,
            name: c.name.clone(),
            lat: c.lat,
            lon: c.lon,
            km,
            rank: why.rank,
            excluded: !why.suggested,
        });
    }
    let mut data = map::data(&shown.client, &[]);
    data["candidates"] = serde_json::to_value(&markers).unwrap_or_default();
    ctx.insert("map_json", &data.to_string());
    ctx.insert("client", &shown.client);
    ctx.insert("kind", shown.kind.as_str());
    ctx.insert(
        "kinds",
        &CandidateKind::ALL.map(CandidateKind::as_str).to_vec(),
    );
    ctx.insert("suggestions", &shown.suggestions);
    ctx.insert("why", &shown.why);
    ctx.insert("choices", &shown.choices);
    ctx.insert("q", &shown.query);
    ctx.insert("form", form);
    ctx
}

async fn page(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Query(query): Query<SuggestQuery>,
) -> Result<Response, AppError> {
    let shown = gather(&app, &page, &user, &ip, id, &query).await?;
    let mut ctx = context(&shown, &AssignForm::default());
    map::tiles(&mut ctx, &app);
    page.render_form("matching/suggestions.html", ctx)
}

async fn assign_form(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(id): Path<i64>,
    Form(form): Form<AssignForm>,
) -> Result<Response, AppError> {
    let kind = parse_kind(Some(&form.kind))?;
    let candidate_id: i64 = form
        .candidate_id
        .trim()
        .parse()
        .map_err(|_| AppError::field("candidate_id", "error-match-candidate"))?;
    let request = Request {
        client_id: id,
        kind,
        candidate_id,
        reason: &form.reason,
    };
    let query = SuggestQuery {
        kind: Some(kind.as_str().to_owned()),
        why: None,
        q: None,
    };
    let outcome = assign::assign(&app.db, &app.matching, &app.mailer, &user, &ip, &request).await;
    let refusal = match outcome {
        Ok(Ok(assigned)) => {
            let key = match assigned {
                Assigned::Placement { .. } => "flash-match-assigned-placement",
                Assigned::Mentoring { .. } => "flash-match-assigned-mentoring",
                Assigned::Referral { .. } => "flash-match-assigned-referral",
            };
            return Ok(page.redirect_with(&format!("/clients/{id}"), FlashKind::Success, key));
        }
        Ok(Err(refusal)) => refusal,
        Err(AppError::Validation(errors)) => {
            let shown = gather(&app, &page, &user, &ip, id, &query).await?;
            let mut ctx = context(&shown, &form);
            ctx.insert("reason_for", &candidate_id);
            map::tiles(&mut ctx, &app);
            return page.rerender_form("matching/suggestions.html", ctx, &errors);
        }
        Err(AppError::Conflict(key)) => {
            return Ok(page.redirect_with(&format!("/clients/{id}"), FlashKind::Error, key));
        }
        Err(other) => return Err(other),
    };
    let shown = gather(&app, &page, &user, &ip, id, &query).await?;
    let mut ctx = context(&shown, &form);
    let words = views::client_words(&app.db, page.lang, id).await?;
    ctx.insert("refusal", &words.refusal(kind, &refusal));
    ctx.insert(
        "refused_name",
        &views::candidates(&app.db, &app.matching, kind)
            .await?
            .into_iter()
            .find(|c| c.id == candidate_id)
            .map(|c| c.name),
    );
    map::tiles(&mut ctx, &app);
    let mut response = page.render_form("matching/suggestions.html", ctx)?;
    *response.status_mut() = StatusCode::CONFLICT;
    Ok(response)
}
