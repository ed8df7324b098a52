//! Where e-mail goes: an SMTP server (production), a folder of `.eml` files (the embedded
//! default, so a new user sees mail without a server) or lettre's in-memory stub (tests).

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    transport::stub::AsyncStubTransport,
};

use crate::config::{Config, MailTransportKind, SmtpTls};
use entity::mail_outbox;

/// A configured transport.
#[derive(Clone)]
pub enum Transport {
    /// SMTP.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// `.eml` files in a folder.
    File(AsyncFileTransport<Tokio1Executor>),
    /// In memory.
    Stub(AsyncStubTransport),
}

impl Transport {
    /// Builds the transport the configuration asks for; the file transport creates its folder.
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        Ok(match config.mail_transport {
            MailTransportKind::File => {
                let dir = config.mail_dir();
                std::fs::create_dir_all(&dir).map_err(|e| {
                    anyhow::anyhow!("the mail folder {} is not writable: {e}", dir.display())
                })?;
                Transport::File(AsyncFileTransport::new(dir))
            }
            MailTransportKind::Stub => Transport::Stub(AsyncStubTransport::new_ok()),
            MailTransportKind::Smtp => {
                let host = config.smtp_host.as_str();
                let mut builder = match config.smtp_tls {
                    SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
                    SmtpTls::Starttls => {
                        AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)?
                    }
                    SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)?,
                }
                .port(config.smtp_port)
                .timeout(Some(std::time::Duration::from_secs(20)));
                if let (Some(user), Some(password)) = (&config.smtp_username, &config.smtp_password)
                {
                    builder = builder
                        .credentials(Credentials::new(user.clone(), password.expose().to_owned()));
                }
                Transport::Smtp(builder.build())
            }
        })
    }

    /// Sends one outbox message.
    pub async fn send(&self, from: &str, row: &mail_outbox::Model) -> anyhow::Result<()> {
        let message = build_message(from, row)?;
        match self {
            Transport::Smtp(t) => {
                t.send(message).await?;
            }
            Transport::File(t) => {
                t.send(message).await?;
            }
            Transport::Stub(t) => {
                t.send(message).await?;
            }
        }
        Ok(())
    }
}

/// Builds the MIME message (text and HTML alternatives) of an outbox row.
pub fn build_message(from: &str, row: &mail_outbox::Model) -> anyhow::Result<Message> {
    let from: Mailbox = from
        .parse()
        .map_err(|e| anyhow::anyhow!("KORPU_MAIL_FROM is not a valid mailbox: {e}"))?;
    let address = row
        .to_address
        .parse()
        .map_err(|e| anyhow::anyhow!("recipient address: {e}"))?;
    let name = super::outbox::header_safe(&row.to_name);
    let to = Mailbox::new((!name.is_empty()).then_some(name), address);
    let message = Message::builder()
        .from(from)
        .to(to)
        .subject(super::outbox::header_safe(&row.subject))
        .message_id(Some(row.message_id.clone()))
        .multipart(MultiPart::alternative_plain_html(
            row.body_text.clone(),
            row.body_html.clone(),
        ))?;
    Ok(message)
}
