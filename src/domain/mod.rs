//! Pure rules and value types: no web, no database.

pub mod area;
pub mod availability;
pub mod case_fields;
pub mod codes;
pub mod email;
pub mod gazetteer;
pub mod language;
pub mod location;
pub mod needs;
pub mod orders;
pub mod restrictions;
pub mod rules;
pub mod text;
pub mod work;
