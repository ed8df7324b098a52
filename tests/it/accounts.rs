//! Accounts and the security baseline: sign-in, lockout, sessions, CSRF, password reset,
//! invitations, roles, locks, API tokens, the audit log, the route inventory and role matrix.

use axum::http::{Method, StatusCode};
use korpu::app::route_inventory;
use korpu::auth::{Access, Role};
use korpu::i18n::{self, Lang};

use crate::support::{PASSWORD, TestApp, TestClient, find_link};

async fn failed_sign_in(client: &TestClient, email: &str, password: &str) -> String {
    client.get("/sign-in").await;
    let response = client
        .post_form("/sign-in", &[("email", email), ("password", password)])
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    response.body
}

#[tokio::test]
async fn sign_in_with_the_right_password_reaches_the_dashboard() {
    let app = TestApp::spawn().await;
    app.create_user("leyla@example.az", &[Role::Coordinator])
        .await;
    let client = app.client();
    let response = client.sign_in("Leyla@Example.AZ", PASSWORD).await;
    assert_eq!(response.location().as_deref(), Some("/dashboard"));
    let dashboard = client.get("/dashboard").await;
    assert_eq!(dashboard.status, StatusCode::OK);
    assert!(dashboard.body.contains("User leyla"));
    assert!(
        app.audit_actions()
            .await
            .contains(&"auth.sign_in".to_owned())
    );
}

#[tokio::test]
async fn sign_in_returns_to_the_page_that_asked_for_it() {
    let app = TestApp::spawn().await;
    app.create_user("admin@example.az", &[Role::Admin]).await;
    let client = app.client();
    let redirect = client.get("/admin/users?q=x").await;
    assert_eq!(
        redirect.location().as_deref(),
        Some("/sign-in?next=%2Fadmin%2Fusers%3Fq%3Dx")
    );
    client.get("/sign-in?next=%2Fadmin%2Fusers%3Fq%3Dx").await;
    let response = client
        .post_form(
            "/sign-in",
            &[
                ("email", "admin@example.az"),
                ("password", PASSWORD),
                ("next", "/admin/users?q=x"),
            ],
        )
        .await;
    assert_eq!(response.location().as_deref(), Some("/admin/users?q=x"));
}

#[tokio::test]
async fn the_sixth_attempt_after_five_bad_passwords_is_locked_out() {
    let app = TestApp::spawn().await;
    app.create_user("rashad@example.az", &[Role::Coordinator])
        .await;
    let client = app.client();
    for _ in 0..5 {
        let body = failed_sign_in(&client, "rashad@example.az", "wrong password here").await;
        assert!(body.contains(&i18n::t(Lang::Az, "error-sign-in-failed")));
    }
    // The right password no longer works: the account is locked.
    let body = failed_sign_in(&client, "rashad@example.az", PASSWORD).await;
    assert!(
        body.contains(&i18n::t(Lang::Az, "error-sign-in-locked")),
        "{body}"
    );
    let actions = app.audit_actions().await;
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "auth.sign_in_failed")
            .count(),
        6
    );
    assert!(actions.contains(&"auth.account_locked".to_owned()));
    let mail = app.outbox().await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].template, "account_locked");
    assert_eq!(mail[0].to_address, "rashad@example.az");
}

#[tokio::test]
async fn an_admin_unlock_lifts_an_automatic_lock() {
    let app = TestApp::spawn().await;
    let user_id = app
        .create_user("rashad@example.az", &[Role::Coordinator])
        .await;
    let client = app.client();
    for _ in 0..5 {
        failed_sign_in(&client, "rashad@example.az", "wrong password here").await;
    }
    let admin = app.signed_in("admin@example.az", &[Role::Admin]).await;
    admin.get(&format!("/admin/users/{user_id}")).await;
    let unlock = admin
        .post_form(&format!("/admin/users/{user_id}/unlock"), &[])
        .await;
    assert_eq!(unlock.status, StatusCode::SEE_OTHER);
    client.sign_in("rashad@example.az", PASSWORD).await;
}

#[tokio::test]
async fn unknown_accounts_fail_like_wrong_passwords() {
    let app = TestApp::spawn().await;
    app.create_user("known@example.az", &[Role::Mentor]).await;
    let unknown = failed_sign_in(&app.client(), "nobody@example.az", PASSWORD).await;
    let wrong = failed_sign_in(&app.client(), "known@example.az", "not the password at all").await;
    let message = i18n::t(Lang::Az, "error-sign-in-failed");
    assert!(unknown.contains(&message) && wrong.contains(&message));
}

#[tokio::test]
async fn the_session_id_changes_at_sign_in() {
    let app = TestApp::spawn().await;
    app.create_user("aysel@example.az", &[Role::Mentor]).await;
    let client = app.client();
    client.get("/sign-in").await;
    let before = client
        .cookie("korpu_session")
        .expect("anonymous session for the form");
    client.sign_in("aysel@example.az", PASSWORD).await;
    let after = client.cookie("korpu_session").expect("signed-in session");
    assert_ne!(before, after);
    // The old id is dead: it does not carry the sign-in.
    let old = app.client();
    old.set_cookie("korpu_session", &before);
    assert_eq!(old.get("/dashboard").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_cookie_used_after_sign_out_is_refused() {
    let app = TestApp::spawn().await;
    let client = app.signed_in("aysel@example.az", &[Role::Mentor]).await;
    let cookie = client.cookie("korpu_session").unwrap();
    let out = client.post_form("/sign-out", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(client.cookie("korpu_session").is_none());
    let replay = app.client();
    replay.set_cookie("korpu_session", &cookie);
    let response = replay.get("/dashboard").await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert!(response.location().unwrap().starts_with("/sign-in"));
    assert!(
        app.audit_actions()
            .await
            .contains(&"auth.sign_out".to_owned())
    );
}

/// Signs in on an app configured by `adjust`, waits a moment, and tells whether the session
/// is still alive.
async fn session_survives(adjust: impl FnOnce(&mut korpu::config::Config)) -> bool {
    let app = TestApp::spawn_with(adjust).await;
    app.create_user("aysel@example.az", &[Role::Mentor]).await;
    let client = app.client();
    client.get("/sign-in").await;
    client
        .post_form(
            "/sign-in",
            &[("email", "aysel@example.az"), ("password", PASSWORD)],
        )
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    client.get("/dashboard").await.status == StatusCode::OK
}

#[tokio::test]
async fn an_idle_session_expires() {
    assert!(session_survives(|_| {}).await);
    assert!(!session_survives(|c| c.session_idle_minutes = 0).await);
}

#[tokio::test]
async fn a_session_past_its_absolute_lifetime_expires() {
    assert!(!session_survives(|c| c.session_absolute_hours = 0).await);
}

#[tokio::test]
async fn session_cookie_is_http_only_and_lax() {
    let app = TestApp::spawn().await;
    let response = app.client().get("/sign-in").await;
    let cookie = response.header("set-cookie").unwrap();
    assert!(cookie.starts_with("korpu_session="));
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Lax"));
    assert!(!cookie.contains("Secure"));
    let https = TestApp::spawn_with(|c| c.base_url = Some("https://korpu.example".into())).await;
    let cookie = https
        .client()
        .get("/sign-in")
        .await
        .header("set-cookie")
        .unwrap();
    assert!(cookie.contains("Secure"));
}

#[tokio::test]
async fn a_form_without_a_valid_csrf_token_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in("admin@example.az", &[Role::Admin]).await;
    let fields = [
        ("email", "new@example.az"),
        ("name", "New Person"),
        ("roles", "mentor"),
    ];
    let without = admin.post_form_exact("/admin/users", &fields).await;
    assert_eq!(without.status, StatusCode::FORBIDDEN);
    assert!(without.body.contains(&i18n::t(Lang::En, "error-csrf")));
    let mut forged = fields.to_vec();
    forged.push(("_csrf", "0000"));
    let wrong = admin.post_form_exact("/admin/users", &forged).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert!(
        korpu::services::accounts::find_by_email(&app.db, "new@example.az")
            .await
            .unwrap()
            .is_none()
    );
    assert!(app.outbox().await.is_empty());
    // With the token it works.
    let ok = admin.post_form("/admin/users", &fields).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
}

#[tokio::test]
async fn sign_in_without_csrf_is_refused() {
    let app = TestApp::spawn().await;
    app.create_user("aysel@example.az", &[Role::Mentor]).await;
    let response = app
        .client()
        .post_form_exact(
            "/sign-in",
            &[("email", "aysel@example.az"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn password_reset_answers_the_same_for_known_and_unknown_addresses() {
    let app = TestApp::spawn().await;
    app.create_user("known@example.az", &[Role::Mentor]).await;
    let mut answers = Vec::new();
    for email in ["known@example.az", "unknown@example.az"] {
        let client = app.client();
        client.get("/password/forgot").await;
        let response = client
            .post_form("/password/forgot", &[("email", email)])
            .await;
        let page = client.get(&response.location().unwrap()).await;
        let flash = i18n::t(Lang::Az, "flash-reset-sent");
        assert!(page.body.contains(&flash));
        answers.push((response.status, response.location()));
    }
    assert_eq!(answers[0], answers[1]);
    let mail = app.outbox().await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to_address, "known@example.az");
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once() {
    let app = TestApp::spawn().await;
    app.create_user("known@example.az", &[Role::Mentor]).await;
    let other_session = app.client();
    other_session.sign_in("known@example.az", PASSWORD).await;
    let client = app.client();
    client.get("/password/forgot").await;
    client
        .post_form("/password/forgot", &[("email", "known@example.az")])
        .await;
    let mail = &app.outbox().await[0];
    let link = find_link(&mail.body_text, "http://korpu.test/password/set/").unwrap();
    let path = link.trim_start_matches("http://korpu.test");
    assert!(
        client
            .get(path)
            .await
            .body
            .contains("name=\"password_confirmation\"")
    );
    let weak = client
        .post_form(
            path,
            &[
                ("password", "password1234"),
                ("password_confirmation", "password1234"),
            ],
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        weak.body
            .contains(&i18n::t(Lang::Az, "error-password-common"))
    );
    let new_password = "a brand new long passphrase";
    let done = client
        .post_form(
            path,
            &[
                ("password", new_password),
                ("password_confirmation", new_password),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    // Used once: the same link no longer works.
    let again = client.get(path).await;
    assert!(
        again
            .body
            .contains(&i18n::t(Lang::Az, "error-link-invalid"))
    );
    // Other sessions ended; the new password signs in, the old does not.
    assert_eq!(
        other_session.get("/dashboard").await.status,
        StatusCode::SEE_OTHER
    );
    failed_sign_in(&app.client(), "known@example.az", PASSWORD).await;
    app.client().sign_in("known@example.az", new_password).await;
    assert!(
        app.audit_actions()
            .await
            .contains(&"auth.password_reset".to_owned())
    );
}

#[tokio::test]
async fn an_invited_user_sets_a_password_and_signs_in() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in("admin@example.az", &[Role::Admin]).await;
    admin.get("/admin/users/new").await;
    let invited = admin
        .post_form(
            "/admin/users",
            &[
                ("email", "Nigar@Example.az"),
                ("name", "Nigar İsmayılova"),
                ("roles", "site_supervisor"),
                ("roles", "coordinator"),
                ("language", "ru"),
            ],
        )
        .await;
    assert_eq!(invited.status, StatusCode::SEE_OTHER);
    let mail = &app.outbox().await[0];
    assert_eq!(mail.template, "invitation");
    assert_eq!(mail.language, "ru");
    assert_eq!(mail.subject, i18n::t(Lang::Ru, "mail-invitation-subject"));
    assert!(mail.body_text.contains("Nigar İsmayılova"));
    let link = find_link(&mail.body_text, "http://korpu.test/password/set/").unwrap();
    let client = app.client();
    let path = link.trim_start_matches("http://korpu.test");
    client.get(path).await;
    let set = client
        .post_form(
            path,
            &[
                ("password", "Körpü üçün uzun parol"),
                ("password_confirmation", "Körpü üçün uzun parol"),
            ],
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER);
    client
        .sign_in("nigar@example.az", "Körpü üçün uzun parol")
        .await;
    let me = client.get("/api/v1/me").await.json();
    assert_eq!(
        me["roles"],
        serde_json::json!(["coordinator", "site_supervisor"])
    );
    let actions = app.audit_actions().await;
    assert!(actions.contains(&"user.invited".to_owned()));
    assert!(actions.contains(&"auth.password_set".to_owned()));
}

#[tokio::test]
async fn invitation_form_shows_field_errors_and_keeps_input() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in("admin@example.az", &[Role::Admin]).await;
    admin.get("/admin/users/new").await;
    let response = admin
        .post_form(
            "/admin/users",
            &[
                ("email", "not-an-email"),
                ("name", "Şəhla <b>Quliyeva</b>"),
                ("roles", "wizard"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .body
            .contains(&i18n::t(Lang::En, "error-email-invalid"))
    );
    assert!(
        response
            .body
            .contains(&i18n::t(Lang::En, "error-role-unknown"))
    );
    assert!(response.body.contains("value=\"not-an-email\""));
    assert!(
        response
            .body
            .contains("Şəhla &lt;b&gt;Quliyeva&lt;&#x2F;b&gt;")
            || response.body.contains("Şəhla &lt;b&gt;Quliyeva&lt;/b&gt;")
    );
    assert!(!response.body.contains("<b>Quliyeva</b>"));
}

#[tokio::test]
async fn removing_a_role_takes_effect_in_a_live_session() {
    let app = TestApp::spawn().await;
    let target = app
        .create_user("two-hats@example.az", &[Role::Admin, Role::Coordinator])
        .await;
    let user = app.client();
    user.sign_in("two-hats@example.az", PASSWORD).await;
    assert_eq!(user.get("/admin/users").await.status, StatusCode::OK);
    let admin = app.signed_in("admin@example.az", &[Role::Admin]).await;
    admin.get(&format!("/admin/users/{target}")).await;
    let saved = admin
        .post_form(
            &format!("/admin/users/{target}/roles"),
            &[("roles", "coordinator")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(user.get("/admin/users").await.status, StatusCode::FORBIDDEN);
    assert_eq!(user.get("/dashboard").await.status, StatusCode::OK);
    let actions = app.audit_actions().await;
    assert!(actions.contains(&"user.role_removed".to_owned()));
}

#[tokio::test]
async fn an_admin_cannot_remove_their_own_admin_role_or_lock_themselves() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in("admin@example.az", &[Role::Admin]).await;
    let me = admin.get("/api/v1/me").await.json()["id"].as_i64().unwrap();
    admin.get(&format!("/admin/users/{me}")).await;
    admin
        .post_form(&format!("/admin/users/{me}/roles"), &[("roles", "mentor")])
        .await;
    admin
        .post_form(&format!("/admin/users/{me}/lock"), &[])
        .await;
    assert_eq!(admin.get("/admin/users").await.status, StatusCode::OK);
}

#[tokio::test]
async fn locking_an_account_ends_its_sessions() {
    let app = TestApp::spawn().await;
    let target = app.create_user("mentor@example.az", &[Role::Mentor]).await;
    let mentor = app.client();
    mentor.sign_in("mentor@example.az", PASSWORD).await;
    let admin = app.signed_in("admin@example.az", &[Role::Admin]).await;
    admin.get(&format!("/admin/users/{target}")).await;
    admin
        .post_form(&format!("/admin/users/{target}/lock"), &[])
        .await;
    assert_eq!(mentor.get("/dashboard").await.status, StatusCode::SEE_OTHER);
    let body = failed_sign_in(&app.client(), "mentor@example.az", PASSWORD).await;
    assert!(body.contains(&i18n::t(Lang::Az, "error-sign-in-locked")));
    assert!(
        app.audit_actions()
            .await
            .contains(&"user.locked".to_owned())
    );
}

#[tokio::test]
async fn changing_the_password_signs_out_other_sessions_but_not_this_one() {
    let app = TestApp::spawn().await;
    app.create_user("mentor@example.az", &[Role::Mentor]).await;
    let phone = app.client();
    phone.sign_in("mentor@example.az", PASSWORD).await;
    let laptop = app.client();
    laptop.sign_in("mentor@example.az", PASSWORD).await;
    laptop.get("/account").await;
    let wrong = laptop
        .post_form(
            "/account/password",
            &[
                ("current_password", "nope nope nope"),
                ("password", "another long passphrase"),
                ("password_confirmation", "another long passphrase"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let ok = laptop
        .post_form(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("password", "another long passphrase"),
                ("password_confirmation", "another long passphrase"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(laptop.get("/account").await.status, StatusCode::OK);
    assert_eq!(phone.get("/dashboard").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn sign_in_is_rate_limited_per_address() {
    let app = TestApp::spawn_with(|c| c.rate_signin_per_minute = 3).await;
    let client = app.client();
    client.get("/sign-in").await;
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(
            client
                .post_form(
                    "/sign-in",
                    &[("email", "x@example.az"), ("password", "whatever whatever")],
                )
                .await
                .status,
        );
    }
    assert_eq!(statuses[3], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
    let response = client
        .post_form(
            "/sign-in",
            &[("email", "x@example.az"), ("password", "whatever whatever")],
        )
        .await;
    assert!(response.header("retry-after").is_some());
    assert!(
        response
            .body
            .contains(&i18n::t(Lang::Az, "error-too-many-requests"))
    );
}

#[tokio::test]
async fn api_tokens_authenticate_until_revoked() {
    let app = TestApp::spawn().await;
    let client = app
        .signed_in("coordinator@example.az", &[Role::Coordinator])
        .await;
    client.get("/account").await;
    let issued = client
        .post_form("/account/tokens", &[("name", "reporting script")])
        .await;
    assert_eq!(issued.status, StatusCode::OK);
    let token = find_link(&issued.body, "korpu_").expect("token shown once");
    let api = app
        .client()
        .with_header("authorization", &format!("Bearer {token}"));
    let me = api.get("/api/v1/me").await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["email"], "coordinator@example.az");
    // A bearer request needs no CSRF token.
    let wrong = app
        .client()
        .with_header("authorization", "Bearer korpu_nope");
    let refused = wrong.get("/api/v1/me").await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.json()["error"]["code"], "unauthenticated");
    assert!(refused.header("www-authenticate").is_some());
    // Revoke it from the account page.
    let token_id = entity::api_token::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    client.get("/account").await;
    client
        .post_form(&format!("/account/tokens/{token_id}/revoke"), &[])
        .await;
    assert_eq!(api.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);
    let actions = app.audit_actions().await;
    assert!(actions.contains(&"api_token.issued".to_owned()));
    assert!(actions.contains(&"api_token.revoked".to_owned()));
}

use sea_orm::EntityTrait;

#[tokio::test]
async fn the_cli_creates_the_first_admin_and_issues_a_token() {
    let app = TestApp::spawn().await;
    let database_url = app.state.config.database_url();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_korpu"))
            .args(args)
            .env("DATABASE_URL", &database_url)
            .env("KORPU_PASSWORD", "the first admin's passphrase")
            .env("RUST_LOG", "off")
            .output()
            .expect("run korpu")
    };
    let added = run(&[
        "user",
        "add",
        "--email",
        "first@example.az",
        "--role",
        "admin",
        "--name",
        "Birinci Admin",
    ]);
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let again = run(&[
        "user",
        "add",
        "--email",
        "first@example.az",
        "--role",
        "admin",
    ]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    let bad_role = run(&["user", "add", "--email", "x@example.az", "--role", "wizard"]);
    assert!(!bad_role.status.success());
    app.client()
        .sign_in("first@example.az", "the first admin's passphrase")
        .await;
    let issued = run(&["token", "issue", "--email", "first@example.az"]);
    assert!(issued.status.success());
    let token = String::from_utf8_lossy(&issued.stdout).trim().to_owned();
    let me = app
        .client()
        .with_header("authorization", &format!("Bearer {token}"))
        .get("/api/v1/me")
        .await;
    assert_eq!(me.json()["roles"], serde_json::json!(["admin"]));
}

/// Routes anyone may use, signed in or not. Adding a public route means adding it here.
const PUBLIC: &[&str] = &[
    "GET /",
    "GET /lang/{code}",
    "GET /privacy",
    "GET /sign-in",
    "POST /sign-in",
    "GET /password/forgot",
    "POST /password/forgot",
    "GET /password/set/{token}",
    "POST /password/set/{token}",
    "GET /healthz",
    "GET /readyz",
    "GET /static/{*path}",
    "GET /api/openapi.json",
    "GET /api/docs",
    "POST /api/v1/password-reset",
    "GET /api/v1/gazetteer",
    "GET /api/v1/skills",
    "GET /volunteer/apply",
    "POST /volunteer/apply",
    "GET /volunteer/applied",
    "GET /volunteer/verify/{token}",
    "GET /volunteer/resend",
    "POST /volunteer/resend",
    "POST /api/v1/volunteer-applications",
    "POST /api/v1/volunteer-applications/verify",
    "POST /api/v1/volunteer-applications/resend",
];

#[test]
fn every_route_declares_who_may_use_it_and_public_routes_are_listed() {
    let inventory = route_inventory();
    assert!(inventory.len() > PUBLIC.len());
    let mut seen = std::collections::HashSet::new();
    for route in &inventory {
        let key = format!("{} {}", route.method, route.path);
        assert!(seen.insert(key.clone()), "{key} is declared twice");
        if route.access == Access::Public {
            assert!(
                PUBLIC.contains(&key.as_str()),
                "{key} is public but not in the allow-list"
            );
        }
        if let Access::Roles(roles) = route.access {
            assert!(!roles.is_empty(), "{key} allows no role at all");
        }
    }
    for public in PUBLIC {
        assert!(
            seen.contains(*public),
            "allow-listed {public} does not exist"
        );
    }
}

fn concrete(path: &str) -> String {
    path.replace("{id}", "999999")
        .replace("{token}", "0000")
        .replace("{code}", "en")
        .replace("{*path}", "css/app.css")
        .replace(['{', '}'], "")
}

#[tokio::test]
async fn each_role_is_refused_exactly_where_it_should_be() {
    let app = TestApp::spawn().await;
    let mut clients = Vec::new();
    for role in Role::ALL {
        let email = format!("{}@example.az", role.as_str());
        clients.push((Some(role), app.signed_in(&email, &[role]).await));
    }
    clients.push((None, app.client()));
    for route in route_inventory() {
        if route.access == Access::Public || route.path == "/sign-out" {
            continue;
        }
        let path = concrete(&route.path);
        for (role, client) in &clients {
            let allowed = match (route.access, role) {
                (_, None) => false,
                (Access::SignedIn, Some(_)) => true,
                (Access::Roles(roles), Some(role)) => roles.contains(role),
                (Access::Public, _) => true,
            };
            let csrf = client.csrf().unwrap_or_default();
            let body = if route.method == Method::GET {
                axum::body::Body::empty()
            } else if route.path.starts_with("/api/") {
                axum::body::Body::from("{}")
            } else {
                axum::body::Body::from("")
            };
            let content_type = if route.path.starts_with("/api/") {
                "application/json"
            } else {
                "application/x-www-form-urlencoded"
            };
            let response = client
                .send(
                    route.method.clone(),
                    &path,
                    body,
                    Some(content_type),
                    &[("x-csrf-token", &csrf)],
                )
                .await;
            let who = role.map_or("anonymous", |r| r.as_str());
            if allowed {
                assert!(
                    response.status != StatusCode::FORBIDDEN
                        && response.status != StatusCode::UNAUTHORIZED
                        && !response
                            .location()
                            .is_some_and(|l| l.starts_with("/sign-in")),
                    "{who} should reach {} {path}, got {}",
                    route.method,
                    response.status
                );
            } else if role.is_none() {
                if route.path.starts_with("/api/") {
                    assert_eq!(
                        response.status,
                        StatusCode::UNAUTHORIZED,
                        "{who} {} {path}",
                        route.method
                    );
                } else if route.method == Method::GET {
                    assert_eq!(
                        response.status,
                        StatusCode::SEE_OTHER,
                        "{who} {} {path}",
                        route.method
                    );
                    assert!(response.location().unwrap().starts_with("/sign-in"));
                } else {
                    assert!(
                        matches!(
                            response.status,
                            StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED
                        ),
                        "{who} {} {path}: {}",
                        route.method,
                        response.status
                    );
                }
            } else {
                assert_eq!(
                    response.status,
                    StatusCode::FORBIDDEN,
                    "{who} {} {path}",
                    route.method
                );
            }
        }
    }
}

#[tokio::test]
async fn the_audit_page_filters_events() {
    let app = TestApp::spawn().await;
    app.create_user("mentor@example.az", &[Role::Mentor]).await;
    failed_sign_in(&app.client(), "mentor@example.az", "definitely wrong pass").await;
    let admin = app.signed_in("admin@example.az", &[Role::Admin]).await;
    let page = admin.get("/admin/audit?action=auth.sign_in_failed").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("auth.sign_in_failed"));
    assert!(page.body.contains("mentor@example.az"));
    assert!(!page.body.contains("<code>auth.sign_in</code>"));
    let none = admin.get("/admin/audit?actor=nobody-like-this").await;
    assert!(none.body.contains(&i18n::t(Lang::En, "list-empty")));
}

#[tokio::test]
async fn audit_rows_cannot_be_changed_or_deleted() {
    use sea_orm::ConnectionTrait;
    let app = TestApp::spawn().await;
    app.create_user("admin@example.az", &[Role::Admin]).await;
    assert!(!app.audit_actions().await.is_empty());
    assert!(
        app.db
            .execute_unprepared("UPDATE audit_log SET action = 'x'")
            .await
            .is_err()
    );
    assert!(
        app.db
            .execute_unprepared("DELETE FROM audit_log")
            .await
            .is_err()
    );
}

#[tokio::test]
async fn users_are_found_by_azerbaijani_names_case_insensitively() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in("admin@example.az", &[Role::Admin]).await;
    let new = korpu::services::accounts::NewUser::parse(
        "ilham@example.az",
        "İlham Şükürov",
        &["mentor".into()],
        "az",
        None,
    )
    .unwrap();
    korpu::services::accounts::create_user(&app.db, &new, None)
        .await
        .unwrap();
    let new = korpu::services::accounts::NewUser::parse(
        "ilkin@example.az",
        "Ilkin Qasımov",
        &["mentor".into()],
        "az",
        None,
    )
    .unwrap();
    korpu::services::accounts::create_user(&app.db, &new, None)
        .await
        .unwrap();
    let found = admin
        .get("/admin/users?q=%C4%B0LHAM%20%C5%9E%C3%9CK%C3%9CROV")
        .await; // "İLHAM ŞÜKÜROV"
    assert!(found.body.contains("İlham Şükürov"));
    let dotted = admin.get("/admin/users?q=ilham").await;
    assert!(dotted.body.contains("İlham Şükürov"));
    assert!(!dotted.body.contains("Ilkin Qasımov"));
    let dotless = admin.get("/admin/users?q=%C4%B1lkin").await; // "ılkin" finds "Ilkin"
    assert!(dotless.body.contains("Ilkin Qasımov"));
    assert!(!dotless.body.contains("İlham"));
}
