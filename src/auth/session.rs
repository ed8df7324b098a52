//! Server-side sessions stored in the database, so several app instances share them.
//!
//! The cookie carries a random token; the table holds its SHA-256. A session is created lazily,
//! the first time a page needs a CSRF token or a flash message, and the id is replaced at
//! sign-in. Idle and absolute timeouts are enforced on every load.

use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use chrono::{DateTime, Duration, Utc};
use entity::session;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};

use super::tokens::{hash_token, new_token};
use crate::app::AppState;
use crate::error::AppError;

/// Name of the session cookie.
pub const COOKIE: &str = "korpu_session";

/// How often `last_seen_at` is written for an otherwise unchanged session.
const TOUCH_EVERY_SECONDS: i64 = 60;

/// Kind of a flash message, for its colour and ARIA role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FlashKind {
    /// Something worked.
    Success,
    /// Something to know.
    Info,
    /// Something went wrong.
    Error,
}

/// A one-time message shown on the next page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Flash {
    /// Its kind.
    pub kind: FlashKind,
    /// The message key.
    pub key: String,
    /// Message arguments.
    #[serde(default)]
    pub args: Vec<(String, String)>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct SessionData {
    #[serde(default)]
    flash: Vec<Flash>,
}

#[derive(Debug, Default)]
struct State_ {
    /// Token of the session as the browser will know it after this response.
    token: Option<String>,
    /// Whether `token` is already stored.
    stored: bool,
    /// A stored session id hash to delete (rotation or sign-out).
    delete_hash: Option<String>,
    user_id: Option<i64>,
    csrf: Option<String>,
    data: SessionData,
    created_at: Option<DateTime<Utc>>,
    last_seen_at: Option<DateTime<Utc>>,
    dirty: bool,
    /// The cookie must be removed (expired session or sign-out).
    clear_cookie: bool,
}

/// The session of the current request. Cheap to clone; changes are saved after the handler.
#[derive(Clone, Debug, Default)]
pub struct Session(Arc<Mutex<State_>>);

impl Session {
    fn lock(&self) -> MutexGuard<'_, State_> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The signed-in user's id, if any.
    pub fn user_id(&self) -> Option<i64> {
        self.lock().user_id
    }

    /// The CSRF token of this session, creating an (anonymous) session when there is none.
    pub fn csrf_token(&self) -> String {
        let mut state = self.lock();
        ensure_exists(&mut state);
        state.csrf.clone().unwrap_or_default()
    }

    /// The CSRF token if a session exists; does not create one.
    pub fn existing_csrf_token(&self) -> Option<String> {
        let state = self.lock();
        state.token.as_ref().and(state.csrf.clone())
    }

    /// Starts a signed-in session for `user_id` under a new id and CSRF token (the old id can
    /// no longer be used: session fixation is impossible). Flash messages carry over.
    pub fn sign_in(&self, user_id: i64) {
        let mut state = self.lock();
        if state.stored {
            state.delete_hash = state.token.as_deref().map(hash_token);
        }
        let now = Utc::now();
        state.token = Some(new_token());
        state.stored = false;
        state.csrf = Some(new_token());
        state.user_id = Some(user_id);
        state.created_at = Some(now);
        state.last_seen_at = Some(now);
        state.dirty = true;
        state.clear_cookie = false;
    }

    /// Ends the session on the server and removes the cookie.
    pub fn sign_out(&self) {
        let mut state = self.lock();
        if state.stored {
            state.delete_hash = state.token.as_deref().map(hash_token);
        }
        *state = State_ {
            delete_hash: state.delete_hash.take(),
            clear_cookie: true,
            ..State_::default()
        };
    }

    /// Adds a message for the next page shown in this session.
    pub fn flash(&self, kind: FlashKind, key: &str) {
        self.flash_with(kind, key, Vec::new());
    }

    /// Adds a message with arguments for the next page.
    pub fn flash_with(&self, kind: FlashKind, key: &str, args: Vec<(String, String)>) {
        let mut state = self.lock();
        ensure_exists(&mut state);
        state.data.flash.push(Flash {
            kind,
            key: key.to_owned(),
            args,
        });
        state.dirty = true;
    }

    /// Removes and returns the pending flash messages.
    pub fn take_flash(&self) -> Vec<Flash> {
        let mut state = self.lock();
        if state.data.flash.is_empty() {
            return Vec::new();
        }
        state.dirty = true;
        std::mem::take(&mut state.data.flash)
    }
}

fn ensure_exists(state: &mut State_) {
    if state.token.is_none() {
        let now = Utc::now();
        state.token = Some(new_token());
        state.stored = false;
        state.csrf = Some(new_token());
        state.created_at = Some(now);
        state.last_seen_at = Some(now);
        state.dirty = true;
        state.clear_cookie = false;
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Session {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Session>()
            .cloned()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("session layer missing")))
    }
}

/// Middleware: loads the session named by the cookie, runs the request, saves changes and
/// sets or clears the cookie.
pub async fn layer(
    State(app): State<AppState>,
    jar: CookieJar,
    mut request: Request,
    next: Next,
) -> Result<Response, AppError> {
    let session = Session::default();
    if let Some(cookie) = jar.get(COOKIE) {
        let token = cookie.value().to_owned();
        match load(&app, &token).await? {
            Some(row) => {
                let mut state = session.lock();
                state.token = Some(token);
                state.stored = true;
                state.user_id = row.user_id;
                state.csrf = Some(row.csrf_token);
                state.data = serde_json::from_str(&row.data).unwrap_or_default();
                state.created_at = Some(row.created_at);
                state.last_seen_at = Some(row.last_seen_at);
            }
            None => session.lock().clear_cookie = true,
        }
    }
    request.extensions_mut().insert(session.clone());
    let response = next.run(request).await;
    save(&app, &session, response).await
}

/// Loads a live session by token; expired ones are deleted and read as absent.
async fn load(app: &AppState, token: &str) -> Result<Option<session::Model>, AppError> {
    let Some(row) = session::Entity::find_by_id(hash_token(token))
        .one(&app.db)
        .await?
    else {
        return Ok(None);
    };
    let now = Utc::now();
    let idle = Duration::minutes(app.config.session_idle_minutes);
    let absolute = Duration::hours(app.config.session_absolute_hours);
    if now - row.last_seen_at > idle || now - row.created_at > absolute {
        session::Entity::delete_by_id(row.id_hash.clone())
            .exec(&app.db)
            .await?;
        return Ok(None);
    }
    Ok(Some(row))
}

async fn save(
    app: &AppState,
    session: &Session,
    mut response: Response,
) -> Result<Response, AppError> {
    let (delete_hash, upsert, set_cookie, clear_cookie) = {
        let mut state = session.lock();
        let now = Utc::now();
        let stale = state
            .last_seen_at
            .is_some_and(|seen| (now - seen).num_seconds() >= TOUCH_EVERY_SECONDS);
        if state.token.is_some() && (state.dirty || stale) {
            state.last_seen_at = Some(now);
        }
        let upsert = match (&state.token, state.dirty || stale) {
            (Some(token), true) => Some((
                !state.stored,
                session::ActiveModel {
                    id_hash: Set(hash_token(token)),
                    user_id: Set(state.user_id),
                    csrf_token: Set(state.csrf.clone().unwrap_or_default()),
                    data: Set(serde_json::to_string(&state.data).unwrap_or_else(|_| "{}".into())),
                    created_at: Set(state.created_at.unwrap_or(now)),
                    last_seen_at: Set(now),
                },
            )),
            _ => None,
        };
        let set_cookie = if state.stored {
            None
        } else {
            state.token.clone()
        };
        (
            state.delete_hash.take(),
            upsert,
            set_cookie,
            state.clear_cookie,
        )
    };
    if let Some(hash) = delete_hash {
        session::Entity::delete_many()
            .filter(session::Column::IdHash.eq(hash))
            .exec(&app.db)
            .await?;
    }
    if let Some((insert, model)) = upsert {
        if insert {
            model.insert(&app.db).await?;
        } else {
            model.update(&app.db).await?;
        }
    }
    let cookie = match (set_cookie, clear_cookie) {
        (Some(token), _) => session_cookie(token, app.config.secure_cookies()),
        (None, true) => {
            let mut removal = Cookie::build((COOKIE, "")).path("/").build();
            removal.make_removal();
            removal
        }
        (None, false) => return Ok(response),
    };
    if let Ok(header) = cookie.encoded().to_string().parse() {
        response
            .headers_mut()
            .append(axum::http::header::SET_COOKIE, header);
    }
    Ok(response)
}

fn session_cookie(token: String, secure: bool) -> Cookie<'static> {
    Cookie::build((COOKIE, token))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .build()
}

/// Ends every session of a user (password change, lock, deactivation).
pub async fn end_all_for_user(
    db: &impl sea_orm::ConnectionTrait,
    user_id: i64,
) -> Result<(), sea_orm::DbErr> {
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes sessions idle for longer than the idle timeout (run periodically).
pub async fn purge_expired(
    db: &impl sea_orm::ConnectionTrait,
    idle_minutes: i64,
) -> Result<u64, sea_orm::DbErr> {
    let cutoff = Utc::now() - Duration::minutes(idle_minutes);
    Ok(session::Entity::delete_many()
        .filter(session::Column::LastSeenAt.lt(cutoff))
        .exec(db)
        .await?
        .rows_affected)
}
