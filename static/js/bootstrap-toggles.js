// What the templates ask of Bootstrap's JavaScript, in a few lines instead of
// its collapse and alert plugins (4.5 KB compressed, on every page): the menu
// button of small screens (data-bs-toggle="collapse") and the survey offer's
// "Not now" (data-bs-dismiss="alert"). The markup and classes are Bootstrap's,
// so its plugins could come back without touching a template. Without
// JavaScript, css/no-js.css keeps the menu open and "Not now" is a plain link.
document.addEventListener("click", (event) => {
  const toggle = event.target.closest('[data-bs-toggle="collapse"]');
  if (toggle) {
    const target = document.querySelector(toggle.dataset.bsTarget || toggle.getAttribute("href"));
    if (!target) return;
    event.preventDefault();
    const open = target.classList.toggle("show");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    return;
  }
  const dismiss = event.target.closest('[data-bs-dismiss="alert"]');
  const alert = dismiss && dismiss.closest(".alert");
  if (alert) {
    // The link stays a link for those without JavaScript: here it only closes.
    event.preventDefault();
    alert.remove();
  }
});
