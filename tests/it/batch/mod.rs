//! Batch proposals (issue 6): a run over the demo data proposes within capacity at the
//! optimum that an independent solver finds from the pair-cost API; accepting creates exactly
//! the accepted placements, refuses what can no longer be made; region and role checks; bad
//! input.

mod accept;
mod access;
mod run;

use axum::http::{Method, StatusCode};
use korpu::demo::DEMO_PASSWORD;
use serde_json::{Value, json};

use crate::clients::api;
use crate::support::{TestApp, TestClient};

/// Leyla coordinates the first demo region.
pub const LEYLA: &str = "leyla.coordinator@demo.korpu.az";
/// Rashad coordinates another region.
pub const RASHAD: &str = "rashad.coordinator@demo.korpu.az";

/// The demo, and a browser signed in as `email`.
pub async fn demo_as(email: &str) -> (TestApp, TestClient) {
    let app = TestApp::spawn().await;
    korpu::demo::load(&app.state).await.expect("demo loads");
    let browser = app.client();
    browser.sign_in(email, DEMO_PASSWORD).await;
    (app, browser)
}

/// Another browser on the same app.
pub async fn also_as(app: &TestApp, email: &str) -> TestClient {
    let browser = app.client();
    browser.sign_in(email, DEMO_PASSWORD).await;
    browser
}

/// The region of a user.
pub async fn region_of(app: &TestApp, email: &str) -> i64 {
    korpu::services::accounts::find_by_email(&app.db, email)
        .await
        .unwrap()
        .unwrap()
        .region_id
        .expect("a region")
}

/// Runs a batch through the API and returns the run.
pub async fn run_batch(browser: &TestClient, region: i64, kind: &str) -> Value {
    let response = api(
        browser,
        Method::POST,
        "/api/v1/batches",
        Some(json!({ "region_id": region, "kind": kind })),
    )
    .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.body);
    response.json()
}
