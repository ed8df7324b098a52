//! The home page (what Körpü is, for a visitor), the signed-in dashboard, the language switcher
//! and the 404 fallback.

use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use serde::Deserialize;
use tera::Context;

use super::page::{LANG_COOKIE, Page};
use crate::auth::Access;
use crate::auth::Routes;
use crate::error::AppError;
use crate::extract::{Path, Query};
use crate::i18n::Lang;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .get("/", Access::Public, index)
        .get("/dashboard", Access::SignedIn, dashboard)
        .get("/lang/{code}", Access::Public, switch_language)
        .get("/privacy", Access::Public, privacy)
}

async fn index(page: Page) -> Result<Response, AppError> {
    page.render("home/index.html", Context::new())
}

async fn dashboard(page: Page) -> Result<Response, AppError> {
    page.render("home/dashboard.html", Context::new())
}

async fn privacy(page: Page) -> Result<Response, AppError> {
    page.render("home/privacy.html", Context::new())
}

#[derive(Deserialize)]
struct Next {
    next: Option<String>,
}

/// A local path to return to; anything else (other hosts, `//evil`) falls back to `/`.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p.to_owned(),
        _ => "/".to_owned(),
    }
}

/// `GET /lang/{code}?next=/path`: remembers the language in a cookie and goes back. It only
/// sets a preference cookie, so it is a link rather than a form.
async fn switch_language(
    Path(code): Path<String>,
    Query(Next { next }): Query<Next>,
    jar: CookieJar,
) -> Result<Response, AppError> {
    let lang = Lang::parse(&code).ok_or(AppError::NotFound)?;
    let cookie = Cookie::build((LANG_COOKIE, lang.code()))
        .path("/")
        .same_site(SameSite::Lax)
        .max_age(cookie_year())
        .build();
    let target = safe_next(next.as_deref());
    Ok((
        jar.add(cookie),
        [(header::CACHE_CONTROL, "no-store")],
        Redirect::to(&target),
    )
        .into_response())
}

fn cookie_year() -> time::Duration {
    time::Duration::days(365)
}

/// Fallback for unknown paths: a 404 page (or JSON under `/api/`).
pub async fn not_found() -> AppError {
    AppError::NotFound
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_must_be_a_local_path() {
        assert_eq!(safe_next(Some("/clients?page=2")), "/clients?page=2");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
