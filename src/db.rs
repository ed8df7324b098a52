//! Database connection and migrations: one schema for SQLite (the embedded default) and
//! PostgreSQL (production and scale-out).

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

use crate::config::{Config, redact_url};

/// A failure to open or prepare the database, worded for an operator.
#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    /// The data folder could not be created or written.
    #[error("the data folder {path} is not writable: {source}")]
    DataDir {
        /// The folder.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The database could not be reached.
    #[error("cannot connect to the database at {url}: {source}")]
    Connect {
        /// The URL, password hidden.
        url: String,
        /// Why.
        source: DbErr,
    },
    /// Migrations failed.
    #[error("database migrations failed: {0}")]
    Migrate(DbErr),
}

/// Opens the configured database. For SQLite: creates the data folder and file, turns on WAL,
/// foreign keys and a busy timeout. With WAL, `synchronous=NORMAL` survives a killed process but
/// may lose the last committed transactions on a power cut; deployments that cannot accept that
/// run on PostgreSQL.
pub async fn connect(config: &Config) -> Result<DatabaseConnection, DbSetupError> {
    let url = config.database_url();
    if config.database_url.is_none() {
        ensure_writable_dir(&config.data_dir)?;
    }
    connect_url(&url, config.db_max_connections).await
}

/// Opens a database by URL with the service's pool settings.
pub async fn connect_url(
    url: &str,
    max_connections: u32,
) -> Result<DatabaseConnection, DbSetupError> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(max_connections.max(1))
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(15))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .create_if_missing(true)
        });
    Database::connect(options)
        .await
        .map_err(|source| DbSetupError::Connect {
            url: redact_url(url),
            source,
        })
}

/// Applies pending migrations.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbSetupError> {
    Migrator::up(db, None).await.map_err(DbSetupError::Migrate)
}

/// Migration names with whether each is applied, for `korpu migrate status`.
pub async fn migration_status(db: &DatabaseConnection) -> Result<Vec<(String, bool)>, DbErr> {
    let applied: std::collections::HashSet<String> = Migrator::get_applied_migrations(db)
        .await?
        .into_iter()
        .map(|m| m.name().to_owned())
        .collect();
    Ok(Migrator::migrations()
        .iter()
        .map(|m| {
            let name = m.name().to_owned();
            let done = applied.contains(&name);
            (name, done)
        })
        .collect())
}

/// Begins a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`), so two writers never both read and then fail to upgrade; capacity
/// checks done inside it therefore see every committed write. On PostgreSQL rows that guard a
/// capacity are locked with `SELECT … FOR UPDATE` by the service that checks them.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// Whether the database answers a trivial query.
pub async fn ping(db: &impl ConnectionTrait) -> bool {
    db.execute_unprepared("SELECT 1").await.is_ok()
}

fn ensure_writable_dir(path: &std::path::Path) -> Result<(), DbSetupError> {
    let error = |source| DbSetupError::DataDir {
        path: path.display().to_string(),
        source,
    };
    std::fs::create_dir_all(path).map_err(error)?;
    let probe = path.join(".korpu-write-test");
    std::fs::write(&probe, b"ok").map_err(error)?;
    std::fs::remove_file(&probe).map_err(error)?;
    Ok(())
}
