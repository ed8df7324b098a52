//! A deliberately simple exact solver for tests: min-cost flow by successive shortest
//! paths found with Bellman–Ford on an explicit residual graph (no potentials, no
//! early stops). Slow (O(clients · nodes · arcs)); use it on small instances only.

use super::{Assignment, SparseProblem};

struct Arc {
    to: usize,
    cap: i64,
    cost: i64,
}

/// Solves `p` exactly with the same objective as [`super::solve_sparse`].
pub fn solve(p: &SparseProblem) -> Assignment {
    let n = p.clients();
    let m = p.capacities().len();
    let big = p.big();
    let (src, sink) = (n + m, n + m + 1);
    let nodes = n + m + 2;
    let mut arcs: Vec<Arc> = Vec::new();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); nodes];
    let add = |arcs: &mut Vec<Arc>,
               out: &mut Vec<Vec<usize>>,
               a: usize,
               b: usize,
               cap: i64,
               cost: i64| {
        out[a].push(arcs.len());
        arcs.push(Arc { to: b, cap, cost });
        out[b].push(arcs.len());
        arcs.push(Arc {
            to: a,
            cap: 0,
            cost: -cost,
        });
    };
    let mut pair_arcs = Vec::new();
    for i in 0..n {
        add(&mut arcs, &mut out, src, i, 1, 0);
        add(&mut arcs, &mut out, i, sink, 1, big);
        for (j, c) in p.pairs_of(i) {
            pair_arcs.push((i, j, c, arcs.len()));
            add(&mut arcs, &mut out, i, n + j, 1, c);
        }
    }
    for (j, &cap) in p.capacities().iter().enumerate() {
        add(&mut arcs, &mut out, n + j, sink, i64::from(cap), 0);
    }
    loop {
        let mut dist = vec![i64::MAX; nodes];
        let mut via = vec![usize::MAX; nodes];
        dist[src] = 0;
        for _ in 0..nodes {
            let mut changed = false;
            for u in 0..nodes {
                if dist[u] == i64::MAX {
                    continue;
                }
                for &a in &out[u] {
                    let arc = &arcs[a];
                    if arc.cap > 0 && dist[u] + arc.cost < dist[arc.to] {
                        dist[arc.to] = dist[u] + arc.cost;
                        via[arc.to] = a;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        if dist[sink] == i64::MAX {
            break;
        }
        let mut v = sink;
        while v != src {
            let a = via[v];
            arcs[a].cap -= 1;
            arcs[a ^ 1].cap += 1;
            v = arcs[a ^ 1].to;
        }
    }
    let mut assigned = vec![None; n];
    let mut total = 0;
    let mut count = 0;
    for (i, j, c, a) in pair_arcs {
        if arcs[a].cap == 0 && assigned[i].is_none() {
            assigned[i] = Some(j);
            total += c;
            count += 1;
        }
    }
    Assignment {
        assigned,
        total_cost: total,
        assigned_count: count,
    }
}

/// Exhaustive search over every assignment (tiny instances only: each client tries
/// every pair and "unassigned"). Returns `(assigned count, total cost)` of the best.
pub fn brute_force(p: &SparseProblem) -> (usize, i64) {
    fn go(
        p: &SparseProblem,
        i: usize,
        load: &mut [u32],
        count: usize,
        cost: i64,
        best: &mut (usize, i64),
    ) {
        if i == p.clients() {
            if count > best.0 || (count == best.0 && cost < best.1) {
                *best = (count, cost);
            }
            return;
        }
        go(p, i + 1, load, count, cost, best);
        let pairs: Vec<(usize, i64)> = p.pairs_of(i).collect();
        for (j, c) in pairs {
            if load[j] < p.capacities()[j] {
                load[j] += 1;
                go(p, i + 1, load, count + 1, cost + c, best);
                load[j] -= 1;
            }
        }
    }
    let mut best = (0, 0);
    go(p, 0, &mut vec![0; p.capacities().len()], 0, 0, &mut best);
    best
}
