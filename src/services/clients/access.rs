//! Who may see which client.
//!
//! - The responsible coordinator always sees their client.
//! - A restricted client is seen only by the staff named on it (`client_access`), besides the
//!   responsible coordinator. Admins are no exception: an admin sees a restricted record only
//!   when named on it (a "break-glass" override is out of scope).
//! - Otherwise admins see every client, and coordinators the clients of their own region.
//!
//! A client someone may not see does not exist for them (404), and the attempt is audited.

use entity::{client, client_access};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::auth::Role;
use crate::auth::current_user::AuthUser;
use crate::error::AppError;
use crate::services::audit::{self, Actor, Event};

/// The SQL condition selecting the clients `user` may see.
pub fn visible_to(user: &AuthUser) -> Condition {
    let named = client::Column::Id.in_subquery(
        Query::select()
            .column(client_access::Column::ClientId)
            .from(client_access::Entity)
            .and_where(client_access::Column::UserId.eq(user.id))
            .to_owned(),
    );
    let mut any = Condition::any()
        .add(client::Column::CoordinatorId.eq(user.id))
        .add(
            Condition::all()
                .add(client::Column::Restricted.eq(true))
                .add(named),
        );
    if user.has(Role::Admin) {
        any = any.add(client::Column::Restricted.eq(false));
    } else if let (true, Some(region)) = (user.has(Role::Coordinator), user.region_id) {
        any = any.add(
            Condition::all()
                .add(client::Column::Restricted.eq(false))
                .add(client::Column::RegionId.eq(region)),
        );
    }
    any
}

/// Whether `user` may see `client`; `named` tells whether they are on its access list.
pub fn may_see(user: &AuthUser, client: &client::Model, named: bool) -> bool {
    may_see_record(
        user,
        Seen {
            coordinator_id: client.coordinator_id,
            region_id: client.region_id,
            restricted: client.restricted,
            named,
        },
    )
}

/// What decides who sees a client record.
#[derive(Clone, Copy, Debug)]
pub struct Seen {
    /// Responsible coordinator.
    pub coordinator_id: i64,
    /// Region.
    pub region_id: Option<i64>,
    /// Restricted to named staff.
    pub restricted: bool,
    /// Whether the user is named on it.
    pub named: bool,
}

/// Whether `user` may see a record with these properties (also one about to be written).
pub fn may_see_record(user: &AuthUser, record: Seen) -> bool {
    if record.coordinator_id == user.id {
        return true;
    }
    if record.restricted {
        return record.named;
    }
    user.has(Role::Admin)
        || (user.has(Role::Coordinator)
            && user.region_id.is_some()
            && record.region_id == user.region_id)
}

/// The users named on a client's access list.
pub async fn named_staff(db: &impl ConnectionTrait, client_id: i64) -> Result<Vec<i64>, AppError> {
    Ok(client_access::Entity::find()
        .filter(client_access::Column::ClientId.eq(client_id))
        .order_by_asc(client_access::Column::UserId)
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.user_id)
        .collect())
}

/// Loads a client `user` may see; otherwise 404, and an existing client's refusal is audited
/// (`client.read_denied`).
pub async fn load_visible(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    ip: &str,
    client_id: i64,
) -> Result<client::Model, AppError> {
    let model = client::Entity::find_by_id(client_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let named = named_staff(db, client_id).await?.contains(&user.id);
    if !may_see(user, &model, named) {
        audit::record(
            db,
            Event::new(Actor::user(user), "client.read_denied", ip).on("client", client_id),
        )
        .await?;
        return Err(AppError::NotFound);
    }
    Ok(model)
}

/// Like [`load_visible`], and refuses a closed case (409 `error-client-closed`).
pub async fn load_open(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    ip: &str,
    client_id: i64,
) -> Result<client::Model, AppError> {
    let model = load_visible(db, user, ip, client_id).await?;
    if model.closed_on.is_some() {
        return Err(AppError::Conflict("error-client-closed"));
    }
    Ok(model)
}
