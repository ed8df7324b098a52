//! Integration tests. They run on SQLite by default and on PostgreSQL when
//! `KORPU_TEST_DATABASE_URL` is set (`.ci/run` does both).

mod support;
mod support_json;

mod accounts;
mod batch;
mod clients;
mod csv_io;
mod csv_io_interfaces;
mod csv_people;
mod foundation;
mod matching;
mod professionals;
mod sites;
mod sites_map;
mod sites_search;
mod user_regions;
mod volunteer_input;
mod volunteer_lifecycle;
mod volunteer_mail;
mod volunteer_professionals;
mod volunteer_support;
mod volunteer_vetting;
mod volunteers;
