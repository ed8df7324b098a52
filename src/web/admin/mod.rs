//! Administration: users and roles, regions and skills, the audit log, the mail outbox.

pub mod audit;
pub mod outbox;
pub mod reference;
pub mod users;

use crate::auth::Routes;

/// Routes of the admin area.
pub fn routes() -> Routes {
    Routes::new()
        .merge(users::routes())
        .merge(audit::routes())
        .merge(outbox::routes())
        .merge(reference::routes())
}
