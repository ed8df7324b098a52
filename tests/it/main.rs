//! Integration tests. They run on SQLite by default and on PostgreSQL when
//! `KORPU_TEST_DATABASE_URL` is set (`.ci/run` does both).

mod support;

mod accounts;
mod foundation;
mod volunteer_input;
mod volunteer_lifecycle;
mod volunteer_mail;
mod volunteer_support;
mod volunteer_vetting;
mod volunteers;
