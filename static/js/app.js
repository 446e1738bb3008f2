/* Behaviour every page shares, kept out of the markup so the Content-Security-Policy
   can refuse inline script:
   data-confirm="…"     on a button or link: ask before going on;
   data-autosubmit      on a field: submit its form when it changes (the language menu);
   data-check-all="n"   on a checkbox: tick or untick every checkbox named n. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    const asker = event.target.closest("[data-confirm]");
    if (asker && !window.confirm(asker.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  });
  document.addEventListener("change", function (event) {
    const field = event.target;
    if (field.matches("[data-autosubmit]") && field.form) field.form.submit();
    if (field.matches("[data-check-all]")) {
      document.querySelectorAll(`input[type=checkbox][name="${field.dataset.checkAll}"]`).forEach(function (box) {
        box.checked = field.checked;
      });
    }
  });
})();
