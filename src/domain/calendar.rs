//! Calendar dates as forms and JSON give them (`YYYY-MM-DD`), validated.

use chrono::NaiveDate;

use crate::error::FieldError;

/// Earliest date accepted anywhere (birth dates, court decisions).
pub const EARLIEST: NaiveDate = NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date");
/// Latest date accepted anywhere (far-future end dates are typing mistakes).
pub const LATEST: NaiveDate = NaiveDate::from_ymd_opt(2200, 12, 31).expect("valid date");

/// Parses `YYYY-MM-DD` between [`EARLIEST`] and [`LATEST`]. Empty text is `Ok(None)` unless
/// `required` (then `error-required`); anything else unreadable is `error-date-invalid`.
pub fn parse_date(
    field: &str,
    text: &str,
    required: bool,
) -> Result<Option<NaiveDate>, FieldError> {
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
        _ => Err(FieldError::new(field, "error-date-invalid")),
    }
}

/// Today in UTC.
pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_iso_and_in_a_sane_range() {
        assert_eq!(
            parse_date("d", " 2026-03-01 ", true).unwrap(),
            NaiveDate::from_ymd_opt(2026, 3, 1)
        );
        assert_eq!(parse_date("d", "", false).unwrap(), None);
        assert_eq!(
            parse_date("d", "", true).unwrap_err().code,
            "error-required"
        );
        for bad in [
            "2026-02-30",
            "01.03.2026",
            "1899-12-31",
            "2201-01-01",
            "tomorrow",
        ] {
            assert_eq!(
                parse_date("d", bad, false).unwrap_err().code,
                "error-date-invalid",
                "{bad}"
            );
        }
    }
}
