//! E-mail addresses, parsed once at the edge.

use std::fmt;

use crate::error::FieldError;

/// A syntactically valid e-mail address (checked by lettre's parser), trimmed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// Parses an address; `field` names the form field for the error.
    pub fn parse(field: &str, input: &str) -> Result<Email, FieldError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(FieldError::new(field, "error-required"));
        }
        if trimmed.len() > 254 || !super::text::is_single_line(trimmed) {
            return Err(FieldError::new(field, "error-email-invalid"));
        }
        trimmed
            .parse::<lettre::Address>()
            .map(|_| Email(trimmed.to_owned()))
            .map_err(|_| FieldError::new(field, "error-email-invalid"))
    }

    /// The address as given (case kept for display and delivery).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key that identifies the account: the address folded to lower case.
    pub fn key(&self) -> String {
        super::text::search_key(&self.0)
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses_and_folds_the_key() {
        let email = Email::parse("email", "  Aysel.Mammadova@Example.AZ ").unwrap();
        assert_eq!(email.as_str(), "Aysel.Mammadova@Example.AZ");
        assert_eq!(email.key(), "aysel.mammadova@example.az");
    }

    #[test]
    fn refuses_malformed_and_header_injection() {
        for bad in ["", "no-at-sign", "a@b\r\nBcc: c@d", "two@@example.com"] {
            assert!(Email::parse("email", bad).is_err(), "{bad:?}");
        }
    }
}
