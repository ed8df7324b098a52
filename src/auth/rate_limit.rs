//! Per-client rate limits kept in the database (fixed windows), so that every app instance
//! behind a load balancer counts against the same limit.

use chrono::Utc;
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::error::AppError;

/// Counts one request for `key` in the current window of `window_seconds` and refuses it with
/// 429 when more than `limit` requests fell into the window.
pub async fn hit(
    db: &impl ConnectionTrait,
    key: &str,
    limit: u32,
    window_seconds: i64,
) -> Result<(), AppError> {
    let now = Utc::now().timestamp();
    let window_start = now - now.rem_euclid(window_seconds);
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Sqlite => {
            "INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, 1) \
             ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1 \
             RETURNING count"
        }
        _ => {
            "INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 1) \
             ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1 \
             RETURNING count"
        }
    };
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [key.into(), window_start.into()],
        ))
        .await?;
    let count: i32 = match row {
        Some(row) => row.try_get("", "count")?,
        None => 1,
    };
    if count as u32 > limit {
        return Err(AppError::TooManyRequests {
            retry_after: (window_start + window_seconds - now).max(1) as u64,
        });
    }
    Ok(())
}

/// Deletes windows that ended more than a day ago (run periodically).
pub async fn purge_old(db: &impl ConnectionTrait) -> Result<(), sea_orm::DbErr> {
    let cutoff = Utc::now().timestamp() - 86_400;
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        match db.get_database_backend() {
            DbBackend::Sqlite => "DELETE FROM rate_limits WHERE window_start < ?",
            _ => "DELETE FROM rate_limits WHERE window_start < $1",
        },
        [cutoff.into()],
    ))
    .await?;
    Ok(())
}
