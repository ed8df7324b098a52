//! The foundation: start-up, migrations, health, pages in each language, errors, OpenAPI,
//! static files, security headers, translations, and the command line on bad configuration.

use std::process::Command;

use axum::http::StatusCode;
use korpu::i18n::{self, Lang};

use crate::support::{LANGS, TestApp};

#[tokio::test]
async fn migrations_apply_once_and_leave_nothing_pending() {
    let app = TestApp::spawn().await;
    korpu::db::migrate(&app.db)
        .await
        .expect("second run is a no-op");
    let status = korpu::db::migration_status(&app.db).await.unwrap();
    assert!(!status.is_empty());
    assert!(status.iter().all(|(_, applied)| *applied), "{status:?}");
}

#[tokio::test]
async fn health_and_readiness_answer_json() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let health = client.get("/healthz").await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(health.json()["status"], "ok");
    let ready = client.get("/readyz").await;
    assert_eq!(ready.status, StatusCode::OK);
    assert_eq!(ready.json()["database"], "ok");
}

#[tokio::test]
async fn readiness_fails_when_the_database_is_gone() {
    let app = TestApp::spawn().await;
    app.db.clone().close().await.unwrap();
    let ready = app.client().get("/readyz").await;
    assert_eq!(ready.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(ready.json()["error"]["code"], "unavailable");
}

#[tokio::test]
async fn home_page_speaks_each_language_from_accept_language() {
    let app = TestApp::spawn().await;
    for lang in LANGS {
        let page = app
            .client()
            .get_with("/", &[("accept-language", lang.code())])
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body
                .contains(&format!("<html lang=\"{}\"", lang.code()))
        );
        assert!(
            page.body.contains(&i18n::t(lang, "home-heading")),
            "{lang:?}"
        );
        assert!(!page.body.contains("Unknown localization"));
    }
}

#[tokio::test]
async fn language_switcher_remembers_the_choice_over_the_browser() {
    let app = TestApp::spawn().await;
    let client = app
        .client()
        .with_header("accept-language", "en-GB,en;q=0.9");
    let switched = client.get("/lang/ru?next=/privacy").await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    assert_eq!(switched.location().as_deref(), Some("/privacy"));
    assert_eq!(client.cookie("korpu_lang").as_deref(), Some("ru"));
    let page = client.get("/").await;
    assert!(page.body.contains("<html lang=\"ru\""));
    assert!(page.body.contains(&i18n::t(Lang::Ru, "home-heading")));
    // An open redirect is refused, and an unknown language is a 404.
    let offsite = client.get("/lang/az?next=//evil.example").await;
    assert_eq!(offsite.location().as_deref(), Some("/"));
    assert_eq!(client.get("/lang/xx").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn default_language_applies_without_any_preference() {
    let app = TestApp::spawn().await;
    let page = app.client().get("/").await;
    assert!(page.body.contains("<html lang=\"az\""));
    let app = TestApp::spawn_with(|c| c.default_language = "en".into()).await;
    assert!(
        app.client()
            .get("/")
            .await
            .body
            .contains("<html lang=\"en\"")
    );
}

#[tokio::test]
async fn unknown_page_is_a_translated_404_page() {
    let app = TestApp::spawn().await;
    for lang in LANGS {
        let page = app
            .client()
            .get_with("/no/such/page", &[("accept-language", lang.code())])
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        assert!(page.body.contains("<!DOCTYPE html>"));
        assert!(page.body.contains(&i18n::t(lang, "error-not-found")));
    }
}

#[tokio::test]
async fn unknown_api_path_is_a_json_404() {
    let app = TestApp::spawn().await;
    let response = app.client().get("/api/v1/no-such-thing").await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(response.json()["error"]["code"], "not_found");
}

#[tokio::test]
async fn malformed_query_values_give_a_400_page_not_a_crash() {
    let app = TestApp::spawn().await;
    let admin = app
        .signed_in("admin@example.az", &[korpu::auth::Role::Admin])
        .await;
    let response = admin
        .get("/admin/audit?object_id=abc&from=not-a-date")
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert!(
        response
            .body
            .contains(&i18n::t(Lang::En, "error-query-invalid"))
    );
}

#[tokio::test]
async fn openapi_document_describes_the_api_and_its_bearer_scheme() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let doc = client.get("/api/openapi.json").await;
    assert_eq!(doc.status, StatusCode::OK);
    let json = doc.json();
    assert!(
        json["openapi"]
            .as_str()
            .unwrap_or_default()
            .starts_with('3')
    );
    assert!(json["paths"]["/api/v1/me"]["get"].is_object());
    assert!(json["paths"]["/healthz"]["get"].is_object());
    assert_eq!(
        json["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    assert!(json["components"]["schemas"]["ErrorBody"].is_object());
    // Every /api/v1 route of the inventory is documented.
    for route in korpu::app::route_inventory() {
        if route.path.starts_with("/api/v1/") {
            let method = route.method.as_str().to_ascii_lowercase();
            assert!(
                json["paths"][&route.path][&method].is_object(),
                "{} {} is not in the OpenAPI document",
                route.method,
                route.path
            );
        }
    }
    let docs = client.get("/api/docs/").await;
    assert_eq!(docs.status, StatusCode::OK);
    assert!(docs.body.contains("swagger-ui"));
    assert!(
        !docs.body.contains("https://"),
        "the docs page loads nothing from other hosts"
    );
}

#[tokio::test]
async fn static_files_are_cached_and_revalidated() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let css = client.get("/static/css/app.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
    assert!(css.header("cache-control").unwrap().contains("max-age"));
    let etag = css.header("etag").unwrap();
    let again = client
        .get_with("/static/css/app.css", &[("if-none-match", &etag)])
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert_eq!(
        client.get("/static/nope.css").await.status,
        StatusCode::NOT_FOUND
    );
    let pico = client.get("/static/vendor/pico/pico.min.css").await;
    assert_eq!(pico.status, StatusCode::OK);
}

#[tokio::test]
async fn every_response_carries_security_headers_and_a_request_id() {
    let app = TestApp::spawn().await;
    for path in ["/", "/sign-in", "/api/v1/me", "/nope"] {
        let response = app.client().get(path).await;
        let csp = response
            .header("content-security-policy")
            .unwrap_or_default();
        for directive in [
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "script-src 'self'",
        ] {
            assert!(csp.contains(directive), "{path}: {csp}");
        }
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(
            response.header("x-content-type-options").as_deref(),
            Some("nosniff")
        );
        assert!(response.header("referrer-policy").is_some());
        assert!(response.header("x-request-id").is_some());
        assert!(response.header("strict-transport-security").is_none());
    }
    let https = TestApp::spawn_with(|c| c.base_url = Some("https://korpu.example".into())).await;
    let response = https.client().get("/").await;
    assert!(response.header("strict-transport-security").is_some());
}

#[test]
fn every_message_key_exists_in_every_language() {
    let mut missing = Vec::new();
    let en_keys = ftl_keys("en");
    for lang in ["az", "ru"] {
        let keys = ftl_keys(lang);
        for key in &en_keys {
            if !keys.contains(key) {
                missing.push(format!("{lang}: {key}"));
            }
        }
        for key in &keys {
            if !en_keys.contains(key) {
                missing.push(format!("{lang} has extra key {key}"));
            }
        }
    }
    for role in korpu::auth::Role::ALL {
        if !en_keys.contains(&format!("role-{}", role.as_str())) {
            missing.push(format!("role-{}", role.as_str()));
        }
    }
    for key in template_keys() {
        // Keys built in templates from a prefix (`"role-" ~ role`) are checked above or by
        // the pages that use them.
        if key.ends_with('-') {
            assert!(
                en_keys.iter().any(|k| k.starts_with(&key)),
                "no key starts with {key}"
            );
            continue;
        }
        if !en_keys.contains(&key) {
            missing.push(format!("{key} (used in templates)"));
        }
    }
    assert!(
        missing.is_empty(),
        "missing translations:\n{}",
        missing.join("\n")
    );
}

fn ftl_keys(lang: &str) -> std::collections::BTreeSet<String> {
    let dir = format!("{}/locales/{lang}", env!("CARGO_MANIFEST_DIR"));
    let mut keys = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            if let Some((key, _)) = line.split_once(" =")
                && !key.starts_with([' ', '#', '*', '['])
                && !key.is_empty()
            {
                keys.insert(key.trim().to_owned());
            }
        }
    }
    keys
}

fn template_keys() -> std::collections::BTreeSet<String> {
    let mut keys = std::collections::BTreeSet::new();
    let mut stack = vec![std::path::PathBuf::from(format!(
        "{}/templates",
        env!("CARGO_MANIFEST_DIR")
    ))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for marker in ["t(key=\"", "t(key='"] {
                for (i, _) in text.match_indices(marker) {
                    let rest = &text[i + marker.len()..];
                    let end = rest.find(['"', '\'']).unwrap();
                    keys.insert(rest[..end].to_owned());
                }
            }
        }
    }
    keys
}

#[tokio::test]
async fn the_service_answers_on_a_real_port() {
    let app = TestApp::spawn().await;
    let base = app.serve().await;
    let (status, body) = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(base.trim_start_matches("http://")).unwrap();
        use std::io::{Read, Write};
        write!(
            stream,
            "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut text = String::new();
        stream.read_to_string(&mut text).unwrap();
        (text.lines().next().unwrap_or_default().to_owned(), text)
    })
    .await
    .unwrap();
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("\"status\":\"ok\""));
}

fn korpu(args: &[&str], envs: &[(&str, &str)]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_korpu"));
    command
        .args(args)
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "off");
    for (k, v) in envs {
        command.env(k, v);
    }
    command.output().expect("run korpu")
}

fn assert_one_line_error(output: &std::process::Output, mentions: &str) {
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "expected one line, got: {stderr}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    assert!(lines[0].contains(mentions), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn bad_configuration_gives_one_clear_line_and_a_failure_exit() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let bad_addr = korpu(
        &["serve", "--addr", "not-an-address", "--data-dir", data],
        &[],
    );
    assert_one_line_error(&bad_addr, "KORPU_ADDR");

    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let under_file = file.join("data");
    let unwritable = korpu(
        &[
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--data-dir",
            under_file.to_str().unwrap(),
        ],
        &[],
    );
    assert_one_line_error(&unwritable, "data folder");

    let unreachable = korpu(
        &["serve", "--addr", "127.0.0.1:0"],
        &[("DATABASE_URL", "postgres://korpu:secret@127.0.0.1:1/korpu")],
    );
    assert_one_line_error(&unreachable, "cannot connect to the database");
    assert!(!String::from_utf8_lossy(&unreachable.stderr).contains("secret"));

    let bad_env = korpu(
        &["serve", "--data-dir", data],
        &[("KORPU_SMTP_PORT", "many")],
    );
    assert_one_line_error(&bad_env, "KORPU_SMTP_PORT");
}

#[test]
fn migrate_status_lists_applied_migrations() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let up = korpu(&["migrate", "up", "--data-dir", data], &[]);
    assert!(
        up.status.success(),
        "{}",
        String::from_utf8_lossy(&up.stderr)
    );
    let status = korpu(&["migrate", "status", "--data-dir", data], &[]);
    let out = String::from_utf8_lossy(&status.stdout);
    assert!(out.lines().count() >= 2);
    assert!(out.lines().all(|l| l.starts_with("applied ")), "{out}");
    assert!(dir.path().join("korpu.sqlite3").exists());
}
