//! Placement sites: validation of every field kind, Azerbaijani search, filters, closing, the
//! supervisor's own read-only view, and the map's GeoJSON.

use axum::http::{Method, StatusCode};
use korpu::auth::Role;
use korpu::domain::availability::WindowInput;
use korpu::domain::location::LocationInput;
use korpu::i18n::{self, Lang};
use korpu::services::audit::Actor;
use korpu::services::sites::{self, SiteInput};
use serde_json::json;

use crate::support::TestApp;

/// A valid site input in a settlement of the gazetteer.
pub fn site_input(name: &str, settlement: &str) -> SiteInput {
    SiteInput {
        name: name.into(),
        organisation: "Bələdiyyə (test)".into(),
        address: "Test küçəsi 1".into(),
        location: LocationInput {
            settlement: settlement.into(),
            ..Default::default()
        },
        contact_phone: "+994 12 555 00 00".into(),
        work_kinds: vec!["gardening".into()],
        skills_taught: vec!["gardening".into()],
        capacity: "4".into(),
        schedule: vec![WindowInput {
            day: Some(0),
            start: "09:00".into(),
            end: "13:00".into(),
        }],
        languages: vec!["az".into()],
        ..Default::default()
    }
}

/// Creates a site through the service; returns its id.
pub async fn create_site(app: &TestApp, input: &SiteInput) -> i64 {
    sites::create(&app.db, &Actor::System, "test", input)
        .await
        .expect("valid site")
        .id
}

/// Creates the regions baku, sumqayit and ganja with their centres.
pub async fn create_regions(app: &TestApp) {
    for (code, name, lat, lon) in [
        ("baku", "Bakı", 40.4093, 49.8671),
        ("sumqayit", "Sumqayıt", 40.5897, 49.6686),
        ("ganja", "Gəncə", 40.6816, 46.3613),
    ] {
        korpu::services::regions::create(
            &app.db,
            &korpu::services::regions::NewRegion {
                code: code.into(),
                name: name.into(),
                lat: Some(lat),
                lon: Some(lon),
            },
        )
        .await
        .expect("region");
    }
}

/// A JSON body for `POST /api/v1/sites`.
fn body() -> serde_json::Value {
    json!({
        "name": "Park xidməti",
        "organisation": "Sumqayıt bələdiyyəsi",
        "settlement": "Sumqayıt",
        "work_kinds": ["gardening", "cleaning"],
        "skills_needed": ["gardening"],
        "capacity": 5,
        "schedule": [{"day": 0, "start": "09:00", "end": "13:00"}],
        "flags": {"heavy_work": true},
        "languages": ["az", "ru"],
        "active_from": "2026-01-01"
    })
}

fn error_fields(response: &crate::support::TestResponse) -> Vec<String> {
    let json = response.json();
    json["error"]["fields"]
        .as_array()
        .map(|fields| {
            fields
                .iter()
                .map(|f| f["field"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn a_coordinator_adds_a_site_through_the_form_and_finds_it_in_the_list() {
    let app = TestApp::spawn().await;
    let client = app
        .signed_in("coordinator@example.az", &[Role::Coordinator])
        .await;
    client.get("/sites/new").await;
    let response = client
        .post_form(
            "/sites",
            &[
                ("name", "Gəncə Mərkəzi Kitabxanası"),
                ("organisation", "Mədəniyyət idarəsi"),
                ("settlement", "gence"),
                ("work_kinds", "education"),
                ("work_kinds", "office"),
                ("skills_needed", "computers"),
                ("capacity", "3"),
                ("sched_day", "1"),
                ("sched_start", "10:00"),
                ("sched_end", "17:00"),
                ("sched_day", ""),
                ("sched_start", ""),
                ("sched_end", ""),
                ("flags", "step_free_access"),
                ("languages", "az"),
                ("other_languages", "tr, ka"),
                ("active_from", "2026-01-01"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let location = response.location().unwrap();
    let page = client.get(&location).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Gəncə Mərkəzi Kitabxanası"));
    assert!(page.body.contains(&i18n::t(Lang::En, "work-education")));
    let id: i64 = location.trim_start_matches("/sites/").parse().unwrap();
    let site = sites::get(&app.db, &sites::Scope::All, id).await.unwrap();
    assert_eq!(site.place.settlement.as_deref(), Some("Gəncə"));
    assert_eq!(site.languages, vec!["az", "ka", "tr"]);
    assert!(site.flags.step_free_access && !site.flags.children_present);
    assert_eq!(site.schedule.windows().len(), 1);
    let list = client.get("/sites").await;
    assert!(list.body.contains("Gəncə Mərkəzi Kitabxanası"));
    assert!(
        app.audit_actions()
            .await
            .contains(&"site.created".to_owned())
    );
}

#[tokio::test]
async fn every_field_kind_of_a_site_is_validated_over_the_api() {
    let app = TestApp::spawn().await;
    let api = app
        .signed_in("coordinator@example.az", &[Role::Coordinator])
        .await;
    let mentor = app.create_user("mentor@example.az", &[Role::Mentor]).await;
    let ok = crate::support_json::send_json(&api, Method::POST, "/api/v1/sites", &body()).await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    assert_eq!(ok.json()["place"]["settlement"], "Sumqayıt");
    assert_eq!(ok.json()["flags"]["heavy_work"], true);
    let cases: Vec<(serde_json::Value, &str)> = vec![
        (json!({"lat": 91.0, "lon": 49.0}), "lat"),
        (json!({"lat": 40.0, "lon": 181.0}), "lon"),
        (json!({"settlement": "Atlantis"}), "settlement"),
        (json!({"capacity": 0}), "capacity"),
        (json!({"capacity": 1001}), "capacity"),
        (json!({"capacity": null}), "capacity"),
        (
            json!({"active_from": "2026-05-01", "active_to": "2026-04-30"}),
            "active_to",
        ),
        (json!({"active_from": "2026-02-30"}), "active_from"),
        (json!({"skills_needed": ["juggling"]}), "skills_needed"),
        (json!({"skills_taught": ["no_such_skill"]}), "skills_taught"),
        (json!({"work_kinds": ["juggling"]}), "work_kinds"),
        (json!({"work_kinds": []}), "work_kinds"),
        (json!({"languages": ["azerbaijani"]}), "languages"),
        (json!({"languages": []}), "languages"),
        (json!({"contact_phone": "=1+2"}), "contact_phone"),
        (json!({"contact_email": "not an address"}), "contact_email"),
        (json!({"name": "  "}), "name"),
        (json!({"name": "x".repeat(201)}), "name"),
        (json!({"organisation": ""}), "organisation"),
        (
            json!({"schedule": [{"day": 2, "start": "18:00", "end": "17:00"}]}),
            "schedule[0].end",
        ),
        (
            json!({"schedule": [{"day": 9, "start": "10:00", "end": "11:00"}]}),
            "schedule[0].day",
        ),
        (json!({"region": "atlantis"}), "region"),
        (json!({"supervisor_ids": [mentor]}), "supervisors"),
    ];
    for (change, field) in cases {
        let mut sent = body();
        for (k, v) in change.as_object().unwrap() {
            sent[k] = v.clone();
        }
        let response =
            crate::support_json::send_json(&api, Method::POST, "/api/v1/sites", &sent).await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{change} should be refused: {}",
            response.body
        );
        assert!(
            error_fields(&response).contains(&field.to_owned()),
            "{change}: expected an error on {field}, got {}",
            response.body
        );
    }
    // JSON itself refuses NaN and numbers out of range: a 400, never a 500.
    let nan = api
        .send(
            Method::POST,
            "/api/v1/sites",
            axum::body::Body::from(r#"{"name":"x","lat":NaN}"#),
            Some("application/json"),
            &[("x-csrf-token", &api.csrf().unwrap_or_default())],
        )
        .await;
    assert_eq!(nan.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        entity::site::Entity::find().count(&app.db).await.unwrap(),
        1,
        "only the valid site was written"
    );
}

use sea_orm::{EntityTrait, PaginatorTrait};

#[tokio::test]
async fn a_form_with_bad_values_comes_back_with_messages_and_the_values_kept() {
    let app = TestApp::spawn().await;
    let client = app
        .signed_in("coordinator@example.az", &[Role::Coordinator])
        .await;
    client.get("/sites/new").await;
    let response = client
        .post_form(
            "/sites",
            &[
                ("name", "Yarımçıq obyekt"),
                ("organisation", "Test"),
                ("lat", "NaN"),
                ("lon", "inf"),
                ("work_kinds", "cleaning"),
                ("capacity", "-5"),
                ("languages", "az"),
                ("active_from", "2026-06-01"),
                ("active_to", "2026-05-01"),
                ("sched_day", "2"),
                ("sched_start", "25:00"),
                ("sched_end", "26:00"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    for key in [
        "error-latitude",
        "error-longitude",
        "error-end-before-start",
        "error-time-invalid",
    ] {
        assert!(
            response.body.contains(&i18n::t(Lang::En, key)),
            "{key} missing"
        );
    }
    assert!(response.body.contains("Yarımçıq obyekt"), "value kept");
    assert!(response.body.contains("value=\"-5\""));
    assert_eq!(
        entity::site::Entity::find().count(&app.db).await.unwrap(),
        0
    );
}

#[tokio::test]
async fn a_site_supervisor_sees_only_their_own_sites_and_cannot_change_them() {
    let app = TestApp::spawn().await;
    let supervisor = app
        .create_user("nigar@example.az", &[Role::SiteSupervisor])
        .await;
    let mut mine = site_input("Mənim obyektim", "Bakı");
    mine.supervisors = vec!["nigar@example.az".into()];
    let mine = create_site(&app, &mine).await;
    let other = create_site(&app, &site_input("Başqa obyekt", "Bakı")).await;
    assert_eq!(
        sites::supervised_site_ids(&app.db, supervisor)
            .await
            .unwrap(),
        vec![mine]
    );
    let client = app.client();
    client
        .sign_in("nigar@example.az", crate::support::PASSWORD)
        .await;
    let list = client.get("/sites").await;
    assert!(list.body.contains("Mənim obyektim"));
    assert!(!list.body.contains("Başqa obyekt"));
    assert!(!list.body.contains("/sites/new"), "no edit links");
    let own = client.get(&format!("/sites/{mine}")).await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(!own.body.contains("/edit"));
    assert_eq!(
        client.get(&format!("/sites/{other}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        client.get(&format!("/api/v1/sites/{other}")).await.status,
        StatusCode::NOT_FOUND
    );
    let api = client.get("/api/v1/sites?active=all").await.json();
    assert_eq!(api["total"], 1);
    assert_eq!(
        client.get(&format!("/sites/{mine}/edit")).await.status,
        StatusCode::FORBIDDEN
    );
    let put = crate::support_json::send_json(
        &client,
        Method::PUT,
        &format!("/api/v1/sites/{mine}"),
        &body(),
    )
    .await;
    assert_eq!(put.status, StatusCode::FORBIDDEN);
    assert_eq!(
        put.json()["error"]["code"],
        "forbidden",
        "refused for the role, not CSRF"
    );
    let map = client
        .get("/api/v1/sites/geojson?professionals=true")
        .await
        .json();
    let features = map["features"].as_array().unwrap();
    assert_eq!(features.len(), 1);
    assert_eq!(features[0]["properties"]["layer"], "site");
    // Only accounts holding the role can be made supervisors.
    let mentor = app.create_user("mentor@example.az", &[Role::Mentor]).await;
    let mut wrong = site_input("X", "Bakı");
    wrong.supervisors = vec![mentor.to_string()];
    assert!(
        sites::create(&app.db, &Actor::System, "test", &wrong)
            .await
            .is_err()
    );
    // Mentors and psychologists do not see sites at all.
    let psychologist = app.signed_in("psy@example.az", &[Role::Psychologist]).await;
    assert_eq!(
        psychologist.get("/sites").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn closing_a_site_takes_it_out_of_the_active_list_and_off_the_map() {
    let app = TestApp::spawn().await;
    let id = create_site(&app, &site_input("Bağlanacaq obyekt", "Bakı")).await;
    let client = app
        .signed_in("coordinator@example.az", &[Role::Coordinator])
        .await;
    client.get(&format!("/sites/{id}")).await;
    let today = chrono::Utc::now().date_naive().to_string();
    let closed = client
        .post_form(&format!("/sites/{id}/close"), &[("active_to", &today)])
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    let site = sites::get(&app.db, &sites::Scope::All, id).await.unwrap();
    assert_eq!(site.active_to.map(|d| d.to_string()), Some(today));
    assert!(!site.active);
    assert_eq!(client.get("/api/v1/sites").await.json()["total"], 0);
    assert_eq!(
        client.get("/api/v1/sites?active=inactive").await.json()["total"],
        1
    );
    let map = client.get("/api/v1/sites/geojson").await.json();
    assert!(map["features"].as_array().unwrap().is_empty());
    // Closing again later never re-opens it.
    let again = crate::support_json::send_json(
        &client,
        Method::POST,
        &format!("/api/v1/sites/{id}/close"),
        &json!({"active_to": "2099-01-01"}),
    )
    .await;
    assert_eq!(again.json()["active"], false);
    assert!(
        app.audit_actions()
            .await
            .contains(&"site.closed".to_owned())
    );
}
