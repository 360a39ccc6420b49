/* pse serve: a keyboard-driven worksheet editor. Plain JavaScript, no library, nothing fetched from a network.
 * Every committed cell is sent to the server, validated by the study model and written to the YAML at once;
 * the server answers with the fresh worksheet revision, 422 (invalid, with the message) or 409 (conflict). */
"use strict";

const params = new URLSearchParams(location.search);
const projector = params.get("view") === "projector";
const token = params.get("token") || sessionStorage.getItem("pse-token") || "";
if (params.get("token")) sessionStorage.setItem("pse-token", params.get("token"));

const S = {
  lang: params.get("lang") || "", meta: null, sheet: params.get("sheet") || "", data: null,
  items: [], rows: [], r: 0, c: 1, editing: null, drafts: [], marks: {}, revision: "", busy: 0, loading: 0, reloadWanted: false,
  noneTexts: [],
};
const $ = (id) => document.getElementById(id);
const L = (key) => (S.meta && S.meta.labels[key]) || key;

async function call(method, path, body) {
  const sep = path.includes("?") ? "&" : "?";
  const url = path + (S.lang ? `${sep}lang=${encodeURIComponent(S.lang)}` : "");
  const headers = { "Content-Type": "application/json" };
  if (token) headers["X-PSE-Token"] = token;
  const response = await fetch(url, { method, headers, credentials: "same-origin",
                                      body: body === undefined ? undefined : JSON.stringify(body) });
  let data = {};
  try { data = await response.json(); } catch (e) { data = { error: response.statusText }; }
  return { status: response.status, ok: response.ok, data };
}

function status(text, kind) {
  const el = $("status");
  el.textContent = text || "";
  el.className = kind || "";
}

/* ---------------------------------------------------------------- loading */
async function loadMeta() {
  const res = await call("GET", "/api/meta");
  if (!res.ok) { status(res.data.error, "error"); return false; }
  S.meta = res.data;
  S.lang = res.data.lang;
  S.noneTexts = res.data.none_identified || [];
  document.documentElement.lang = S.lang;
  $("title").textContent = res.data.title;
  $("undo").textContent = L("undo") + " (Ctrl+Z)";
  $("lang").textContent = L("language");
  $("keymap").textContent = L("keys") + ": " + L("keymap");
  const link = new URL(location.href);
  link.searchParams.set("view", "projector");
  $("projector-link").href = link.toString();
  $("projector-link").textContent = L("projector");
  $("mode").textContent = projector ? `${L("projector")} (${L("read_only")})` : L("scribe");
  document.body.classList.toggle("projector", projector);
  $("projector-link").hidden = projector;
  if (!S.sheet || !res.data.sheets.some((s) => s.name === S.sheet)) S.sheet = res.data.sheets[0].name;
  renderTabs();
  return true;
}

function renderTabs() {
  const nav = $("tabs");
  nav.innerHTML = "";
  for (const sheet of S.meta.sheets) {
    const b = document.createElement("button");
    b.type = "button";
    b.tabIndex = -1;
    b.textContent = sheet.label;
    b.dataset.sheet = sheet.name;
    b.className = sheet.name === S.sheet ? "active" : "";
    b.addEventListener("click", () => openSheet(sheet.name));
    nav.appendChild(b);
  }
}

async function openSheet(name, keepCursor) {
  if (S.editing && name === S.sheet) { S.reloadWanted = true; return; }
  S.reloadWanted = false;
  if (name !== S.sheet) { S.drafts = []; S.marks = {}; }
  S.sheet = name;
  renderTabs();
  S.loading += 1;
  let res;
  try { res = await call("GET", `/api/sheets/${encodeURIComponent(name)}`); } finally { S.loading -= 1; }
  if (!res.ok) { status(res.data.error, "error"); return; }
  if (S.editing) { S.reloadWanted = true; return; }
  const cursorId = keepCursor ? currentRowId() : null;
  S.drafts = S.drafts.filter((d) => d.draft);
  S.data = res.data;
  S.revision = res.data.revision;
  buildItems();
  if (cursorId) {
    const i = S.rows.findIndex((it) => it.row.id === cursorId);
    if (i >= 0) S.r = i;
  }
  S.r = Math.min(S.r, Math.max(0, S.rows.length - 1));
  S.c = Math.min(Math.max(S.c, 1), S.data.columns.length - 1);
  render();
  if (!projector) sendCursor();
}

function buildItems() {
  const groups = S.data.groups;
  S.items = [];
  const byGroup = {};
  for (const row of S.data.rows) (byGroup[row.group] = byGroup[row.group] || []).push(row);
  const names = groups.map((g) => g.id);
  for (const g of Object.keys(byGroup)) if (!names.includes(g)) groups.push({ id: g, label: g, intent: "" });
  for (const group of groups) {
    const members = (byGroup[group.id] || []).filter((r) => r.kind !== "empty");
    if (group.label || groups.length > 1) S.items.push({ type: "group", group });
    const drafts = S.drafts.filter((d) => d.group === group.id);
    for (const row of members) {
      S.items.push({ type: "row", row });
      for (const draft of drafts.filter((d) => d.after === row.id)) S.items.push({ type: "row", row: draft });
    }
    const ids = new Set(members.map((r) => r.id));
    for (const draft of drafts.filter((d) => !ids.has(d.after))) S.items.push({ type: "row", row: draft });
  }
  S.rows = S.items.filter((it) => it.type === "row");
}

/* ---------------------------------------------------------------- rendering */
function render() {
  const cols = S.data.columns;
  const table = document.createElement("table");
  const colgroup = document.createElement("colgroup");
  for (const col of cols) {
    const el = document.createElement("col");
    el.style.width = col.width + "px";
    colgroup.appendChild(el);
  }
  table.appendChild(colgroup);
  table.style.width = cols.reduce((sum, col) => sum + col.width, 0) + "px";
  const head = table.createTHead().insertRow();
  for (const col of cols) {
    const th = document.createElement("th");
    th.textContent = col.label;
    head.appendChild(th);
  }
  const body = table.createTBody();
  let index = 0;
  for (const item of S.items) {
    const tr = body.insertRow();
    if (item.type === "group") {
      tr.className = "group";
      const td = tr.insertCell();
      td.colSpan = cols.length;
      const head = document.createElement("div");   // title and intent side by side, pinned together
      head.className = "group-head";
      const name = document.createElement("span");
      name.className = "group-name";
      name.textContent = item.group.label;
      head.appendChild(name);
      if (item.group.intent) {
        const span = document.createElement("span");
        span.className = "intent";
        span.textContent = `${L("design_intent")}: ${item.group.intent}`;
        head.appendChild(span);
      }
      td.appendChild(head);
      continue;
    }
    const row = item.row;
    const r = index++;
    tr.dataset.row = row.id || "";
    tr.dataset.index = r;
    if (row.suggested) tr.classList.add("suggested");
    if (row.draft) tr.classList.add("draft");
    if (r === S.r) tr.classList.add("cursor-row");
    cols.forEach((col, c) => {
      const td = tr.insertCell();
      td.dataset.col = col.key;
      const mark = S.marks[markKey(row, col.key)];
      const pending = row.pending && col.key in row.pending;
      td.textContent = mark ? mark.value : pending ? row.pending[col.key] : (row.cells[col.key] || "");
      if (!col.editable) td.classList.add(col.options || !(row.colours || {})[col.key] ? "ro" : "computed");
      if ((row.colours || {})[col.key]) {
        td.style.background = row.colours[col.key];
        td.style.color = textColour(row.colours[col.key]);
        td.classList.add("computed");
      }
      if (pending) td.classList.add("pending");
      if (mark) { td.classList.add(mark.kind); td.title = mark.message; }
      if (r === S.r && c === S.c) td.classList.add("cursor");
      td.addEventListener("mousedown", (e) => { if (S.editing) commit(); S.r = r; S.c = c; render(); sendCursor();
                                                 e.preventDefault(); $("sheet").focus(); });
      td.addEventListener("dblclick", () => startEdit());
    });
  }
  if (!S.rows.length) {
    const tr = body.insertRow();
    const td = tr.insertCell();
    td.colSpan = cols.length;
    td.textContent = L("empty_sheet");
  }
  const holder = $("sheet");
  const scroll = [holder.scrollLeft, holder.scrollTop];
  holder.innerHTML = "";
  holder.appendChild(table);
  [holder.scrollLeft, holder.scrollTop] = scroll;
  ensureVisible(holder, cursorCell(), table);
  renderDraftHint();
  if (!projector) loadSuggestions();
}

function ensureVisible(holder, cell, table) {
  if (!cell) return;
  const top = cell.parentElement.offsetTop;
  const header = table.tHead ? table.tHead.offsetHeight : 0;
  const first = table.tBodies[0].rows[0] ? table.tBodies[0].rows[0].cells[0].offsetWidth : 0;
  if (top - header < holder.scrollTop) holder.scrollTop = top - header;
  else if (top + cell.offsetHeight > holder.scrollTop + holder.clientHeight)
    holder.scrollTop = top + cell.offsetHeight - holder.clientHeight;
  const left = cell.offsetLeft;
  if (left - first < holder.scrollLeft) holder.scrollLeft = Math.max(0, left - first);
  else if (left + cell.offsetWidth > holder.scrollLeft + holder.clientWidth)
    holder.scrollLeft = left + cell.offsetWidth - holder.clientWidth;
}

function textColour(fill) {
  const n = parseInt(fill.replace("#", ""), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.299 * r + 0.587 * g + 0.114 * b < 140 ? "#fff" : "#000";
}

const markKey = (row, key) => `${row.id || row.draftId}|${key}`;
const currentRow = () => (S.rows[S.r] || {}).row;
const currentRowId = () => (currentRow() || {}).id;
const currentCol = () => S.data.columns[S.c];
function cursorCell() {
  const tr = document.querySelector(`tr[data-index="${S.r}"]`);
  return tr ? tr.cells[S.c] : null;
}

function renderDraftHint() {
  const row = currentRow();
  if (row && (row.draft || row.kind === "deviation") && row.pending && Object.keys(row.pending).length) {
    const missing = missingFor(row);
    if (missing.length) status(`${L("draft")} ${missing.map(label).join(", ")}`, "warn");
  }
}
const label = (key) => (S.data.columns.find((c) => c.key === key) || { label: key }).label;

/* ---------------------------------------------------------------- editing */
function startEdit(initial) {
  if (projector) return;
  const row = currentRow();
  const col = currentCol();
  if (!row || !col || !col.editable) return;
  const td = cursorCell();
  const mark = S.marks[markKey(row, col.key)];
  const start = initial !== undefined ? initial
    : mark ? mark.value : row.pending && col.key in row.pending ? row.pending[col.key] : (row.cells[col.key] || "");
  const multiline = col.multiline || start.includes("\n");
  const editor = document.createElement(multiline ? "textarea" : "input");
  editor.className = "editor";
  editor.value = start;
  if (multiline) editor.rows = Math.max(2, start.split("\n").length + 1);
  td.textContent = "";
  td.classList.add("editing");
  td.appendChild(editor);
  if (col.options) {
    const list = document.createElement("datalist");
    list.id = "options-" + col.key;
    col.options.forEach((option) => { const o = document.createElement("option"); o.value = option; list.appendChild(o); });
    td.appendChild(list);
    editor.setAttribute("list", list.id);
  }
  S.editing = { editor, row, col, before: row.cells[col.key] || "" };
  editor.focus();
  editor.setSelectionRange(editor.value.length, editor.value.length);
  editor.addEventListener("keydown", editorKey);
  editor.addEventListener("blur", () => { if (S.editing && S.editing.editor === editor) commit(); });
}

function editorKey(e) {
  e.stopPropagation();   // the sheet's own keys must not act on the editor's keys
  if (e.key === "Escape") { e.preventDefault(); cancelEdit(); return; }
  if (e.key === "Enter" && (e.altKey || e.shiftKey)) {
    e.preventDefault();
    const ed = e.target;
    const at = ed.selectionStart;
    if (ed.tagName === "INPUT") {   // grow into a textarea for a second line
      const value = ed.value.slice(0, at) + "\n" + ed.value.slice(at);
      cancelEdit();
      startEdit(value);
    } else {
      ed.value = ed.value.slice(0, at) + "\n" + ed.value.slice(ed.selectionEnd);
      ed.selectionStart = ed.selectionEnd = at + 1;
      ed.rows += 1;
    }
    return;
  }
  if (e.key === "Enter" && !e.ctrlKey) { e.preventDefault(); commit(); return; }
  if (e.key === "Tab") { e.preventDefault(); commit(); move(0, e.shiftKey ? -1 : 1, true); return; }
  if (e.key === "Enter" && e.ctrlKey) { e.preventDefault(); commit(); newRow(); }
}

function cancelEdit() {
  S.editing = null;
  afterEdit();
}

async function commit() {
  const ed = S.editing;
  if (!ed) return;
  S.editing = null;
  const value = ed.editor.value;
  const row = ed.row;
  const key = ed.col.key;
  const shown = row.pending && key in row.pending ? row.pending[key] : ed.before;
  const mark = S.marks[markKey(row, key)];
  delete S.marks[markKey(row, key)];
  if (value === shown && !mark) { afterEdit(); return; }
  row.pending = row.pending || {};
  row.pending[key] = value;
  afterEdit();
  send(row, key);
}

function afterEdit() {
  if (S.reloadWanted) { openSheet(S.sheet, true); } else { render(); }
  $("sheet").focus();
}

function missingFor(row) {
  const have = (k) => ((row.pending || {})[k] ?? row.cells[k] ?? "").trim() !== "";
  if (row.draft) return S.data.required.filter((k) => !have(k));
  if (row.kind === "deviation") {
    const cause = ((row.pending || {}).cause ?? "").trim().toLowerCase();
    const scenarioKeys = Object.keys(row.pending || {}).filter((k) => !["notes", "deviation", "guide_word",
                                                                        "parameter"].includes(k));
    if (!scenarioKeys.length || S.noneTexts.includes(cause)) return [];
    return ["cause", "consequence"].filter((k) => !have(k));
  }
  return [];
}

let queue = Promise.resolve();
function send(row, key) {
  if (missingFor(row).length) { renderDraftHint(); return queue; }
  queue = queue.then(() => sendNow(row, key)).catch((e) => status(String(e), "error"));
  return queue;
}

async function sendNow(row, key) {
  const sent = { ...(row.pending || {}) };
  if (!Object.keys(sent).length) return;
  S.busy += 1;
  status(L("saving"));
  let res;
  if (row.draft) {
    res = await call("POST", `/api/sheets/${S.sheet}/rows`, { group: row.group, values: sent });
  } else {
    const base = {};
    for (const k of Object.keys(sent)) base[k] = row.cells[k] || "";
    res = await call("PATCH", `/api/sheets/${S.sheet}/cells`, { row: row.id, changes: sent, base });
  }
  S.busy -= 1;
  for (const k of Object.keys(sent)) if (row.pending[k] === sent[k]) delete row.pending[k];
  if (res.ok) {
    const newId = res.data.row;
    Object.assign(row.cells, sent, res.data.values || {});   // what the study holds now: the next base
    if (row.draft) { row.draft = false; row.kind = "scenario"; }
    row.id = newId;
    status(`${L("saved")}: ${newId}`, "ok");
    if (Object.keys(row.pending).length) return sendNow(row, key);
    await openSheet(S.sheet, true);
    return;
  }
  const failedKey = res.data.key || key;
  const message = { value: sent[failedKey] ?? "", message: res.data.error };
  if (res.status === 409) {
    showConflict(row, failedKey, sent[failedKey], res.data.current, res.data.error);
    S.marks[markKey(row, failedKey)] = { kind: "conflicted", ...message };
  } else {
    S.marks[markKey(row, failedKey)] = { kind: "invalid", ...message };
    status(`${L("refused")}: ${res.data.error}`, "error");
  }
  if (row.draft) Object.assign(row.pending, sent, row.pending);   // a draft keeps what was typed
  if (!S.editing) render();
}

function showConflict(row, key, mine, theirs, message) {
  const box = $("conflict");
  box.hidden = false;
  box.innerHTML = "";
  const p = document.createElement("p");
  p.textContent = `${L("conflict")} (${row.id}, ${label(key)}). ${L("your_value")}: “${mine}” · ${L("their_value")}: “${theirs}”`;
  p.className = "conflict-text";
  box.appendChild(p);
  const mineButton = document.createElement("button");
  mineButton.textContent = L("use_mine");
  mineButton.addEventListener("click", async () => {
    box.hidden = true;
    delete S.marks[markKey(row, key)];
    await openSheet(S.sheet, true);
    const fresh = currentRow();
    if (fresh && fresh.id === row.id) { fresh.pending = { [key]: mine }; await send(fresh, key); }
  });
  const theirsButton = document.createElement("button");
  theirsButton.textContent = L("keep_theirs");
  theirsButton.addEventListener("click", async () => {
    box.hidden = true;
    delete S.marks[markKey(row, key)];
    await openSheet(S.sheet, true);
  });
  box.append(mineButton, theirsButton);
  status(message, "error");
}

function groupOfCursor() {
  const row = currentRow();
  if (row) return row.group;
  const groups = S.data.groups;
  return groups.length ? groups[0].id : "";
}

let draftCounter = 0;
function newRow(values) {
  if (projector) return;
  const group = groupOfCursor();
  const row = currentRow();
  const draft = { id: "", draftId: `draft-${++draftCounter}`, draft: true, group, kind: "draft", cells: {},
                  colours: {}, pending: {}, after: row && row.id };
  if (S.sheet === "hazop" && row && !values) {   // same deviation as the row above: the usual next row
    draft.pending.guide_word = row.cells.guide_word || "";
    draft.pending.parameter = row.cells.parameter || "";
  }
  Object.assign(draft.pending, values || {});
  S.drafts.push(draft);
  buildItems();
  S.r = S.rows.findIndex((it) => it.row === draft);
  S.c = firstEmptyColumn(draft);
  render();
  sendCursor();
}

function firstEmptyColumn(row) {
  const empty = (c) => c.editable && !((row.pending || {})[c.key] || row.cells[c.key]);
  let i = S.data.columns.findIndex((c) => empty(c) && S.data.required.includes(c.key));
  if (i < 0) i = S.data.columns.findIndex(empty);
  return i >= 0 ? i : 1;
}

async function copyRow() {
  const row = currentRow();
  if (!row || row.draft || !row.id || projector) return;
  S.busy += 1;
  const res = await call("POST", `/api/sheets/${S.sheet}/copy`, { row: row.id, group: row.group });
  S.busy -= 1;
  if (!res.ok) { status(`${L("refused")}: ${res.data.error}`, "error"); return; }
  status(`${L("copy_row")}: ${row.id} → ${res.data.row}`, "ok");
  await openSheet(S.sheet);
  const i = S.rows.findIndex((it) => it.row.id === res.data.row);
  if (i >= 0) { S.r = i; render(); }
}

async function undo() {
  if (projector) return;
  const res = await call("POST", "/api/undo", {});
  if (!res.ok) { status(res.status === 409 && res.data.error === "nothing to undo" ? L("nothing_to_undo")
                                                                                  : res.data.error, "error"); return; }
  status(`${L("undo")}: ${res.data.row}`, "ok");
  if (res.data.sheet && res.data.sheet !== S.sheet) S.sheet = res.data.sheet;
  await openSheet(S.sheet, true);
}

/* ---------------------------------------------------------------- keyboard */
// Tab (editableOnly) skips the columns pse computes (risk, proposed safeguards), as a form does;
// the arrow keys reach every cell.
function move(dr, dc, editableOnly) {
  const cols = S.data.columns.length;
  let c = S.c + dc;
  let r = S.r + dr;
  const wrap = () => {
    if (c >= cols) { c = 1; r += 1; }
    if (c < 1) { c = cols - 1; r -= 1; }
  };
  wrap();
  for (let guard = 0; editableOnly && dc && guard < cols && !S.data.columns[c].editable; guard++) {
    c += dc;
    wrap();
  }
  S.r = Math.max(0, Math.min(S.rows.length - 1, r));
  S.c = Math.max(1, Math.min(cols - 1, c));
  render();
  sendCursor();
}

function sheetKey(e) {
  if (S.editing || !S.data) return;
  if (projector) return;
  const k = e.key;
  if ((e.altKey && (k === "n" || k === "N")) || (e.ctrlKey && k === "Enter")) { e.preventDefault(); newRow(); return; }
  if (e.ctrlKey && (k === "d" || k === "D")) { e.preventDefault(); copyRow(); return; }
  if (e.ctrlKey && (k === "z" || k === "Z")) { e.preventDefault(); undo(); return; }
  const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  if (moves[k]) { e.preventDefault(); move(...moves[k]); return; }
  if (k === "Tab") { e.preventDefault(); move(0, e.shiftKey ? -1 : 1, true); return; }
  if (k === "Enter" || k === "F2") { e.preventDefault(); startEdit(); return; }
  if (k === "Escape") { $("conflict").hidden = true; return; }
  if ((k === "Delete" || k === "Backspace") && currentCol() && currentCol().editable) {
    e.preventDefault(); startEdit(""); return;
  }
  if (k.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); startEdit(k); }
}

/* ---------------------------------------------------------------- suggestions */
let suggestFor = "";
async function loadSuggestions() {
  const row = currentRow();
  const side = $("side");
  if (S.sheet !== "hazop" || !row || !row.id) { side.hidden = true; suggestFor = ""; return; }
  if (suggestFor === row.id) return;
  suggestFor = row.id;
  const res = await call("GET", `/api/sheets/hazop/suggestions?row=${encodeURIComponent(row.id)}`);
  if (!res.ok || suggestFor !== row.id) return;
  side.hidden = false;
  $("side-title").textContent = `${L("suggestions")}: ${row.id}`;
  $("side-note").textContent = L("suggested_note");
  const list = $("suggestions");
  list.innerHTML = "";
  if (!res.data.suggestions.length) { list.textContent = L("no_suggestions"); return; }
  for (const s of res.data.suggestions) {
    const div = document.createElement("div");
    div.className = "suggestion";
    const src = document.createElement("div");
    src.className = "src";
    src.textContent = s.source + (s.score !== undefined ? ` · ${L("score")} ${s.score}` : "");
    const text = document.createElement("div");
    text.textContent = `${s.cause} → ${s.consequence}` + (s.safeguards ? `\n${s.safeguards}` : "");
    text.style.whiteSpace = "pre-wrap";
    const add = document.createElement("button");
    add.type = "button";
    add.tabIndex = -1;
    add.textContent = L("add_suggested");
    add.addEventListener("click", async () => {
      const values = { guide_word: row.cells.guide_word, parameter: row.cells.parameter, cause: s.cause,
                       consequence: s.consequence, category: s.category || "", safeguards: s.safeguards || "" };
      const r = await call("POST", "/api/sheets/hazop/rows", { group: row.group, values, origin: "suggested" });
      if (!r.ok) { status(`${L("refused")}: ${r.data.error}`, "error"); return; }
      status(`${L("saved")}: ${r.data.row}`, "ok");
      suggestFor = "";
      await openSheet("hazop", true);
    });
    div.append(src, text, add);
    list.appendChild(div);
  }
}

/* ---------------------------------------------------------------- cursor sharing */
let cursorTimer = null;
function sendCursor() {
  if (projector || !S.data) return;
  clearTimeout(cursorTimer);
  cursorTimer = setTimeout(() => {
    const col = currentCol();
    call("POST", "/api/cursor", { sheet: S.sheet, row: currentRowId() || "", col: col ? col.key : "" });
  }, 80);
}

async function poll() {
  try {
    const res = await call("GET", "/api/state");
    if (res.ok && S.data) {
      const { revision, cursor } = res.data;
      if (projector && cursor && cursor.sheet) {
        if (cursor.sheet !== S.sheet || revision !== S.revision) await openSheet(cursor.sheet);
        const r = S.rows.findIndex((it) => it.row.id === cursor.row);
        const c = S.data.columns.findIndex((col) => col.key === cursor.col);
        if ((r >= 0 && r !== S.r) || (c >= 0 && c !== S.c)) {
          if (r >= 0) S.r = r;
          if (c >= 0) S.c = c;
          render();
        }
      } else if (revision !== S.revision && !S.editing && !S.busy) {
        await openSheet(S.sheet, true);
      }
    }
  } finally {
    setTimeout(poll, projector ? 400 : 1500);
  }
}

async function main() {
  if (!(await loadMeta())) return;
  $("sheet").addEventListener("keydown", sheetKey);
  $("undo").addEventListener("click", undo);
  $("lang").addEventListener("click", async () => {
    S.lang = S.lang === "en" ? "zh-TW" : "en";
    const url = new URL(location.href);
    url.searchParams.set("lang", S.lang);
    history.replaceState(null, "", url.toString());
    await loadMeta();
    await openSheet(S.sheet, true);
  });
  await openSheet(S.sheet);
  $("sheet").focus();
  setTimeout(poll, 400);
}

main();
