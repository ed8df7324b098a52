//! The staff a client record can name: responsible coordinators and people on the access
//! list of a restricted record.

use entity::{user, user_role};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use crate::auth::Role;
use crate::error::AppError;

/// A person as a record names them.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Person {
    /// User id.
    pub id: i64,
    /// Name.
    pub name: String,
}

/// Active users holding any of `roles`, by name.
pub async fn with_roles(
    db: &impl ConnectionTrait,
    roles: &[Role],
) -> Result<Vec<Person>, AppError> {
    let ids: Vec<i64> = user_role::Entity::find()
        .filter(user_role::Column::Role.is_in(roles.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.user_id)
        .collect();
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::NameKey)
        .all(db)
        .await?
        .into_iter()
        .map(|u| Person {
            id: u.id,
            name: u.name,
        })
        .collect())
}

/// Coordinators who can be responsible for a client.
pub async fn coordinators(db: &impl ConnectionTrait) -> Result<Vec<Person>, AppError> {
    with_roles(db, &[Role::Coordinator]).await
}

/// Staff who can be named on a restricted record (coordinators and admins).
pub async fn staff(db: &impl ConnectionTrait) -> Result<Vec<Person>, AppError> {
    with_roles(db, &[Role::Coordinator, Role::Admin]).await
}

/// The people with these ids, by name (unknown ids are left out).
pub async fn people(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<Person>, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(user::Column::NameKey)
        .all(db)
        .await?
        .into_iter()
        .map(|u| Person {
            id: u.id,
            name: u.name,
        })
        .collect())
}
