/* HR score grid: keyboard moves, block paste from Excel, 0–100 check as you type,
   autosave of changed rows with retry; unsaved edits survive a reload (localStorage).
   Edits the server refuses for good (month closed or submitted, no permission) are dropped, from the page
   and from the browser, with a message; a read-only month drops any it finds. Only a bad cell (fix it) or
   a network error (retried) keeps them. Without JavaScript the form still posts the whole grid. */
(function () {
  "use strict";
  const form = document.getElementById("kpi-grid");
  if (!form) return;
  const zh = document.documentElement.lang.startsWith("zh");
  const T = zh
    ? { saving: "正在保存…", saved: "已保存", offline: "网络错误,修改已暂存,稍后自动重试", invalid: "请输入 0–100 的数字", bad: "有无效的分数,未保存",
        dropped: (n) => `浏览器中暂存的 ${n} 项修改未能保存,已丢弃。` }
    : { saving: "Saving…", saved: "Saved", offline: "Network error: changes kept, retrying", invalid: "Enter a number 0–100", bad: "Some scores are invalid: not saved",
        dropped: (n) => `${n} change(s) kept in this browser could not be saved and were dropped.` };
  const status = document.getElementById("grid-status");
  const key = "kpi-grid:" + [form.dataset.department, form.dataset.month, form.dataset.source].join(":");
  const rows = Array.from(form.querySelectorAll("tr[data-engineer]"));
  const grid = rows.map((tr) => Array.from(tr.querySelectorAll("input.kpi-cell")));
  let pending = {};
  try { pending = JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (e) { pending = {}; }
  let timer = null;
  let retry = null;
  function count(edits) { return Object.values(edits).reduce((n, cells) => n + Object.keys(cells).length, 0); }
  function say(text, cls) { status.textContent = text; status.className = cls || ""; }

  // A closed or submitted month: nothing here can be saved, so edits kept from before are dropped, visibly.
  if (form.dataset.readOnly !== undefined) {
    const n = count(pending);
    localStorage.removeItem(key);
    if (n) say(T.dropped(n), "text-danger fw-semibold");  // the banner above says why
    return;
  }
  function drop(message) {
    // The server refused for good: forget the kept edits and show the saved values again.
    const n = count(pending);
    Object.entries(pending).forEach(([id, cells]) => Object.keys(cells).forEach((dim) => {
      const input = form.querySelector(`tr[data-engineer="${id}"] input[data-dim="${dim}"]`);
      if (input) { input.value = input.defaultValue; mark(input); }
    }));
    pending = {};
    localStorage.removeItem(key);
    say((message ? message + " " : "") + T.dropped(n), "text-danger fw-semibold");
  }

  function valid(text) {
    if (text.trim() === "") return true;
    if (!/^\d+(\.\d{1,2})?$/.test(text.trim())) return false;
    const v = Number(text);
    return v >= 0 && v <= 100;
  }
  function mark(input) {
    const ok = valid(input.value);
    input.classList.toggle("is-invalid", !ok);
    input.title = ok ? "" : T.invalid;
    let fb = input.parentElement.querySelector(".invalid-feedback");
    if (!ok) {
      if (!fb) { fb = document.createElement("div"); fb.className = "invalid-feedback"; input.after(fb); }
      fb.textContent = T.invalid;
    } else if (fb) fb.remove();
    return ok;
  }
  function remember(input) {
    const id = input.closest("tr").dataset.engineer;
    (pending[id] = pending[id] || {})[input.dataset.dim] = input.value.trim();
    localStorage.setItem(key, JSON.stringify(pending));
  }
  function schedule() { clearTimeout(timer); timer = setTimeout(save, 700); }

  async function save() {
    const ids = Object.keys(pending);
    if (!ids.length) return;
    if (form.querySelector("input.kpi-cell.is-invalid")) { say(T.bad, "text-danger"); return; }
    const batch = JSON.parse(JSON.stringify(pending));
    say(T.saving, "text-secondary");
    let res;
    try {
      res = await fetch(form.dataset.saveUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": form.querySelector("[name=csrfmiddlewaretoken]").value },
        body: JSON.stringify({ department: form.dataset.department, month: form.dataset.month, source: form.dataset.source, rows: batch }),
      });
    } catch (e) {
      say(T.offline, "text-warning");
      clearTimeout(retry); retry = setTimeout(save, 5000);
      return;
    }
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      if (res.status >= 500) { say(T.offline, "text-warning"); retry = setTimeout(save, 5000); return; }
      // Only bad cells can be fixed here; anything else (closed, submitted, forbidden) will never save.
      const fixable = (body.cells || []).some((c) => c.dimension);
      if (!fixable) { drop(body.message); return; }
      say(body.message || T.bad, "text-danger");
      (body.cells || []).forEach((c) => {
        const input = form.querySelector(`tr[data-engineer="${c.engineer}"] input[data-dim="${c.dimension}"]`);
        if (input) { input.classList.add("is-invalid"); input.title = c.message; }
      });
      return;
    }
    for (const id of ids) {
      for (const dim of Object.keys(batch[id])) if (pending[id] && pending[id][dim] === batch[id][dim]) delete pending[id][dim];
      if (pending[id] && !Object.keys(pending[id]).length) delete pending[id];
    }
    localStorage.setItem(key, JSON.stringify(pending));
    Object.entries(body.rows || {}).forEach(([id, out]) => {
      const tr = form.querySelector(`tr[data-engineer="${id}"]`);
      if (!tr) return;
      const score = tr.querySelector('[data-out="score"]');
      score.textContent = out.incomplete ? "" : (out.score ?? "");
      if (out.incomplete) {
        const badge = document.createElement("span");
        badge.className = "badge text-bg-warning";
        badge.dataset.testid = "incomplete";
        badge.textContent = out.incomplete;
        score.append(badge);
      }
      tr.querySelector('[data-out="band"]').textContent = out.band ?? "";
      tr.querySelector('[data-out="coefficient"]').textContent = out.coefficient ?? "";
      tr.querySelector('[data-out="pay"]').textContent = out.pay ? "¥" + out.pay : "";
    });
    say(T.saved, "text-success");
    if (Object.keys(pending).length) schedule();
  }

  function at(r, c) { return grid[r] && grid[r][c]; }
  function pos(input) {
    for (let r = 0; r < grid.length; r++) { const c = grid[r].indexOf(input); if (c >= 0) return [r, c]; }
    return [-1, -1];
  }
  function focus(r, c) { const t = at(r, c); if (t) { t.focus(); t.select(); } }

  grid.flat().forEach((input) => {
    input.addEventListener("input", () => { if (mark(input)) { remember(input); schedule(); } });
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
      if (!/[\t\n]/.test(text.trim())) return; // a single value: let the browser paste it
      ev.preventDefault();
      const [r0, c0] = pos(input);
      text.replace(/\r/g, "").replace(/\n$/, "").split("\n").forEach((line, i) => {
        line.split("\t").forEach((cell, j) => {
          const target = at(r0 + i, c0 + j);
          if (!target || target.readOnly) return;
          target.value = cell.trim();
          if (mark(target)) remember(target);
        });
      });
      schedule();
    });
  });

  // Edits kept from a failed save or a closed tab come back, and are saved again.
  Object.entries(pending).forEach(([id, cells]) => Object.entries(cells).forEach(([dim, value]) => {
    const input = form.querySelector(`tr[data-engineer="${id}"] input[data-dim="${dim}"]`);
    if (input) { input.value = value; mark(input); }
  }));
  if (Object.keys(pending).length) schedule();
  form.addEventListener("submit", () => localStorage.removeItem(key));
})();
