//! The in-memory candidate indexes of this instance, and capacity in use. Each instance
//! rebuilds its own from the database; generation counters (bumped by triggers on every
//! change, see the migration) tell it when. Suggestions therefore reflect every committed
//! change at the next request, on every instance; assignments re-check capacity in the
//! database anyway.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use chrono::{NaiveDate, Utc};
use sea_orm::{ConnectionTrait, Statement};

use super::candidates::{self, CandidateInfo, Loaded, Records};
use super::usage::{self, Usage};
use crate::domain::matching::{CandidateIndex, CandidateKind, MatchConfig};
use crate::error::AppError;

/// The index of one kind with display data.
pub struct KindIndex {
    /// The engine's index.
    pub index: CandidateIndex,
    /// Names, places and capacities by id.
    pub info: HashMap<i64, CandidateInfo>,
}

/// Indexes of all kinds, built from one generation of the data.
pub struct Indexes {
    generation: i64,
    day: NaiveDate,
    /// Placement sites.
    pub sites: KindIndex,
    /// Mentors.
    pub mentors: KindIndex,
    /// Psychologists and social workers.
    pub psychologists: KindIndex,
}

impl Indexes {
    /// The index of a kind.
    pub fn of(&self, kind: CandidateKind) -> &KindIndex {
        match kind {
            CandidateKind::Site => &self.sites,
            CandidateKind::Mentor => &self.mentors,
            CandidateKind::Psychologist => &self.psychologists,
        }
    }

    /// Bytes held by the three indexes (for the memory report).
    pub fn memory_bytes(&self) -> usize {
        [&self.sites, &self.mentors, &self.psychologists]
            .iter()
            .map(|k| k.index.memory_bytes())
            .sum()
    }
}

struct UsageAt {
    generation: i64,
    usage: Arc<Usage>,
}

/// What a request works with: indexes and usage, consistent with the database as of the
/// start of the request (or newer).
#[derive(Clone)]
pub struct Current {
    /// The indexes.
    pub indexes: Arc<Indexes>,
    /// Capacity in use.
    pub usage: Arc<Usage>,
}

/// Waiting clients one batch run takes unless configured (`KORPU_BATCH_MAX_CLIENTS`): runs of
/// this size solve in seconds; a run over tens of thousands of clients of one region can take
/// minutes and gigabytes (docs/performance.md).
pub const DEFAULT_BATCH_MAX_CLIENTS: usize = 3_000;

/// The per-instance cache.
pub struct MatchingCache {
    config: MatchConfig,
    indexes: RwLock<Option<Arc<Indexes>>>,
    usage: RwLock<Option<UsageAt>>,
    rebuild: tokio::sync::Mutex<()>,
    batch: Arc<tokio::sync::Semaphore>,
    batch_max_clients: usize,
}

impl MatchingCache {
    /// An empty cache; indexes are built on first use.
    pub fn new(config: MatchConfig) -> Self {
        Self {
            config,
            indexes: RwLock::new(None),
            usage: RwLock::new(None),
            rebuild: tokio::sync::Mutex::new(()),
            batch: Arc::new(tokio::sync::Semaphore::new(1)),
            batch_max_clients: DEFAULT_BATCH_MAX_CLIENTS,
        }
    }

    /// The same with another limit of clients per batch run.
    pub fn with_batch_max_clients(mut self, limit: usize) -> Self {
        self.batch_max_clients = limit.max(1);
        self
    }

    /// Waiting clients one batch run takes at most.
    pub fn batch_max_clients(&self) -> usize {
        self.batch_max_clients
    }

    /// The right to run a batch solve, if none is running on this instance: a solve is
    /// CPU- and memory-heavy and goes on even when its request has timed out, so solves must
    /// not pile up. Hold the permit for the whole solve.
    pub fn try_batch_permit(&self) -> Option<tokio::sync::OwnedSemaphorePermit> {
        self.batch.clone().try_acquire_owned().ok()
    }

    /// The matching configuration (weights and travel limits).
    pub fn config(&self) -> &MatchConfig {
        &self.config
    }

    fn fresh(&self, candidates: i64, usage: i64, today: NaiveDate) -> Option<Current> {
        let indexes = self.indexes.read().ok()?.as_ref()?.clone();
        let usage_at = self.usage.read().ok()?;
        let usage_at = usage_at.as_ref()?;
        (indexes.generation == candidates && indexes.day == today && usage_at.generation == usage)
            .then(|| Current {
                indexes,
                usage: usage_at.usage.clone(),
            })
    }

    /// The current indexes and usage, rebuilding what is out of date.
    pub async fn current(&self, db: &impl ConnectionTrait) -> Result<Current, AppError> {
        // Generations are read before the data, so data is never older than its label.
        let (candidates_generation, usage_generation) = generations(db).await?;
        let today = Utc::now().date_naive();
        if let Some(current) = self.fresh(candidates_generation, usage_generation, today) {
            return Ok(current);
        }
        let _building = self.rebuild.lock().await;
        if let Some(current) = self.fresh(candidates_generation, usage_generation, today) {
            return Ok(current);
        }
        let stale_indexes = self
            .indexes
            .read()
            .map(|i| {
                i.as_ref()
                    .is_none_or(|i| i.generation != candidates_generation || i.day != today)
            })
            .unwrap_or(true);
        if stale_indexes {
            let built = build(db, &self.config, candidates_generation, today).await?;
            if let Ok(mut slot) = self.indexes.write() {
                *slot = Some(Arc::new(built));
            }
        }
        let stale_usage = self
            .usage
            .read()
            .map(|u| u.as_ref().is_none_or(|u| u.generation != usage_generation))
            .unwrap_or(true);
        if stale_usage {
            let loaded = usage::load(db).await?;
            if let Ok(mut slot) = self.usage.write() {
                *slot = Some(UsageAt {
                    generation: usage_generation,
                    usage: Arc::new(loaded),
                });
            }
        }
        self.fresh(candidates_generation, usage_generation, today)
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("matching cache did not settle")))
    }
}

/// The `candidates` and `usage` generation counters.
pub async fn generations(db: &impl ConnectionTrait) -> Result<(i64, i64), AppError> {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT name, generation FROM matching_generation",
        ))
        .await?;
    let (mut candidates, mut usage) = (0, 0);
    for row in rows {
        let name: String = row.try_get("", "name")?;
        let generation: i64 = row.try_get("", "generation")?;
        match name.as_str() {
            "candidates" => candidates = generation,
            "usage" => usage = generation,
            _ => {}
        }
    }
    Ok((candidates, usage))
}

/// Marks every instance's indexes as out of date (for changes the triggers cannot see, such
/// as a new day's lapses being tested in a test).
pub async fn invalidate(db: &impl ConnectionTrait) -> Result<(), AppError> {
    db.execute_unprepared("UPDATE matching_generation SET generation = generation + 1")
        .await?;
    Ok(())
}

async fn build(
    db: &impl ConnectionTrait,
    config: &MatchConfig,
    generation: i64,
    today: NaiveDate,
) -> Result<Indexes, AppError> {
    let started = std::time::Instant::now();
    let records = Records::load(db, today).await?;
    let vocab = candidates::vocabularies(db, records.languages()).await?;
    let config = *config;
    let indexes = tokio::task::spawn_blocking(move || -> Result<Indexes, AppError> {
        let (sites, mentors, psychologists) = records.into_profiles(&vocab);
        let index = |kind, loaded: Loaded| -> Result<KindIndex, AppError> {
            let index = CandidateIndex::build(kind, loaded.profiles, config, vocab.clone())
                .map_err(|e| AppError::Internal(anyhow::anyhow!("matching index: {e:?}")))?;
            Ok(KindIndex {
                index,
                info: loaded.info,
            })
        };
        Ok(Indexes {
            generation,
            day: today,
            sites: index(CandidateKind::Site, sites)?,
            mentors: index(CandidateKind::Mentor, mentors)?,
            psychologists: index(CandidateKind::Psychologist, psychologists)?,
        })
    })
    .await
    .map_err(|e| AppError::Internal(anyhow::anyhow!("matching index build: {e}")))??;
    tracing::info!(
        sites = indexes.sites.index.len(),
        mentors = indexes.mentors.index.len(),
        psychologists = indexes.psychologists.index.len(),
        ms = started.elapsed().as_millis() as u64,
        "matching indexes built"
    );
    Ok(indexes)
}
