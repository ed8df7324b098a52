//! Suggestions for one client and one kind of helper, and "why not X?".

use sea_orm::ConnectionTrait;
use serde::Serialize;

use super::cache::{Current, KindIndex, MatchingCache};
use super::candidates::CandidateInfo;
use super::client;
use super::usage::Usage;
use crate::domain::matching::{CandidateKind, ClientProfile, Exclusion, Suggestion};
use crate::error::AppError;
use crate::services::clients::profile as register;

/// How many suggestions a page or API call shows.
pub const DEFAULT_COUNT: usize = 10;

/// A suggestion with what is shown about the candidate.
#[derive(Clone, Debug, Serialize)]
pub struct Suggested {
    /// The engine's explained suggestion.
    pub suggestion: Suggestion,
    /// Name, place, capacity.
    pub candidate: CandidateInfo,
    /// Places left for this client.
    pub free_places: u32,
}

/// The answer to "why not this candidate?".
#[derive(Clone, Debug, Serialize)]
pub struct Explained {
    /// The candidate, when it exists among the active candidates of the kind.
    pub candidate: Option<CandidateInfo>,
    /// Places left for this client.
    pub free_places: u32,
    /// The suggestion it would be, or every constraint that excludes it.
    pub outcome: Result<Suggestion, Vec<Exclusion>>,
}

/// Places left at candidate `id` of `kind` for `client`.
pub fn free_places(
    kind: CandidateKind,
    index: &KindIndex,
    usage: &Usage,
    client: &ClientProfile,
    id: i64,
) -> u32 {
    let Some(info) = index.info.get(&id) else {
        return 0;
    };
    match kind {
        CandidateKind::Site => match usage.sites.get(&id) {
            Some(counts) => counts.free(
                info.capacity,
                &client.availability.intersection(&info.schedule),
            ),
            None => info.capacity,
        },
        CandidateKind::Mentor => info
            .capacity
            .saturating_sub(usage.mentors.get(&id).copied().unwrap_or(0)),
        CandidateKind::Psychologist => info
            .capacity
            .saturating_sub(usage.psychologists.get(&id).copied().unwrap_or(0)),
    }
}

/// The engine profile of a client (whose record the caller may read) for matching with `kind`,
/// with the cache state used. Closed cases and records without a location are 404.
pub async fn prepare(
    db: &impl ConnectionTrait,
    cache: &MatchingCache,
    client_id: i64,
    kind: CandidateKind,
) -> Result<(Current, ClientProfile), AppError> {
    let current = cache.current(db).await?;
    let register = register::profile(db, client_id).await?;
    let previous = client::previous_helpers(db, client_id, kind).await?;
    let vocab = current.indexes.of(kind).index.vocabularies();
    let profile = client::engine_profile(&register, vocab, previous).ok_or(AppError::NotFound)?;
    Ok((current, profile))
}

/// The `count` best candidates of `kind` for a client, best first.
pub fn suggest(
    current: &Current,
    kind: CandidateKind,
    client: &ClientProfile,
    count: usize,
) -> Vec<Suggested> {
    let index = current.indexes.of(kind);
    let free = |id| free_places(kind, index, &current.usage, client, id);
    index
        .index
        .top_k(client, count, free)
        .into_iter()
        .filter_map(|suggestion| {
            let candidate = index.info.get(&suggestion.candidate_id)?.clone();
            let free_places = free(suggestion.candidate_id);
            Some(Suggested {
                suggestion,
                candidate,
                free_places,
            })
        })
        .collect()
}

/// Why a named candidate is or is not suggested.
pub fn explain(
    current: &Current,
    kind: CandidateKind,
    client: &ClientProfile,
    candidate_id: i64,
) -> Explained {
    let index = current.indexes.of(kind);
    let free_places = free_places(kind, index, &current.usage, client, candidate_id);
    Explained {
        candidate: index.info.get(&candidate_id).cloned(),
        free_places,
        outcome: index.index.explain(client, candidate_id, free_places),
    }
}
