//! Pure rules and value types: no web, no database.

pub mod area;
pub mod availability;
pub mod case_fields;
pub mod codes;
pub mod email;
pub mod fields;
pub mod gazetteer;
pub mod language;
pub mod location;
pub mod matching;
pub mod needs;
pub mod orders;
pub mod restrictions;
pub mod rules;
pub mod site;
pub mod specialty;
pub mod text;
pub mod vetting;
pub mod volunteer;
pub mod work;
