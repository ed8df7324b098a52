//! The site list's filters as a query string (`?q=…&region=baku&work_kind=cleaning&flag=-children_present`),
//! shared by the page and the API.

use serde::{Deserialize, Serialize};

use super::{Activity, SiteFilter};
use crate::domain::work::WorkKind;
use crate::error::AppError;
use crate::services::regions::RegionView;

/// Filters and page of the site list.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::IntoParams)]
pub struct SiteQuery {
    /// Words in the name, organisation, settlement or address (Azerbaijani-aware).
    #[serde(default)]
    pub q: String,
    /// Region code.
    #[serde(default)]
    pub region: String,
    /// Kind of work code.
    #[serde(default)]
    pub work_kind: String,
    /// Flags: `children_present` (must be set) or `-children_present` (must not be);
    /// repeatable.
    #[serde(default)]
    pub flag: Vec<String>,
    /// Language code spoken at the site.
    #[serde(default)]
    pub language: String,
    /// `active` (default), `inactive` or `all`.
    #[serde(default)]
    pub active: String,
    /// Page, from 1.
    pub page: Option<u64>,
}

impl SiteQuery {
    /// The filter; unknown codes are a bad request.
    pub fn filter(&self, regions: &[RegionView]) -> Result<SiteFilter, AppError> {
        let bad = || AppError::BadRequest("error-query-invalid");
        let region_id = match self.region.trim() {
            "" => None,
            code => Some(regions.iter().find(|r| r.code == code).ok_or_else(bad)?.id),
        };
        let work_kind = match self.work_kind.trim() {
            "" => None,
            code => Some(WorkKind::parse(code).ok_or_else(bad)?),
        };
        let flags = self
            .flag
            .iter()
            .filter(|f| !f.trim().is_empty())
            .map(|f| SiteFilter::parse_flag(f).ok_or_else(bad))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(SiteFilter {
            q: self.q.clone(),
            region_id,
            work_kind,
            flags,
            language: Some(self.language.trim().to_ascii_lowercase()).filter(|l| !l.is_empty()),
            activity: Activity::parse(&self.active).ok_or_else(bad)?,
        })
    }

    /// The page, at least 1.
    pub fn page(&self) -> u64 {
        self.page.unwrap_or(1).max(1)
    }

    /// The filters as (name, value) pairs for pager links.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = vec![
            ("q", self.q.clone()),
            ("region", self.region.clone()),
            ("work_kind", self.work_kind.clone()),
            ("language", self.language.clone()),
            ("active", self.active.clone()),
        ];
        pairs.extend(self.flag.iter().map(|f| ("flag", f.clone())));
        pairs
    }
}
