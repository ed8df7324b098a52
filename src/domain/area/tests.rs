//! Tests of areas: parsing, validation, containment and storage.
use super::*;
use serde_json::json;

const SQUARE: &str = r#"{"type":"Polygon","coordinates":[[[49.80,40.35],[49.90,40.35],[49.90,40.45],[49.80,40.45],[49.80,40.35]]]}"#;

fn code(text: &str) -> &'static str {
    Area::parse_geojson("area", text).unwrap_err().code
}

fn at(lat: f64, lon: f64) -> Location {
    Location { lat, lon }
}

#[test]
fn a_polygon_contains_points_inside_and_on_its_edge() {
    let area = Area::parse_geojson("area", SQUARE).unwrap();
    assert!(area.contains(&at(40.40, 49.85)));
    assert!(area.contains(&at(40.35, 49.85)));
    assert!(!area.contains(&at(40.50, 49.85)));
    let again = Area::from_stored(&area.to_geojson()).unwrap();
    assert_eq!(again, area);
}

#[test]
fn features_collections_and_multipolygons_are_accepted() {
    let feature =
        format!(r#"{{"type":"Feature","properties":{{"name":"x"}},"geometry":{SQUARE}}}"#);
    assert_eq!(
        Area::parse_geojson("a", &feature).unwrap().shapes().len(),
        1
    );
    let circle = r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[46.36,40.68]},"properties":{"radius_m":500}}"#;
    let collection = format!(r#"{{"type":"FeatureCollection","features":[{feature},{circle}]}}"#);
    let area = Area::parse_geojson("a", &collection).unwrap();
    assert_eq!(area.shapes().len(), 2);
    assert!(area.contains(&at(40.682, 46.361)));
    assert!(!area.contains(&at(40.70, 46.36)));
    assert_eq!(Area::from_stored(&area.to_geojson()).unwrap(), area);
    let multi = r#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}"#;
    assert_eq!(
        Area::parse_geojson("a", multi).unwrap().summary().polygons,
        2
    );
}

#[test]
fn polygons_that_do_not_close_or_cross_themselves_are_refused() {
    assert_eq!(
        code(r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#),
        "error-area-ring-open"
    );
    assert_eq!(
        code(r#"{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}"#),
        "error-area-self-intersection"
    );
    assert_eq!(
        code(r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#),
        "error-area-ring-short"
    );
    assert_eq!(
        code(r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,0],[0,0]]]}"#),
        "error-area-ring-short"
    );
    // A hole outside the shell.
    assert_eq!(
        code(
            r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]],[[5,5],[6,5],[6,6],[5,5]]]}"#
        ),
        "error-area-invalid"
    );
}

#[test]
fn coordinates_must_be_finite_and_in_range() {
    for bad in [
        r#"{"type":"Polygon","coordinates":[[[0,95],[1,0],[1,1],[0,95]]]}"#,
        r#"{"type":"Polygon","coordinates":[[[200,0],[1,0],[1,1],[200,0]]]}"#,
        r#"{"type":"Polygon","coordinates":[[["0","0"],[1,0],[1,1],["0","0"]]]}"#,
        r#"{"type":"Polygon","coordinates":[[[0],[1,0],[1,1],[0]]]}"#,
        r#"{"type":"Polygon","coordinates":[[[0,0,0,0],[1,0],[1,1],[0,0,0,0]]]}"#,
        r#"{"type":"Polygon","coordinates":[[[1e999,0],[1,0],[1,1],[1e999,0]]]}"#,
    ] {
        let c = code(bad);
        assert!(
            c == "error-area-coordinates" || c == "error-area-json",
            "{bad}: {c}"
        );
    }
}

#[test]
fn other_shapes_junk_and_oversized_input_are_refused() {
    assert_eq!(code("not json"), "error-area-json");
    assert_eq!(code(""), "error-area-empty");
    assert_eq!(
        code(r#"{"type":"FeatureCollection","features":[]}"#),
        "error-area-empty"
    );
    assert_eq!(
        code(r#"{"type":"LineString","coordinates":[[0,0],[1,1]]}"#),
        "error-area-type"
    );
    assert_eq!(
        code(r#"{"type":"Point","coordinates":[0,0]}"#),
        "error-area-type"
    );
    assert_eq!(
        code(
            r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[0,0]},"properties":{}}"#
        ),
        "error-area-radius"
    );
    assert_eq!(code(&" ".repeat(MAX_TEXT_BYTES + 1)), "error-area-too-long");
    let many: Vec<[f64; 2]> = (0..=MAX_POINTS)
        .map(|i| {
            let t = i as f64 / MAX_POINTS as f64 * std::f64::consts::TAU;
            [t.cos(), t.sin()]
        })
        .chain(std::iter::once([1.0, 0.0]))
        .collect();
    let big = json!({"type":"Polygon","coordinates":[many]}).to_string();
    assert_eq!(code(&big), "error-area-too-many-points");
}

#[test]
fn circles_have_a_sane_radius_and_contain_by_ground_distance() {
    let ganja = at(40.6828, 46.3606);
    assert!(Area::circle("r", ganja, 5.0).is_err());
    assert!(Area::circle("r", ganja, f64::NAN).is_err());
    assert!(Area::circle("r", ganja, 300_000.0).is_err());
    let area = Area::circle("r", ganja, 1000.0).unwrap();
    assert!(area.contains(&at(40.6828 + 0.008, 46.3606)));
    assert!(!area.contains(&at(40.6828 + 0.01, 46.3606)));
    let b = area.bounds();
    assert!(b.min_lat < 40.6828 && b.max_lat > 40.6828 && b.min_lon < 46.3606);
    assert_eq!(Area::from_stored(&area.to_geojson()).unwrap(), area);
}
