//! Exact batch assignment over every feasible pair, without listing them all.
//!
//! 1. Each client starts with its `initial_candidates` best candidates (by score, hence
//!    by cost) that have capacity, found with the index's best-first search.
//! 2. The sparse instance is solved exactly (successive shortest paths), which yields dual values
//!    `u_i` (clients) and `v_j` (candidates) with `c_ij ≥ u_i + v_j` on every listed pair
//!    (reduced-cost optimality of the flow).
//! 3. Pricing: an omitted feasible pair (i, j) could improve the solution only if
//!    `c_ij < u_i + v_j`. For each client the index is searched depth-first, pruning
//!    every node whose best possible cost (from its score upper bound) is at least `u_i`
//!    plus the largest `v_j` below it; every pair found is added.
//! 4. Repeat from 2 until pricing finds nothing. Then the potentials satisfy the
//!    reduced-cost optimality conditions on all feasible pairs, listed or not, so the
//!    flow is a minimum-cost flow of the full problem (LP duality).
//!
//! A client whose first search returned fewer than `initial_candidates` pairs already has
//! all of its feasible pairs and is never priced. Every pair a client has not listed costs
//! at least the last cost of its initial list, so with canonical duals (where `v_j ≤ 0`,
//! see `duals.rs`) a client with `u_i ≤` that cost is skipped too.
//!
//! Each index search is wider than needed (`POOL_MARGIN`) and its pairs are kept as the
//! client's pool: in a later round, if the client's `u_i` rose by less than the slack
//! minus the largest rise of any `v_j` since, every pair that can be wanted is in the
//! pool, and the client is priced from it without touching the index. The final,
//! verifying round is usually priced this way.
//!
//! To save rounds, pricing also adds pairs whose reduced cost is below a small margin:
//! they are likely to become negative once the potentials move. The stopping test is
//! still "no pair with negative reduced cost", so the margin changes speed, never the
//! result. Searches and pricing run on `threads` threads, one contiguous block of
//! clients each; the result does not depend on the number of threads.

use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::super::filter::ClientQuery;
use super::super::index::CandidateIndex;
use super::super::profile::ClientProfile;
use super::{SparseProblem, duals, ssp};

/// Pairs found for one client while pricing: (client, [(position, cost, violating)],
/// a new pool if the index was searched).
type Priced = (usize, Vec<(u32, i64, bool)>, Option<Pool>);

/// A client's last full pricing search: (round index, `u_i` then, every pair found with
/// `c < u_i + v_j + POOL_MARGIN` as (position, cost)).
type Pool = (usize, i64, Vec<(u32, i64)>);

/// Width of a full pricing search beyond the margin: later rounds re-price a client from
/// the pairs this search found, without the index, while the duals have not moved more
/// than this allows.
const POOL_MARGIN: i64 = 50_000;

/// Tuning of [`assign_batch`]; the result is optimal whatever the values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BatchOptions {
    /// Candidates listed per client before the first solve (default 8).
    pub initial_candidates: usize,
    /// Pairs with reduced cost below this are added while pricing (default 20,000, 2 % of
    /// the cost scale).
    pub pricing_margin: i64,
    /// Safety stop on pricing rounds (default 100); [`BatchResult::proven_optimal`] tells
    /// whether the last round found nothing to add.
    pub max_rounds: usize,
    /// Worker threads for searches and pricing (default 0: as many as the machine has;
    /// at most 64).
    pub threads: usize,
}

impl Default for BatchOptions {
    fn default() -> Self {
        Self {
            initial_candidates: 8,
            pricing_margin: 20_000,
            max_rounds: 100,
            threads: 0,
        }
    }
}

/// The outcome of [`assign_batch`], in the order of the input clients.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchResult {
    /// Candidate id per client (`None`: no feasible place left for this client).
    pub assigned: Vec<Option<i64>>,
    /// Pair cost per client ([`pair_cost`](super::super::filter::pair_cost)).
    pub costs: Vec<Option<i64>>,
    /// Sum of the pair costs.
    pub total_cost: i64,
    /// Number of assigned clients.
    pub assigned_count: usize,
    /// Solve-and-price rounds.
    pub rounds: usize,
    /// Pairs in the final sparse instance.
    pub pairs_listed: usize,
    /// True when pricing proved the result optimal over every feasible pair.
    pub proven_optimal: bool,
    /// Seconds spent in the first searches, solving and pricing.
    pub timings: BatchTimings,
}

/// Where [`assign_batch`] spent its time, in seconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct BatchTimings {
    /// Initial best-k searches.
    pub initial_search_s: f64,
    /// All sparse solves.
    pub solve_s: f64,
    /// All pricing passes (including the dual computation).
    pub pricing_s: f64,
}

/// Runs `f` on contiguous blocks of `0..n` on up to `threads` threads and concatenates
/// the results in order.
fn par_blocks<T: Send>(
    n: usize,
    threads: usize,
    f: &(dyn Fn(std::ops::Range<usize>) -> Vec<T> + Sync),
) -> Vec<T> {
    let threads = threads.clamp(1, n.max(1));
    if threads == 1 {
        return f(0..n);
    }
    let chunk = n.div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let range = (t * chunk).min(n)..((t + 1) * chunk).min(n);
                scope.spawn(move || f(range))
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Assigns `clients` to the candidates of `index` with capacities `capacity(id)`,
/// maximising the number assigned and then minimising the total pair cost, exactly.
pub fn assign_batch(
    index: &CandidateIndex,
    clients: &[ClientProfile],
    capacity: impl Fn(i64) -> u32,
    options: &BatchOptions,
) -> BatchResult {
    let m = index.len();
    let n = clients.len();
    let caps: Vec<u32> = index.candidates().iter().map(|c| capacity(c.id)).collect();
    let config = *index.config();
    let weights = config.weights;
    let k0 = options.initial_candidates.max(1);
    let margin = options.pricing_margin.max(0);
    let pool_width = POOL_MARGIN.max(margin);
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, |t| t.get()),
        t => t,
    }
    .min(64);
    let mut timings = BatchTimings::default();
    let clock = Instant::now();
    let queries: Vec<ClientQuery<'_>> = clients
        .iter()
        .map(|c| ClientQuery::new(c, &config))
        .collect();
    // Per client: the initial list, whether it is complete, and its last cost (every
    // unlisted pair costs at least that).
    let initial = par_blocks(n, threads, &|range| {
        range
            .map(|i| {
                let hits = index.top_hits(&queries[i], k0, &|pos| caps[pos as usize] > 0);
                let list: Vec<(u32, i64)> = hits
                    .iter()
                    .map(|h| (h.pos, weights.cost_of(h.score)))
                    .collect();
                let floor = list.last().map_or(0, |x| x.1);
                (list, hits.len() < k0, floor)
            })
            .collect()
    });
    let complete: Vec<bool> = initial.iter().map(|x| x.1).collect();
    let floor: Vec<i64> = initial.iter().map(|x| x.2).collect();
    let mut lists: Vec<Vec<(u32, i64)>> = initial.into_iter().map(|x| x.0).collect();
    timings.initial_search_s = clock.elapsed().as_secs_f64();
    let mut rounds = 0;
    // Per client, the last full search: (round index, u then, every pair found).
    let mut pools: Vec<Option<Pool>> = vec![None; n];
    // Candidate duals of every round, for pool validity.
    let mut v_history: Vec<Vec<i64>> = Vec::new();
    loop {
        rounds += 1;
        let pairs: Vec<(usize, usize, i64)> = lists
            .iter()
            .enumerate()
            .flat_map(|(i, l)| l.iter().map(move |&(p, c)| (i, p as usize, c)))
            .collect();
        let problem = match SparseProblem::new(n, caps.clone(), &pairs) {
            Ok(p) => p,
            // Positions and costs come from the index, so this cannot fail; stay total.
            Err(_) => return empty_result(n, rounds, timings),
        };
        let clock = Instant::now();
        let solved = ssp::solve(&problem);
        timings.solve_s += clock.elapsed().as_secs_f64();
        let clock = Instant::now();
        // Prefer canonical duals (v ≤ 0), which let most clients skip pricing.
        let canonical = duals::canonical(&problem, &solved.assignment);
        let (client_u, raw_v) = match &canonical {
            Some((u, v)) => (u.as_slice(), v.as_slice()),
            None => (solved.client_u.as_slice(), solved.site_v.as_slice()),
        };
        let site_v: Vec<i64> = (0..m)
            .map(|j| if caps[j] > 0 { raw_v[j] } else { i64::MIN })
            .collect();
        let node_max = index.node_maxima(&site_v);
        // How much any candidate's v rose since each earlier round (for pool validity).
        let rise: Vec<i64> = v_history
            .iter()
            .map(|old: &Vec<i64>| {
                (0..m)
                    .filter(|j| site_v[*j] != i64::MIN && old[*j] != i64::MIN)
                    .map(|j| site_v[j].saturating_sub(old[j]))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let found: Vec<Priced> = if rounds < options.max_rounds {
            par_blocks(n, threads, &|range| {
                range
                    .filter_map(|i| {
                        let u_i = client_u[i];
                        // Pairs with cost below `u_i + v_j + margin` are wanted.
                        let reach = u_i.saturating_add(margin);
                        if complete[i] || (canonical.is_some() && floor[i] >= reach) {
                            return None;
                        }
                        let wanted = |pos: usize, cost: i64| {
                            site_v[pos] != i64::MIN && cost < site_v[pos].saturating_add(reach)
                        };
                        let violating =
                            |pos: usize, cost: i64| cost < site_v[pos].saturating_add(u_i);
                        // The pool of the last full search covers every pair with
                        // `c < u_s + v_s + pool_width`; it still covers every wanted pair
                        // if `(u_i − u_s) + max_j (v_j − v_sj) ≤ pool_width − margin`.
                        if let Some((s, u_s, pool)) = &pools[i]
                            && u_i.saturating_sub(*u_s).saturating_add(rise[*s])
                                <= pool_width - margin
                        {
                            let out: Vec<(u32, i64, bool)> = pool
                                .iter()
                                .filter(|(p, c)| wanted(*p as usize, *c))
                                .map(|&(p, c)| (p, c, violating(p as usize, c)))
                                .collect();
                            return (!out.is_empty()).then_some((i, out, None));
                        }
                        let wide = u_i.saturating_add(pool_width);
                        let keep = |node: u32, ub: f64| {
                            let best_cost = weights.cost_of(ub).max(floor[i]);
                            node_max[node as usize] != i64::MIN
                                && best_cost < node_max[node as usize].saturating_add(wide)
                        };
                        let limit = |pos: usize| {
                            if site_v[pos] == i64::MIN {
                                i64::MIN
                            } else {
                                site_v[pos].saturating_add(wide)
                            }
                        };
                        let mut pool = Vec::new();
                        index.search_below(&queries[i], &keep, &limit, &mut |hit, cost| {
                            pool.push((hit.pos, cost));
                        });
                        let out = pool
                            .iter()
                            .filter(|(p, c)| wanted(*p as usize, *c))
                            .map(|&(p, c)| (p, c, violating(p as usize, c)))
                            .collect();
                        Some((i, out, Some((rounds - 1, u_i, pool))))
                    })
                    .collect()
            })
        } else {
            Vec::new()
        };
        let mut violations = 0;
        for (i, out, pool) in found {
            if pool.is_some() {
                pools[i] = pool;
            }
            let list = &mut lists[i];
            for (pos, cost, violating) in out {
                if !list.iter().any(|(p, _)| *p == pos) {
                    list.push((pos, cost));
                    violations += usize::from(violating);
                }
            }
        }
        v_history.push(site_v);
        timings.pricing_s += clock.elapsed().as_secs_f64();
        if violations == 0 || rounds >= options.max_rounds {
            let ids = |pos: usize| index.candidates()[pos].id;
            let a = &solved.assignment;
            let costs = a
                .assigned
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    s.and_then(|pos| {
                        problem
                            .pairs_of(i)
                            .filter(|(p, _)| *p == pos)
                            .map(|(_, c)| c)
                            .min()
                    })
                })
                .collect();
            return BatchResult {
                assigned: a.assigned.iter().map(|s| s.map(ids)).collect(),
                costs,
                total_cost: a.total_cost,
                assigned_count: a.assigned_count,
                rounds,
                pairs_listed: pairs.len(),
                proven_optimal: violations == 0,
                timings,
            };
        }
    }
}

fn empty_result(n: usize, rounds: usize, timings: BatchTimings) -> BatchResult {
    BatchResult {
        assigned: vec![None; n],
        costs: vec![None; n],
        total_cost: 0,
        assigned_count: 0,
        rounds,
        pairs_listed: 0,
        proven_optimal: false,
        timings,
    }
}
