//! The outbox worker. Each instance claims due messages with a conditional update (only one
//! instance's update can succeed for a row, on SQLite and PostgreSQL alike), sends them, and
//! records the outcome; failures are retried with exponential back-off.
//!
//! Delivery is at-least-once: if a process dies after the SMTP server accepted a message but
//! before the row was marked sent, the claim expires and the message is sent again, with the
//! same Message-ID so mail systems can recognise the duplicate. No other path sends twice.

use chrono::{Duration, Utc};
use entity::mail_outbox;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::outbox::{STATUS_FAILED, STATUS_PENDING, STATUS_SENT};
use super::transport::Transport;
use crate::auth::tokens::new_token;

/// Attempts before a message is marked failed.
pub const MAX_ATTEMPTS: i32 = 8;
/// How long a claim lasts; a message claimed by a dead instance is retried after it.
const CLAIM_SECONDS: i64 = 300;
/// Messages claimed per round.
const BATCH: u64 = 20;

/// Delay before retry number `attempt` (1-based): 30 s, 1 min, 2 min … capped at 6 h.
pub fn backoff(attempt: i32) -> Duration {
    let exponent = attempt.clamp(1, 20) - 1;
    let seconds = 30i64.saturating_mul(1i64 << exponent);
    Duration::seconds(seconds.min(6 * 3600))
}

/// What one round did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Round {
    /// Messages sent.
    pub sent: usize,
    /// Messages that failed this time (to be retried or given up).
    pub failed: usize,
}

/// Claims and sends due messages once. Returns what happened.
pub async fn run_once(
    db: &impl ConnectionTrait,
    transport: &Transport,
    from: &str,
) -> Result<Round, sea_orm::DbErr> {
    let now = Utc::now();
    let due = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Status.eq(STATUS_PENDING))
        .filter(mail_outbox::Column::NextAttemptAt.lte(now))
        .filter(claim_free(now))
        .order_by_asc(mail_outbox::Column::Id)
        .limit(BATCH)
        .all(db)
        .await?;
    let mut round = Round::default();
    for row in due {
        let token = new_token();
        let claimed = mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::ClaimToken, Expr::value(token.clone()))
            .col_expr(
                mail_outbox::Column::ClaimedUntil,
                Expr::value(now + Duration::seconds(CLAIM_SECONDS)),
            )
            .filter(mail_outbox::Column::Id.eq(row.id))
            .filter(mail_outbox::Column::Status.eq(STATUS_PENDING))
            .filter(claim_free(now))
            .exec(db)
            .await?
            .rows_affected
            == 1;
        if !claimed {
            continue; // another instance took it
        }
        let outcome = transport.send(from, &row).await;
        let mine = Condition::all()
            .add(mail_outbox::Column::Id.eq(row.id))
            .add(mail_outbox::Column::ClaimToken.eq(token));
        let attempts = row.attempts + 1;
        let update = mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::Attempts, Expr::value(attempts))
            .col_expr(
                mail_outbox::Column::ClaimToken,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                mail_outbox::Column::ClaimedUntil,
                Expr::value(Option::<chrono::DateTime<Utc>>::None),
            );
        let update = match outcome {
            Ok(()) => {
                round.sent += 1;
                update
                    .col_expr(mail_outbox::Column::Status, Expr::value(STATUS_SENT))
                    .col_expr(mail_outbox::Column::SentAt, Expr::value(Some(Utc::now())))
                    .col_expr(
                        mail_outbox::Column::LastError,
                        Expr::value(Option::<String>::None),
                    )
            }
            Err(error) => {
                round.failed += 1;
                tracing::warn!(mail_id = row.id, attempts, error = %error, "sending mail failed");
                let status = if attempts >= MAX_ATTEMPTS {
                    STATUS_FAILED
                } else {
                    STATUS_PENDING
                };
                update
                    .col_expr(mail_outbox::Column::Status, Expr::value(status))
                    .col_expr(
                        mail_outbox::Column::NextAttemptAt,
                        Expr::value(Utc::now() + backoff(attempts)),
                    )
                    .col_expr(
                        mail_outbox::Column::LastError,
                        Expr::value(Some(error.to_string())),
                    )
            }
        };
        update.filter(mine).exec(db).await?;
    }
    Ok(round)
}

fn claim_free(now: chrono::DateTime<Utc>) -> Condition {
    Condition::any()
        .add(mail_outbox::Column::ClaimedUntil.is_null())
        .add(mail_outbox::Column::ClaimedUntil.lt(now))
}

/// Sends again a message that failed for good (admin action): it becomes pending, due now.
pub async fn retry_now(db: &impl ConnectionTrait, id: i64) -> Result<bool, sea_orm::DbErr> {
    Ok(mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::Status, Expr::value(STATUS_PENDING))
        .col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(Utc::now()))
        .filter(mail_outbox::Column::Id.eq(id))
        .filter(mail_outbox::Column::Status.eq(STATUS_FAILED))
        .exec(db)
        .await?
        .rows_affected
        == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(5), Duration::seconds(480));
        assert_eq!(backoff(30), Duration::hours(6));
    }
}
