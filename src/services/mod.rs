//! Use cases: one module per area, each a set of functions over a database connection
//! (`&impl ConnectionTrait`, so they run on the pool or inside a larger transaction).

pub mod accounts;
pub mod api_tokens;
pub mod audit;
pub mod clients;
pub mod passwords;
pub mod regions;
pub mod sign_in;
pub mod site_access;
pub mod skills;
pub mod supervision;
