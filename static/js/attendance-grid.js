/* HR attendance grid: arrow keys and Enter move between cells, a block copied from Excel pastes
   across cells, each cell is checked as you type (half days, hours to 0.1), each row's days add up
   beside it against the days employed, Ctrl+S saves the whole grid. The server checks everything
   again; without JavaScript the form posts the same way. */
(function () {
  "use strict";
  const form = document.getElementById("attendance-grid");
  if (!form || form.dataset.readOnly !== undefined) return;
  const zh = document.documentElement.lang.startsWith("zh");
  const T = zh
    ? { days: "请输入 0 或以上的天数,以 0.5 为单位", hours: "请输入 0–300 的小时数,最多一位小数",
        over: (t, n) => `合计 ${t} 天,超过在职天数 ${n} 天`, fix: "请先改正标红的单元格", unsaved: "有未保存的修改" }
    : { days: "Enter days of 0 or more, in steps of 0.5", hours: "Enter hours 0–300, at most one decimal",
        over: (t, n) => `${t} days in total, more than the ${n} days employed`, fix: "Fix the cells in red first",
        unsaved: "Unsaved changes" };
  const status = document.getElementById("grid-status");
  const rows = Array.from(form.querySelectorAll("tr[data-engineer]"));
  const grid = rows.map((tr) => Array.from(tr.querySelectorAll("input.attendance-cell")));
  let dirty = false;

  function say(text, cls) { if (status) { status.textContent = text; status.className = "small " + (cls || ""); } }

  function problem(input) {
    const text = input.value.trim();
    if (text === "") return "";
    if (input.dataset.hours !== undefined) {
      return /^\d{1,3}(\.\d)?$/.test(text) && Number(text) <= 300 ? "" : T.hours;
    }
    return /^\d{1,2}(\.[05]0*)?$/.test(text) && Number(text) <= 31 ? "" : T.days;
  }

  function feedback(input, message) {
    let fb = input.parentElement.querySelector(".invalid-feedback");
    input.classList.toggle("is-invalid", Boolean(message));
    if (message) {
      if (!fb) { fb = document.createElement("div"); fb.className = "invalid-feedback"; input.after(fb); }
      fb.textContent = message;
    } else if (fb) fb.remove();
  }

  function total(tr) {
    const out = tr.querySelector("[data-total]");
    const cell = tr.querySelector('[data-out="total"]');
    if (!out) return;
    let sum = 0;
    tr.querySelectorAll("input.attendance-cell:not([data-hours])").forEach((input) => {
      const v = Number(input.value.trim() || "0");
      if (!Number.isNaN(v)) sum += v;
    });
    out.textContent = String(sum);
    const employed = Number(tr.dataset.employed);
    const over = sum > employed;
    cell.classList.toggle("text-danger", over);
    cell.classList.toggle("fw-semibold", over);
    cell.title = over ? T.over(sum, employed) : "";
  }

  function check(input) {
    feedback(input, problem(input));
    total(input.closest("tr"));
  }

  function pos(input) {
    for (let r = 0; r < grid.length; r++) { const c = grid[r].indexOf(input); if (c >= 0) return [r, c]; }
    return [-1, -1];
  }
  function focus(r, c) { const t = grid[r] && grid[r][c]; if (t) { t.focus(); t.select(); } }

  grid.flat().forEach((input) => {
    input.addEventListener("input", () => { dirty = true; say(T.unsaved, "text-secondary"); check(input); });
    input.addEventListener("keydown", (ev) => {
      const [r, c] = pos(input);
      if (ev.key === "Enter") { ev.preventDefault(); focus(ev.shiftKey ? r - 1 : r + 1, c); }
      else if (ev.key === "ArrowDown") { ev.preventDefault(); focus(r + 1, c); }
      else if (ev.key === "ArrowUp") { ev.preventDefault(); focus(r - 1, c); }
      else if (ev.key === "ArrowRight" && input.selectionStart === input.value.length) { ev.preventDefault(); focus(r, c + 1); }
      else if (ev.key === "ArrowLeft" && input.selectionStart === 0 && input.selectionEnd === 0) { ev.preventDefault(); focus(r, c - 1); }
    });
    input.addEventListener("paste", (ev) => {
      const text = (ev.clipboardData || window.clipboardData).getData("text");
      if (!/[\t\n]/.test(text.trim())) return; // one value: the browser pastes it
      ev.preventDefault();
      const [r0, c0] = pos(input);
      text.replace(/\r/g, "").replace(/\n$/, "").split("\n").forEach((line, i) => {
        line.split("\t").forEach((value, j) => {
          const target = grid[r0 + i] && grid[r0 + i][c0 + j];
          if (!target) return;
          target.value = value.trim();
          check(target);
        });
      });
      dirty = true;
      say(T.unsaved, "text-secondary");
    });
  });
  rows.forEach(total);

  document.addEventListener("keydown", (ev) => {
    if ((ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === "s") { ev.preventDefault(); form.requestSubmit(); }
  });
  form.addEventListener("submit", (ev) => {
    const bad = grid.flat().find((input) => problem(input));
    if (bad) { ev.preventDefault(); check(bad); say(T.fix, "text-danger"); bad.focus(); return; }
    dirty = false;
  });
  window.addEventListener("beforeunload", (ev) => { if (dirty) { ev.preventDefault(); ev.returnValue = ""; } });
})();
