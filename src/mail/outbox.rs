//! Writing e-mail to the outbox. Rendering happens here, at enqueue time, so a template error
//! fails the change that caused the mail instead of losing the mail later.

use chrono::Utc;
use entity::mail_outbox;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde::Serialize;
use tera::{Context, Tera};

use crate::config::Config;
use crate::i18n::Lang;

/// One e-mail to send.
#[derive(Debug)]
pub struct Mail {
    /// Name of the template set under `templates/mail/<name>/`.
    pub template: &'static str,
    /// Recipient address (already validated).
    pub to_address: String,
    /// Recipient name; control characters are removed before it reaches a header.
    pub to_name: String,
    /// Language of the message.
    pub lang: Lang,
    /// Template variables.
    pub context: Context,
}

impl Mail {
    /// A message from template `template` to a person.
    pub fn new(template: &'static str, to_address: &str, to_name: &str, lang: Lang) -> Self {
        Self {
            template,
            to_address: to_address.to_owned(),
            to_name: to_name.to_owned(),
            lang,
            context: Context::new(),
        }
    }

    /// Adds a template variable.
    pub fn with(mut self, key: &'static str, value: &impl Serialize) -> Self {
        self.context.insert(key, value);
        self
    }
}

/// Removes control characters (CR, LF…) and trims: header values can never be split.
pub fn header_safe(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Renders `mail` and writes it to the outbox on `db` (pass the transaction of the change).
pub async fn enqueue(
    db: &impl ConnectionTrait,
    templates: &Tera,
    config: &Config,
    mail: Mail,
) -> anyhow::Result<i64> {
    let mut ctx = mail.context;
    ctx.insert("lang", mail.lang.code());
    ctx.insert("base_url", &config.base_url());
    ctx.insert("recipient_name", &mail.to_name);
    let render = |part: &str| {
        let name = format!("mail/{}/{part}", mail.template);
        templates
            .render(&name, &ctx)
            .map_err(|e| anyhow::anyhow!("rendering {name}: {e}"))
    };
    let subject = header_safe(&render("subject.txt")?);
    let body_text = render("body.txt")?;
    let body_html = render("body.html")?;
    let now = Utc::now();
    let domain = config
        .mail_from
        .rsplit('@')
        .next()
        .map(|d| d.trim_end_matches('>').trim().to_owned())
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| "korpu.invalid".into());
    let row = mail_outbox::ActiveModel {
        message_id: Set(format!("<{}@{}>", uuid::Uuid::new_v4(), domain)),
        to_address: Set(header_safe(&mail.to_address)),
        to_name: Set(header_safe(&mail.to_name)),
        template: Set(mail.template.to_owned()),
        language: Set(mail.lang.code().to_owned()),
        subject: Set(subject),
        body_text: Set(body_text),
        body_html: Set(body_html),
        status: Set(STATUS_PENDING.to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claim_token: Set(None),
        claimed_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Waiting to be sent (or retried).
pub const STATUS_PENDING: &str = "pending";
/// Delivered to the transport.
pub const STATUS_SENT: &str = "sent";
/// Given up after the last retry.
pub const STATUS_FAILED: &str = "failed";

#[cfg(test)]
mod tests {
    use super::header_safe;

    #[test]
    fn header_values_lose_line_breaks() {
        assert_eq!(header_safe("Aysel\r\nBcc: x@y.z"), "Aysel Bcc: x@y.z");
        assert_eq!(header_safe("  Rəşad  Əliyev "), "Rəşad Əliyev");
    }
}

/// An outbox message as the admin page and API show it (no bodies).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct OutboxEntry {
    /// Id.
    pub id: i64,
    /// Recipient.
    pub to_address: String,
    /// Template name.
    pub template: String,
    /// Language.
    pub language: String,
    /// Subject.
    pub subject: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    /// Attempts so far.
    pub attempts: i32,
    /// Next attempt (pending).
    pub next_attempt_at: chrono::DateTime<Utc>,
    /// Last error.
    pub last_error: Option<String>,
    /// Queued at.
    pub created_at: chrono::DateTime<Utc>,
    /// Sent at.
    pub sent_at: Option<chrono::DateTime<Utc>>,
}

/// Messages with `status` (all when `None`), newest first, with the total count.
pub async fn list(
    db: &impl ConnectionTrait,
    status: Option<&str>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<OutboxEntry>, u64), sea_orm::DbErr> {
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
    let mut select = mail_outbox::Entity::find().order_by_desc(mail_outbox::Column::Id);
    if let Some(status) = status.filter(|s| !s.is_empty()) {
        select = select.filter(mail_outbox::Column::Status.eq(status));
    }
    let total = select.clone().count(db).await?;
    let rows = select
        .offset(page.saturating_sub(1) * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    Ok((
        rows.into_iter()
            .map(|m| OutboxEntry {
                id: m.id,
                to_address: m.to_address,
                template: m.template,
                language: m.language,
                subject: m.subject,
                status: m.status,
                attempts: m.attempts,
                next_attempt_at: m.next_attempt_at,
                last_error: m.last_error,
                created_at: m.created_at,
                sent_at: m.sent_at,
            })
            .collect(),
        total,
    ))
}
