//! `korpu user …` and `korpu token …`.

use clap::Subcommand;
use sea_orm::DatabaseConnection;

use crate::error::AppError;
use crate::i18n::Lang;
use crate::services::accounts::{self, NewUser};
use crate::services::api_tokens;
use crate::services::audit::Actor;

#[derive(Debug, Subcommand)]
pub enum UserAction {
    /// Create a user with a password (from KORPU_PASSWORD, or asked for).
    Add {
        /// E-mail address (the sign-in name).
        #[arg(long)]
        email: String,
        /// Role: admin, coordinator, site_supervisor, psychologist, mentor (repeatable).
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        /// Display name [default: the part of the e-mail before @].
        #[arg(long)]
        name: Option<String>,
        /// Preferred language: az, en, ru.
        #[arg(long, default_value = "az")]
        language: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenAction {
    /// Issue a new API token for a user and print it (it cannot be shown again).
    Issue {
        /// The user's e-mail.
        #[arg(long)]
        email: String,
        /// A name to recognise the token by.
        #[arg(long, default_value = "cli")]
        name: String,
    },
}

pub async fn run_user(db: &DatabaseConnection, action: UserAction) -> anyhow::Result<()> {
    match action {
        UserAction::Add {
            email,
            roles,
            name,
            language,
        } => {
            if Lang::parse(&language).is_none() {
                anyhow::bail!("--language must be az, en or ru");
            }
            let name = name.unwrap_or_else(|| email.split('@').next().unwrap_or(&email).to_owned());
            let new = NewUser::parse(&email, &name, &roles, &language, None).map_err(explain)?;
            let password = super::secret_from_env_or_prompt("KORPU_PASSWORD", "Password")?;
            let user = accounts::add_with_password(db, &new, &password)
                .await
                .map_err(explain)?;
            println!(
                "created user {} <{}> with roles {}",
                user.id,
                user.email,
                roles.join(", ")
            );
            Ok(())
        }
    }
}

pub async fn run_token(db: &DatabaseConnection, action: TokenAction) -> anyhow::Result<()> {
    match action {
        TokenAction::Issue { email, name } => {
            let user = accounts::find_by_email(db, &email)
                .await
                .map_err(explain)?
                .ok_or_else(|| anyhow::anyhow!("no user with e-mail {email}"))?;
            let (_, token) = api_tokens::issue(db, &Actor::System, "cli", user.id, &name)
                .await
                .map_err(explain)?;
            println!("{token}");
            Ok(())
        }
    }
}

/// Turns a service error into a sentence for the terminal.
pub(super) fn explain(error: AppError) -> anyhow::Error {
    match error {
        AppError::Validation(fields) => anyhow::anyhow!(
            "{}",
            fields
                .0
                .iter()
                .map(|f| format!("{}: {}", f.field, f.message(Lang::En)))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        other => anyhow::anyhow!("{}", crate::i18n::t(Lang::En, other.message_key())),
    }
}
