//! Who may run and see batches, and bad input.

use axum::http::{Method, StatusCode};
use serde_json::json;

use super::{LEYLA, RASHAD, also_as, demo_as, region_of, run_batch};
use crate::clients::api;

#[tokio::test]
async fn a_coordinator_runs_and_sees_only_the_batches_of_their_own_region() {
    let (app, leyla) = demo_as(LEYLA).await;
    let baku = region_of(&app, LEYLA).await;
    let run = run_batch(&leyla, baku, "site").await;
    let id = run["id"].as_i64().unwrap();
    let rashad = also_as(&app, RASHAD).await;
    for path in [format!("/api/v1/batches/{id}"), format!("/batch/{id}")] {
        assert_eq!(rashad.get(&path).await.status, StatusCode::NOT_FOUND);
    }
    let accept = api(
        &rashad,
        Method::POST,
        &format!("/api/v1/batches/{id}/accept"),
        Some(json!({ "all": true })),
    )
    .await;
    assert_eq!(accept.status, StatusCode::NOT_FOUND);
    let other_region = api(
        &rashad,
        Method::POST,
        "/api/v1/batches",
        Some(json!({ "region_id": baku, "kind": "site" })),
    )
    .await;
    assert_eq!(other_region.status, StatusCode::NOT_FOUND);
    // The pair costs of a client of another region are not there either.
    let client = run["proposals"][0]["client_id"].as_i64().unwrap();
    let costs = rashad
        .get(&format!(
            "/api/v1/clients/{client}/costs?kind=site&candidate_id=1"
        ))
        .await;
    assert_eq!(costs.status, StatusCode::NOT_FOUND);
    // An admin sees every region's runs; a mentor none at all.
    let admin = also_as(&app, "admin@demo.korpu.az").await;
    assert_eq!(
        admin.get(&format!("/api/v1/batches/{id}")).await.status,
        StatusCode::OK
    );
    let mentor = also_as(&app, "mentor@demo.korpu.az").await;
    assert_eq!(
        mentor.get(&format!("/api/v1/batches/{id}")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(mentor.get("/batch").await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn bad_input_gets_422_and_unknown_objects_404() {
    let (app, leyla) = demo_as(LEYLA).await;
    let baku = region_of(&app, LEYLA).await;
    for body in [
        json!({ "region_id": 999_999, "kind": "site" }),
        json!({ "region_id": baku, "kind": "psychologist" }),
        json!({ "region_id": "Baku", "kind": "site" }),
    ] {
        let response = api(&leyla, Method::POST, "/api/v1/batches", Some(body.clone())).await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            response.body
        );
    }
    assert_eq!(
        leyla.get("/api/v1/batches/999999").await.status,
        StatusCode::NOT_FOUND
    );
    let run = run_batch(&leyla, baku, "site").await;
    let path = format!("/api/v1/batches/{}/accept", run["id"]);
    for body in [
        json!({ "proposal_ids": [] }),
        json!({ "proposal_ids": [999_999] }),
    ] {
        let response = api(&leyla, Method::POST, &path, Some(body.clone())).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(response.body.contains("proposal_ids"), "{}", response.body);
    }
    let client = run["proposals"][0]["client_id"].as_i64().unwrap();
    for query in [
        "kind=boat&candidate_id=1",
        "kind=site&candidate_ids=a,b",
        "kind=site",
    ] {
        let response = leyla
            .get(&format!("/api/v1/clients/{client}/costs?{query}"))
            .await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
    }
    let unknown = leyla
        .get("/api/v1/clients/999999/costs?kind=site&candidate_id=1")
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    // An unknown candidate is reported as such, not as an error.
    let costs = leyla
        .get(&format!(
            "/api/v1/clients/{client}/costs?kind=site&candidate_id=999999"
        ))
        .await
        .json();
    assert_eq!(costs["pairs"][0]["cost"], serde_json::Value::Null);
    assert_eq!(
        costs["pairs"][0]["exclusions"][0]["exclusion"],
        "unknown_candidate"
    );
}

#[tokio::test]
async fn a_second_batch_while_one_is_solving_is_refused_with_409() {
    let (app, leyla) = demo_as(LEYLA).await;
    let baku = region_of(&app, LEYLA).await;
    let solving = app.state.matching.try_batch_permit().expect("free");
    let busy = api(
        &leyla,
        Method::POST,
        "/api/v1/batches",
        Some(json!({ "region_id": baku, "kind": "site" })),
    )
    .await;
    assert_eq!(busy.status, StatusCode::CONFLICT, "{}", busy.body);
    drop(solving);
    run_batch(&leyla, baku, "site").await;
}
