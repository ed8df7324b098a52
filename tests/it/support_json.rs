//! JSON requests from a signed-in browser session carry the CSRF token like the pages' scripts.

use axum::body::Body;
use axum::http::Method;

use crate::support::{TestClient, TestResponse};

/// Sends JSON with the session's CSRF token in `X-CSRF-Token`.
pub async fn send_json(
    client: &TestClient,
    method: Method,
    path: &str,
    value: &serde_json::Value,
) -> TestResponse {
    let token = client.csrf().unwrap_or_default();
    client
        .send(
            method,
            path,
            Body::from(value.to_string()),
            Some("application/json"),
            &[("x-csrf-token", &token)],
        )
        .await
}
