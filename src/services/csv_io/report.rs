//! What an import did: counts, and one line per problem (row, column, reason).

use serde::Serialize;

use crate::error::FieldError;
use crate::i18n::Lang;

/// One problem in the file. `row` counts lines as a spreadsheet shows them: the header is
/// row 1, the first record row 2.
#[derive(Clone, Debug, PartialEq)]
pub struct RowError {
    /// Row number (header = 1).
    pub row: usize,
    /// Column name, or empty when the problem is the whole row.
    pub column: String,
    /// The reason, as a field error (message key and arguments).
    pub reason: FieldError,
}

impl RowError {
    /// A problem in `column` of `row`.
    pub fn new(row: usize, column: impl Into<String>, code: &'static str) -> Self {
        let column = column.into();
        RowError {
            row,
            reason: FieldError::new(column.clone(), code),
            column,
        }
    }

    /// The reason in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        self.reason.message(lang)
    }
}

/// The outcome of one import.
#[derive(Clone, Debug, Default)]
pub struct ImportReport {
    /// Records read (rows after the header).
    pub rows: usize,
    /// Records created.
    pub created: usize,
    /// Records updated (rows with an `id`).
    pub updated: usize,
    /// Rows left out because they had problems (with `--skip-invalid`).
    pub skipped: usize,
    /// Whether anything was written. False when the file had problems and the import was
    /// all-or-nothing, or when the file itself could not be read.
    pub committed: bool,
    /// Problems, by row.
    pub errors: Vec<RowError>,
}

/// A problem as the API and pages show it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct RowErrorView {
    /// Row number (header = 1).
    pub row: usize,
    /// Column name (empty: the whole row).
    pub column: String,
    /// Machine-readable reason (a message key).
    pub code: String,
    /// The reason in words.
    pub message: String,
}

/// An import report as the API and pages show it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ImportReportView {
    /// Records read.
    pub rows: usize,
    /// Records created.
    pub created: usize,
    /// Records updated.
    pub updated: usize,
    /// Rows left out.
    pub skipped: usize,
    /// Whether anything was written.
    pub committed: bool,
    /// Problems, by row.
    pub errors: Vec<RowErrorView>,
}

impl ImportReport {
    /// The report with messages in `lang`.
    pub fn view(&self, lang: Lang) -> ImportReportView {
        ImportReportView {
            rows: self.rows,
            created: self.created,
            updated: self.updated,
            skipped: self.skipped,
            committed: self.committed,
            errors: self
                .errors
                .iter()
                .map(|e| RowErrorView {
                    row: e.row,
                    column: e.column.clone(),
                    code: e.reason.code.to_owned(),
                    message: e.message(lang),
                })
                .collect(),
        }
    }

    /// The problems as lines for a terminal (English), at most `limit` of them.
    pub fn problems_text(&self, limit: usize) -> String {
        let mut out = String::new();
        for e in self.errors.iter().take(limit) {
            let column = if e.column.is_empty() {
                String::new()
            } else {
                format!(", column {}", e.column)
            };
            out.push_str(&format!("row {}{column}: {}\n", e.row, e.message(Lang::En)));
        }
        if self.errors.len() > limit {
            out.push_str(&format!(
                "… and {} more problems\n",
                self.errors.len() - limit
            ));
        }
        out
    }

    /// One line saying what happened (English).
    pub fn summary(&self) -> String {
        if self.committed {
            format!(
                "{} rows read: {} created, {} updated, {} skipped",
                self.rows, self.created, self.updated, self.skipped
            )
        } else if self.errors.is_empty() {
            format!("{} rows read: nothing imported", self.rows)
        } else {
            format!(
                "{} rows read: nothing imported, {} problem(s) (fix them, or use --skip-invalid to import the valid rows)",
                self.rows,
                self.errors.len()
            )
        }
    }
}
