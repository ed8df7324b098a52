//! Parsing of the plain fields that forms, JSON bodies and CSV rows share: one-line text of a
//! bounded length, phone numbers, dates, whole numbers in a range and yes/no values. Each
//! returns a [`FieldError`] naming the field, so every path reports problems the same way.

use chrono::NaiveDate;

use super::text::is_single_line;
use crate::error::FieldError;

/// One line of text, whitespace runs collapsed; empty allowed unless `required`.
pub fn line(field: &str, input: &str, max: usize, required: bool) -> Result<String, FieldError> {
    let value = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() && required {
        return Err(FieldError::new(field, "error-required"));
    }
    if value.chars().count() > max || !is_single_line(&value) {
        return Err(FieldError::new(field, "error-value-too-long").with("max", max));
    }
    Ok(value)
}

/// A phone number: digits with optional `+`, spaces, `-`, `(`, `)`; 7 to 15 digits. Empty is
/// allowed (the field is optional).
pub fn phone(field: &str, input: &str) -> Result<String, FieldError> {
    let value = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() {
        return Ok(value);
    }
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let allowed = value
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || " -()".contains(c) || (c == '+' && i == 0));
    if !allowed || !(7..=15).contains(&digits) || value.len() > 32 {
        return Err(FieldError::new(field, "error-value-phone"));
    }
    Ok(value)
}

/// An optional e-mail address: empty, or valid.
pub fn optional_email(field: &str, input: &str) -> Result<String, FieldError> {
    if input.trim().is_empty() {
        return Ok(String::new());
    }
    super::email::Email::parse(field, input).map(|e| e.as_str().to_owned())
}

/// A calendar date `YYYY-MM-DD` (years 1900 to 2200); `None` when empty.
pub fn date(field: &str, input: &str) -> Result<Option<NaiveDate>, FieldError> {
    let text = input.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|d| (1900..=2200).contains(&chrono::Datelike::year(d)))
        .map(Some)
        .ok_or_else(|| FieldError::new(field, "error-value-date"))
}

/// A whole number from `min` to `max`; empty is "required".
pub fn int_in_range(field: &str, input: &str, min: i64, max: i64) -> Result<i64, FieldError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, "error-required"));
    }
    match text.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(FieldError::new(field, "error-value-range")
            .with("min", min)
            .with("max", max)),
    }
}

/// A yes/no value as spreadsheets write it: `yes`/`no`, `true`/`false`, `1`/`0`, `y`/`n`,
/// `bəli`/`xeyr`, `да`/`нет`; empty is no.
pub fn yes_no(field: &str, input: &str) -> Result<bool, FieldError> {
    match super::text::search_key(input).as_str() {
        "yes" | "y" | "true" | "1" | "bəli" | "да" => Ok(true),
        "no" | "n" | "false" | "0" | "xeyr" | "нет" | "" => Ok(false),
        _ => Err(FieldError::new(field, "error-value-yes-no")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_collapsed_bounded_and_single() {
        assert_eq!(
            line("n", "  Bakı   parkı ", 10, true).unwrap(),
            "Bakı parkı"
        );
        assert_eq!(
            line("n", "  ", 10, true).unwrap_err().code,
            "error-required"
        );
        assert_eq!(line("n", "", 10, false).unwrap(), "");
        assert!(line("n", "abcdefghijk", 10, false).is_err());
        assert!(line("n", "a\u{0}b", 10, false).is_err());
    }

    #[test]
    fn phones_need_seven_to_fifteen_digits() {
        assert_eq!(
            phone("p", "+994 12 555-12-34").unwrap(),
            "+994 12 555-12-34"
        );
        assert_eq!(phone("p", "").unwrap(), "");
        for bad in ["12345", "=1+2", "+994 12 555 12 34 56 78 90", "12+3456789"] {
            assert!(phone("p", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_numbers_and_yes_no() {
        assert_eq!(
            date("d", "2026-12-01").unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 1)
        );
        assert_eq!(date("d", " ").unwrap(), None);
        for bad in ["2026-02-30", "01.12.2026", "99999-01-01"] {
            assert!(date("d", bad).is_err(), "{bad}");
        }
        assert_eq!(int_in_range("c", " 5 ", 1, 10).unwrap(), 5);
        assert_eq!(
            int_in_range("c", "0", 1, 10).unwrap_err().code,
            "error-value-range"
        );
        assert!(int_in_range("c", "2.5", 1, 10).is_err());
        assert!(yes_no("f", "YES").unwrap() && yes_no("f", "Bəli").unwrap());
        assert!(!yes_no("f", "").unwrap() && !yes_no("f", "Нет").unwrap());
        assert!(yes_no("f", "maybe").is_err());
    }
}
