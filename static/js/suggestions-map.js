// The map on a client's suggestions page: the client's home, permitted areas and exclusion
// zones, the suggested candidates (numbered by rank, with their distance) and, when asked
// about, an excluded candidate. Data comes as JSON in data-map; tiles are optional (without
// a tile URL, or when they fail, the markers still show on a plain background). No inline
// script or style (CSP).
(function () {
  "use strict";
  if (!window.L) { return; }
  var el = document.querySelector("[data-match-map]");
  if (!el) { return; }
  var data = {};
  try { data = JSON.parse(el.getAttribute("data-map") || "{}"); } catch (e) { data = {}; }
  var tileUrl = el.getAttribute("data-tile-url") || "";
  var map = L.map(el, { scrollWheelZoom: false, attributionControl: tileUrl !== "" });
  if (tileUrl) {
    var tiles = L.tileLayer(tileUrl, { maxZoom: 19, attribution: el.getAttribute("data-tile-attribution") || "" });
    tiles.on("tileerror", function () { el.classList.add("tiles-failed"); });
    tiles.addTo(map);
  } else {
    el.classList.add("no-tiles");
  }
  L.control.scale({ imperial: false }).addTo(map);
  map.setView(data.home || [40.4093, 49.8671], 12);

  // Areas are drawn above the markers (and let clicks through), so that a small exclusion
  // zone around an excluded candidate stays visible.
  map.createPane("areas");
  map.getPane("areas").style.zIndex = 650;
  map.getPane("areas").style.pointerEvents = "none";
  var AREA = {
    permitted: { color: "#1e7b34", weight: 2, fillOpacity: 0.12 },
    exclusion: { color: "#b3261e", weight: 2, fillOpacity: 0.25 }
  };
  var bounds = L.latLngBounds([]);
  (data.areas || []).forEach(function (area) {
    var style = L.extend({}, AREA[area.kind] || AREA.permitted);
    if (!area.in_force) { style.opacity = 0.4; style.fillOpacity = 0.05; }
    style.pane = "areas";
    style.interactive = false;
    var layer = L.geoJSON(area.geojson, {
      pane: "areas",
      style: function () { return style; },
      pointToLayer: function (feature, latlng) {
        var radius = feature && feature.properties && Number(feature.properties.radius_m);
        return radius > 0 ? L.circle(latlng, L.extend({ radius: radius }, style)) : L.circleMarker(latlng, style);
      }
    }).addTo(map);
    if (layer.getBounds().isValid()) { bounds.extend(layer.getBounds()); }
  });

  var km = el.getAttribute("data-km-label") || "km";
  var excludedLabel = el.getAttribute("data-excluded-label") || "";
  (data.candidates || []).forEach(function (c) {
    var latlng = [c.lat, c.lon];
    var colour = c.excluded ? "#b3261e" : "#7a3e9d";
    var marker = L.marker(latlng, {
      icon: L.divIcon({
        className: "match-marker" + (c.excluded ? " match-marker-excluded" : ""),
        html: c.excluded ? "×" : String(c.rank || ""),
        iconSize: [24, 24]
      }),
      title: c.name
    });
    var text = c.name + " · " + Number(c.km).toFixed(1) + " " + km + (c.excluded ? " · " + excludedLabel : "");
    marker.bindTooltip(text);
    marker.addTo(map);
    if (data.home) {
      L.polyline([data.home, latlng], { color: colour, weight: 1, opacity: 0.5, dashArray: "3 4", interactive: false }).addTo(map);
    }
    bounds.extend(latlng);
  });

  if (data.home) {
    L.circleMarker(data.home, { radius: 8, color: "#fff", weight: 2, fillColor: "#0b5563", fillOpacity: 1 })
      .bindTooltip(el.getAttribute("data-home-label") || "")
      .addTo(map);
    bounds.extend(data.home);
  }
  if (bounds.isValid()) { map.fitBounds(bounds.pad(0.2), { maxZoom: 14 }); }
})();
