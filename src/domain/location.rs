//! WGS84 points, validated: finite and in range.

use serde::{Deserialize, Serialize};

use crate::error::{FieldError, FieldErrors};

/// A point on the Earth in degrees. Construct with [`Location::parse`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Location {
    /// Latitude, −90 to 90.
    pub lat: f64,
    /// Longitude, −180 to 180.
    pub lon: f64,
}

impl Location {
    /// Validates a latitude and longitude; errors name `<prefix>lat` / `<prefix>lon`.
    pub fn parse(prefix: &str, lat: f64, lon: f64) -> Result<Location, FieldErrors> {
        let mut errors = FieldErrors::new();
        if !lat.is_finite() || !(-90.0..=90.0).contains(&lat) {
            errors.push(FieldError::new(format!("{prefix}lat"), "error-latitude"));
        }
        if !lon.is_finite() || !(-180.0..=180.0).contains(&lon) {
            errors.push(FieldError::new(format!("{prefix}lon"), "error-longitude"));
        }
        if errors.is_empty() {
            Ok(Location { lat, lon })
        } else {
            Err(errors)
        }
    }

    /// Great-circle distance in metres (haversine, mean Earth radius).
    pub fn distance_m(&self, other: &Location) -> f64 {
        const EARTH_RADIUS_M: f64 = 6_371_008.8;
        let (lat1, lat2) = (self.lat.to_radians(), other.lat.to_radians());
        let dlat = lat2 - lat1;
        let dlon = (other.lon - self.lon).to_radians();
        let a = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_M * a.sqrt().min(1.0).asin()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_nan_infinity_and_out_of_range() {
        for (lat, lon) in [
            (f64::NAN, 49.8),
            (40.4, f64::INFINITY),
            (91.0, 0.0),
            (0.0, -180.5),
            ("1e309".parse().unwrap_or(0.0), 0.0),
        ] {
            assert!(Location::parse("", lat, lon).is_err(), "{lat} {lon}");
        }
        assert!(Location::parse("", 40.4093, 49.8671).is_ok());
    }

    #[test]
    fn distance_between_baku_and_ganja_is_about_300_km() {
        let baku = Location::parse("", 40.4093, 49.8671).unwrap();
        let ganja = Location::parse("", 40.6828, 46.3606).unwrap();
        let km = baku.distance_m(&ganja) / 1000.0;
        assert!((290.0..310.0).contains(&km), "{km}");
    }
}
