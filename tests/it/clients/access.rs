//! Who sees which client: region scoping for coordinators, restricted records for named staff
//! only (admins included only when named), and the audit of refused reads.

use axum::http::{Method, StatusCode};
use korpu::auth::Role;
use serde_json::json;

use super::{Fixture, api, client_form, create_client, with};

#[tokio::test]
async fn coordinators_see_the_clients_of_their_own_region_and_admins_see_all() {
    let fx = Fixture::new().await;
    let leyla = fx.baku_coordinator("leyla@example.az").await;
    let rashad = fx
        .signed_in("rashad@example.az", &[Role::Coordinator], Some(fx.ganja))
        .await;
    let admin = fx.signed_in("admin@example.az", &[Role::Admin], None).await;
    let in_baku = create_client(&leyla, &client_form("Baku Client", "Yasamal")).await;
    let in_ganja = create_client(&rashad, &client_form("Ganja Client", "Gəncə")).await;

    let leyla_list = leyla.get("/clients").await.body;
    assert!(leyla_list.contains("Baku Client") && !leyla_list.contains("Ganja Client"));
    assert_eq!(
        leyla.get(&format!("/clients/{in_ganja}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        api(
            &leyla,
            Method::GET,
            &format!("/api/v1/clients/{in_ganja}"),
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        api(
            &leyla,
            Method::POST,
            &format!("/api/v1/clients/{in_ganja}/orders"),
            Some(json!({}))
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        rashad.get(&format!("/clients/{in_baku}")).await.status,
        StatusCode::NOT_FOUND
    );
    let all = api(&admin, Method::GET, "/api/v1/clients", None)
        .await
        .json();
    assert_eq!(all["total"], 2);
    assert_eq!(
        admin.get(&format!("/clients/{in_ganja}")).await.status,
        StatusCode::OK
    );
    // The refused read is in the audit log.
    assert!(
        fx.app
            .audit_actions()
            .await
            .contains(&"client.read_denied".to_owned())
    );
}

#[tokio::test]
async fn the_responsible_coordinator_sees_their_client_in_another_region() {
    let fx = Fixture::new().await;
    let leyla = fx.baku_coordinator("leyla@example.az").await;
    let id = create_client(&leyla, &client_form("Moved To Ganja", "Gəncə")).await;
    let detail = api(&leyla, Method::GET, &format!("/api/v1/clients/{id}"), None).await;
    assert_eq!(detail.status, StatusCode::OK);
    assert_eq!(detail.json()["region"]["code"], "ganja");
    let rashad = fx
        .signed_in("rashad@example.az", &[Role::Coordinator], Some(fx.ganja))
        .await;
    assert_eq!(
        rashad.get(&format!("/clients/{id}")).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_restricted_record_is_seen_only_by_named_staff_and_its_coordinator() {
    let fx = Fixture::new().await;
    let leyla = fx.baku_coordinator("leyla@example.az").await;
    let aysel_id = fx
        .user("aysel@example.az", &[Role::Coordinator], Some(fx.ganja))
        .await;
    let aysel = fx.app.client();
    aysel
        .sign_in("aysel@example.az", crate::support::PASSWORD)
        .await;
    let tahir = fx.baku_coordinator("tahir@example.az").await;
    let admin = fx.signed_in("admin@example.az", &[Role::Admin], None).await;
    let fields = with(
        with(client_form("Hidden Person", "Yasamal"), "restricted", "1"),
        "access",
        &aysel_id.to_string(),
    );
    let id = create_client(&leyla, &fields).await;

    // Named staff (from another region) and the responsible coordinator see it.
    assert_eq!(
        aysel.get(&format!("/clients/{id}")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        leyla.get(&format!("/clients/{id}")).await.status,
        StatusCode::OK
    );
    assert!(aysel.get("/clients").await.body.contains("Hidden Person"));
    // A coordinator of the same region and an admin who are not named do not.
    for other in [&tahir, &admin] {
        assert_eq!(
            other.get(&format!("/clients/{id}")).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            api(other, Method::GET, &format!("/api/v1/clients/{id}"), None)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert!(!other.get("/clients").await.body.contains("Hidden Person"));
        assert_eq!(
            api(other, Method::GET, "/api/v1/clients?q=hidden", None)
                .await
                .json()["total"],
            0
        );
    }
    // Lifting the restriction brings it back for the region and admins.
    let mut body = api(&leyla, Method::GET, &format!("/api/v1/clients/{id}"), None)
        .await
        .json();
    assert_eq!(
        body["access"].as_array().unwrap().len(),
        2,
        "aysel and leyla (who restricted it)"
    );
    body["restricted"] = json!(false);
    let input = json!({
        "name": body["name"], "birth_date": body["birth_date"], "home": {"settlement": "Yasamal"},
        "restricted": false,
    });
    assert_eq!(
        api(
            &leyla,
            Method::PUT,
            &format!("/api/v1/clients/{id}"),
            Some(input)
        )
        .await
        .status,
        StatusCode::OK
    );
    assert_eq!(
        tahir.get(&format!("/clients/{id}")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        admin.get(&format!("/clients/{id}")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        aysel.get(&format!("/clients/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_admin_who_restricts_a_record_is_named_on_it_and_only_staff_can_be_named() {
    let fx = Fixture::new().await;
    let leyla_id = fx
        .user("leyla@example.az", &[Role::Coordinator], Some(fx.baku))
        .await;
    let mentor_id = fx.user("mentor@example.az", &[Role::Mentor], None).await;
    let admin = fx.signed_in("admin@example.az", &[Role::Admin], None).await;
    let body = json!({
        "name": "Restricted By Admin", "birth_date": "1980-01-01", "home": {"settlement": "Yasamal"},
        "coordinator_id": leyla_id, "restricted": true, "access": [mentor_id],
    });
    let refused = api(&admin, Method::POST, "/api/v1/clients", Some(body.clone())).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.json()["error"]["fields"][0]["field"], "access");
    let mut body = body;
    body["access"] = json!([]);
    let created = api(&admin, Method::POST, "/api/v1/clients", Some(body)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.json()["id"].as_i64().unwrap();
    assert_eq!(
        admin.get(&format!("/clients/{id}")).await.status,
        StatusCode::OK
    );
    // An admin must name a responsible coordinator; a mentor cannot be one.
    let orphan = json!({"name": "No Coordinator", "birth_date": "1980-01-01", "home": {"settlement": "Yasamal"}});
    assert_eq!(
        api(&admin, Method::POST, "/api/v1/clients", Some(orphan))
            .await
            .json()["error"]["fields"][0]["field"],
        "coordinator_id"
    );
    let wrong = json!({"name": "Wrong Coordinator", "birth_date": "1980-01-01", "home": {"settlement": "Yasamal"}, "coordinator_id": mentor_id});
    assert_eq!(
        api(&admin, Method::POST, "/api/v1/clients", Some(wrong))
            .await
            .json()["error"]["fields"][0]["code"],
        "error-client-coordinator"
    );
}

#[tokio::test]
async fn other_roles_cannot_reach_the_register() {
    let fx = Fixture::new().await;
    let leyla = fx.baku_coordinator("leyla@example.az").await;
    let id = create_client(&leyla, &client_form("Somebody", "Yasamal")).await;
    for role in [Role::Mentor, Role::Psychologist, Role::SiteSupervisor] {
        let other = fx
            .signed_in(
                &format!("{}@example.az", role.as_str()),
                &[role],
                Some(fx.baku),
            )
            .await;
        assert_eq!(
            other.get(&format!("/clients/{id}")).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            api(&other, Method::GET, "/api/v1/clients", None)
                .await
                .status,
            StatusCode::FORBIDDEN
        );
    }
}
