//! Value types of a volunteer's profile: what they want to do, professional kinds and
//! specialties, phone numbers, travel distance and free text, validated the same way for forms
//! and JSON.

use serde::{Deserialize, Deserializer, Serialize};

use super::text::is_single_line;
use crate::error::FieldError;

/// What a volunteer wants to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoleSought {
    /// Mentor a person under supervision.
    Mentor,
    /// Help at a placement site.
    SiteHelper,
    /// Work as a psychologist or social worker.
    Professional,
}

impl RoleSought {
    /// All, in the order forms show them.
    pub const ALL: [RoleSought; 3] = [
        RoleSought::Mentor,
        RoleSought::SiteHelper,
        RoleSought::Professional,
    ];

    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            RoleSought::Mentor => "mentor",
            RoleSought::SiteHelper => "site_helper",
            RoleSought::Professional => "professional",
        }
    }

    /// Parses a stored name.
    pub fn parse(text: &str) -> Option<RoleSought> {
        Self::ALL.into_iter().find(|r| r.as_str() == text.trim())
    }
}

pub use crate::domain::specialty::ProfessionalKind;

/// Lists of codes parsed against a closed set: deduplicated, in the given order.
pub fn parse_codes(
    field: &str,
    codes: &[String],
    known: &[&str],
) -> Result<Vec<String>, FieldError> {
    let mut out: Vec<String> = Vec::new();
    for code in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        if !known.contains(&code) {
            return Err(FieldError::new(field, "error-choice-unknown"));
        }
        if !out.iter().any(|o| o == code) {
            out.push(code.to_owned());
        }
    }
    Ok(out)
}

/// Parses an optional phone number: digits with spaces, `+`, `-`, `(` and `)`; 7 to 20 digits.
pub fn parse_phone(field: &str, input: &str) -> Result<Option<String>, FieldError> {
    let phone = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if phone.is_empty() {
        return Ok(None);
    }
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')'));
    if !allowed || !(7..=20).contains(&digits) || phone.len() > 40 {
        return Err(FieldError::new(field, "error-phone-invalid"));
    }
    Ok(Some(phone))
}

/// Largest travel distance accepted, km.
pub const MAX_TRAVEL_KM: i32 = 500;

/// Parses a whole number in `min..=max` given as text (forms) or a JSON number; errors use
/// `error-number-range` with `min` and `max`.
pub fn parse_whole(field: &str, text: &str, min: i32, max: i32) -> Result<i32, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, "error-required"));
    }
    let range = || {
        FieldError::new(field, "error-number-range")
            .with("min", min)
            .with("max", max)
    };
    // "25.0" from a JSON float is fine; "25.5" or "NaN" is not.
    let value: f64 = text.parse().map_err(|_| range())?;
    if !value.is_finite()
        || value.fract() != 0.0
        || value < f64::from(min)
        || value > f64::from(max)
    {
        return Err(range());
    }
    Ok(value as i32)
}

/// Parses free text of several lines: control characters other than line breaks and tabs are
/// refused, line breaks become `\n`, the ends are trimmed; 1 (when required) to `max` characters.
pub fn parse_text(
    field: &str,
    input: &str,
    max: usize,
    required: bool,
) -> Result<String, FieldError> {
    let text = input.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim().to_owned();
    if text.is_empty() && required {
        return Err(FieldError::new(field, "error-required"));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(FieldError::new(field, "error-text-invalid"));
    }
    if text.chars().count() > max {
        return Err(FieldError::new(field, "error-text-too-long").with("max", max));
    }
    Ok(text)
}

/// Parses one line of free text of at most `max` characters (may be empty).
pub fn parse_line(field: &str, input: &str, max: usize) -> Result<String, FieldError> {
    let text = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if !is_single_line(&text) {
        return Err(FieldError::new(field, "error-text-invalid"));
    }
    if text.chars().count() > max {
        return Err(FieldError::new(field, "error-text-too-long").with("max", max));
    }
    Ok(text)
}

/// Deserialises a JSON number or a string into text, so one input type serves forms (text)
/// and JSON (numbers) and the same parser reports the same field errors.
pub fn number_or_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Number(serde_json::Number),
        Text(String),
        Nothing(()),
    }
    Ok(match Either::deserialize(d)? {
        Either::Number(n) => n.to_string(),
        Either::Text(t) => t,
        Either::Nothing(()) => String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_optional_but_must_look_like_phones() {
        assert_eq!(parse_phone("phone", "  ").unwrap(), None);
        assert_eq!(
            parse_phone("phone", "+994  50 123-45-67")
                .unwrap()
                .as_deref(),
            Some("+994 50 123-45-67")
        );
        for bad in ["12", "call me", "+994\r\n50", "<b>0501234567</b>"] {
            assert!(parse_phone("phone", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn whole_numbers_are_checked_for_range_and_form() {
        assert_eq!(parse_whole("travel_km", " 25 ", 0, 500).unwrap(), 25);
        assert_eq!(parse_whole("travel_km", "25.0", 0, 500).unwrap(), 25);
        for bad in ["-1", "501", "2.5", "NaN", "inf", "1e309", "ten"] {
            let error = parse_whole("travel_km", bad, 0, 500).unwrap_err();
            assert_eq!(error.code, "error-number-range", "{bad}");
        }
        assert_eq!(
            parse_whole("travel_km", "", 0, 500).unwrap_err().code,
            "error-required"
        );
    }

    #[test]
    fn free_text_keeps_lines_but_not_other_control_characters() {
        assert_eq!(
            parse_text("m", " I want\r\nto help ", 100, true).unwrap(),
            "I want\nto help"
        );
        assert!(parse_text("m", "bell\u{7}", 100, true).is_err());
        assert!(parse_text("m", "", 100, true).is_err());
        assert_eq!(parse_text("m", "", 100, false).unwrap(), "");
        assert_eq!(
            parse_text("m", &"x".repeat(101), 100, true)
                .unwrap_err()
                .code,
            "error-text-too-long"
        );
        assert!(parse_line("o", "a\u{0}b", 10).is_err());
    }

    #[test]
    fn codes_come_from_their_lists() {
        assert_eq!(
            parse_codes(
                "s",
                &["trauma".into(), "trauma".into(), " ".into()],
                &["trauma", "family"]
            )
            .unwrap(),
            vec!["trauma"]
        );
        assert!(parse_codes("s", &["astrology".into()], &["trauma"]).is_err());
        assert_eq!(
            RoleSought::parse("site_helper"),
            Some(RoleSought::SiteHelper)
        );
        assert_eq!(
            ProfessionalKind::parse("social_worker"),
            Some(ProfessionalKind::SocialWorker)
        );
    }

    #[test]
    fn numbers_and_text_both_deserialise_to_text() {
        #[derive(Deserialize)]
        struct T {
            #[serde(deserialize_with = "number_or_text")]
            v: String,
        }
        let t: T = serde_json::from_str(r#"{"v": 12.5}"#).unwrap();
        assert_eq!(t.v, "12.5");
        let t: T = serde_json::from_str(r#"{"v": "40,5"}"#).unwrap();
        assert_eq!(t.v, "40,5");
        let t: T = serde_json::from_str(r#"{"v": null}"#).unwrap();
        assert_eq!(t.v, "");
    }
}
