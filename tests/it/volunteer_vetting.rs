//! Vetting after the sign-up: suspension and reinstatement, confidential interview notes,
//! and the demo data with volunteers at every stage.

use axum::http::StatusCode;
use korpu::auth::Role;
use korpu::domain::vetting::Stage;
use korpu::services::volunteers;

use crate::support::TestApp;
use crate::volunteer_support::{approved_volunteer, today, volunteer_by_email};

#[tokio::test]
async fn suspension_closes_the_account_and_reinstatement_reopens_it() {
    let app = TestApp::spawn().await;
    let id = approved_volunteer(&app, "aysel@example.az", "Aysel Məmmədova").await;
    let user_id = volunteer_by_email(&app, "aysel@example.az")
        .await
        .user_id
        .unwrap();
    let coordinator = app.signed_in("c@example.az", &[Role::Coordinator]).await;
    coordinator.get(&format!("/volunteers/{id}")).await;
    let suspended = coordinator
        .post_form(
            &format!("/volunteers/{id}/transition"),
            &[("to", "suspended"), ("reason", "Missed three sessions.")],
        )
        .await;
    assert_eq!(suspended.status, StatusCode::SEE_OTHER);
    let user = korpu::services::accounts::get(&app.db, user_id)
        .await
        .unwrap();
    assert!(!user.active);
    assert!(
        volunteers::matchable(&app.db, today())
            .await
            .unwrap()
            .is_empty()
    );
    coordinator.get(&format!("/volunteers/{id}")).await;
    coordinator
        .post_form(
            &format!("/volunteers/{id}/transition"),
            &[("to", "approved")],
        )
        .await;
    assert!(
        korpu::services::accounts::get(&app.db, user_id)
            .await
            .unwrap()
            .active
    );
    assert_eq!(
        volunteers::matchable(&app.db, today()).await.unwrap().len(),
        1
    );
}

#[tokio::test]
async fn interview_notes_are_for_staff_only_and_each_read_is_audited() {
    let app = TestApp::spawn().await;
    let id = approved_volunteer(&app, "nigar@example.az", "Nigar Quliyeva").await;
    let coordinator = app.signed_in("c@example.az", &[Role::Coordinator]).await;
    coordinator.get(&format!("/volunteers/{id}")).await;
    coordinator
        .post_form(
            &format!("/volunteers/{id}/notes"),
            &[("body", "Prefers evenings.")],
        )
        .await;
    let reads_before = app
        .audit_actions()
        .await
        .iter()
        .filter(|a| *a == "volunteer.read")
        .count();
    let page = coordinator.get(&format!("/volunteers/{id}")).await;
    assert!(page.body.contains("Prefers evenings."));
    let reads_after = app
        .audit_actions()
        .await
        .iter()
        .filter(|a| *a == "volunteer.read")
        .count();
    assert_eq!(reads_after, reads_before + 1);
    let mentor = app.signed_in("m@example.az", &[Role::Mentor]).await;
    assert_eq!(
        mentor.get(&format!("/volunteers/{id}")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        mentor.get(&format!("/api/v1/volunteers/{id}")).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_demo_has_volunteers_at_every_stage_and_the_demo_mentor_is_approved() {
    use sea_orm::EntityTrait;
    let app = TestApp::spawn().await;
    let report = korpu::demo::load(&app.state).await.unwrap();
    assert!(report.loaded_now);
    let all = entity::volunteer::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    for stage in Stage::ALL {
        assert!(
            all.iter().any(|v| v.stage == stage),
            "no demo volunteer {stage:?}"
        );
    }
    let mentor = volunteer_by_email(&app, "mentor@demo.korpu.az").await;
    assert_eq!(mentor.stage, Stage::Approved);
    let user = korpu::services::accounts::find_by_email(&app.db, "mentor@demo.korpu.az")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(mentor.user_id, Some(user.id));
    let regions = korpu::services::regions::list(&app.db).await.unwrap();
    let codes: Vec<&str> = regions.iter().map(|r| r.code.as_str()).collect();
    for code in ["baku", "sumqayit", "ganja"] {
        assert!(codes.contains(&code), "{code}");
    }
    assert!(
        all.iter()
            .all(|v| v.erased_at.is_some() || v.region_id.is_some())
    );
    let matchable = volunteers::matchable(&app.db, today()).await.unwrap();
    assert!(matchable.iter().any(|m| m.id == mentor.id));
    assert!(app.outbox().await.is_empty(), "the demo sends no e-mail");
    // The demo mentor signs in and sees their dashboard.
    let client = app.client();
    client
        .sign_in("mentor@demo.korpu.az", korpu::demo::DEMO_PASSWORD)
        .await;
    assert_eq!(client.get("/me/volunteer").await.status, StatusCode::OK);
}
