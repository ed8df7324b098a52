//! Geographic areas used by restrictions: a permitted area or exclusion zones.
//!
//! An [`Area`] is a validated `geo` polygon or multipolygon (longitude = x, latitude = y,
//! as in GeoJSON; edges are straight lines in longitude/latitude, areas crossing the
//! antimeridian are not supported) or a circle given by a centre and a radius in metres.
//! GeoJSON parsing is the caller's job; [`Area::polygon`] and [`Area::multi_polygon`]
//! validate what the caller built.

use geo::{BoundingRect, Contains, Coord, LineString, MultiPolygon, Polygon, Rect, Validation};
use serde::{Deserialize, Serialize};

use super::location::{LatLon, Trig};

/// A validated area. Build it with [`Area::polygon`], [`Area::multi_polygon`] or
/// [`Area::circle`].
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    shape: Shape,
}

#[derive(Debug, Clone, PartialEq)]
enum Shape {
    Polygons {
        polygons: MultiPolygon<f64>,
        bbox: Rect<f64>,
    },
    Circle {
        centre: LatLon,
        trig: Trig,
        radius_m: f64,
    },
}

/// Which ring of a polygon a problem was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "ring", content = "index")]
pub enum Ring {
    /// The outer boundary.
    Exterior,
    /// A hole, by its index among the polygon's interior rings.
    Interior(usize),
}

/// Why an area was rejected. `polygon` is the index of the polygon within a multipolygon
/// (0 for a single polygon).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "problem")]
pub enum AreaError {
    /// The area has no polygon at all.
    Empty,
    /// A ring's first and last points differ.
    RingNotClosed {
        /// Polygon index.
        polygon: usize,
        /// Offending ring.
        ring: Ring,
    },
    /// A ring has fewer than 4 points (3 distinct plus the closing point).
    TooFewPoints {
        /// Polygon index.
        polygon: usize,
        /// Offending ring.
        ring: Ring,
    },
    /// A coordinate is NaN/infinite or outside longitude \[-180, 180\], latitude \[-90, 90\].
    CoordinateOutOfRange {
        /// Polygon index.
        polygon: usize,
        /// Offending ring.
        ring: Ring,
        /// Index of the point within the ring.
        point: usize,
    },
    /// A ring crosses or touches itself.
    SelfIntersection {
        /// Polygon index.
        polygon: usize,
        /// Offending ring.
        ring: Ring,
    },
    /// Any other topological problem reported by `geo`'s validation (holes outside the
    /// shell, rings intersecting each other, overlapping polygons of a multipolygon).
    InvalidTopology {
        /// Polygon index, when the problem belongs to one polygon.
        polygon: Option<usize>,
        /// `geo`'s description, for logs (not meant for end users).
        detail: String,
    },
    /// A circle's radius is not a finite positive number of metres.
    InvalidRadius,
}

impl std::fmt::Display for AreaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid area: {self:?}")
    }
}

impl std::error::Error for AreaError {}

impl Area {
    /// Validates a polygon: every ring closed with at least 4 points, finite in-range
    /// coordinates, and no self-intersection or other invalidity found by `geo`'s
    /// [`Validation`].
    ///
    /// Note that `geo::Polygon::new` closes open rings itself; callers that parse GeoJSON
    /// should check the raw ring with [`validate_ring`] first if an open ring must be an
    /// error.
    pub fn polygon(polygon: Polygon<f64>) -> Result<Self, AreaError> {
        Self::multi_polygon(MultiPolygon(vec![polygon]))
    }

    /// Validates a multipolygon like [`Area::polygon`], and also that its polygons do not
    /// overlap.
    pub fn multi_polygon(polygons: MultiPolygon<f64>) -> Result<Self, AreaError> {
        if polygons.0.is_empty() {
            return Err(AreaError::Empty);
        }
        for (index, polygon) in polygons.0.iter().enumerate() {
            validate_ring(polygon.exterior()).map_err(|e| e.at(index, Ring::Exterior))?;
            for (hole, ring) in polygon.interiors().iter().enumerate() {
                validate_ring(ring).map_err(|e| e.at(index, Ring::Interior(hole)))?;
            }
        }
        if let Err(problem) = polygons.check_validation() {
            return Err(convert_geo_error(problem));
        }
        let bbox = polygons.bounding_rect().ok_or(AreaError::Empty)?;
        Ok(Self {
            shape: Shape::Polygons { polygons, bbox },
        })
    }

    /// A circle of `radius_m` metres (great-circle distance) around `centre`.
    pub fn circle(centre: LatLon, radius_m: f64) -> Result<Self, AreaError> {
        if !radius_m.is_finite() || radius_m <= 0.0 {
            return Err(AreaError::InvalidRadius);
        }
        Ok(Self {
            shape: Shape::Circle {
                centre,
                trig: centre.trig(),
                radius_m,
            },
        })
    }

    /// Whether the position lies inside the area (on the boundary counts as outside for
    /// polygons, as in `geo::Contains`; within the radius, inclusive, for circles).
    pub fn contains(&self, p: &LatLon) -> bool {
        self.contains_trig(p, &p.trig())
    }

    pub(super) fn contains_trig(&self, p: &LatLon, trig: &Trig) -> bool {
        match &self.shape {
            Shape::Polygons { polygons, bbox } => {
                let c = Coord {
                    x: p.lon(),
                    y: p.lat(),
                };
                let (min, max) = (bbox.min(), bbox.max());
                if c.x < min.x || c.x > max.x || c.y < min.y || c.y > max.y {
                    return false;
                }
                polygons.contains(&c)
            }
            Shape::Circle {
                trig: centre,
                radius_m,
                ..
            } => centre.distance_m(trig) <= *radius_m,
        }
    }

    /// The circle's centre and radius, if this area is a circle.
    pub fn as_circle(&self) -> Option<(LatLon, f64)> {
        match &self.shape {
            Shape::Circle {
                centre, radius_m, ..
            } => Some((*centre, *radius_m)),
            Shape::Polygons { .. } => None,
        }
    }

    /// The polygons, if this area is a (multi)polygon.
    pub fn as_polygons(&self) -> Option<&MultiPolygon<f64>> {
        match &self.shape {
            Shape::Polygons { polygons, .. } => Some(polygons),
            Shape::Circle { .. } => None,
        }
    }
}

/// A problem with one ring, before we know which polygon it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RingError {
    /// First and last points differ.
    NotClosed,
    /// Fewer than 4 points.
    TooFewPoints,
    /// Coordinate at this index is not finite or out of range.
    CoordinateOutOfRange(usize),
}

impl RingError {
    fn at(self, polygon: usize, ring: Ring) -> AreaError {
        match self {
            Self::NotClosed => AreaError::RingNotClosed { polygon, ring },
            Self::TooFewPoints => AreaError::TooFewPoints { polygon, ring },
            Self::CoordinateOutOfRange(point) => AreaError::CoordinateOutOfRange {
                polygon,
                ring,
                point,
            },
        }
    }
}

/// Checks one raw ring (x = longitude, y = latitude): finite in-range coordinates, at
/// least 4 points, first point equal to the last.
pub fn validate_ring(ring: &LineString<f64>) -> Result<(), RingError> {
    for (i, c) in ring.0.iter().enumerate() {
        if LatLon::new(c.y, c.x).is_err() {
            return Err(RingError::CoordinateOutOfRange(i));
        }
    }
    if ring.0.len() < 4 {
        return Err(RingError::TooFewPoints);
    }
    if ring.0.first() != ring.0.last() {
        return Err(RingError::NotClosed);
    }
    Ok(())
}

fn convert_geo_error(problem: geo::algorithm::validation::InvalidMultiPolygon) -> AreaError {
    use geo::algorithm::validation::{InvalidMultiPolygon, InvalidPolygon, RingRole};
    let detail = problem.to_string();
    match problem {
        InvalidMultiPolygon::InvalidPolygon(index, inner) => {
            let polygon = index.0;
            let ring_of = |role: RingRole| match role {
                RingRole::Exterior => Ring::Exterior,
                RingRole::Interior(i) => Ring::Interior(i),
            };
            match inner {
                InvalidPolygon::SelfIntersection(role) => AreaError::SelfIntersection {
                    polygon,
                    ring: ring_of(role),
                },
                InvalidPolygon::TooFewPointsInRing(role) => AreaError::TooFewPoints {
                    polygon,
                    ring: ring_of(role),
                },
                _ => AreaError::InvalidTopology {
                    polygon: Some(polygon),
                    detail,
                },
            }
        }
        _ => AreaError::InvalidTopology {
            polygon: None,
            detail,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{LineString, polygon};

    fn square(lon: f64, lat: f64, d: f64) -> Polygon<f64> {
        polygon![(x: lon, y: lat), (x: lon + d, y: lat), (x: lon + d, y: lat + d), (x: lon, y: lat + d), (x: lon, y: lat)]
    }

    #[test]
    fn valid_polygon_contains() {
        let a = Area::polygon(square(49.8, 40.3, 0.2)).unwrap();
        assert!(a.contains(&LatLon::new(40.4, 49.9).unwrap()));
        assert!(!a.contains(&LatLon::new(40.6, 49.9).unwrap()));
        assert!(!a.contains(&LatLon::new(40.4, 50.1).unwrap()));
    }

    #[test]
    fn rejects_self_intersection() {
        let bow = polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 1.0), (x: 1.0, y: 0.0), (x: 0.0, y: 1.0), (x: 0.0, y: 0.0)];
        assert_eq!(
            Area::polygon(bow),
            Err(AreaError::SelfIntersection {
                polygon: 0,
                ring: Ring::Exterior
            })
        );
    }

    #[test]
    fn rejects_bad_coordinates_and_short_rings() {
        let far = square(179.9, 10.0, 0.2);
        assert!(matches!(
            Area::polygon(far),
            Err(AreaError::CoordinateOutOfRange { point: 1, .. })
        ));
        let nan = square(f64::NAN, 10.0, 0.2);
        assert!(matches!(
            Area::polygon(nan),
            Err(AreaError::CoordinateOutOfRange { .. })
        ));
        let line = Polygon::new(LineString::from(vec![(0.0, 0.0), (1.0, 1.0)]), vec![]);
        assert!(matches!(
            Area::polygon(line),
            Err(AreaError::TooFewPoints { .. })
        ));
        assert_eq!(
            Area::multi_polygon(MultiPolygon(vec![])),
            Err(AreaError::Empty)
        );
    }

    #[test]
    fn raw_ring_checks() {
        let open = LineString::from(vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]);
        assert_eq!(validate_ring(&open), Err(RingError::NotClosed));
        let short = LineString::from(vec![(0.0, 0.0), (1.0, 0.0), (0.0, 0.0)]);
        assert_eq!(validate_ring(&short), Err(RingError::TooFewPoints));
        let bad = LineString::from(vec![(0.0, 0.0), (1.0, 95.0), (1.0, 1.0), (0.0, 0.0)]);
        assert_eq!(validate_ring(&bad), Err(RingError::CoordinateOutOfRange(1)));
    }

    #[test]
    fn overlapping_multipolygon_is_invalid() {
        let mp = MultiPolygon(vec![square(0.0, 0.0, 1.0), square(0.5, 0.5, 1.0)]);
        assert!(matches!(
            Area::multi_polygon(mp),
            Err(AreaError::InvalidTopology { polygon: None, .. })
        ));
    }

    #[test]
    fn circle() {
        let c = LatLon::new(40.4, 49.8).unwrap();
        let a = Area::circle(c, 1_000.0).unwrap();
        assert!(a.contains(&LatLon::new(40.405, 49.8).unwrap()));
        assert!(!a.contains(&LatLon::new(40.41, 49.8).unwrap()));
        assert_eq!(Area::circle(c, -1.0), Err(AreaError::InvalidRadius));
        assert_eq!(Area::circle(c, f64::NAN), Err(AreaError::InvalidRadius));
    }
}
