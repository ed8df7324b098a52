//! Canonical dual values for an optimal assignment, for pricing.
//!
//! For the transportation problem "assign each client at most once, candidate `j` at most
//! `cap_j` times, unassigned costs `BIG`", the linear-programming dual has a value `u_i`
//! per client and `v_j` per candidate. The primal assignment is optimal over a set of
//! pairs iff the duals satisfy:
//!
//! * `u_i + v_j ≤ c_ij` for every pair, with equality on assigned pairs;
//! * `u_i ≤ BIG`, with equality for unassigned clients;
//! * `v_j ≤ 0`, with equality for candidates with a free place.
//!
//! [`canonical`] computes the smallest congestion prices `p_j = −v_j ≥ 0` that satisfy
//! these conditions, by label-correcting (a longest-path fixpoint): a candidate's price
//! must cover every unassigned client that lists it (`p_j ≥ BIG − c_ij`) and every
//! assigned client that would rather move to it (`p_j ≥ p_a + c_ia − c_ij` for a client
//! assigned to `a`); then `u_i = c_ia + p_a` for assigned clients and `BIG` for the others.
//! It checks every condition before returning. With these duals `u_i` is the client's
//! assigned cost plus its candidate's price, so pricing can skip every client whose
//! cheapest unlisted pair already costs at least `u_i`.

// Index loops over parallel arrays read more clearly than zipped iterators here.
#![allow(clippy::needless_range_loop)]

use std::collections::VecDeque;

use super::{Assignment, SparseProblem};

/// Dual values `(u, v)` for `a`, or `None` if `a` is not optimal over `p`'s pairs (or
/// the search exceeds its work budget).
pub(super) fn canonical(p: &SparseProblem, a: &Assignment) -> Option<(Vec<i64>, Vec<i64>)> {
    let n = p.clients();
    let m = p.capacities.len();
    let big = p.big();
    let mut load = vec![0u32; m];
    let mut assigned_cost = vec![0i64; n];
    let mut members_start = vec![0u32; m + 1];
    for i in 0..n {
        if let Some(j) = a.assigned[i] {
            load[j] += 1;
            members_start[j + 1] += 1;
            assigned_cost[i] = p
                .pairs_of(i)
                .filter(|(s, _)| *s == j)
                .map(|(_, c)| c)
                .min()?;
        }
    }
    for j in 0..m {
        members_start[j + 1] += members_start[j];
    }
    let mut next = members_start.clone();
    let mut members = vec![0u32; members_start[m] as usize];
    for i in 0..n {
        if let Some(j) = a.assigned[i] {
            members[next[j] as usize] = i as u32;
            next[j] += 1;
        }
    }
    let mut price = vec![0i64; m];
    let mut queued = vec![false; m];
    let mut queue = VecDeque::new();
    let raise =
        |j: usize, to: i64, price: &mut [i64], queued: &mut [bool], queue: &mut VecDeque<usize>| {
            if to > price[j] {
                price[j] = to;
                if !queued[j] {
                    queued[j] = true;
                    queue.push_back(j);
                }
            }
        };
    for j in 0..m {
        if load[j] > 0 {
            queued[j] = true;
            queue.push_back(j);
        }
    }
    for i in 0..n {
        if a.assigned[i].is_none() {
            for (j, c) in p.pairs_of(i) {
                raise(j, big - c, &mut price, &mut queued, &mut queue);
            }
        }
    }
    let budget = 50 * (n + m + p.pairs() + 1);
    let mut work = 0usize;
    while let Some(x) = queue.pop_front() {
        queued[x] = false;
        if price[x] > 0 && load[x] < p.capacities[x] {
            return None; // a candidate with a free place would need a positive price
        }
        for &i in &members[members_start[x] as usize..members_start[x + 1] as usize] {
            let iu = i as usize;
            let base = price[x] + assigned_cost[iu];
            for (j, c) in p.pairs_of(iu) {
                work += 1;
                if j != x {
                    raise(j, base - c, &mut price, &mut queued, &mut queue);
                }
            }
        }
        if work > budget {
            return None;
        }
    }
    let u: Vec<i64> = (0..n)
        .map(|i| match a.assigned[i] {
            Some(j) => assigned_cost[i] + price[j],
            None => big,
        })
        .collect();
    let v: Vec<i64> = price.iter().map(|x| -x).collect();
    // Check every optimality condition; any failure means we cannot certify.
    for i in 0..n {
        if u[i] > big {
            return None;
        }
        for (j, c) in p.pairs_of(i) {
            if u[i] + v[j] > c {
                return None;
            }
        }
    }
    for j in 0..m {
        if v[j] > 0 || (load[j] < p.capacities[j] && v[j] != 0) {
            return None;
        }
    }
    Some((u, v))
}
