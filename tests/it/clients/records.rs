//! Client records: creating through the form and the API, field validation, search and
//! filters, closing, and the audit of reads.

use axum::http::{Method, StatusCode};
use korpu::i18n::{self, Lang};
use serde_json::json;

use super::{Fixture, api, client_form, create_client, error_fields, order_json, submit, with};

#[tokio::test]
async fn a_coordinator_creates_a_client_and_finds_it_in_the_list_and_on_its_page() {
    let fx = Fixture::new().await;
    let leyla = fx.baku_coordinator("leyla@example.az").await;
    let id = create_client(&leyla, &client_form("Əli Həsənov", "Yasamal")).await;
    let page = leyla.get(&format!("/clients/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    for shown in [
        "Əli Həsənov",
        "Yasamal",
        "+994 50 123 45 67",
        "Confidential coordinator note",
        "data-area-map",
    ] {
        assert!(page.body.contains(shown), "{shown} missing");
    }
    assert!(page.body.contains(&i18n::t(Lang::En, "need-housing")));
    let list = leyla.get("/clients").await;
    assert!(list.body.contains(&format!("/clients/{id}")));
    // The home resolved through the gazetteer and the region defaulted to the nearest.
    let detail = api(&leyla, Method::GET, &format!("/api/v1/clients/{id}"), None)
        .await
        .json();
    assert_eq!(detail["home"]["settlement"], "Yasamal");
    assert_eq!(detail["region"]["code"], "baku");
    assert_eq!(detail["availability"][0]["start"], "09:00");
    assert_eq!(detail["needs"], json!(["employment", "housing"]));
}

#[tokio::test]
async fn every_bad_field_is_shown_next_to_it_and_nothing_is_saved() {
    let fx = Fixture::new().await;
    let leyla = fx.baku_coordinator("leyla@example.az").await;
    let mut fields = client_form("", "");
    for (name, value) in [
        ("birth_date", "2026-02-30"),
        ("phone", "=HYPERLINK(1)"),
        ("email", "not-an-address"),
        ("home_lat", "NaN"),
        ("home_lon", "49.8"),
        ("other_languages", "klingon"),
        ("av_end", "08:00"),
    ] {
        fields = with(fields, name, value);
    }
    let response = submit(&leyla, "/clients/new", "/clients", &fields).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    for key in [
        "error-required",
        "error-case-date",
        "error-case-phone",
        "error-email-invalid",
        "error-latitude",
        "error-language-code",
        "error-end-before-start",
    ] {
        assert!(
            response.body.contains(&i18n::t(Lang::En, key)),
            "{key} not shown"
        );
    }
    // Submitted values are kept.
    assert!(response.body.contains("not-an-address"));
    // A latitude out of range, and a future birth date, are refused too.
    let fields = with(
        with(client_form("Ok Name", ""), "home_lat", "91"),
        "home_lon",
        "49",
    );
    let response = submit(&leyla, "/clients/new", "/clients", &fields).await;
    assert!(response.body.contains(&i18n::t(Lang::En, "error-latitude")));
    let fields = with(
        client_form("Ok Name", "Yasamal"),
        "birth_date",
        "2100-01-01",
    );
    let response = submit(&leyla, "/clients/new", "/clients", &fields).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        !fx.app
            .audit_actions()
            .await
            .contains(&"client.created".to_owned())
    );
    let list = api(&leyla, Method::GET, "/api/v1/clients?state=all", None)
        .await
        .json();
    assert_eq!(list["total"], 0);
}

#[tokio::test]
async fn the_api_creates_changes_and_closes_a_client_with_the_same_rules() {
    let fx = Fixture::new().await;
    let leyla = fx.baku_coordinator("leyla@example.az").await;
    let body = json!({
        "name": "Rəna Vəliyeva",
        "birth_date": "1988-02-29",
        "languages": ["az", "EN"],
        "home": { "lat": 40.38, "lon": 49.81 },
        "needs": ["debt"],
        "availability": [{ "day": 2, "start": "18:00", "end": "21:00" }],
    });
    let created = api(&leyla, Method::POST, "/api/v1/clients", Some(body.clone())).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let client = created.json();
    let id = client["id"].as_i64().unwrap();
    assert_eq!(client["languages"], json!(["az", "en"]));
    assert_eq!(client["region"]["code"], "baku");
    // Bad values in JSON: coordinates out of range, unknown need, unknown region.
    let mut bad = body.clone();
    bad["home"] = json!({ "lat": 40.38, "lon": 181 });
    bad["needs"] = json!(["money"]);
    bad["region_id"] = json!(999);
    let fields = error_fields(
        &api(
            &leyla,
            Method::PUT,
            &format!("/api/v1/clients/{id}"),
            Some(bad),
        )
        .await,
    );
    for expected in ["home_lon", "needs", "region_id"] {
        assert!(
            fields.iter().any(|(f, _)| f == expected),
            "{expected}: {fields:?}"
        );
    }
    let mut renamed = body.clone();
    renamed["name"] = json!("Rəna Vəliyeva-Quliyeva");
    let updated = api(
        &leyla,
        Method::PUT,
        &format!("/api/v1/clients/{id}"),
        Some(renamed.clone()),
    )
    .await;
    assert_eq!(updated.json()["name"], "Rəna Vəliyeva-Quliyeva");
    let future = api(
        &leyla,
        Method::POST,
        &format!("/api/v1/clients/{id}/close"),
        Some(json!({"closed_on": "2199-01-01", "reason": "x"})),
    )
    .await;
    assert_eq!(
        error_fields(&future),
        [(
            "closed_on".to_owned(),
            "error-client-close-future".to_owned()
        )]
    );
    let closed = api(
        &leyla,
        Method::POST,
        &format!("/api/v1/clients/{id}/close"),
        Some(json!({"closed_on": "2026-01-05", "reason": "Moved abroad"})),
    )
    .await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.body);
    assert_eq!(closed.json()["closed_on"], "2026-01-05");
    // A closed case can be read but not changed.
    let again = api(
        &leyla,
        Method::PUT,
        &format!("/api/v1/clients/{id}"),
        Some(renamed),
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let order = api(
        &leyla,
        Method::POST,
        &format!("/api/v1/clients/{id}/orders"),
        Some(order_json("fine", None)),
    )
    .await;
    assert_eq!(order.status, StatusCode::CONFLICT);
    assert_eq!(
        api(&leyla, Method::GET, &format!("/api/v1/clients/{id}"), None)
            .await
            .status,
        StatusCode::OK
    );
    let actions = fx.app.audit_actions().await;
    for action in ["client.created", "client.updated", "client.closed"] {
        assert!(actions.contains(&action.to_owned()), "{action}");
    }
}

#[tokio::test]
async fn clients_are_found_by_azerbaijani_names_and_filtered() {
    let fx = Fixture::new().await;
    let leyla = fx.baku_coordinator("leyla@example.az").await;
    let ilham = create_client(&leyla, &client_form("İlham Şükürov", "Yasamal")).await;
    let ilkin = create_client(
        &leyla,
        &with(client_form("Ilkin Qasımov", "Nəsimi"), "needs", "debt"),
    )
    .await;
    api(
        &leyla,
        Method::POST,
        &format!("/api/v1/clients/{ilham}/orders"),
        Some(order_json("public_works", Some(300))),
    )
    .await;
    let mut driving = order_json("driving_ban", None);
    driving["status"] = json!("suspended");
    api(
        &leyla,
        Method::POST,
        &format!("/api/v1/clients/{ilkin}/orders"),
        Some(driving),
    )
    .await;
    let names = |path: String| {
        let leyla = &leyla;
        async move {
            let body = api(leyla, Method::GET, &path, None).await.json();
            body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["name"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    // "İLHAM ŞÜKÜROV" and "ilham" find İlham only; "ılkin" (dotless) finds Ilkin only.
    assert_eq!(
        names("/api/v1/clients?q=%C4%B0LHAM%20%C5%9E%C3%9CK%C3%9CROV".into()).await,
        ["İlham Şükürov"]
    );
    assert_eq!(
        names("/api/v1/clients?q=ilham".into()).await,
        ["İlham Şükürov"]
    );
    assert_eq!(
        names("/api/v1/clients?q=%C4%B1lkin".into()).await,
        ["Ilkin Qasımov"]
    );
    assert_eq!(
        names("/api/v1/clients?need=debt".into()).await,
        ["Ilkin Qasımov"]
    );
    assert_eq!(
        names("/api/v1/clients?order_kind=public_works".into()).await,
        ["İlham Şükürov"]
    );
    assert_eq!(
        names("/api/v1/clients?order_status=suspended".into()).await,
        ["Ilkin Qasımov"]
    );
    assert_eq!(
        names("/api/v1/clients?order_kind=public_works&order_status=suspended".into()).await,
        Vec::<String>::new()
    );
    assert_eq!(
        names(format!("/api/v1/clients?region_id={}", fx.ganja)).await,
        Vec::<String>::new()
    );
    assert_eq!(
        names(format!("/api/v1/clients?region_id={}&need=", fx.baku))
            .await
            .len(),
        2
    );
    assert_eq!(
        api(&leyla, Method::GET, "/api/v1/clients?need=money", None)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    let page = leyla.get("/clients?q=%C4%B1lkin&need=&order_kind=&order_status=&region_id=&coordinator_id=&state=").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Ilkin Qasımov") && !page.body.contains("İlham Şükürov"));
}

#[tokio::test]
async fn reading_a_client_record_is_audited_for_pages_and_the_api() {
    let fx = Fixture::new().await;
    let leyla = fx.baku_coordinator("leyla@example.az").await;
    let id = create_client(&leyla, &client_form("Əli Həsənov", "Yasamal")).await;
    let reads = || async {
        entity::audit_log::Entity::find()
            .filter(entity::audit_log::Column::Action.eq("client.read"))
            .filter(entity::audit_log::Column::ObjectId.eq(id))
            .all(&fx.app.db)
            .await
            .unwrap()
    };
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let before = reads().await.len();
    leyla.get(&format!("/clients/{id}")).await;
    api(&leyla, Method::GET, &format!("/api/v1/clients/{id}"), None).await;
    let after = reads().await;
    assert_eq!(after.len(), before + 2);
    assert!(
        after
            .iter()
            .all(|r| r.actor_label == "leyla@example.az"
                && r.object_type.as_deref() == Some("client"))
    );
    // The list names clients but is not a read of their records.
    leyla.get("/clients").await;
    assert_eq!(reads().await.len(), before + 2);
}
