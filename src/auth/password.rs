//! Password policy and argon2id hashing.

use std::collections::HashSet;
use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use crate::error::FieldError;

/// Fewest characters a password may have.
pub const MIN_LENGTH: usize = 12;
/// Most characters a password may have (argon2 takes any length; this bounds the work).
pub const MAX_LENGTH: usize = 256;

static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../resources/common-passwords.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
});

/// Checks a new password against the policy: 12 to 256 characters, not on the list of common
/// passwords (compared in lower case, also with trailing digits and punctuation removed).
pub fn check_policy(field: &str, password: &str) -> Result<(), FieldError> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(FieldError::new(field, "error-password-too-short").with("min", MIN_LENGTH));
    }
    if length > MAX_LENGTH {
        return Err(FieldError::new(field, "error-password-too-long").with("max", MAX_LENGTH));
    }
    let lower = password.to_lowercase();
    let stem = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation());
    if COMMON.contains(lower.as_str()) || (stem.len() >= 6 && COMMON.contains(stem)) {
        return Err(FieldError::new(field, "error-password-common"));
    }
    if lower.chars().collect::<HashSet<_>>().len() < 4 {
        return Err(FieldError::new(field, "error-password-common"));
    }
    Ok(())
}

/// Hashes a password with argon2id (default parameters: 19 MiB, 2 passes) on a blocking thread.
pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("password hashing failed: {e}"))
    })
    .await?
}

/// Verifies a password against a stored PHC string on a blocking thread. A malformed hash
/// verifies as false.
pub async fn verify(password: String, phc: String) -> bool {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .verify_password(password.as_bytes(), phc.as_str())
            .is_ok()
    })
    .await
    .unwrap_or(false)
}

/// A hash of a random password, verified against when an account does not exist, so that
/// sign-in takes the same time either way.
pub static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    Argon2::default()
        .hash_password(super::tokens::new_token().as_bytes())
        .map(|h| h.to_string())
        .unwrap_or_default()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_refuses_short_and_common_passwords() {
        assert!(check_policy("p", "short").is_err());
        assert!(check_policy("p", "password1234").is_err());
        assert!(check_policy("p", "aaaaaaaaaaaaaaaa").is_err());
        assert!(check_policy("p", &"x".repeat(300)).is_err());
        assert!(check_policy("p", "Körpü körpüsü 2026 uzun").is_ok());
    }

    #[tokio::test]
    async fn hashes_verify_only_the_right_password() {
        let phc = hash("correct horse battery".into()).await.unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify("correct horse battery".into(), phc.clone()).await);
        assert!(!verify("wrong horse battery".into(), phc).await);
        assert!(!verify("anything".into(), "not a hash".into()).await);
    }
}
