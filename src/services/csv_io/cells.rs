//! Cell values: neutralising spreadsheet formulas on export (and undoing it on import, so
//! a round trip is lossless), lists, yes/no, and weekly schedules as one line of text.

use crate::domain::availability::{Weekly, WindowInput, format_hhmm};
use crate::error::FieldError;

/// Characters that make a spreadsheet treat a cell as a formula (or split it).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `value` would start a formula once one leading `'` is taken away: some `'`s
/// followed by a formula character.
fn escaped_formula(value: &str) -> bool {
    value.trim_start_matches('\'').starts_with(FORMULA_START)
}

/// Makes a cell safe to open in a spreadsheet: a value starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return gets a leading `'` (so `=HYPERLINK(…)` stays text). A value that
/// already looks escaped (`'` followed by one of those) gets one more, so
/// [`restore`] gives back exactly what was exported.
pub fn neutralise(value: &str) -> String {
    if value.starts_with(FORMULA_START) || (value.starts_with('\'') && escaped_formula(value)) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// Undoes [`neutralise`] on an imported cell.
pub fn restore(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if escaped_formula(value) && !value.starts_with(FORMULA_START) => rest,
        _ => value,
    }
}

/// Separator of values inside one cell.
pub const LIST_SEPARATOR: char = ';';

/// Splits a list cell (`az; ru`) into trimmed, non-empty values.
pub fn split_list(value: &str) -> Vec<String> {
    value
        .split(LIST_SEPARATOR)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Joins values into a list cell.
pub fn join_list<S: AsRef<str>>(values: &[S]) -> String {
    values
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join("; ")
}

/// `yes` or `no`.
pub fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

/// A yes/no cell; empty gives `default`.
pub fn parse_yes_no(column: &str, value: &str, default: bool) -> Result<bool, FieldError> {
    if value.trim().is_empty() {
        Ok(default)
    } else {
        crate::domain::fields::yes_no(column, value)
    }
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const DAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A weekly schedule as one cell: `mon 09:00-13:00; wed 14:00-18:00`.
pub fn weekly_to_text(weekly: &Weekly) -> String {
    weekly
        .windows()
        .iter()
        .map(|w| {
            format!(
                "{} {}-{}",
                DAYS[usize::from(w.day.min(6))],
                format_hhmm(w.start),
                format_hhmm(w.end)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Reads a schedule cell into windows to validate (`mon 09:00-13:00; wed 14:00-18:00`; day
/// names in English, short or long, any case).
pub fn weekly_from_text(column: &str, value: &str) -> Result<Vec<WindowInput>, FieldError> {
    let bad = || FieldError::new(column, "error-csv-schedule");
    split_list(value)
        .iter()
        .map(|part| {
            let (day, times) = part.split_once(char::is_whitespace).ok_or_else(bad)?;
            let day = day.to_ascii_lowercase();
            let index = DAYS
                .iter()
                .position(|d| *d == day)
                .or_else(|| DAY_NAMES.iter().position(|d| *d == day))
                .ok_or_else(bad)?;
            let (start, end) = times.trim().split_once('-').ok_or_else(bad)?;
            Ok(WindowInput {
                day: Some(index as u8),
                start: start.trim().to_owned(),
                end: end.trim().to_owned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_restored_exactly() {
        for (value, exported) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+994 12 555 12 34", "'+994 12 555 12 34"),
            ("-12.5", "'-12.5"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("\rcmd", "'\rcmd"),
            ("'=already quoted", "''=already quoted"),
            ("'plain quote", "'plain quote"),
            ("Gəncə", "Gəncə"),
            ("", ""),
        ] {
            assert_eq!(neutralise(value), exported, "{value:?}");
            assert_eq!(restore(exported), value, "{exported:?}");
        }
    }

    #[test]
    fn schedules_read_and_write_as_one_line() {
        let inputs =
            weekly_from_text("schedule", "Mon 09:00-13:00; wednesday 14:00 - 18:00").unwrap();
        let weekly = Weekly::parse("schedule", &inputs).unwrap();
        assert_eq!(weekly_to_text(&weekly), "mon 09:00-13:00; wed 14:00-18:00");
        assert!(weekly_from_text("schedule", "someday 09:00-10:00").is_err());
        assert!(weekly_from_text("schedule", "mon 09:00").is_err());
        assert!(weekly_from_text("schedule", "").unwrap().is_empty());
    }

    #[test]
    fn lists_split_on_semicolons() {
        assert_eq!(split_list(" az ;ru;; en "), vec!["az", "ru", "en"]);
        assert_eq!(join_list(&["az", "ru"]), "az; ru");
    }
}
