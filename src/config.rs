//! Configuration: one typed struct, documented defaults, overridden by an optional TOML file
//! (`KORPU_CONFIG`) and then by environment variables. Secrets are wrapped in [`Secret`] so
//! `Debug` and logs never print them.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// A value that must never be printed: `Debug` and `Display` show `***`.
#[derive(Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    /// The secret itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// How outgoing mail leaves the service.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum MailTransportKind {
    /// Write each message as an `.eml` file into `mail_dir` (the embedded default).
    File,
    /// Send through an SMTP server.
    Smtp,
    /// Keep messages in memory (tests).
    Stub,
}

/// TLS mode for SMTP.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain connection (local relays and tests only).
    None,
    /// Upgrade with STARTTLS (port 587).
    Starttls,
    /// Implicit TLS (port 465).
    Tls,
}

/// Every setting of the service. See the README's configuration table.
#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Address to listen on. `KORPU_ADDR`, default `127.0.0.1:8080`.
    pub addr: String,
    /// Folder for the SQLite file and outgoing mail. `KORPU_DATA_DIR`, default `./data`.
    pub data_dir: PathBuf,
    /// Database URL (`sqlite://…` or `postgres://…`). `DATABASE_URL`; default: SQLite in `data_dir`.
    pub database_url: Option<Secret>,
    /// Connections in the pool. `KORPU_DB_MAX_CONNECTIONS`, default 8.
    pub db_max_connections: u32,
    /// Public URL of the service, used in links in e-mails. `KORPU_BASE_URL`, default `http://<addr>`.
    pub base_url: Option<String>,
    /// Mark cookies `Secure` and send HSTS. `KORPU_SECURE_COOKIES`; default: true when `base_url` is https.
    pub secure_cookies: Option<bool>,
    /// Language used when neither the visitor nor the browser chooses one. `KORPU_DEFAULT_LANGUAGE`, default `az`.
    pub default_language: String,
    /// Jurisdiction rules to load from `rules/<name>.toml`. `KORPU_JURISDICTION`, default `az`.
    pub jurisdiction: String,
    /// Folder holding jurisdiction rules files. `KORPU_RULES_DIR`; default: the built-in rules.
    pub rules_dir: Option<PathBuf>,
    /// Minutes of inactivity after which a session ends. `KORPU_SESSION_IDLE_MINUTES`, default 30.
    pub session_idle_minutes: i64,
    /// Hours after sign-in after which a session ends regardless. `KORPU_SESSION_ABSOLUTE_HOURS`, default 12.
    pub session_absolute_hours: i64,
    /// Failed sign-ins within the window that lock an account. `KORPU_LOCKOUT_THRESHOLD`, default 5.
    pub lockout_threshold: u32,
    /// Window for counting failed sign-ins, minutes. `KORPU_LOCKOUT_WINDOW_MINUTES`, default 15.
    pub lockout_window_minutes: i64,
    /// How long a locked account stays locked, minutes. `KORPU_LOCKOUT_MINUTES`, default 15.
    pub lockout_minutes: i64,
    /// Requests per IP per minute to sign-in. `KORPU_RATE_SIGNIN_PER_MINUTE`, default 20.
    pub rate_signin_per_minute: u32,
    /// Sign-ups per IP per hour. `KORPU_RATE_SIGNUP_PER_HOUR`, default 10.
    pub rate_signup_per_hour: u32,
    /// Password-reset requests per IP per hour. `KORPU_RATE_RESET_PER_HOUR`, default 10.
    pub rate_reset_per_hour: u32,
    /// Hours a volunteer's e-mail verification link stays valid. `KORPU_VERIFY_HOURS`, default 48.
    pub verify_hours: i64,
    /// Mail transport: `file`, `smtp` or `stub`. `KORPU_MAIL_TRANSPORT`, default `file`.
    pub mail_transport: MailTransportKind,
    /// Sender of all e-mail. `KORPU_MAIL_FROM`, default `Körpü <no-reply@korpu.invalid>`.
    pub mail_from: String,
    /// Folder for `.eml` files with the file transport. `KORPU_MAIL_DIR`, default `<data_dir>/mail`.
    pub mail_dir: Option<PathBuf>,
    /// SMTP server host. `KORPU_SMTP_HOST`, default `localhost`.
    pub smtp_host: String,
    /// SMTP server port. `KORPU_SMTP_PORT`, default 587.
    pub smtp_port: u16,
    /// SMTP TLS mode: `none`, `starttls`, `tls`. `KORPU_SMTP_TLS`, default `starttls`.
    pub smtp_tls: SmtpTls,
    /// SMTP user name. `KORPU_SMTP_USERNAME`.
    pub smtp_username: Option<String>,
    /// SMTP password. `KORPU_SMTP_PASSWORD`.
    pub smtp_password: Option<Secret>,
    /// Seconds between polls of the mail outbox. `KORPU_MAIL_POLL_SECONDS`, default 2.
    pub mail_poll_seconds: u64,
    /// Run the mail worker inside `serve`. `KORPU_MAIL_WORKER`, default true.
    pub mail_worker: bool,
    /// Weights of the matching score. `KORPU_MATCH_WEIGHT_DISTANCE` (0.35), `…_SKILLS` (0.20),
    /// `…_AVAILABILITY` (0.20), `…_LANGUAGE` (0.10), `…_CONTINUITY` (0.15),
    /// `KORPU_MATCH_DISTANCE_HALF_KM` (5), `KORPU_MATCH_AVAILABILITY_TARGET_HOURS` (6).
    pub match_weights: crate::domain::matching::Weights,
    /// Waiting clients one batch run takes at most (those waiting longest).
    /// `KORPU_BATCH_MAX_CLIENTS`, default 3000.
    pub batch_max_clients: usize,
    /// Trust `X-Forwarded-For` for the client address (only behind your own proxy).
    /// `KORPU_TRUST_PROXY`, default false.
    pub trust_proxy: bool,
    /// Map tile URL template (`{z}/{x}/{y}`); empty shows markers on a plain background.
    /// `KORPU_TILE_URL`, default empty (no third-party requests).
    pub tile_url: String,
    /// Attribution shown with the tiles. `KORPU_TILE_ATTRIBUTION`.
    pub tile_attribution: String,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            addr: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./data"),
            database_url: None,
            db_max_connections: 8,
            base_url: None,
            secure_cookies: None,
            default_language: "az".into(),
            jurisdiction: "az".into(),
            rules_dir: None,
            session_idle_minutes: 30,
            session_absolute_hours: 12,
            lockout_threshold: 5,
            lockout_window_minutes: 15,
            lockout_minutes: 15,
            rate_signin_per_minute: 20,
            rate_signup_per_hour: 10,
            rate_reset_per_hour: 10,
            verify_hours: 48,
            mail_transport: MailTransportKind::File,
            mail_from: "Körpü <no-reply@korpu.invalid>".into(),
            mail_dir: None,
            smtp_host: "localhost".into(),
            smtp_port: 587,
            smtp_tls: SmtpTls::Starttls,
            smtp_username: None,
            smtp_password: None,
            mail_poll_seconds: 2,
            mail_worker: true,
            match_weights: crate::domain::matching::Weights::default(),
            batch_max_clients: crate::services::matching::cache::DEFAULT_BATCH_MAX_CLIENTS,
            trust_proxy: false,
            tile_url: String::new(),
            tile_attribution: String::new(),
        }
    }
}

/// A configuration value that could not be understood.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(String);

impl Config {
    /// Defaults, then the TOML file named by `KORPU_CONFIG` (if set), then environment variables.
    pub fn load() -> Result<Self, ConfigError> {
        Self::load_from(|name| std::env::var(name).ok())
    }

    /// Like [`Config::load`], reading variables through `var` (tests pass a map).
    pub fn load_from(var: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let mut config = match var("KORPU_CONFIG") {
            Some(path) => Self::from_toml_file(Path::new(&path))?,
            None => Self::default(),
        };
        config.apply_env(&var)?;
        Ok(config)
    }

    fn from_toml_file(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError(format!("cannot read config file {}: {e}", path.display())))?;
        toml::from_str(&text)
            .map_err(|e| ConfigError(format!("config file {}: {e}", path.display())))
    }

    fn apply_env(&mut self, var: &impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        fn parse<T: std::str::FromStr>(name: &str, value: &str) -> Result<T, ConfigError> {
            value
                .trim()
                .parse()
                .map_err(|_| ConfigError(format!("{name}: cannot understand the value {value:?}")))
        }
        fn parse_bool(name: &str, value: &str) -> Result<bool, ConfigError> {
            match value.trim().to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => Ok(true),
                "0" | "false" | "no" | "off" => Ok(false),
                _ => Err(ConfigError(format!(
                    "{name}: expected true or false, got {value:?}"
                ))),
            }
        }
        fn parse_enum<T: for<'de> Deserialize<'de>>(
            name: &str,
            value: &str,
        ) -> Result<T, ConfigError> {
            T::deserialize(
                serde::de::value::StrDeserializer::<serde::de::value::Error>::new(value.trim()),
            )
            .map_err(|_| ConfigError(format!("{name}: unknown value {value:?}")))
        }

        macro_rules! env {
            ($name:literal, |$v:ident| $apply:expr) => {
                if let Some($v) = var($name) {
                    $apply;
                }
            };
        }

        env!("KORPU_ADDR", |v| self.addr = v);
        env!("KORPU_DATA_DIR", |v| self.data_dir = PathBuf::from(v));
        env!("DATABASE_URL", |v| self.database_url =
            non_empty(v).map(Secret::new));
        env!("KORPU_DB_MAX_CONNECTIONS", |v| self.db_max_connections =
            parse("KORPU_DB_MAX_CONNECTIONS", &v)?);
        env!("KORPU_BASE_URL", |v| self.base_url = non_empty(v));
        env!("KORPU_SECURE_COOKIES", |v| self.secure_cookies =
            Some(parse_bool("KORPU_SECURE_COOKIES", &v)?));
        env!("KORPU_DEFAULT_LANGUAGE", |v| self.default_language = v);
        env!("KORPU_JURISDICTION", |v| self.jurisdiction = v);
        env!("KORPU_RULES_DIR", |v| self.rules_dir =
            non_empty(v).map(PathBuf::from));
        env!("KORPU_SESSION_IDLE_MINUTES", |v| self
            .session_idle_minutes =
            parse("KORPU_SESSION_IDLE_MINUTES", &v)?);
        env!("KORPU_SESSION_ABSOLUTE_HOURS", |v| self
            .session_absolute_hours =
            parse("KORPU_SESSION_ABSOLUTE_HOURS", &v)?);
        env!("KORPU_LOCKOUT_THRESHOLD", |v| self.lockout_threshold =
            parse("KORPU_LOCKOUT_THRESHOLD", &v)?);
        env!("KORPU_LOCKOUT_WINDOW_MINUTES", |v| self
            .lockout_window_minutes =
            parse("KORPU_LOCKOUT_WINDOW_MINUTES", &v)?);
        env!("KORPU_LOCKOUT_MINUTES", |v| self.lockout_minutes =
            parse("KORPU_LOCKOUT_MINUTES", &v)?);
        env!("KORPU_RATE_SIGNIN_PER_MINUTE", |v| self
            .rate_signin_per_minute =
            parse("KORPU_RATE_SIGNIN_PER_MINUTE", &v)?);
        env!("KORPU_RATE_SIGNUP_PER_HOUR", |v| self
            .rate_signup_per_hour =
            parse("KORPU_RATE_SIGNUP_PER_HOUR", &v)?);
        env!("KORPU_RATE_RESET_PER_HOUR", |v| self.rate_reset_per_hour =
            parse("KORPU_RATE_RESET_PER_HOUR", &v)?);
        env!("KORPU_VERIFY_HOURS", |v| self.verify_hours =
            parse("KORPU_VERIFY_HOURS", &v)?);
        env!("KORPU_MAIL_TRANSPORT", |v| self.mail_transport =
            parse_enum("KORPU_MAIL_TRANSPORT", &v)?);
        env!("KORPU_MAIL_FROM", |v| self.mail_from = v);
        env!("KORPU_MAIL_DIR", |v| self.mail_dir =
            non_empty(v).map(PathBuf::from));
        env!("KORPU_SMTP_HOST", |v| self.smtp_host = v);
        env!("KORPU_SMTP_PORT", |v| self.smtp_port =
            parse("KORPU_SMTP_PORT", &v)?);
        env!("KORPU_SMTP_TLS", |v| self.smtp_tls =
            parse_enum("KORPU_SMTP_TLS", &v)?);
        env!("KORPU_SMTP_USERNAME", |v| self.smtp_username = non_empty(v));
        env!("KORPU_SMTP_PASSWORD", |v| self.smtp_password =
            non_empty(v).map(Secret::new));
        env!("KORPU_MAIL_POLL_SECONDS", |v| self.mail_poll_seconds =
            parse("KORPU_MAIL_POLL_SECONDS", &v)?);
        env!("KORPU_MAIL_WORKER", |v| self.mail_worker =
            parse_bool("KORPU_MAIL_WORKER", &v)?);
        env!("KORPU_MATCH_WEIGHT_DISTANCE", |v| self
            .match_weights
            .distance =
            parse("KORPU_MATCH_WEIGHT_DISTANCE", &v)?);
        env!("KORPU_MATCH_WEIGHT_SKILLS", |v| self.match_weights.skills =
            parse("KORPU_MATCH_WEIGHT_SKILLS", &v)?);
        env!("KORPU_MATCH_WEIGHT_AVAILABILITY", |v| self
            .match_weights
            .availability =
            parse("KORPU_MATCH_WEIGHT_AVAILABILITY", &v)?);
        env!("KORPU_MATCH_WEIGHT_LANGUAGE", |v| self
            .match_weights
            .language =
            parse("KORPU_MATCH_WEIGHT_LANGUAGE", &v)?);
        env!("KORPU_MATCH_WEIGHT_CONTINUITY", |v| self
            .match_weights
            .continuity =
            parse("KORPU_MATCH_WEIGHT_CONTINUITY", &v)?);
        env!("KORPU_BATCH_MAX_CLIENTS", |v| self.batch_max_clients =
            parse("KORPU_BATCH_MAX_CLIENTS", &v)?);
        env!("KORPU_MATCH_DISTANCE_HALF_KM", |v| self
            .match_weights
            .distance_half_km =
            parse("KORPU_MATCH_DISTANCE_HALF_KM", &v)?);
        env!("KORPU_MATCH_AVAILABILITY_TARGET_HOURS", |v| self
            .match_weights
            .availability_target_hours =
            parse("KORPU_MATCH_AVAILABILITY_TARGET_HOURS", &v)?);
        env!("KORPU_TRUST_PROXY", |v| self.trust_proxy =
            parse_bool("KORPU_TRUST_PROXY", &v)?);
        env!("KORPU_TILE_URL", |v| self.tile_url = v);
        env!("KORPU_TILE_ATTRIBUTION", |v| self.tile_attribution = v);
        Ok(())
    }

    /// The listening address, parsed.
    pub fn socket_addr(&self) -> Result<SocketAddr, ConfigError> {
        self.addr.parse().map_err(|_| {
            ConfigError(format!(
                "KORPU_ADDR: {:?} is not an address such as 127.0.0.1:8080",
                self.addr
            ))
        })
    }

    /// The database URL: `DATABASE_URL`, or the SQLite file in the data folder.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.expose().to_owned(),
            None => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("korpu.sqlite3").display()
            ),
        }
    }

    /// Public base URL without a trailing slash.
    pub fn base_url(&self) -> String {
        match &self.base_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("http://{}", self.addr),
        }
    }

    /// Whether cookies carry `Secure` (and HSTS is sent).
    pub fn secure_cookies(&self) -> bool {
        self.secure_cookies
            .unwrap_or_else(|| self.base_url().starts_with("https://"))
    }

    /// Folder for `.eml` files written by the file transport.
    pub fn mail_dir(&self) -> PathBuf {
        self.mail_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("mail"))
    }
}

fn non_empty(value: String) -> Option<String> {
    let trimmed = value.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// Hides the password of a database URL for messages.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme_end + 3],
                    &credentials[..colon],
                    &url[at..]
                ),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::load_from(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_apply_without_environment() {
        let config = load(&[]).unwrap();
        assert_eq!(config.addr, "127.0.0.1:8080");
        assert!(
            config
                .database_url()
                .starts_with("sqlite://./data/korpu.sqlite3")
        );
        assert_eq!(config.mail_dir(), PathBuf::from("./data/mail"));
        assert!(!config.secure_cookies());
    }

    #[test]
    fn environment_overrides_defaults() {
        let config = load(&[
            ("KORPU_ADDR", "0.0.0.0:9000"),
            ("KORPU_BASE_URL", "https://korpu.example/"),
            ("KORPU_MAIL_TRANSPORT", "smtp"),
            ("KORPU_SMTP_TLS", "tls"),
            ("KORPU_SESSION_IDLE_MINUTES", "10"),
            ("KORPU_VERIFY_HOURS", "24"),
        ])
        .unwrap();
        assert_eq!(config.socket_addr().unwrap().port(), 9000);
        assert_eq!(config.base_url(), "https://korpu.example");
        assert!(config.secure_cookies());
        assert_eq!(config.mail_transport, MailTransportKind::Smtp);
        assert_eq!(config.smtp_tls, SmtpTls::Tls);
        assert_eq!(config.session_idle_minutes, 10);
        assert_eq!(config.verify_hours, 24);
    }

    #[test]
    fn bad_values_name_the_variable() {
        let err = load(&[("KORPU_SMTP_PORT", "lots")]).unwrap_err();
        assert!(err.to_string().contains("KORPU_SMTP_PORT"));
        let err = load(&[("KORPU_MAIL_TRANSPORT", "pigeon")]).unwrap_err();
        assert!(err.to_string().contains("KORPU_MAIL_TRANSPORT"));
        let config = load(&[("KORPU_ADDR", "not an address")]).unwrap();
        assert!(config.socket_addr().is_err());
    }

    #[test]
    fn secrets_never_show_in_debug() {
        let config = load(&[
            ("DATABASE_URL", "postgres://u:hunter2@db/korpu"),
            ("KORPU_SMTP_PASSWORD", "swordfish"),
        ])
        .unwrap();
        let debug = format!("{config:?}");
        assert!(!debug.contains("hunter2"));
        assert!(!debug.contains("swordfish"));
        assert_eq!(
            redact_url("postgres://u:hunter2@db/korpu"),
            "postgres://u:***@db/korpu"
        );
    }
}
