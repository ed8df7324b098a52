//! What every page needs: the visitor's language, the signed-in user, the session (CSRF token,
//! flash messages) and the current path. Handlers extract a [`Page`] and call `render`.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use serde::Serialize;
use tera::Context;

use super::nav;
use crate::app::AppState;
use crate::auth::current_user::{AuthUser, MaybeUser};
use crate::auth::session::{FlashKind, Session};
use crate::error::{AppError, FieldErrors};
use crate::i18n::{self, Lang};

/// Percent-encodes a value for a query string.
pub fn url_encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// Name of the cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "korpu_lang";

/// The page context of one request.
#[derive(Clone)]
pub struct Page {
    /// Language of the page.
    pub lang: Lang,
    /// The signed-in user.
    pub user: Option<Arc<AuthUser>>,
    /// The session.
    pub session: Session,
    /// Path and query of the request, for links back here.
    pub path: String,
    app: AppState,
}

/// Chooses the language: the cookie set by the switcher, then the user's preference, then the
/// browser's `Accept-Language`, then the configured default.
pub fn choose_lang(headers: &HeaderMap, user_language: Option<&str>, default: &str) -> Lang {
    let jar = CookieJar::from_headers(headers);
    jar.get(LANG_COOKIE)
        .and_then(|c| Lang::parse(c.value()))
        .or_else(|| user_language.and_then(Lang::parse))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .or_else(|| Lang::parse(default))
        .unwrap_or(Lang::Az)
}

impl FromRequestParts<AppState> for Page {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, AppError> {
        let MaybeUser(user) = parts
            .extensions
            .get::<MaybeUser>()
            .cloned()
            .unwrap_or_default();
        let session = Session::from_request_parts(parts, app).await?;
        let lang = choose_lang(
            &parts.headers,
            user.as_ref().map(|u| u.language.as_str()),
            &app.config.default_language,
        );
        let path = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| "/".into());
        Ok(Page {
            lang,
            user,
            session,
            path,
            app: app.clone(),
        })
    }
}

/// What the layout needs on every page: `lang`, `langs` (the switcher), `user`, `nav`,
/// `flash`, `csrf`, `path`, `path_q` and `asset_version`.
pub fn layout_context(
    lang: Lang,
    user: Option<&AuthUser>,
    path: &str,
    csrf: &str,
    flash: &[FlashView],
) -> Context {
    let mut ctx = Context::new();
    ctx.insert("lang", lang.code());
    let langs: Vec<LangLink> = Lang::ALL
        .iter()
        .map(|l| LangLink {
            code: l.code(),
            name: l.native_name(),
            current: *l == lang,
        })
        .collect();
    ctx.insert("langs", &langs);
    ctx.insert("user", &user);
    ctx.insert("nav", &nav::items(user, path));
    ctx.insert("flash", flash);
    ctx.insert("csrf", csrf);
    ctx.insert("path", path);
    ctx.insert("path_q", &url_encode(path));
    ctx.insert("asset_version", super::assets::version());
    ctx
}

/// A flash message ready to show.
#[derive(Serialize)]
pub struct FlashView {
    kind: FlashKind,
    message: String,
}

#[derive(Serialize)]
struct LangLink {
    code: &'static str,
    name: &'static str,
    current: bool,
}

impl Page {
    /// A message in the page's language.
    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }

    /// The base context every template gets (see [`layout_context`]), with this page's
    /// flash messages and CSRF token (when a session exists).
    fn base_context(&self, csrf: Option<String>) -> Context {
        let flash: Vec<FlashView> = self
            .session
            .take_flash()
            .into_iter()
            .map(|f| {
                let args = f
                    .args
                    .into_iter()
                    .map(|(k, v)| (std::borrow::Cow::Owned(k), v.into()))
                    .collect();
                FlashView {
                    kind: f.kind,
                    message: i18n::t_args(self.lang, &f.key, &args),
                }
            })
            .collect();
        let csrf = csrf
            .or_else(|| self.session.existing_csrf_token())
            .unwrap_or_default();
        let mut ctx = layout_context(self.lang, self.user.as_deref(), &self.path, &csrf, &flash);
        // Any form with a location offers a map to pick the point (`location-picker.js`).
        ctx.insert("tile_url", &self.app.config.tile_url);
        ctx.insert("tile_attribution", &self.app.config.tile_attribution);
        ctx
    }

    /// Renders a template with the base context plus `ctx`.
    pub fn render(&self, template: &str, ctx: Context) -> Result<Response, AppError> {
        self.render_with(template, ctx, None)
    }

    /// Renders a page holding a form: makes sure a session (and so a CSRF token) exists.
    pub fn render_form(&self, template: &str, ctx: Context) -> Result<Response, AppError> {
        let csrf = self.session.csrf_token();
        self.render_with(template, ctx, Some(csrf))
    }

    /// Renders a form page again with the submitted values and the field errors, status 422.
    pub fn rerender_form(
        &self,
        template: &str,
        mut ctx: Context,
        errors: &FieldErrors,
    ) -> Result<Response, AppError> {
        ctx.insert("errors", &errors.by_field(self.lang));
        let mut response = self.render_form(template, ctx)?;
        *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
        Ok(response)
    }

    fn render_with(
        &self,
        template: &str,
        ctx: Context,
        csrf: Option<String>,
    ) -> Result<Response, AppError> {
        let mut full = self.base_context(csrf);
        full.extend(ctx);
        if !full.contains_key("errors") {
            full.insert(
                "errors",
                &std::collections::BTreeMap::<String, String>::new(),
            );
        }
        let html = self
            .app
            .templates
            .render(template, &full)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("rendering {template}: {e}")))?;
        Ok(Html(html).into_response())
    }

    /// Redirects (303) after a successful form, with a flash message.
    pub fn redirect_with(&self, to: &str, kind: FlashKind, key: &str) -> Response {
        self.session.flash(kind, key);
        Redirect::to(to).into_response()
    }
}
