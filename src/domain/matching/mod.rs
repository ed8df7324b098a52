//! Körpü's matching engine: pure, synchronous, no web and no database.
//!
//! * [`profile`]: what the engine knows of a client and of a candidate helper.
//! * [`filter`]: hard constraints with structured [`filter::Exclusion`]s.
//! * [`score`]: weights, the score formula, structured [`score::Reason`]s.
//! * [`index`]: an R-tree per candidate kind with exact best-scored `top_k` and `explain`.
//! * [`assign`]: exact optimal batch assignment (min-cost flow, dense LSA).
//! * [`synth`]: a seeded national synthetic data set; [`mod@bench`]: benchmarks.
//!
//! Typical use from a service (paths relative to this module):
//!
//! ```rust,ignore
//! let mut vocab = Vocabularies::default();
//! let sites: Vec<CandidateProfile> = /* rows → profiles, codes via vocab.*.set_of(..) */;
//! let index = CandidateIndex::build(CandidateKind::Site, sites, config, vocab)?;
//! // one client: ranked, explained suggestions; capacity comes from the database
//! let top = index.top_k(&client, 10, |site_id| free_places.get(&site_id).copied().unwrap_or(0));
//! // "why not site 42?"
//! match index.explain(&client, 42, free_places_of_42) {
//!     Ok(suggestion) => { /* it is a match: score and reasons */ }
//!     Err(exclusions) => { /* every failed constraint */ }
//! }
//! // all waiting clients at once: exact optimal proposals
//! let result = assign_batch(&index, &waiting, |id| free(id), &BatchOptions::default());
//! ```
//!
//! The index is immutable: rebuild it (tens of milliseconds per 100,000 candidates) when
//! candidates or the vocabularies change; capacity is never part of it.

pub mod area;
pub mod assign;
pub mod availability;
pub mod bench;
pub mod filter;
pub mod index;
pub mod location;
pub mod profile;
mod query;
pub mod score;
pub mod synth;
pub mod tags;

#[cfg(test)]
mod testutil;

pub use area::{Area, AreaError};
pub use assign::{
    Assignment, BatchOptions, BatchResult, SparseProblem, assign_batch, solve_dense, solve_sparse,
};
pub use availability::{DayPart, PartOfDay, Weekday, WeeklyAvailability};
pub use filter::{Exclusion, Features, evaluate, pair_cost};
pub use index::{CandidateIndex, IndexError};
pub use location::{LatLon, LocationError, haversine_m};
pub use profile::{
    CandidateKind, CandidateProfile, ClientProfile, RiskFlag, RiskFlags, SiteFlag, SiteFlags,
    TravelLimits,
};
pub use score::{MatchConfig, Reason, ScoreComponents, Suggestion, Weights};
pub use tags::{Need, NeedSet, Tag, TagSet, Vocabularies, Vocabulary};
