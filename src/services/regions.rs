//! Regions (or teams) of the probation service. Coordinators belong to one; people and sites
//! are placed in the region whose centre is nearest unless chosen otherwise.

use entity::region;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::domain::location::Location;
use crate::domain::text::is_single_line;
use crate::error::{AppError, FieldErrors};

/// A region as shown.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct RegionView {
    /// Id.
    pub id: i64,
    /// Short code (`baku`).
    pub code: String,
    /// Name.
    pub name: String,
    /// Centre latitude.
    pub lat: Option<f64>,
    /// Centre longitude.
    pub lon: Option<f64>,
}

impl From<region::Model> for RegionView {
    fn from(r: region::Model) -> Self {
        RegionView {
            id: r.id,
            code: r.code,
            name: r.name,
            lat: r.lat,
            lon: r.lon,
        }
    }
}

/// All regions by name.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<RegionView>, AppError> {
    Ok(region::Entity::find()
        .order_by_asc(region::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(RegionView::from)
        .collect())
}

/// Whether a region with this id exists.
pub async fn exists(db: &impl ConnectionTrait, id: i64) -> Result<bool, AppError> {
    Ok(region::Entity::find_by_id(id).one(db).await?.is_some())
}

/// The region with the nearest centre.
pub async fn nearest(
    db: &impl ConnectionTrait,
    location: &Location,
) -> Result<Option<RegionView>, AppError> {
    Ok(list(db)
        .await?
        .into_iter()
        .filter_map(|r| {
            let centre = Location {
                lat: r.lat?,
                lon: r.lon?,
            };
            Some((centre.distance_m(location), r))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, r)| r))
}

/// Input for a new region.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct NewRegion {
    /// Short code: lower-case letters, digits, `-` and `_`.
    #[serde(default)]
    pub code: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Centre latitude.
    pub lat: Option<f64>,
    /// Centre longitude.
    pub lon: Option<f64>,
}

/// Creates a region.
pub async fn create(db: &impl ConnectionTrait, new: &NewRegion) -> Result<RegionView, AppError> {
    let mut errors = FieldErrors::new();
    let code = new.code.trim().to_owned();
    if code.is_empty()
        || code.len() > 32
        || !code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        errors.add("code", "error-region-code");
    }
    let name = new.name.trim().to_owned();
    if name.is_empty() {
        errors.add("name", "error-required");
    } else if name.chars().count() > 100 || !is_single_line(&name) {
        errors.add("name", "error-name-invalid");
    }
    let centre = match (new.lat, new.lon) {
        (Some(lat), Some(lon)) => match Location::parse("", lat, lon) {
            Ok(l) => Some(l),
            Err(e) => {
                errors.0.extend(e.0);
                None
            }
        },
        (None, None) => None,
        _ => {
            errors.add("lat", "error-location-incomplete");
            None
        }
    };
    errors.into_result()?;
    if region::Entity::find()
        .filter(region::Column::Code.eq(&code))
        .one(db)
        .await?
        .is_some()
    {
        return Err(AppError::field("code", "error-region-taken"));
    }
    Ok(region::ActiveModel {
        code: Set(code),
        name: Set(name),
        lat: Set(centre.map(|c| c.lat)),
        lon: Set(centre.map(|c| c.lon)),
        ..Default::default()
    }
    .insert(db)
    .await?
    .into())
}
