//! The data a client's map shows (home, permitted areas, exclusion zones), handed to
//! `static/js/area-editor.js` as JSON in a data attribute, with the tile server settings.

use serde::Serialize;
use tera::Context;

use crate::app::AppState;
use crate::domain::restrictions::RestrictionKind;
use crate::services::clients::ClientDetail;

#[derive(Serialize)]
struct MapArea {
    kind: &'static str,
    in_force: bool,
    geojson: serde_json::Value,
}

#[derive(Serialize)]
struct MapData {
    home: [f64; 2],
    areas: Vec<MapArea>,
}

/// Puts `map_json`, `tile_url` and `tile_attribution` into the context. Restrictions whose ids
/// are in `skip` are left out (the one being edited).
pub fn insert(ctx: &mut Context, app: &AppState, client: &ClientDetail, skip: &[i64]) {
    ctx.insert("map_json", &data(client, skip).to_string());
    tiles(ctx, app);
}

/// Puts the tile server settings (`tile_url`, `tile_attribution`) into the context.
pub fn tiles(ctx: &mut Context, app: &AppState) {
    ctx.insert("tile_url", &app.config.tile_url);
    ctx.insert("tile_attribution", &app.config.tile_attribution);
}

/// The client's home and areas as the map scripts read them: `{"home": [lat, lon], "areas":
/// [{"kind": "permitted"|"exclusion", "in_force", "geojson"}]}`.
pub fn data(client: &ClientDetail, skip: &[i64]) -> serde_json::Value {
    let areas = client
        .restrictions
        .iter()
        .filter(|r| !skip.contains(&r.id))
        .filter_map(|r| {
            let kind = match r.kind {
                RestrictionKind::PermittedArea => "permitted",
                RestrictionKind::ExclusionZone => "exclusion",
                _ => return None,
            };
            Some(MapArea {
                kind,
                in_force: r.in_force,
                geojson: r.area.clone()?,
            })
        })
        .collect();
    let data = MapData {
        home: [client.home.location.lat, client.home.location.lon],
        areas,
    };
    serde_json::to_value(&data).unwrap_or_default()
}
