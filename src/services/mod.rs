//! Use cases: one module per area, each a set of functions over a database connection
//! (`&impl ConnectionTrait`, so they run on the pool or inside a larger transaction).

pub mod accounts;
pub mod api_tokens;
pub mod audit;
pub mod batch;
pub mod clients;
pub mod csv_io;
pub mod lookup;
pub mod matching;
pub mod passwords;
pub mod professionals;
pub mod regions;
pub mod search;
pub mod sign_in;
pub mod sites;
pub mod skills;
pub mod supervision;
pub mod training;
pub mod volunteers;
