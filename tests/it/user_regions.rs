//! Coordinators' regions: set when inviting, changed on the user page and over the API, checked
//! and audited; only admins may change them.

use axum::http::{Method, StatusCode};
use korpu::auth::Role;
use korpu::i18n::{self, Lang};
use serde_json::json;

use crate::sites::create_regions;
use crate::support::TestApp;
use crate::support_json::send_json;

async fn region_id(app: &TestApp, code: &str) -> i64 {
    korpu::services::regions::list(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.code == code)
        .expect("region")
        .id
}

#[tokio::test]
async fn an_invited_coordinator_gets_the_chosen_region_and_an_unknown_one_is_refused() {
    let app = TestApp::spawn().await;
    create_regions(&app).await;
    let ganja = region_id(&app, "ganja").await;
    let admin = app.signed_in("admin@example.az", &[Role::Admin]).await;
    let form = admin.get("/admin/users/new").await;
    assert!(form.body.contains("Gəncə"));

    let refused = admin
        .post_form(
            "/admin/users",
            &[
                ("email", "aysel@example.az"),
                ("name", "Aysel Həsənova"),
                ("roles", "coordinator"),
                ("region", "999999"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains(&i18n::t(Lang::En, "error-region-unknown"))
    );
    assert!(app.outbox().await.is_empty(), "nothing half-written");

    let invited = admin
        .post_form(
            "/admin/users",
            &[
                ("email", "aysel@example.az"),
                ("name", "Aysel Həsənova"),
                ("roles", "coordinator"),
                ("region", &ganja.to_string()),
            ],
        )
        .await;
    assert_eq!(invited.status, StatusCode::SEE_OTHER);
    let page = admin.get(&invited.location().unwrap()).await;
    assert!(page.body.contains(&format!("value=\"{ganja}\" selected")));
    let user = korpu::services::accounts::find_by_email(&app.db, "aysel@example.az")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.region_id, Some(ganja));
}

#[tokio::test]
async fn an_admin_moves_a_user_to_another_region_on_the_page_and_over_the_api() {
    let app = TestApp::spawn().await;
    create_regions(&app).await;
    let baku = region_id(&app, "baku").await;
    let sumqayit = region_id(&app, "sumqayit").await;
    let coordinator = app
        .create_user("rauf@example.az", &[Role::Coordinator])
        .await;
    let admin = app.signed_in("admin@example.az", &[Role::Admin]).await;

    admin.get(&format!("/admin/users/{coordinator}")).await;
    let saved = admin
        .post_form(
            &format!("/admin/users/{coordinator}/region"),
            &[("region", &baku.to_string())],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let shown = admin
        .get(&format!("/api/v1/users/{coordinator}"))
        .await
        .json();
    assert_eq!(shown["region_id"], json!(baku));

    let path = format!("/api/v1/users/{coordinator}/region");
    let moved = send_json(
        &admin,
        Method::PUT,
        &path,
        &json!({ "region_id": sumqayit }),
    )
    .await;
    assert_eq!(moved.status, StatusCode::OK);
    assert_eq!(moved.json()["region_id"], json!(sumqayit));

    let unknown = send_json(&admin, Method::PUT, &path, &json!({ "region_id": 424242 })).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    let cleared = send_json(&admin, Method::PUT, &path, &json!({ "region_id": null })).await;
    assert_eq!(cleared.json()["region_id"], json!(null));
    let nobody = send_json(
        &admin,
        Method::PUT,
        "/api/v1/users/987654/region",
        &json!({ "region_id": baku }),
    )
    .await;
    assert_eq!(nobody.status, StatusCode::NOT_FOUND);

    let moves = app
        .audit_actions()
        .await
        .into_iter()
        .filter(|a| a == "user.region_set")
        .count();
    assert_eq!(moves, 3);

    let coordinator_client = app.client();
    coordinator_client
        .sign_in("rauf@example.az", crate::support::PASSWORD)
        .await;
    coordinator_client.get("/clients").await;
    let refused = send_json(
        &coordinator_client,
        Method::PUT,
        &path,
        &json!({ "region_id": baku }),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}
