//! The audit log: append-only rows of who did what, when, from where. The database refuses
//! updates and deletes of these rows (see the migration).

use chrono::Utc;
use entity::audit_log;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde_json::Value;

use crate::auth::current_user::AuthUser;
use crate::error::AppError;

/// Who acted.
#[derive(Clone, Debug)]
pub enum Actor {
    /// A signed-in user.
    User {
        /// User id.
        id: i64,
        /// E-mail at the time.
        label: String,
    },
    /// The system itself (CLI, background work).
    System,
    /// Nobody signed in (e.g. a failed sign-in), with what they claimed to be.
    Anonymous(String),
}

impl Actor {
    /// The actor for a signed-in user.
    pub fn user(user: &AuthUser) -> Self {
        Actor::User {
            id: user.id,
            label: user.label(),
        }
    }
}

/// One event to record.
#[derive(Clone, Debug)]
pub struct Event {
    /// Who.
    pub actor: Actor,
    /// What, as a dotted name: `auth.sign_in`, `client.read` …
    pub action: &'static str,
    /// On what kind of object.
    pub object_type: Option<&'static str>,
    /// On which object.
    pub object_id: Option<i64>,
    /// From which address.
    pub ip: String,
    /// Details.
    pub detail: Value,
}

impl Event {
    /// An event with no object and no details.
    pub fn new(actor: Actor, action: &'static str, ip: &str) -> Self {
        Self {
            actor,
            action,
            object_type: None,
            object_id: None,
            ip: ip.to_owned(),
            detail: Value::Object(Default::default()),
        }
    }

    /// Names the object acted on.
    pub fn on(mut self, object_type: &'static str, object_id: i64) -> Self {
        self.object_type = Some(object_type);
        self.object_id = Some(object_id);
        self
    }

    /// Adds details.
    pub fn detail(mut self, detail: Value) -> Self {
        self.detail = detail;
        self
    }
}

/// Appends an event (on the transaction of the change it describes, when there is one).
pub async fn record(db: &impl ConnectionTrait, event: Event) -> Result<(), sea_orm::DbErr> {
    row(event).insert(db).await?;
    Ok(())
}

/// Records many events with multi-row inserts (a CSV import or export of many records), in
/// the caller's transaction.
pub async fn record_many(db: &impl ConnectionTrait, events: Vec<Event>) -> Result<(), AppError> {
    crate::services::batch::insert_rows(db, events.into_iter().map(row).collect()).await
}

fn row(event: Event) -> audit_log::ActiveModel {
    let (actor_id, actor_label) = match event.actor {
        Actor::User { id, label } => (Some(id), label),
        Actor::System => (None, "system".to_owned()),
        Actor::Anonymous(claimed) => (None, format!("anonymous:{claimed}")),
    };
    audit_log::ActiveModel {
        at: Set(Utc::now()),
        actor_id: Set(actor_id),
        actor_label: Set(actor_label),
        action: Set(event.action.to_owned()),
        object_type: Set(event.object_type.map(str::to_owned)),
        object_id: Set(event.object_id),
        ip: Set(event.ip),
        detail: Set(event.detail.to_string()),
        ..Default::default()
    }
}

/// Filters of the audit log view.
#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::IntoParams)]
pub struct AuditFilter {
    /// Actions starting with this (`auth.` or `auth.sign_in`).
    pub action: Option<String>,
    /// Actor label (e-mail) containing this.
    pub actor: Option<String>,
    /// Object type (`user`, `client` …).
    pub object_type: Option<String>,
    /// Object id.
    pub object_id: Option<i64>,
    /// From this date (inclusive), `YYYY-MM-DD`.
    pub from: Option<chrono::NaiveDate>,
    /// Until this date (inclusive), `YYYY-MM-DD`.
    pub to: Option<chrono::NaiveDate>,
    /// Page number, from 1.
    pub page: Option<u64>,
}

/// One audit entry as shown.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct AuditEntry {
    /// Id.
    pub id: i64,
    /// When (UTC).
    pub at: chrono::DateTime<Utc>,
    /// Actor user id.
    pub actor_id: Option<i64>,
    /// Actor label.
    pub actor: String,
    /// Action.
    pub action: String,
    /// Object type.
    pub object_type: Option<String>,
    /// Object id.
    pub object_id: Option<i64>,
    /// Client address.
    pub ip: String,
    /// Details.
    pub detail: serde_json::Value,
}

/// Entries matching `filter`, newest first, with the total count.
pub async fn search(
    db: &impl ConnectionTrait,
    filter: &AuditFilter,
    per_page: u64,
) -> Result<(Vec<AuditEntry>, u64), sea_orm::DbErr> {
    use sea_orm::sea_query::LikeExpr;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
    let mut select = audit_log::Entity::find().order_by_desc(audit_log::Column::Id);
    if let Some(action) = filter
        .action
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        select = select.filter(audit_log::Column::Action.like(
            LikeExpr::new(format!("{}%", crate::domain::text::like_escape(action))).escape('\\'),
        ));
    }
    if let Some(actor) = filter
        .actor
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        select = select.filter(audit_log::Column::ActorLabel.like(
            LikeExpr::new(format!("%{}%", crate::domain::text::like_escape(actor))).escape('\\'),
        ));
    }
    if let Some(object_type) = filter
        .object_type
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        select = select.filter(audit_log::Column::ObjectType.eq(object_type));
    }
    if let Some(object_id) = filter.object_id {
        select = select.filter(audit_log::Column::ObjectId.eq(object_id));
    }
    if let Some(from) = filter.from.and_then(|d| d.and_hms_opt(0, 0, 0)) {
        select = select.filter(audit_log::Column::At.gte(from.and_utc()));
    }
    if let Some(to) = filter
        .to
        .and_then(|d| d.succ_opt())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
    {
        select = select.filter(audit_log::Column::At.lt(to.and_utc()));
    }
    let total = select.clone().count(db).await?;
    let page = filter.page.unwrap_or(1).max(1);
    let rows = select
        .offset((page - 1) * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    Ok((
        rows.into_iter()
            .map(|r| AuditEntry {
                id: r.id,
                at: r.at,
                actor_id: r.actor_id,
                actor: r.actor_label,
                action: r.action,
                object_type: r.object_type,
                object_id: r.object_id,
                ip: r.ip,
                detail: serde_json::from_str(&r.detail).unwrap_or(Value::Null),
            })
            .collect(),
        total,
    ))
}
