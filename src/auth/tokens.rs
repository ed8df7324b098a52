//! Random secrets (session ids, CSRF tokens, one-time links, API tokens) and their hashes.
//! Only hashes are stored, so a copy of the database does not hand out live credentials.

use rand::RngExt;
use sha2::{Digest, Sha256};

/// A new random token: 32 bytes as 64 hex characters.
pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    hex::encode(bytes)
}

/// A new API token, recognisable by its prefix: `korpu_` + 64 hex characters.
pub fn new_api_token() -> String {
    format!("korpu_{}", new_token())
}

/// SHA-256 of a token, hex-encoded: what the database stores.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Compares two secrets in time independent of where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashes_stable() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(hash_token(&a), hash_token(&a));
        assert_ne!(hash_token(&a), a);
        assert!(new_api_token().starts_with("korpu_"));
    }

    #[test]
    fn constant_time_eq_compares_contents() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
    }
}
