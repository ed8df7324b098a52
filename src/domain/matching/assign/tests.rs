use proptest::prelude::*;

use super::super::filter::pair_cost;
use super::super::index::CandidateIndex;
use super::super::profile::CandidateKind;
use super::super::score::MatchConfig;
use super::super::synth::small;
use super::*;

/// Random sparse instance: up to `n` clients, `m` candidates, capacities 0..=3, each pair
/// present with probability 1/2, costs 0..=20 (many ties).
fn instance(n: usize, m: usize) -> impl Strategy<Value = SparseProblem> {
    (0..=n, 0..=m).prop_flat_map(|(n, m)| {
        (
            prop::collection::vec(0u32..=3, m),
            prop::collection::vec(prop::option::weighted(0.5, 0i64..=20), n * m),
        )
            .prop_map(move |(caps, costs)| {
                let pairs: Vec<(usize, usize, i64)> = costs
                    .iter()
                    .enumerate()
                    .filter_map(|(k, c)| c.map(|c| (k / m.max(1), k % m.max(1), c)))
                    .collect();
                SparseProblem::new(n, caps, &pairs).unwrap()
            })
    })
}

/// The dual certificate on every pair: `c_ij ≥ u_i + v_j` on pairs without flow and
/// `c_ij ≤ u_i + v_j` on assigned pairs (complementary slackness for capacity-1 arcs).
fn certificate_holds(p: &SparseProblem, s: &ssp::Solved) -> bool {
    (0..p.clients()).all(|i| {
        p.pairs_of(i).all(|(j, c)| {
            let slack = c - s.client_u[i] - s.site_v[j];
            if s.assignment.assigned[i] == Some(j) {
                slack <= 0
            } else {
                slack >= 0
            }
        })
    })
}

fn expanded_dense(p: &SparseProblem) -> (usize, Vec<usize>, Vec<i64>) {
    let mut col_of = Vec::new();
    for (j, &cap) in p.capacities().iter().enumerate() {
        col_of.extend(std::iter::repeat_n(j, cap as usize));
    }
    let cols = col_of.len();
    let mut cost = vec![NO_PAIR; p.clients() * cols];
    for i in 0..p.clients() {
        for (j, c) in p.pairs_of(i) {
            for (col, &site) in col_of.iter().enumerate() {
                if site == j {
                    let e = &mut cost[i * cols + col];
                    *e = if *e < 0 { c } else { (*e).min(c) };
                }
            }
        }
    }
    (cols, col_of, cost)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn solvers_agree_on_small_instances(p in instance(7, 5)) {
        let fast = ssp::solve_from_clients(&p);
        let other = ssp::solve_from_sites(&p);
        let slow = reference::solve(&p);
        prop_assert_eq!(fast.assignment.check(&p), Ok(fast.assignment.total_cost));
        prop_assert_eq!(other.assignment.check(&p), Ok(other.assignment.total_cost));
        prop_assert!(certificate_holds(&p, &other));
        prop_assert_eq!(slow.check(&p), Ok(slow.total_cost));
        let brute = reference::brute_force(&p);
        prop_assert_eq!((slow.assigned_count, slow.total_cost), brute);
        prop_assert_eq!((fast.assignment.assigned_count, fast.assignment.total_cost), brute);
        prop_assert_eq!((other.assignment.assigned_count, other.assignment.total_cost), brute);
        prop_assert!(certificate_holds(&p, &fast));
        let (cols, col_of, dense) = expanded_dense(&p);
        let d = solve_dense(p.clients(), cols, &dense).unwrap();
        prop_assert_eq!((d.assigned_count, d.total_cost), brute);
        let mapped = Assignment {
            assigned: d.assigned.iter().map(|c| c.map(|c| col_of[c])).collect(),
            ..d
        };
        prop_assert!(mapped.check(&p).is_ok());
    }

    #[test]
    fn sparse_matches_reference_on_larger_instances(p in instance(40, 15)) {
        let slow = reference::solve(&p);
        for fast in [ssp::solve_from_clients(&p), ssp::solve_from_sites(&p)] {
            prop_assert_eq!((fast.assignment.assigned_count, fast.assignment.total_cost), (slow.assigned_count, slow.total_cost));
            prop_assert!(certificate_holds(&p, &fast));
        }
    }

    #[test]
    fn dense_matches_reference(n in 1usize..30, m in 1usize..30, seed in prop::collection::vec(0i64..1000, 900), holes in 0usize..4) {
        let cost: Vec<i64> = (0..n * m).map(|k| if holes > 0 && seed[k] % 7 < holes as i64 { NO_PAIR } else { seed[k] % (50 + m as i64) }).collect();
        let pairs: Vec<(usize, usize, i64)> = (0..n * m).filter(|k| cost[*k] >= 0).map(|k| (k / m, k % m, cost[k])).collect();
        let p = SparseProblem::new(n, vec![1; m], &pairs).unwrap();
        let d = solve_dense(n, m, &cost).unwrap();
        let r = reference::solve(&p);
        prop_assert_eq!((d.assigned_count, d.total_cost), (r.assigned_count, r.total_cost));
        prop_assert!(d.check(&p).is_ok());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn batch_is_optimal_over_all_feasible_pairs(seed in 0u64..1_000_000, kind in 0usize..2, n in 1usize..60, m in 1usize..40, k0 in 1usize..4) {
        let kind = [CandidateKind::Site, CandidateKind::Mentor][kind];
        let data = small(seed, n, m, kind);
        let cfg = MatchConfig::default();
        let index = CandidateIndex::build(kind, data.candidates.clone(), cfg, data.vocab.clone()).unwrap();
        let cap_of = |id: i64| data.candidates.iter().position(|c| c.id == id).map_or(0, |k| data.capacity[k]);
        let mut pairs = Vec::new();
        for (i, c) in data.clients.iter().enumerate() {
            for (j, s) in data.candidates.iter().enumerate() {
                if let Some(cost) = pair_cost(c, s, &cfg) {
                    pairs.push((i, j, cost));
                }
            }
        }
        let p = SparseProblem::new(n, data.capacity.clone(), &pairs).unwrap();
        let want = reference::solve(&p);
        let got = assign_batch(&index, &data.clients, cap_of, &BatchOptions { initial_candidates: k0, max_rounds: 1000, pricing_margin: [0, 20_000, 1_000_000][k0 % 3], threads: 1 + k0 % 2 });
        prop_assert!(got.proven_optimal);
        prop_assert_eq!((got.assigned_count, got.total_cost), (want.assigned_count, want.total_cost));
        // The assignment itself is feasible with the reported costs.
        let mut load = vec![0u32; m];
        for (i, a) in got.assigned.iter().enumerate() {
            if let Some(id) = a {
                let j = data.candidates.iter().position(|c| c.id == *id).unwrap();
                load[j] += 1;
                prop_assert!(load[j] <= data.capacity[j]);
                prop_assert_eq!(pair_cost(&data.clients[i], &data.candidates[j], &cfg), got.costs[i]);
            }
        }
    }
}

#[test]
fn rejects_bad_input() {
    assert_eq!(
        SparseProblem::new(1, vec![1], &[(1, 0, 1)]),
        Err(AssignError::UnknownClient { client: 1 })
    );
    assert_eq!(
        SparseProblem::new(1, vec![1], &[(0, 1, 1)]),
        Err(AssignError::UnknownCandidate { candidate: 1 })
    );
    assert_eq!(
        SparseProblem::new(1, vec![1], &[(0, 0, -1)]),
        Err(AssignError::CostOutOfRange { cost: -1 })
    );
    assert_eq!(
        solve_dense(2, 2, &[1, 2, 3]),
        Err(AssignError::WrongMatrixSize)
    );
    assert_eq!(
        solve_dense(1, 1, &[MAX_COST + 1]),
        Err(AssignError::CostOutOfRange { cost: MAX_COST + 1 })
    );
    let empty = SparseProblem::new(0, vec![], &[]).unwrap();
    assert_eq!(solve_sparse(&empty).assigned_count, 0);
    assert_eq!(solve_dense(0, 0, &[]).unwrap().assigned_count, 0);
}

#[test]
fn more_assigned_beats_cheaper() {
    // Client 0 can take A (cost 0) or B (cost 100); client 1 only A. Optimum: 0→B, 1→A.
    let p = SparseProblem::new(2, vec![1, 1], &[(0, 0, 0), (0, 1, 100), (1, 0, 50)]).unwrap();
    let a = solve_sparse(&p);
    assert_eq!(a.assigned, vec![Some(1), Some(0)]);
    assert_eq!(a.total_cost, 150);
    let d = solve_dense(2, 2, &[0, 100, 50, NO_PAIR]).unwrap();
    assert_eq!(d.assigned, vec![Some(1), Some(0)]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn canonical_duals_certify_optimal_assignments(p in instance(30, 12)) {
        let s = ssp::solve(&p);
        let d = duals::canonical(&p, &s.assignment);
        prop_assert!(d.is_some());
    }
}
