//! Languages people speak (for matching), as ISO 639-1 codes.

use crate::error::FieldError;

/// Languages offered in forms, most common in Azerbaijan first; any other ISO 639-1 code
/// is accepted too.
pub const COMMON: [&str; 8] = ["az", "ru", "en", "tr", "ka", "hy", "fa", "lez"];

/// Parses a list of language codes (`["az", "RU", " en "]`): lower-cased, deduplicated, each
/// two or three ASCII letters.
pub fn parse_list(field: &str, codes: &[String]) -> Result<Vec<String>, FieldError> {
    let mut out: Vec<String> = Vec::new();
    for code in codes {
        let code = code.trim().to_ascii_lowercase();
        if code.is_empty() {
            continue;
        }
        if !(2..=3).contains(&code.len()) || !code.chars().all(|c| c.is_ascii_lowercase()) {
            return Err(FieldError::new(field, "error-language-code"));
        }
        if !out.contains(&code) {
            out.push(code);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_normalised_and_validated() {
        let list = parse_list(
            "languages",
            &["AZ".into(), " ru ".into(), "az".into(), "".into()],
        )
        .unwrap();
        assert_eq!(list, vec!["az", "ru"]);
        assert!(parse_list("languages", &["azerbaijani".into()]).is_err());
        assert!(parse_list("languages", &["<b>".into()]).is_err());
    }
}
