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

/// A location as a form or JSON gives it: a settlement name, a point, or both.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LocationInput {
    /// A settlement of the gazetteer ("Gəncə", "gence").
    #[serde(default)]
    pub settlement: String,
    /// Latitude as text (forms) — empty when not given.
    #[serde(default)]
    pub lat: String,
    /// Longitude as text.
    #[serde(default)]
    pub lon: String,
}

/// A resolved location with the name of its settlement, if one was named.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Place {
    /// The point.
    pub location: Location,
    /// The settlement's name as the gazetteer spells it, or as typed when a point was given.
    pub settlement: Option<String>,
}

impl LocationInput {
    /// Resolves the input: a point wins when both coordinates are given; otherwise the
    /// settlement is looked up in the gazetteer. Errors name `<prefix>settlement|lat|lon`.
    pub fn resolve(&self, prefix: &str, required: bool) -> Result<Option<Place>, FieldErrors> {
        let settlement = self
            .settlement
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let (lat, lon) = (self.lat.trim(), self.lon.trim());
        let mut errors = FieldErrors::new();
        if settlement.chars().count() > 100 || !super::text::is_single_line(&settlement) {
            errors.push(FieldError::new(
                format!("{prefix}settlement"),
                "error-settlement-unknown",
            ));
            return Err(errors);
        }
        if !lat.is_empty() || !lon.is_empty() {
            let number = |text: &str| text.replace(',', ".").parse::<f64>().ok();
            let (lat_value, lon_value) = (number(lat), number(lon));
            if lat_value.is_none() {
                errors.push(FieldError::new(format!("{prefix}lat"), "error-latitude"));
            }
            if lon_value.is_none() {
                errors.push(FieldError::new(format!("{prefix}lon"), "error-longitude"));
            }
            let (Some(lat_value), Some(lon_value)) = (lat_value, lon_value) else {
                return Err(errors);
            };
            let location = Location::parse(prefix, lat_value, lon_value)?;
            let known = super::gazetteer::find(&settlement).map(|s| s.name.clone());
            let label = known.or_else(|| (!settlement.is_empty()).then_some(settlement));
            return Ok(Some(Place {
                location,
                settlement: label,
            }));
        }
        if settlement.is_empty() {
            if required {
                errors.push(FieldError::new(
                    format!("{prefix}settlement"),
                    "error-required",
                ));
                return Err(errors);
            }
            return Ok(None);
        }
        match super::gazetteer::find(&settlement) {
            Some(found) => Ok(Some(Place {
                location: found.location(),
                settlement: Some(found.name.clone()),
            })),
            None => {
                errors.push(FieldError::new(
                    format!("{prefix}settlement"),
                    "error-settlement-unknown",
                ));
                Err(errors)
            }
        }
    }
}

#[cfg(test)]
mod input_tests {
    use super::*;

    fn input(settlement: &str, lat: &str, lon: &str) -> LocationInput {
        LocationInput {
            settlement: settlement.into(),
            lat: lat.into(),
            lon: lon.into(),
        }
    }

    #[test]
    fn a_settlement_name_resolves_through_the_gazetteer() {
        let place = input("gence", "", "").resolve("", true).unwrap().unwrap();
        assert_eq!(place.settlement.as_deref(), Some("Gəncə"));
        assert!((place.location.lat - 40.68).abs() < 0.05);
    }

    #[test]
    fn a_point_wins_over_the_name_and_is_validated() {
        let place = input("My village", "40,5", "49.1")
            .resolve("", true)
            .unwrap()
            .unwrap();
        assert_eq!(
            place.location,
            Location {
                lat: 40.5,
                lon: 49.1
            }
        );
        assert_eq!(place.settlement.as_deref(), Some("My village"));
        for (lat, lon) in [
            ("NaN", "49"),
            ("91", "49"),
            ("40", "inf"),
            ("40", ""),
            ("abc", "1"),
        ] {
            assert!(
                input("", lat, lon).resolve("home_", true).is_err(),
                "{lat} {lon}"
            );
        }
        let errors = input("", "95", "49").resolve("home_", true).unwrap_err();
        assert_eq!(errors.0[0].field, "home_lat");
    }

    #[test]
    fn unknown_or_missing_places_are_field_errors() {
        let errors = input("Atlantis", "", "").resolve("", true).unwrap_err();
        assert_eq!(errors.0[0].code, "error-settlement-unknown");
        assert_eq!(
            input("", "", "").resolve("", true).unwrap_err().0[0].code,
            "error-required"
        );
        assert_eq!(input("", "", "").resolve("", false).unwrap(), None);
    }
}
