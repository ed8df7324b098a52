//! A run proposes within capacity, and its total is the optimum an independent solver finds
//! from the costs the pair-cost API gives.

use std::collections::HashMap;

use axum::http::StatusCode;
use korpu::domain::matching::CandidateKind;
use korpu::domain::matching::assign::{SparseProblem, reference};
use serde_json::Value;

use super::{LEYLA, demo_as, region_of, run_batch};
use crate::support::{TestApp, TestClient};

/// Ids of every active candidate of `kind` (what a batch may propose).
async fn candidate_ids(app: &TestApp, kind: CandidateKind) -> Vec<i64> {
    let current = app.state.matching.current(&app.db).await.unwrap();
    let mut ids: Vec<i64> = current.indexes.of(kind).info.keys().copied().collect();
    ids.sort_unstable();
    ids
}

/// Re-solves a run from the pair-cost API alone and checks it: capacity respected, total the
/// sum of the proposals' costs, and equal to the independent optimum.
async fn check_optimal(app: &TestApp, browser: &TestClient, run: &Value, kind: CandidateKind) {
    let kind_name = run["kind"].as_str().unwrap();
    let proposals = run["proposals"].as_array().unwrap();
    let unassigned = run["unassigned"].as_array().unwrap();
    assert_eq!(
        proposals.len() + unassigned.len(),
        run["waiting"].as_u64().unwrap() as usize
    );
    assert_eq!(proposals.len(), run["proposed"].as_u64().unwrap() as usize);
    let sum: i64 = proposals.iter().map(|p| p["cost"].as_i64().unwrap()).sum();
    assert_eq!(
        run["total_cost"].as_i64().unwrap(),
        sum,
        "total is the sum of the costs"
    );
    let candidates = candidate_ids(app, kind).await;
    let list = candidates
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let clients: Vec<&Value> = proposals.iter().chain(unassigned).collect();
    let mut pairs = Vec::new();
    let mut capacity: HashMap<i64, u32> = HashMap::new();
    for (i, p) in clients.iter().enumerate() {
        let client = p["client_id"].as_i64().unwrap();
        let response = browser
            .get(&format!(
                "/api/v1/clients/{client}/costs?kind={kind_name}&candidate_ids={list}"
            ))
            .await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
        let body = response.json();
        for (j, pair) in body["pairs"].as_array().unwrap().iter().enumerate() {
            assert_eq!(pair["candidate_id"].as_i64().unwrap(), candidates[j]);
            capacity.insert(candidates[j], pair["capacity"].as_u64().unwrap() as u32);
            match pair["cost"].as_i64() {
                Some(cost) => {
                    assert!(pair["exclusions"].as_array().unwrap().is_empty());
                    pairs.push((i, j, cost));
                }
                None => assert!(
                    !pair["exclusions"].as_array().unwrap().is_empty(),
                    "an infeasible pair says why"
                ),
            }
        }
        // The proposed pair is feasible and costs what the run says.
        if let Some(candidate) = p["candidate_id"].as_i64() {
            let j = candidates.binary_search(&candidate).unwrap();
            assert!(
                pairs.contains(&(i, j, p["cost"].as_i64().unwrap())),
                "proposal {p} has the API's cost"
            );
        }
    }
    let mut load: HashMap<i64, u32> = HashMap::new();
    for p in proposals {
        *load.entry(p["candidate_id"].as_i64().unwrap()).or_default() += 1;
    }
    for (candidate, used) in &load {
        assert!(
            *used <= capacity[candidate],
            "candidate {candidate}: {used} proposals for {} places",
            capacity[candidate]
        );
    }
    let caps: Vec<u32> = candidates.iter().map(|c| capacity[c]).collect();
    let problem = SparseProblem::new(clients.len(), caps, &pairs).unwrap();
    let optimum = reference::solve(&problem);
    assert_eq!(
        (optimum.assigned_count, optimum.total_cost),
        (proposals.len(), sum),
        "the run is the optimum of the independent solver"
    );
}

#[tokio::test]
async fn a_site_batch_over_the_demo_is_optimal_by_the_pair_costs_anyone_can_fetch() {
    let (app, leyla) = demo_as(LEYLA).await;
    let region = region_of(&app, LEYLA).await;
    let run = run_batch(&leyla, region, "site").await;
    assert!(
        !run["proposals"].as_array().unwrap().is_empty(),
        "the demo has waiting clients with feasible sites: {run}"
    );
    assert_eq!(run["proven_optimal"], true);
    check_optimal(&app, &leyla, &run, CandidateKind::Site).await;
    // Reading it again gives the same run.
    let again = leyla
        .get(&format!("/api/v1/batches/{}", run["id"]))
        .await
        .json();
    assert_eq!(again["total_cost"], run["total_cost"]);
    assert!(app.audit_actions().await.contains(&"batch.run".to_owned()));
}

#[tokio::test]
async fn a_mentor_batch_over_the_demo_is_optimal_too() {
    let (app, leyla) = demo_as(LEYLA).await;
    let region = region_of(&app, LEYLA).await;
    let run = run_batch(&leyla, region, "mentor").await;
    check_optimal(&app, &leyla, &run, CandidateKind::Mentor).await;
}

/// Client ids of a run, ascending.
fn client_ids(run: &Value) -> Vec<i64> {
    let mut ids: Vec<i64> = run["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .chain(run["unassigned"].as_array().unwrap())
        .map(|p| p["client_id"].as_i64().unwrap())
        .collect();
    ids.sort_unstable();
    ids
}

#[tokio::test]
async fn a_run_takes_at_most_the_configured_number_of_clients_waiting_longest_first() {
    let (all_app, all_leyla) = demo_as(LEYLA).await;
    let region = region_of(&all_app, LEYLA).await;
    let everyone = run_batch(&all_leyla, region, "mentor").await;
    assert_eq!(everyone["left_out"], 0);
    let waiting = client_ids(&everyone);
    assert!(
        waiting.len() > 2,
        "the demo region has more than 2 waiting clients"
    );

    let app = TestApp::spawn_with(|c| c.batch_max_clients = 2).await;
    korpu::demo::load(&app.state).await.expect("demo loads");
    let leyla = super::also_as(&app, LEYLA).await;
    let run = run_batch(&leyla, region_of(&app, LEYLA).await, "mentor").await;
    assert_eq!(run["waiting"], 2);
    assert_eq!(
        run["left_out"].as_u64().unwrap() as usize,
        waiting.len() - 2
    );
    assert_eq!(client_ids(&run), waiting[..2], "those registered first");
    let page = leyla.get(&format!("/batch/{}", run["id"])).await;
    let notice = page
        .body
        .split("class=\"notice\"")
        .nth(1)
        .expect("the page says some were left out");
    let notice = &notice[..notice.find("</p>").unwrap()];
    assert!(
        notice.contains(&(waiting.len() - 2).to_string()),
        "{notice}"
    );
}
