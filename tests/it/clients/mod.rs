//! The case register (issue 5, clients half): clients, orders, restrictions and areas,
//! jurisdiction rules, region scoping and restricted records, audit of reads, and the site
//! supervisor's limited view.

mod access;
mod demo;
mod orders;
mod records;
mod restrictions;
mod rules;
mod supervisor;

use axum::body::Body;
use axum::http::Method;
use korpu::auth::Role;
use korpu::services::accounts::{self, NewUser};
use korpu::services::regions::{self, NewRegion};
use serde_json::{Value, json};

use crate::support::{PASSWORD, TestApp, TestClient, TestResponse};

/// An app with the regions Baku and Ganja.
pub struct Fixture {
    pub app: TestApp,
    pub baku: i64,
    pub ganja: i64,
}

impl Fixture {
    pub async fn new() -> Fixture {
        Self::with(TestApp::spawn().await).await
    }

    pub async fn with(app: TestApp) -> Fixture {
        let region = |code: &str, name: &str, lat: f64, lon: f64| NewRegion {
            code: code.into(),
            name: name.into(),
            lat: Some(lat),
            lon: Some(lon),
        };
        let baku = regions::create(&app.db, &region("baku", "Bakı", 40.4093, 49.8671))
            .await
            .unwrap()
            .id;
        let ganja = regions::create(&app.db, &region("ganja", "Gəncə", 40.6828, 46.3606))
            .await
            .unwrap()
            .id;
        Fixture { app, baku, ganja }
    }

    /// Creates a user with roles and a region; returns the id.
    pub async fn user(&self, email: &str, roles: &[Role], region: Option<i64>) -> i64 {
        let new = NewUser::parse(
            email,
            &format!("User {}", email.split('@').next().unwrap_or(email)),
            &roles
                .iter()
                .map(|r| r.as_str().to_owned())
                .collect::<Vec<_>>(),
            "en",
            region,
        )
        .unwrap();
        accounts::add_with_password(&self.app.db, &new, PASSWORD)
            .await
            .unwrap()
            .id
    }

    /// A browser signed in as a new user with roles and a region.
    pub async fn signed_in(&self, email: &str, roles: &[Role], region: Option<i64>) -> TestClient {
        self.user(email, roles, region).await;
        let client = self.app.client();
        client.sign_in(email, PASSWORD).await;
        client
    }

    /// A coordinator of Baku.
    pub async fn baku_coordinator(&self, email: &str) -> TestClient {
        self.signed_in(email, &[Role::Coordinator], Some(self.baku))
            .await
    }
}

/// The fields of a valid client form, living in `settlement`.
pub fn client_form(name: &str, settlement: &str) -> Vec<(&'static str, String)> {
    vec![
        ("name", name.into()),
        ("birth_date", "1990-05-17".into()),
        ("languages", "az".into()),
        ("languages", "ru".into()),
        ("phone", "+994 50 123 45 67".into()),
        ("email", "client@example.az".into()),
        ("address", "Nizami küçəsi 1".into()),
        ("home_settlement", settlement.into()),
        ("home_lat", String::new()),
        ("home_lon", String::new()),
        ("needs", "employment".into()),
        ("needs", "housing".into()),
        ("skills", "carpentry".into()),
        ("interests", "Football".into()),
        ("av_day", "0".into()),
        ("av_start", "09:00".into()),
        ("av_end", "13:00".into()),
        ("notes", "Confidential coordinator note".into()),
    ]
}

/// Replaces (or adds) one field of a form.
pub fn with(
    mut fields: Vec<(&'static str, String)>,
    name: &'static str,
    value: &str,
) -> Vec<(&'static str, String)> {
    fields.retain(|(k, _)| *k != name);
    fields.push((name, value.into()));
    fields
}

/// Posts a form, taking the CSRF token from `form_page` first.
pub async fn submit(
    browser: &TestClient,
    form_page: &str,
    action: &str,
    fields: &[(&'static str, String)],
) -> TestResponse {
    browser.get(form_page).await;
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    browser.post_form(action, &pairs).await
}

/// Creates a client through the form; returns its id.
pub async fn create_client(browser: &TestClient, fields: &[(&'static str, String)]) -> i64 {
    let response = submit(browser, "/clients/new", "/clients", fields).await;
    assert_eq!(response.status, 303, "{}", response.body);
    response
        .location()
        .and_then(|l| l.rsplit('/').next().and_then(|id| id.parse().ok()))
        .expect("redirect to the new client")
}

/// A JSON API call with the browser's session (and its CSRF token).
pub async fn api(
    browser: &TestClient,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> TestResponse {
    let csrf = browser.csrf().unwrap_or_default();
    let (body, content_type) = match body {
        Some(v) => (Body::from(v.to_string()), Some("application/json")),
        None => (Body::empty(), None),
    };
    browser
        .send(method, path, body, content_type, &[("x-csrf-token", &csrf)])
        .await
}

/// A valid order as JSON.
pub fn order_json(kind: &str, hours: Option<u32>) -> Value {
    json!({
        "kind": kind,
        "authority": "Bakı şəhəri Səbail Rayon Məhkəməsi",
        "reference": "1(101)-77/2026",
        "offence": "Theft of a bicycle",
        "decision_date": "2026-01-10",
        "start_date": "2026-02-01",
        "end_date": "2026-12-31",
        "status": "active",
        "hours_ordered": hours,
        "notes": "Order note for staff",
    })
}

/// The field names of a 422 JSON error.
pub fn error_fields(response: &TestResponse) -> Vec<(String, String)> {
    assert_eq!(response.status, 422, "{}", response.body);
    response.json()["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap_or_default().to_owned(),
                f["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}
