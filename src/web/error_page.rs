//! Turns error responses into what the client expects: a JSON error body under `/api/`, a
//! redirect to the sign-in page for a page that needs sign-in, or a translated error page.

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Serialize;

use super::page::choose_lang;
use crate::app::AppState;
use crate::auth::current_user::MaybeUser;
use crate::error::ErrorPage;
use crate::i18n::{self, Lang};

/// The JSON error body of the API.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code: `not_found`, `unauthenticated`, `forbidden`, `csrf`,
    /// `bad_request`, `validation`, `conflict`, `too_many_requests`, `unavailable`, `internal`.
    pub code: String,
    /// Explanation in English.
    pub message: String,
    /// For `validation`: one entry per field with a problem.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldDetail>,
}

/// A problem with one field.
#[derive(Serialize, utoipa::ToSchema)]
pub struct FieldDetail {
    /// Field (JSON property) name.
    pub field: String,
    /// Message key, stable.
    pub code: String,
    /// Explanation in English.
    pub message: String,
}

/// Middleware: renders responses that carry an [`ErrorPage`].
pub async fn render(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let path_and_query = request
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| path.clone());
    let is_get = request.method() == Method::GET;
    let headers = request.headers().clone();
    let response = next.run(request).await;
    let Some(error) = response.extensions().get::<ErrorPage>().cloned() else {
        return response;
    };
    let status = response.status();
    if path.starts_with("/api/") || path == "/healthz" || path == "/readyz" {
        return json_error(response, &error);
    }
    if status == StatusCode::UNAUTHORIZED && is_get {
        let next_path = super::page::url_encode(&path_and_query);
        return Redirect::to(&format!("/sign-in?next={next_path}")).into_response();
    }
    let user = response
        .extensions()
        .get::<MaybeUser>()
        .cloned()
        .unwrap_or_default();
    let lang = choose_lang(
        &headers,
        user.0.as_ref().map(|u| u.language.as_str()),
        &app.config.default_language,
    );
    let mut ctx = super::page::layout_context(lang, user.0.as_deref(), &path_and_query, "", &[]);
    ctx.insert("status", &status.as_u16());
    ctx.insert("message", &i18n::t(lang, error.message_key));
    ctx.insert(
        "field_errors",
        &error
            .fields
            .as_ref()
            .map(|f| f.by_field(lang))
            .unwrap_or_default(),
    );
    ctx.insert(
        "errors",
        &std::collections::BTreeMap::<String, String>::new(),
    );
    let html = app
        .templates
        .render("error.html", &ctx)
        .unwrap_or_else(|e| {
            tracing::error!(error = %e, "error page failed to render");
            i18n::t(lang, error.message_key)
        });
    let mut page = (status, Html(html)).into_response();
    copy_header(&response, &mut page, axum::http::header::RETRY_AFTER);
    page
}

fn json_error(response: Response, error: &ErrorPage) -> Response {
    let status = response.status();
    let body = ErrorBody {
        error: ErrorDetail {
            code: error.code.to_owned(),
            message: i18n::t(Lang::En, error.message_key),
            fields: error
                .fields
                .as_ref()
                .map(|fields| {
                    fields
                        .0
                        .iter()
                        .map(|f| FieldDetail {
                            field: f.field.clone(),
                            code: f.code.to_owned(),
                            message: f.message(Lang::En),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        },
    };
    let mut json = (status, axum::Json(body)).into_response();
    copy_header(&response, &mut json, axum::http::header::RETRY_AFTER);
    if status == StatusCode::UNAUTHORIZED {
        json.headers_mut().insert(
            axum::http::header::WWW_AUTHENTICATE,
            axum::http::HeaderValue::from_static("Bearer realm=\"korpu\""),
        );
    }
    json
}

fn copy_header(from: &Response, to: &mut Response, name: axum::http::HeaderName) {
    if let Some(value) = from.headers().get(&name) {
        to.headers_mut().insert(name, value.clone());
    }
}
