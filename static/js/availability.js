// Weekly availability rows: the form works without this script (it offers seven rows); with
// it, "Add a row" appends another blank row.
(function () {
  "use strict";
  function attach(block) {
    var rows = block.querySelector("[data-availability-rows]");
    var add = block.querySelector("[data-availability-add]");
    if (!rows || !add) { return; }
    add.hidden = false;
    add.addEventListener("click", function () {
      var all = rows.querySelectorAll("[data-availability-row]");
      var last = all[all.length - 1];
      if (!last) { return; }
      var index = all.length;
      var row = last.cloneNode(true);
      row.querySelectorAll(".field-error").forEach(function (e) { e.remove(); });
      row.querySelectorAll("select, input").forEach(function (field) {
        field.value = "";
        field.removeAttribute("aria-invalid");
        field.removeAttribute("aria-describedby");
        field.id = field.id.replace(/-\d+$/, "-" + index);
      });
      row.querySelectorAll("label").forEach(function (label) {
        var target = label.getAttribute("for") || "";
        label.setAttribute("for", target.replace(/-\d+$/, "-" + index));
        var number = label.querySelector(".visually-hidden");
        if (number) { number.textContent = " " + (index + 1); }
      });
      rows.appendChild(row);
      var first = row.querySelector("select");
      if (first) { first.focus(); }
    });
  }
  document.querySelectorAll("[data-availability]").forEach(attach);
})();
