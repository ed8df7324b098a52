//! Pure rules and value types: no web, no database.

pub mod email;
pub mod location;
pub mod text;
