// Picking a point on a map, for any location block (data-gazetteer) holding a
// data-location-map element: a click on the map fills latitude and longitude; typing them, or
// choosing a settlement, moves the marker. The fields stay the way to enter a point by
// keyboard, and without Leaflet or JavaScript the map stays hidden. Tiles come from the
// configuration (meta korpu-tile-url); without them, or when they fail, the outline of
// Azerbaijan is the background. No inline script or style (CSP).
(function () {
  "use strict";
  if (!window.L) { return; }

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute("content") || "" : "";
  }

  var tileUrl = meta("korpu-tile-url");
  var attribution = meta("korpu-tile-attribution");
  var azerbaijan = L.latLngBounds([38.39, 44.76], [41.91, 50.6]);

  function number(input) {
    var value = parseFloat((input.value || "").replace(",", "."));
    return isFinite(value) ? value : null;
  }

  function attach(block) {
    var element = block.querySelector("[data-location-map]");
    var lat = block.querySelector("[data-gazetteer-lat]");
    var lon = block.querySelector("[data-gazetteer-lon]");
    if (!element || !lat || !lon) { return; }
    element.hidden = false;
    var hint = block.querySelector("[data-location-map-hint]");
    if (hint) { hint.hidden = false; }

    var map = L.map(element, { scrollWheelZoom: false, attributionControl: tileUrl !== "" });
    map.fitBounds(azerbaijan);
    if (tileUrl) {
      var tiles = L.tileLayer(tileUrl, { maxZoom: 18, attribution: attribution });
      tiles.on("tileerror", function () { element.classList.add("no-tiles"); });
      tiles.addTo(map);
      if (map.attributionControl) { map.attributionControl.setPrefix(""); }
    } else {
      element.classList.add("no-tiles");
    }
    fetch(element.getAttribute("data-outline"), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (geo) {
        if (!geo) { return; }
        var outline = L.geoJSON(geo, {
          interactive: false,
          style: { color: "#0b5563", weight: 1, fillColor: "#dfeae6", fillOpacity: tileUrl ? 0.05 : 0.8 }
        }).addTo(map);
        outline.bringToBack();
      })
      .catch(function () { /* the outline is decoration only */ });

    var marker = null;
    function show(move) {
      var a = number(lat);
      var b = number(lon);
      if (a === null || b === null || a < -90 || a > 90 || b < -180 || b > 180) {
        if (marker) { map.removeLayer(marker); marker = null; }
        return;
      }
      if (marker) {
        marker.setLatLng([a, b]);
      } else {
        marker = L.circleMarker([a, b], {
          radius: 8, color: "#0b5563", weight: 2, fillColor: "#0b5563", fillOpacity: 0.8, interactive: false
        }).addTo(map);
      }
      if (move) { map.setView([a, b], Math.max(map.getZoom(), 11)); }
    }

    map.on("click", function (event) {
      lat.value = event.latlng.lat.toFixed(6);
      lon.value = event.latlng.lng.toFixed(6);
      show(false);
    });
    lat.addEventListener("change", function () { show(true); });
    lon.addEventListener("change", function () { show(true); });
    show(true);
  }

  document.querySelectorAll("[data-gazetteer]").forEach(attach);
})();
