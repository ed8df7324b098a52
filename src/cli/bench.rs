//! `korpu bench`: benchmarks of matching (not timed tests). `engine` runs the engine alone on
//! synthetic data; `load-national` writes the synthetic national data set into the database;
//! `http` drives a running server at a constant rate. Results and how to reproduce them are
//! in docs/performance.md.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::DataArgs;

/// What to measure.
#[derive(Debug, Subcommand)]
pub enum BenchAction {
    /// The matching engine alone: top-k against a bare R-tree, dense and national batch
    /// assignment, memory of the indexes.
    Engine(EngineArgs),
    /// Write the synthetic national data set into the configured database.
    LoadNational(LoadArgs),
    /// A constant-rate HTTP load against a running server.
    Http(super::bench_http::HttpArgs),
}

/// Options of `korpu bench engine`.
#[derive(Debug, Args)]
pub struct EngineArgs {
    /// Seed of the synthetic data.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Candidate points for the top-k comparison.
    #[arg(long, default_value_t = 100_000)]
    pub points: usize,
    /// Clients queried in the top-k comparison.
    #[arg(long, default_value_t = 2_000)]
    pub queries: usize,
    /// Size of the dense assignment (clients = places).
    #[arg(long, default_value_t = 2_000)]
    pub dense: usize,
    /// Write the dense cost matrix here (little-endian i64, row-major) for tools/bench/lsa.py.
    #[arg(long)]
    pub write_matrix: Option<PathBuf>,
    /// Write the top-k candidate and client points here as CSV (`id,lon,lat`), for the
    /// PostGIS comparison (tools/bench/postgis.sh).
    #[arg(long)]
    pub write_points: Option<PathBuf>,
    /// Clients of the national batch.
    #[arg(long, default_value_t = 50_000)]
    pub batch_clients: usize,
    /// Sites of the national batch.
    #[arg(long, default_value_t = 10_000)]
    pub batch_sites: usize,
    /// Only these parts (topk, dense, batch, memory); all when not given.
    #[arg(long, value_delimiter = ',')]
    pub only: Vec<String>,
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Options of `korpu bench load-national`.
#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Seed of the synthetic data.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Divide every size by this (1: 250,000 clients, 50,000 volunteers, 20,000 sites,
    /// 2,000 psychologists).
    #[arg(long, default_value_t = 1)]
    pub scale_down: usize,
    #[command(flatten)]
    pub data: DataArgs,
}

/// Runs a bench action.
pub async fn run(action: BenchAction) -> anyhow::Result<()> {
    match action {
        BenchAction::Engine(args) => {
            tokio::task::spawn_blocking(move || super::bench_engine::run(&args)).await?
        }
        BenchAction::LoadNational(args) => {
            let config = super::config_with(&args.data, None)?;
            let db = super::open(&config).await?;
            super::bench_load::run(&db, args.seed, args.scale_down).await
        }
        BenchAction::Http(args) => super::bench_http::run(&args).await,
    }
}
