//! What the map of sites shows, as GeoJSON: a point for each site a user may see and,
//! for staff who ask for them, for each active psychologist or social worker.

use serde::Serialize;

use super::{Scope, SiteFilter};
use crate::error::AppError;
use crate::services::professionals::{self, ProfessionalFilter};

/// A GeoJSON `FeatureCollection` of markers.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct MarkerCollection {
    /// Always `FeatureCollection`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The markers.
    pub features: Vec<Marker>,
}

/// A GeoJSON `Feature` with a point.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Marker {
    /// Always `Feature`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The point.
    pub geometry: Point,
    /// What the popup shows.
    pub properties: MarkerProperties,
}

/// A GeoJSON `Point`: `[longitude, latitude]`.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Point {
    /// Always `Point`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Longitude, latitude (GeoJSON order).
    pub coordinates: [f64; 2],
}

/// The layer a marker belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    /// A placement site.
    Site,
    /// A psychologist or social worker.
    Professional,
}

/// Properties of a marker.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct MarkerProperties {
    /// Which layer.
    pub layer: Layer,
    /// Record id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Organisation (sites, professionals).
    pub organisation: String,
    /// Settlement.
    pub settlement: Option<String>,
    /// People at once (sites) or caseload (professionals).
    pub capacity: i32,
    /// Page of the record.
    pub url: String,
}

fn marker(lat: f64, lon: f64, properties: MarkerProperties) -> Marker {
    Marker {
        kind: "Feature",
        geometry: Point {
            kind: "Point",
            coordinates: [lon, lat],
        },
        properties,
    }
}

/// Markers of the active sites `scope` may see, plus active professionals when asked for
/// (only in the `All` scope).
pub async fn markers(
    db: &impl sea_orm::ConnectionTrait,
    scope: &Scope,
    with_professionals: bool,
) -> Result<MarkerCollection, AppError> {
    let sites = super::all(db, scope, &SiteFilter::default()).await?;
    let mut features: Vec<Marker> = sites
        .into_iter()
        .map(|s| {
            marker(
                s.place.location.lat,
                s.place.location.lon,
                MarkerProperties {
                    layer: Layer::Site,
                    id: s.id,
                    url: format!("/sites/{}", s.id),
                    name: s.name,
                    organisation: s.organisation,
                    settlement: s.place.settlement,
                    capacity: s.capacity,
                },
            )
        })
        .collect();
    if with_professionals && *scope == Scope::All {
        let filter = ProfessionalFilter {
            active: Some(true),
            ..Default::default()
        };
        features.extend(professionals::all(db, &filter).await?.into_iter().map(|p| {
            marker(
                p.place.location.lat,
                p.place.location.lon,
                MarkerProperties {
                    layer: Layer::Professional,
                    id: p.id,
                    url: format!("/professionals/{}", p.id),
                    name: p.name,
                    organisation: p.organisation,
                    settlement: p.place.settlement,
                    capacity: p.caseload_capacity,
                },
            )
        }));
    }
    Ok(MarkerCollection {
        kind: "FeatureCollection",
        features,
    })
}
