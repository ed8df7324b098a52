//! Test harness: `TestApp::spawn()` gives each test a fresh database — a temporary SQLite file,
//! or, when `KORPU_TEST_DATABASE_URL` points at a PostgreSQL server, a new database with a
//! random name (cloned from a migrated template), dropped afterwards.

#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::Mutex;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use korpu::app::{self, AppState};
use korpu::auth::Role;
use korpu::config::{Config, MailTransportKind};
use korpu::i18n::Lang;
use korpu::services::accounts::{self, NewUser};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder};
use tower::ServiceExt;

/// A password that satisfies the policy, used for test accounts.
pub const PASSWORD: &str = "correct horse battery staple";

/// One application under test with its own database.
pub struct TestApp {
    pub state: AppState,
    pub db: DatabaseConnection,
    router: Router,
    _dir: tempfile::TempDir,
    _pg: Option<PgDatabase>,
}

impl TestApp {
    /// An app on a fresh database with default test configuration.
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    /// An app whose configuration `adjust` may change first.
    pub async fn spawn_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
        korpu::telemetry::init();
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config {
            data_dir: dir.path().to_path_buf(),
            mail_transport: MailTransportKind::Stub,
            mail_worker: false,
            base_url: Some("http://korpu.test".into()),
            ..Config::default()
        };
        let pg = match std::env::var("KORPU_TEST_DATABASE_URL") {
            Ok(url) if !url.trim().is_empty() => Some(PgDatabase::create(url.trim()).await),
            _ => None,
        };
        if let Some(pg) = &pg {
            config.database_url = Some(korpu::config::Secret::new(pg.url.clone()));
            config.db_max_connections = 5;
        }
        adjust(&mut config);
        let db = korpu::db::connect(&config)
            .await
            .expect("connect test database");
        korpu::db::migrate(&db)
            .await
            .expect("migrate test database");
        let state = AppState::new(db.clone(), config).expect("app state");
        let router = app::router(state.clone());
        TestApp {
            state,
            db,
            router,
            _dir: dir,
            _pg: pg,
        }
    }

    /// Whether the tests run against PostgreSQL.
    pub fn is_postgres() -> bool {
        std::env::var("KORPU_TEST_DATABASE_URL").is_ok_and(|u| !u.trim().is_empty())
    }

    /// A browser-like client with its own cookie jar.
    pub fn client(&self) -> TestClient {
        TestClient {
            router: self.router.clone(),
            cookies: Mutex::new(HashMap::new()),
            csrf: Mutex::new(None),
            headers: Mutex::new(Vec::new()),
        }
    }

    /// Creates a user with roles and the test password; returns the id.
    pub async fn create_user(&self, email: &str, roles: &[Role]) -> i64 {
        let new = NewUser::parse(
            email,
            &format!("User {}", email.split('@').next().unwrap_or(email)),
            &roles
                .iter()
                .map(|r| r.as_str().to_owned())
                .collect::<Vec<_>>(),
            "en",
            None,
        )
        .expect("valid user");
        accounts::add_with_password(&self.db, &new, PASSWORD)
            .await
            .expect("create user")
            .id
    }

    /// A client signed in as a new user holding `roles`.
    pub async fn signed_in(&self, email: &str, roles: &[Role]) -> TestClient {
        self.create_user(email, roles).await;
        let client = self.client();
        client.sign_in(email, PASSWORD).await;
        client
    }

    /// All outbox messages, oldest first.
    pub async fn outbox(&self) -> Vec<entity::mail_outbox::Model> {
        entity::mail_outbox::Entity::find()
            .order_by_asc(entity::mail_outbox::Column::Id)
            .all(&self.db)
            .await
            .expect("read outbox")
    }

    /// Actions of the audit log, oldest first.
    pub async fn audit_actions(&self) -> Vec<String> {
        entity::audit_log::Entity::find()
            .order_by_asc(entity::audit_log::Column::Id)
            .all(&self.db)
            .await
            .expect("read audit log")
            .into_iter()
            .map(|a| a.action)
            .collect()
    }

    /// Serves the router on a real port; returns its base URL.
    pub async fn serve(&self) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let router = self.router.clone();
        tokio::spawn(async move {
            let _ = axum::serve(
                listener,
                router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .await;
        });
        format!("http://{addr}")
    }
}

/// Extracts the first link starting with `prefix` from a text.
pub fn find_link(text: &str, prefix: &str) -> Option<String> {
    let start = text.find(prefix)?;
    let rest = &text[start..];
    let end = rest
        .find(|c: char| c.is_whitespace() || c == '"' || c == '<')
        .unwrap_or(rest.len());
    Some(rest[..end].to_owned())
}

/// A response, fully read.
#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl TestResponse {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    /// The `Location` header.
    pub fn location(&self) -> Option<String> {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }
    /// A header as text.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }
}

/// A client that keeps cookies and the last CSRF token seen, like a browser.
pub struct TestClient {
    router: Router,
    cookies: Mutex<HashMap<String, String>>,
    csrf: Mutex<Option<String>>,
    headers: Mutex<Vec<(String, String)>>,
}

impl TestClient {
    /// Adds a header to every request of this client.
    pub fn with_header(self, name: &str, value: &str) -> Self {
        self.headers
            .lock()
            .unwrap()
            .push((name.to_owned(), value.to_owned()));
        self
    }

    /// The value of a cookie held by this client.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.lock().unwrap().get(name).cloned()
    }

    /// Sets a cookie.
    pub fn set_cookie(&self, name: &str, value: &str) {
        self.cookies
            .lock()
            .unwrap()
            .insert(name.to_owned(), value.to_owned());
    }

    /// The last CSRF token seen in a page.
    pub fn csrf(&self) -> Option<String> {
        self.csrf.lock().unwrap().clone()
    }

    /// Sends a request and reads the response, updating cookies and the CSRF token.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Body,
        content_type: Option<&str>,
        extra: &[(&str, &str)],
    ) -> TestResponse {
        let mut builder = Request::builder().method(method).uri(path);
        let cookie_header = self
            .cookies
            .lock()
            .unwrap()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        if !cookie_header.is_empty() {
            builder = builder.header(header::COOKIE, cookie_header);
        }
        if let Some(ct) = content_type {
            builder = builder.header(header::CONTENT_TYPE, ct);
        }
        for (name, value) in self.headers.lock().unwrap().iter() {
            builder = builder.header(name.as_str(), value.as_str());
        }
        for (name, value) in extra {
            builder = builder.header(*name, *value);
        }
        let response = self
            .router
            .clone()
            .oneshot(builder.body(body).expect("request"))
            .await
            .expect("response");
        let status = response.status();
        let headers = response.headers().clone();
        for value in headers.get_all(header::SET_COOKIE) {
            let text = value.to_str().unwrap_or_default();
            let pair = text.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                let removed = text.contains("Max-Age=0")
                    || text
                        .to_ascii_lowercase()
                        .contains("expires=thu, 01 jan 1970");
                let mut cookies = self.cookies.lock().unwrap();
                if removed || value.is_empty() {
                    cookies.remove(name.trim());
                } else {
                    cookies.insert(name.trim().to_owned(), value.trim().to_owned());
                }
            }
        }
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let body = String::from_utf8_lossy(&bytes).into_owned();
        if let Some(token) = find_csrf(&body) {
            *self.csrf.lock().unwrap() = Some(token);
        }
        TestResponse {
            status,
            headers,
            body,
        }
    }

    /// GET a path.
    pub async fn get(&self, path: &str) -> TestResponse {
        self.send(Method::GET, path, Body::empty(), None, &[]).await
    }

    /// GET with extra headers.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> TestResponse {
        self.send(Method::GET, path, Body::empty(), None, headers)
            .await
    }

    /// POST a form, adding the last CSRF token seen.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let mut all: Vec<(&str, String)> =
            fields.iter().map(|(k, v)| (*k, v.to_string())).collect();
        if let Some(token) = self.csrf() {
            all.push(("_csrf", token));
        }
        self.post_form_exact(
            path,
            &all.iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await
    }

    /// POST a form exactly as given (no CSRF token added).
    pub async fn post_form_exact(&self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.send(
            Method::POST,
            path,
            Body::from(body),
            Some("application/x-www-form-urlencoded"),
            &[],
        )
        .await
    }

    /// Sends JSON with a method.
    pub async fn json(
        &self,
        method: Method,
        path: &str,
        value: &serde_json::Value,
    ) -> TestResponse {
        self.send(
            method,
            path,
            Body::from(value.to_string()),
            Some("application/json"),
            &[],
        )
        .await
    }

    /// Signs in through the sign-in form; panics unless it redirects.
    pub async fn sign_in(&self, email: &str, password: &str) -> TestResponse {
        self.get("/sign-in").await;
        let response = self
            .post_form("/sign-in", &[("email", email), ("password", password)])
            .await;
        assert_eq!(
            response.status,
            StatusCode::SEE_OTHER,
            "sign-in failed: {}",
            response.body
        );
        // Pick up the new session's CSRF token.
        self.get("/dashboard").await;
        response
    }
}

fn find_csrf(body: &str) -> Option<String> {
    let marker = "name=\"_csrf\" value=\"";
    let start = body.find(marker)? + marker.len();
    let end = body[start..].find('"')?;
    let token = &body[start..start + end];
    (!token.is_empty()).then(|| token.to_owned())
}

/// Languages in the order tests iterate them.
pub const LANGS: [Lang; 3] = Lang::ALL;

/// A throw-away PostgreSQL database cloned from a migrated template.
struct PgDatabase {
    admin_url: String,
    name: String,
    url: String,
}

static TEMPLATE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();

fn url_with_database(admin_url: &str, name: &str) -> String {
    let (base, query) = match admin_url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (admin_url, String::new()),
    };
    let host_start = base.find("://").map_or(0, |i| i + 3);
    let prefix = match base[host_start..].find('/') {
        Some(i) => &base[..host_start + i],
        None => base,
    };
    format!("{prefix}/{name}{query}")
}

/// `<prefix>_<unix seconds>_<random>`: the time lets a later run clean up leftovers safely.
fn database_name(prefix: &str) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    format!(
        "{prefix}_{now}_{}",
        &uuid::Uuid::new_v4().simple().to_string()[..12]
    )
}

/// Whether a test database was created more than two hours ago (or has no time in its name).
fn is_stale(name: &str) -> bool {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    match name.split('_').nth(2).and_then(|t| t.parse::<u64>().ok()) {
        Some(created) => now.saturating_sub(created) > 2 * 3600,
        None => true,
    }
}

async fn admin_connection(admin_url: &str) -> DatabaseConnection {
    sea_orm::Database::connect(admin_url)
        .await
        .expect("connect to KORPU_TEST_DATABASE_URL")
}

impl PgDatabase {
    async fn create(admin_url: &str) -> PgDatabase {
        let template = TEMPLATE
            .get_or_init(|| async {
                let admin = admin_connection(admin_url).await;
                // Leftovers of earlier runs: databases named with a creation time more than two
                // hours ago (test processes running now, here or in another checkout, are spared).
                let leftovers = admin
                    .query_all_raw(sea_orm::Statement::from_string(
                        sea_orm::DbBackend::Postgres,
                        "SELECT datname FROM pg_database WHERE datname LIKE 'korpu_tpl_%' OR datname LIKE 'korpu_test_%'",
                    ))
                    .await
                    .unwrap_or_default();
                for row in leftovers {
                    let Ok(name) = row.try_get::<String>("", "datname") else { continue };
                    if is_stale(&name) {
                        let _ = admin
                            .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                            .await;
                    }
                }
                let name = database_name("korpu_tpl");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("create template database");
                let db = korpu::db::connect_url(&url_with_database(admin_url, &name), 2)
                    .await
                    .expect("connect template");
                korpu::db::migrate(&db).await.expect("migrate template");
                db.close().await.expect("close template");
                let _ = admin.close().await;
                name
            })
            .await
            .clone();
        let name = database_name("korpu_test");
        let admin = admin_connection(admin_url).await;
        let mut tries = 0;
        loop {
            match admin
                .execute_unprepared(&format!(
                    "CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""
                ))
                .await
            {
                Ok(_) => break,
                Err(_) if tries < 20 => {
                    tries += 1;
                    tokio::time::sleep(std::time::Duration::from_millis(50 * tries)).await;
                }
                Err(e) => panic!("create test database: {e}"),
            }
        }
        let _ = admin.close().await;
        PgDatabase {
            admin_url: admin_url.to_owned(),
            url: url_with_database(admin_url, &name),
            name,
        }
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let admin_url = self.admin_url.clone();
        let name = self.name.clone();
        let _ = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(async {
                if let Ok(admin) = sea_orm::Database::connect(&admin_url).await {
                    let _ = admin
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        ))
                        .await;
                    let _ = admin.close().await;
                }
            });
        })
        .join();
    }
}
