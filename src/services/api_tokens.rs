//! API tokens: issued to a user, shown once, stored hashed, revocable.

use chrono::Utc;
use entity::api_token;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;

use super::audit::{self, Actor, Event};
use crate::auth::tokens::{hash_token, new_api_token};
use crate::error::AppError;

/// Issues a token for `user_id`; the returned secret is not stored and cannot be shown again.
pub async fn issue(
    db: &impl ConnectionTrait,
    actor: &Actor,
    ip: &str,
    user_id: i64,
    name: &str,
) -> Result<(api_token::Model, String), AppError> {
    let token = new_api_token();
    let name = crate::mail::outbox::header_safe(name);
    let row = api_token::ActiveModel {
        user_id: Set(user_id),
        name: Set(if name.is_empty() {
            "api".to_owned()
        } else {
            name.chars().take(100).collect()
        }),
        prefix: Set(token.chars().take(12).collect()),
        token_hash: Set(hash_token(&token)),
        created_at: Set(Utc::now()),
        last_used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(
        db,
        Event::new(actor.clone(), "api_token.issued", ip)
            .on("user", user_id)
            .detail(json!({ "token_id": row.id, "name": row.name })),
    )
    .await?;
    Ok((row, token))
}

/// The tokens of a user, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Vec<api_token::Model>, AppError> {
    Ok(api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(user_id))
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?)
}

/// Revokes a token of `user_id` (admins may revoke anyone's: pass `None`).
pub async fn revoke(
    db: &impl ConnectionTrait,
    actor: &Actor,
    ip: &str,
    token_id: i64,
    owner: Option<i64>,
) -> Result<(), AppError> {
    let row = api_token::Entity::find_by_id(token_id)
        .one(db)
        .await?
        .filter(|t| owner.is_none_or(|o| o == t.user_id))
        .ok_or(AppError::NotFound)?;
    if row.revoked_at.is_none() {
        let user_id = row.user_id;
        let mut active: api_token::ActiveModel = row.into();
        active.revoked_at = Set(Some(Utc::now()));
        active.update(db).await?;
        audit::record(
            db,
            Event::new(actor.clone(), "api_token.revoked", ip)
                .on("user", user_id)
                .detail(json!({ "token_id": token_id })),
        )
        .await?;
    }
    Ok(())
}
