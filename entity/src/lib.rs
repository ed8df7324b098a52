//! sea-orm entities: one module per table.

pub mod api_token;
pub mod audit_log;
pub mod login_attempt;
pub mod mail_outbox;
pub mod one_time_token;
pub mod professional;
pub mod professional_language;
pub mod professional_specialty;
pub mod region;
pub mod session;
pub mod site;
pub mod site_language;
pub mod site_skill;
pub mod site_supervisor;
pub mod site_work_kind;
pub mod skill;
pub mod training_module;
pub mod user;
pub mod user_role;
pub mod volunteer;
pub mod volunteer_event;
pub mod volunteer_note;
pub mod volunteer_reminder;
pub mod volunteer_token;
pub mod volunteer_training;
