//! The professional list's filters as a query string, shared by the page and the API.

use serde::{Deserialize, Serialize};

use super::{Mode, ProfessionalFilter};
use crate::domain::specialty::{ProfessionalKind, Specialty};
use crate::error::AppError;
use crate::services::regions::RegionView;

/// Filters and page of the professional list.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::IntoParams)]
pub struct ProfessionalQuery {
    /// Words in the name, organisation, settlement or e-mail (Azerbaijani-aware).
    #[serde(default)]
    pub q: String,
    /// `psychologist` or `social_worker`.
    #[serde(default)]
    pub kind: String,
    /// Specialty code.
    #[serde(default)]
    pub specialty: String,
    /// Language code.
    #[serde(default)]
    pub language: String,
    /// Region code.
    #[serde(default)]
    pub region: String,
    /// `in_person` or `remote`.
    #[serde(default)]
    pub mode: String,
    /// `active` (default), `inactive` or `all`.
    #[serde(default)]
    pub active: String,
    /// Page, from 1.
    pub page: Option<u64>,
}

impl ProfessionalQuery {
    /// The filter; unknown codes are a bad request.
    pub fn filter(&self, regions: &[RegionView]) -> Result<ProfessionalFilter, AppError> {
        let bad = || AppError::BadRequest("error-query-invalid");
        let optional = |text: &str| Some(text.trim().to_owned()).filter(|t| !t.is_empty());
        Ok(ProfessionalFilter {
            q: self.q.clone(),
            kind: optional(&self.kind)
                .map(|k| ProfessionalKind::parse(&k).ok_or_else(bad))
                .transpose()?,
            specialty: optional(&self.specialty)
                .map(|s| Specialty::parse(&s).ok_or_else(bad))
                .transpose()?,
            language: optional(&self.language).map(|l| l.to_ascii_lowercase()),
            region_id: optional(&self.region)
                .map(|code| {
                    regions
                        .iter()
                        .find(|r| r.code == code)
                        .map(|r| r.id)
                        .ok_or_else(bad)
                })
                .transpose()?,
            mode: match self.mode.trim() {
                "" => None,
                "in_person" => Some(Mode::InPerson),
                "remote" => Some(Mode::Remote),
                _ => return Err(bad()),
            },
            active: match self.active.trim() {
                "" | "active" | "yes" => Some(true),
                "inactive" | "no" => Some(false),
                "all" => None,
                _ => return Err(bad()),
            },
        })
    }

    /// The page, at least 1.
    pub fn page(&self) -> u64 {
        self.page.unwrap_or(1).max(1)
    }

    /// The filters as (name, value) pairs for pager links.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        vec![
            ("q", self.q.clone()),
            ("kind", self.kind.clone()),
            ("specialty", self.specialty.clone()),
            ("language", self.language.clone()),
            ("region", self.region.clone()),
            ("mode", self.mode.clone()),
            ("active", self.active.clone()),
        ]
    }
}
