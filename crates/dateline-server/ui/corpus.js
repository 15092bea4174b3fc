// Corpus view: search, a live view of the newest events and quotes with the
// watched feeds, events table, actor timeline (Chart.js), actor network
// (Cytoscape.js) and quotes by speaker. Chart and cytoscape are the vendored
// UMD globals loaded by corpus.html.
import {
  api, el, guarded, mountNav, query, showError, highlightBrackets,
  CAMEO_ROOTS, QUAD_CLASSES, cameoLabel, quadClass, goldsteinColour, formatNumber,
} from "./common.js";

const $ = (id) => document.getElementById(id);
const state = { offset: 0, timeline: null, network: null };
// The live view: `?live=MS` sets the poll interval (tests use ~500 ms); items kept per list.
const LIVE_DEFAULT_MS = 5000;
const LIVE_KEEP = 60;
const live = { newest: null, seen: { events: new Set(), quotes: new Set() }, polls: 0, busy: false, failing: false, timer: null };

mountNav("corpus");
setUp();

async function setUp() {
  $("ev-root").replaceChildren(
    el("option", { value: "" }, "any"),
    ...Object.entries(CAMEO_ROOTS).map(([code, label]) => el("option", { value: code }, `${code} ${label}`)),
  );
  $("search-form").addEventListener("submit", (e) => { e.preventDefault(); search(); });
  $("network-form").addEventListener("submit", (e) => { e.preventDefault(); loadNetwork(); });
  $("timeline-form").addEventListener("submit", (e) => { e.preventDefault(); loadTimeline(); });
  $("events-form").addEventListener("submit", (e) => { e.preventDefault(); state.offset = 0; loadEvents(); });
  $("ev-reset").addEventListener("click", () => {
    for (const id of ["ev-actor", "ev-target", "ev-root", "ev-since", "ev-until"]) $(id).value = "";
    state.offset = 0;
    loadEvents();
  });
  $("ev-prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - limit()); loadEvents(); });
  $("ev-next").addEventListener("click", () => { state.offset += limit(); loadEvents(); });

  const q = new URLSearchParams(location.search).get("q");
  if (q) { $("search-q").value = q; search(); }
  startLive();
  loadEvents();
  loadSpeakers();
  loadNetwork();
  const actors = await guarded(() => api("/v1/actors?top=100"));
  if (actors) {
    $("actor-list").replaceChildren(...actors.items.map((a) => el("option", { value: a.actor }, `${a.events} events`)));
    if (!$("timeline-actor").value && actors.items.length) $("timeline-actor").value = actors.items[0].actor;
  }
  loadTimeline();
}

// --- Search -------------------------------------------------------------------

async function search() {
  const q = $("search-q").value.trim();
  const list = $("search-results");
  if (!q) { list.replaceChildren(); return; }
  const data = await guarded(() => api(`/v1/search${query({ q, limit: 50 })}`));
  if (!data) { list.replaceChildren(); return; }
  list.dataset.count = data.items.length;
  list.replaceChildren(...(data.items.length ? data.items.map(searchResult) : [el("li", { class: "empty" }, `No matches for “${q}”.`)]));
}

function searchResult(r) {
  const href = `/?doc=${encodeURIComponent(r.document)}`;
  const title = r.kind === "quote"
    ? [`Quote${r.speaker ? ` by ${r.speaker}` : ""}`, el("span", { class: "muted" }, ` · ${r.headline || `document #${r.document}`}`)]
    : [r.headline || `Document #${r.document}`];
  return el("li", { class: `result result-${r.kind}` }, [
    el("div", {}, [
      el("span", { class: `badge kind-${r.kind === "quote" ? "direct" : "indirect"}` }, r.kind), " ",
      el("a", { class: "title", href }, title),
      r.published ? el("span", { class: "muted small" }, ` · ${r.published}`) : null,
    ]),
    el("div", { class: "snippet" }, highlightBrackets(r.text)),
  ]);
}

// --- Live view and feeds -----------------------------------------------------------

function liveInterval() {
  const ms = Number(new URLSearchParams(location.search).get("live"));
  return Number.isFinite(ms) && ms >= 100 ? ms : LIVE_DEFAULT_MS;
}

function startLive() {
  live.interval = liveInterval();
  document.addEventListener("visibilitychange", () => { if (!document.hidden) pollLive(); });
  pollLive();
}

/** One poll of `/v1/latest` and `/v1/feeds`, then the next one after the interval
 *  (none while the tab is hidden: coming back polls at once). */
async function pollLive() {
  if (live.busy) return;
  clearTimeout(live.timer);
  if (document.hidden) return;
  live.busy = true;
  try {
    await refreshLive();
  } finally {
    live.busy = false;
    live.timer = setTimeout(pollLive, live.interval);
  }
}

async function refreshLive() {
  const first = live.newest === null;
  const [latest, feeds] = await Promise.allSettled([
    api(`/v1/latest${query({ after: first ? null : live.newest, limit: first ? 25 : 100 })}`),
    api("/v1/feeds?limit=100"),
  ]);
  let added = { events: 0, quotes: 0 };
  if (latest.status === "fulfilled") {
    added = showLatest(latest.value, !first);
    live.newest = Math.max(live.newest ?? 0, Number(latest.value.newest_document) || 0);
  }
  if (feeds.status === "fulfilled") renderFeeds(feeds.value);

  const box = $("live");
  const status = $("live-status");
  const now = clock(new Date());
  const failures = [latest, feeds].filter((r) => r.status === "rejected").map((r) => r.reason);
  if (failures.length) {
    status.textContent = `update failed at ${now}: ${failures[0]?.message ?? failures[0]}`;
    status.classList.add("failed");
    if (!live.failing) failures.forEach((err) => showError(err)); // once per outage, not every poll
    live.failing = true;
    return;
  }
  live.failing = false;
  live.polls += 1;
  const total = first ? 0 : added.events + added.quotes; // the first answer fills the lists: nothing new yet
  status.classList.remove("failed");
  status.textContent = `updated ${now} · ${total} new`;
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  status.title = first
    ? `Showing the newest ${plural(added.events, "event")} and ${plural(added.quotes, "quote")}; polling every ${live.interval / 1000} s`
    : `${plural(added.events, "new event")}, ${plural(added.quotes, "new quote")}; polling every ${live.interval / 1000} s`;
  box.dataset.newest = String(live.newest);
  box.dataset.polls = String(live.polls);
}

/** Prepends the events and quotes not shown yet (newest first); with `fresh` they are
 *  marked as new, and the previous batch loses its mark. Returns how many were added. */
function showLatest(data, fresh) {
  const added = {};
  const lists = { events: [$("live-events"), liveEvent, "No events yet."], quotes: [$("live-quotes"), liveQuote, "No quotes yet."] };
  const batches = {};
  for (const [key, [list, render]] of Object.entries(lists)) {
    const seen = live.seen[key];
    const items = (data[key]?.items ?? []).filter((item) => !seen.has(item.id));
    items.forEach((item) => seen.add(item.id));
    batches[key] = items.map(render);
    added[key] = items.length;
  }
  if (fresh && added.events + added.quotes > 0) {
    for (const [list] of Object.values(lists)) list.querySelectorAll(".fresh").forEach((n) => n.classList.remove("fresh"));
  }
  for (const [key, [list, , emptyText]] of Object.entries(lists)) {
    const nodes = batches[key];
    if (nodes.length) {
      list.querySelectorAll(".empty").forEach((n) => n.remove());
      if (fresh) nodes.forEach((n) => n.classList.add("fresh"));
      list.prepend(...nodes);
      while (list.children.length > LIVE_KEEP) list.lastElementChild.remove();
    } else if (!list.children.length) {
      list.append(el("li", { class: "empty" }, emptyText));
    }
  }
  return added;
}

function liveEvent(e) {
  const q = quadClass(e.quad_class);
  return el("li", { class: "live-item live-event", "data-id": e.id, "data-document": e.document, style: { "--quad": q.colour } }, [
    el("div", { class: "event-line" }, [
      liveActor(e.source_name, e.source_actor),
      el("span", { class: "arrow" }, "→"),
      liveActor(e.target_name, e.target_actor),
      el("span", { class: "cameo", title: `CAMEO ${e.cameo}: ${cameoLabel(e.cameo)} · ${q.label}` }, [el("code", {}, e.cameo), ` ${cameoLabel(e.cameo)}`]),
      el("span", { class: "goldstein", title: "Goldstein scale", style: { color: goldsteinColour(e.goldstein) } }, formatNumber(e.goldstein)),
    ]),
    liveSource(e),
    e.evidence ? el("div", { class: "evidence" }, e.evidence) : null,
  ]);
}

function liveQuote(q) {
  return el("li", { class: "live-item live-quote", "data-id": q.id, "data-document": q.document }, [
    el("div", { class: "quote-line" }, [
      el("span", { class: `badge kind-${q.kind}` }, q.kind), " ",
      el("span", { class: "actor speaker" }, [q.speaker || "Unattributed", q.speaker_actor ? el("span", { class: "code" }, q.speaker_actor) : null]),
      q.cue ? el("span", { class: "muted small" }, ` ${q.cue}`) : null,
    ]),
    el("blockquote", {}, q.kind === "direct" ? `“${q.text}”` : q.text),
    liveSource(q),
  ]);
}

/** "Estonia EST", or the bare code, or a dash. */
function liveActor(name, code) {
  if (!name && !code) return el("span", { class: "actor muted" }, "–");
  return el("span", { class: "actor" }, [name || code, name && code ? el("span", { class: "code" }, code) : null]);
}

function liveSource(row) {
  return el("div", { class: "small muted source" }, [
    el("a", { class: "headline", href: `/?doc=${encodeURIComponent(row.document)}` }, row.headline || `Document #${row.document}`),
    ` · ${row.published ?? "undated"}`,
  ]);
}

function renderFeeds(data) {
  const body = $("feeds").tBodies[0];
  $("feeds").dataset.count = String(data.items.length);
  if (!data.items.length) {
    body.replaceChildren(el("tr", { class: "hint" }, el("td", { colspan: 8, class: "empty" }, [
      "No feeds yet: ", el("code", {}, "dateline watch URL --db …"), " fills this table.",
    ])));
    return;
  }
  const now = Date.now() / 1000;
  body.replaceChildren(...data.items.map((f) => {
    const ok = f.last_status >= 200 && f.last_status < 400;
    const due = f.next_allowed === null || f.next_allowed === undefined || f.next_allowed <= now;
    return el("tr", { "data-url": f.url }, [
      el("td", { class: "feed-url" }, /^https?:\/\//i.test(f.url)
        ? el("a", { href: f.url, target: "_blank", rel: "noopener noreferrer" }, f.url)
        : f.url),
      el("td", { class: "feed-poll", title: f.last_poll ? new Date(f.last_poll * 1000).toString() : null }, f.last_poll ? localTime(f.last_poll) : "never"),
      el("td", { class: `num feed-status ${f.last_status === null || f.last_status === undefined ? "" : ok ? "ok" : "bad"}` }, f.last_status ?? "–"),
      el("td", { class: "num feed-new" }, f.new_articles ?? "–"),
      el("td", { class: `num feed-failures ${f.failures > 0 ? "bad" : ""}` }, f.failures ?? 0),
      el("td", { class: "feed-next", title: due ? "may be polled now" : null }, f.next_allowed ? localTime(f.next_allowed) : "any time"),
      el("td", { class: "num feed-pages" }, f.pages ?? "–"),
      el("td", { class: "feed-error", title: f.last_error || null }, f.last_error ? shorten(f.last_error, 70) : "–"),
    ]);
  }));
}

function pad(n) {
  return String(n).padStart(2, "0");
}

/** hh:mm:ss of a Date, local time. */
function clock(d) {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Unix seconds → "YYYY-MM-DD hh:mm:ss", local time. */
function localTime(seconds) {
  const d = new Date(Number(seconds) * 1000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock(d)}`;
}

function shorten(text, max) {
  const s = String(text);
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

// --- Events table ------------------------------------------------------------------

function limit() {
  return Number($("ev-limit").value) || 50;
}

async function loadEvents() {
  const params = {
    actor: $("ev-actor").value.trim(), target: $("ev-target").value.trim(), root: $("ev-root").value,
    since: $("ev-since").value, until: $("ev-until").value, limit: limit(), offset: state.offset,
  };
  const data = await guarded(() => api(`/v1/events${query(params)}`));
  const body = $("events-table").tBodies[0];
  if (!data) { body.replaceChildren(); return; }
  const rows = data.items.map((e) => {
    const q = quadClass(e.quad_class);
    return el("tr", {}, [
      el("td", {}, e.date ?? "–"),
      el("td", {}, actorLink(e.source_actor)),
      el("td", { title: `CAMEO ${e.cameo}` }, [el("code", {}, e.cameo), ` ${cameoLabel(e.cameo)}`]),
      el("td", {}, actorLink(e.target_actor)),
      el("td", {}, [el("span", { class: "quad-dot", style: { "--quad": q.colour } }), q.label]),
      el("td", { class: "num", style: { color: goldsteinColour(e.goldstein) } }, formatNumber(e.goldstein)),
      el("td", {}, e.place || "–"),
      el("td", { class: "num" }, e.num_mentions),
      el("td", { class: "num" }, e.num_sources),
      el("td", { class: "num" }, e.num_articles),
      el("td", {}, e.first_seen ?? "–"),
    ]);
  });
  body.replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: 11, class: "empty" }, "No events match these filters."))]));
  $("ev-range").textContent = data.items.length ? `Rows ${state.offset + 1}–${state.offset + data.items.length}` : `No rows from ${state.offset + 1}`;
  $("ev-prev").disabled = state.offset === 0;
  $("ev-next").disabled = data.items.length < limit();
}

function actorLink(actor) {
  if (!actor) return "–";
  return el("a", { href: "#events-card", title: `Show ${actor}'s timeline and events`, onclick: (e) => { e.preventDefault(); selectActor(actor); } }, actor);
}

/** Points the timeline and the events filter at one actor. */
function selectActor(actor) {
  $("timeline-actor").value = actor;
  $("ev-actor").value = actor;
  state.offset = 0;
  loadTimeline();
  loadEvents();
}

// --- Timeline (Chart.js) --------------------------------------------------------------

async function loadTimeline() {
  const actor = $("timeline-actor").value.trim();
  const canvas = $("timeline");
  if (!actor) return;
  const data = await guarded(() => api(`/v1/timeline${query({ actor, by: $("timeline-by").value })}`));
  if (!data) return;
  if (typeof Chart === "undefined") { showError("Chart.js did not load (/ui/vendor/chart.umd.min.js)."); return; }
  if (!data.items.length) showError(`No events involve actor “${actor}”.`);
  const labels = data.items.map((b) => b.bucket);
  const bars = QUAD_CLASSES.map((q) => ({
    type: "bar", label: q.label, data: data.items.map((b) => b[q.key]), backgroundColor: q.colour,
    stack: "events", yAxisID: "y", order: 2, maxBarThickness: 56,
  }));
  const line = {
    type: "line", label: "Mean Goldstein", data: data.items.map((b) => b.mean_goldstein), yAxisID: "y1", order: 1,
    borderColor: "#111827", backgroundColor: "#111827", borderWidth: 2, pointRadius: 3, tension: 0.25,
    pointBackgroundColor: data.items.map((b) => goldsteinColour(b.mean_goldstein)),
  };
  state.timeline?.destroy();
  delete canvas.dataset.rendered;
  state.timeline = new Chart(canvas, {
    data: { labels, datasets: [...bars, line] },
    options: {
      maintainAspectRatio: false,
      animation: { duration: 250 },
      interaction: { mode: "index", intersect: false },
      plugins: {
        title: { display: true, text: `${actor}: events per ${$("timeline-by").value}`, font: { size: 14 } },
        legend: { position: "bottom" },
      },
      scales: {
        x: { stacked: true, ticks: { maxRotation: 60, autoSkip: true } },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: "events" }, ticks: { precision: 0 } },
        y1: { position: "right", min: -10, max: 10, grid: { drawOnChartArea: false }, title: { display: true, text: "mean Goldstein" } },
      },
    },
    plugins: [{ id: "dateline-ready", afterRender: (chart) => { chart.canvas.dataset.rendered = String(labels.length); } }],
  });
}

// --- Network (Cytoscape.js) -------------------------------------------------------------

async function loadNetwork() {
  const container = $("network");
  const data = await guarded(() => api(`/v1/network${query({ since: $("net-since").value, until: $("net-until").value })}`));
  if (!data) return;
  if (typeof cytoscape === "undefined") { showError("Cytoscape.js did not load (/ui/vendor/cytoscape.min.js)."); return; }
  const weight = new Map();
  for (const e of data.items) {
    weight.set(e.source, (weight.get(e.source) ?? 0) + e.events);
    weight.set(e.target, (weight.get(e.target) ?? 0) + e.events);
  }
  const maxNode = Math.max(1, ...weight.values());
  const maxEdge = Math.max(1, ...data.items.map((e) => e.events));
  const nodes = [...weight.entries()].map(([id, w]) => ({
    data: { id, weight: w, size: 14 + 34 * Math.sqrt(w / maxNode) },
  }));
  const edges = data.items.map((e, i) => ({
    data: {
      id: `e${i}`, source: e.source, target: e.target, events: e.events, goldstein: e.mean_goldstein,
      width: 1.2 + 6 * (e.events / maxEdge), colour: goldsteinColour(e.mean_goldstein),
    },
  }));
  state.network?.destroy();
  container.replaceChildren();
  delete container.dataset.nodes;
  const cy = cytoscape({
    container,
    elements: [...nodes, ...edges],
    minZoom: 0.2,
    maxZoom: 4,
    style: [
      { selector: "node", style: {
        width: "data(size)", height: "data(size)", "background-color": "#3b4a63", label: "data(id)",
        color: "#1f2933", "font-size": 15, "font-weight": 600, "min-zoomed-font-size": 5, "text-valign": "bottom", "text-margin-y": 2,
        "text-background-color": "#fbfcfd", "text-background-opacity": 0.8, "text-background-padding": 1,
        "border-width": 1.5, "border-color": "#ffffff",
      } },
      { selector: "edge", style: {
        width: "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "target-arrow-shape": "triangle", "arrow-scale": 0.8, "curve-style": "bezier", opacity: 0.85,
      } },
      { selector: "node:selected", style: { "background-color": "#2557d6", "border-color": "#f59e0b", "border-width": 3 } },
      { selector: ".faded", style: { opacity: 0.12 } },
    ],
    layout: { name: "preset" },
  });
  cy.on("tap", "node", (evt) => {
    const node = evt.target;
    cy.elements().addClass("faded");
    node.closedNeighborhood().removeClass("faded");
    selectActor(node.id());
  });
  cy.on("tap", (evt) => { if (evt.target === cy) cy.elements().removeClass("faded"); });
  cy.on("mouseover", "edge", (evt) => {
    const d = evt.target.data();
    container.title = `${d.source} → ${d.target}: ${d.events} events, mean Goldstein ${formatNumber(d.goldstein, 2)}`;
  });
  cy.on("mouseover", "node", (evt) => { container.title = `${evt.target.id()}: ${evt.target.data("weight")} events`; });
  const layout = cy.layout({
    name: "cose", animate: false, randomize: true, nodeDimensionsIncludeLabels: true, padding: 16,
    idealEdgeLength: () => 60, nodeRepulsion: () => 60000, nodeOverlap: 20, gravity: 1, numIter: 2500, componentSpacing: 30,
  });
  layout.one("layoutstop", () => {
    stretchToFit(cy, container);
    cy.fit(undefined, 16);
    if (cy.zoom() > 1.5) { // a tiny graph: keep nodes and labels at a sensible size
      cy.zoom(1.5);
      cy.center();
    }
    container.dataset.nodes = String(cy.nodes().length);
    window.datelineNetwork = cy;
  });
  withSeededRandom(() => layout.run()); // same data, same picture
  state.network = cy;
  if (!nodes.length) container.append(el("p", { class: "empty", style: { padding: "16px" } }, "No actor-to-actor events in this period."));
}

/** Runs `fn` with Math.random replaced by a fixed-seed generator (mulberry32). */
function withSeededRandom(fn, seed = 20250101) {
  const random = Math.random;
  let a = seed >>> 0;
  Math.random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  try {
    return fn();
  } finally {
    Math.random = random;
  }
}

/** Widens (or heightens) a layout towards the container's shape so it fills the box. */
function stretchToFit(cy, container) {
  const bb = cy.nodes().boundingBox();
  if (!bb.w || !bb.h) return;
  const want = container.clientWidth / container.clientHeight;
  const have = bb.w / bb.h;
  const [sx, sy] = have < want ? [Math.min(want / have, 1.8), 1] : [1, Math.min(have / want, 1.8)];
  const cx = bb.x1 + bb.w / 2;
  const cy0 = bb.y1 + bb.h / 2;
  cy.nodes().positions((n) => ({ x: cx + (n.position("x") - cx) * sx, y: cy0 + (n.position("y") - cy0) * sy }));
}

// --- Quotes by speaker ------------------------------------------------------------------

async function loadSpeakers() {
  const data = await guarded(() => api("/v1/speakers?top=40"));
  if (!data) return;
  const list = $("speakers");
  list.replaceChildren(...data.items.map((s) => {
    const li = el("li", { tabindex: 0, "data-speaker": s.speaker }, [
      el("span", {}, [s.speaker, s.actor ? el("code", { class: "muted" }, ` ${s.actor}`) : null]),
      el("span", { class: "muted small", title: `${s.quotes} quotes in ${s.documents} documents` }, `${s.quotes} · ${s.documents} docs`),
    ]);
    const pick = () => showSpeaker(s.speaker, li);
    li.addEventListener("click", pick);
    li.addEventListener("keydown", (e) => { if (e.key === "Enter") pick(); });
    return li;
  }));
  if (data.items.length) showSpeaker(data.items[0].speaker, list.firstElementChild);
}

async function showSpeaker(name, li) {
  $("speakers").querySelectorAll(".selected").forEach((n) => n.classList.remove("selected"));
  li?.classList.add("selected");
  const data = await guarded(() => api(`/v1/quotes${query({ speaker: name, limit: 200 })}`));
  if (!data) return;
  $("speaker-name").textContent = `${name} — ${data.items.length} quote${data.items.length === 1 ? "" : "s"}`;
  $("speaker-name").classList.remove("muted");
  $("speaker-quotes").replaceChildren(...data.items.map((q) =>
    el("li", {}, [
      el("div", { class: "small muted" }, [
        el("span", { class: `badge kind-${q.kind}` }, q.kind), " ",
        q.cue ? `${q.cue} · ` : "", q.published ?? "undated", " · ",
        el("a", { href: `/?doc=${encodeURIComponent(q.document)}` }, q.headline || `document #${q.document}`),
      ]),
      el("blockquote", {}, q.kind === "direct" ? `“${q.text}”` : q.text),
    ]),
  ));
}
