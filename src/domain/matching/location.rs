//! WGS84 locations and great-circle distances.
//!
//! All distances in the engine are great-circle distances on a sphere of radius
//! [`EARTH_RADIUS_M`] computed with the haversine formula ([`haversine_m`]). The spatial
//! index works with the same sphere embedded in 3-D (see [`LatLon::to_xyz`]): the straight
//! chord between two points is a monotone function of their great-circle distance
//! ([`arc_from_chord_m`]), so ordering and bounding by chord length is exact.

use serde::{Deserialize, Serialize};

/// Mean Earth radius in metres (IUGG), the same value `geo::Haversine` uses.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// A validated WGS84 position: finite latitude in \[-90, 90\] and longitude in \[-180, 180\].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawLatLon", into = "RawLatLon")]
pub struct LatLon {
    lat: f64,
    lon: f64,
}

/// Why a latitude/longitude pair was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LocationError {
    /// A coordinate is NaN or infinite.
    NotFinite,
    /// Latitude outside \[-90, 90\].
    LatitudeOutOfRange,
    /// Longitude outside \[-180, 180\].
    LongitudeOutOfRange,
}

impl std::fmt::Display for LocationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Self::NotFinite => "coordinate is not a finite number",
            Self::LatitudeOutOfRange => "latitude must be between -90 and 90",
            Self::LongitudeOutOfRange => "longitude must be between -180 and 180",
        };
        f.write_str(text)
    }
}

impl std::error::Error for LocationError {}

#[derive(Serialize, Deserialize)]
struct RawLatLon {
    lat: f64,
    lon: f64,
}

impl TryFrom<RawLatLon> for LatLon {
    type Error = LocationError;
    fn try_from(raw: RawLatLon) -> Result<Self, Self::Error> {
        LatLon::new(raw.lat, raw.lon)
    }
}

impl From<LatLon> for RawLatLon {
    fn from(p: LatLon) -> Self {
        RawLatLon {
            lat: p.lat,
            lon: p.lon,
        }
    }
}

impl LatLon {
    /// Validates and builds a position from degrees.
    pub fn new(lat: f64, lon: f64) -> Result<Self, LocationError> {
        if !lat.is_finite() || !lon.is_finite() {
            return Err(LocationError::NotFinite);
        }
        if !(-90.0..=90.0).contains(&lat) {
            return Err(LocationError::LatitudeOutOfRange);
        }
        if !(-180.0..=180.0).contains(&lon) {
            return Err(LocationError::LongitudeOutOfRange);
        }
        Ok(Self { lat, lon })
    }

    /// A position with coordinates clamped into range (NaN becomes 0): for generated
    /// data, never for user input.
    pub fn clamped(lat: f64, lon: f64) -> Self {
        let fix = |v: f64, m: f64| if v.is_nan() { 0.0 } else { v.clamp(-m, m) };
        Self {
            lat: fix(lat, 90.0),
            lon: fix(lon, 180.0),
        }
    }

    /// Latitude in degrees.
    pub fn lat(&self) -> f64 {
        self.lat
    }

    /// Longitude in degrees.
    pub fn lon(&self) -> f64 {
        self.lon
    }

    /// The point as a `geo` point (x = longitude, y = latitude), as GeoJSON orders them.
    pub fn to_point(&self) -> geo::Point<f64> {
        geo::Point::new(self.lon, self.lat)
    }

    /// Position on the sphere of radius [`EARTH_RADIUS_M`] in Earth-centred Cartesian
    /// coordinates (metres). The Euclidean distance between two such vectors is the chord.
    pub fn to_xyz(&self) -> [f64; 3] {
        let (lat, lon) = (self.lat.to_radians(), self.lon.to_radians());
        let c = lat.cos();
        [
            EARTH_RADIUS_M * c * lon.cos(),
            EARTH_RADIUS_M * c * lon.sin(),
            EARTH_RADIUS_M * lat.sin(),
        ]
    }

    /// Precomputed trigonometry for repeated haversine evaluations.
    pub(super) fn trig(&self) -> Trig {
        let lat = self.lat.to_radians();
        Trig {
            lat,
            lon: self.lon.to_radians(),
            cos_lat: lat.cos(),
        }
    }
}

/// Radians and cosine of latitude of a point, so that [`Trig::distance_m`] costs two
/// sines, one square root and one arcsine.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Trig {
    lat: f64,
    lon: f64,
    cos_lat: f64,
}

impl Trig {
    /// Haversine distance in metres. Bit-for-bit equal to [`haversine_m`] on the same points.
    #[inline]
    pub(super) fn distance_m(&self, other: &Trig) -> f64 {
        let s_lat = ((other.lat - self.lat) * 0.5).sin();
        let s_lon = ((other.lon - self.lon) * 0.5).sin();
        let a = s_lat * s_lat + self.cos_lat * other.cos_lat * s_lon * s_lon;
        2.0 * EARTH_RADIUS_M * a.sqrt().min(1.0).asin()
    }
}

/// Great-circle distance in metres between two positions (haversine formula).
pub fn haversine_m(a: &LatLon, b: &LatLon) -> f64 {
    a.trig().distance_m(&b.trig())
}

/// Great-circle distance for a chord of `chord_m` metres on the Earth sphere.
#[inline]
pub fn arc_from_chord_m(chord_m: f64) -> f64 {
    2.0 * EARTH_RADIUS_M * (chord_m / (2.0 * EARTH_RADIUS_M)).clamp(0.0, 1.0).asin()
}

/// A lower bound on the haversine distance of any point whose chord distance is at least
/// `chord_m`. An arc is never shorter than its chord, so the chord itself is the bound
/// (cheaper than [`arc_from_chord_m`] and within a metre of it below 100 km); a safety
/// margin for rounding (relative 1e-9 plus one millimetre) makes sure pruning by this
/// bound never drops a point that [`haversine_m`] would keep.
#[inline]
pub(super) fn arc_lower_bound_m(chord_m: f64) -> f64 {
    (chord_m * (1.0 - 1e-9) - 1e-3).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Distance, Haversine};

    #[test]
    fn rejects_invalid_coordinates() {
        assert_eq!(LatLon::new(f64::NAN, 0.0), Err(LocationError::NotFinite));
        assert_eq!(
            LatLon::new(0.0, f64::INFINITY),
            Err(LocationError::NotFinite)
        );
        assert_eq!(
            LatLon::new(91.0, 0.0),
            Err(LocationError::LatitudeOutOfRange)
        );
        assert_eq!(
            LatLon::new(0.0, -180.5),
            Err(LocationError::LongitudeOutOfRange)
        );
        assert!(LatLon::new(-90.0, 180.0).is_ok());
    }

    #[test]
    fn serde_validates() {
        let ok: LatLon = serde_json::from_str(r#"{"lat":40.4,"lon":49.8}"#).unwrap();
        assert_eq!(ok.lat(), 40.4);
        assert!(serde_json::from_str::<LatLon>(r#"{"lat":140.4,"lon":49.8}"#).is_err());
    }

    #[test]
    fn haversine_matches_geo() {
        let baku = LatLon::new(40.4093, 49.8671).unwrap();
        let ganja = LatLon::new(40.6828, 46.3606).unwrap();
        let ours = haversine_m(&baku, &ganja);
        let theirs = Haversine.distance(baku.to_point(), ganja.to_point());
        assert!((ours - theirs).abs() < 1e-6 * theirs, "{ours} vs {theirs}");
        assert!((ours - 297_000.0).abs() < 5_000.0);
    }

    #[test]
    fn chord_and_arc_agree() {
        let a = LatLon::new(40.4093, 49.8671).unwrap();
        for b in [
            LatLon::new(40.4094, 49.8672).unwrap(),
            LatLon::new(41.0, 48.0).unwrap(),
            LatLon::new(-40.0, -130.0).unwrap(),
        ] {
            let (p, q) = (a.to_xyz(), b.to_xyz());
            let chord =
                ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2)).sqrt();
            let arc = arc_from_chord_m(chord);
            let hav = haversine_m(&a, &b);
            assert!((arc - hav).abs() < 1e-6 * hav + 1e-3, "{arc} vs {hav}");
            assert!(arc_lower_bound_m(chord) <= hav);
        }
    }
}
