//! `korpu bench engine`: runs the engine benchmarks of `domain::matching::bench` and prints
//! them.

use crate::domain::matching::CandidateKind;
use crate::domain::matching::bench::{self, FullCheck};
use crate::domain::matching::synth;

use super::bench::EngineArgs;

fn wanted(args: &EngineArgs, part: &str) -> bool {
    args.only.is_empty() || args.only.iter().any(|p| p == part)
}

/// Writes the points of the top-k comparison (the same seed and sizes give the same points)
/// as `candidates.csv` and `clients.csv` in `dir`.
fn write_points(args: &EngineArgs, dir: &std::path::Path) -> anyhow::Result<()> {
    use std::io::Write;
    let data = synth::generate(
        args.seed,
        synth::Sizes {
            clients: args.queries,
            sites: args.points,
            mentors: 0,
            psychologists: 0,
        },
    );
    std::fs::create_dir_all(dir)?;
    let points = data
        .sites
        .iter()
        .map(|s| (s.id, s.location))
        .collect::<Vec<_>>();
    let clients = data
        .clients
        .iter()
        .map(|c| (c.id, c.location))
        .collect::<Vec<_>>();
    for (name, rows) in [("candidates.csv", points), ("clients.csv", clients)] {
        let mut f = std::io::BufWriter::new(std::fs::File::create(dir.join(name))?);
        for (id, p) in rows {
            writeln!(f, "{id},{},{}", p.lon(), p.lat())?;
        }
        f.flush()?;
    }
    println!("points written to {}", dir.display());
    Ok(())
}

/// Runs the chosen parts and prints each result as it comes.
pub fn run(args: &EngineArgs) -> anyhow::Result<()> {
    if let Some(dir) = &args.write_points {
        write_points(args, dir)?;
    }
    let mut all = serde_json::Map::new();
    if wanted(args, "topk") {
        let r = bench::top_k_bench(
            args.seed,
            CandidateKind::Site,
            args.points,
            args.queries,
            10,
        )
        .map_err(|e| anyhow::anyhow!("index: {e:?}"))?;
        if !args.json {
            println!(
                "top-k: 10 best of {} sites, {} clients, index built in {:.0} ms, {:.1} returned on average",
                r.points, args.queries, r.build_ms, r.mean_returned
            );
            for (label, s) in [("warm", &r.warm), ("cold", &r.cold)] {
                println!(
                    "  {label}: top_k {:.1} µs (p99 {:.1}), top_ids {:.1} µs, rstar 2-D {:.1} µs, rstar 3-D {:.1} µs; top_k / rstar 2-D = {:.1}×",
                    s[0].median_us,
                    s[0].p99_us,
                    s[1].median_us,
                    s[2].median_us,
                    s[3].median_us,
                    s[0].median_us / s[2].median_us.max(1e-9)
                );
            }
        }
        all.insert("topk".into(), serde_json::to_value(&r)?);
    }
    if wanted(args, "dense") {
        let r = bench::dense_bench(args.seed, args.dense, 3, args.write_matrix.as_deref())?;
        if !args.json {
            println!(
                "dense {n}×{n}: costs {:.2} s, LAPJV {:.3} s (runs {:?}), sparse solver {:.2} s, same optimum: {}, total cost {}",
                r.costs_s,
                r.lapjv_s,
                r.lapjv_runs_s,
                r.sparse_s,
                r.agrees_with_sparse,
                r.total_cost,
                n = r.n
            );
            if let Some(path) = &args.write_matrix {
                println!(
                    "  matrix written to {}; time scipy with: python3 tools/bench/lsa.py {} {}",
                    path.display(),
                    path.display(),
                    r.n
                );
            }
        }
        all.insert("dense".into(), serde_json::to_value(&r)?);
    }
    if wanted(args, "batch") {
        let r = bench::batch_bench(
            args.seed,
            args.batch_clients,
            args.batch_sites,
            false,
            FullCheck::None,
        )
        .map_err(|e| anyhow::anyhow!("index: {e:?}"))?;
        if !args.json {
            println!(
                "batch {} clients × {} sites ({} places): {:.2} s (index {:.2} s; search {:.2} s, solve {:.2} s, pricing {:.2} s), {} rounds, {} pairs listed, {} assigned, total cost {}, proven optimal by the duals: {}",
                r.clients,
                r.sites,
                r.places,
                r.solve_s,
                r.build_s,
                r.timings.initial_search_s,
                r.timings.solve_s,
                r.timings.pricing_s,
                r.rounds,
                r.pairs_listed,
                r.assigned,
                r.total_cost,
                r.proven_optimal
            );
        }
        all.insert("batch".into(), serde_json::to_value(&r)?);
    }
    if wanted(args, "memory") {
        let r = bench::memory_report(args.seed).map_err(|e| anyhow::anyhow!("index: {e:?}"))?;
        if !args.json {
            for (kind, n, bytes, per) in &r.per_kind {
                println!(
                    "memory {kind:?}: {n} candidates, {:.1} MB ({per:.0} B each)",
                    *bytes as f64 / 1e6
                );
            }
            println!("memory total: {:.1} MB", r.total_bytes as f64 / 1e6);
        }
        all.insert("memory".into(), serde_json::to_value(&r)?);
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&all)?);
    }
    Ok(())
}
