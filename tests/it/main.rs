//! Integration tests. They run on SQLite by default and on PostgreSQL when
//! `KORPU_TEST_DATABASE_URL` is set (`.ci/run` does both).

mod support;

mod accounts;
mod clients;
mod foundation;
