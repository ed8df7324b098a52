//! CSV import and export pages: `/import` (upload a file, see the report) and the download
//! links `/export/{kind}` (coordinators and admins).

use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, State};
use axum::handler::Handler;
use axum::http::StatusCode;
use axum::response::Response;
use tera::Context;

use crate::api::csv::{MAX_UPLOAD_BYTES, csv_download, kind_of};
use crate::app::AppState;
use crate::auth::{Access, ClientIp, CurrentUser, Routes};
use crate::error::AppError;
use crate::extract::Path;
use crate::services::csv_io::{self, Caller, ImportOptions, Kind, NoProgress, Who};
use crate::web::page::Page;

/// Routes of this area.
pub fn routes() -> Routes {
    Routes::new()
        .get("/import", Access::STAFF, form)
        .post(
            "/import",
            Access::STAFF,
            upload.layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .get("/export/{kind}", Access::STAFF, export)
}

fn context(kind: Kind, skip_invalid: bool) -> Context {
    let mut ctx = Context::new();
    let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
    ctx.insert("kinds", &kinds);
    ctx.insert("kind", kind.as_str());
    ctx.insert("skip_invalid", &skip_invalid);
    let columns: Vec<(&str, &[&str])> = Kind::ALL
        .iter()
        .map(|k| (k.as_str(), k.columns()))
        .collect();
    ctx.insert("columns", &columns);
    ctx
}

async fn form(page: Page) -> Result<Response, AppError> {
    page.render_form("csv/import.html", context(Kind::Sites, false))
}

/// Most problems listed on the page (the rest are counted).
const SHOWN_PROBLEMS: usize = 200;

async fn upload(
    State(app): State<AppState>,
    page: Page,
    user: CurrentUser,
    ClientIp(ip): ClientIp,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let mut multipart = multipart.map_err(|_| AppError::BadRequest("error-form-invalid"))?;
    let bad =
        |_: axum::extract::multipart::MultipartError| AppError::BadRequest("error-form-invalid");
    let mut kind = None;
    let mut skip_invalid = false;
    let mut file: Option<Vec<u8>> = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("error-body-too-large"))?
    {
        match field.name().unwrap_or_default() {
            "kind" => kind = Kind::parse(&field.text().await.map_err(bad)?),
            "skip_invalid" => skip_invalid = !field.text().await.map_err(bad)?.is_empty(),
            "file" => {
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|_| AppError::BadRequest("error-body-too-large"))?;
                file = Some(bytes.to_vec());
            }
            _ => {}
        }
    }
    let kind = kind.ok_or(AppError::BadRequest("error-form-invalid"))?;
    let mut ctx = context(kind, skip_invalid);
    let Some(file) = file.filter(|f| !f.is_empty()) else {
        let mut errors = crate::error::FieldErrors::new();
        errors.add("file", "error-csv-file-required");
        return page.rerender_form("csv/import.html", ctx, &errors);
    };
    let options = ImportOptions { skip_invalid };
    let report = csv_io::import(
        &app.db,
        kind,
        &file,
        options,
        &NoProgress,
        &Who {
            caller: Caller::User(&user),
            ip: &ip,
            mailer: &app.mailer,
        },
    )
    .await?;
    let mut view = report.view(page.lang);
    let hidden = view.errors.len().saturating_sub(SHOWN_PROBLEMS);
    view.errors.truncate(SHOWN_PROBLEMS);
    ctx.insert("report", &view);
    ctx.insert("hidden_problems", &hidden);
    let mut response = page.render_form("csv/import.html", ctx)?;
    if !report.committed {
        *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(response)
}

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
