//! Accepting proposals: exactly the accepted ones become placements; one whose site filled in
//! the meantime is refused and reported; the pages do the same with CSRF.

use axum::http::{Method, StatusCode};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::{Value, json};

use super::{LEYLA, demo_as, region_of, run_batch};
use crate::clients::api;
use crate::support::TestApp;

async fn active_placements(app: &TestApp) -> Vec<(i64, i64)> {
    entity::placement::Entity::find()
        .filter(entity::placement::Column::Status.eq("active"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.client_id, p.site_id))
        .collect()
}

fn pair(p: &Value) -> (i64, i64) {
    (
        p["client_id"].as_i64().unwrap(),
        p["candidate_id"].as_i64().unwrap(),
    )
}

#[tokio::test]
async fn accepting_part_of_a_run_creates_exactly_those_placements() {
    let (app, leyla) = demo_as(LEYLA).await;
    let run = run_batch(&leyla, region_of(&app, LEYLA).await, "site").await;
    let proposals = run["proposals"].as_array().unwrap();
    assert!(proposals.len() >= 2, "{run}");
    let before = active_placements(&app).await;
    let chosen = &proposals[..proposals.len() - 1];
    let ids: Vec<i64> = chosen.iter().map(|p| p["id"].as_i64().unwrap()).collect();
    let path = format!("/api/v1/batches/{}/accept", run["id"]);
    let response = api(
        &leyla,
        Method::POST,
        &path,
        Some(json!({ "proposal_ids": ids })),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let outcome = response.json();
    assert_eq!(outcome["created"].as_array().unwrap().len(), chosen.len());
    assert!(outcome["refused"].as_array().unwrap().is_empty());
    let after = active_placements(&app).await;
    let mut new: Vec<(i64, i64)> = after.into_iter().filter(|p| !before.contains(p)).collect();
    new.sort_unstable();
    let mut wanted: Vec<(i64, i64)> = chosen.iter().map(pair).collect();
    wanted.sort_unstable();
    assert_eq!(
        new, wanted,
        "exactly the accepted proposals became placements"
    );
    // The run shows what was decided; accepting again is refused as already decided.
    let view = leyla
        .get(&format!("/api/v1/batches/{}", run["id"]))
        .await
        .json();
    let statuses: Vec<&str> = view["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == "accepted").count(),
        chosen.len()
    );
    let again = api(
        &leyla,
        Method::POST,
        &path,
        Some(json!({ "proposal_ids": [ids[0]] })),
    )
    .await
    .json();
    assert_eq!(again["refused"][0]["reason"], "already_decided");
    assert!(
        app.audit_actions()
            .await
            .contains(&"batch.accepted".to_owned())
    );
}

#[tokio::test]
async fn a_proposal_whose_site_filled_meanwhile_is_refused_and_the_rest_are_made() {
    let (app, leyla) = demo_as(LEYLA).await;
    let run = run_batch(&leyla, region_of(&app, LEYLA).await, "site").await;
    let proposals = run["proposals"].as_array().unwrap();
    let (client_id, site_id) = pair(&proposals[0]);
    // Other clients take every place of the site at every hour of its schedule.
    let site = entity::site::Entity::find_by_id(site_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let other = entity::client::Entity::find()
        .filter(entity::client::Column::Id.ne(client_id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    for _ in 0..site.capacity {
        entity::placement::ActiveModel {
            client_id: Set(other.id),
            site_id: Set(site_id),
            status: Set("active".into()),
            started_on: Set(chrono::Utc::now().date_naive()),
            ended_on: Set(None),
            windows: Set(site.schedule.clone()),
            ended_reason: Set(None),
            created_by: Set(None),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    let response = api(
        &leyla,
        Method::POST,
        &format!("/api/v1/batches/{}/accept", run["id"]),
        Some(json!({ "all": true })),
    )
    .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let outcome = response.json();
    let refused = outcome["refused"].as_array().unwrap();
    assert!(
        refused
            .iter()
            .any(|r| r["proposal_id"] == proposals[0]["id"] && r["reason"] == "full"),
        "{outcome}"
    );
    let placed = active_placements(&app).await;
    assert!(
        !placed.contains(&(client_id, site_id)),
        "nothing half-written for the refused proposal"
    );
    let created = outcome["created"].as_array().unwrap();
    assert_eq!(created.len() + refused.len(), proposals.len());
    for c in created {
        let p = proposals
            .iter()
            .find(|p| p["id"] == c["proposal_id"])
            .unwrap();
        assert!(placed.contains(&pair(p)));
    }
}

#[tokio::test]
async fn the_pages_run_a_batch_and_accept_the_ticked_proposals() {
    let (app, leyla) = demo_as(LEYLA).await;
    let region = region_of(&app, LEYLA).await.to_string();
    let page = leyla.get("/batch").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("name=\"region_id\""));
    // Without the CSRF token the form is refused.
    let forged = leyla
        .post_form_exact("/batch", &[("region_id", &region), ("kind", "site")])
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let bad = leyla
        .post_form("/batch", &[("region_id", &region), ("kind", "boat")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let done = leyla
        .post_form("/batch", &[("region_id", &region), ("kind", "site")])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let location = done.location().unwrap();
    let show = leyla.get(&location).await;
    assert_eq!(show.status, StatusCode::OK);
    assert!(show.body.contains("name=\"proposal\""), "{}", show.body);
    let id = location.trim_start_matches("/batch/");
    let run = leyla.get(&format!("/api/v1/batches/{id}")).await.json();
    let first = run["proposals"][0]["id"].as_i64().unwrap().to_string();
    // Numbers are written in the page's language.
    let lang = show
        .body
        .split("<html lang=\"")
        .nth(1)
        .and_then(|rest| korpu::i18n::Lang::parse(&rest[..2]))
        .expect("the page names its language");
    let total = run["total_cost"].as_f64().unwrap();
    assert!(
        show.body
            .contains(&korpu::i18n::format_number(lang, total, 0)),
        "total cost in {lang:?} notation"
    );
    // Each proposal links to the client, the site and the client's suggestions explaining it.
    let (client, site) = (
        &run["proposals"][0]["client_id"],
        &run["proposals"][0]["candidate_id"],
    );
    for link in [
        format!("href=\"/clients/{client}\""),
        format!("href=\"/sites/{site}\""),
        format!("href=\"/clients/{client}/suggestions?kind=site&amp;why={site}\""),
    ] {
        assert!(show.body.contains(&link), "{link} in {}", show.body);
    }
    let why = leyla
        .get(&format!(
            "/clients/{client}/suggestions?kind=site&why={site}"
        ))
        .await;
    assert_eq!(why.status, StatusCode::OK);
    // The client's record links back to the run while the proposal awaits review.
    let record = leyla.get(&format!("/clients/{client}")).await;
    assert!(
        record.body.contains(&format!("href=\"/batch/{id}\"")),
        "{}",
        record.body
    );
    let nothing = leyla
        .post_form(&format!("/batch/{id}/accept"), &[("selected", "1")])
        .await;
    assert_eq!(nothing.status, StatusCode::UNPROCESSABLE_ENTITY);
    let accepted = leyla
        .post_form(
            &format!("/batch/{id}/accept"),
            &[("proposal", &first), ("selected", "1")],
        )
        .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER);
    let after = leyla.get(&format!("/api/v1/batches/{id}")).await.json();
    let decided: Vec<&Value> = after["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["status"] != "proposed")
        .collect();
    assert_eq!(decided.len(), 1);
    assert_eq!(decided[0]["id"].as_i64().unwrap().to_string(), first);
    assert_eq!(decided[0]["status"], "accepted");
    // Once decided, the record no longer points to the run for it.
    let decided_client = &decided[0]["client_id"];
    let record = leyla.get(&format!("/clients/{decided_client}")).await;
    assert!(!record.body.contains(&format!("href=\"/batch/{id}\"")));
}
