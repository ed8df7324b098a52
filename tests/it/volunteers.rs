//! Volunteers: the whole journey from sign-up to signing in as a mentor (pages and JSON), the
//! vetting rules as coordinators meet them, no enumeration, single-use links and rate limits.

use axum::http::{Method, StatusCode};
use chrono::Months;
use korpu::auth::Role;
use korpu::domain::vetting::Stage;
use korpu::i18n::{self, Lang};
use korpu::services::volunteers;

use crate::support::{PASSWORD, TestApp};
use crate::volunteer_support::{
    MANDATORY, borrow, form_fields, json_application, last_link, today, volunteer_by_email,
};

#[tokio::test]
async fn a_volunteer_signs_up_is_vetted_and_approved_and_signs_in_as_a_mentor() {
    let app = TestApp::spawn().await;
    let email = "gunay.aliyeva@example.az";
    let name = "Günay Əliyeva";

    // Sign up with the public form.
    let visitor = app.client();
    let form = visitor.get("/volunteer/apply").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("name=\"avail_day\""));
    let sent = visitor
        .post_form("/volunteer/apply", &borrow(&form_fields(email, name)))
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(sent.location().as_deref(), Some("/volunteer/applied"));
    let v = volunteer_by_email(&app, email).await;
    assert_eq!(v.name, name);
    assert_eq!(v.stage, Stage::Applied);
    assert!(v.region_id.is_none(), "no regions exist yet");

    // Unverified: not in matching.
    assert!(
        volunteers::matchable(&app.db, today())
            .await
            .unwrap()
            .is_empty()
    );

    // The verification e-mail, in the volunteer's language, and its link.
    let mail = app.outbox().await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].template, "volunteer_verify");
    assert_eq!(mail[0].language, "az");
    assert_eq!(mail[0].to_name, name);
    let link = last_link(&app, email, "/volunteer/verify/").await;
    let verified = visitor.get(&link).await;
    assert_eq!(verified.status, StatusCode::OK);
    assert!(
        verified
            .body
            .contains(&i18n::t(Lang::Az, "volunteer-verified-title"))
    );
    assert_eq!(
        volunteer_by_email(&app, email).await.stage,
        Stage::EmailVerified
    );
    // The link works once.
    assert_eq!(visitor.get(&link).await.status, StatusCode::BAD_REQUEST);

    // A coordinator finds the volunteer in the queue.
    let coordinator = app
        .signed_in("leyla@example.az", &[Role::Coordinator])
        .await;
    let queue = coordinator.get("/volunteers?stage=email_verified").await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(queue.body.contains(name));
    let page = coordinator.get(&format!("/volunteers/{}", v.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Sumqayıt"));

    let post = |path: &'static str, fields: Vec<(&'static str, String)>| {
        let coordinator = &coordinator;
        let id = v.id;
        async move {
            coordinator.get(&format!("/volunteers/{id}")).await;
            let response = coordinator
                .post_form(&format!("/volunteers/{id}/{path}"), &borrow(&fields))
                .await;
            assert_eq!(
                response.status,
                StatusCode::SEE_OTHER,
                "{path}: {}",
                response.body
            );
        }
    };
    post("transition", vec![("to", "interview".into())]).await;
    post(
        "notes",
        vec![(
            "body",
            "Calm, motivated; taught in a school for 10 years.".into(),
        )],
    )
    .await;
    post("transition", vec![("to", "background_check".into())]).await;
    post(
        "check",
        vec![
            ("outcome", "passed".into()),
            ("checked_on", today().to_string()),
            ("expires_on", (today() + Months::new(24)).to_string()),
        ],
    )
    .await;
    post("transition", vec![("to", "training".into())]).await;

    // Approval waits for the mandatory trainings.
    coordinator.get(&format!("/volunteers/{}", v.id)).await;
    let early = coordinator
        .post_form(
            &format!("/volunteers/{}/transition", v.id),
            &[("to", "approved")],
        )
        .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        early
            .body
            .contains(&i18n::t(Lang::En, "error-vetting-not-ready"))
    );
    for module in MANDATORY {
        post(
            "trainings",
            vec![
                ("module", module.into()),
                ("completed_on", today().to_string()),
            ],
        )
        .await;
    }
    post("transition", vec![("to", "approved".into())]).await;

    // Every step was e-mailed to the volunteer; approval brings the set-password link.
    let templates: Vec<String> = app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.to_address == email)
        .map(|m| m.template)
        .collect();
    assert_eq!(
        templates,
        [
            "volunteer_verify",
            "volunteer_stage",
            "volunteer_stage",
            "volunteer_stage",
            "volunteer_stage",
            "volunteer_approved"
        ]
    );
    let set_password = last_link(&app, email, "/password/set/").await;
    let volunteer = app.client();
    volunteer.get(&set_password).await;
    let set = volunteer
        .post_form(
            &set_password,
            &[("password", PASSWORD), ("password_confirmation", PASSWORD)],
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER);
    volunteer.sign_in(email, PASSWORD).await;
    let me = volunteer.get("/api/v1/me").await;
    assert_eq!(me.json()["roles"], serde_json::json!(["mentor"]));
    let dashboard = volunteer.get("/me/volunteer").await;
    assert_eq!(dashboard.status, StatusCode::OK);
    assert!(dashboard.body.contains(name));
    assert!(
        dashboard
            .body
            .contains(&i18n::t(Lang::Az, "volunteer-me-available"))
    );

    // Now matching may use the volunteer.
    let matchable = volunteers::matchable(&app.db, today()).await.unwrap();
    assert_eq!(matchable.len(), 1);
    assert_eq!(matchable[0].id, v.id);
    assert_eq!(matchable[0].languages, ["az", "ru", "tr"]);
    assert_eq!(matchable[0].availability.windows().len(), 2);

    let actions = app.audit_actions().await;
    for action in [
        "volunteer.applied",
        "volunteer.email_verified",
        "volunteer.read",
        "volunteer.note_added",
        "volunteer.check_recorded",
        "volunteer.training_recorded",
        "volunteer.transition",
        "volunteer.account_opened",
        "auth.password_set",
    ] {
        assert!(actions.iter().any(|a| a == action), "{action} not audited");
    }
}

#[tokio::test]
async fn the_json_api_takes_an_application_and_coordinators_vet_it() {
    let app = TestApp::spawn().await;
    let accepted = app
        .client()
        .json(
            Method::POST,
            "/api/v1/volunteer-applications",
            &json_application("elvin@example.az", "Elvin Məmmədov"),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::ACCEPTED, "{}", accepted.body);
    assert_eq!(accepted.json()["status"], "accepted");
    let link = last_link(&app, "elvin@example.az", "/volunteer/verify/").await;
    let token = link.rsplit('/').next().unwrap();
    let verified = app
        .client()
        .json(
            Method::POST,
            "/api/v1/volunteer-applications/verify",
            &serde_json::json!({ "token": token }),
        )
        .await;
    assert_eq!(verified.status, StatusCode::NO_CONTENT);

    app.create_user("rashad@example.az", &[Role::Coordinator])
        .await;
    let user = korpu::services::accounts::find_by_email(&app.db, "rashad@example.az")
        .await
        .unwrap()
        .unwrap();
    let (_, secret) = korpu::services::api_tokens::issue(
        &app.db,
        &korpu::services::audit::Actor::System,
        "test",
        user.id,
        "tests",
    )
    .await
    .unwrap();
    let api = app
        .client()
        .with_header("authorization", &format!("Bearer {secret}"));
    let list = api
        .get("/api/v1/volunteers?stage=email_verified&role=professional")
        .await;
    assert_eq!(list.status, StatusCode::OK);
    let items = list.json()["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 1);
    let id = items[0]["id"].as_i64().unwrap();
    let moved = api
        .json(
            Method::POST,
            &format!("/api/v1/volunteers/{id}/transitions"),
            &serde_json::json!({ "to": "interview" }),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    assert_eq!(moved.json()["stage"], "interview");
    assert_eq!(moved.json()["professional_kind"], "social_worker");
    // A rejection without a reason is refused; with one it is sent to the volunteer.
    let bare = api
        .json(
            Method::POST,
            &format!("/api/v1/volunteers/{id}/transitions"),
            &serde_json::json!({ "to": "rejected" }),
        )
        .await;
    assert_eq!(bare.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bare.json()["error"]["fields"][0]["field"], "reason");
    let skipped = api
        .json(
            Method::POST,
            &format!("/api/v1/volunteers/{id}/transitions"),
            &serde_json::json!({ "to": "approved" }),
        )
        .await;
    assert_eq!(skipped.status, StatusCode::CONFLICT);
    let rejected = api
        .json(
            Method::POST,
            &format!("/api/v1/volunteers/{id}/transitions"),
            &serde_json::json!({ "to": "rejected", "reason": "No placements for social workers in Ganja this year." }),
        )
        .await;
    assert_eq!(rejected.status, StatusCode::OK);
    let last = app.outbox().await.pop().unwrap();
    assert_eq!(last.language, "en");
    assert!(last.body_text.contains("No placements for social workers"));
    let detail = api.get(&format!("/api/v1/volunteers/{id}")).await;
    assert_eq!(detail.json()["next_stages"], serde_json::json!([]));
    let events = detail.json()["events"].as_array().unwrap().len();
    assert_eq!(events, 4, "applied, verified, interview, rejected");
}

#[tokio::test]
async fn a_sign_up_answers_the_same_for_a_known_address_and_tells_its_owner() {
    let app = TestApp::spawn().await;
    app.create_user("staff@example.az", &[Role::Coordinator])
        .await;
    let mut answers = Vec::new();
    for email in ["new@example.az", "NEW@example.az", "staff@example.az"] {
        let client = app.client();
        client.get("/volunteer/apply").await;
        let response = client
            .post_form(
                "/volunteer/apply",
                &borrow(&form_fields(email, "Nərgiz Hüseynova")),
            )
            .await;
        answers.push((response.status, response.location()));
    }
    assert!(answers.windows(2).all(|w| w[0] == w[1]), "{answers:?}");
    let count = {
        use sea_orm::{EntityTrait, PaginatorTrait};
        entity::volunteer::Entity::find()
            .count(&app.db)
            .await
            .unwrap()
    };
    assert_eq!(count, 1);
    let mail: Vec<(String, String)> = app
        .outbox()
        .await
        .into_iter()
        .map(|m| (m.to_address, m.template))
        .collect();
    assert_eq!(
        mail,
        [
            ("new@example.az".into(), "volunteer_verify".into()),
            (
                "NEW@example.az".into(),
                "volunteer_already_registered".into()
            ),
            (
                "staff@example.az".into(),
                "volunteer_already_registered".into()
            ),
        ]
    );
    // The owner of the unverified application gets a fresh link that works.
    let link = last_link(&app, "NEW@example.az", "/volunteer/verify/").await;
    assert_eq!(app.client().get(&link).await.status, StatusCode::OK);
}

#[tokio::test]
async fn sign_ups_and_new_links_are_rate_limited() {
    let app = TestApp::spawn_with(|c| c.rate_signup_per_hour = 2).await;
    let client = app.client();
    client.get("/volunteer/apply").await;
    // Fixing mistakes does not use up the allowance.
    for _ in 0..3 {
        let invalid = client
            .post_form("/volunteer/apply", &[("email", "typo"), ("consent", "yes")])
            .await;
        assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let mut statuses = Vec::new();
    for i in 0..3 {
        let email = format!("v{i}@example.az");
        let response = client
            .post_form(
                "/volunteer/apply",
                &borrow(&form_fields(&email, "Vüqar Rzayev")),
            )
            .await;
        statuses.push(response.status);
    }
    assert_eq!(
        statuses,
        [
            StatusCode::SEE_OTHER,
            StatusCode::SEE_OTHER,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
    // New links: at most three per address and hour, whatever the client address.
    let app = TestApp::spawn_with(|c| c.rate_signup_per_hour = 100).await;
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let response = app
            .client()
            .json(
                Method::POST,
                "/api/v1/volunteer-applications/resend",
                &serde_json::json!({ "email": "someone@example.az" }),
            )
            .await;
        statuses.push(response.status);
    }
    assert_eq!(
        statuses,
        [
            StatusCode::ACCEPTED,
            StatusCode::ACCEPTED,
            StatusCode::ACCEPTED,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
    assert!(app.outbox().await.is_empty(), "no application: no e-mail");
}

#[tokio::test]
async fn an_expired_link_offers_a_new_one_that_works() {
    let app = TestApp::spawn_with(|c| c.verify_hours = 0).await;
    let client = app.client();
    client.get("/volunteer/apply").await;
    client
        .post_form(
            "/volunteer/apply",
            &borrow(&form_fields("late@example.az", "Kamran Əhmədov")),
        )
        .await;
    let link = last_link(&app, "late@example.az", "/volunteer/verify/").await;
    let expired = client.get(&link).await;
    assert_eq!(expired.status, StatusCode::BAD_REQUEST);
    assert!(expired.body.contains("action=\"/volunteer/resend\""));
    let resent = client
        .post_form("/volunteer/resend", &[("email", "late@example.az")])
        .await;
    assert_eq!(resent.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.outbox()
            .await
            .iter()
            .filter(|m| m.template == "volunteer_verify")
            .count(),
        2
    );
}
