//! After approval: who matching may use (lapsed checks and trainings, pauses), expiry
//! reminders sent once, the volunteer's dashboard, withdrawal with erasure, training modules.

use axum::http::{Method, StatusCode};
use chrono::{Days, NaiveDate};
use entity::{volunteer, volunteer_training};
use korpu::auth::Role;
use korpu::i18n::{self, Lang};
use korpu::services::volunteers::{self, reminders};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::support::{PASSWORD, TestApp, TestClient};
use crate::volunteer_support::{approved_volunteer, last_link, today, volunteer_by_email};

async fn set_check_expiry(app: &TestApp, id: i64, on: NaiveDate) {
    volunteer::Entity::update_many()
        .col_expr(volunteer::Column::CheckExpiresOn, Expr::value(on))
        .filter(volunteer::Column::Id.eq(id))
        .exec(&app.db)
        .await
        .unwrap();
}

async fn matchable_ids(app: &TestApp, on: NaiveDate) -> Vec<i64> {
    volunteers::matchable(&app.db, on)
        .await
        .unwrap()
        .into_iter()
        .map(|v| v.id)
        .collect()
}

/// Signs in as an approved volunteer (setting the password from the approval e-mail).
async fn sign_in_volunteer(app: &TestApp, email: &str) -> TestClient {
    let link = last_link(app, email, "/password/set/").await;
    let client = app.client();
    client.get(&link).await;
    client
        .post_form(
            &link,
            &[("password", PASSWORD), ("password_confirmation", PASSWORD)],
        )
        .await;
    client.sign_in(email, PASSWORD).await;
    client
}

#[tokio::test]
async fn a_lapsed_background_check_makes_a_volunteer_unmatchable() {
    let app = TestApp::spawn().await;
    let kept = approved_volunteer(&app, "kept@example.az", "Fidan Babayeva").await;
    let lapsing = approved_volunteer(&app, "lapsing@example.az", "Orxan Vəliyev").await;
    let lapses_on = today() + Days::new(10);
    set_check_expiry(&app, lapsing, lapses_on).await;
    assert_eq!(matchable_ids(&app, today()).await, [kept, lapsing]);
    let listed = volunteers::matchable(&app.db, today()).await.unwrap();
    assert_eq!(listed[1].valid_until, Some(lapses_on));
    // On the day of expiry and after, only the other one is left.
    assert_eq!(matchable_ids(&app, lapses_on).await, [kept]);
    set_check_expiry(&app, lapsing, today()).await;
    assert_eq!(matchable_ids(&app, today()).await, [kept]);
    // The coordinator's page says why.
    let coordinator = app.signed_in("c@example.az", &[Role::Coordinator]).await;
    let page = coordinator.get(&format!("/volunteers/{lapsing}")).await;
    let message = i18n::t_args(
        Lang::En,
        "vetting-problem-check-expired",
        &i18n::args([("date", today().to_string().into())]),
    );
    assert!(page.body.contains(&message), "{message}");
}

#[tokio::test]
async fn a_lapsed_mandatory_training_or_a_pause_makes_a_volunteer_unmatchable() {
    let app = TestApp::spawn().await;
    let id = approved_volunteer(&app, "ulvi@example.az", "Ülvi Həsənli").await;
    // Safeguarding lasts 24 months.
    let safeguarding = volunteer_training::Entity::find()
        .filter(volunteer_training::Column::VolunteerId.eq(id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.expires_on.is_some())
        .expect("safeguarding has an expiry");
    let lapses = safeguarding.expires_on.unwrap();
    assert_eq!(matchable_ids(&app, lapses.pred_opt().unwrap()).await, [id]);
    assert!(matchable_ids(&app, lapses).await.is_empty());

    let client = sign_in_volunteer(&app, "ulvi@example.az").await;
    client.get("/me/volunteer").await;
    let paused = client
        .post_form("/me/volunteer/pause", &[("paused", "true")])
        .await;
    assert_eq!(paused.status, StatusCode::SEE_OTHER);
    assert!(matchable_ids(&app, today()).await.is_empty());
    let resumed = client
        .json(
            Method::POST,
            "/api/v1/me/volunteer/pause",
            &serde_json::json!({ "paused": false }),
        )
        .await;
    // A session-authenticated JSON call needs the CSRF header.
    assert_eq!(resumed.status, StatusCode::FORBIDDEN);
    client.get("/me/volunteer").await;
    let csrf = client.csrf().unwrap();
    let resumed = client
        .send(
            Method::POST,
            "/api/v1/me/volunteer/pause",
            axum::body::Body::from(r#"{"paused": false}"#),
            Some("application/json"),
            &[("x-csrf-token", &csrf)],
        )
        .await;
    assert_eq!(resumed.status, StatusCode::OK, "{}", resumed.body);
    assert_eq!(resumed.json()["matchable"], true);
    assert_eq!(matchable_ids(&app, today()).await, [id]);
}

#[tokio::test]
async fn an_expiry_reminder_is_sent_once_thirty_days_before() {
    let app = TestApp::spawn().await;
    let soon = approved_volunteer(&app, "soon@example.az", "Lalə Məlikova").await;
    let later = approved_volunteer(&app, "later@example.az", "Tural Nağıyev").await;
    set_check_expiry(&app, soon, today() + Days::new(20)).await;
    set_check_expiry(&app, later, today() + Days::new(45)).await;
    let mailer = &app.state.mailer;
    assert_eq!(
        reminders::send_expiry_reminders(&app.db, mailer, today())
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        reminders::send_expiry_reminders(&app.db, mailer, today())
            .await
            .unwrap(),
        0
    );
    let sent: Vec<_> = app
        .outbox()
        .await
        .into_iter()
        .filter(|m| m.template == "volunteer_reminder")
        .collect();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to_address, "soon@example.az");
    assert!(
        sent[0]
            .body_text
            .contains(&(today() + Days::new(20)).to_string())
    );
    // Two weeks later the other check enters the window; the first is not reminded again.
    let later_day = today() + Days::new(15);
    assert_eq!(
        reminders::send_expiry_reminders(&app.db, mailer, later_day)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        reminders::send_expiry_reminders(&app.db, mailer, later_day)
            .await
            .unwrap(),
        0
    );
    // A renewed check with a new date gets its own reminder in time.
    set_check_expiry(&app, soon, today() + Days::new(400)).await;
    let renewed_window = today() + Days::new(380);
    assert_eq!(
        reminders::send_expiry_reminders(&app.db, mailer, renewed_window)
            .await
            .unwrap(),
        1
    );
    // Trainings are reminded too: safeguarding lapses after 24 months.
    let training_window = today() + chrono::Months::new(24) - Days::new(5);
    let sent = reminders::send_expiry_reminders(&app.db, mailer, training_window)
        .await
        .unwrap();
    assert_eq!(sent, 2, "safeguarding of both volunteers");
    let last = app.outbox().await.pop().unwrap();
    assert!(last.subject.contains(&i18n::t(
        Lang::Az,
        "mail-volunteer-reminder-training-subject"
    )));
}

#[tokio::test]
async fn the_volunteer_edits_their_profile_and_availability() {
    let app = TestApp::spawn().await;
    let id = approved_volunteer(&app, "sevda@example.az", "Sevda Rəhimova").await;
    let client = sign_in_volunteer(&app, "sevda@example.az").await;
    let page = client.get("/me/volunteer").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("value=\"Sevda Rəhimova\""));
    let csrf = client.csrf().unwrap();
    let update = serde_json::json!({
        "name": "Sevda Rəhimova-Əliyeva",
        "language": "ru",
        "languages": ["az", "ru"],
        "roles": ["mentor"],
        "home_settlement": "Gəncə",
        "travel_km": 60,
        "availability": [
            {"day": 5, "start": "09:00", "end": "12:00"},
            {"day": 5, "start": "11:00", "end": "14:00"}
        ],
        "motivation": "Still keen.",
        "max_mentees": 3
    });
    let saved = client
        .send(
            Method::PUT,
            "/api/v1/me/volunteer",
            axum::body::Body::from(update.to_string()),
            Some("application/json"),
            &[("x-csrf-token", &csrf)],
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let body = saved.json();
    assert_eq!(body["settlement"], "Gəncə");
    assert_eq!(
        body["availability"],
        serde_json::json!([{"day": 5, "start": "09:00", "end": "14:00"}])
    );
    assert_eq!(body["max_mentees"], 3);
    let v = volunteer_by_email(&app, "sevda@example.az").await;
    assert_eq!(v.id, id);
    assert_eq!(v.travel_km, 60);
    assert_eq!(v.language, "ru");
    // A bad edit through the page is shown with its error and changes nothing.
    client.get("/me/volunteer").await;
    let bad = client
        .post_form(
            "/me/volunteer",
            &[
                ("name", "Sevda"),
                ("languages", "az"),
                ("roles", "mentor"),
                ("home_settlement", "Gəncə"),
                ("travel_km", "9999"),
                ("avail_day", "2"),
                ("avail_start", "10:00"),
                ("avail_end", "11:00"),
                ("motivation", "x"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body
            .contains("id=\"f-travel_km-msg\" class=\"field-error\"")
    );
    assert_eq!(
        volunteer_by_email(&app, "sevda@example.az").await.travel_km,
        60
    );
}

#[tokio::test]
async fn withdrawing_erases_personal_data_and_closes_the_account() {
    let app = TestApp::spawn().await;
    let id = approved_volunteer(&app, "elnur@example.az", "Elnur Kərimov").await;
    let coordinator = app.signed_in("c@example.az", &[Role::Coordinator]).await;
    coordinator.get(&format!("/volunteers/{id}")).await;
    coordinator
        .post_form(
            &format!("/volunteers/{id}/notes"),
            &[("body", "Knows the area well.")],
        )
        .await;
    let client = sign_in_volunteer(&app, "elnur@example.az").await;
    client.get("/me/volunteer").await;
    let unconfirmed = client.post_form("/me/volunteer/withdraw", &[]).await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    let user_id = volunteer_by_email(&app, "elnur@example.az")
        .await
        .user_id
        .unwrap();
    let withdrawn = client
        .post_form("/me/volunteer/withdraw", &[("confirm", "yes")])
        .await;
    assert_eq!(withdrawn.status, StatusCode::SEE_OTHER);
    assert_eq!(withdrawn.location().as_deref(), Some("/"));

    let v = volunteer::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.stage, korpu::domain::vetting::Stage::Withdrawn);
    assert!(v.deletion_requested_at.is_some() && v.erased_at.is_some());
    assert!(v.name.is_empty() && v.phone.is_none() && v.lat.is_none() && v.motivation.is_empty());
    assert!(!v.email.contains("elnur"));
    assert_eq!(v.languages, "[\"az\"]", "anonymous facts stay");
    let notes = entity::volunteer_note::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert!(notes.is_empty());
    let user = korpu::services::accounts::get(&app.db, user_id)
        .await
        .unwrap();
    assert!(!user.active && !user.email.contains("elnur") && !user.has_password);
    assert_eq!(
        client.get("/me/volunteer").await.status,
        StatusCode::SEE_OTHER
    );
    let again = app.client();
    again.get("/sign-in").await;
    let refused = again
        .post_form(
            "/sign-in",
            &[("email", "elnur@example.az"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let last = app.outbox().await.pop().unwrap();
    assert_eq!(
        (last.template.as_str(), last.to_address.as_str()),
        ("volunteer_withdrawn", "elnur@example.az")
    );
    // The coordinator sees an anonymous row without the notes.
    let page = coordinator.get(&format!("/volunteers/{id}")).await.body;
    assert!(!page.contains("Elnur") && !page.contains("Knows the area well."));
    assert!(matchable_ids(&app, today()).await.is_empty());
    // The address is free again for a new application.
    let new = crate::volunteer_support::application("elnur@example.az", "Elnur Kərimov");
    korpu::services::volunteers::signup::apply(
        &app.db,
        &app.state.mailer,
        &app.state.config,
        &new,
        Lang::Az,
        "t",
    )
    .await
    .unwrap();
    assert_eq!(
        app.outbox().await.pop().unwrap().template,
        "volunteer_verify"
    );
}

#[tokio::test]
async fn admins_define_training_modules_that_then_gate_approval() {
    let app = TestApp::spawn().await;
    let id = approved_volunteer(&app, "zaur@example.az", "Zaur Abbasov").await;
    let admin = app.signed_in("admin@example.az", &[Role::Admin]).await;
    let page = admin.get("/admin/training").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("safeguarding"));
    let bad = admin
        .post_form(
            "/admin/training",
            &[
                ("code", "First Aid!"),
                ("name_en", ""),
                ("validity_months", "0"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["code", "name_en", "name_az", "validity_months"] {
        assert!(
            bad.body
                .contains(&format!("id=\"f-{field}-msg\" class=\"field-error\"")),
            "{field}"
        );
    }
    let added = admin
        .post_form(
            "/admin/training",
            &[
                ("code", "first_aid"),
                ("name_en", "First aid"),
                ("name_az", "İlk yardım"),
                ("name_ru", "Первая помощь"),
                ("mandatory", "true"),
                ("validity_months", "12"),
                ("active", "true"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    // A new mandatory module makes the approved volunteer unmatchable until they take it.
    assert!(matchable_ids(&app, today()).await.is_empty());
    let module_id = entity::training_module::Entity::find()
        .filter(entity::training_module::Column::Code.eq("first_aid"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    admin.get(&format!("/admin/training/{module_id}")).await;
    let optional = admin
        .post_form(
            &format!("/admin/training/{module_id}"),
            &[
                ("name_en", "First aid"),
                ("name_az", "İlk yardım"),
                ("name_ru", "Первая помощь"),
                ("validity_months", "12"),
                ("active", "true"),
            ],
        )
        .await;
    assert_eq!(optional.status, StatusCode::SEE_OTHER);
    assert_eq!(matchable_ids(&app, today()).await, [id]);
}
