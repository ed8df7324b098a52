//! CSRF protection: every state-changing request made with the session cookie must carry the
//! session's token, in the `_csrf` form field, the `_csrf` query parameter (multipart uploads)
//! or the `X-CSRF-Token` header. Requests authenticated by a bearer token carry no cookie and
//! need none; anonymous JSON API calls change nothing that a forged request could abuse.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::current_user::{AuthMethod, MaybeUser};
use super::session::Session;
use super::tokens::constant_time_eq;
use crate::error::AppError;

/// Name of the form field and query parameter.
pub const FIELD: &str = "_csrf";
/// Name of the header.
pub const HEADER: &str = "x-csrf-token";
/// Largest form body read while looking for the token.
const MAX_FORM_BYTES: usize = 32 * 1024 * 1024;

/// Middleware enforcing the rule above.
pub async fn verify(request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let user = request
        .extensions()
        .get::<MaybeUser>()
        .cloned()
        .unwrap_or_default();
    let is_api = request.uri().path().starts_with("/api/");
    match &user.0 {
        Some(u) if u.method == AuthMethod::Token => return next.run(request).await,
        None if is_api => return next.run(request).await,
        _ => {}
    }
    let expected = request
        .extensions()
        .get::<Session>()
        .and_then(Session::existing_csrf_token);
    let Some(expected) = expected else {
        return AppError::Csrf.into_response();
    };
    let (request, provided) = match provided_token(request).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    match provided {
        Some(token) if constant_time_eq(&token, &expected) => next.run(request).await,
        _ => AppError::Csrf.into_response(),
    }
}

async fn provided_token(request: Request) -> Result<(Request, Option<String>), Response> {
    if let Some(value) = request.headers().get(HEADER).and_then(|v| v.to_str().ok()) {
        let token = value.to_owned();
        return Ok((request, Some(token)));
    }
    if let Some(token) = request.uri().query().and_then(|q| field_in(q.as_bytes())) {
        return Ok((request, Some(token)));
    }
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Ok((request, None));
    }
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| AppError::BadRequest("error-body-too-large").into_response())?;
    let token = field_in(&bytes);
    Ok((Request::from_parts(parts, Body::from(bytes)), token))
}

fn field_in(encoded: &[u8]) -> Option<String> {
    form_urlencoded::parse(encoded)
        .find(|(name, _)| name == FIELD)
        .map(|(_, value)| value.into_owned())
}
