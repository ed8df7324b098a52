//! CSV import and export of volunteers and clients: per-row reports with nothing
//! half-imported, skipping invalid rows, lossless round trips with Azerbaijani names,
//! formula neutralisation, vetting stages on import, and for clients the object checks
//! (region, restricted records), the audit of every exported record and the role checks.

use axum::body::Body;
use axum::http::{Method, StatusCode};
use korpu::auth::Role;
use korpu::services::csv_io::{self, Caller, ImportOptions, ImportReport, Kind, NoProgress, Who};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::Value;

use crate::clients::Fixture;
use crate::support::{PASSWORD, TestApp, TestClient};
use crate::volunteer_support::last_link;

const VOLUNTEER_HEADER: &str = "name,email,phone,language,languages,skills,roles,settlement,travel_km,availability,motivation,stage,stage_reason,check_outcome,checked_on,check_expires_on,consent_on";

const GOOD_VOLUNTEERS: [&str; 3] = [
    "Gülnarə Əliyeva,gulnare@example.az,+994 50 111 22 33,az,az; ru,tutoring,mentor,Gəncə,15,mon 09:00-13:00,Kömək etmək istəyirəm,,,,,,2026-01-15",
    "İlkin Şükürov,ilkin@example.az,,en,az; en,,mentor; site_helper,Bakı,25,sat 10:00-14:00,=I want to help,training,,passed,2026-02-01,2029-02-01,2026-01-20",
    "Rəna Qədirova,rena@example.az,,ru,ru,,site_helper,Sumqayıt,5,tue 18:00-20:00,Help,rejected,Did not come to the interview,,,,2026-01-10",
];

const BAD_VOLUNTEERS: [&str; 4] = [
    "Suspended Person,suspended@example.az,,az,az,,mentor,Bakı,10,mon 09:00-10:00,Help,suspended,Reason,passed,2026-02-01,2029-02-01,2026-01-10",
    "Gülnarə Twice,GULNARE@example.az,,az,az,,mentor,Bakı,10,mon 09:00-10:00,Help,,,,,,2026-01-10",
    "No Check,nocheck@example.az,,az,az,,mentor,Bakı,10,mon 09:00-10:00,Help,training,,,,,2026-01-10",
    "Far Away,far@example.az,,english,az,,mentor,Bakı,900,mon 09:00-10:00,Help,,,,,,2026-01-10",
];

fn volunteers_csv(rows: &[&str]) -> String {
    let mut out = format!("{VOLUNTEER_HEADER}\n");
    for row in rows {
        out.push_str(row);
        out.push('\n');
    }
    out
}

async fn import_as_system(app: &TestApp, kind: Kind, data: &str, skip: bool) -> ImportReport {
    csv_io::import(
        &app.db,
        kind,
        data.as_bytes(),
        ImportOptions { skip_invalid: skip },
        &NoProgress,
        &Who {
            caller: Caller::System,
            ip: "test",
            mailer: &app.state.mailer,
        },
    )
    .await
    .expect("import runs")
}

async fn export_as_system(app: &TestApp, kind: Kind) -> String {
    let bytes = csv_io::export(&app.db, kind, &Caller::System, "test")
        .await
        .unwrap();
    String::from_utf8(bytes).unwrap()
}

async fn volunteer_count(app: &TestApp) -> u64 {
    entity::volunteer::Entity::find()
        .count(&app.db)
        .await
        .unwrap()
}

fn problems(report: &ImportReport) -> Vec<(usize, String, &'static str)> {
    report
        .errors
        .iter()
        .map(|e| (e.row, e.column.clone(), e.reason.code))
        .collect()
}

/// The cells of `column` in a CSV text (byte-order mark allowed).
fn column(text: &str, name: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let at = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == name)
        .unwrap();
    reader
        .records()
        .map(|r| r.unwrap().get(at).unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_volunteers_file_with_bad_rows_imports_nothing_and_reports_each_problem() {
    let app = TestApp::spawn().await;
    let mut rows: Vec<&str> = GOOD_VOLUNTEERS.to_vec();
    rows.extend(BAD_VOLUNTEERS);
    let data = volunteers_csv(&rows);

    let report = import_as_system(&app, Kind::Volunteers, &data, false).await;
    assert!(!report.committed);
    assert_eq!(
        problems(&report),
        vec![
            (5, "stage".to_owned(), "error-csv-volunteer-stage"),
            (6, "email".to_owned(), "error-csv-volunteer-email-taken"),
            (
                7,
                "check_outcome".to_owned(),
                "error-csv-volunteer-training-check"
            ),
            (8, "language".to_owned(), "error-choice-unknown"),
            (8, "travel_km".to_owned(), "error-number-range"),
        ]
    );
    assert_eq!(volunteer_count(&app).await, 0, "nothing half-imported");

    let report = import_as_system(&app, Kind::Volunteers, &data, true).await;
    assert!(report.committed);
    assert_eq!((report.created, report.skipped), (3, 4));
    let stored = entity::volunteer::Entity::find()
        .filter(entity::volunteer::Column::EmailKey.eq("ilkin@example.az"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.name, "İlkin Şükürov");
    assert_eq!(stored.stage, entity::volunteer::Stage::Training);
    assert_eq!(stored.check_outcome.as_deref(), Some("passed"));
    assert_eq!(stored.privacy_version, "imported");
    assert_eq!(stored.consent_at.date_naive().to_string(), "2026-01-20");
    assert_eq!(stored.user_id, None, "no account, no password");
    let first = entity::volunteer::Entity::find()
        .filter(entity::volunteer::Column::EmailKey.eq("gulnare@example.az"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.stage, entity::volunteer::Stage::EmailVerified);
    assert!(app.outbox().await.is_empty(), "an import sends no e-mail");
    assert_eq!(
        entity::user::Entity::find().count(&app.db).await.unwrap(),
        0
    );
    let history = entity::volunteer_event::Entity::find()
        .filter(entity::volunteer_event::Column::Kind.eq("imported"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(history, 3);
}

#[tokio::test]
async fn volunteers_round_trip_and_an_import_never_moves_the_vetting_stage() {
    let app = TestApp::spawn().await;
    let report = import_as_system(
        &app,
        Kind::Volunteers,
        &volunteers_csv(&GOOD_VOLUNTEERS),
        false,
    )
    .await;
    assert!(report.committed, "{:?}", report.errors);

    let text = export_as_system(&app, Kind::Volunteers).await;
    assert!(text.starts_with('\u{feff}'));
    let audited = app
        .audit_actions()
        .await
        .into_iter()
        .filter(|a| a == "volunteer.exported")
        .count();
    assert_eq!(audited, 3, "each exported volunteer is audited");
    assert_eq!(
        column(&text, "name"),
        vec!["Gülnarə Əliyeva", "İlkin Şükürov", "Rəna Qədirova"]
    );
    assert_eq!(column(&text, "motivation")[1], "'=I want to help");
    assert_eq!(column(&text, "phone")[0], "'+994 50 111 22 33");
    assert!(!text.contains("password"));

    let again = import_as_system(&app, Kind::Volunteers, &text, false).await;
    assert!(again.committed, "{:?}", again.errors);
    assert_eq!((again.created, again.updated), (0, 3));
    assert_eq!(export_as_system(&app, Kind::Volunteers).await, text);
    let stored = entity::volunteer::Entity::find()
        .filter(entity::volunteer::Column::EmailKey.eq("ilkin@example.az"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.motivation, "=I want to help",
        "the ' is taken off again"
    );

    // Moving the stage or changing the address through a file is refused.
    let moved = text.replacen(",training,", ",interview,", 1);
    let report = import_as_system(&app, Kind::Volunteers, &moved, false).await;
    assert_eq!(
        problems(&report),
        vec![(3, "stage".to_owned(), "error-csv-volunteer-stage-change")]
    );
    let readdressed = text.replacen("rena@example.az", "rena2@example.az", 1);
    let report = import_as_system(&app, Kind::Volunteers, &readdressed, false).await;
    assert_eq!(
        problems(&report),
        vec![(4, "email".to_owned(), "error-csv-volunteer-email-change")]
    );
}

const APPROVED_HEADER: &str = "name,email,languages,roles,settlement,travel_km,availability,motivation,stage,check_outcome,checked_on,check_expires_on,trainings,consent_on";

#[tokio::test]
async fn approved_volunteers_come_in_with_their_training_and_get_a_link_to_set_a_password() {
    let app = TestApp::spawn().await;
    let data = format!(
        "{APPROVED_HEADER}\n{}\n{}\n{}\n",
        "Aygün Məmmədova,aygun@example.az,az,mentor,Bakı,10,mon 09:00-12:00,Kömək,approved,passed,2026-02-01,2029-02-01,intro_probation 2026-03-01; boundaries_confidentiality 2026-03-02; safeguarding 2026-03-03; motivational_interviewing 2026-03-04,2026-01-10",
        "Not Ready,notready@example.az,az,mentor,Bakı,10,mon 09:00-12:00,Help,approved,passed,2026-02-01,2029-02-01,intro_probation 2026-03-01; safeguarding 2024-01-01,2026-01-10",
        "Juggler,juggler@example.az,az,mentor,Bakı,10,mon 09:00-12:00,Help,training,passed,2026-02-01,2029-02-01,juggling 2026-01-01,2026-01-10",
    );
    let report = import_as_system(&app, Kind::Volunteers, &data, false).await;
    assert_eq!(
        problems(&report),
        vec![
            (
                3,
                "trainings".to_owned(),
                "vetting-problem-training-missing"
            ),
            (
                3,
                "trainings".to_owned(),
                "vetting-problem-training-expired"
            ),
            (
                4,
                "trainings".to_owned(),
                "error-csv-volunteer-training-unknown"
            ),
        ]
    );
    assert_eq!(
        report.errors[0].message(korpu::i18n::Lang::En),
        "The mandatory module \"boundaries_confidentiality\" has not been completed."
    );
    assert!(app.outbox().await.is_empty());
    assert_eq!(volunteer_count(&app).await, 0);

    let report = import_as_system(&app, Kind::Volunteers, &data, true).await;
    assert_eq!(report.created, 1);
    let stored = entity::volunteer::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.stage, entity::volunteer::Stage::Approved);
    let user = entity::user::Entity::find_by_id(stored.user_id.expect("account opened"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.name, "Aygün Məmmədova");
    assert!(user.password_hash.is_none(), "no password is imported");
    let completions = entity::volunteer_training::Entity::find()
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(completions, 4);
    assert!(
        app.audit_actions()
            .await
            .contains(&"volunteer.account_opened".to_owned())
    );
    let text = export_as_system(&app, Kind::Volunteers).await;
    assert_eq!(
        column(&text, "trainings"),
        vec![
            "boundaries_confidentiality 2026-03-02; intro_probation 2026-03-01; motivational_interviewing 2026-03-04; safeguarding 2026-03-03"
        ]
    );
    let again = import_as_system(&app, Kind::Volunteers, &text, false).await;
    assert_eq!(
        (again.committed, again.updated),
        (true, 1),
        "{:?}",
        again.errors
    );

    // The volunteer sets a password from the e-mail and signs in as a mentor.
    let link = last_link(&app, "aygun@example.az", "/password/set/").await;
    let browser = app.client();
    browser.get(&link).await;
    let set = browser
        .post_form(
            &link,
            &[("password", PASSWORD), ("password_confirmation", PASSWORD)],
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER);
    browser.sign_in("aygun@example.az", PASSWORD).await;
    assert_eq!(
        browser.get("/api/v1/me").await.json()["roles"],
        serde_json::json!(["mentor"])
    );
}

const CLIENT_HEADER: &str = "name,birth_date,languages,phone,settlement,needs,skills,availability,notes,coordinator,restricted,access";

fn clients_csv(rows: &[&str]) -> String {
    let mut out = format!("{CLIENT_HEADER}\n");
    for row in rows {
        out.push_str(row);
        out.push('\n');
    }
    out
}

const CLIENT_ROWS: [&str; 6] = [
    "Şahin Qasımov,1990-05-17,az; ru,+994 50 123 45 67,Bakı,employment; housing,carpentry,mon 09:00-13:00,\"=HYPERLINK(\"\"http://evil.example\"\")\",,no,",
    "Günay İsmayılova,1985-02-01,az,,Sumqayıt,education,,,,,,",
    "Too Young,2030-01-01,az,,Bakı,,,,,,,",
    "Ganja Person,1980-01-01,az,,Gəncə,,,,,ganja@example.az,,",
    "Nobody's Client,1980-01-01,az,,Bakı,,,,,nobody@example.az,,",
    "Məxfi Şəxs,1970-01-01,az,,Bakı,family,,,,,yes,admin@example.az",
];

async fn post_csv(browser: &TestClient, path: &str, data: &str) -> (StatusCode, Value) {
    let csrf = browser.csrf().unwrap_or_default();
    let response = browser
        .send(
            Method::POST,
            path,
            Body::from(data.to_owned()),
            Some("text/csv"),
            &[("x-csrf-token", &csrf)],
        )
        .await;
    let json = serde_json::from_str(&response.body).unwrap_or(Value::Null);
    (response.status, json)
}

fn codes(report: &Value) -> Vec<(u64, String, String)> {
    report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["row"].as_u64().unwrap(),
                e["column"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

async fn client_count(app: &TestApp) -> u64 {
    entity::client::Entity::find().count(&app.db).await.unwrap()
}

#[tokio::test]
async fn a_coordinator_imports_clients_of_their_region_all_or_nothing() {
    let fx = Fixture::new().await;
    fx.user("admin@example.az", &[Role::Admin], None).await;
    fx.user("ganja@example.az", &[Role::Coordinator], Some(fx.ganja))
        .await;
    let coordinator = fx.baku_coordinator("coord@example.az").await;
    let data = clients_csv(&CLIENT_ROWS);

    let (status, report) = post_csv(&coordinator, "/api/v1/import/clients", &data).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(report["committed"], false);
    assert_eq!(
        codes(&report),
        vec![
            (4, "birth_date".into(), "error-client-birth-date".into()),
            (5, "region".into(), "error-csv-client-region".into()),
            (6, "coordinator".into(), "error-client-coordinator".into()),
        ]
    );
    assert_eq!(client_count(&fx.app).await, 0, "nothing half-imported");

    let (_, report) = post_csv(
        &coordinator,
        "/api/v1/import/clients?skip_invalid=true",
        &data,
    )
    .await;
    assert_eq!(report["committed"], true, "{report}");
    assert_eq!(report["created"], 3);
    let restricted = entity::client::Entity::find()
        .filter(entity::client::Column::Restricted.eq(true))
        .one(&fx.app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(restricted.name, "Məxfi Şəxs");
    let named = entity::client_access::Entity::find()
        .filter(entity::client_access::Column::ClientId.eq(restricted.id))
        .count(&fx.app.db)
        .await
        .unwrap();
    assert_eq!(named, 2, "the admin named in the file and the importer");
    let actions = fx.app.audit_actions().await;
    assert_eq!(
        actions.iter().filter(|a| *a == "client.imported").count(),
        3
    );
    // A client living elsewhere is fine when the importer stays responsible for them.
    let (_, report) = post_csv(
        &coordinator,
        "/api/v1/import/clients",
        &clients_csv(&["Köçmüş Şəxs,1980-01-01,az,,Gəncə,,,,,,,"]),
    )
    .await;
    assert_eq!(report["created"], 1, "{report}");
}

#[tokio::test]
async fn a_client_export_holds_only_what_the_caller_may_see_and_every_record_is_audited() {
    let fx = Fixture::new().await;
    let admin = fx.signed_in("admin@example.az", &[Role::Admin], None).await;
    let importer = fx.baku_coordinator("coord@example.az").await;
    let colleague = fx.baku_coordinator("colleague@example.az").await;
    let ganja = fx
        .signed_in("ganja@example.az", &[Role::Coordinator], Some(fx.ganja))
        .await;
    let mentor = fx
        .signed_in("mentor@example.az", &[Role::Mentor], None)
        .await;
    let good = [CLIENT_ROWS[0], CLIENT_ROWS[1], CLIENT_ROWS[5]];
    let (_, report) = post_csv(&importer, "/api/v1/import/clients", &clients_csv(&good)).await;
    assert_eq!(report["created"], 3, "{report}");

    let names = |text: &str| column(text, "name");
    let export = importer.get("/api/v1/export/clients").await;
    assert_eq!(export.status, StatusCode::OK);
    assert_eq!(
        names(&export.body),
        vec!["Şahin Qasımov", "Günay İsmayılova", "Məxfi Şəxs"]
    );
    assert_eq!(
        column(&export.body, "notes")[0],
        "'=HYPERLINK(\"http://evil.example\")"
    );
    assert_eq!(
        column(&export.body, "access")[2],
        "admin@example.az; coord@example.az"
    );
    let colleague_export = colleague.get("/export/clients").await;
    assert_eq!(colleague_export.status, StatusCode::OK);
    assert_eq!(
        names(&colleague_export.body),
        vec!["Şahin Qasımov", "Günay İsmayılova"],
        "a restricted record only for named staff"
    );
    assert!(names(&ganja.get("/api/v1/export/clients").await.body).is_empty());
    assert_eq!(
        names(&admin.get("/api/v1/export/clients").await.body).len(),
        3,
        "the admin is named on the restricted record"
    );
    assert_eq!(
        names(&export_as_system(&fx.app, Kind::Clients).await).len(),
        2,
        "the command line sees no restricted record"
    );
    let exported = fx
        .app
        .audit_actions()
        .await
        .into_iter()
        .filter(|a| a == "client.exported")
        .count();
    assert_eq!(exported, 3 + 2 + 3 + 2);

    // The upload page tells what importing people does.
    let page = colleague.get("/import").await;
    assert!(page.body.contains("Passwords are never imported"));
    assert!(
        page.body
            .contains("each exported record is written to the audit log")
    );

    // Other roles may neither export nor import clients.
    assert_eq!(
        mentor.get("/api/v1/export/clients").await.status,
        StatusCode::FORBIDDEN
    );
    let (status, _) = post_csv(&mentor, "/api/v1/import/clients", &clients_csv(&good)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // A coordinator of another region cannot reach Baku's records through ids.
    let (_, report) = post_csv(&ganja, "/api/v1/import/clients", &export.body).await;
    assert_eq!(report["committed"], false);
    let rows: Vec<String> = codes(&report)
        .into_iter()
        .filter(|(_, column, _)| column == "id")
        .map(|(_, _, code)| code)
        .collect();
    assert_eq!(rows, vec!["error-csv-id-unknown"; 3]);
}

#[tokio::test]
async fn clients_round_trip_through_export_and_import() {
    let fx = Fixture::new().await;
    fx.user("admin@example.az", &[Role::Admin], None).await;
    let importer = fx.baku_coordinator("coord@example.az").await;
    let good = [CLIENT_ROWS[0], CLIENT_ROWS[1], CLIENT_ROWS[5]];
    post_csv(&importer, "/api/v1/import/clients", &clients_csv(&good)).await;
    let first = importer.get("/api/v1/export/clients").await.body;

    let (_, report) = post_csv(&importer, "/api/v1/import/clients", &first).await;
    assert_eq!(report["committed"], true, "{report}");
    assert_eq!(
        (report["created"].clone(), report["updated"].clone()),
        (0.into(), 3.into())
    );
    assert_eq!(importer.get("/api/v1/export/clients").await.body, first);
    let stored = entity::client::Entity::find()
        .filter(entity::client::Column::Name.eq("Şahin Qasımov"))
        .one(&fx.app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.notes.as_deref(),
        Some("=HYPERLINK(\"http://evil.example\")")
    );
    assert_eq!(
        stored.name_key,
        korpu::domain::text::search_key("ŞAHİN QASIMOV")
    );
}
