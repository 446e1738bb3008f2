// A checkbox with data-select-all="NAME" ticks or clears every checkbox named NAME in its form
// (no inline handlers: the CSP forbids them).
document.addEventListener("change", (event) => {
  const box = event.target;
  const name = box.dataset && box.dataset.selectAll;
  if (!name || !box.form) return;
  box.form.querySelectorAll("input[type=checkbox]").forEach((other) => {
    if (other.name === name) other.checked = box.checked;
  });
});
