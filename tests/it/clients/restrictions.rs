//! Restrictions and areas: each kind can be added and lifted, areas are validated (closed
//! rings, no self-intersection, coordinates in range), stored as GeoJSON and drawn on the
//! map, and the restrictions in force fold into what matching reads.

use axum::http::{Method, StatusCode};
use korpu::domain::location::Location;
use korpu::domain::restrictions::{PlaceRefusal, RiskFlag};
use korpu::domain::work::WorkKind;
use korpu::i18n::{self, Lang};
use korpu::services::clients::profile;
use serde_json::{Value, json};

use super::{Fixture, api, client_form, create_client, error_fields, order_json, submit};

const OPEN_RING: &str = r#"{"type":"Polygon","coordinates":[[[49.80,40.35],[49.90,40.35],[49.90,40.45],[49.80,40.45]]]}"#;
const BOW_TIE: &str = r#"{"type":"Polygon","coordinates":[[[49.80,40.35],[49.90,40.45],[49.90,40.35],[49.80,40.45],[49.80,40.35]]]}"#;
const SQUARE: &str = r#"{"type":"Polygon","coordinates":[[[49.80,40.35],[49.90,40.35],[49.90,40.45],[49.80,40.45],[49.80,40.35]]]}"#;

async fn add(
    browser: &crate::support::TestClient,
    id: i64,
    body: Value,
) -> crate::support::TestResponse {
    api(
        browser,
        Method::POST,
        &format!("/api/v1/clients/{id}/restrictions"),
        Some(body),
    )
    .await
}

#[tokio::test]
async fn polygons_that_do_not_close_or_cross_themselves_are_refused() {
    let fx = Fixture::new().await;
    let leyla = fx.baku_coordinator("leyla@example.az").await;
    let id = create_client(&leyla, &client_form("Area Check", "Yasamal")).await;
    for (area, code) in [
        (json!(OPEN_RING), "error-area-ring-open"),
        (json!(BOW_TIE), "error-area-self-intersection"),
        (
            serde_json::from_str::<Value>(BOW_TIE).unwrap(),
            "error-area-self-intersection",
        ),
        (
            json!({"type":"Polygon","coordinates":[[[49.8,40.35],[49.9,40.35],[49.8,40.35]]]}),
            "error-area-ring-short",
        ),
        (
            json!({"type":"Polygon","coordinates":[[[49.8,95.0],[49.9,40.35],[49.9,40.45],[49.8,95.0]]]}),
            "error-area-coordinates",
        ),
        (
            json!({"type":"Polygon","coordinates":[[[190.0,40.0],[49.9,40.35],[49.9,40.45],[190.0,40.0]]]}),
            "error-area-coordinates",
        ),
        (json!("{not json"), "error-area-json"),
        (
            json!({"type":"LineString","coordinates":[[49.8,40.35],[49.9,40.45]]}),
            "error-area-type",
        ),
    ] {
        let response = add(&leyla, id, json!({"kind": "exclusion_zone", "area": area})).await;
        assert_eq!(
            error_fields(&response),
            [("area".to_owned(), code.to_owned())],
            "{area}"
        );
    }
    let radius = add(&leyla, id, json!({"kind": "exclusion_zone", "radius_m": 3})).await;
    assert_eq!(
        error_fields(&radius),
        [("radius_m".to_owned(), "error-area-radius".to_owned())]
    );
    let centre = add(&leyla, id, json!({"kind": "permitted_area", "radius_m": 500, "centre_lat": 40.4, "centre_lon": "east"})).await;
    assert_eq!(error_fields(&centre)[0].0, "centre_lon");
    // The form shows the message in the user's language and keeps the pasted text.
    let fields = [
        ("kind", "permitted_area".to_owned()),
        ("area", BOW_TIE.to_owned()),
    ];
    let response = submit(
        &leyla,
        &format!("/clients/{id}/restrictions/new?kind=permitted_area"),
        &format!("/clients/{id}/restrictions"),
        &fields,
    )
    .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .body
            .contains(&i18n::t(Lang::En, "error-area-self-intersection"))
    );
    assert!(response.body.contains("49.9"), "the pasted GeoJSON is kept");
    let detail = api(&leyla, Method::GET, &format!("/api/v1/clients/{id}"), None)
        .await
        .json();
    assert!(detail["restrictions"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn each_kind_of_restriction_is_added_shown_and_lifted() {
    let fx = Fixture::new().await;
    let leyla = fx.baku_coordinator("leyla@example.az").await;
    let id = create_client(&leyla, &client_form("All Restrictions", "Yasamal")).await;
    let order = api(
        &leyla,
        Method::POST,
        &format!("/api/v1/clients/{id}/orders"),
        Some(order_json("restriction_of_freedom", None)),
    )
    .await
    .json();
    let order_id = order["id"].as_i64().unwrap();
    let bodies = [
        json!({"kind": "no_driving", "order_id": order_id}),
        json!({"kind": "barred_work", "work_kinds": ["childcare", "kitchen"], "order_id": order_id}),
        json!({"kind": "permitted_area", "area": SQUARE, "order_id": order_id}),
        json!({"kind": "curfew", "curfew_start": "22:00", "curfew_end": "06:00", "order_id": order_id}),
        json!({"kind": "exclusion_zone", "radius_m": 300, "centre_lat": 40.40, "centre_lon": 49.85, "note": "Around the victim's home"}),
        json!({"kind": "risk_flag", "risk_flag": "no_work_with_children"}),
    ];
    for body in &bodies {
        let response = add(&leyla, id, body.clone()).await;
        assert_eq!(
            response.status,
            StatusCode::CREATED,
            "{body}: {}",
            response.body
        );
    }
    // A restriction cannot name another client's order.
    let other = create_client(&leyla, &client_form("Other", "Yasamal")).await;
    let wrong = add(
        &leyla,
        other,
        json!({"kind": "no_driving", "order_id": order_id}),
    )
    .await;
    assert_eq!(
        error_fields(&wrong),
        [("order_id".to_owned(), "error-restriction-order".to_owned())]
    );

    let detail = api(&leyla, Method::GET, &format!("/api/v1/clients/{id}"), None)
        .await
        .json();
    let restrictions = detail["restrictions"].as_array().unwrap();
    assert_eq!(restrictions.len(), 6);
    let permitted = restrictions
        .iter()
        .find(|r| r["kind"] == "permitted_area")
        .unwrap();
    assert_eq!(permitted["area"]["type"], "Polygon");
    assert_eq!(permitted["area_summary"]["points"], 5);
    let page = leyla.get(&format!("/clients/{id}")).await.body;
    assert!(page.contains("22:00–06:00"));
    assert!(page.contains(&i18n::t(Lang::En, "work-childcare")));
    assert!(page.contains("radius_m"), "the map data holds the circle");

    // What matching reads.
    let profile = profile::profile(&fx.app.db, id).await.unwrap();
    let c = &profile.constraints;
    assert!(!c.may_drive);
    assert_eq!(c.barred_work, [WorkKind::Kitchen, WorkKind::Childcare]);
    assert_eq!(c.risk_flags, [RiskFlag::NoWorkWithChildren]);
    assert_eq!(c.curfews.len(), 1);
    assert_eq!(
        c.place_allowed(&Location {
            lat: 40.40,
            lon: 49.85
        }),
        Err(PlaceRefusal::InExclusionZone)
    );
    assert_eq!(
        c.place_allowed(&Location {
            lat: 40.42,
            lon: 49.82
        }),
        Ok(())
    );
    assert_eq!(
        c.place_allowed(&Location {
            lat: 40.6828,
            lon: 46.3606
        }),
        Err(PlaceRefusal::OutsidePermittedArea)
    );
    assert!(profile.languages.contains(&"az".to_owned()));

    // Completing the order ends the restrictions it brought; the others stay.
    let mut completed = order_json("restriction_of_freedom", None);
    completed["status"] = json!("completed");
    api(
        &leyla,
        Method::PUT,
        &format!("/api/v1/clients/{id}/orders/{order_id}"),
        Some(completed),
    )
    .await;
    let c = profile::profile(&fx.app.db, id).await.unwrap().constraints;
    assert!(
        c.may_drive
            && c.barred_work.is_empty()
            && c.permitted_areas.is_empty()
            && c.curfews.is_empty()
    );
    assert_eq!(c.exclusion_zones.len(), 1);
    assert_eq!(c.risk_flags.len(), 1);

    // Lifting through the page.
    let flag = restrictions
        .iter()
        .find(|r| r["kind"] == "risk_flag")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    leyla.get(&format!("/clients/{id}")).await;
    let lifted = leyla
        .post_form(&format!("/clients/{id}/restrictions/{flag}/remove"), &[])
        .await;
    assert_eq!(lifted.status, StatusCode::SEE_OTHER);
    let removed = api(
        &leyla,
        Method::DELETE,
        &format!("/api/v1/clients/{id}/restrictions/{flag}"),
        None,
    )
    .await;
    assert_eq!(removed.status, StatusCode::NOT_FOUND);
    assert!(
        profile::profile(&fx.app.db, id)
            .await
            .unwrap()
            .constraints
            .risk_flags
            .is_empty()
    );
    let actions = fx.app.audit_actions().await;
    assert_eq!(
        actions.iter().filter(|a| *a == "restriction.added").count(),
        6
    );
    assert!(actions.contains(&"restriction.removed".to_owned()));
}

#[tokio::test]
async fn an_area_drawn_in_the_form_is_stored_and_a_radius_is_drawn_around_home() {
    let fx = Fixture::new().await;
    let leyla = fx.baku_coordinator("leyla@example.az").await;
    let id = create_client(&leyla, &client_form("Form Areas", "Yasamal")).await;
    let page = leyla
        .get(&format!(
            "/clients/{id}/restrictions/new?kind=exclusion_zone"
        ))
        .await;
    assert!(page.body.contains("data-editor-for=\"f-area\""));
    assert!(page.body.contains("/static/js/area-editor.js"));
    let action = format!("/clients/{id}/restrictions");
    let drawn = leyla
        .post_form(
            &action,
            &[
                ("kind", "exclusion_zone"),
                ("area", SQUARE),
                ("note", "School"),
            ],
        )
        .await;
    assert_eq!(drawn.status, StatusCode::SEE_OTHER, "{}", drawn.body);
    let circle = leyla
        .post_form(&action, &[("kind", "permitted_area"), ("radius_m", "2000")])
        .await;
    assert_eq!(circle.status, StatusCode::SEE_OTHER, "{}", circle.body);
    let curfew = leyla
        .post_form(
            &action,
            &[
                ("kind", "curfew"),
                ("curfew_start", "21:00"),
                ("curfew_end", "21:00"),
            ],
        )
        .await;
    assert_eq!(curfew.status, StatusCode::UNPROCESSABLE_ENTITY);
    let barred = leyla
        .post_form(
            &action,
            &[("kind", "barred_work"), ("work_kinds", "juggling")],
        )
        .await;
    assert!(
        barred
            .body
            .contains(&i18n::t(Lang::En, "error-restriction-work-kind"))
    );
    let c = profile::profile(&fx.app.db, id).await.unwrap();
    assert_eq!(c.constraints.exclusion_zones.len(), 1);
    assert!(c.constraints.permitted_areas[0].contains(&c.home));
}
