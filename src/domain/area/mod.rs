//! Areas on the map: permitted areas and exclusion zones. Given as GeoJSON text (a Polygon,
//! a MultiPolygon, or a Feature / FeatureCollection holding them) or as a circle (a centre and
//! a radius in metres; in GeoJSON a `Point` feature with a `radius_m` property). Validated
//! strictly — finite coordinates in range, closed rings of at least four positions, no
//! self-intersection, size limits — and stored as the canonical GeoJSON of [`Area::to_geojson`].
//! Evaluated with the `geo` crate (planar in degrees, which is accurate enough at city scale).

use geo::algorithm::validation::InvalidPolygon;
use geo::{Coord, Intersects, LineString, Point, Polygon, Validation};
use serde::Serialize;
use serde_json::{Value, json};

use super::location::Location;
use crate::error::FieldError;

/// Longest GeoJSON text accepted, in bytes.
pub const MAX_TEXT_BYTES: usize = 200_000;
/// Most positions in one area (all rings together).
pub const MAX_POINTS: usize = 2_000;
/// Most shapes (polygons and circles) in one area.
pub const MAX_SHAPES: usize = 50;
/// Smallest circle radius, metres.
pub const MIN_RADIUS_M: f64 = 10.0;
/// Largest circle radius, metres.
pub const MAX_RADIUS_M: f64 = 200_000.0;

/// One shape of an area.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A polygon in (longitude, latitude) degrees, possibly with holes.
    Polygon(Polygon<f64>),
    /// A circle on the ground.
    Circle {
        /// Centre.
        centre: Location,
        /// Radius in metres.
        radius_m: f64,
    },
}

/// A validated area: the union of its shapes.
#[derive(Clone, Debug, PartialEq)]
pub struct Area {
    shapes: Vec<Shape>,
}

/// A bounding box in degrees.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Bounds {
    /// Southern edge.
    pub min_lat: f64,
    /// Western edge.
    pub min_lon: f64,
    /// Northern edge.
    pub max_lat: f64,
    /// Eastern edge.
    pub max_lon: f64,
}

/// What an area holds, for showing it in words next to the map.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct AreaSummary {
    /// Number of polygons.
    pub polygons: usize,
    /// Positions in all polygons.
    pub points: usize,
    /// The circles.
    pub circles: Vec<CircleSummary>,
}

/// One circle of an area.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct CircleSummary {
    /// Centre latitude.
    pub lat: f64,
    /// Centre longitude.
    pub lon: f64,
    /// Radius in metres.
    pub radius_m: f64,
}

/// Why a GeoJSON text is not a usable area; each maps to a message key.
#[derive(Debug, PartialEq)]
enum Problem {
    TooLong,
    Json,
    Type,
    Coordinates,
    RingTooShort,
    RingOpen,
    SelfIntersection,
    Invalid,
    TooManyPoints,
    TooManyShapes,
    Empty,
    Radius,
}

impl Problem {
    fn into_error(self, field: &str) -> FieldError {
        let error = |code| FieldError::new(field, code);
        match self {
            Problem::TooLong => error("error-area-too-long").with("max", MAX_TEXT_BYTES / 1000),
            Problem::Json => error("error-area-json"),
            Problem::Type => error("error-area-type"),
            Problem::Coordinates => error("error-area-coordinates"),
            Problem::RingTooShort => error("error-area-ring-short"),
            Problem::RingOpen => error("error-area-ring-open"),
            Problem::SelfIntersection => error("error-area-self-intersection"),
            Problem::Invalid => error("error-area-invalid"),
            Problem::TooManyPoints => error("error-area-too-many-points").with("max", MAX_POINTS),
            Problem::TooManyShapes => error("error-area-too-many-shapes").with("max", MAX_SHAPES),
            Problem::Empty => error("error-area-empty"),
            Problem::Radius => error("error-area-radius")
                .with("min", MIN_RADIUS_M)
                .with("max", MAX_RADIUS_M / 1000.0),
        }
    }
}

/// Collects shapes while counting against the limits.
#[derive(Default)]
struct Builder {
    shapes: Vec<Shape>,
    points: usize,
}

impl Builder {
    fn object(&mut self, value: &Value, top: bool) -> Result<(), Problem> {
        match value.get("type").and_then(Value::as_str) {
            Some("FeatureCollection") if top => {
                let features = value
                    .get("features")
                    .and_then(Value::as_array)
                    .ok_or(Problem::Type)?;
                for feature in features {
                    if feature.get("type").and_then(Value::as_str) != Some("Feature") {
                        return Err(Problem::Type);
                    }
                    self.object(feature, false)?;
                }
                Ok(())
            }
            Some("Feature") => {
                let geometry = value.get("geometry").ok_or(Problem::Type)?;
                if geometry.get("type").and_then(Value::as_str) == Some("Point") {
                    let centre =
                        position(geometry.get("coordinates").ok_or(Problem::Coordinates)?)?;
                    let radius = value
                        .get("properties")
                        .and_then(|p| p.get("radius_m"))
                        .and_then(Value::as_f64)
                        .ok_or(Problem::Radius)?;
                    self.circle(centre, radius)
                } else {
                    self.geometry(geometry)
                }
            }
            _ => self.geometry(value),
        }
    }

    fn geometry(&mut self, value: &Value) -> Result<(), Problem> {
        let coordinates = value.get("coordinates");
        match value.get("type").and_then(Value::as_str) {
            Some("Polygon") => self.polygon(coordinates.ok_or(Problem::Coordinates)?),
            Some("MultiPolygon") => {
                let polygons = coordinates
                    .and_then(Value::as_array)
                    .ok_or(Problem::Coordinates)?;
                for polygon in polygons {
                    self.polygon(polygon)?;
                }
                Ok(())
            }
            _ => Err(Problem::Type),
        }
    }

    fn push(&mut self, shape: Shape) -> Result<(), Problem> {
        if self.shapes.len() >= MAX_SHAPES {
            return Err(Problem::TooManyShapes);
        }
        self.shapes.push(shape);
        Ok(())
    }

    fn circle(&mut self, centre: Location, radius_m: f64) -> Result<(), Problem> {
        if !radius_m.is_finite() || !(MIN_RADIUS_M..=MAX_RADIUS_M).contains(&radius_m) {
            return Err(Problem::Radius);
        }
        self.push(Shape::Circle { centre, radius_m })
    }

    fn polygon(&mut self, rings: &Value) -> Result<(), Problem> {
        let rings = rings.as_array().ok_or(Problem::Coordinates)?;
        if rings.is_empty() {
            return Err(Problem::RingTooShort);
        }
        let mut parsed = Vec::with_capacity(rings.len());
        for ring in rings {
            let positions = ring.as_array().ok_or(Problem::Coordinates)?;
            self.points += positions.len();
            if self.points > MAX_POINTS {
                return Err(Problem::TooManyPoints);
            }
            let mut coords = Vec::with_capacity(positions.len());
            for p in positions {
                let location = position(p)?;
                coords.push(Coord {
                    x: location.lon,
                    y: location.lat,
                });
            }
            if coords.len() < 4 {
                return Err(Problem::RingTooShort);
            }
            if coords.first() != coords.last() {
                return Err(Problem::RingOpen);
            }
            coords.dedup();
            parsed.push(LineString::new(coords));
        }
        let exterior = parsed.remove(0);
        let polygon = Polygon::new(exterior, parsed);
        match polygon.check_validation() {
            Ok(()) => self.push(Shape::Polygon(polygon)),
            Err(InvalidPolygon::SelfIntersection(_)) => Err(Problem::SelfIntersection),
            Err(InvalidPolygon::TooFewPointsInRing(_)) => Err(Problem::RingTooShort),
            Err(InvalidPolygon::NonFiniteCoord(..)) => Err(Problem::Coordinates),
            Err(_) => Err(Problem::Invalid),
        }
    }
}

/// A GeoJSON position: `[longitude, latitude]` (an altitude is ignored), finite and in range.
fn position(value: &Value) -> Result<Location, Problem> {
    let items = value.as_array().ok_or(Problem::Coordinates)?;
    if !(2..=3).contains(&items.len()) {
        return Err(Problem::Coordinates);
    }
    let number = |v: &Value| {
        v.as_f64()
            .filter(|n| n.is_finite())
            .ok_or(Problem::Coordinates)
    };
    let (lon, lat) = (number(&items[0])?, number(&items[1])?);
    Location::parse("", lat, lon).map_err(|_| Problem::Coordinates)
}

impl Area {
    /// Parses GeoJSON text; a problem is a field error on `field`.
    pub fn parse_geojson(field: &str, text: &str) -> Result<Area, FieldError> {
        Self::parse_inner(text).map_err(|p| p.into_error(field))
    }

    fn parse_inner(text: &str) -> Result<Area, Problem> {
        if text.len() > MAX_TEXT_BYTES {
            return Err(Problem::TooLong);
        }
        if text.trim().is_empty() {
            return Err(Problem::Empty);
        }
        let value: Value = serde_json::from_str(text).map_err(|_| Problem::Json)?;
        let mut builder = Builder::default();
        builder.object(&value, true)?;
        if builder.shapes.is_empty() {
            return Err(Problem::Empty);
        }
        Ok(Area {
            shapes: builder.shapes,
        })
    }

    /// A circle around `centre`; a radius out of range is a field error on `field`.
    pub fn circle(field: &str, centre: Location, radius_m: f64) -> Result<Area, FieldError> {
        let mut builder = Builder::default();
        builder
            .circle(centre, radius_m)
            .map_err(|p| p.into_error(field))?;
        Ok(Area {
            shapes: builder.shapes,
        })
    }

    /// Reads an area stored by [`Area::to_geojson`].
    pub fn from_stored(text: &str) -> Option<Area> {
        Self::parse_inner(text).ok()
    }

    /// The shapes.
    pub fn shapes(&self) -> &[Shape] {
        &self.shapes
    }

    /// Whether the point lies in the area (a point on an edge counts as inside).
    pub fn contains(&self, point: &Location) -> bool {
        let p = Point::new(point.lon, point.lat);
        self.shapes.iter().any(|shape| match shape {
            Shape::Polygon(polygon) => polygon.intersects(&p),
            Shape::Circle { centre, radius_m } => centre.distance_m(point) <= *radius_m,
        })
    }

    /// The canonical GeoJSON: a Polygon, a circle Feature, or a FeatureCollection of several.
    pub fn to_geojson(&self) -> String {
        let features: Vec<Value> = self.shapes.iter().map(shape_json).collect();
        match features.as_slice() {
            [only] => match &self.shapes[0] {
                Shape::Polygon(_) => only["geometry"].clone(),
                Shape::Circle { .. } => only.clone(),
            },
            _ => json!({ "type": "FeatureCollection", "features": features }),
        }
        .to_string()
    }

    /// The bounding box (circles approximated on a sphere).
    pub fn bounds(&self) -> Bounds {
        let mut b = Bounds {
            min_lat: f64::INFINITY,
            min_lon: f64::INFINITY,
            max_lat: f64::NEG_INFINITY,
            max_lon: f64::NEG_INFINITY,
        };
        let mut extend = |lat: f64, lon: f64| {
            b.min_lat = b.min_lat.min(lat);
            b.max_lat = b.max_lat.max(lat);
            b.min_lon = b.min_lon.min(lon);
            b.max_lon = b.max_lon.max(lon);
        };
        for shape in &self.shapes {
            match shape {
                Shape::Polygon(polygon) => {
                    for c in &polygon.exterior().0 {
                        extend(c.y, c.x);
                    }
                }
                Shape::Circle { centre, radius_m } => {
                    let dlat = radius_m / 111_320.0;
                    let dlon = dlat / centre.lat.to_radians().cos().max(0.01);
                    extend(
                        (centre.lat - dlat).max(-90.0),
                        (centre.lon - dlon).max(-180.0),
                    );
                    extend(
                        (centre.lat + dlat).min(90.0),
                        (centre.lon + dlon).min(180.0),
                    );
                }
            }
        }
        b
    }

    /// The area in words.
    pub fn summary(&self) -> AreaSummary {
        let mut summary = AreaSummary {
            polygons: 0,
            points: 0,
            circles: Vec::new(),
        };
        for shape in &self.shapes {
            match shape {
                Shape::Polygon(p) => {
                    summary.polygons += 1;
                    summary.points += p.exterior().0.len()
                        + p.interiors().iter().map(|r| r.0.len()).sum::<usize>();
                }
                Shape::Circle { centre, radius_m } => summary.circles.push(CircleSummary {
                    lat: centre.lat,
                    lon: centre.lon,
                    radius_m: *radius_m,
                }),
            }
        }
        summary
    }
}

fn shape_json(shape: &Shape) -> Value {
    match shape {
        Shape::Polygon(polygon) => {
            let ring =
                |r: &LineString<f64>| -> Vec<[f64; 2]> { r.0.iter().map(|c| [c.x, c.y]).collect() };
            let rings: Vec<Vec<[f64; 2]>> = std::iter::once(polygon.exterior())
                .chain(polygon.interiors())
                .map(ring)
                .collect();
            json!({
                "type": "Feature",
                "geometry": { "type": "Polygon", "coordinates": rings },
                "properties": {},
            })
        }
        Shape::Circle { centre, radius_m } => json!({
            "type": "Feature",
            "geometry": { "type": "Point", "coordinates": [centre.lon, centre.lat] },
            "properties": { "radius_m": radius_m },
        }),
    }
}

#[cfg(test)]
mod tests;
