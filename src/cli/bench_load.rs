//! `korpu bench load-national`: writes the synthetic national data set into the database.

use sea_orm::DatabaseConnection;

/// Writes the data set.
pub async fn run(_db: &DatabaseConnection, _seed: u64, _scale_down: usize) -> anyhow::Result<()> {
    anyhow::bail!("not yet")
}
