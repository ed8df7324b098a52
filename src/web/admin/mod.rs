//! Administration: users and roles, the audit log, the mail outbox.

pub mod audit;
pub mod outbox;
pub mod users;

use crate::auth::Routes;

/// Routes of the admin area.
pub fn routes() -> Routes {
    Routes::new()
        .merge(users::routes())
        .merge(audit::routes())
        .merge(outbox::routes())
}
