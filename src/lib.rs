//! Körpü: a web service for probation services that matches people serving community
//! sentences, or needing support after one, with volunteer mentors, placement sites and
//! psychologists, and tracks hours, attendance and mentor notes.
//!
//! The crate's map:

/// JSON API under `/api/v1`, documented in OpenAPI.
pub mod api;
/// Shared state, router and serving.
pub mod app;
/// Accounts, sessions, CSRF, roles, API tokens, rate limits.
pub mod auth;
/// Background work: mail worker and clean-up.
pub mod background;
/// The `korpu` command line.
pub mod cli;
/// Typed configuration with documented defaults.
pub mod config;
/// Database connection, pool and migrations.
pub mod db;
/// The demo dataset behind `korpu demo`.
pub mod demo;
/// Pure rules and value types.
pub mod domain;
/// The one error type.
pub mod error;
/// Extractors whose rejections are `AppError`s.
pub mod extract;
/// Translations (English, Azerbaijani, Russian).
pub mod i18n;
/// E-mail outbox, worker and transports.
pub mod mail;
/// Use cases, one module per area, over a database connection.
pub mod services;
/// Logging with request ids.
pub mod telemetry;
/// HTML pages.
pub mod web;
