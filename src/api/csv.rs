//! CSV import and export over the API: `GET /api/v1/export/{kind}` answers a CSV file,
//! `POST /api/v1/import/{kind}` takes one as the request body and answers the report.

use axum::body::Bytes;
use axum::extract::DefaultBodyLimit;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa_axum::router::UtoipaMethodRouter;
use utoipa_axum::routes;

use crate::app::AppState;
use crate::auth::{Access, ClientIp, CurrentUser, Routes};
use crate::error::AppError;
use crate::extract::{Path, Query};
use crate::i18n::Lang;
use crate::services::csv_io::{
    self, Caller, ImportOptions, ImportReportView, Kind, NoProgress, Who,
};
use crate::web::error_page::ErrorBody;

/// Largest CSV file accepted over HTTP (10,000 sites take about 3 MB).
pub const MAX_UPLOAD_BYTES: usize = 32 * 1024 * 1024;

/// Routes of this area.
pub fn routes() -> Routes {
    let (schemas, paths, route): UtoipaMethodRouter<AppState> = routes!(import);
    Routes::new().api(Access::STAFF, routes!(export)).api(
        Access::STAFF,
        (
            schemas,
            paths,
            route.layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        ),
    )
}

/// A kind from the path, or "not found".
pub fn kind_of(name: &str) -> Result<Kind, AppError> {
    Kind::parse(name).ok_or(AppError::NotFound)
}

/// The response of a CSV download.
pub fn csv_download(kind: Kind, bytes: Vec<u8>) -> Response {
    let name = format!(
        "korpu-{}-{}.csv",
        kind.as_str(),
        chrono::Utc::now().format("%Y-%m-%d")
    );
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

/// Every record of a kind as CSV (UTF-8 with a byte-order mark; formulas neutralised).
#[utoipa::path(get, path = "/api/v1/export/{kind}", tag = "csv", security(("bearer" = [])),
    params(("kind" = String, Path, description = "`sites`, `psychologists`, `volunteers` or `clients`")),
    responses((status = 200, description = "The CSV file", content_type = "text/csv", body = String),
        (status = 404, description = "Unknown kind", body = ErrorBody)))]
async fn export(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(kind): Path<String>,
) -> Result<Response, AppError> {
    let kind = kind_of(&kind)?;
    let bytes = csv_io::export(&app.db, kind, &Caller::User(&user), &ip).await?;
    Ok(csv_download(kind, bytes))
}

/// How to import.
#[derive(Deserialize, utoipa::IntoParams)]
pub struct ImportQuery {
    /// Import the valid rows and report the others (default: all or nothing).
    #[serde(default)]
    pub skip_invalid: bool,
}

/// Imports a CSV file sent as the request body. Problems with rows are in the report
/// (`committed` tells whether anything was written), not an error status.
#[utoipa::path(post, path = "/api/v1/import/{kind}", tag = "csv", security(("bearer" = [])),
    params(("kind" = String, Path, description = "`sites`, `psychologists`, `volunteers` or `clients`"), ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "The CSV file (columns in docs/csv.md)"),
    responses((status = 200, description = "What was imported, and the problems", body = ImportReportView),
        (status = 404, description = "Unknown kind", body = ErrorBody)))]
async fn import(
    State(app): State<AppState>,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    Path(kind): Path<String>,
    Query(q): Query<ImportQuery>,
    body: Result<Bytes, BytesRejection>,
) -> Result<axum::Json<ImportReportView>, AppError> {
    let kind = kind_of(&kind)?;
    let body = body.map_err(|_| AppError::BadRequest("error-body-too-large"))?;
    let options = ImportOptions {
        skip_invalid: q.skip_invalid,
    };
    let report = csv_io::import(
        &app.db,
        kind,
        &body,
        options,
        &NoProgress,
        &Who {
            caller: Caller::User(&user),
            ip: &ip,
            mailer: &app.mailer,
        },
    )
    .await?;
    let lang = Lang::parse(&user.language).unwrap_or(Lang::En);
    Ok(axum::Json(report.view(lang)))
}
