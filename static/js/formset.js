// Add and remove the rows of a Django formset in the page, so a work order takes as many
// piece-rate lines and participants as it needs in one save. No inline handlers: the CSP forbids them.
//
// Markup: [data-formset] holds the management form, [data-formset-rows] with a [data-formset-row]
// per form, a <template data-formset-empty> with the formset's empty_form (prefix "__prefix__")
// and a [data-formset-add] button. Each row's DELETE checkbox ([data-formset-delete]) gives way to
// a [data-formset-remove] button that ticks it and hides the row: the server skips deleted rows.
(() => {
  function enhanceRow(row) {
    const holder = row.querySelector("[data-formset-delete]");
    const remove = row.querySelector("[data-formset-remove]");
    if (!holder || !remove) return;
    const box = holder.querySelector("input[type=checkbox]");
    holder.classList.add("d-none");
    remove.classList.remove("d-none");
    if (box && box.checked) row.classList.add("d-none"); // removed before a failed save: stays removed
  }

  function enhance(formset) {
    const prefix = formset.dataset.formset;
    const total = formset.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
    const rows = formset.querySelector("[data-formset-rows]");
    const empty = formset.querySelector("template[data-formset-empty]");
    const add = formset.querySelector("[data-formset-add]");
    if (!total || !rows || !empty || !add) return;
    rows.querySelectorAll("[data-formset-row]").forEach(enhanceRow);
    formset.querySelectorAll("[data-formset-nojs]").forEach((el) => el.classList.add("d-none"));
    add.classList.remove("d-none");

    add.addEventListener("click", () => {
      const index = Number.parseInt(total.value, 10);
      const holder = document.createElement("div");
      holder.innerHTML = empty.innerHTML.replaceAll("__prefix__", String(index));
      const row = holder.querySelector("[data-formset-row]");
      rows.appendChild(row);
      total.value = String(index + 1);
      enhanceRow(row);
      const first = row.querySelector("select, input:not([type=hidden]):not([type=checkbox])");
      if (first) first.focus();
    });

    rows.addEventListener("click", (event) => {
      const button = event.target.closest("[data-formset-remove]");
      if (!button) return;
      const row = button.closest("[data-formset-row]");
      const box = row.querySelector("[data-formset-delete] input[type=checkbox]");
      if (box) box.checked = true;
      row.classList.add("d-none");
      add.focus(); // keep the keyboard in the formset
    });
  }

  document.querySelectorAll("[data-formset]").forEach(enhance);
})();
