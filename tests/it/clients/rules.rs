//! Jurisdiction rules: loaded at start from the built-in files or a folder, switching the file
//! changes validation, and a bad file stops the service with one clear line.

use std::process::Command;

use axum::http::{Method, StatusCode};
use korpu::domain::rules::BUILTIN;

use super::{Fixture, api, client_form, create_client, error_fields, order_json};
use crate::support::TestApp;

/// Hours of public works and administrative community service accepted under `jurisdiction`.
async fn accepted(
    jurisdiction: &str,
    rules_dir: Option<std::path::PathBuf>,
) -> Vec<(String, u32, bool)> {
    let j = jurisdiction.to_owned();
    let app = TestApp::spawn_with(move |c| {
        c.jurisdiction = j;
        c.rules_dir = rules_dir;
    })
    .await;
    let fx = Fixture::with(app).await;
    let leyla = fx.baku_coordinator("leyla@example.az").await;
    let id = create_client(&leyla, &client_form("Rules Check", "Yasamal")).await;
    let mut out = Vec::new();
    for (kind, hours) in [
        ("public_works", 40),
        ("public_works", 350),
        ("administrative_community_service", 60),
    ] {
        let response = api(
            &leyla,
            Method::POST,
            &format!("/api/v1/clients/{id}/orders"),
            Some(order_json(kind, Some(hours))),
        )
        .await;
        if response.status != StatusCode::CREATED {
            error_fields(&response);
        }
        out.push((
            kind.to_owned(),
            hours,
            response.status == StatusCode::CREATED,
        ));
    }
    out
}

#[tokio::test]
async fn switching_the_rules_file_changes_validation() {
    let az = accepted("az", None).await;
    let ew = accepted("england-wales", None).await;
    let verdicts = |v: &[(String, u32, bool)]| v.iter().map(|(_, _, ok)| *ok).collect::<Vec<_>>();
    // Azerbaijan: public works 240–480 hours; administrative community service exists.
    assert_eq!(verdicts(&az), [false, true, true]);
    // England and Wales: unpaid work 40–300 hours; no administrative community service.
    assert_eq!(verdicts(&ew), [true, false, false]);
}

#[tokio::test]
async fn a_rules_folder_overrides_the_built_in_file_and_the_api_shows_the_loaded_rules() {
    let dir = tempfile::tempdir().unwrap();
    let text = BUILTIN[0].1.replace("max = 480", "max = 340");
    std::fs::write(dir.path().join("az.toml"), text).unwrap();
    let verdicts = accepted("az", Some(dir.path().to_path_buf())).await;
    assert!(
        !verdicts[1].2,
        "350 hours is above the folder's maximum of 340: {verdicts:?}"
    );
    assert!(
        verdicts[2].2,
        "the rest of the file still applies: {verdicts:?}"
    );
    let app = TestApp::spawn().await;
    let fx = Fixture::with(app).await;
    let leyla = fx.baku_coordinator("leyla@example.az").await;
    let rules = api(&leyla, Method::GET, "/api/v1/rules", None).await.json();
    assert_eq!(rules["jurisdiction"], "az");
    assert_eq!(rules["hours"]["public_works"]["min"], 240);
    assert_eq!(rules["conversions"][0]["basis"], "law");
    assert_eq!(rules["hours"]["public_works"]["basis"], "unconfirmed");
}

fn korpu(envs: &[(&str, &str)], data: &str) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_korpu"));
    command
        .args(["serve", "--addr", "127.0.0.1:0", "--data-dir", data])
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "off");
    for (k, v) in envs {
        command.env(k, v);
    }
    command.output().expect("run korpu")
}

fn one_error_line(output: &std::process::Output, mentions: &str) {
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "expected one line, got: {stderr}");
    assert!(
        lines[0].starts_with("error: jurisdiction rules")
            || lines[0].starts_with("error: KORPU_JURISDICTION")
            || lines[0].starts_with("error: no built-in"),
        "{stderr}"
    );
    assert!(lines[0].contains(mentions), "{mentions}: {stderr}");
}

#[test]
fn a_bad_rules_file_stops_the_service_with_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let rules = dir.path().join("rules");
    std::fs::create_dir_all(&rules).unwrap();
    let data = data.to_str().unwrap();
    std::fs::write(
        rules.join("az.toml"),
        BUILTIN[0].1.replace("min = 240", "min = 900"),
    )
    .unwrap();
    let rules_dir = rules.to_str().unwrap();
    one_error_line(
        &korpu(&[("KORPU_RULES_DIR", rules_dir)], data),
        "hours.public_works",
    );
    std::fs::write(
        rules.join("az.toml"),
        "jurisdiction = \"az\"\nname = [broken",
    )
    .unwrap();
    one_error_line(&korpu(&[("KORPU_RULES_DIR", rules_dir)], data), "line 2");
    one_error_line(
        &korpu(&[("KORPU_JURISDICTION", "atlantis")], data),
        "atlantis",
    );
}
