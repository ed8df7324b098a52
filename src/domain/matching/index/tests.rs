use proptest::prelude::*;

use super::super::filter::evaluate;
use super::super::location::LatLon;
use super::super::profile::{CandidateKind, CandidateProfile};
use super::super::score::{MatchConfig, Reason};
use super::super::synth::small;
use super::super::testutil::{candidate_at, client_at, vocab};
use super::*;

/// The reference: evaluate every candidate, sort by the ranking order, keep k.
fn brute_force(
    cands: &[CandidateProfile],
    client: &ClientProfile,
    k: usize,
    free: &dyn Fn(i64) -> u32,
    cfg: &MatchConfig,
    v: &Vocabularies,
) -> Vec<(i64, f64)> {
    let mut hits: Vec<Hit> = cands
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let f = evaluate(client, c, free(c.id), cfg, v).ok()?;
            Some(Hit {
                pos: i as u32,
                id: c.id,
                score: f.score,
                distance_m: f.distance_m,
            })
        })
        .collect();
    hits.sort_by(|a, b| {
        if a.better_than(b) {
            Ordering::Less
        } else if b.better_than(a) {
            Ordering::Greater
        } else {
            Ordering::Equal
        }
    });
    hits.truncate(k);
    hits.iter().map(|h| (h.id, h.score)).collect()
}

#[test]
fn nearest_wins_when_all_else_equal() {
    let v = vocab();
    let cands = vec![
        candidate_at(10, CandidateKind::Site, 40.50, 49.80),
        candidate_at(11, CandidateKind::Site, 40.41, 49.80),
        candidate_at(12, CandidateKind::Site, 40.45, 49.80),
        candidate_at(13, CandidateKind::Site, 41.50, 49.80),
    ];
    let idx = CandidateIndex::build(CandidateKind::Site, cands, MatchConfig::default(), v).unwrap();
    let cl = client_at(40.40, 49.80);
    let got: Vec<i64> = idx
        .top_k(&cl, 10, |_| 1)
        .iter()
        .map(|s| s.candidate_id)
        .collect();
    assert_eq!(got, vec![11, 12, 10]);
    let got: Vec<i64> = idx
        .top_k(&cl, 10, |id| u32::from(id != 11))
        .iter()
        .map(|s| s.candidate_id)
        .collect();
    assert_eq!(got, vec![12, 10]);
    assert_eq!(
        idx.explain(&cl, 11, 0).unwrap_err(),
        vec![Exclusion::NoCapacity]
    );
    assert!(matches!(
        idx.explain(&cl, 13, 1).unwrap_err()[..],
        [Exclusion::TooFar { .. }]
    ));
    assert_eq!(
        idx.explain(&cl, 99, 1).unwrap_err(),
        vec![Exclusion::UnknownCandidate]
    );
    assert_eq!(idx.explain(&cl, 12, 1).unwrap().candidate_id, 12);
    assert_eq!(idx.top_k(&cl, usize::MAX, |_| 1).len(), 3);
}

#[test]
fn continuity_is_found_even_when_far() {
    let v = vocab();
    let mut cands: Vec<CandidateProfile> = (0..200)
        .map(|i| candidate_at(i, CandidateKind::Mentor, 40.40 + 0.0005 * i as f64, 49.80))
        .collect();
    cands.push(candidate_at(999, CandidateKind::Mentor, 40.43, 49.80));
    let idx =
        CandidateIndex::build(CandidateKind::Mentor, cands, MatchConfig::default(), v).unwrap();
    let mut cl = client_at(40.40, 49.80);
    cl.previous_helpers = vec![999];
    let top = idx.top_k(&cl, 3, |_| 1);
    assert_eq!(top[0].candidate_id, 999);
    assert!(top[0].reasons.contains(&Reason::Continuity));
    assert_eq!(top[1].candidate_id, 0);
    let top = idx.top_k(&cl, 3, |id| u32::from(id != 999));
    assert_eq!(top[0].candidate_id, 0);
}

#[test]
fn build_errors() {
    let v = vocab();
    let a = candidate_at(1, CandidateKind::Site, 40.0, 49.0);
    assert_eq!(
        CandidateIndex::build(
            CandidateKind::Site,
            vec![a.clone(), a.clone()],
            MatchConfig::default(),
            v.clone()
        )
        .err(),
        Some(IndexError::DuplicateId { id: 1 })
    );
    assert_eq!(
        CandidateIndex::build(
            CandidateKind::Mentor,
            vec![a],
            MatchConfig::default(),
            v.clone()
        )
        .err(),
        Some(IndexError::WrongKind { id: 1 })
    );
    let bad = MatchConfig {
        travel: super::super::profile::TravelLimits {
            driving_km: f64::NAN,
            no_driving_km: 10.0,
        },
        ..MatchConfig::default()
    };
    assert_eq!(
        CandidateIndex::build(CandidateKind::Site, vec![], bad, v.clone()).err(),
        Some(IndexError::InvalidTravelLimits)
    );
    let empty =
        CandidateIndex::build(CandidateKind::Mentor, vec![], MatchConfig::default(), v).unwrap();
    assert!(empty.top_k(&client_at(40.0, 49.0), 5, |_| 1).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn top_k_equals_brute_force(seed in 0u64..1_000_000, kind in 0usize..3, n in 0usize..400, k in 0usize..25) {
        let kind = [CandidateKind::Site, CandidateKind::Mentor, CandidateKind::Psychologist][kind];
        let data = small(seed, 30, n, kind);
        let cfg = MatchConfig::default();
        let idx = CandidateIndex::build(kind, data.candidates.clone(), cfg, data.vocab.clone()).unwrap();
        let free = |id: i64| (id % 7 != 3) as u32;
        // Every third client loses its skills and needs (the path without skill trees).
        let clients: Vec<ClientProfile> = data.clients.iter().enumerate().map(|(i, c)| {
            let mut c = c.clone();
            if i % 3 == 0 {
                c.skills = super::super::tags::TagSet::EMPTY;
                c.needs = super::super::tags::NeedSet::EMPTY;
            }
            c
        }).collect();
        for client in &clients {
            let got: Vec<(i64, f64)> = idx.top_k(client, k, free).iter().map(|s| (s.candidate_id, s.score)).collect();
            let want = brute_force(&data.candidates, client, k, &free, &cfg, &data.vocab);
            prop_assert_eq!(&got, &want);
            let q = ClientQuery::new(client, &cfg);
            let mut all: Vec<i64> = idx.all_feasible(&q).iter().map(|h| h.id).collect();
            all.sort_unstable();
            let mut want_all: Vec<i64> = data.candidates.iter().filter(|c| evaluate(client, c, 1, &cfg, &data.vocab).is_ok()).map(|c| c.id).collect();
            want_all.sort_unstable();
            prop_assert_eq!(all, want_all);
            // search_below finds exactly the feasible candidates under a per-candidate limit.
            let limit = |pos: usize| ((pos as i64 * 7919) % 1_200_000) - 100_000;
            let mut below: Vec<(i64, i64)> = Vec::new();
            idx.search_below(&q, &|_, _| true, &limit, &mut |h, c| below.push((h.id, c)));
            below.sort_unstable();
            let mut want_below: Vec<(i64, i64)> = idx.all_feasible(&q).iter().filter_map(|h| {
                let c = cfg.weights.cost_of(h.score);
                (c < limit(h.pos as usize)).then_some((h.id, c))
            }).collect();
            want_below.sort_unstable();
            prop_assert_eq!(below, want_below);
            for s in idx.top_k(client, k, free) {
                let e = idx.explain(client, s.candidate_id, 1).unwrap();
                prop_assert_eq!(e, s);
            }
        }
    }
}

#[test]
fn far_apart_points() {
    let v = vocab();
    let cands = vec![
        candidate_at(1, CandidateKind::Site, 89.9, 0.0),
        candidate_at(2, CandidateKind::Site, -89.9, 179.9),
        candidate_at(3, CandidateKind::Site, 0.0, -179.99),
    ];
    let idx = CandidateIndex::build(CandidateKind::Site, cands, MatchConfig::default(), v).unwrap();
    let mut cl = client_at(0.0, 179.99);
    cl.location = LatLon::new(0.0, 179.99).unwrap();
    let got: Vec<i64> = idx
        .top_k(&cl, 3, |_| 1)
        .iter()
        .map(|s| s.candidate_id)
        .collect();
    assert_eq!(got, vec![3]);
}
