//! The one set of migrations, run on SQLite and PostgreSQL alike.

pub use sea_orm_migration::prelude::*;

mod m20261128_000001_accounts;
mod m20261128_000002_mail_outbox;
mod m20261128_000003_skills;
mod m20261129_000100_volunteers;
mod m20261129_000200_clients;
mod m20261129_000300_sites;
mod m20261129_000301_professionals;
mod m20261129_000400_placements;
mod m20261130_000500_matching;
mod m20261130_000600_batch_runs;

/// All migrations, in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_accounts::Migration),
            Box::new(m20261128_000002_mail_outbox::Migration),
            Box::new(m20261128_000003_skills::Migration),
            Box::new(m20261129_000100_volunteers::Migration),
            Box::new(m20261129_000200_clients::Migration),
            Box::new(m20261129_000300_sites::Migration),
            Box::new(m20261129_000301_professionals::Migration),
            Box::new(m20261129_000400_placements::Migration),
            Box::new(m20261130_000500_matching::Migration),
            Box::new(m20261130_000600_batch_runs::Migration),
        ]
    }
}

/// Creates an index named `idx_<table>_<columns>`.
pub fn index(table: impl IntoIden, columns: &[&'static str]) -> IndexCreateStatement {
    let table_iden = table.into_iden();
    let name = format!("idx_{}_{}", table_iden, columns.join("_"));
    let mut statement = Index::create();
    statement.name(name).table(table_iden);
    for column in columns {
        statement.col(Alias::new(*column));
    }
    statement.to_owned()
}
