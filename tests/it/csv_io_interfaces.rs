//! CSV import and export through the upload page, the API and the command line.

use axum::body::Body;
use axum::http::{Method, StatusCode};
use korpu::auth::Role;

use crate::csv_io::{site_count, sites_csv};
use crate::support::TestApp;

fn multipart(boundary: &str, fields: &[(&str, Option<&str>, &str)]) -> String {
    let mut body = String::new();
    for (name, filename, value) in fields {
        body.push_str(&format!("--{boundary}\r\n"));
        match filename {
            Some(f) => body.push_str(&format!(
                "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: text/csv\r\n\r\n"
            )),
            None => body.push_str(&format!(
                "Content-Disposition: form-data; name=\"{name}\"\r\n\r\n"
            )),
        }
        body.push_str(value);
        body.push_str("\r\n");
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    body
}

#[tokio::test]
async fn the_upload_page_imports_a_file_and_shows_the_report() {
    let app = TestApp::spawn().await;
    let client = app
        .signed_in("coordinator@example.az", &[Role::Coordinator])
        .await;
    let page = client.get("/import").await;
    assert!(page.body.contains("enctype=\"multipart/form-data\""));
    let csrf = client.csrf().unwrap();
    assert!(
        page.body
            .contains(&format!("action=\"/import?_csrf={csrf}\""))
    );
    let boundary = "korpu-test-boundary";
    let data = sites_csv(3, &[(1, "Bad capacity,Org,Bakı,,,gardening,,0,,no,az,,,")]);
    let send = |skip: bool, token: String| {
        let mut fields = vec![
            ("kind", None, "sites"),
            ("file", Some("sites.csv"), data.as_str()),
        ];
        if skip {
            fields.push(("skip_invalid", None, "on"));
        }
        let body = multipart(boundary, &fields);
        let client = &client;
        async move {
            client
                .send(
                    Method::POST,
                    &format!("/import?_csrf={token}"),
                    Body::from(body),
                    Some(&format!("multipart/form-data; boundary={boundary}")),
                    &[],
                )
                .await
        }
    };
    let refused = send(false, "wrong".into()).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "CSRF is checked");
    let all_or_nothing = send(false, csrf.clone()).await;
    assert_eq!(all_or_nothing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        all_or_nothing
            .body
            .contains("<td>3</td><td><code>capacity</code></td>")
    );
    assert_eq!(site_count(&app).await, 0);
    let skipped = send(true, client.csrf().unwrap()).await;
    assert_eq!(skipped.status, StatusCode::OK, "{}", skipped.body);
    assert_eq!(site_count(&app).await, 2);
    let download = client.get("/export/sites").await;
    assert_eq!(download.status, StatusCode::OK);
    assert!(
        download
            .header("content-type")
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        download
            .header("content-disposition")
            .unwrap()
            .contains("korpu-sites-")
    );
    assert!(download.body.contains("Obyekt 2"));
    assert_eq!(
        client.get("/export/orders").await.status,
        StatusCode::NOT_FOUND
    );
    assert!(
        app.audit_actions()
            .await
            .contains(&"csv.exported".to_owned())
    );
}

#[tokio::test]
async fn the_api_imports_a_csv_body_and_exports_a_csv_file() {
    let app = TestApp::spawn().await;
    let client = app
        .signed_in("coordinator@example.az", &[Role::Coordinator])
        .await;
    let data = "name,kind,settlement,specialties,languages,caseload_capacity,in_person,remote\n\
                Aytən Quliyeva,psychologist,Bakı,trauma; family,az; en,8,yes,no\n\
                Rauf Hüseynov,social_worker,Sumqayıt,employment_counselling,az,20,,yes\n\
                Bad One,plumber,Bakı,trauma,az,8,yes,no\n";
    let response = client
        .send(
            Method::POST,
            "/api/v1/import/psychologists",
            Body::from(data),
            Some("text/csv"),
            &[("x-csrf-token", &client.csrf().unwrap())],
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let report = response.json();
    assert_eq!(report["committed"], false);
    assert_eq!(report["errors"][0]["row"], 4);
    assert_eq!(report["errors"][0]["column"], "kind");
    let response = client
        .send(
            Method::POST,
            "/api/v1/import/psychologists?skip_invalid=true",
            Body::from(data),
            Some("text/csv"),
            &[("x-csrf-token", &client.csrf().unwrap())],
        )
        .await;
    assert_eq!(response.json()["created"], 2);
    let export = client.get("/api/v1/export/psychologists").await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(export.body.contains("Rauf Hüseynov,social_worker"));
    assert!(export.body.contains(",yes,yes,20,"), "{}", export.body);
}

#[tokio::test]
async fn the_command_line_imports_all_or_nothing_and_exports_to_a_file() {
    let app = TestApp::spawn().await;
    let database_url = app.state.config.database_url();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sites.csv");
    std::fs::write(
        &file,
        sites_csv(5, &[(2, "Bad capacity,Org,Bakı,,,gardening,,0,,no,az,,,")]),
    )
    .unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_korpu"))
            .args(args)
            .env("DATABASE_URL", &database_url)
            .env("RUST_LOG", "off")
            .output()
            .expect("run korpu")
    };
    let path = file.to_str().unwrap();
    let refused = run(&["import", "sites", path]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("row 4, column capacity"), "{stderr}");
    assert!(stderr.contains("nothing imported"), "{stderr}");
    assert!(
        stderr
            .trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("error: "),
        "one error line last: {stderr}"
    );
    assert!(
        stderr
            .trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("error: "),
        "{stderr}"
    );
    assert_eq!(site_count(&app).await, 0);
    let skipped = run(&["import", "sites", path, "--skip-invalid"]);
    assert!(
        skipped.status.success(),
        "{}",
        String::from_utf8_lossy(&skipped.stderr)
    );
    assert!(String::from_utf8_lossy(&skipped.stdout).contains("4 created"));
    assert_eq!(site_count(&app).await, 4);
    let out = dir.path().join("out.csv");
    let exported = run(&["export", "sites", "--output", out.to_str().unwrap()]);
    assert!(exported.status.success());
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 5);
    // Approving a volunteer from the command line queues the e-mail to set a password.
    let volunteers = dir.path().join("volunteers.csv");
    std::fs::write(
        &volunteers,
        "name,email,languages,roles,settlement,travel_km,availability,motivation,stage,check_outcome,checked_on,check_expires_on,trainings,consent_on\n\
         Aygün Məmmədova,aygun@example.az,az,mentor,Bakı,10,mon 09:00-12:00,Kömək,approved,passed,2026-02-01,2029-02-01,intro_probation 2026-03-01; boundaries_confidentiality 2026-03-02; safeguarding 2026-03-03,2026-01-10\n",
    )
    .unwrap();
    let approved = run(&["import", "volunteers", volunteers.to_str().unwrap()]);
    assert!(
        approved.status.success(),
        "{}",
        String::from_utf8_lossy(&approved.stderr)
    );
    let mail = app.outbox().await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].template, "volunteer_approved");
    assert!(mail[0].body_text.contains("/password/set/"));
    let unknown = run(&["export", "orders"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("unknown kind"));
}
