//! E-mail about a new assignment, queued in its transaction: the client's coordinator, the
//! site's supervisors (placement), the mentor (mentoring) or the psychologist (referral), each
//! in their own language and with only what they need. A supervisor learns the client's name,
//! the first day and the weekly times, never the offence or the order; a mentor the name and
//! whom to contact; a psychologist the name, the reason for the referral and whom to contact.

use entity::{client, professional, site, site_supervisor, user, volunteer};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::assign::Assigned;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::mail::{Mail, Mailer};

/// Queues the e-mails about `assigned` (just created for `client_id`) on `db`, the
/// transaction that created it.
pub async fn assigned(
    db: &impl ConnectionTrait,
    mailer: &Mailer,
    client_id: i64,
    assigned: &Assigned,
) -> Result<(), AppError> {
    let client = client::Entity::find_by_id(client_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let coordinator = user::Entity::find_by_id(client.coordinator_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let base = mailer.base_url();
    let lang = |code: &str| Lang::parse(code).unwrap_or_else(|| mailer.default_lang());
    let client_link = format!("{base}/clients/{}", client.id);
    let (kind, helper_name) = match assigned {
        Assigned::Placement {
            site_id, windows, ..
        } => {
            let site = site::Entity::find_by_id(*site_id)
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?;
            let supervisors = supervisors(db, site.id).await?;
            for s in supervisors {
                let mail = Mail::new(
                    "assignment_supervisor",
                    &s.email,
                    &s.name,
                    lang(&s.language),
                )
                .with("client_name", &client.name)
                .with("site_name", &site.name)
                .with("started_on", &chrono::Utc::now().date_naive().to_string())
                .with("windows", windows)
                .with("link", &format!("{base}/supervisor/clients"));
                mailer.enqueue(db, mail).await?;
            }
            ("placement", site.name)
        }
        Assigned::Mentoring { volunteer_id, .. } => {
            let v = volunteer::Entity::find_by_id(*volunteer_id)
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?;
            let mail = Mail::new("assignment_mentor", &v.email, &v.name, lang(&v.language))
                .with("client_name", &client.name)
                .with("coordinator_name", &coordinator.name)
                .with("coordinator_email", &coordinator.email)
                .with("link", &format!("{base}/me/mentees"));
            mailer.enqueue(db, mail).await?;
            ("mentoring", v.name)
        }
        Assigned::Referral {
            professional_id,
            id,
            ..
        } => {
            let p = professional::Entity::find_by_id(*professional_id)
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?;
            let reason = entity::referral::Entity::find_by_id(*id)
                .one(db)
                .await?
                .map(|r| r.reason)
                .unwrap_or_default();
            let account = match p.user_id {
                Some(uid) => user::Entity::find_by_id(uid).one(db).await?,
                None => None,
            };
            let language = account
                .as_ref()
                .map(|u| lang(&u.language))
                .unwrap_or_else(|| mailer.default_lang());
            let mail = Mail::new("assignment_psychologist", &p.email, &p.name, language)
                .with("client_name", &client.name)
                .with("reason", &reason)
                .with("coordinator_name", &coordinator.name)
                .with("coordinator_email", &coordinator.email)
                .with("has_account", &account.is_some())
                .with("link", &format!("{base}/me/referrals"));
            mailer.enqueue(db, mail).await?;
            ("referral", p.name)
        }
    };
    let mail = Mail::new(
        "assignment_coordinator",
        &coordinator.email,
        &coordinator.name,
        lang(&coordinator.language),
    )
    .with("client_name", &client.name)
    .with("helper_name", &helper_name)
    .with("kind", &kind)
    .with("link", &client_link);
    mailer.enqueue(db, mail).await?;
    Ok(())
}

async fn supervisors(
    db: &impl ConnectionTrait,
    site_id: i64,
) -> Result<Vec<user::Model>, AppError> {
    let ids: Vec<i64> = site_supervisor::Entity::find()
        .filter(site_supervisor::Column::SiteId.eq(site_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.user_id)
        .collect();
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .filter(user::Column::Active.eq(true))
        .all(db)
        .await?)
}
