// A long checkbox list (components/forms/field.html, data-filterable-choices):
// show the filter box and hide the choices whose label does not contain
// what is typed (case and accents ignored). Without JavaScript the whole
// list stays, each box reachable by Tab and ticked with Space.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLocaleLowerCase();
  }
  document.querySelectorAll("[data-filterable-choices]").forEach(function (box) {
    var search = box.querySelector(".filterable-choices-search");
    var input = search.querySelector("input");
    var status = search.querySelector("[data-filter-status]");
    var choices = Array.prototype.slice.call(box.querySelectorAll(".form-check"));
    search.hidden = false;
    input.addEventListener("input", function () {
      var query = fold(input.value.trim());
      var shown = 0;
      choices.forEach(function (choice) {
        var match = !query || fold(choice.textContent).indexOf(query) !== -1;
        choice.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = query ? (input.dataset.statusTemplate || "%(shown)s / %(total)s")
        .replace("%(shown)s", shown).replace("%(total)s", choices.length) : "";
    });
    input.addEventListener("keydown", function (event) {
      // Enter in the filter must not submit the form; it moves to the first match.
      if (event.key === "Enter") {
        event.preventDefault();
        var first = choices.find(function (choice) { return !choice.hidden; });
        if (first) first.querySelector("input").focus();
      }
    });
  });
})();
