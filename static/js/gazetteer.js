// Settlement search as you type, for any block marked data-gazetteer. Works without it too:
// the server resolves a typed settlement name. Choosing a suggestion fills latitude and
// longitude, which can also be typed (or picked on a map where one is shown).
(function () {
  "use strict";
  function attach(block) {
    var input = block.querySelector("[data-gazetteer-input]");
    var list = block.querySelector("datalist");
    var lat = block.querySelector("[data-gazetteer-lat]");
    var lon = block.querySelector("[data-gazetteer-lon]");
    if (!input || !list) { return; }
    var found = {};
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (found[q] && lat && lon) {
        lat.value = found[q].lat;
        lon.value = found[q].lon;
        lat.dispatchEvent(new Event("change"));
        return;
      }
      if (q.length < 2) { return; }
      timer = setTimeout(function () {
        fetch("/api/v1/gazetteer?limit=8&q=" + encodeURIComponent(q), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (items) {
            list.textContent = "";
            items.forEach(function (s) {
              found[s.name] = s;
              var option = document.createElement("option");
              option.value = s.name;
              list.appendChild(option);
            });
          })
          .catch(function () { /* offline: the server resolves the name */ });
      }, 150);
    });
  }
  document.querySelectorAll("[data-gazetteer]").forEach(attach);
})();
