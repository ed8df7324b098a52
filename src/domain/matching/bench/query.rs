//! Query benchmarks: filtered best-k against a bare R-tree nearest-neighbour query, and
//! memory of the index structures.

use std::hint::black_box;
use std::time::Instant;

use rstar::RTree;

use super::super::index::{CandidateIndex, IndexError};
use super::super::profile::{CandidateKind, CandidateProfile, ClientProfile};
use super::super::score::MatchConfig;
use super::super::synth::{self, Sizes};
use super::Stats;

/// Results of [`top_k_bench`].
#[derive(Debug, Clone, serde::Serialize)]
pub struct TopKBench {
    /// Kind of candidates.
    pub kind: CandidateKind,
    /// Candidates indexed.
    pub points: usize,
    /// k.
    pub k: usize,
    /// Cold-cache timings of, in order: `CandidateIndex::top_k` (with explanations),
    /// `CandidateIndex::top_ids` (search only), bare `rstar` k-nearest on (lon, lat)
    /// points with default parameters, bare `rstar` k-nearest on the index's 3-D points.
    pub cold: [Stats; 4],
    /// Warm-cache timings of the same four methods.
    pub warm: [Stats; 4],
    /// Mean number of suggestions returned (k unless fewer are feasible).
    pub mean_returned: f64,
    /// Index build time in milliseconds.
    pub build_ms: f64,
}

/// Times `queries` random clients against `points` synthetic candidates of `kind`.
pub fn top_k_bench(
    seed: u64,
    kind: CandidateKind,
    points: usize,
    queries: usize,
    k: usize,
) -> Result<TopKBench, IndexError> {
    top_k_bench_with(seed, kind, points, queries, k, MatchConfig::default())
}

/// [`top_k_bench`] with an explicit configuration (to see how weights change the work).
pub fn top_k_bench_with(
    seed: u64,
    kind: CandidateKind,
    points: usize,
    queries: usize,
    k: usize,
    config: MatchConfig,
) -> Result<TopKBench, IndexError> {
    let sizes = Sizes {
        clients: queries,
        sites: if kind == CandidateKind::Site {
            points
        } else {
            0
        },
        mentors: if kind == CandidateKind::Mentor {
            points
        } else {
            0
        },
        psychologists: if kind == CandidateKind::Psychologist {
            points
        } else {
            0
        },
    };
    let data = synth::generate(seed, sizes);
    let (cands, caps) = data.of_kind(kind);
    let cands: Vec<CandidateProfile> = cands.to_vec();
    let caps: Vec<u32> = caps.to_vec();
    let base = cands.first().map_or(0, |c| c.id);
    let free = move |id: i64| {
        usize::try_from(id - base)
            .ok()
            .and_then(|i| caps.get(i).copied())
            .unwrap_or(0)
    };
    let t = Instant::now();
    let index = CandidateIndex::build(kind, cands.clone(), config, data.vocab.clone())?;
    let build_ms = t.elapsed().as_secs_f64() * 1e3;
    let tree2: RTree<[f64; 2]> = RTree::bulk_load(
        cands
            .iter()
            .map(|c| [c.location.lon(), c.location.lat()])
            .collect(),
    );
    let tree3: RTree<[f64; 3]> =
        RTree::bulk_load(cands.iter().map(|c| c.location.to_xyz()).collect());
    let clients: &[ClientProfile] = &data.clients;
    // Warm up caches and branch predictors.
    for c in clients.iter().take(200) {
        black_box(index.top_k(c, k, &free));
    }
    // Warm: each client is timed for every method back to back, each method `REPEAT`
    // times keeping the fastest run, so other processes on the machine disturb all
    // methods alike and a preempted run does not count; the data of that client's
    // neighbourhood is then in cache. Cold: one pass over all clients per method, so each
    // query finds the caches holding another client's neighbourhood; `REPEAT` passes,
    // keeping per client the fastest.
    const REPEAT: usize = 3;
    let methods: [&dyn Fn(&ClientProfile); 4] = [
        &|c| {
            black_box(index.top_k(c, k, &free));
        },
        &|c| {
            black_box(index.top_ids(c, k, &free));
        },
        &|c| {
            let p = [c.location.lon(), c.location.lat()];
            let v: Vec<&[f64; 2]> = tree2.nearest_neighbor_iter(&p).take(k).collect();
            black_box(v);
        },
        &|c| {
            let p = c.location.to_xyz();
            let v: Vec<&[f64; 3]> = tree3.nearest_neighbor_iter(&p).take(k).collect();
            black_box(v);
        },
    ];
    let mut warm = vec![Vec::with_capacity(clients.len()); methods.len()];
    for c in clients {
        for (m, f) in methods.iter().enumerate() {
            let mut fastest = f64::INFINITY;
            for _ in 0..REPEAT {
                let t = Instant::now();
                f(c);
                fastest = fastest.min(t.elapsed().as_secs_f64() * 1e6);
            }
            warm[m].push(fastest);
        }
    }
    let mut cold = vec![vec![f64::INFINITY; clients.len()]; methods.len()];
    for _ in 0..REPEAT {
        for (m, f) in methods.iter().enumerate() {
            for (i, c) in clients.iter().enumerate() {
                let t = Instant::now();
                f(c);
                cold[m][i] = cold[m][i].min(t.elapsed().as_secs_f64() * 1e6);
            }
        }
    }
    let returned: usize = clients
        .iter()
        .map(|c| index.top_ids(c, k, &free).len())
        .sum();
    let stats = |v: &Vec<Vec<f64>>, m: usize| Stats::of(v[m].clone());
    Ok(TopKBench {
        kind,
        points,
        k,
        cold: [
            stats(&cold, 0),
            stats(&cold, 1),
            stats(&cold, 2),
            stats(&cold, 3),
        ],
        warm: [
            stats(&warm, 0),
            stats(&warm, 1),
            stats(&warm, 2),
            stats(&warm, 3),
        ],
        mean_returned: returned as f64 / clients.len().max(1) as f64,
        build_ms,
    })
}

/// Memory of the in-memory indexes for the national data set.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MemoryReport {
    /// (kind, candidates, bytes of the index, bytes per candidate).
    pub per_kind: Vec<(CandidateKind, usize, usize, f64)>,
    /// Total bytes of all three indexes.
    pub total_bytes: usize,
    /// Size of one `ClientProfile` value without heap parts, for batch sizing.
    pub client_profile_bytes: usize,
    /// Size of one `CandidateProfile` value.
    pub candidate_profile_bytes: usize,
}

/// Builds the three indexes of the national data set (without clients) and reports
/// their approximate memory.
pub fn memory_report(seed: u64) -> Result<MemoryReport, IndexError> {
    let sizes = Sizes {
        clients: 0,
        ..Sizes::NATIONAL
    };
    let data = synth::generate(seed, sizes);
    let mut per_kind = Vec::new();
    let mut total = 0;
    for kind in [
        CandidateKind::Site,
        CandidateKind::Mentor,
        CandidateKind::Psychologist,
    ] {
        let (cands, _) = data.of_kind(kind);
        let index = CandidateIndex::build(
            kind,
            cands.to_vec(),
            MatchConfig::default(),
            data.vocab.clone(),
        )?;
        let bytes = index.memory_bytes();
        total += bytes;
        per_kind.push((
            kind,
            cands.len(),
            bytes,
            bytes as f64 / cands.len().max(1) as f64,
        ));
    }
    Ok(MemoryReport {
        per_kind,
        total_bytes: total,
        client_profile_bytes: std::mem::size_of::<ClientProfile>(),
        candidate_profile_bytes: std::mem::size_of::<CandidateProfile>(),
    })
}
