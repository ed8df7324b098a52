//! E-mail: messages are rendered from templates in the recipient's language and written to the
//! outbox table in the same transaction as the change that causes them ([`outbox::enqueue`]);
//! a worker ([`worker`]) sends them through a [`transport`] with retries.

pub mod outbox;
pub mod transport;
pub mod worker;

pub use outbox::{Mail, enqueue};

use std::sync::Arc;

use sea_orm::ConnectionTrait;
use tera::Tera;

use crate::config::Config;

/// Renders and queues e-mail; held in the application state and passed to services.
#[derive(Clone)]
pub struct Mailer {
    templates: Arc<Tera>,
    config: Arc<Config>,
}

impl Mailer {
    /// A mailer over the service's templates and configuration.
    pub fn new(templates: Arc<Tera>, config: Arc<Config>) -> Self {
        Self { templates, config }
    }

    /// Queues `mail` on `db` (the transaction of the change that causes it).
    pub async fn enqueue(&self, db: &impl ConnectionTrait, mail: Mail) -> anyhow::Result<i64> {
        enqueue(db, &self.templates, &self.config, mail).await
    }

    /// The public base URL, for links in messages.
    pub fn base_url(&self) -> String {
        self.config.base_url()
    }

    /// The service's default language, for recipients who have not chosen one.
    pub fn default_lang(&self) -> crate::i18n::Lang {
        crate::i18n::Lang::parse(&self.config.default_language).unwrap_or(crate::i18n::Lang::Az)
    }
}
