// The map of sites (/sites/map). Markers come from the GeoJSON endpoint named in
// data-geojson; psychologists and social workers are a second layer behind a checkbox.
// Tiles are optional (data-tile-url, empty by default): without them, or when they fail to
// load, the markers still show over a plain background with an outline of Azerbaijan.
// Polygon features in the data (areas) are drawn too. No inline script or style (CSP).
(function () {
  "use strict";
  var element = document.getElementById("sites-map");
  if (!element || typeof L === "undefined") { return; }
  var data = element.dataset;
  var status = document.querySelector("[data-map-status]");
  var azerbaijan = L.latLngBounds([38.39, 44.76], [41.91, 50.6]);

  var map = L.map(element, { attributionControl: Boolean(data.tileUrl), zoomSnap: 0.5 });
  map.fitBounds(azerbaijan);
  if (data.tileUrl) {
    var tiles = L.tileLayer(data.tileUrl, { attribution: data.tileAttribution || "", maxZoom: 18 });
    tiles.on("tileerror", function () { element.classList.add("tiles-failed"); });
    tiles.addTo(map);
    if (map.attributionControl) { map.attributionControl.setPrefix(""); }
  } else {
    element.classList.add("no-tiles");
  }

  var outline = L.layerGroup().addTo(map);
  fetch(data.outline, { credentials: "same-origin" })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (geo) {
      if (!geo) { return; }
      L.geoJSON(geo, {
        interactive: false,
        style: { color: "#0b5563", weight: 1, fillColor: "#dfeae6", fillOpacity: data.tileUrl ? 0.05 : 0.8 }
      }).addTo(outline);
      outline.eachLayer(function (layer) { if (layer.bringToBack) { layer.bringToBack(); } });
    })
    .catch(function () { /* the outline is decoration only */ });

  var colours = { site: "#0b5563", professional: "#7a3e9d" };
  var layers = { site: L.featureGroup().addTo(map), professional: L.featureGroup(), area: L.featureGroup().addTo(map) };

  function popup(props) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = props.name;
    box.appendChild(title);
    var lines = [props.organisation, props.settlement,
      (props.layer === "site" ? data.labelCapacity : data.labelCaseload) + ": " + props.capacity];
    lines.forEach(function (text) {
      if (!text) { return; }
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(text));
    });
    if (props.url) {
      box.appendChild(document.createElement("br"));
      var link = document.createElement("a");
      link.href = props.url;
      link.textContent = data.labelOpen;
      box.appendChild(link);
    }
    return box;
  }

  function add(collection) {
    L.geoJSON(collection, {
      pointToLayer: function (feature, latlng) {
        var layer = feature.properties && feature.properties.layer === "professional" ? "professional" : "site";
        return L.circleMarker(latlng, { radius: layer === "site" ? 8 : 7 });
      },
      style: function (feature) {
        if (feature.geometry.type === "Point") {
          var layer = feature.properties && feature.properties.layer === "professional" ? "professional" : "site";
          return { color: "#fff", weight: 2, fillColor: colours[layer], fillOpacity: 0.95 };
        }
        return { color: "#b3261e", weight: 2, fillOpacity: 0.15 };
      },
      onEachFeature: function (feature, layer) {
        var props = feature.properties || {};
        var group = feature.geometry.type === "Point"
          ? (props.layer === "professional" ? layers.professional : layers.site)
          : layers.area;
        if (props.name) { layer.bindPopup(popup(props)); }
        group.addLayer(layer);
      }
    });
  }

  function fit() {
    var bounds = L.latLngBounds([]);
    [layers.site, layers.area].concat(map.hasLayer(layers.professional) ? [layers.professional] : [])
      .forEach(function (group) { if (group.getLayers().length) { bounds.extend(group.getBounds()); } });
    if (bounds.isValid()) { map.fitBounds(bounds.pad(0.15), { maxZoom: 13 }); }
  }

  function load(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
  }

  load(data.geojson)
    .then(function (collection) { add(collection); fit(); })
    .catch(function () { if (status) { status.textContent = data.labelError; } });

  var toggle = document.querySelector("[data-map-professionals]");
  var professionalsLoaded = false;
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (!toggle.checked) { map.removeLayer(layers.professional); fit(); return; }
      layers.professional.addTo(map);
      if (professionalsLoaded) { fit(); return; }
      load(data.geojson + "?professionals=true")
        .then(function (collection) {
          professionalsLoaded = true;
          collection.features = collection.features.filter(function (f) {
            return f.properties && f.properties.layer === "professional";
          });
          add(collection);
          fit();
        })
        .catch(function () { if (status) { status.textContent = data.labelError; } });
    });
  }
})();
