// Maps of a client's home, permitted areas and exclusion zones (any element marked
// data-area-map), and drawing a polygon into a GeoJSON field (data-editor-for="<textarea id>").
// Tiles are optional: without a tile URL the shapes and the home marker show on a plain
// background. Without JavaScript the GeoJSON field and the radius fields still work.
(function () {
  "use strict";
  if (!window.L) { return; }

  var STYLES = {
    permitted: { color: "#1e7b34", weight: 2, fillOpacity: 0.12 },
    exclusion: { color: "#b3261e", weight: 2, fillOpacity: 0.25 },
    draft: { color: "#0b5563", weight: 2, dashArray: "6 4", fillOpacity: 0.1 }
  };

  function areaLayer(geojson, style) {
    return L.geoJSON(geojson, {
      style: function () { return style; },
      pointToLayer: function (feature, latlng) {
        var radius = feature && feature.properties && Number(feature.properties.radius_m);
        return radius > 0 ? L.circle(latlng, L.extend({ radius: radius }, style)) : L.circleMarker(latlng, style);
      }
    });
  }

  function attach(el) {
    var data = {};
    try { data = JSON.parse(el.getAttribute("data-map") || "{}"); } catch (e) { data = {}; }
    var tileUrl = el.getAttribute("data-tile-url") || "";
    var map = L.map(el, { scrollWheelZoom: false, attributionControl: tileUrl !== "" });
    if (tileUrl) {
      L.tileLayer(tileUrl, { maxZoom: 19, attribution: el.getAttribute("data-tile-attribution") || "" }).addTo(map);
    } else {
      el.classList.add("no-tiles");
    }
    L.control.scale({ imperial: false }).addTo(map);
    // A view first: circles need a projected map before they know their bounds.
    map.setView(data.home || [40.4093, 49.8671], 12);
    var bounds = L.latLngBounds([]);
    if (data.home) {
      L.circleMarker(data.home, { radius: 7, color: "#0b5563", weight: 2, fillColor: "#0b5563", fillOpacity: 0.9 })
        .bindTooltip(el.getAttribute("data-home-label") || "")
        .addTo(map);
      bounds.extend(data.home);
    }
    (data.areas || []).forEach(function (area) {
      var style = L.extend({}, STYLES[area.kind] || STYLES.draft);
      if (!area.in_force) { style.opacity = 0.4; style.fillOpacity = 0.05; }
      var layer = areaLayer(area.geojson, style).addTo(map);
      if (layer.getBounds().isValid()) { bounds.extend(layer.getBounds()); }
    });
    if (bounds.isValid()) {
      map.fitBounds(bounds.pad(0.3), { maxZoom: 14 });
    }
    var editorFor = el.getAttribute("data-editor-for");
    if (editorFor) { editor(el, map, document.getElementById(editorFor)); }
  }

  // Click to add corners; "finish" writes a closed Polygon into the textarea; pasting GeoJSON
  // into the textarea previews it.
  function editor(el, map, textarea) {
    if (!textarea) { return; }
    var tools = document.querySelector("[data-area-tools]");
    var points = [];
    var draft = null;
    var preview = null;
    var style = STYLES[el.getAttribute("data-new-kind")] || STYLES.draft;

    function redraw() {
      if (draft) { map.removeLayer(draft); draft = null; }
      if (points.length > 1) {
        draft = L.polygon(points, STYLES.draft).addTo(map);
      } else if (points.length === 1) {
        draft = L.circleMarker(points[0], { radius: 4, color: STYLES.draft.color }).addTo(map);
      }
    }

    function showText() {
      if (preview) { map.removeLayer(preview); preview = null; }
      var text = textarea.value.trim();
      if (!text) { return; }
      try {
        preview = areaLayer(JSON.parse(text), style).addTo(map);
        if (preview.getBounds().isValid()) { map.fitBounds(preview.getBounds().pad(0.3), { maxZoom: 15 }); }
      } catch (e) { preview = null; }
    }

    map.on("click", function (event) {
      points.push([event.latlng.lat, event.latlng.lng]);
      redraw();
    });
    textarea.addEventListener("input", showText);
    if (tools) {
      tools.hidden = false;
      tools.querySelector("[data-area-finish]").addEventListener("click", function () {
        if (points.length < 3) { return; }
        var ring = points.map(function (p) { return [Number(p[1].toFixed(6)), Number(p[0].toFixed(6))]; });
        ring.push(ring[0]);
        textarea.value = JSON.stringify({ type: "Polygon", coordinates: [ring] });
        points = [];
        redraw();
        showText();
      });
      tools.querySelector("[data-area-undo]").addEventListener("click", function () {
        points.pop();
        redraw();
      });
      tools.querySelector("[data-area-clear]").addEventListener("click", function () {
        points = [];
        redraw();
        textarea.value = "";
        showText();
      });
    }
    showText();
  }

  document.querySelectorAll("[data-area-map]").forEach(attach);
})();
