// The scripts of every page in one file, one request on a slow connection:
// `npm run build` bundles and minifies this into build/site.min.js (esbuild),
// which templates/base.html loads with defer. Each part runs in the order it
// ran in as a script of its own.
import htmx from "htmx.org";
import "./bootstrap-toggles.js";
import "./search-combobox.js";
import "./error-summary.js";
import "./filterable-choices.js";
import "./map-details.js";

// As htmx's own script does: for hx-on handlers and the browser's console.
window.htmx = htmx;
// The Content Security Policy allows no inline <style>: htmx must not add its
// indicator styles (nothing here uses indicators), nor evaluate code.
htmx.config.includeIndicatorStyles = false;
htmx.config.allowEval = false;
