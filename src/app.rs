//! The application: shared state, the router with its layers, and serving with graceful
//! shutdown.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, Method, header};
use axum::middleware::{Next, from_fn, from_fn_with_state};
use axum::response::Response;
use sea_orm::DatabaseConnection;
use tera::Tera;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::access::RouteInfo;
use crate::auth::{Access, Routes, csrf, current_user, session};
use crate::config::Config;
use crate::domain::matching::{MatchConfig, TravelLimits};
use crate::domain::rules::Rules;
use crate::mail::Mailer;
use crate::services::matching::MatchingCache;
use crate::web::{assets, error_page, home};
use crate::{api, telemetry, web};

/// State shared by every request. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub db: DatabaseConnection,
    /// Configuration.
    pub config: Arc<Config>,
    /// Compiled templates.
    pub templates: Arc<Tera>,
    /// Queues e-mail.
    pub mailer: Mailer,
    /// Rules of the configured jurisdiction, loaded at start.
    pub rules: Arc<Rules>,
    /// Candidate indexes and capacity in use for matching (per instance).
    pub matching: Arc<MatchingCache>,
}

impl AppState {
    /// Builds the state from an open database and the configuration.
    pub fn new(db: DatabaseConnection, config: Config) -> anyhow::Result<Self> {
        let rules = Arc::new(Rules::load(
            &config.jurisdiction,
            config.rules_dir.as_deref(),
        )?);
        config.match_weights.validate().map_err(|e| {
            anyhow::anyhow!("KORPU_MATCH_WEIGHT_*: the weights are not usable ({e:?})")
        })?;
        let matching = Arc::new(
            MatchingCache::new(MatchConfig {
                weights: config.match_weights,
                travel: TravelLimits {
                    driving_km: rules.travel.driving_limit_km,
                    no_driving_km: rules.travel.non_driving_limit_km,
                },
            })
            .with_batch_max_clients(config.batch_max_clients),
        );
        let config = Arc::new(config);
        let templates = Arc::new(web::templates::load()?);
        Ok(Self {
            matching,
            mailer: Mailer::new(templates.clone(), config.clone()),
            db,
            config,
            templates,
            rules,
        })
    }
}

fn all_routes() -> Routes {
    web::routes()
        .merge(api::routes())
        .get("/static/{*path}", Access::Public, assets::serve)
}

/// Routes served outside [`Routes`]: the OpenAPI document and its viewer (both public).
const DOCS_ROUTES: [&str; 2] = ["/api/openapi.json", "/api/docs"];

/// Every route with its access rule (for the route-inventory test and `korpu routes`).
pub fn route_inventory() -> Vec<RouteInfo> {
    let (_, _, mut inventory) = all_routes().into_parts();
    inventory.extend(DOCS_ROUTES.iter().map(|path| RouteInfo {
        method: Method::GET,
        path: (*path).to_owned(),
        access: Access::Public,
    }));
    inventory
}

/// The OpenAPI document of the whole API.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, paths, _) = all_routes().into_parts();
    let mut doc = api::ApiDoc::openapi();
    doc.merge(paths);
    doc
}

/// The full router with all layers.
pub fn router(state: AppState) -> Router {
    let (routes, paths, _) = all_routes().into_parts();
    let mut doc = api::ApiDoc::openapi();
    doc.merge(paths);
    let secure = state.config.secure_cookies();
    routes
        .merge(SwaggerUi::new(DOCS_ROUTES[1]).url(DOCS_ROUTES[0], doc))
        .fallback(home::not_found)
        .layer(from_fn(csrf::verify))
        .layer(from_fn_with_state(
            state.clone(),
            current_user::authenticate,
        ))
        .layer(from_fn_with_state(state.clone(), session::layer))
        .layer(from_fn_with_state(state.clone(), error_page::render))
        .layer(from_fn_with_state(
            SecurityHeaders::new(&state.config.tile_url, secure),
            security_headers,
        ))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(60),
        ))
        .layer(CatchPanicLayer::new())
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(telemetry::request_span))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// Security headers sent with every response.
#[derive(Clone)]
struct SecurityHeaders {
    csp: HeaderValue,
    hsts: bool,
}

impl SecurityHeaders {
    fn new(tile_url: &str, hsts: bool) -> Self {
        let tile_origin = tile_origin(tile_url);
        let csp = format!(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{tile}; \
             font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
             frame-ancestors 'none'; form-action 'self'",
            tile = tile_origin.map(|o| format!(" {o}")).unwrap_or_default()
        );
        Self {
            csp: HeaderValue::from_str(&csp)
                .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'")),
            hsts,
        }
    }
}

/// `https://{s}.tile.example.org/{z}/{x}/{y}.png` → `https://*.tile.example.org`.
fn tile_origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split('/').next()?.replace("{s}", "*");
    (!host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-*:".contains(c)))
    .then(|| format!("{scheme}://{host}"))
}

async fn security_headers(
    axum::extract::State(headers): axum::extract::State<SecurityHeaders>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, headers.csp.clone());
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), payment=()"),
    );
    if headers.hsts {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}

/// Binds the address and serves until Ctrl-C or SIGTERM, then finishes requests in flight.
pub async fn serve(state: AppState) -> anyhow::Result<()> {
    let addr = state.config.socket_addr()?;
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
    let background = crate::background::start(state.clone());
    tracing::info!(%addr, base_url = %state.config.base_url(), "Körpü is serving");
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    background.stop().await;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

#[cfg(test)]
mod tests {
    use super::tile_origin;

    #[test]
    fn tile_origins_are_derived_for_the_csp() {
        assert_eq!(
            tile_origin("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png").as_deref(),
            Some("https://*.tile.openstreetmap.org")
        );
        assert_eq!(tile_origin("").as_deref(), None);
        assert_eq!(
            tile_origin("https://evil.example; script-src *").as_deref(),
            None
        );
    }
}
