//! The `korpu` command line: `serve`, `migrate`, `demo`, `user`, `token`, `import`, `export`,
//! `routes`, `bench`. Every failure ends in one clear line on standard error and a non-zero exit.

mod bench;
mod bench_engine;
mod bench_http;
mod bench_load;
mod csv;
mod users;

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::app::{self, AppState};
use crate::config::Config;
use crate::db;

/// Körpü: matching people under probation supervision with mentors, placement sites and
/// psychologists.
#[derive(Debug, Parser)]
#[command(name = "korpu", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the web service.
    Serve(ServeArgs),
    /// Apply or list database migrations.
    Migrate {
        #[command(subcommand)]
        action: MigrateAction,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Load a fictional demo dataset (Baku, Sumqayıt, Ganja) and serve it.
    Demo(ServeArgs),
    /// Manage user accounts.
    User {
        #[command(subcommand)]
        action: users::UserAction,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        action: users::TokenAction,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Import a CSV file of KIND (sites, psychologists, volunteers, clients); all or nothing
    /// unless --skip-invalid.
    Import {
        /// What the file holds: sites, psychologists, volunteers or clients.
        #[arg(value_parser = csv::parse_kind)]
        kind: crate::services::csv_io::Kind,
        /// The CSV file (UTF-8; columns in docs/csv.md).
        file: PathBuf,
        /// Import the valid rows and report the others.
        #[arg(long)]
        skip_invalid: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Export every record of KIND (sites, psychologists, volunteers, clients) as CSV.
    Export {
        /// What to export: sites, psychologists, volunteers or clients.
        #[arg(value_parser = csv::parse_kind)]
        kind: crate::services::csv_io::Kind,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// List every route with who may use it.
    Routes,
    /// Benchmarks of matching (see docs/performance.md).
    Bench {
        #[command(subcommand)]
        action: bench::BenchAction,
    },
}

#[derive(Debug, Subcommand)]
enum MigrateAction {
    /// Apply pending migrations.
    Up,
    /// Show which migrations are applied.
    Status,
}

/// Where the data lives (the database URL comes from `DATABASE_URL`).
#[derive(Debug, Args)]
pub struct DataArgs {
    /// Folder for the SQLite database and mail files [env: KORPU_DATA_DIR] [default: ./data]
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Address to listen on [env: KORPU_ADDR] [default: 127.0.0.1:8080]
    #[arg(long)]
    addr: Option<String>,
    #[command(flatten)]
    data: DataArgs,
}

fn config_with(data: &DataArgs, addr: Option<&String>) -> anyhow::Result<Config> {
    let mut config = Config::load()?;
    if let Some(dir) = &data.data_dir {
        config.data_dir = dir.clone();
    }
    if let Some(addr) = addr {
        config.addr = addr.clone();
    }
    Ok(config)
}

/// Opens and migrates the database of `config`.
pub async fn open(config: &Config) -> anyhow::Result<sea_orm::DatabaseConnection> {
    let connection = db::connect(config).await?;
    db::migrate(&connection).await?;
    Ok(connection)
}

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => {
            let config = config_with(&args.data, args.addr.as_ref())?;
            config.socket_addr()?;
            let db = open(&config).await?;
            app::serve(AppState::new(db, config)?).await
        }
        Command::Demo(args) => {
            let config = config_with(&args.data, args.addr.as_ref())?;
            config.socket_addr()?;
            let db = open(&config).await?;
            let state = AppState::new(db, config)?;
            let report = crate::demo::load(&state).await?;
            print!("{}", report.render(&state.config.base_url()));
            app::serve(state).await
        }
        Command::Migrate { action, data } => {
            let config = config_with(&data, None)?;
            let connection = db::connect(&config).await?;
            if matches!(action, MigrateAction::Up) {
                db::migrate(&connection).await?;
                println!("migrations applied");
            }
            for (name, applied) in db::migration_status(&connection).await? {
                println!("{} {name}", if applied { "applied" } else { "pending" });
            }
            Ok(())
        }
        Command::User { action, data } => {
            let config = config_with(&data, None)?;
            users::run_user(&open(&config).await?, action).await
        }
        Command::Token { action, data } => {
            let config = config_with(&data, None)?;
            users::run_token(&open(&config).await?, action).await
        }
        Command::Import {
            kind,
            file,
            skip_invalid,
            data,
        } => {
            let config = config_with(&data, None)?;
            let db = open(&config).await?;
            csv::import(&db, config, kind, file, skip_invalid).await
        }
        Command::Export { kind, output, data } => {
            let config = config_with(&data, None)?;
            csv::export(&open(&config).await?, kind, output).await
        }
        Command::Bench { action } => bench::run(action).await,
        Command::Routes => {
            for route in app::route_inventory() {
                println!(
                    "{:<7} {:<45} {}",
                    route.method.as_str(),
                    route.path,
                    serde_json::to_string(&route.access)?
                );
            }
            Ok(())
        }
    }
}

/// Reads a secret from an environment variable, or asks for it on the terminal.
fn secret_from_env_or_prompt(var: &str, prompt: &str) -> anyhow::Result<String> {
    if let Ok(value) = std::env::var(var) {
        return Ok(value);
    }
    if !std::io::stdin().is_terminal() {
        anyhow::bail!("set {var} or run in a terminal to be asked");
    }
    eprint!("{prompt}: ");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\n', '\r']).to_owned())
}
