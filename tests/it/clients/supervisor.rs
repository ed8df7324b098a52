//! The site supervisor's limited view: only the clients placed at their own sites, with the
//! name, the start of the placement and the restrictions the site must respect — never the
//! offence, order details, needs, contact details or notes.

use axum::http::{Method, StatusCode};
use chrono::NaiveDate;
use korpu::auth::Role;
use korpu::i18n::{self, Lang};
use sea_orm::{ActiveModelTrait, Set};
use serde_json::json;

use super::{Fixture, api, client_form, create_client, order_json};

/// Creates a site in Bakı supervised by the user with this id, through the sites service.
async fn site(fx: &Fixture, name: &str, supervisor: i64) -> i64 {
    let mut input = crate::sites::site_input(name, "Bakı");
    input.supervisors = vec![supervisor.to_string()];
    crate::sites::create_site(&fx.app, &input).await
}

/// Places a client at a site (placements are created by issue 6; the table exists already).
async fn place(fx: &Fixture, client_id: i64, site_id: i64, status: &str) {
    entity::placement::ActiveModel {
        client_id: Set(client_id),
        site_id: Set(site_id),
        status: Set(status.into()),
        started_on: Set(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()),
        ended_on: Set(None),
        created_by: Set(None),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&fx.app.db)
    .await
    .unwrap();
}

#[tokio::test]
async fn a_site_supervisor_sees_names_and_relevant_restrictions_but_never_the_order() {
    let fx = Fixture::new().await;
    let leyla = fx.baku_coordinator("leyla@example.az").await;
    let nigar_id = fx
        .user("nigar@example.az", &[Role::SiteSupervisor], None)
        .await;
    let nigar = fx.app.client();
    nigar
        .sign_in("nigar@example.az", crate::support::PASSWORD)
        .await;
    let other_id = fx
        .user("other@example.az", &[Role::SiteSupervisor], None)
        .await;
    let other = fx.app.client();
    other
        .sign_in("other@example.az", crate::support::PASSWORD)
        .await;

    let placed = create_client(&leyla, &client_form("Placed Person", "Yasamal")).await;
    let elsewhere = create_client(&leyla, &client_form("Elsewhere Person", "Yasamal")).await;
    let ended = create_client(&leyla, &client_form("Ended Person", "Yasamal")).await;
    let order = api(
        &leyla,
        Method::POST,
        &format!("/api/v1/clients/{placed}/orders"),
        Some(order_json("public_works", Some(300))),
    )
    .await
    .json();
    let order_id = order["id"].as_i64().unwrap();
    for body in [
        json!({"kind": "risk_flag", "risk_flag": "no_work_with_children"}),
        json!({"kind": "no_driving", "order_id": order_id}),
        json!({"kind": "barred_work", "work_kinds": ["kitchen"], "order_id": order_id, "note": "Secret barred note"}),
        json!({"kind": "exclusion_zone", "radius_m": 400, "note": "Victim lives at Secret Street"}),
        json!({"kind": "curfew", "curfew_start": "22:00", "curfew_end": "06:00"}),
    ] {
        let added = api(
            &leyla,
            Method::POST,
            &format!("/api/v1/clients/{placed}/restrictions"),
            Some(body),
        )
        .await;
        assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    }
    let park = site(&fx, "Park of Heydər Əliyev", nigar_id).await;
    let another = site(&fx, "Another Site", other_id).await;
    place(&fx, placed, park, "active").await;
    place(&fx, elsewhere, another, "active").await;
    place(&fx, ended, park, "ended").await;

    let page = nigar.get("/supervisor/clients").await;
    assert_eq!(page.status, StatusCode::OK);
    let listed = api(&nigar, Method::GET, "/api/v1/supervisor/clients", None).await;
    assert_eq!(listed.status, StatusCode::OK);
    let items = listed.json();
    assert_eq!(items.as_array().unwrap().len(), 1);
    let item = &items[0];
    assert_eq!(item["name"], "Placed Person");
    assert_eq!(item["site_name"], "Park of Heydər Əliyev");
    assert_eq!(item["placed_since"], "2026-03-02");
    assert_eq!(item["may_drive"], false);
    assert_eq!(item["risk_flags"], json!(["no_work_with_children"]));
    assert_eq!(item["barred_work"], json!(["kitchen"]));
    assert!(page.body.contains("Placed Person"));
    assert!(
        page.body
            .contains(&i18n::t(Lang::En, "risk-flag-no_work_with_children"))
    );
    assert!(page.body.contains(&i18n::t(Lang::En, "work-kitchen")));
    let never = [
        "Theft of a bicycle".to_owned(),
        "1(101)-77/2026".to_owned(),
        "Səbail Rayon".to_owned(),
        "Order note for staff".to_owned(),
        "Confidential coordinator note".to_owned(),
        "Secret".to_owned(),
        "+994 50".to_owned(),
        "client@example.az".to_owned(),
        "public_works".to_owned(),
        "22:00".to_owned(),
        i18n::t(Lang::En, "order-kind-public_works"),
        i18n::t(Lang::En, "need-housing"),
        i18n::t(Lang::En, "need-employment"),
        "Elsewhere Person".to_owned(),
        "Ended Person".to_owned(),
    ];
    for secret in &never {
        assert!(!page.body.contains(secret.as_str()), "page shows {secret}");
        assert!(!listed.body.contains(secret.as_str()), "API shows {secret}");
    }
    // The other supervisor sees only their own site's client; the coordinator pages stay closed.
    let theirs = api(&other, Method::GET, "/api/v1/supervisor/clients", None)
        .await
        .json();
    assert_eq!(theirs[0]["name"], "Elsewhere Person");
    assert_eq!(theirs[0]["may_drive"], true);
    assert_eq!(
        nigar.get(&format!("/clients/{placed}")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        api(
            &nigar,
            Method::GET,
            &format!("/api/v1/clients/{placed}"),
            None
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    // Each look is audited with the clients shown.
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let rows = entity::audit_log::Entity::find()
        .filter(entity::audit_log::Column::Action.eq("client.read_limited"))
        .filter(entity::audit_log::Column::ActorId.eq(nigar_id))
        .all(&fx.app.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows[0].detail.contains(&placed.to_string()));
}

#[tokio::test]
async fn a_supervisor_without_sites_sees_an_empty_list() {
    let fx = Fixture::new().await;
    fx.user("nigar@example.az", &[Role::SiteSupervisor], None)
        .await;
    let someone_else = fx
        .user("someone@example.az", &[Role::SiteSupervisor], None)
        .await;
    site(&fx, "Another Supervisor Site", someone_else).await;
    let nigar = fx.app.client();
    nigar
        .sign_in("nigar@example.az", crate::support::PASSWORD)
        .await;
    let page = nigar.get("/supervisor/clients").await;
    assert!(page.body.contains(&i18n::t(Lang::En, "supervisor-none")));
    assert_eq!(
        api(&nigar, Method::GET, "/api/v1/supervisor/clients", None)
            .await
            .json(),
        json!([])
    );
}
