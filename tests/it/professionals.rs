//! The register of psychologists and social workers: validation, search and filters, the
//! link to an account, closing, and who may see it.

use axum::http::{Method, StatusCode};
use korpu::auth::Role;
use korpu::domain::location::LocationInput;
use korpu::services::audit::Actor;
use korpu::services::professionals::{self, ProfessionalInput};
use serde_json::json;

use crate::support::TestApp;

/// A valid professional in a settlement of the gazetteer.
pub fn professional_input(name: &str, settlement: &str) -> ProfessionalInput {
    ProfessionalInput {
        name: name.into(),
        kind: "psychologist".into(),
        location: LocationInput {
            settlement: settlement.into(),
            ..Default::default()
        },
        specialties: vec!["addiction".into()],
        languages: vec!["az".into()],
        in_person: true,
        caseload_capacity: "10".into(),
        active: true,
        ..Default::default()
    }
}

/// Creates a professional through the service; returns the id.
pub async fn create_professional(app: &TestApp, input: &ProfessionalInput) -> i64 {
    professionals::create(&app.db, &Actor::System, "test", input)
        .await
        .expect("valid professional")
        .id
}

fn body() -> serde_json::Value {
    json!({
        "name": "Aytən Quliyeva",
        "kind": "psychologist",
        "settlement": "Bakı",
        "specialties": ["trauma", "family"],
        "languages": ["az", "en"],
        "caseload_capacity": 8,
        "availability": [{"day": 1, "start": "10:00", "end": "16:00"}]
    })
}

#[tokio::test]
async fn every_field_kind_of_a_professional_is_validated() {
    let app = TestApp::spawn().await;
    let api = app
        .signed_in("coordinator@example.az", &[Role::Coordinator])
        .await;
    let mentor = app.create_user("mentor@example.az", &[Role::Mentor]).await;
    let psy = app
        .create_user("psy@example.az", &[Role::Psychologist])
        .await;
    let mut linked = body();
    linked["user_id"] = json!(psy);
    let ok =
        crate::support_json::send_json(&api, Method::POST, "/api/v1/professionals", &linked).await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    assert_eq!(ok.json()["account"]["email"], "psy@example.az");
    assert_eq!(ok.json()["specialties"], json!(["trauma", "family"]));
    let cases: Vec<(serde_json::Value, &str)> = vec![
        (json!({"kind": "wizard"}), "kind"),
        (json!({"kind": ""}), "kind"),
        (json!({"specialties": ["astrology"]}), "specialties"),
        (json!({"specialties": []}), "specialties"),
        (json!({"languages": ["russian"]}), "languages"),
        (json!({"in_person": false, "remote": false}), "in_person"),
        (json!({"caseload_capacity": 0}), "caseload_capacity"),
        (json!({"caseload_capacity": 501}), "caseload_capacity"),
        (json!({"lat": -91.0, "lon": 49.0}), "lat"),
        (json!({"settlement": "", "lat": null}), "settlement"),
        (json!({"email": "nope"}), "email"),
        (json!({"phone": "12"}), "phone"),
        (
            json!({"availability": [{"day": 1, "start": "10:00", "end": "09:00"}]}),
            "availability[0].end",
        ),
        (json!({"user_id": mentor}), "account"),
        (json!({"user_id": psy}), "account"),
        (json!({"region": "nowhere"}), "region"),
    ];
    for (change, field) in cases {
        let mut sent = body();
        for (k, v) in change.as_object().unwrap() {
            sent[k] = v.clone();
        }
        let response =
            crate::support_json::send_json(&api, Method::POST, "/api/v1/professionals", &sent)
                .await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{change}: {}",
            response.body
        );
        let fields: Vec<String> = response.json()["error"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["field"].as_str().unwrap().to_owned())
            .collect();
        assert!(fields.contains(&field.to_owned()), "{change}: {fields:?}");
    }
}

#[tokio::test]
async fn professionals_are_searched_and_filtered() {
    let app = TestApp::spawn().await;
    crate::sites::create_regions(&app).await;
    let mut elvin = professional_input("Elvin Məmmədov", "Bakı");
    elvin.languages = vec!["ru".into(), "az".into()];
    elvin.remote = true;
    create_professional(&app, &elvin).await;
    let mut rauf = professional_input("Rauf Hüseynov", "Sumqayıt");
    rauf.kind = "social_worker".into();
    rauf.specialties = vec!["employment_counselling".into()];
    create_professional(&app, &rauf).await;
    let mut old = professional_input("Şəhla Əliyeva", "Gəncə");
    old.active = false;
    old.specialties = vec!["grief".into()];
    create_professional(&app, &old).await;
    let client = app
        .signed_in("coordinator@example.az", &[Role::Coordinator])
        .await;
    let names = |query: &str| {
        let client = &client;
        let query = query.to_owned();
        async move {
            let response = client.get(&format!("/api/v1/professionals?{query}")).await;
            assert_eq!(
                response.status,
                StatusCode::OK,
                "{query}: {}",
                response.body
            );
            let mut names: Vec<String> = response.json()["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["name"].as_str().unwrap().to_owned())
                .collect();
            names.sort();
            names
        }
    };
    assert_eq!(names("").await, vec!["Elvin Məmmədov", "Rauf Hüseynov"]);
    assert_eq!(names("q=M%C6%8FMM%C6%8FDOV").await, vec!["Elvin Məmmədov"]); // MƏMMƏDOV
    assert_eq!(names("q=mammadov").await, Vec::<String>::new());
    assert_eq!(names("q=memmedov").await, vec!["Elvin Məmmədov"]);
    assert_eq!(names("kind=social_worker").await, vec!["Rauf Hüseynov"]);
    assert_eq!(names("specialty=addiction").await, vec!["Elvin Məmmədov"]);
    assert_eq!(names("language=ru").await, vec!["Elvin Məmmədov"]);
    assert_eq!(names("mode=remote").await, vec!["Elvin Məmmədov"]);
    assert_eq!(names("region=sumqayit").await, vec!["Rauf Hüseynov"]);
    assert_eq!(names("active=inactive").await, vec!["Şəhla Əliyeva"]);
    assert_eq!(
        names("active=all&q=%C5%9F%C9%99hla").await,
        vec!["Şəhla Əliyeva"]
    );
    let page = client
        .get("/professionals?specialty=employment_counselling")
        .await;
    assert!(page.body.contains("Rauf Hüseynov") && !page.body.contains("Elvin"));
}

#[tokio::test]
async fn a_professional_is_added_edited_and_closed_through_the_pages() {
    let app = TestApp::spawn().await;
    let client = app
        .signed_in("coordinator@example.az", &[Role::Coordinator])
        .await;
    client.get("/professionals/new").await;
    let created = client
        .post_form(
            "/professionals",
            &[
                ("name", "Lalə Rzayeva"),
                ("kind", "psychologist"),
                ("settlement", "Gəncə"),
                ("specialties", "youth"),
                ("specialties", "trauma"),
                ("languages", "az"),
                ("other_languages", "tr"),
                ("in_person", "on"),
                ("caseload_capacity", "6"),
                ("avail_day", "3"),
                ("avail_start", "15:00"),
                ("avail_end", "19:00"),
                ("active", "on"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let path = created.location().unwrap();
    let id: i64 = path.trim_start_matches("/professionals/").parse().unwrap();
    let p = professionals::get(&app.db, id).await.unwrap();
    assert_eq!(p.languages, vec!["az", "tr"]);
    assert!(p.in_person && !p.remote && p.active);
    client.get(&format!("{path}/edit")).await;
    let bad = client
        .post_form(
            &path,
            &[
                ("name", "Lalə Rzayeva"),
                ("kind", "psychologist"),
                ("settlement", "Gəncə"),
                ("specialties", "youth"),
                ("languages", "az"),
                ("caseload_capacity", "6"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body
            .contains(&korpu::i18n::t(korpu::i18n::Lang::En, "error-prof-mode"))
    );
    let saved = client
        .post_form(
            &path,
            &[
                ("name", "Lalə Rzayeva"),
                ("kind", "psychologist"),
                ("settlement", "Gəncə"),
                ("specialties", "youth"),
                ("languages", "az"),
                ("remote", "on"),
                ("caseload_capacity", "7"),
                ("active", "on"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let p = professionals::get(&app.db, id).await.unwrap();
    assert!(p.remote && !p.in_person);
    assert_eq!(p.caseload_capacity, 7);
    client.get(&path).await;
    client.post_form(&format!("{path}/close"), &[]).await;
    assert!(!professionals::get(&app.db, id).await.unwrap().active);
    let actions = app.audit_actions().await;
    for action in [
        "professional.created",
        "professional.updated",
        "professional.closed",
    ] {
        assert!(actions.contains(&action.to_owned()), "{action}");
    }
}

#[tokio::test]
async fn only_coordinators_and_admins_see_the_register() {
    let app = TestApp::spawn().await;
    create_professional(&app, &professional_input("Test Psixoloq", "Bakı")).await;
    for role in [Role::SiteSupervisor, Role::Psychologist, Role::Mentor] {
        let client = app
            .signed_in(&format!("{}@example.az", role.as_str()), &[role])
            .await;
        assert_eq!(
            client.get("/professionals").await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            client.get("/api/v1/professionals").await.status,
            StatusCode::FORBIDDEN
        );
    }
    let admin = app.signed_in("admin@example.az", &[Role::Admin]).await;
    assert_eq!(admin.get("/api/v1/professionals").await.json()["total"], 1);
}
