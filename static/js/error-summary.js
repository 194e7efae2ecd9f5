// After a failed form submission, move focus to the error summary so that
// keyboard and screen-reader users start from the list of what to fix
// (WCAG 3.3.1; GOV.UK's error summary pattern).
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
