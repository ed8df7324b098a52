//! Bad input on the volunteer forms and JSON: Azerbaijani names kept and searchable, line
//! breaks never reaching a header, HTML shown escaped, coordinates and availability checked,
//! the form re-shown with its values and field errors in the visitor's language.

use axum::http::{Method, StatusCode};
use korpu::auth::Role;
use korpu::i18n::{self, Lang};
use korpu::services::volunteers::signup;
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::support::TestApp;
use crate::volunteer_support::{application, borrow, form_fields, json_application, with};

async fn volunteers_count(app: &TestApp) -> u64 {
    entity::volunteer::Entity::find()
        .count(&app.db)
        .await
        .unwrap()
}

async fn submit(
    app: &TestApp,
    fields: &[(&'static str, String)],
    lang: &str,
) -> (StatusCode, String) {
    let client = app.client().with_header("accept-language", lang);
    client.get("/volunteer/apply").await;
    let response = client.post_form("/volunteer/apply", &borrow(fields)).await;
    (response.status, response.body)
}

#[tokio::test]
async fn azerbaijani_names_are_kept_exactly_and_found_case_insensitively() {
    let app = TestApp::spawn().await;
    for (email, name) in [
        ("ilham@example.az", "İlham Şükürov"),
        ("ilkin@example.az", "Ilkin Qasımov"),
        ("cosqun@example.az", "Coşqun Ağayev-Öztürk"),
    ] {
        signup::apply(
            &app.db,
            &app.state.mailer,
            &app.state.config,
            &application(email, name),
            Lang::Az,
            "test",
        )
        .await
        .unwrap();
    }
    let names: Vec<String> = entity::volunteer::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|v| v.name)
        .collect();
    assert!(names.contains(&"İlham Şükürov".to_owned()));
    assert!(names.contains(&"Coşqun Ağayev-Öztürk".to_owned()));
    let coordinator = app.signed_in("c@example.az", &[Role::Coordinator]).await;
    let search = |q: &'static str| {
        let coordinator = &coordinator;
        async move {
            let q: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
            coordinator.get(&format!("/volunteers?q={q}")).await.body
        }
    };
    let upper = search("İLHAM ŞÜKÜROV").await;
    assert!(upper.contains("İlham Şükürov"));
    let dotted = search("ilham").await;
    assert!(dotted.contains("İlham Şükürov") && !dotted.contains("Ilkin Qasımov"));
    let dotless = search("ılkin").await;
    assert!(dotless.contains("Ilkin Qasımov") && !dotless.contains("İlham"));
    assert!(search("AĞAYEV-ÖZ").await.contains("Coşqun Ağayev-Öztürk"));
    // The same through the API.
    let user = korpu::services::accounts::find_by_email(&app.db, "c@example.az")
        .await
        .unwrap()
        .unwrap();
    let (_, secret) = korpu::services::api_tokens::issue(
        &app.db,
        &korpu::services::audit::Actor::System,
        "t",
        user.id,
        "t",
    )
    .await
    .unwrap();
    let api = app
        .client()
        .with_header("authorization", &format!("Bearer {secret}"));
    let found = api.get("/api/v1/volunteers?q=%C4%B1lkin").await.json();
    assert_eq!(found["total"], 1);
    assert_eq!(found["items"][0]["name"], "Ilkin Qasımov");
}

#[tokio::test]
async fn line_breaks_in_a_name_are_refused_and_never_reach_a_mail_header() {
    let app = TestApp::spawn().await;
    let fields = with(
        form_fields("aysel@example.az", "x"),
        "name",
        &["Aysel\r\nBcc: victim@example.com"],
    );
    let (status, body) = submit(&app, &fields, "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains(&i18n::t(Lang::En, "error-name-invalid")));
    let mut json = json_application("aysel@example.az", "Aysel\nBcc: victim@example.com");
    let response = app
        .client()
        .json(Method::POST, "/api/v1/volunteer-applications", &json)
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.json()["error"]["fields"][0]["field"], "name");
    json["name"] = "Aysel Məmmədova".into();
    json["email"] = "aysel@example.az\r\nBcc: victim@example.com".into();
    let response = app
        .client()
        .json(Method::POST, "/api/v1/volunteer-applications", &json)
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(volunteers_count(&app).await, 0);
    assert!(app.outbox().await.is_empty());
}

#[tokio::test]
async fn html_typed_into_any_field_is_shown_escaped() {
    let app = TestApp::spawn().await;
    let fields = with(
        with(
            form_fields("xss@example.az", "x"),
            "name",
            &["<script>alert('name')</script>"],
        ),
        "motivation",
        &["<img src=x onerror=alert(1)> & more"],
    );
    let fields = with(fields, "skills_other", &["<b>bold</b>"]);
    let (status, body) = submit(&app, &fields, "en").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let coordinator = app.signed_in("c@example.az", &[Role::Coordinator]).await;
    let queue = coordinator.get("/volunteers").await.body;
    assert!(queue.contains("&lt;script&gt;"));
    assert!(!queue.contains("<script>alert"));
    let id = crate::volunteer_support::volunteer_by_email(&app, "xss@example.az")
        .await
        .id;
    let page = coordinator.get(&format!("/volunteers/{id}")).await.body;
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt; &amp; more"));
    assert!(
        page.contains("&lt;b&gt;bold&lt;&#x2F;b&gt;") || page.contains("&lt;b&gt;bold&lt;/b&gt;")
    );
    assert!(!page.contains("<img src=x") && !page.contains("<b>bold"));
    // And in the e-mail's HTML part.
    let mail = app.outbox().await.remove(0);
    assert!(!mail.body_html.contains("<script>alert"));
}

#[tokio::test]
async fn coordinates_must_be_finite_and_in_range() {
    let app = TestApp::spawn().await;
    for (lat, lon, field) in [
        ("NaN", "49.8", "home_lat"),
        ("inf", "49.8", "home_lat"),
        ("1e309", "49.8", "home_lat"),
        ("91", "49.8", "home_lat"),
        ("40.4", "-180.5", "home_lon"),
        ("40.4", "", "home_lon"),
    ] {
        let fields = with(
            with(
                form_fields("geo@example.az", "Rəşad Quliyev"),
                "home_lat",
                &[lat],
            ),
            "home_lon",
            &[lon],
        );
        let (status, body) = submit(&app, &fields, "az").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{lat} {lon}");
        assert!(
            body.contains(&format!("id=\"f-{field}-msg\" class=\"field-error\"")),
            "{lat} {lon}"
        );
    }
    let mut json = json_application("geo@example.az", "Rəşad Quliyev");
    json["home_lat"] = 95.0.into();
    let response = app
        .client()
        .json(Method::POST, "/api/v1/volunteer-applications", &json)
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.json()["error"]["fields"][0]["field"], "home_lat");
    // An unknown place is a field error too; a point with a name of one's own is fine.
    let fields = with(
        form_fields("geo@example.az", "Rəşad Quliyev"),
        "home_settlement",
        &["Atlantis"],
    );
    assert_eq!(
        submit(&app, &fields, "en").await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let fields = with(
        with(
            form_fields("geo@example.az", "Rəşad Quliyev"),
            "home_lat",
            &["40,41"],
        ),
        "home_lon",
        &["49.94"],
    );
    assert_eq!(submit(&app, &fields, "en").await.0, StatusCode::SEE_OTHER);
    assert_eq!(volunteers_count(&app).await, 1);
}

#[tokio::test]
async fn availability_windows_must_end_after_they_start_and_the_form_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    let mut fields = form_fields("time@example.az", "Səbinə Nəsirova");
    // Second row: 19:00 to 18:00.
    let ends: Vec<usize> = fields
        .iter()
        .enumerate()
        .filter(|(_, (k, _))| *k == "avail_end")
        .map(|(i, _)| i)
        .collect();
    let starts: Vec<usize> = fields
        .iter()
        .enumerate()
        .filter(|(_, (k, _))| *k == "avail_start")
        .map(|(i, _)| i)
        .collect();
    fields[starts[1]].1 = "19:00".into();
    fields[ends[1]].1 = "18:00".into();
    let (status, body) = submit(&app, &fields, "ru").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("id=\"f-avail-end-1-msg\" class=\"field-error\""));
    assert!(body.contains(&i18n::t(Lang::Ru, "error-end-before-start")));
    assert!(body.contains("value=\"Səbinə Nəsirova\""));
    assert!(body.contains("value=\"19:00\""));
    assert!(body.contains("value=\"time@example.az\""));
    // No window at all is refused too, in JSON as in forms.
    let mut json = json_application("time@example.az", "Səbinə Nəsirova");
    json["availability"] = serde_json::json!([{"day": 3, "start": "10:00", "end": "10:00"}]);
    let response = app
        .client()
        .json(Method::POST, "/api/v1/volunteer-applications", &json)
        .await;
    assert_eq!(
        response.json()["error"]["fields"][0]["field"],
        "availability[0].end"
    );
    json["availability"] = serde_json::json!([]);
    let response = app
        .client()
        .json(Method::POST, "/api/v1/volunteer-applications", &json)
        .await;
    assert_eq!(
        response.json()["error"]["fields"][0]["field"],
        "availability"
    );
    assert_eq!(volunteers_count(&app).await, 0);
}

#[tokio::test]
async fn a_form_with_many_mistakes_shows_each_next_to_its_field() {
    let app = TestApp::spawn().await;
    let fields = vec![
        ("email", "not-an-address".to_owned()),
        ("name", "".to_owned()),
        ("phone", "call me".to_owned()),
        ("roles", "professional".to_owned()),
        ("travel_km", "-3".to_owned()),
        ("motivation", "".to_owned()),
        ("languages_other", "klingon".to_owned()),
        ("skills", "astrology".to_owned()),
    ];
    let (status, body) = submit(&app, &fields, "az").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in [
        "email",
        "name",
        "phone",
        "languages",
        "skills",
        "professional_kind",
        "specialties",
        "home_settlement",
        "travel_km",
        "availability",
        "motivation",
        "consent",
    ] {
        assert!(
            body.contains(&format!("id=\"f-{field}-msg\" class=\"field-error\"")),
            "no error shown for {field}"
        );
    }
    assert!(body.contains(&i18n::t(Lang::Az, "error-consent-required")));
    assert_eq!(volunteers_count(&app).await, 0);
}
