//! The shape of paginated lists in the API.

use serde::{Deserialize, Serialize};

/// A page of a list.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Paged<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// Items in the whole list.
    pub total: u64,
    /// This page, from 1.
    pub page: u64,
    /// Items per page.
    pub per_page: u64,
}

/// Paging parameters.
#[derive(Deserialize, utoipa::IntoParams, Default)]
pub struct PageQuery {
    /// Page number, from 1.
    pub page: Option<u64>,
}

impl PageQuery {
    /// The page number, at least 1.
    pub fn page(&self) -> u64 {
        self.page.unwrap_or(1).max(1)
    }
}
