//! Matching over the JSON API: suggestions with reasons as codes and words, why-not, assigning
//! (201 / 409), listing and ending assignments, the helpers' lists.

use axum::http::{Method, StatusCode};
use serde_json::json;

use super::{LEYLA, demo, demo_user, nearer_excluded_site};
use crate::support::{TestApp, TestClient};

async fn api_client(app: &TestApp, email: &str) -> TestClient {
    let user = demo_user(app, email).await;
    let (_, secret) = korpu::services::api_tokens::issue(
        &app.db,
        &korpu::services::audit::Actor::System,
        "t",
        user.id,
        "t",
    )
    .await
    .unwrap();
    app.client()
        .with_header("authorization", &format!("Bearer {secret}"))
}

#[tokio::test]
async fn suggestions_come_with_reasons_as_codes_and_words_in_the_asked_language() {
    let app = demo().await;
    let (client, site, exclusions) = nearer_excluded_site(&app).await;
    let api = api_client(&app, LEYLA).await;
    let en = api
        .get(&format!(
            "/api/v1/clients/{client}/suggestions?kind=site&count=3&lang=en"
        ))
        .await;
    assert_eq!(en.status, StatusCode::OK, "{}", en.body);
    let list = en.json();
    let list = list.as_array().unwrap();
    assert!(!list.is_empty() && list.len() <= 3);
    let first = &list[0];
    assert_eq!(first["rank"], 1);
    assert_eq!(first["kind"], "site");
    assert!(first["score"].as_f64().unwrap() > 0.0);
    assert!(first["free_places"].as_u64().unwrap() > 0);
    assert!(first["candidate"]["name"].is_string());
    let reason = &first["reasons"][0];
    assert_eq!(reason["reason"], "distance");
    assert!(reason["km"].is_number());
    assert!(reason["text"].as_str().unwrap().ends_with("km away"));
    let ru = api
        .get(&format!(
            "/api/v1/clients/{client}/suggestions?kind=site&lang=ru"
        ))
        .await
        .json();
    assert!(ru[0]["reasons"][0]["text"].as_str().unwrap().contains("км"));
    let az = api_client(&app, LEYLA)
        .await
        .with_header("accept-language", "ru;q=0.5, az")
        .get(&format!("/api/v1/clients/{client}/suggestions?kind=site"))
        .await
        .json();
    assert!(
        az[0]["reasons"][0]["text"]
            .as_str()
            .unwrap()
            .contains("km uzaqlıqda"),
        "Accept-Language chooses Azerbaijani: {az}"
    );
    // Why not the nearer site?
    let why = api
        .get(&format!(
            "/api/v1/clients/{client}/suggestions/{site}?kind=site&lang=en"
        ))
        .await
        .json();
    assert_eq!(why["suggested"], false);
    assert_eq!(why["candidate"]["id"], site);
    assert_eq!(
        why["exclusions"].as_array().unwrap().len(),
        exclusions.len()
    );
    assert!(why["exclusions"][0]["exclusion"].is_string());
    assert!(why["exclusions"][0]["text"].is_string());
}

#[tokio::test]
async fn assigning_listing_and_ending_through_the_api() {
    let app = demo().await;
    let (client, _, _) = nearer_excluded_site(&app).await;
    let api = api_client(&app, LEYLA).await;
    let best = api
        .get(&format!(
            "/api/v1/clients/{client}/suggestions?kind=site&count=1"
        ))
        .await
        .json();
    let site = best[0]["candidate"]["id"].as_i64().unwrap();
    let path = format!("/api/v1/clients/{client}/assignments");
    let body = json!({ "kind": "site", "candidate_id": site });
    let created = api.json(Method::POST, &path, &body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let created = created.json();
    assert_eq!(created["kind"], "placement");
    assert_eq!(created["site_id"], site);
    assert!(created["windows"].as_array().is_some_and(|w| !w.is_empty()));
    // A current helper is not suggested again, and why-not says so.
    let after = api
        .get(&format!("/api/v1/clients/{client}/suggestions?kind=site"))
        .await
        .json();
    assert!(
        after
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["candidate"]["id"] != site)
    );
    let why = api
        .get(&format!(
            "/api/v1/clients/{client}/suggestions/{site}?kind=site"
        ))
        .await
        .json();
    assert_eq!(why["current"], true);
    let again = api.json(Method::POST, &path, &body).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.json()["refusal"], "already_assigned");
    assert!(again.json()["messages"][0].is_string());
    // An excluded candidate is refused with its reasons.
    let (_, excluded, _) = nearer_excluded_site(&app).await;
    let refused = api
        .json(
            Method::POST,
            &format!("{path}?lang=en"),
            &json!({ "kind": "site", "candidate_id": excluded }),
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    let refused = refused.json();
    assert_eq!(refused["refusal"], "excluded");
    assert!(refused["exclusions"][0]["exclusion"].is_string());
    // Bad input is a documented 422 or 404.
    let bad_kind = api
        .json(
            Method::POST,
            &path,
            &json!({ "kind": "x", "candidate_id": site }),
        )
        .await;
    assert_eq!(bad_kind.status, StatusCode::UNPROCESSABLE_ENTITY);
    let no_reason = api
        .json(
            Method::POST,
            &path,
            &json!({ "kind": "psychologist", "candidate_id": 1 }),
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(no_reason.json()["error"]["fields"][0]["field"], "reason");
    let unknown = api
        .json(
            Method::POST,
            &path,
            &json!({ "kind": "mentor", "candidate_id": 99_999_999 }),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    // The list, then ending.
    let list = api.get(&path).await.json();
    let placement = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "placement")
        .unwrap()
        .clone();
    assert_eq!(placement["active"], true);
    let end = format!("/api/v1/assignments/placement/{}/end", placement["id"]);
    let empty = api.json(Method::POST, &end, &json!({ "reason": "" })).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let ended = api
        .json(Method::POST, &end, &json!({ "reason": "Moved away" }))
        .await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.body);
    assert_eq!(ended.json()["status"], "ended");
    assert_eq!(ended.json()["ended_reason"], "Moved away");
    let twice = api
        .json(Method::POST, &end, &json!({ "reason": "Again" }))
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    let bogus = api
        .json(
            Method::POST,
            "/api/v1/assignments/bogus/1/end",
            &json!({ "reason": "x" }),
        )
        .await;
    assert_eq!(bogus.status, StatusCode::NOT_FOUND);
    // Another region's coordinator cannot end it.
    let rashad = api_client(&app, super::RASHAD).await;
    let hidden = rashad
        .json(Method::POST, &end, &json!({ "reason": "x" }))
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    // The helpers' lists answer (empty here).
    let mentor = api_client(&app, "mentor@demo.korpu.az").await;
    assert_eq!(
        mentor.get("/api/v1/me/mentees").await.status,
        StatusCode::OK
    );
    assert_eq!(
        mentor.get("/api/v1/me/referrals").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn reading_suggestions_and_why_not_is_audited_as_a_read_of_the_client() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let app = demo().await;
    let (client, site, _) = nearer_excluded_site(&app).await;
    let reads = || async {
        entity::audit_log::Entity::find()
            .filter(entity::audit_log::Column::Action.eq("client.read"))
            .filter(entity::audit_log::Column::ObjectId.eq(client))
            .order_by_asc(entity::audit_log::Column::Id)
            .all(&app.db)
            .await
            .unwrap()
    };
    assert!(reads().await.is_empty());
    let api = api_client(&app, LEYLA).await;
    let list = api
        .get(&format!("/api/v1/clients/{client}/suggestions?kind=mentor"))
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let why = api
        .get(&format!(
            "/api/v1/clients/{client}/suggestions/{site}?kind=site"
        ))
        .await;
    assert_eq!(why.status, StatusCode::OK, "{}", why.body);
    let rows = reads().await;
    assert_eq!(rows.len(), 2, "one read per request");
    assert_eq!(rows[0].actor_label, LEYLA);
    assert_eq!(rows[0].object_type.as_deref(), Some("client"));
    let detail = |i: usize| -> serde_json::Value { serde_json::from_str(&rows[i].detail).unwrap() };
    assert_eq!(
        detail(0),
        json!({"matching": "suggestions", "kind": "mentor"})
    );
    assert_eq!(detail(1), json!({"matching": "why_not", "kind": "site"}));
    // A coordinator of another region gets 404 and no read is recorded.
    let other = api_client(&app, super::RASHAD).await;
    let refused = other
        .get(&format!("/api/v1/clients/{client}/suggestions?kind=site"))
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert_eq!(reads().await.len(), 2);
    // The page reads the record once, suggestions and "why not?" included.
    let browser = super::demo_browser(&app, LEYLA).await;
    let page = browser
        .get(&format!(
            "/clients/{client}/suggestions?kind=site&why={site}"
        ))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(reads().await.len(), 3);
}
