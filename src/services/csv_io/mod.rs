//! CSV import and export of the registers, for `korpu import|export KIND` and the `/import`
//! page and download links.
//!
//! # Files
//!
//! UTF-8, comma-separated, one header row naming the columns (any order; unknown columns are
//! refused, missing optional columns read as empty). Lists inside a cell are separated by `;`.
//! Exports start with a UTF-8 byte-order mark so that Excel shows Azerbaijani and Russian
//! letters correctly; imports accept files with or without it. Every exported cell starting
//! with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` so a spreadsheet shows
//! it as text instead of running it as a formula; import removes that `'` again, so exporting
//! and importing is lossless. The columns of each kind are listed in `docs/csv.md`.
//!
//! # Import
//!
//! Every row is validated with the same rules as the forms. By default the import is
//! all-or-nothing: if any row has a problem nothing is written, and the report lists every
//! problem with its row (the header is row 1), column and reason. With `skip_invalid` the
//! valid rows are written and the others reported. A row with an `id` updates that record;
//! a row without creates one. Writing happens in one transaction with multi-row inserts.
//!
//! # Adding a kind
//!
//! Write one module here with a unit struct implementing [`CsvKind`] (its columns, how to
//! load the reference data it validates against, how to parse a row into a validated record,
//! how to write records and how to export them), add a variant to [`Kind`] with its name, and
//! add one arm to each `match` in [`import`] and [`export`]. The command line, the upload
//! page, the download links and the API pick the new kind up from [`Kind::ALL`].
//!
//! # Who
//!
//! Every import and export names its [`Caller`]: a signed-in user (the pages and the API,
//! open to admins and coordinators), or the system (the command line, run by whoever
//! operates the server). A kind holding confidential records (`clients`) checks each record
//! against the caller, as the register does; the system counts as an admin named on no
//! restricted record.

pub mod cells;
pub mod clients;
pub mod psychologists;
pub mod report;
pub mod sites;
pub mod volunteer_trainings;
pub mod volunteer_vetting;
pub mod volunteers;

use std::collections::HashMap;
use std::future::Future;

use sea_orm::{DatabaseConnection, DatabaseTransaction, TransactionTrait};
use serde::{Deserialize, Serialize};
use serde_json::json;

pub use report::{ImportReport, ImportReportView, RowError};

use crate::auth::Role;
use crate::auth::current_user::{AuthMethod, AuthUser};
use crate::error::{AppError, FieldError, FieldErrors};
use crate::mail::Mailer;
use crate::services::audit::{self, Actor, Event};

/// Who imports or exports.
#[derive(Clone, Copy, Debug)]
pub enum Caller<'a> {
    /// A signed-in user.
    User(&'a AuthUser),
    /// The command line.
    System,
}

impl Caller<'_> {
    /// The actor the audit log names.
    pub fn actor(&self) -> Actor {
        match self {
            Caller::User(user) => Actor::user(user),
            Caller::System => Actor::System,
        }
    }

    /// The user whose rights apply: the system is an admin with no account (id 0), so it is
    /// named on no restricted record and responsible for no client.
    pub fn viewer(&self) -> AuthUser {
        match self {
            Caller::User(user) => (*user).clone(),
            Caller::System => AuthUser {
                id: 0,
                email: String::new(),
                name: "system".to_owned(),
                roles: vec![Role::Admin],
                region_id: None,
                language: "en".to_owned(),
                method: AuthMethod::Token,
            },
        }
    }
}

/// Who runs an import, from where, and the mailer for what it sends (an approved volunteer
/// gets the e-mail to set their password).
#[derive(Clone, Copy)]
pub struct Who<'a> {
    /// Who.
    pub caller: Caller<'a>,
    /// From where (`cli` for the command line).
    pub ip: &'a str,
    /// The service's mailer (queues into the outbox).
    pub mailer: &'a Mailer,
}

/// The kinds of record that can be imported and exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Placement sites.
    Sites,
    /// Psychologists and social workers.
    Psychologists,
    /// Volunteers and applicants, with their vetting stage.
    Volunteers,
    /// Clients (confidential: checked record by record against the caller).
    Clients,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 4] = [
        Kind::Sites,
        Kind::Psychologists,
        Kind::Volunteers,
        Kind::Clients,
    ];

    /// The name used on the command line and in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Sites => sites::Sites::NAME,
            Kind::Psychologists => psychologists::Psychologists::NAME,
            Kind::Volunteers => volunteers::Volunteers::NAME,
            Kind::Clients => clients::Clients::NAME,
        }
    }

    /// Parses a name.
    pub fn parse(name: &str) -> Option<Kind> {
        let name = name.trim().to_ascii_lowercase();
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The columns of this kind, in export order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Kind::Sites => sites::Sites::COLUMNS,
            Kind::Psychologists => psychologists::Psychologists::COLUMNS,
            Kind::Volunteers => volunteers::Volunteers::COLUMNS,
            Kind::Clients => clients::Clients::COLUMNS,
        }
    }
}

/// One row of an import file, read by column name.
pub struct Row<'a> {
    record: &'a csv::StringRecord,
    index: &'a HashMap<&'static str, usize>,
}

impl Row<'_> {
    /// The cell of `column` (empty when the file has no such column), with formula
    /// neutralisation undone.
    pub fn get(&self, column: &str) -> &str {
        self.index
            .get(column)
            .and_then(|i| self.record.get(*i))
            .map(cells::restore)
            .unwrap_or("")
    }

    /// Whether the file has `column` at all.
    pub fn has(&self, column: &str) -> bool {
        self.index.contains_key(column)
    }
}

/// Reports progress of a long import or export (the command line shows a bar).
pub trait Progress: Send + Sync {
    /// A stage begins with `total` steps.
    fn start(&self, stage: &'static str, total: u64);
    /// `steps` more are done.
    fn advance(&self, steps: u64);
    /// The stage is over.
    fn finish(&self);
}

/// Progress that goes nowhere (the web pages).
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: &'static str, _: u64) {}
    fn advance(&self, _: u64) {}
    fn finish(&self) {}
}

/// One kind of record in CSV. See the module documentation for how to add one.
pub trait CsvKind {
    /// Name on the command line and in URLs (`sites`).
    const NAME: &'static str;
    /// Every column, in export order.
    const COLUMNS: &'static [&'static str];
    /// Columns an import file must have.
    const REQUIRED: &'static [&'static str];
    /// Reference data rows are validated against, loaded once per import.
    type Context: Send + Sync;
    /// A validated row.
    type Record: Send + Sync;

    /// Loads the reference data (and what the caller may see).
    fn context(
        txn: &DatabaseTransaction,
        who: &Who<'_>,
    ) -> impl Future<Output = Result<Self::Context, AppError>> + Send;

    /// Validates one row; problems are field errors named by column.
    fn parse(ctx: &Self::Context, row: &Row<'_>) -> Result<Self::Record, Vec<FieldError>>;

    /// Checks that need all rows at once (a value used twice); returns (position in
    /// `records`, problem).
    fn check_all(
        txn: &DatabaseTransaction,
        records: &[&Self::Record],
    ) -> impl Future<Output = Result<Vec<(usize, FieldError)>, AppError>> + Send;

    /// Writes valid records; returns (created, updated).
    fn write(
        txn: &DatabaseTransaction,
        ctx: &Self::Context,
        records: Vec<Self::Record>,
        progress: &dyn Progress,
    ) -> impl Future<Output = Result<(usize, usize), AppError>> + Send;

    /// Every record `caller` may see as rows of cells in [`CsvKind::COLUMNS`] order (not yet
    /// neutralised). A kind holding confidential records audits the reads.
    fn export(
        db: &DatabaseConnection,
        caller: &Caller<'_>,
        ip: &str,
    ) -> impl Future<Output = Result<Vec<Vec<String>>, AppError>> + Send;
}

/// How to import.
#[derive(Clone, Copy, Debug, Default)]
pub struct ImportOptions {
    /// Write the valid rows and report the others, instead of all-or-nothing.
    pub skip_invalid: bool,
}

/// Most rows one file may hold.
pub const MAX_ROWS: usize = 200_000;

/// Imports a CSV file of `kind`. Problems with the data come back in the report, not as an
/// error; an `Err` means the database failed.
pub async fn import(
    db: &DatabaseConnection,
    kind: Kind,
    data: &[u8],
    options: ImportOptions,
    progress: &dyn Progress,
    who: &Who<'_>,
) -> Result<ImportReport, AppError> {
    let job = Job {
        data,
        options,
        progress,
        who,
    };
    match kind {
        Kind::Sites => run::<sites::Sites>(db, job).await,
        Kind::Psychologists => run::<psychologists::Psychologists>(db, job).await,
        Kind::Volunteers => run::<volunteers::Volunteers>(db, job).await,
        Kind::Clients => run::<clients::Clients>(db, job).await,
    }
}

/// One import to run.
struct Job<'a> {
    data: &'a [u8],
    options: ImportOptions,
    progress: &'a dyn Progress,
    who: &'a Who<'a>,
}

fn file_error(code: &'static str) -> ImportReport {
    ImportReport {
        errors: vec![RowError::new(1, "", code)],
        ..Default::default()
    }
}

/// Reads the header: column positions, or the problems with it.
fn header_index<K: CsvKind>(
    headers: &csv::StringRecord,
) -> Result<HashMap<&'static str, usize>, Vec<RowError>> {
    let mut index = HashMap::new();
    let mut errors = Vec::new();
    for (i, name) in headers.iter().enumerate() {
        let name = name.trim().to_ascii_lowercase();
        match K::COLUMNS.iter().find(|c| **c == name) {
            Some(column) => {
                if index.insert(*column, i).is_some() {
                    errors.push(RowError::new(1, *column, "error-csv-column-twice"));
                }
            }
            None if name.is_empty() => {}
            None => {
                let mut e = RowError::new(1, name.clone(), "error-csv-column-unknown");
                e.reason = e.reason.with("column", &name);
                errors.push(e);
            }
        }
    }
    for column in K::REQUIRED {
        if !index.contains_key(column) {
            errors.push(RowError::new(1, *column, "error-csv-column-missing"));
        }
    }
    if errors.is_empty() {
        Ok(index)
    } else {
        Err(errors)
    }
}

async fn run<K: CsvKind>(db: &DatabaseConnection, job: Job<'_>) -> Result<ImportReport, AppError> {
    let Job {
        data,
        options,
        progress,
        who,
    } = job;
    let audit_event = Event::new(who.caller.actor(), "csv.imported", who.ip);
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    if std::str::from_utf8(data).is_err() {
        return Ok(file_error("error-csv-not-utf8"));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(data);
    let headers = match reader.headers() {
        Ok(h) if !h.is_empty() => h.clone(),
        _ => return Ok(file_error("error-csv-empty")),
    };
    let index = match header_index::<K>(&headers) {
        Ok(index) => index,
        Err(errors) => {
            return Ok(ImportReport {
                errors,
                ..Default::default()
            });
        }
    };
    let mut report = ImportReport::default();
    let mut records = Vec::new();
    for (i, result) in reader.records().enumerate() {
        let row = i + 2;
        if i >= MAX_ROWS {
            return Ok(file_error("error-csv-too-many-rows"));
        }
        match result {
            Ok(record) if record.len() != headers.len() => {
                let mut e = RowError::new(row, "", "error-csv-row-length");
                e.reason = e
                    .reason
                    .with("expected", headers.len())
                    .with("found", record.len());
                report.errors.push(e);
                records.push((row, None));
            }
            Ok(record) if record.iter().all(|c| c.trim().is_empty()) => {}
            Ok(record) => records.push((row, Some(record))),
            Err(_) => {
                report
                    .errors
                    .push(RowError::new(row, "", "error-csv-unreadable"));
                records.push((row, None));
            }
        }
    }
    report.rows = records.len();
    let txn = crate::db::begin_write(db).await?;
    let ctx = K::context(&txn, who).await?;
    progress.start("checking", records.len() as u64);
    let mut valid: Vec<(usize, K::Record)> = Vec::with_capacity(records.len());
    for (n, (row, record)) in records.iter().enumerate() {
        if let Some(record) = record {
            match K::parse(
                &ctx,
                &Row {
                    record,
                    index: &index,
                },
            ) {
                Ok(parsed) => valid.push((*row, parsed)),
                Err(problems) => {
                    report
                        .errors
                        .extend(problems.into_iter().map(|reason| RowError {
                            row: *row,
                            column: column_of(&reason.field),
                            reason,
                        }))
                }
            }
        }
        if n % 500 == 499 {
            progress.advance(500);
        }
    }
    progress.advance(records.len() as u64 % 500);
    progress.finish();
    let refs: Vec<&K::Record> = valid.iter().map(|(_, r)| r).collect();
    let clashes = K::check_all(&txn, &refs).await?;
    let mut dropped: Vec<usize> = Vec::new();
    for (position, reason) in clashes {
        report.errors.push(RowError {
            row: valid[position].0,
            column: column_of(&reason.field),
            reason,
        });
        dropped.push(position);
    }
    report.errors.sort_by_key(|e| e.row);
    let mut invalid_rows: Vec<usize> = report.errors.iter().map(|e| e.row).collect();
    invalid_rows.dedup();
    report.skipped = invalid_rows.len();
    if !report.errors.is_empty() && !options.skip_invalid {
        report.skipped = report.rows;
        txn.rollback().await?;
        return Ok(report);
    }
    let to_write: Vec<K::Record> = valid
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !dropped.contains(i))
        .map(|(_, (_, r))| r)
        .collect();
    progress.start("writing", to_write.len() as u64);
    let (created, updated) = K::write(&txn, &ctx, to_write, progress).await?;
    progress.finish();
    report.created = created;
    report.updated = updated;
    report.committed = true;
    audit::record(
        &txn,
        audit_event.detail(json!({
            "kind": K::NAME,
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "skipped": report.skipped,
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(report)
}

/// Gives validation errors the names of a file's columns: each `(field, column)` pair renames
/// a field (a form's `home_lat` is the file's `lat`).
pub fn rename_fields(mut errors: FieldErrors, names: &[(&str, &str)]) -> FieldErrors {
    for error in &mut errors.0 {
        if let Some((_, column)) = names.iter().find(|(field, _)| *field == error.field) {
            error.field = (*column).to_owned();
        }
    }
    errors
}

/// The column a validation field belongs to: `schedule[2].end` → `schedule`.
fn column_of(field: &str) -> String {
    field.split(['[', '.']).next().unwrap_or(field).to_owned()
}

/// Exports every record of `kind` that `caller` may see as a CSV file (UTF-8 with a
/// byte-order mark, formulas neutralised); audited.
pub async fn export(
    db: &DatabaseConnection,
    kind: Kind,
    caller: &Caller<'_>,
    ip: &str,
) -> Result<Vec<u8>, AppError> {
    let rows = match kind {
        Kind::Sites => sites::Sites::export(db, caller, ip).await?,
        Kind::Psychologists => psychologists::Psychologists::export(db, caller, ip).await?,
        Kind::Volunteers => volunteers::Volunteers::export(db, caller, ip).await?,
        Kind::Clients => clients::Clients::export(db, caller, ip).await?,
    };
    let mut writer = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
    let fail = |e: csv::Error| AppError::Internal(anyhow::anyhow!("writing CSV: {e}"));
    writer.write_record(kind.columns()).map_err(fail)?;
    for row in &rows {
        writer
            .write_record(row.iter().map(|cell| cells::neutralise(cell)))
            .map_err(fail)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("writing CSV: {e}")))?;
    let txn = db.begin().await?;
    audit::record(
        &txn,
        Event::new(caller.actor(), "csv.exported", ip)
            .detail(json!({ "kind": kind.as_str(), "rows": rows.len() })),
    )
    .await?;
    txn.commit().await?;
    Ok(bytes)
}
