//! Exact optimal batch assignment of clients to capacitated candidates.
//!
//! # Objective
//!
//! Over feasible pairs only: first assign as many clients as possible, then minimise the
//! total cost of the assigned pairs (the pair cost is
//! [`pair_cost`](super::filter::pair_cost): the score's shortfall in millionths, so the
//! optimum maximises the total score). Both levels are exact. Internally each client gets
//! a "stay unassigned" arc of cost `BIG = (max cost + 1) · (clients + 1)`, which makes the
//! lexicographic objective a single min-cost flow: any solution with more assigned
//! clients is cheaper than any with fewer.
//!
//! # Solvers
//!
//! * [`solve_sparse`]: successive shortest paths with Dijkstra on reduced costs (node
//!   potentials), one augmentation per client, each Dijkstra stopping at the sink.
//!   Exact for any sparse instance; returns the potentials, which certify optimality.
//! * [`solve_dense`]: Jonker–Volgenant (LAPJV) for a dense cost matrix, padded to square.
//! * [`batch::assign_batch`]: the national case, on a [`CandidateIndex`]. It never lists
//!   all feasible pairs (tens of millions around Baku): it starts each client with its
//!   best few candidates, solves, then *prices* every omitted feasible pair with the
//!   potentials, searching the index with a bound, adds any pair whose reduced cost is
//!   negative and solves again, until none is. By LP duality the result is optimal over
//!   all feasible pairs.
//! * [`mod@reference`]: a deliberately simple Bellman–Ford min-cost flow for tests.
//!
//! [`CandidateIndex`]: super::index::CandidateIndex

pub mod batch;
mod duals;
mod lsa;
pub mod reference;
mod ssp;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use batch::{BatchOptions, BatchResult, BatchTimings, assign_batch};
pub use lsa::{NO_PAIR, solve_dense};
pub use ssp::solve_sparse;

/// Largest accepted pair cost (keeps every path length far from `i64` overflow).
pub const MAX_COST: i64 = 1_000_000_000;

/// Why an assignment problem was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "problem")]
pub enum AssignError {
    /// A cost is above [`MAX_COST`] (negative costs mark missing pairs in dense input).
    CostOutOfRange {
        /// The cost.
        cost: i64,
    },
    /// A pair names a candidate index that does not exist.
    UnknownCandidate {
        /// The index.
        candidate: usize,
    },
    /// A pair names a client index that does not exist.
    UnknownClient {
        /// The index.
        client: usize,
    },
    /// A dense matrix does not have rows × cols entries.
    WrongMatrixSize,
    /// The instance is too large for the solver (over 2^31 nodes or arcs).
    TooLarge,
}

impl std::fmt::Display for AssignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid assignment problem: {self:?}")
    }
}

impl std::error::Error for AssignError {}

/// A sparse instance: clients `0..n`, candidates `0..capacities.len()`, and the feasible
/// pairs with their costs, grouped by client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SparseProblem {
    capacities: Vec<u32>,
    /// Pairs of client `i` are `start[i]..start[i + 1]`.
    start: Vec<u32>,
    site: Vec<u32>,
    cost: Vec<i64>,
}

impl SparseProblem {
    /// Builds an instance from `(client, candidate, cost)` pairs in any order.
    pub fn new(
        clients: usize,
        capacities: Vec<u32>,
        pairs: &[(usize, usize, i64)],
    ) -> Result<Self, AssignError> {
        if clients + capacities.len() + 1 > i32::MAX as usize || pairs.len() > i32::MAX as usize {
            return Err(AssignError::TooLarge);
        }
        let mut count = vec![0u32; clients + 1];
        for &(i, j, c) in pairs {
            if i >= clients {
                return Err(AssignError::UnknownClient { client: i });
            }
            if j >= capacities.len() {
                return Err(AssignError::UnknownCandidate { candidate: j });
            }
            if !(0..=MAX_COST).contains(&c) {
                return Err(AssignError::CostOutOfRange { cost: c });
            }
            count[i + 1] += 1;
        }
        for i in 0..clients {
            count[i + 1] += count[i];
        }
        let mut next = count.clone();
        let mut site = vec![0u32; pairs.len()];
        let mut cost = vec![0i64; pairs.len()];
        for &(i, j, c) in pairs {
            let at = next[i] as usize;
            site[at] = j as u32;
            cost[at] = c;
            next[i] += 1;
        }
        Ok(Self {
            capacities,
            start: count,
            site,
            cost,
        })
    }

    /// Number of clients.
    pub fn clients(&self) -> usize {
        self.start.len() - 1
    }

    /// Capacities of the candidates.
    pub fn capacities(&self) -> &[u32] {
        &self.capacities
    }

    /// Number of pairs.
    pub fn pairs(&self) -> usize {
        self.site.len()
    }

    /// The pairs of client `i` as `(candidate, cost)`.
    pub fn pairs_of(&self, i: usize) -> impl Iterator<Item = (usize, i64)> + '_ {
        let r = self.start[i] as usize..self.start[i + 1] as usize;
        self.site[r.clone()]
            .iter()
            .zip(&self.cost[r])
            .map(|(s, c)| (*s as usize, *c))
    }

    /// The largest pair cost (0 if none).
    pub fn max_cost(&self) -> i64 {
        self.cost.iter().copied().max().unwrap_or(0)
    }

    /// The cost of the "unassigned" arc (see the module docs).
    pub fn big(&self) -> i64 {
        (self.max_cost() + 1) * (self.clients() as i64 + 1)
    }
}

/// An assignment: for each client the candidate index (or `None`), its total cost and
/// the number assigned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// Candidate index per client.
    pub assigned: Vec<Option<usize>>,
    /// Sum of the costs of assigned pairs.
    pub total_cost: i64,
    /// Number of assigned clients.
    pub assigned_count: usize,
}

impl Assignment {
    /// Checks that the assignment is feasible for `p` (pairs exist, capacities hold)
    /// and that `total_cost`/`assigned_count` match; returns the recomputed total.
    pub fn check(&self, p: &SparseProblem) -> Result<i64, String> {
        if self.assigned.len() != p.clients() {
            return Err("wrong number of clients".into());
        }
        let mut load = vec![0u32; p.capacities.len()];
        let mut total = 0;
        let mut count = 0;
        for (i, a) in self.assigned.iter().enumerate() {
            let Some(j) = *a else { continue };
            let c = p
                .pairs_of(i)
                .filter(|(s, _)| *s == j)
                .map(|(_, c)| c)
                .min()
                .ok_or_else(|| format!("client {i} assigned to infeasible {j}"))?;
            total += c;
            count += 1;
            load[j] += 1;
            if load[j] > p.capacities[j] {
                return Err(format!("candidate {j} over capacity"));
            }
        }
        if total != self.total_cost || count != self.assigned_count {
            return Err(format!(
                "reported {}/{} but recomputed {total}/{count}",
                self.total_cost, self.assigned_count
            ));
        }
        Ok(total)
    }
}
