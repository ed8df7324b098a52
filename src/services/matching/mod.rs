//! Matching: explained suggestions of sites, mentors and psychologists for a client, and the
//! data the matching engine (`domain::matching`) works on — candidate indexes kept in memory
//! per instance and rebuilt when the database changes, and capacity in use.

pub mod assign;
pub mod assignments;
pub mod batch;
pub mod cache;
pub mod candidates;
pub mod client;
pub mod convert;
pub mod mine;
pub mod notify;
pub mod suggest;
pub mod usage;
pub mod views;
pub mod words;

pub use cache::MatchingCache;
