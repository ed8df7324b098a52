//! An e-mail waiting to be sent, being sent, sent, or failed for good.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "mail_outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The Message-ID header, fixed at enqueue time so a retry is recognisably the same message.
    pub message_id: String,
    pub to_address: String,
    pub to_name: String,
    /// Name of the mail template set (`password_reset` …).
    pub template: String,
    pub language: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    /// Set by the worker instance that claimed the message; the claim expires at `claimed_until`.
    pub claim_token: Option<String>,
    pub claimed_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
