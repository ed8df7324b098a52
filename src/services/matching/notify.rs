//! E-mail about an assignment, queued in the transaction that creates or ends it, each to its
//! recipient in their own language and with only what they need.
//!
//! - A new assignment: the client's coordinator, the site's supervisors (placement), the mentor
//!   (mentoring) or the psychologist (referral). A supervisor learns the client's name, the
//!   first day and the weekly times, never the offence or the order; a mentor the name and whom
//!   to contact; a psychologist the name, the reason for the referral and whom to contact.
//! - An ended assignment: the same helpers learn that it ended and from when (not why: the
//!   reason may be confidential); the client's coordinator, when someone else ended it, learns
//!   who ended it and why.

use chrono::NaiveDate;
use entity::{client, professional, site, site_supervisor, user, volunteer};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::assign::Assigned;
use super::assignments::{AssignmentKind, AssignmentView};
use crate::auth::current_user::AuthUser;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::mail::{Mail, Mailer};

/// Someone to e-mail, in their language.
struct Recipient {
    email: String,
    name: String,
    lang: Lang,
    /// Whether they can sign in (a psychologist without an account gets no link).
    has_account: bool,
}

impl Recipient {
    fn mail(&self, template: &'static str) -> Mail {
        Mail::new(template, &self.email, &self.name, self.lang)
    }
}

/// The people an assignment concerns.
struct Concerned {
    client: client::Model,
    coordinator: Recipient,
    coordinator_id: i64,
    /// The site, mentor or psychologist.
    helper_name: String,
    /// The site's active supervisors, the mentor, or the psychologist.
    helpers: Vec<Recipient>,
}

/// Who is concerned by an assignment of `kind` between a client and a helper (site,
/// volunteer or professional).
async fn concerned(
    db: &impl ConnectionTrait,
    mailer: &Mailer,
    client_id: i64,
    kind: AssignmentKind,
    helper_id: i64,
) -> Result<Concerned, AppError> {
    let lang = |code: &str| Lang::parse(code).unwrap_or_else(|| mailer.default_lang());
    let account = |u: user::Model| Recipient {
        lang: lang(&u.language),
        email: u.email,
        name: u.name,
        has_account: true,
    };
    let client = client::Entity::find_by_id(client_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let coordinator = user::Entity::find_by_id(client.coordinator_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (helper_name, helpers) = match kind {
        AssignmentKind::Placement => {
            let site = site::Entity::find_by_id(helper_id)
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?;
            let people = supervisors(db, site.id).await?;
            (site.name, people.into_iter().map(account).collect())
        }
        AssignmentKind::Mentoring => {
            let v = volunteer::Entity::find_by_id(helper_id)
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?;
            let mentor = Recipient {
                lang: lang(&v.language),
                email: v.email,
                name: v.name.clone(),
                has_account: true,
            };
            (v.name, vec![mentor])
        }
        AssignmentKind::Referral => {
            let p = professional::Entity::find_by_id(helper_id)
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?;
            let login = match p.user_id {
                Some(uid) => user::Entity::find_by_id(uid).one(db).await?,
                None => None,
            };
            let psychologist = Recipient {
                lang: login
                    .as_ref()
                    .map_or_else(|| mailer.default_lang(), |u| lang(&u.language)),
                email: p.email,
                name: p.name.clone(),
                has_account: login.is_some(),
            };
            (p.name, vec![psychologist])
        }
    };
    Ok(Concerned {
        client,
        coordinator_id: coordinator.id,
        coordinator: account(coordinator),
        helper_name,
        helpers,
    })
}

/// Where a helper sees their clients.
fn helper_link(base: &str, kind: AssignmentKind) -> String {
    match kind {
        AssignmentKind::Placement => format!("{base}/supervisor/clients"),
        AssignmentKind::Mentoring => format!("{base}/me/mentees"),
        AssignmentKind::Referral => format!("{base}/me/referrals"),
    }
}

/// Queues the e-mails about `assigned` (just created for `client_id`) on `db`, the
/// transaction that created it.
pub async fn assigned(
    db: &impl ConnectionTrait,
    mailer: &Mailer,
    client_id: i64,
    assigned: &Assigned,
) -> Result<(), AppError> {
    let (kind, helper_id) = match assigned {
        Assigned::Placement { site_id, .. } => (AssignmentKind::Placement, *site_id),
        Assigned::Mentoring { volunteer_id, .. } => (AssignmentKind::Mentoring, *volunteer_id),
        Assigned::Referral {
            professional_id, ..
        } => (AssignmentKind::Referral, *professional_id),
    };
    let people = concerned(db, mailer, client_id, kind, helper_id).await?;
    let base = mailer.base_url();
    let link = helper_link(&base, kind);
    let client = &people.client;
    let coordinator = &people.coordinator;
    let referral_reason = match assigned {
        Assigned::Referral { id, .. } => entity::referral::Entity::find_by_id(*id)
            .one(db)
            .await?
            .map(|r| r.reason)
            .unwrap_or_default(),
        _ => String::new(),
    };
    for helper in &people.helpers {
        let mail = match assigned {
            Assigned::Placement { windows, .. } => helper
                .mail("assignment_supervisor")
                .with("site_name", &people.helper_name)
                .with("started_on", &chrono::Utc::now().date_naive().to_string())
                .with("windows", windows),
            Assigned::Mentoring { .. } => helper
                .mail("assignment_mentor")
                .with("coordinator_name", &coordinator.name)
                .with("coordinator_email", &coordinator.email),
            Assigned::Referral { .. } => helper
                .mail("assignment_psychologist")
                .with("reason", &referral_reason)
                .with("coordinator_name", &coordinator.name)
                .with("coordinator_email", &coordinator.email)
                .with("has_account", &helper.has_account),
        };
        let mail = mail.with("client_name", &client.name).with("link", &link);
        mailer.enqueue(db, mail).await?;
    }
    let mail = coordinator
        .mail("assignment_coordinator")
        .with("client_name", &client.name)
        .with("helper_name", &people.helper_name)
        .with("kind", &kind.as_str())
        .with("link", &format!("{base}/clients/{}", client.id));
    mailer.enqueue(db, mail).await?;
    Ok(())
}

/// Queues the e-mails about `ended` (an assignment `actor` ended on `ended_on` for `reason`)
/// on `db`, the transaction that ended it.
pub async fn ended(
    db: &impl ConnectionTrait,
    mailer: &Mailer,
    actor: &AuthUser,
    ended: &AssignmentView,
    ended_on: NaiveDate,
    reason: &str,
) -> Result<(), AppError> {
    let people = concerned(db, mailer, ended.client_id, ended.kind, ended.helper_id).await?;
    let base = mailer.base_url();
    let kind = ended.kind.as_str();
    let date = ended_on.to_string();
    for helper in &people.helpers {
        let mail = helper
            .mail("assignment_ended")
            .with("kind", &kind)
            .with("client_name", &people.client.name)
            .with("helper_name", &people.helper_name)
            .with("ended_on", &date)
            .with("has_account", &helper.has_account)
            .with("link", &helper_link(&base, ended.kind));
        mailer.enqueue(db, mail).await?;
    }
    if actor.id != people.coordinator_id {
        let mail = people
            .coordinator
            .mail("assignment_ended_coordinator")
            .with("kind", &kind)
            .with("client_name", &people.client.name)
            .with("helper_name", &people.helper_name)
            .with("ended_on", &date)
            .with("ended_by", &actor.name)
            .with("reason", &reason)
            .with("link", &format!("{base}/clients/{}", people.client.id));
        mailer.enqueue(db, mail).await?;
    }
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
