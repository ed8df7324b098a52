//! The demo dataset behind `korpu demo`: clearly fictional people and places around Baku,
//! Sumqayıt and Ganja. Loading is idempotent: a database that already holds the demo is left
//! as it is, and a database holding anything else is refused.

mod clients;
mod sites;
mod volunteers;

use sea_orm::{EntityTrait, PaginatorTrait};

use crate::app::AppState;
use crate::auth::Role;
use crate::i18n::Lang;
use crate::services::accounts::{self, NewUser};

/// Password of every demo account (printed by `korpu demo`).
pub const DEMO_PASSWORD: &str = "demo-Körpü-2026";

/// The sign-ins printed after loading.
pub struct Report {
    /// (role, e-mail) of each demo account.
    pub accounts: Vec<(&'static str, String)>,
    /// Whether the data was loaded now (false: it was already there).
    pub loaded_now: bool,
}

impl Report {
    /// The text printed to the terminal.
    pub fn render(&self, base_url: &str) -> String {
        let mut out = format!(
            "\nKörpü demo {} — open {base_url}\nSign in with any of these (password: {DEMO_PASSWORD}):\n",
            if self.loaded_now {
                "loaded"
            } else {
                "already loaded"
            }
        );
        for (role, email) in &self.accounts {
            out.push_str(&format!("  {role:<16} {email}\n"));
        }
        out
    }
}

struct DemoUser {
    email: &'static str,
    name: &'static str,
    roles: &'static [Role],
    language: Lang,
}

const USERS: &[DemoUser] = &[
    DemoUser {
        email: "admin@demo.korpu.az",
        name: "Admin Demo",
        roles: &[Role::Admin],
        language: Lang::En,
    },
    DemoUser {
        email: "leyla.coordinator@demo.korpu.az",
        name: "Leyla Həsənova (demo)",
        roles: &[Role::Coordinator],
        language: Lang::Az,
    },
    DemoUser {
        email: "rashad.coordinator@demo.korpu.az",
        name: "Rəşad Quliyev (demo)",
        roles: &[Role::Coordinator],
        language: Lang::Az,
    },
    DemoUser {
        email: "supervisor@demo.korpu.az",
        name: "Nigar İsmayılova (demo)",
        roles: &[Role::SiteSupervisor],
        language: Lang::Az,
    },
    DemoUser {
        email: "psychologist@demo.korpu.az",
        name: "Elvin Məmmədov (demo)",
        roles: &[Role::Psychologist],
        language: Lang::Ru,
    },
    DemoUser {
        email: "mentor@demo.korpu.az",
        name: "Günay Əliyeva (demo)",
        roles: &[Role::Mentor],
        language: Lang::Az,
    },
];

/// Loads the demo dataset unless it is already there.
pub async fn load(state: &AppState) -> anyhow::Result<Report> {
    let db = &state.db;
    let accounts_list = USERS
        .iter()
        .map(|u| (u.roles[0].as_str(), u.email.to_owned()))
        .collect();
    if accounts::find_by_email(db, USERS[0].email)
        .await
        .map_err(anyhow_err)?
        .is_some()
    {
        return Ok(Report {
            accounts: accounts_list,
            loaded_now: false,
        });
    }
    if entity::user::Entity::find().count(db).await? > 0 {
        anyhow::bail!(
            "this database already holds data that is not the demo; \
             run the demo on its own data folder, e.g. `korpu demo --data-dir ./demo-data`"
        );
    }
    for u in USERS {
        let new = NewUser::parse(
            u.email,
            u.name,
            &u.roles
                .iter()
                .map(|r| r.as_str().to_owned())
                .collect::<Vec<_>>(),
            u.language.code(),
            None,
        )
        .map_err(anyhow_err)?;
        accounts::add_with_password(db, &new, DEMO_PASSWORD)
            .await
            .map_err(anyhow_err)?;
    }
    volunteers::load(db).await?;
    sites::load(db, "supervisor@demo.korpu.az")
        .await
        .map_err(anyhow_err)?;
    clients::load(state).await?;
    Ok(Report {
        accounts: accounts_list,
        loaded_now: true,
    })
}

fn anyhow_err(error: crate::error::AppError) -> anyhow::Error {
    anyhow::anyhow!("{error:?}")
}
