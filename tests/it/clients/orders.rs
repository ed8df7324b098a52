//! Orders: every kind can be recorded, hours are checked against the jurisdiction's range,
//! dates must make sense, and changes are audited without the offence.

use axum::http::{Method, StatusCode};
use korpu::domain::orders::OrderKind;
use korpu::i18n::{self, Lang};
use serde_json::json;

use super::{Fixture, api, client_form, create_client, error_fields, order_json, submit};

#[tokio::test]
async fn every_kind_of_order_can_be_recorded() {
    let fx = Fixture::new().await;
    let leyla = fx.baku_coordinator("leyla@example.az").await;
    let id = create_client(&leyla, &client_form("Many Orders", "Yasamal")).await;
    for kind in OrderKind::ALL {
        let hours = kind
            .is_hour_counted()
            .then_some(if *kind == OrderKind::PublicWorks {
                240
            } else {
                40
            });
        let response = api(
            &leyla,
            Method::POST,
            &format!("/api/v1/clients/{id}/orders"),
            Some(order_json(kind.as_str(), hours)),
        )
        .await;
        assert_eq!(
            response.status,
            StatusCode::CREATED,
            "{kind}: {}",
            response.body
        );
        assert_eq!(response.json()["hour_counted"], kind.is_hour_counted());
    }
    let detail = api(&leyla, Method::GET, &format!("/api/v1/clients/{id}"), None)
        .await
        .json();
    assert_eq!(
        detail["orders"].as_array().unwrap().len(),
        OrderKind::ALL.len()
    );
    let page = leyla.get(&format!("/clients/{id}")).await.body;
    for kind in OrderKind::ALL {
        assert!(
            page.contains(&i18n::t(Lang::En, kind.message_key())),
            "{kind}"
        );
    }
}

#[tokio::test]
async fn hours_outside_the_rules_range_are_refused_in_forms_and_json() {
    let fx = Fixture::new().await;
    let leyla = fx.baku_coordinator("leyla@example.az").await;
    let id = create_client(&leyla, &client_form("Hours Check", "Yasamal")).await;
    let path = format!("/api/v1/clients/{id}/orders");
    for hours in [100, 481] {
        let fields = error_fields(
            &api(
                &leyla,
                Method::POST,
                &path,
                Some(order_json("public_works", Some(hours))),
            )
            .await,
        );
        assert_eq!(
            fields,
            [(
                "hours_ordered".to_owned(),
                "error-order-hours-range".to_owned()
            )]
        );
    }
    let mut negative = order_json("public_works", None);
    negative["hours_ordered"] = json!(-5);
    assert_eq!(
        error_fields(&api(&leyla, Method::POST, &path, Some(negative)).await)[0].0,
        "hours_ordered"
    );
    let missing = error_fields(
        &api(
            &leyla,
            Method::POST,
            &path,
            Some(order_json("public_works", None)),
        )
        .await,
    );
    assert_eq!(
        missing,
        [("hours_ordered".to_owned(), "error-required".to_owned())]
    );
    let on_a_fine = error_fields(
        &api(
            &leyla,
            Method::POST,
            &path,
            Some(order_json("fine", Some(10))),
        )
        .await,
    );
    assert_eq!(
        on_a_fine,
        [(
            "hours_ordered".to_owned(),
            "error-order-hours-not-counted".to_owned()
        )]
    );
    // The form shows the range in the message and keeps the input.
    let form = [
        ("kind", "public_works".to_owned()),
        ("authority", "Court".to_owned()),
        ("reference", "R-1".to_owned()),
        ("decision_date", "2026-01-01".to_owned()),
        ("start_date", "2026-01-02".to_owned()),
        ("end_date", "2026-06-01".to_owned()),
        ("status", "active".to_owned()),
        ("hours_ordered", "1000".to_owned()),
    ];
    let response = submit(
        &leyla,
        &format!("/clients/{id}/orders/new"),
        &format!("/clients/{id}/orders"),
        &form,
    )
    .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = i18n::t_args(
        Lang::En,
        "error-order-hours-range",
        &i18n::args([("min", 240.into()), ("max", 480.into())]),
    );
    assert!(response.body.contains(&message), "{message}");
    assert!(response.body.contains("value=\"1000\""));
    let detail = api(&leyla, Method::GET, &format!("/api/v1/clients/{id}"), None)
        .await
        .json();
    assert!(detail["orders"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn an_order_must_end_after_it_starts_and_start_after_the_decision() {
    let fx = Fixture::new().await;
    let leyla = fx.baku_coordinator("leyla@example.az").await;
    let id = create_client(&leyla, &client_form("Dates Check", "Yasamal")).await;
    let path = format!("/api/v1/clients/{id}/orders");
    let mut order = order_json("conditional_sentence", None);
    order["end_date"] = json!("2026-01-15");
    assert_eq!(
        error_fields(&api(&leyla, Method::POST, &path, Some(order.clone())).await),
        [("end_date".to_owned(), "error-end-before-start".to_owned())]
    );
    order["end_date"] = json!("2026-12-31");
    order["start_date"] = json!("2025-12-31");
    assert_eq!(
        error_fields(&api(&leyla, Method::POST, &path, Some(order.clone())).await),
        [(
            "start_date".to_owned(),
            "error-order-start-before-decision".to_owned()
        )]
    );
    order["start_date"] = json!("2026-02-30");
    order["kind"] = json!("exile");
    order["status"] = json!("forgotten");
    let fields = error_fields(&api(&leyla, Method::POST, &path, Some(order)).await);
    for expected in [
        ("start_date", "error-case-date"),
        ("kind", "error-order-kind"),
        ("status", "error-order-status"),
    ] {
        assert!(
            fields.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} in {fields:?}"
        );
    }
}

#[tokio::test]
async fn changing_an_order_is_audited_without_the_offence() {
    let fx = Fixture::new().await;
    let leyla = fx.baku_coordinator("leyla@example.az").await;
    let id = create_client(&leyla, &client_form("Status Change", "Yasamal")).await;
    let created = api(
        &leyla,
        Method::POST,
        &format!("/api/v1/clients/{id}/orders"),
        Some(order_json("public_works", Some(300))),
    )
    .await
    .json();
    let order_id = created["id"].as_i64().unwrap();
    let mut change = order_json("public_works", Some(300));
    change["status"] = json!("breached");
    let updated = api(
        &leyla,
        Method::PUT,
        &format!("/api/v1/clients/{id}/orders/{order_id}"),
        Some(change),
    )
    .await;
    assert_eq!(updated.json()["status"], "breached");
    // Through the form as well.
    let edit = leyla
        .get(&format!("/clients/{id}/orders/{order_id}/edit"))
        .await;
    assert!(edit.body.contains("Theft of a bicycle"));
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let rows = entity::audit_log::Entity::find()
        .filter(entity::audit_log::Column::Action.starts_with("order."))
        .all(&fx.app.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    assert!(
        rows[1].detail.contains("\"status_before\":\"active\"")
            && rows[1].detail.contains("\"status\":\"breached\"")
    );
    assert!(rows.iter().all(|r| !r.detail.contains("bicycle")));
    // Another client's order cannot be changed through this client.
    let other = create_client(&leyla, &client_form("Other Client", "Yasamal")).await;
    let wrong = api(
        &leyla,
        Method::PUT,
        &format!("/api/v1/clients/{other}/orders/{order_id}"),
        Some(order_json("public_works", Some(300))),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
}
