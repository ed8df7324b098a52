//! Background work of a serving instance: the mail worker, periodic clean-up and daily jobs
//! (volunteers' expiry reminders). Every piece is safe to run in several instances at once.

use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::app::AppState;
use crate::auth::{rate_limit, session};
use crate::mail::transport::Transport;
use crate::mail::worker;

/// Running background tasks.
pub struct Background {
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl Background {
    /// Asks the tasks to stop and waits for them (a round in progress finishes first).
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        for task in self.tasks {
            let _ = task.await;
        }
    }
}

/// Starts the mail worker (unless disabled), the clean-up task and the daily jobs.
pub fn start(state: AppState) -> Background {
    let (stop, stopped) = watch::channel(false);
    let mut tasks = Vec::new();
    if state.config.mail_worker {
        match Transport::from_config(&state.config) {
            Ok(transport) => tasks.push(tokio::spawn(mail_loop(
                state.clone(),
                transport,
                stopped.clone(),
            ))),
            Err(error) => tracing::error!(%error, "mail transport unavailable; mail stays queued"),
        }
    }
    tasks.push(tokio::spawn(cleanup_loop(state.clone(), stopped.clone())));
    tasks.push(tokio::spawn(daily_loop(state, stopped)));
    Background { stop, tasks }
}

async fn mail_loop(state: AppState, transport: Transport, mut stopped: watch::Receiver<bool>) {
    let poll = Duration::from_secs(state.config.mail_poll_seconds.max(1));
    loop {
        match worker::run_once(&state.db, &transport, &state.config.mail_from).await {
            Ok(round) if round.sent + round.failed > 0 => {
                tracing::info!(sent = round.sent, failed = round.failed, "mail round");
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "mail worker could not read the outbox"),
        }
        tokio::select! {
            _ = tokio::time::sleep(poll) => {},
            _ = stopped.changed() => return,
        }
    }
}

async fn cleanup_loop(state: AppState, mut stopped: watch::Receiver<bool>) {
    loop {
        if let Err(error) =
            session::purge_expired(&state.db, state.config.session_idle_minutes).await
        {
            tracing::warn!(%error, "session clean-up failed");
        }
        if let Err(error) = rate_limit::purge_old(&state.db).await {
            tracing::warn!(%error, "rate-limit clean-up failed");
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(600)) => {},
            _ = stopped.changed() => return,
        }
    }
}

/// Jobs run once a day (and at start): volunteers' expiry reminders. Each is idempotent, so
/// several instances or a restart never send a reminder twice.
async fn daily_loop(state: AppState, mut stopped: watch::Receiver<bool>) {
    loop {
        let today = chrono::Utc::now().date_naive();
        match crate::services::volunteers::reminders::send_expiry_reminders(
            &state.db,
            &state.mailer,
            today,
        )
        .await
        {
            Ok(0) => {}
            Ok(sent) => tracing::info!(sent, "volunteer expiry reminders queued"),
            Err(error) => tracing::warn!(%error, "volunteer expiry reminders failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(24 * 3600)) => {},
            _ = stopped.changed() => return,
        }
    }
}
