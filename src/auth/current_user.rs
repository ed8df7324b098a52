//! Who is asking: the user behind the session cookie or the API bearer token, loaded fresh on
//! every request so that role changes and locks take effect immediately, live sessions included.

use std::sync::Arc;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use entity::{api_token, user, user_role};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::Serialize;

use super::Role;
use super::session::Session;
use super::tokens::hash_token;
use crate::app::AppState;
use crate::error::AppError;

/// How the user proved who they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthMethod {
    /// A browser session cookie.
    Session,
    /// An API bearer token.
    Token,
}

/// A signed-in user with the roles they hold right now.
#[derive(Clone, Debug, Serialize)]
pub struct AuthUser {
    /// User id.
    pub id: i64,
    /// E-mail address.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Roles held.
    pub roles: Vec<Role>,
    /// The region of a coordinator.
    pub region_id: Option<i64>,
    /// Preferred language code.
    pub language: String,
    /// How they signed in.
    pub method: AuthMethod,
}

impl AuthUser {
    /// Whether the user holds `role`.
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Whether the user holds any of `roles`.
    pub fn has_any(&self, roles: &[Role]) -> bool {
        roles.iter().any(|r| self.has(*r))
    }

    /// Fails with 403 unless the user holds one of `roles`.
    pub fn require_any(&self, roles: &[Role]) -> Result<(), AppError> {
        if self.has_any(roles) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// A label for the audit log.
    pub fn label(&self) -> String {
        self.email.clone()
    }
}

/// The signed-in user; extracting it fails with "sign-in required" when nobody is signed in.
#[derive(Clone, Debug)]
pub struct CurrentUser(pub Arc<AuthUser>);

impl std::ops::Deref for CurrentUser {
    type Target = AuthUser;
    fn deref(&self) -> &AuthUser {
        &self.0
    }
}

/// The signed-in user if there is one.
#[derive(Clone, Debug, Default)]
pub struct MaybeUser(pub Option<Arc<AuthUser>>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeUser {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<MaybeUser>()
            .cloned()
            .unwrap_or_default())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let MaybeUser(user) = MaybeUser::from_request_parts(parts, state)
            .await
            .unwrap_or_default();
        user.map(CurrentUser).ok_or(AppError::Unauthenticated)
    }
}

/// Middleware: resolves the user from `Authorization: Bearer …` or the session. A bearer token
/// that is unknown or revoked is refused with 401 rather than treated as anonymous.
pub async fn authenticate(
    State(app): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let bearer = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(|t| t.trim().to_owned());
    let resolved = match bearer {
        Some(token) => match user_for_token(&app.db, &token).await {
            Ok(Some(user)) => Ok(Some(user)),
            Ok(None) => Err(AppError::Unauthenticated),
            Err(e) => Err(e),
        },
        None => {
            let session = request.extensions().get::<Session>().cloned();
            match session.as_ref().and_then(Session::user_id) {
                Some(id) => match load(&app.db, id, AuthMethod::Session).await {
                    Ok(Some(user)) => Ok(Some(user)),
                    Ok(None) => {
                        // The account was deactivated or deleted: end the session.
                        if let Some(session) = session {
                            session.sign_out();
                        }
                        Ok(None)
                    }
                    Err(e) => Err(e),
                },
                None => Ok(None),
            }
        }
    };
    match resolved {
        Ok(user) => {
            let user = MaybeUser(user.map(Arc::new));
            request.extensions_mut().insert(user.clone());
            let mut response = next.run(request).await;
            response.extensions_mut().insert(user);
            response
        }
        Err(error) => error.into_response(),
    }
}

/// Loads an active user and their roles; `None` when missing or deactivated.
pub async fn load(
    db: &impl ConnectionTrait,
    user_id: i64,
    method: AuthMethod,
) -> Result<Option<AuthUser>, AppError> {
    let Some(model) = user::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(None);
    };
    if !model.active {
        return Ok(None);
    }
    let roles = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .order_by_asc(user_role::Column::Role)
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.role)
        .collect();
    Ok(Some(AuthUser {
        id: model.id,
        email: model.email,
        name: model.name,
        roles,
        region_id: model.region_id,
        language: model.language,
        method,
    }))
}

async fn user_for_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<AuthUser>, AppError> {
    let Some(row) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(hash_token(token)))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let now = Utc::now();
    if row
        .last_used_at
        .is_none_or(|t| (now - t).num_seconds() > 60)
    {
        let mut active: api_token::ActiveModel = row.clone().into();
        active.last_used_at = Set(Some(now));
        active.update(db).await?;
    }
    load(db, row.user_id, AuthMethod::Token).await
}
