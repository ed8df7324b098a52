//! Validators for the case register's fields (clients, orders, restrictions): one-line and
//! multi-line text, calendar dates, phone numbers, and lists of codes stored as JSON.
//! Message keys are `error-case-*` (see `locales/*/clients.ftl`).

use chrono::NaiveDate;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::text::is_single_line;
use crate::error::FieldError;

/// Earliest date accepted (birth dates, court decisions).
pub const EARLIEST: NaiveDate = NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date");
/// Latest date accepted (far-future end dates are typing mistakes).
pub const LATEST: NaiveDate = NaiveDate::from_ymd_opt(2200, 12, 31).expect("valid date");

/// A one-line text of at most `max` characters, whitespace runs collapsed. Empty is `Ok(None)`
/// unless `required` (`error-required`); too long or with control characters is
/// `error-case-text-line` (argument `max`).
pub fn single_line(
    field: &str,
    text: &str,
    max: usize,
    required: bool,
) -> Result<Option<String>, FieldError> {
    let value = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() {
        return if required {
            Err(FieldError::new(field, "error-required"))
        } else {
            Ok(None)
        };
    }
    if value.chars().count() > max || !is_single_line(&value) {
        return Err(FieldError::new(field, "error-case-text-line").with("max", max));
    }
    Ok(Some(value))
}

/// A text of at most `max` characters that may span lines (CR LF becomes LF; control
/// characters other than tab and line feed are refused: `error-case-text-long`). Empty is
/// `Ok(None)`.
pub fn multi_line(field: &str, text: &str, max: usize) -> Result<Option<String>, FieldError> {
    let value = text.replace("\r\n", "\n").trim().to_owned();
    if value.is_empty() {
        return Ok(None);
    }
    if value.chars().count() > max
        || value
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(FieldError::new(field, "error-case-text-long").with("max", max));
    }
    Ok(Some(value))
}

/// `YYYY-MM-DD` between [`EARLIEST`] and [`LATEST`]. Empty is `Ok(None)` unless `required`
/// (`error-required`); anything else unreadable is `error-case-date`.
pub fn date(field: &str, text: &str, required: bool) -> Result<Option<NaiveDate>, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return if required {
            Err(FieldError::new(field, "error-required"))
        } else {
            Ok(None)
        };
    }
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(date) if (EARLIEST..=LATEST).contains(&date) => Ok(Some(date)),
        _ => Err(FieldError::new(field, "error-case-date")),
    }
}

/// Today (UTC).
pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// An optional phone number: digits with an optional leading `+`, spaces, `-`, `(`, `)`;
/// 7 to 15 digits (`error-case-phone`).
pub fn phone(field: &str, text: &str) -> Result<Option<String>, FieldError> {
    let value = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() {
        return Ok(None);
    }
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let allowed = value
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || " -()".contains(c) || (c == '+' && i == 0));
    if !allowed || !(7..=15).contains(&digits) || value.len() > 32 {
        return Err(FieldError::new(field, "error-case-phone"));
    }
    Ok(Some(value))
}

/// The stored form of a list of codes (serialised as their codes): a JSON array.
pub fn list_to_json<T: Serialize>(values: &[T]) -> String {
    serde_json::to_string(values).unwrap_or_else(|_| "[]".into())
}

/// Reads a stored list of codes; unknown or unreadable entries are dropped.
pub fn list_from_json<T: DeserializeOwned + Ord>(text: &str) -> Vec<T> {
    let mut out: Vec<T> = serde_json::from_str::<Vec<serde_json::Value>>(text)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::work::WorkKind;

    #[test]
    fn lines_are_trimmed_limited_and_single() {
        assert_eq!(
            single_line("f", "  Baku   City Court ", 50, true).unwrap(),
            Some("Baku City Court".into())
        );
        assert_eq!(
            single_line("f", " ", 50, true).unwrap_err().code,
            "error-required"
        );
        assert_eq!(single_line("f", "", 50, false).unwrap(), None);
        assert!(single_line("f", &"x".repeat(51), 50, false).is_err());
        assert!(single_line("f", "a\u{0}b", 50, false).is_err());
    }

    #[test]
    fn multi_line_text_keeps_lines_but_not_control_characters() {
        assert_eq!(
            multi_line("f", "one\r\ntwo\n", 20).unwrap(),
            Some("one\ntwo".into())
        );
        assert!(multi_line("f", "bell\u{7}", 20).is_err());
        assert!(multi_line("f", &"y".repeat(21), 20).is_err());
    }

    #[test]
    fn dates_are_iso_and_in_a_sane_range() {
        assert_eq!(
            date("d", " 2026-03-01 ", true).unwrap(),
            NaiveDate::from_ymd_opt(2026, 3, 1)
        );
        assert_eq!(date("d", "", false).unwrap(), None);
        assert_eq!(date("d", "", true).unwrap_err().code, "error-required");
        for bad in [
            "2026-02-30",
            "01.03.2026",
            "1899-12-31",
            "2201-01-01",
            "tomorrow",
        ] {
            assert_eq!(
                date("d", bad, false).unwrap_err().code,
                "error-case-date",
                "{bad}"
            );
        }
    }

    #[test]
    fn phones_need_seven_to_fifteen_digits() {
        assert_eq!(
            phone("p", "+994 50 555-12-34").unwrap().as_deref(),
            Some("+994 50 555-12-34")
        );
        assert_eq!(phone("p", " ").unwrap(), None);
        for bad in [
            "12345",
            "=1+2345678",
            "12+3456789",
            "+994 12 555 12 34 56 78 90",
        ] {
            assert!(phone("p", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn code_lists_round_trip_through_json() {
        let kinds = vec![WorkKind::Kitchen, WorkKind::Cleaning];
        let text = list_to_json(&kinds);
        assert_eq!(text, r#"["kitchen","cleaning"]"#);
        assert_eq!(
            list_from_json::<WorkKind>(r#"["kitchen","cleaning","nonsense",3,"kitchen"]"#),
            vec![WorkKind::Cleaning, WorkKind::Kitchen]
        );
        assert!(list_from_json::<WorkKind>("not json").is_empty());
    }
}

/// Serde helpers so that JSON bodies may give numbers (and GeoJSON objects) where forms give
/// text: the value is kept as text and validated by the same parser as the form's.
pub mod lenient {
    use serde::{Deserialize, Deserializer};
    use serde_json::Value;

    /// A string, a number, or null (empty), as text.
    pub fn text_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        Ok(match Value::deserialize(d)? {
            Value::Null => String::new(),
            Value::String(s) => s,
            Value::Number(n) => n.to_string(),
            _ => return Err(serde::de::Error::custom("expected a number or a string")),
        })
    }

    /// A JSON document given as a string or inline (an object), as text; null is empty.
    pub fn json_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        Ok(match Value::deserialize(d)? {
            Value::Null => String::new(),
            Value::String(s) => s,
            other => other.to_string(),
        })
    }
}
