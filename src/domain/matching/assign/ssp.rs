//! Successive shortest paths on a bipartite transportation network, with Dijkstra on
//! reduced costs.
//!
//! Network: source node `s` (supply `supply[s]`) → target `t` (pair cost, capacity 1
//! per pair) → sink (capacity `cap[t]`, cost 0), plus `s` → sink (cost `BIG`, capacity
//! `supply[s]`: "unassigned"). Units are routed one at a time along a shortest path in
//! the residual network; a path may move earlier units between targets (reverse arcs) or
//! push one out to "unassigned". Potentials keep every residual reduced cost
//! non-negative, so Dijkstra is exact; each search stops when the sink is settled, and
//! only settled nodes' potentials move (by `d(v) − d(sink)`), which keeps every reduced
//! cost non-negative. The sink's potential stays 0.
//!
//! Either side of the assignment can be the source side: routing from the side with
//! fewer units keeps searches short, because most searches then find a free target
//! nearby, and only units that end up unassigned must explore their whole neighbourhood.
//! [`solve`] picks the side; both give the same (optimal) cost.

// Index loops over parallel arrays read more clearly than zipped iterators here.
#![allow(clippy::needless_range_loop)]

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::{Assignment, SparseProblem};

const INF: i64 = i64::MAX / 4;

/// A solution with its dual certificate: for every pair (i, j) of the instance,
/// `c_ij ≥ client_u[i] + site_v[j]`, with equality on assigned pairs.
#[derive(Debug, Clone)]
pub(super) struct Solved {
    pub assignment: Assignment,
    pub client_u: Vec<i64>,
    pub site_v: Vec<i64>,
}

/// Solves a sparse instance exactly (see the module docs of [`super`]).
pub fn solve_sparse(p: &SparseProblem) -> Assignment {
    solve(p).assignment
}

/// A network in source-major CSR form.
struct Network {
    supply: Vec<u32>,
    cap: Vec<u32>,
    start: Vec<u32>,
    head: Vec<u32>,
    cost: Vec<i64>,
    big: i64,
}

pub(super) fn solve(p: &SparseProblem) -> Solved {
    let places: u64 = p.capacities.iter().map(|c| u64::from(*c)).sum();
    if places < p.clients() as u64 {
        solve_from_sites(p)
    } else {
        solve_from_clients(p)
    }
}

/// Clients are the sources.
pub(super) fn solve_from_clients(p: &SparseProblem) -> Solved {
    let net = Network {
        supply: vec![1; p.clients()],
        cap: p.capacities.clone(),
        start: p.start.clone(),
        head: p.site.clone(),
        cost: p.cost.clone(),
        big: p.big(),
    };
    let (flow, pi_src, pi_dst) = route(&net);
    let mut assigned = vec![None; p.clients()];
    let (mut total, mut count) = (0, 0);
    for i in 0..p.clients() {
        for a in net.start[i] as usize..net.start[i + 1] as usize {
            if flow[a] {
                assigned[i] = Some(net.head[a] as usize);
                total += net.cost[a];
                count += 1;
            }
        }
    }
    Solved {
        assignment: Assignment {
            assigned,
            total_cost: total,
            assigned_count: count,
        },
        client_u: pi_src.iter().map(|x| -x).collect(),
        site_v: pi_dst,
    }
}

/// Sites are the sources (each with its capacity as supply).
pub(super) fn solve_from_sites(p: &SparseProblem) -> Solved {
    let m = p.capacities.len();
    let mut start = vec![0u32; m + 1];
    for &j in &p.site {
        start[j as usize + 1] += 1;
    }
    for j in 0..m {
        start[j + 1] += start[j];
    }
    let mut next = start.clone();
    let mut head = vec![0u32; p.site.len()];
    let mut cost = vec![0i64; p.site.len()];
    for i in 0..p.clients() {
        for a in p.start[i] as usize..p.start[i + 1] as usize {
            let j = p.site[a] as usize;
            let at = next[j] as usize;
            head[at] = i as u32;
            cost[at] = p.cost[a];
            next[j] += 1;
        }
    }
    let places: i64 = p.capacities.iter().map(|c| i64::from(*c)).sum();
    let net = Network {
        supply: p.capacities.clone(),
        cap: vec![1; p.clients()],
        start,
        head,
        cost,
        big: (p.max_cost() + 1) * (places + 1),
    };
    let (flow, pi_src, pi_dst) = route(&net);
    let mut assigned = vec![None; p.clients()];
    let (mut total, mut count) = (0, 0);
    for j in 0..m {
        for a in net.start[j] as usize..net.start[j + 1] as usize {
            if flow[a] {
                assigned[net.head[a] as usize] = Some(j);
                total += net.cost[a];
                count += 1;
            }
        }
    }
    Solved {
        assignment: Assignment {
            assigned,
            total_cost: total,
            assigned_count: count,
        },
        client_u: pi_dst,
        site_v: pi_src.iter().map(|x| -x).collect(),
    }
}

/// Where a node was reached from.
#[derive(Clone, Copy)]
enum Pred {
    None,
    /// Target reached from its source over pair `a`.
    Forward(u32),
    /// Source reached from a target over the reverse of pair `a`.
    Backward(u32),
    /// Sink reached from a target with room.
    TargetToSink(u32),
    /// Sink reached over a source's "unassigned" arc.
    SourceToSink(u32),
}

/// Routes every unit; returns the flow per pair and the potentials of sources and
/// targets (the sink's is 0).
fn route(net: &Network) -> (Vec<bool>, Vec<i64>, Vec<i64>) {
    let n = net.supply.len();
    let m = net.cap.len();
    let sink = (n + m) as u32;
    let tail: Vec<u32> = (0..n)
        .flat_map(|s| std::iter::repeat_n(s as u32, (net.start[s + 1] - net.start[s]) as usize))
        .collect();
    let mut pi = vec![0i64; n + m + 1];
    let mut flow = vec![false; net.head.len()];
    let mut unassigned = vec![0u32; n];
    let mut load = vec![0u32; m];
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); m];
    let mut dist = vec![INF; n + m + 1];
    let mut pred = vec![Pred::None; n + m + 1];
    let mut done = vec![false; n + m + 1];
    let mut touched: Vec<u32> = Vec::new();
    let mut settled: Vec<u32> = Vec::new();
    let mut heap: BinaryHeap<Reverse<(i64, u32)>> = BinaryHeap::new();
    for s in 0..n {
        for _ in 0..net.supply[s] {
            heap.clear();
            dist[s] = 0;
            touched.push(s as u32);
            heap.push(Reverse((0, s as u32)));
            let mut reached = INF;
            while let Some(Reverse((d, v))) = heap.pop() {
                let vu = v as usize;
                if done[vu] || d > dist[vu] {
                    continue;
                }
                done[vu] = true;
                settled.push(v);
                if v == sink {
                    reached = d;
                    break;
                }
                let mut relax =
                    |to: u32, nd: i64, how: Pred, heap: &mut BinaryHeap<Reverse<(i64, u32)>>| {
                        let t = to as usize;
                        if nd < dist[t] && !done[t] {
                            if dist[t] == INF {
                                touched.push(to);
                            }
                            dist[t] = nd;
                            pred[t] = how;
                            heap.push(Reverse((nd, to)));
                        }
                    };
                if vu < n {
                    for a in net.start[vu]..net.start[vu + 1] {
                        if flow[a as usize] {
                            continue;
                        }
                        let node = n as u32 + net.head[a as usize];
                        let rc = net.cost[a as usize] + pi[vu] - pi[node as usize];
                        relax(node, d + rc, Pred::Forward(a), &mut heap);
                    }
                    if unassigned[vu] < net.supply[vu] {
                        let rc = net.big + pi[vu] - pi[sink as usize];
                        relax(sink, d + rc, Pred::SourceToSink(v), &mut heap);
                    }
                } else {
                    let j = vu - n;
                    if load[j] < net.cap[j] {
                        let rc = pi[vu] - pi[sink as usize];
                        relax(sink, d + rc, Pred::TargetToSink(j as u32), &mut heap);
                    }
                    for &a in &members[j] {
                        let src = tail[a as usize];
                        let rc = -net.cost[a as usize] + pi[vu] - pi[src as usize];
                        relax(src, d + rc, Pred::Backward(a), &mut heap);
                    }
                }
            }
            for &v in &settled {
                pi[v as usize] += dist[v as usize] - reached;
            }
            // Apply the path, walking back from the sink.
            let mut at = pred[sink as usize];
            loop {
                match at {
                    Pred::TargetToSink(j) => {
                        load[j as usize] += 1;
                        at = pred[n + j as usize];
                    }
                    Pred::SourceToSink(src) => {
                        unassigned[src as usize] += 1;
                        at = pred[src as usize];
                    }
                    Pred::Forward(a) => {
                        flow[a as usize] = true;
                        members[net.head[a as usize] as usize].push(a);
                        at = pred[tail[a as usize] as usize];
                    }
                    Pred::Backward(a) => {
                        flow[a as usize] = false;
                        let j = net.head[a as usize] as usize;
                        if let Some(k) = members[j].iter().position(|x| *x == a) {
                            members[j].swap_remove(k);
                        }
                        at = pred[n + j];
                    }
                    Pred::None => break,
                }
            }
            for &v in &touched {
                dist[v as usize] = INF;
                pred[v as usize] = Pred::None;
                done[v as usize] = false;
            }
            touched.clear();
            settled.clear();
        }
    }
    let pi_src = pi[..n].to_vec();
    let pi_dst = pi[n..n + m].to_vec();
    (flow, pi_src, pi_dst)
}
