//! Navigation by role: each user sees the areas they may use.

use serde::Serialize;

use crate::auth::Role;
use crate::auth::current_user::AuthUser;

/// One navigation link.
#[derive(Serialize)]
pub struct NavItem {
    /// Target path.
    pub href: &'static str,
    /// Message key of the label.
    pub key: &'static str,
    /// Whether the current page is in this area.
    pub current: bool,
}

const STAFF: &[Role] = &[Role::Admin, Role::Coordinator];
const ADMIN: &[Role] = &[Role::Admin];

/// Areas of the service in navigation order: (path, label key, roles that see it — empty
/// for every signed-in user). The routes themselves enforce access; this only decides what
/// is offered.
const AREAS: &[(&str, &str, &[Role])] = &[
    ("/dashboard", "nav-dashboard", &[]),
    ("/clients", "nav-clients", STAFF),
    (
        "/supervisor/clients",
        "nav-supervisor-clients",
        &[Role::SiteSupervisor],
    ),
    ("/volunteers", "nav-volunteers", STAFF),
    (
        "/sites",
        "nav-sites",
        &[Role::Admin, Role::Coordinator, Role::SiteSupervisor],
    ),
    ("/professionals", "nav-professionals", STAFF),
    (
        "/me/volunteer",
        "nav-my-volunteering",
        &[Role::Mentor, Role::Psychologist],
    ),
    ("/me/mentees", "nav-my-mentees", &[Role::Mentor]),
    ("/me/referrals", "nav-my-referrals", &[Role::Psychologist]),
    ("/batch", "nav-batch", STAFF),
    ("/import", "nav-csv", STAFF),
    ("/admin/users", "nav-admin-users", ADMIN),
    ("/admin/regions", "nav-admin-regions", ADMIN),
    ("/admin/skills", "nav-admin-skills", ADMIN),
    ("/admin/training", "nav-admin-training", ADMIN),
    ("/admin/outbox", "nav-admin-outbox", ADMIN),
    ("/admin/audit", "nav-admin-audit", ADMIN),
];

/// The links a user (or an anonymous visitor) sees, in order.
pub fn items(user: Option<&AuthUser>, path: &str) -> Vec<NavItem> {
    let links: Vec<(&'static str, &'static str)> = match user {
        None => vec![("/", "nav-home")],
        Some(user) => AREAS
            .iter()
            .filter(|(_, _, roles)| roles.is_empty() || user.has_any(roles))
            .map(|(href, key, _)| (*href, *key))
            .collect(),
    };
    let path = path.split('?').next().unwrap_or(path);
    links
        .into_iter()
        .map(|(href, key)| NavItem {
            href,
            key,
            current: if href == "/" {
                path == "/"
            } else {
                path == href || path.starts_with(&format!("{href}/"))
            },
        })
        .collect()
}
