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

/// The links a user (or an anonymous visitor) sees, in order.
pub fn items(user: Option<&AuthUser>, path: &str) -> Vec<NavItem> {
    let mut links: Vec<(&'static str, &'static str)> = Vec::new();
    match user {
        None => {
            links.push(("/", "nav-home"));
        }
        Some(user) => {
            links.push(("/dashboard", "nav-dashboard"));
            if user.has_any(&[Role::Admin, Role::Coordinator]) {
                links.push(("/clients", "nav-clients"));
            }
            if user.has(Role::SiteSupervisor) {
                links.push(("/supervisor/clients", "nav-supervisor-clients"));
            }
            if user.has(Role::Admin) {
                links.push(("/admin/users", "nav-admin-users"));
                links.push(("/admin/regions", "nav-admin-regions"));
                links.push(("/admin/skills", "nav-admin-skills"));
                links.push(("/admin/outbox", "nav-admin-outbox"));
                links.push(("/admin/audit", "nav-admin-audit"));
            }
        }
    }
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
