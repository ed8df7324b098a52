//! The account of an approved volunteer: created at approval (or an existing account with the
//! same address is linked), deactivated while suspended or after withdrawal.

use chrono::Utc;
use entity::{user, user_role, volunteer};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

use crate::auth::{Role, session};
use crate::domain::email::Email;
use crate::domain::volunteer::RoleSought;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::mail::{Mail, Mailer};
use crate::services::accounts::{self, NewUser};
use crate::services::audit::{self, Actor, Event};
use crate::services::passwords::{self, Purpose};

/// The roles an approved volunteer gets: psychologist for professionals, mentor for mentors
/// and site helpers.
pub fn roles_for(roles_sought: &[RoleSought]) -> Vec<Role> {
    let mut roles = Vec::new();
    if roles_sought.contains(&RoleSought::Professional) {
        roles.push(Role::Psychologist);
    }
    if roles_sought
        .iter()
        .any(|r| matches!(r, RoleSought::Mentor | RoleSought::SiteHelper))
        || roles.is_empty()
    {
        roles.push(Role::Mentor);
    }
    roles
}

/// Creates the account of a volunteer being approved (or links the existing account with
/// their address and grants the roles), links it, and e-mails a link to set a password (or to
/// sign in, when the account has one). Returns the user id.
pub async fn open(
    db: &impl ConnectionTrait,
    mailer: &Mailer,
    actor: &Actor,
    ip: &str,
    v: &volunteer::Model,
) -> Result<i64, AppError> {
    let sought: Vec<RoleSought> = super::profile::read_list(&v.roles_sought)
        .iter()
        .filter_map(|r| RoleSought::parse(r))
        .collect();
    let roles = roles_for(&sought);
    let lang = Lang::parse(&v.language).unwrap_or(Lang::Az);
    let existing = match v.user_id {
        Some(id) => user::Entity::find_by_id(id).one(db).await?,
        None => accounts::find_by_email(db, &v.email).await?,
    };
    let model = match existing {
        Some(model) => {
            for role in &roles {
                let held = user_role::Entity::find_by_id((model.id, *role))
                    .one(db)
                    .await?
                    .is_some();
                if !held {
                    user_role::ActiveModel {
                        user_id: Set(model.id),
                        role: Set(*role),
                        granted_at: Set(Utc::now()),
                    }
                    .insert(db)
                    .await?;
                }
            }
            set_active(db, Some(model.id), true).await?;
            model
        }
        None => {
            let email = Email::parse("email", &v.email)
                .map_err(|_| AppError::Conflict("error-volunteer-email"))?;
            let new = NewUser {
                email,
                name: v.name.clone(),
                roles: roles.clone(),
                language: lang,
                region_id: v.region_id,
            };
            accounts::create_user(db, &new, None).await?
        }
    };
    volunteer::Entity::update_many()
        .col_expr(volunteer::Column::UserId, Expr::value(model.id))
        .filter(volunteer::Column::Id.eq(v.id))
        .exec(db)
        .await?;
    let professional_id = super::professional::register(db, v, model.id).await?;
    let link = if model.password_hash.is_none() {
        let token = passwords::issue_token(db, model.id, Purpose::Invite).await?;
        format!("{}/password/set/{token}", mailer.base_url())
    } else {
        format!("{}/sign-in", mailer.base_url())
    };
    mailer
        .enqueue(
            db,
            Mail::new("volunteer_approved", &v.email, &v.name, lang)
                .with("link", &link)
                .with("has_password", &model.password_hash.is_some())
                .with("valid_days", &Purpose::Invite.valid_hours().div_euclid(24)),
        )
        .await?;
    let roles: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    audit::record(
        db,
        Event::new(actor.clone(), "volunteer.account_opened", ip)
            .on("user", model.id)
            .detail(json!({
                "volunteer_id": v.id,
                "roles": roles,
                "professional_id": professional_id,
            })),
    )
    .await?;
    Ok(model.id)
}

/// Activates or deactivates the volunteer's account (if any); deactivation ends its sessions.
pub async fn set_active(
    db: &impl ConnectionTrait,
    user_id: Option<i64>,
    active: bool,
) -> Result<(), AppError> {
    let Some(user_id) = user_id else {
        return Ok(());
    };
    let Some(model) = user::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(());
    };
    if model.active != active {
        let mut row: user::ActiveModel = model.into();
        row.active = Set(active);
        row.update(db).await?;
    }
    super::professional::set_active(db, user_id, active).await?;
    if !active {
        session::end_all_for_user(db, user_id).await?;
    }
    Ok(())
}

/// Erases the personal data of a withdrawn volunteer's account: it is deactivated, its
/// sessions end, and its name, address and password are replaced. The row stays so that
/// records pointing at it keep their integrity.
pub async fn erase(db: &impl ConnectionTrait, user_id: Option<i64>) -> Result<(), AppError> {
    let Some(user_id) = user_id else {
        return Ok(());
    };
    let Some(model) = user::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(());
    };
    let placeholder = format!("erased-user-{user_id}@erased.invalid");
    let mut row: user::ActiveModel = model.into();
    row.active = Set(false);
    row.name = Set(String::new());
    row.name_key = Set(String::new());
    row.email = Set(placeholder.clone());
    row.email_key = Set(placeholder);
    row.password_hash = Set(None);
    row.update(db).await?;
    session::end_all_for_user(db, user_id).await?;
    super::professional::erase(db, user_id).await?;
    Ok(())
}
