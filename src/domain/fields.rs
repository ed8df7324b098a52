//! Small validators for free-text fields shared by the case register's forms.

use super::text::is_single_line;
use crate::error::FieldError;

/// A one-line text of at most `max` characters, whitespace runs collapsed. Empty is `Ok(None)`
/// unless `required` (`error-required`); too long or with control characters is
/// `error-text-line` (argument `max`).
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
        return Err(FieldError::new(field, "error-text-line").with("max", max));
    }
    Ok(Some(value))
}

/// A text of at most `max` characters that may span lines (CR LF becomes LF; other control
/// characters than tab and line feed are refused). Empty is `Ok(None)`.
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
        return Err(FieldError::new(field, "error-text-long").with("max", max));
    }
    Ok(Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
