//! Accounts and protections: passwords, sessions, CSRF, who is asking and what they may do,
//! API tokens and rate limits.

pub mod access;
pub mod client_ip;
pub mod csrf;
pub mod current_user;
pub mod password;
pub mod rate_limit;
pub mod session;
pub mod tokens;

pub use access::{Access, Routes};
pub use client_ip::ClientIp;
pub use current_user::{CurrentUser, MaybeUser};
pub use entity::user_role::Role;
pub use session::Session;
