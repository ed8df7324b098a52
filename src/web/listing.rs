//! Pagination shared by list pages.

use tera::Context;

/// Rows per page of every list.
pub const PER_PAGE: u64 = 25;

/// Puts `page`, `pages` and `page_base` (the list URL with its filters, ending in `?` or `&`)
/// into a template context for the `pager` component.
pub fn paginate(ctx: &mut Context, page: u64, total: u64, path: &str, filters: &[(&str, String)]) {
    let pages = total.div_ceil(PER_PAGE).max(1);
    let mut base = format!("{path}?");
    for (name, value) in filters.iter().filter(|(_, v)| !v.is_empty()) {
        base.push_str(name);
        base.push('=');
        base.push_str(&super::page::url_encode(value));
        base.push('&');
    }
    ctx.insert("page", &page.clamp(1, pages));
    ctx.insert("pages", &pages);
    ctx.insert("page_base", &base);
    ctx.insert("total", &total);
}
