// The header search box as an ARIA combobox (WAI-ARIA APG "list autocomplete"):
// htmx fills the listbox as you type; this script adds the keyboard.
// Down/Up move through the suggestions, Enter opens the one chosen (or
// searches for what was typed), Escape closes the list. Without JavaScript the
// box is a plain search form.
(function () {
  "use strict";

  function setup(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    if (!list) return;
    var active = -1;

    function options() { return list.querySelectorAll("[role=option]"); }

    function open(show) {
      var has = show && options().length > 0;
      list.hidden = !has;
      input.setAttribute("aria-expanded", has ? "true" : "false");
      if (!has) choose(-1);
    }

    function choose(index) {
      var all = options();
      all.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
        option.classList.toggle("active", i === index);
      });
      active = index;
      if (index >= 0 && all[index]) {
        input.setAttribute("aria-activedescendant", all[index].id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    list.addEventListener("htmx:afterSwap", function () { open(input.value.trim().length >= 2); active = -1; });

    input.addEventListener("keydown", function (event) {
      var all = options();
      if (event.key === "ArrowDown") {
        if (!all.length) return;
        event.preventDefault();
        open(true);
        choose(active + 1 >= all.length ? 0 : active + 1);
      } else if (event.key === "ArrowUp") {
        if (!all.length) return;
        event.preventDefault();
        open(true);
        choose(active <= 0 ? all.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0 && all[active]) {
        event.preventDefault();
        window.location.assign(all[active].getAttribute("data-href"));
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); open(false); }
      }
    });

    input.addEventListener("blur", function () {
      // Let a click on a suggestion land before the list closes.
      window.setTimeout(function () { open(false); }, 200);
    });

    list.addEventListener("mousedown", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) { event.preventDefault(); window.location.assign(option.getAttribute("data-href")); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[role=combobox]").forEach(setup);
  });
})();
