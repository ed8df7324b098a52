//! sea-orm entities: one module per table.

pub mod api_token;
pub mod audit_log;
pub mod client;
pub mod client_access;
pub mod client_restriction;
pub mod login_attempt;
pub mod mail_outbox;
pub mod one_time_token;
pub mod order;
pub mod placement;
pub mod region;
pub mod session;
pub mod skill;
pub mod user;
pub mod user_role;
