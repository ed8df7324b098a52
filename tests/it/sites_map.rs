//! The map of sites: the GeoJSON markers and the page, with and without a tile server.

use axum::http::StatusCode;
use korpu::auth::Role;

use crate::sites::{create_site, site_input};
use crate::support::TestApp;

#[tokio::test]
async fn the_map_json_has_a_point_per_active_site_and_professionals_for_staff() {
    let app = TestApp::spawn().await;
    let id = create_site(&app, &site_input("Xəritədəki obyekt", "Gəncə")).await;
    crate::professionals::create_professional(
        &app,
        &crate::professionals::professional_input("Psixoloq Test", "Bakı"),
    )
    .await;
    let client = app
        .signed_in("coordinator@example.az", &[Role::Coordinator])
        .await;
    let sites_only = client.get("/api/v1/sites/geojson").await;
    assert_eq!(sites_only.status, StatusCode::OK);
    let json = sites_only.json();
    assert_eq!(json["type"], "FeatureCollection");
    let feature = &json["features"][0];
    assert_eq!(feature["type"], "Feature");
    assert_eq!(feature["geometry"]["type"], "Point");
    let [lon, lat] = [
        feature["geometry"]["coordinates"][0].as_f64().unwrap(),
        feature["geometry"]["coordinates"][1].as_f64().unwrap(),
    ];
    assert!(
        (lat - 40.68).abs() < 0.05 && (lon - 46.36).abs() < 0.05,
        "GeoJSON is [lon, lat]"
    );
    assert_eq!(feature["properties"]["name"], "Xəritədəki obyekt");
    assert_eq!(feature["properties"]["capacity"], 4);
    assert_eq!(feature["properties"]["url"], format!("/sites/{id}"));
    let with = client
        .get("/api/v1/sites/geojson?professionals=true")
        .await
        .json();
    let layers: Vec<&str> = with["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["layer"].as_str().unwrap())
        .collect();
    assert_eq!(layers, vec!["site", "professional"]);
}

#[tokio::test]
async fn the_map_page_works_offline_by_default_and_loads_tiles_only_when_configured() {
    let app = TestApp::spawn().await;
    let client = app
        .signed_in("coordinator@example.az", &[Role::Coordinator])
        .await;
    let page = client.get("/sites/map").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("data-tile-url=\"\""));
    assert!(page.body.contains("/static/js/sites-map.js"));
    assert!(page.body.contains("/static/vendor/leaflet/leaflet.js"));
    assert!(!page.body.contains("<script>"), "no inline script");
    assert!(!page.body.contains("style=\""), "no inline style");
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("img-src 'self' data:;"), "{csp}");
    let outline = client.get("/static/geo/azerbaijan.geojson").await;
    assert_eq!(outline.status, StatusCode::OK);
    assert_eq!(
        outline.json()["features"][0]["geometry"]["type"],
        "MultiPolygon"
    );
    let script = client.get("/static/js/sites-map.js").await;
    assert!(script.body.contains("tileerror"));

    let tiled = TestApp::spawn_with(|c| {
        c.tile_url = "https://{s}.tile.example.org/{z}/{x}/{y}.png".into();
    })
    .await;
    let client = tiled
        .signed_in("coordinator@example.az", &[Role::Coordinator])
        .await;
    let page = client.get("/sites/map").await;
    assert!(
        page.body
            .contains("data-tile-url=\"https://{s}.tile.example.org/{z}/{x}/{y}.png\"")
    );
    assert!(
        page.header("content-security-policy")
            .unwrap()
            .contains("https://*.tile.example.org")
    );
}

#[tokio::test]
async fn every_form_with_a_location_offers_a_map_to_pick_the_point() {
    let app = TestApp::spawn_with(|c| {
        c.tile_url = "https://tiles.example.org/{z}/{x}/{y}.png".into();
    })
    .await;
    let coordinator = app
        .signed_in("coordinator@example.az", &[Role::Coordinator])
        .await;
    let visitor = app.client();
    for (client, path) in [
        (&coordinator, "/sites/new"),
        (&coordinator, "/professionals/new"),
        (&coordinator, "/clients/new"),
        (&visitor, "/volunteer/apply"),
    ] {
        let page = client.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        for needle in [
            "data-location-map",
            "/static/vendor/leaflet/leaflet.js",
            "/static/js/location-picker.js",
            "<meta name=\"korpu-tile-url\" content=\"https://tiles.example.org/{z}/{x}/{y}.png\">",
        ] {
            assert!(page.body.contains(needle), "{path} lacks {needle}");
        }
    }
    let script = visitor.get("/static/js/location-picker.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert!(script.body.contains("data-gazetteer-lat"));
    // Without a tile server the pages carry no tile settings; the map shows the outline.
    let plain = TestApp::spawn().await;
    let page = plain.client().get("/volunteer/apply").await;
    assert!(page.body.contains("data-location-map"));
    assert!(!page.body.contains("korpu-tile-url"));
}
