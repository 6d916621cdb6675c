// The `handout preview` page: shows the last good PDF of the chosen view with pdf.js (served by the
// preview server from the package), follows rebuilds over server-sent events, lists diagnostics.
import * as pdfjsLib from '/pdfjs/pdf.mjs';

pdfjsLib.GlobalWorkerOptions.workerSrc = '/pdfjs/pdf.worker.mjs';

const $ = (id) => document.getElementById(id);
const pagesEl = $('pages');
const thumbList = $('thumb-list');
const VIEW_KEYS = ['guide', 'lang', 'clinic', 'template', 'paper', 'fillable'];
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

let source;
let shown = { query: null, version: null };
let doc = null;
let zoom = new URLSearchParams(location.search).get('zoom') === '100' ? 'actual' : 'fit';
let renderToken = 0;

/** The view part of the page's query (what the server builds). */
function viewQuery() {
  const q = new URLSearchParams(location.search);
  const out = new URLSearchParams();
  for (const k of VIEW_KEYS) if (q.has(k)) out.set(k, q.get(k));
  return out.toString();
}

function setUrl(viewQ, push) {
  const q = new URLSearchParams(viewQ);
  if (zoom === 'actual') q.set('zoom', '100');
  const url = `${location.pathname}?${q}`;
  if (url !== `${location.pathname}${location.search}`) history[push ? 'pushState' : 'replaceState'](null, '', url);
}

function connect() {
  if (source) source.close();
  document.body.dataset.state = 'connecting';
  source = new EventSource(`/api/events?${viewQuery()}`);
  source.addEventListener('state', (e) => onState(JSON.parse(e.data)));
  const mine = source;
  source.onerror = async () => {
    if (mine.readyState !== EventSource.CLOSED) {
      $('status').textContent = 'Lost the connection to handout preview; retrying…';
      return;
    }
    // refused (a link naming a guide or clinic that does not exist): say why
    const r = await fetch(`/api/state?${viewQuery()}`).catch(() => null);
    $('status').textContent = r && !r.ok ? `Cannot show this view: ${(await r.text()).trim()}` : 'handout preview has stopped.';
  };
}

function fillSelect(select, items, value) {
  select.replaceChildren(
    ...items.map((it) => {
      const o = document.createElement('option');
      o.value = it.value;
      o.textContent = it.label;
      o.selected = it.value === value;
      return o;
    }),
  );
}

function languageLabel(l) {
  let name = l.lang;
  try {
    name = `${languageNames.of(l.lang)} (${l.lang})`;
  } catch {
    // an unusual tag: show it as written
  }
  const mark = { source: ' — source', current: '', stale: ' — stale', missing: ' — missing' }[l.state] ?? '';
  return name + mark;
}

function onState(s) {
  const v = s.view;
  const c = s.choices;
  fillSelect(
    $('guide'),
    c.guides.map((g) => ({ value: g, label: g })),
    v.guide,
  );
  fillSelect(
    $('lang'),
    c.languages.map((l) => ({ value: l.lang, label: languageLabel(l) })),
    v.lang,
  );
  fillSelect(
    $('clinic'),
    c.clinics.map((x) => ({ value: x, label: x })),
    v.clinic,
  );
  fillSelect(
    $('template'),
    c.templates.map((t) => ({ value: t.id, label: t.label })),
    v.template,
  );
  const paperLabel = { clinic: "Clinic's paper", letter: 'Letter', a4: 'A4' };
  fillSelect(
    $('paper'),
    c.papers.map((p) => ({ value: p, label: paperLabel[p] ?? p })),
    v.paper,
  );
  $('fillable').checked = v.fillable;
  setUrl(s.query, false);

  $('translation').textContent = s.translation.note;
  $('command').replaceChildren('Download = ', Object.assign(document.createElement('code'), { textContent: s.command }));
  const ph = s.live.placeholders;
  $('placeholders').hidden = ph.length === 0;
  $('placeholders').textContent = ph.length ? `Fill-in fields are shown by name: ${ph.map((n) => `[${n}]`).join(', ')}.` : '';
  // the download is what `handout build` writes: nothing while the build fails or needs fill-in values
  const download = $('download');
  const why =
    s.live.ok === false ? 'Fix the errors to download' : ph.length ? 'This guide needs fill-in values: use handout build --fill' : '';
  if (why) {
    download.removeAttribute('href');
    download.setAttribute('aria-disabled', 'true');
    download.textContent = `Download PDF (${why.toLowerCase()})`;
  } else {
    download.href = `/api/download?${s.query}`;
    download.removeAttribute('aria-disabled');
    download.textContent = 'Download PDF';
  }

  const live = s.live;
  const errors = live.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = live.diagnostics.length - errors;
  const count = (n, w) => `${n} ${w}${n === 1 ? '' : 's'}`;
  let status;
  if (live.building) status = 'Building…';
  else if (live.ok === false) status = `Build failed with ${count(errors, 'error')}.`;
  else if (live.ok) status = `Built ${count(live.pdf.pages, 'page')} in ${live.durationMs} ms (${count(warnings, 'warning')}).`;
  else status = 'Waiting for the first build…';
  $('status').textContent = status;

  const banner = $('error-banner');
  if (live.ok === false) {
    banner.hidden = false;
    banner.textContent = live.pdf
      ? `${count(errors, 'error')} in the last build: the pages below are from the last good build and are out of date.`
      : `${count(errors, 'error')}: there is no good build of this view yet.`;
  } else {
    banner.hidden = true;
    banner.textContent = '';
  }
  pagesEl.classList.toggle('stale', live.stale);
  renderDiagnostics(live.diagnostics);
  document.body.dataset.state = live.building ? 'building' : live.ok ? 'ok' : live.ok === false ? 'failed' : 'waiting';

  if (live.pdf && (live.pdf.version !== shown.version || s.query !== shown.query)) void showPdf(s.query, live.pdf);
  else if (!live.pdf && s.query !== shown.query) clearPages(s.query);
}

const sources = new Map();
async function excerpt(d) {
  if (!sources.has(d.file)) {
    sources.set(
      d.file,
      fetch(`/api/source?file=${encodeURIComponent(d.file)}`).then(
        (r) => (r.ok ? r.text() : null),
        () => null,
      ),
    );
  }
  const text = await sources.get(d.file);
  return text === null ? null : (text.split(/\r?\n/)[d.line - 1] ?? null);
}

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const ta = document.createElement('textarea');
    ta.value = text;
    document.body.append(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    return ok;
  }
}

function renderDiagnostics(list) {
  sources.clear();
  $('no-diagnostics').hidden = list.length > 0;
  const items = list.map((d) => {
    const li = document.createElement('li');
    li.className = `diagnostic ${d.severity}`;
    const loc = document.createElement('button');
    loc.type = 'button';
    loc.className = 'location';
    loc.textContent = d.location;
    loc.title = 'Copy the location';
    loc.addEventListener('click', async () => {
      const ok = await copy(d.location);
      $('notice').textContent = ok ? `Copied ${d.location}` : `Could not copy; the location is ${d.location}`;
    });
    const sev = Object.assign(document.createElement('span'), { className: 'severity', textContent: d.severity });
    const msg = Object.assign(document.createElement('span'), { className: 'message', textContent: d.message });
    const rule = Object.assign(document.createElement('code'), { className: 'rule', textContent: `[${d.ruleId}]` });
    const editor = document.createElement('a');
    editor.href = `vscode://file${d.file.startsWith('/') ? '' : '/'}${encodeURI(d.file)}:${d.line}:${d.column}`;
    editor.textContent = 'Open in VS Code';
    editor.setAttribute('aria-label', `Open in VS Code: ${d.location}`);
    const line = document.createElement('pre');
    line.className = 'excerpt';
    line.hidden = true;
    void excerpt(d).then((text) => {
      if (text === null) return;
      // a window of the line around the column, so the caret stays under it without scrolling
      const from = Math.max(0, d.column - 1 - 50);
      const shownText = (from > 0 ? '…' : '') + text.slice(from, from + 100) + (text.length > from + 100 ? '…' : '');
      const caret = d.column - 1 - from + (from > 0 ? 1 : 0);
      line.textContent = `${String(d.line).padStart(4)} | ${shownText}\n${' '.repeat(7 + Math.max(0, caret))}^`;
      line.hidden = false;
    });
    // a fix suggestion ("did you mean …") on its own line, as the command line prints it
    const hint = Object.assign(document.createElement('span'), { className: 'hint', textContent: d.hint ? `hint: ${d.hint}` : '' });
    hint.hidden = !d.hint;
    li.append(loc, ' ', sev, ' ', msg, ' ', rule, ' ', editor, hint, line);
    return li;
  });
  $('diagnostics').replaceChildren(...items);
}

function clearPages(query) {
  renderToken++;
  shown = { query, version: null };
  pagesEl.replaceChildren();
  thumbList.replaceChildren();
}

/** The page at the top of the scrolled pages and how far into it (0–1). */
function anchor() {
  const top = pagesEl.scrollTop;
  for (const el of pagesEl.querySelectorAll('.page')) {
    if (el.offsetTop + el.offsetHeight > top)
      return { page: Number(el.dataset.page), frac: Math.max(0, (top - el.offsetTop) / el.offsetHeight) };
  }
  return { page: 1, frac: 0 };
}

function scaleFor(page) {
  const unscaled = page.getViewport({ scale: 1 });
  if (zoom === 'actual') return pdfjsLib.PixelsPerInch.PDF_TO_CSS_UNITS;
  return Math.max(0.2, (pagesEl.clientWidth - 48) / unscaled.width);
}

async function showPdf(query, pdfInfo) {
  const token = ++renderToken;
  const res = await fetch(`/api/pdf?${query}&v=${pdfInfo.version}`);
  if (!res.ok || token !== renderToken) return;
  const data = new Uint8Array(await res.arrayBuffer());
  const next = await pdfjsLib.getDocument({ data, isEvalSupported: false, enableXfa: false }).promise;
  if (token !== renderToken) return void next.destroy();
  const keep = anchor();
  const old = doc;
  doc = next;
  shown = { query, version: pdfInfo.version };
  await layoutPages(token, keep);
  if (old) void old.destroy();
}

async function layoutPages(token, keep) {
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) pages.push(await doc.getPage(i));
  if (token !== renderToken) return;
  const slots = pages.map((page, i) => {
    const scale = scaleFor(page);
    const viewport = page.getViewport({ scale });
    const el = document.createElement('section');
    el.className = 'page';
    el.dataset.page = String(i + 1);
    el.id = `page-${i + 1}`;
    el.setAttribute('aria-label', `Page ${i + 1} of ${pages.length}`);
    el.style.width = `${Math.floor(viewport.width)}px`;
    el.style.height = `${Math.floor(viewport.height)}px`;
    for (const [k, val] of [
      ['--scale-factor', scale],
      ['--total-scale-factor', scale],
      ['--user-unit', 1],
      ['--scale-round-x', '1px'],
      ['--scale-round-y', '1px'],
    ]) {
      el.style.setProperty(k, String(val));
    }
    const canvas = document.createElement('canvas');
    canvas.setAttribute('aria-hidden', 'true');
    const text = document.createElement('div');
    text.className = 'textLayer';
    el.append(canvas, text);
    return { page, viewport, el, canvas, text, placeholder: null };
  });
  // until its new drawing is ready, each page keeps the old one (no blank flash on every save)
  const oldCanvases = [...pagesEl.querySelectorAll('.page')].map((el) => el.querySelector('canvas'));
  for (const [i, s] of slots.entries()) {
    const old = oldCanvases[i];
    if (old && old.style.width === `${Math.floor(s.viewport.width)}px` && old.style.height === `${Math.floor(s.viewport.height)}px`) {
      s.el.replaceChild(old, s.canvas);
      s.placeholder = old;
    }
  }
  pagesEl.replaceChildren(...slots.map((s) => s.el));
  const target = pagesEl.querySelector(`.page[data-page="${Math.min(keep.page, slots.length)}"]`);
  if (target) pagesEl.scrollTop = target.offsetTop + keep.frac * target.offsetHeight;
  thumbList.replaceChildren(...slots.map((s, i) => thumb(s, i + 1)));
  markCurrent();
  // text first (cheap; what readers, search and tests read), then drawings from the page in view on
  for (const s of slots) {
    if (token !== renderToken) return;
    const layer = new pdfjsLib.TextLayer({ textContentSource: s.page.streamTextContent(), container: s.text, viewport: s.viewport });
    await layer.render();
  }
  const first = Math.min(keep.page, slots.length) - 1;
  const order = [...slots.slice(first), ...slots.slice(0, first)];
  const dpr = window.devicePixelRatio || 1;
  for (const s of order) {
    if (token !== renderToken) return;
    s.canvas.width = Math.floor(s.viewport.width * dpr);
    s.canvas.height = Math.floor(s.viewport.height * dpr);
    s.canvas.style.width = `${Math.floor(s.viewport.width)}px`;
    s.canvas.style.height = `${Math.floor(s.viewport.height)}px`;
    const ctx = s.canvas.getContext('2d');
    await s.page.render({ canvasContext: ctx, viewport: s.viewport, transform: dpr !== 1 ? [dpr, 0, 0, dpr, 0, 0] : null }).promise;
    if (s.placeholder) s.placeholder.replaceWith(s.canvas);
  }
  for (const [i, s] of slots.entries()) {
    if (token !== renderToken) return;
    const tv = s.page.getViewport({ scale: 110 / s.page.getViewport({ scale: 1 }).width });
    const c = thumbList.children[i]?.querySelector('canvas');
    if (!c) continue;
    c.width = Math.floor(tv.width);
    c.height = Math.floor(tv.height);
    await s.page.render({ canvasContext: c.getContext('2d'), viewport: tv }).promise;
  }
  if (token !== renderToken) return;
  document.body.dataset.renderedVersion = String(shown.version);
  document.body.dataset.renderedQuery = shown.query;
  document.body.dataset.pages = String(slots.length);
}

function thumb(slot, n) {
  const li = document.createElement('li');
  const b = document.createElement('button');
  b.type = 'button';
  b.setAttribute('aria-label', `Go to page ${n}`);
  const c = document.createElement('canvas');
  c.setAttribute('aria-hidden', 'true');
  const label = Object.assign(document.createElement('span'), { textContent: String(n) });
  label.setAttribute('aria-hidden', 'true');
  b.append(c, label);
  b.addEventListener('click', () => {
    slot.el.scrollIntoView({ block: 'start' });
    pagesEl.focus({ preventScroll: true });
  });
  li.append(b);
  return li;
}

/** Marks the thumbnail of the page in view. */
function markCurrent() {
  const n = anchor().page;
  for (const [i, li] of [...thumbList.children].entries()) {
    const b = li.querySelector('button');
    if (i + 1 === n) b.setAttribute('aria-current', 'page');
    else b.removeAttribute('aria-current');
  }
}
let scrollFrame = 0;
pagesEl.addEventListener('scroll', () => {
  cancelAnimationFrame(scrollFrame);
  scrollFrame = requestAnimationFrame(markCurrent);
});

function setZoom(z) {
  zoom = z;
  $('zoom-fit').setAttribute('aria-pressed', String(z === 'fit'));
  $('zoom-actual').setAttribute('aria-pressed', String(z === 'actual'));
  setUrl(viewQuery(), false);
  if (doc) {
    const keep = anchor();
    void layoutPages(++renderToken, keep);
  }
}

$('view').addEventListener('change', () => {
  const q = new URLSearchParams();
  for (const k of VIEW_KEYS) if (k !== 'fillable') q.set(k, $(k).value);
  if ($('fillable').checked) q.set('fillable', '1');
  setUrl(q.toString(), true);
  $('status').textContent = 'Building…';
  connect();
});
$('view').addEventListener('submit', (e) => e.preventDefault());
$('zoom-fit').addEventListener('click', () => setZoom('fit'));
$('zoom-actual').addEventListener('click', () => setZoom('actual'));
window.addEventListener('popstate', () => connect());
let resizeTimer;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  if (zoom === 'fit') resizeTimer = setTimeout(() => setZoom('fit'), 150);
});
setZoom(zoom);
connect();
