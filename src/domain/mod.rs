//! Pure rules and value types: no web, no database.

pub mod availability;
pub mod email;
pub mod gazetteer;
pub mod language;
pub mod location;
pub mod text;
pub mod vetting;
pub mod volunteer;
