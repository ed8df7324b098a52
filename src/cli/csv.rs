//! `korpu import KIND FILE [--skip-invalid]` and `korpu export KIND [--output FILE]`.

use std::path::PathBuf;
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sea_orm::DatabaseConnection;

use crate::config::Config;
use crate::mail::Mailer;
use crate::services::csv_io::{self, Caller, ImportOptions, Kind, Progress, Who};

/// Parses a KIND argument.
pub fn parse_kind(name: &str) -> Result<Kind, String> {
    Kind::parse(name).ok_or_else(|| {
        let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown kind {name:?}; choose one of: {}", kinds.join(", "))
    })
}

/// A progress bar on standard error (hidden when it is not a terminal).
struct Bar(ProgressBar);

impl Bar {
    fn new() -> Bar {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{msg:>9} [{bar:40}] {pos}/{len} rows ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        Bar(bar)
    }
}

impl Progress for Bar {
    fn start(&self, stage: &'static str, total: u64) {
        self.0.reset();
        self.0.set_length(total);
        self.0.set_position(0);
        self.0.set_message(stage);
    }
    fn advance(&self, steps: u64) {
        self.0.inc(steps);
    }
    fn finish(&self) {
        self.0.finish();
    }
}

/// Most problems printed (the rest are counted).
const PRINTED_PROBLEMS: usize = 1000;

/// Runs `korpu import`. Mail an import causes (approved volunteers) goes to the outbox, sent
/// by the server's mail worker.
pub async fn import(
    db: &DatabaseConnection,
    config: Config,
    kind: Kind,
    file: PathBuf,
    skip_invalid: bool,
) -> anyhow::Result<()> {
    let mailer = Mailer::new(Arc::new(crate::web::templates::load()?), Arc::new(config));
    let data =
        std::fs::read(&file).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
    let bar = Bar::new();
    let report = csv_io::import(
        db,
        kind,
        &data,
        ImportOptions { skip_invalid },
        &bar,
        &Who {
            caller: Caller::System,
            ip: "cli",
            mailer: &mailer,
        },
    )
    .await
    .map_err(super::users::explain)?;
    bar.0.finish_and_clear();
    eprint!("{}", report.problems_text(PRINTED_PROBLEMS));
    if !report.committed {
        anyhow::bail!("{}: {}", file.display(), report.summary());
    }
    println!(
        "{} from {}: {}",
        kind.as_str(),
        file.display(),
        report.summary()
    );
    Ok(())
}

/// Runs `korpu export`.
pub async fn export(
    db: &DatabaseConnection,
    kind: Kind,
    output: Option<PathBuf>,
) -> anyhow::Result<()> {
    let bytes = csv_io::export(db, kind, &Caller::System, "cli")
        .await
        .map_err(super::users::explain)?;
    match output {
        Some(path) => {
            std::fs::write(&path, &bytes)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
            eprintln!("exported {} to {}", kind.as_str(), path.display());
        }
        None => {
            use std::io::Write;
            std::io::stdout().write_all(&bytes)?;
        }
    }
    Ok(())
}
