//! The cost a batch uses for any client–candidate pair, or the hard constraints that make the
//! pair infeasible, with the capacity a batch gives the candidate: everything needed to
//! re-solve a run independently and check that it is optimal.

use sea_orm::DatabaseConnection;
use serde::Serialize;

use super::{batch_capacity, kind_name};
use crate::auth::current_user::AuthUser;
use crate::domain::matching::{CandidateKind, Exclusion, pair_cost};
use crate::error::AppError;
use crate::services::clients::access;
use crate::services::matching::{MatchingCache, suggest};

/// Most candidates asked about in one call.
pub const MAX_CANDIDATES: usize = 5000;

/// One pair.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct PairCost {
    /// Site or volunteer id.
    pub candidate_id: i64,
    /// The batch cost (0 best … 1,000,000), or null when the pair is infeasible.
    pub cost: Option<i64>,
    /// Places a batch run would give this candidate now.
    pub capacity: u32,
    /// Why the pair is infeasible (capacity aside); empty when `cost` is given.
    #[schema(value_type = Vec<Object>)]
    pub exclusions: Vec<Exclusion>,
}

/// The pairs of one client.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct PairCosts {
    /// Client id.
    pub client_id: i64,
    /// `site` or `mentor`.
    pub kind: String,
    /// One entry per candidate asked about, in the order asked.
    pub pairs: Vec<PairCost>,
}

/// Costs of `client_id` (visible to the user, open case) with each of `candidate_ids`.
pub async fn pair_costs(
    db: &DatabaseConnection,
    cache: &MatchingCache,
    user: &AuthUser,
    ip: &str,
    client_id: i64,
    kind: CandidateKind,
    candidate_ids: &[i64],
) -> Result<PairCosts, AppError> {
    access::load_open(db, user, ip, client_id).await?;
    let (current, profile) = suggest::prepare(db, cache, client_id, kind).await?;
    let index = current.indexes.of(kind);
    let pairs = candidate_ids
        .iter()
        .map(|&id| {
            let capacity = batch_capacity(kind, index, &current.usage, id);
            let cost = index
                .index
                .get(id)
                .and_then(|c| pair_cost(&profile, c, index.index.config()));
            let exclusions = match cost {
                Some(_) => Vec::new(),
                // Explained with a free place, so only the pair's own constraints show.
                None => index
                    .index
                    .explain(&profile, id, 1)
                    .err()
                    .unwrap_or_default(),
            };
            PairCost {
                candidate_id: id,
                cost,
                capacity,
                exclusions,
            }
        })
        .collect();
    Ok(PairCosts {
        client_id,
        kind: kind_name(kind).into(),
        pairs,
    })
}
