//! Batch assignment benchmarks: the dense 2000 × 2000 case (LAPJV, cross-checked with
//! the sparse solver and comparable with scipy) and the national sparse case.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use super::super::assign::{self, BatchOptions, SparseProblem, reference};
use super::super::filter::pair_cost;
use super::super::index::{CandidateIndex, IndexError};
use super::super::profile::CandidateKind;
use super::super::score::MatchConfig;
use super::super::synth::{self, Sizes};

/// Results of [`dense_bench`].
#[derive(Debug, Clone, serde::Serialize)]
pub struct DenseBench {
    /// Clients = places.
    pub n: usize,
    /// Time to compute the n² pair costs, seconds.
    pub costs_s: f64,
    /// LAPJV on the matrix, seconds (median of the runs).
    pub lapjv_s: f64,
    /// Every run, seconds.
    pub lapjv_runs_s: Vec<f64>,
    /// Total cost found.
    pub total_cost: i64,
    /// Assigned rows.
    pub assigned: usize,
    /// The sparse solver (an independent exact algorithm) on the same n² pairs, seconds.
    pub sparse_s: f64,
    /// Whether both solvers found the same optimum.
    pub agrees_with_sparse: bool,
}

/// The dense case: `n` clients and `n` single-place sites around Baku, every pair
/// feasible ([`synth::dense`]), costs from [`pair_cost`]. If `matrix_out` is given, the
/// cost matrix is written there as little-endian i64, row-major (for the scipy script).
pub fn dense_bench(
    seed: u64,
    n: usize,
    runs: usize,
    matrix_out: Option<&Path>,
) -> std::io::Result<DenseBench> {
    let data = synth::dense(seed, n);
    let cfg = MatchConfig::default();
    let t = Instant::now();
    let mut cost = Vec::with_capacity(n * n);
    for c in &data.clients {
        for s in &data.candidates {
            cost.push(pair_cost(c, s, &cfg).unwrap_or(assign::NO_PAIR));
        }
    }
    let costs_s = t.elapsed().as_secs_f64();
    if let Some(path) = matrix_out {
        write_matrix(path, &cost)?;
    }
    let mut times = Vec::new();
    let mut result = None;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let r = assign::solve_dense(n, n, &cost).map_err(std::io::Error::other)?;
        times.push(t.elapsed().as_secs_f64());
        result = Some(r);
    }
    let result = result.ok_or_else(|| std::io::Error::other("no run"))?;
    let pairs: Vec<(usize, usize, i64)> = (0..n * n)
        .filter(|k| cost[*k] >= 0)
        .map(|k| (k / n, k % n, cost[k]))
        .collect();
    let p = SparseProblem::new(n, vec![1; n], &pairs).map_err(std::io::Error::other)?;
    let t = Instant::now();
    let sparse = assign::solve_sparse(&p);
    let sparse_s = t.elapsed().as_secs_f64();
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    Ok(DenseBench {
        n,
        costs_s,
        lapjv_s: sorted[sorted.len() / 2],
        lapjv_runs_s: times,
        total_cost: result.total_cost,
        assigned: result.assigned_count,
        sparse_s,
        agrees_with_sparse: (sparse.assigned_count, sparse.total_cost)
            == (result.assigned_count, result.total_cost)
            && result.check(&p).is_ok(),
    })
}

/// Writes a cost matrix as little-endian i64.
pub fn write_matrix(path: &Path, cost: &[i64]) -> std::io::Result<()> {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    for c in cost {
        f.write_all(&c.to_le_bytes())?;
    }
    f.flush()
}

/// Results of [`batch_bench`].
#[derive(Debug, Clone, serde::Serialize)]
pub struct BatchBench {
    /// Clients.
    pub clients: usize,
    /// Sites.
    pub sites: usize,
    /// Sum of site capacities.
    pub places: u64,
    /// Index build time, seconds.
    pub build_s: f64,
    /// `assign_batch` wall time, seconds.
    pub solve_s: f64,
    /// Pricing rounds.
    pub rounds: usize,
    /// Pairs listed in the final instance.
    pub pairs_listed: usize,
    /// All feasible pairs (counted only when `count_pairs`).
    pub feasible_pairs: Option<usize>,
    /// Assigned clients.
    pub assigned: usize,
    /// Total cost.
    pub total_cost: i64,
    /// Pricing proved optimality.
    pub proven_optimal: bool,
    /// Agreement with an independent exact solve over every feasible pair, listed in
    /// full (see [`FullCheck`]); `None` when not requested.
    pub matches_full_solve: Option<bool>,
    /// Seconds the independent check took.
    pub full_check_s: Option<f64>,
    /// Time split inside `assign_batch`.
    pub timings: assign::BatchTimings,
}

/// How [`batch_bench`] double-checks optimality.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FullCheck {
    /// No check.
    None,
    /// Every (client, site) pair through [`pair_cost`], solved by the Bellman–Ford
    /// [`mod@reference`] solver: a few hundred clients at most.
    Reference,
    /// Every (client, site) pair through [`pair_cost`] (no index), solved by
    /// [`assign::solve_sparse`] with all pairs listed: up to a few thousand clients.
    AllPairsSparse,
}

/// The national sparse case: `clients` clients and `sites` sites from the national
/// generator (capacities 1–10), assigned with [`assign::assign_batch`].
pub fn batch_bench(
    seed: u64,
    clients: usize,
    sites: usize,
    count_pairs: bool,
    check: FullCheck,
) -> Result<BatchBench, IndexError> {
    let data = synth::generate(
        seed,
        Sizes {
            clients,
            sites,
            mentors: 0,
            psychologists: 0,
        },
    );
    let cfg = MatchConfig::default();
    let t = Instant::now();
    let index = CandidateIndex::build(
        CandidateKind::Site,
        data.sites.clone(),
        cfg,
        data.vocab.clone(),
    )?;
    let build_s = t.elapsed().as_secs_f64();
    let cap = |id: i64| data.capacity_of(id);
    let t = Instant::now();
    let r = assign::assign_batch(&index, &data.clients, cap, &BatchOptions::default());
    let solve_s = t.elapsed().as_secs_f64();
    let feasible_pairs = count_pairs.then(|| index.count_feasible_pairs(&data.clients));
    let clock = Instant::now();
    let matches_full_solve = (check != FullCheck::None).then(|| {
        let mut pairs = Vec::new();
        for (i, c) in data.clients.iter().enumerate() {
            for (j, s) in data.sites.iter().enumerate() {
                if let Some(cost) = pair_cost(c, s, &cfg) {
                    pairs.push((i, j, cost));
                }
            }
        }
        SparseProblem::new(clients, data.site_capacity.clone(), &pairs)
            .map(|p| {
                let want = if check == FullCheck::Reference {
                    reference::solve(&p)
                } else {
                    assign::solve_sparse(&p)
                };
                (want.assigned_count, want.total_cost) == (r.assigned_count, r.total_cost)
            })
            .unwrap_or(false)
    });
    let full_check_s = matches_full_solve.map(|_| clock.elapsed().as_secs_f64());
    Ok(BatchBench {
        clients,
        sites,
        places: data.site_capacity.iter().map(|c| u64::from(*c)).sum(),
        build_s,
        solve_s,
        rounds: r.rounds,
        pairs_listed: r.pairs_listed,
        feasible_pairs,
        assigned: r.assigned_count,
        total_cost: r.total_cost,
        proven_optimal: r.proven_optimal,
        matches_full_solve,
        full_check_s,
        timings: r.timings,
    })
}
