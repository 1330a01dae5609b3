// newsmon review UI: keyboard shortcuts and bulk selection. Every action also works without this file.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-row]"));
  var current = -1;

  function focusRow(index) {
    if (!rows.length) { return; }
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach(function (row, i) { row.classList.toggle("current", i === current); });
    rows[current].scrollIntoView({ block: "nearest" });
  }

  function clickKey(scope, key) {
    var button = scope.querySelector('[data-key="' + key + '"]');
    if (button) { button.click(); return true; }
    return false;
  }

  function typing(event) {
    var tag = event.target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || event.target.isContentEditable;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event)) { return; }
    var key = event.key;
    if (key === "?") {
      var dialog = document.getElementById("shortcuts");
      if (dialog && dialog.showModal) { dialog.showModal(); }
      return;
    }
    if (key === "/") {
      var search = document.querySelector("[data-search]");
      if (search) { event.preventDefault(); search.focus(); }
      return;
    }
    if (rows.length) {  // the queue
      if (key === "j") { focusRow(current + 1); }
      else if (key === "k") { focusRow(current - 1); }
      else if (current >= 0 && (key === "y" || key === "n")) { clickKey(rows[current], key); }
      else if (current >= 0 && key === "x") {
        var box = rows[current].querySelector("input[type=checkbox]");
        if (box) { box.checked = !box.checked; }
      }
      else if (current >= 0 && (key === "o" || key === "Enter")) { window.location = rows[current].dataset.href; }
      return;
    }
    clickKey(document, key);  // the item page: y, n, j, u
  });

  var all = document.querySelector("[data-select-all]");
  if (all) {
    all.addEventListener("change", function () {
      document.querySelectorAll('input[name="ids"]').forEach(function (box) { box.checked = all.checked; });
    });
  }

  var help = document.querySelector("[data-help]");
  if (help) {
    help.addEventListener("click", function () {
      var dialog = document.getElementById("shortcuts");
      if (dialog && dialog.showModal) { dialog.showModal(); }
    });
  }

  document.querySelectorAll("form[data-busy]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button");
      if (button) { button.disabled = true; button.textContent = form.dataset.busy; }
    });
  });

  // Per-row buttons share the bulk form: the row buttons must not submit the selection's checkboxes'
  // meaning, and the bulk button must have something selected.
  var bulk = document.getElementById("bulk");
  if (bulk) {
    bulk.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      if (submitter && submitter.name === "bulk" && !bulk.querySelector('input[name="ids"]:checked')) {
        event.preventDefault();
        window.alert(bulk.dataset.nothingSelected);  // in ui.language: the template says it
      }
    });
  }
}());
