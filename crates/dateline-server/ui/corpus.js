// Corpus view: search, a live view of the newest events and quotes with the
// watched feeds, events table, actor timeline (Chart.js), actor network
// (Cytoscape.js), a map of events by place (SVG) and quotes by speaker. Chart,
// cytoscape and topojson are the vendored UMD globals loaded by corpus.html.
import {
  api, el, guarded, mountNav, query, showError, highlightBrackets,
  CAMEO_ROOTS, QUAD_CLASSES, cameoLabel, quadClass, goldsteinColour, formatNumber, plural,
} from "./common.js";

const $ = (id) => document.getElementById(id);
const state = { offset: 0, timeline: null, network: null, edges: null, atlas: null, atlasLoading: null };
// The live view: `?live=MS` sets the poll interval (tests use ~500 ms); items kept per list.
const LIVE_DEFAULT_MS = 5000;
const LIVE_KEEP = 60;
const live = { newest: null, seen: { events: new Set(), quotes: new Set() }, polls: 0, busy: false, failing: false, timer: null };

mountNav("corpus");
queueMicrotask(setUp); // once the whole module has run, so the constants below are set

async function setUp() {
  $("ev-root").replaceChildren(
    el("option", { value: "" }, "any"),
    ...Object.entries(CAMEO_ROOTS).map(([code, label]) => el("option", { value: code }, `${code} ${label}`)),
  );
  $("search-form").addEventListener("submit", (e) => { e.preventDefault(); search(); });
  $("network-form").addEventListener("submit", (e) => { e.preventDefault(); loadNetwork(); });
  let redraw = null; // typing in the number fields redraws once the typing pauses
  for (const id of ["net-top", "net-min"]) {
    $(id).addEventListener("input", () => { clearTimeout(redraw); redraw = setTimeout(renderNetwork, 250); });
  }
  $("net-group").addEventListener("change", () => renderNetwork());
  $("map-form").addEventListener("submit", (e) => { e.preventDefault(); loadMap(); });
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
  loadPeople();
  $("people-form").addEventListener("submit", (e) => { e.preventDefault(); loadPeople(); });
  loadNetwork();
  loadMap();
  const actors = await guarded(() => api("/v1/actors?top=100"));
  if (actors) {
    if (learnNames(actors.items.map((a) => [a.actor, a.name]), true)) relabelNetwork();
    $("actor-list").replaceChildren(...actors.items.map((a) =>
      el("option", { value: a.actor }, a.name ? `${a.name} · ${plural(a.events, "event")}` : plural(a.events, "event"))));
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
  const named = (data.events?.items ?? []).flatMap((e) => [[e.source_actor, e.source_name], [e.target_actor, e.target_name]]);
  if (learnNames(named)) relabelNetwork();
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
// A real time axis: a `linear` x scale in milliseconds since the epoch (UTC), each bucket's
// bar at the middle of its period, ticks on period boundaries formatted as dates. A missing
// bucket gets a null point, so the bars leave it empty and the Goldstein line breaks there
// (`spanGaps: false`) instead of being drawn straight across.

/** First instant (ms, UTC) of a bucket: "2024", "2024-10" or "2024-10-30"; NaN if malformed. */
function bucketStart(bucket) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(String(bucket ?? ""));
  if (!m) return NaN;
  const d = new Date(Date.UTC(2000, (Number(m[2]) || 1) - 1, Number(m[3]) || 1));
  d.setUTCFullYear(Number(m[1]));
  return d.getTime();
}

/** The start of the period `steps` periods of `unit` after the one starting at `ms`. */
function stepTime(ms, unit, steps = 1) {
  const d = new Date(ms);
  if (unit === "day") d.setUTCDate(d.getUTCDate() + steps);
  else if (unit === "month") d.setUTCMonth(d.getUTCMonth() + steps);
  else d.setUTCFullYear(d.getUTCFullYear() + steps);
  return d.getTime();
}

/** ms → "2024-10-30" (day), "2024-10" (month) or "2024" (year), in UTC. */
function formatTime(ms, unit) {
  const iso = new Date(ms).toISOString();
  return iso.slice(0, unit === "day" ? 10 : unit === "month" ? 7 : 4);
}

/** Timeline rows (sorted by bucket) → points at the middle of each period, with a null
 *  point (`row: null`) in the first missing period of every gap. */
function timeSeries(items, by) {
  const rows = items
    .map((row) => ({ row, start: bucketStart(row.bucket) }))
    .filter((r) => Number.isFinite(r.start))
    .sort((a, b) => a.start - b.start);
  const points = [];
  let expected = null;
  for (const { row, start } of rows) {
    if (expected !== null && start > expected) {
      points.push({ x: (expected + stepTime(expected, by)) / 2, row: null, start: expected, end: stepTime(expected, by) });
    }
    const end = stepTime(start, by);
    points.push({ x: (start + end) / 2, row, start, end });
    expected = end;
  }
  return points;
}

// Tick spacings tried in order, the first that gives few enough ticks wins.
const TICK_STEPS = [
  ["day", 1], ["day", 2], ["day", 7], ["day", 14], ["month", 1], ["month", 2], ["month", 3], ["month", 6],
  ["year", 1], ["year", 2], ["year", 5], ["year", 10], ["year", 20], ["year", 50], ["year", 100],
];
const UNIT_MS = { day: 86_400_000, month: 2_629_746_000, year: 31_556_952_000 };

/** Period boundaries between `min` and `max` (ms), at most about `most` of them, no finer
 *  than the buckets (`by`), and their unit. */
function timeTicks(min, max, most, by) {
  const steps = TICK_STEPS.filter(([u]) => UNIT_MS[u] >= UNIT_MS[by]);
  const [unit, step] = steps.find(([u, s]) => (max - min) / (UNIT_MS[u] * s) <= most) ?? steps.at(-1);
  const first = new Date(min);
  let t = unit === "day"
    ? Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate())
    : unit === "month"
      ? Date.UTC(first.getUTCFullYear(), first.getUTCMonth() - (first.getUTCMonth() % step), 1)
      : bucketStart(String(first.getUTCFullYear() - (first.getUTCFullYear() % step)).padStart(4, "0"));
  const values = [];
  for (; t <= max && values.length < 500; t = stepTime(t, unit, step)) if (t >= min) values.push(t);
  return { unit, values };
}

async function loadTimeline() {
  const actor = $("timeline-actor").value.trim();
  const by = $("timeline-by").value;
  const canvas = $("timeline");
  if (!actor) return;
  const data = await guarded(() => api(`/v1/timeline${query({ actor, by })}`));
  if (!data) return;
  if (typeof Chart === "undefined") { showError("Chart.js did not load (/ui/vendor/chart.umd.min.js)."); return; }
  if (!data.items.length) showError(`No events involve actor “${actor}”.`);
  const points = timeSeries(data.items, by);
  const present = points.filter((p) => p.row);
  const total = present.reduce((sum, p) => sum + (Number(p.row.events) || 0), 0);
  // The axis spans the periods shown; with one or two, a period either side gives context.
  let min = points.length ? points[0].start : Date.UTC(2000, 0, 1);
  let max = points.length ? points.at(-1).end : stepTime(min, by);
  if (present.length < 3) { min = stepTime(min, by, -1); max = stepTime(max, by, 1); }
  let tickUnit = by;
  // Many buckets (days over years): bars fill their period, at least 1 px, and the line drops its dots.
  const perBucket = (canvas.parentElement.clientWidth - 110) * UNIT_MS[by] / Math.max(1, max - min);
  const dense = perBucket < 4 ? { barPercentage: 1, categoryPercentage: 1, barThickness: Math.max(1, perBucket) } : {};
  const many = present.length > 100;

  const at = (value) => (p) => ({ x: p.x, y: p.row ? value(p.row) : null, bucket: p.row?.bucket ?? null });
  const bars = QUAD_CLASSES.map((q) => ({
    type: "bar", label: q.label, data: points.map(at((row) => row[q.key])), backgroundColor: q.colour,
    stack: "events", yAxisID: "y", order: 2, maxBarThickness: 56, ...dense,
  }));
  const line = {
    type: "line", label: "Mean Goldstein", data: points.map(at((row) => row.mean_goldstein)), yAxisID: "y1", order: 1,
    borderColor: "#111827", backgroundColor: "#111827", borderWidth: many ? 1.25 : 2, pointRadius: many ? 0 : 3,
    pointHoverRadius: 4, tension: many ? 0 : 0.25, spanGaps: false,
    pointBackgroundColor: (ctx) => goldsteinColour(ctx.raw?.y),
  };
  state.timeline?.destroy();
  delete canvas.dataset.rendered;
  state.timeline = new Chart(canvas, {
    data: { datasets: [...bars, line] },
    options: {
      maintainAspectRatio: false,
      animation: { duration: 250 },
      interaction: { mode: "index", intersect: false },
      plugins: {
        title: {
          display: true, font: { size: 14 },
          text: `${actor}: events per ${by} (${plural(total, "event")} in ${plural(present.length, by)})`,
        },
        legend: { position: "bottom" },
        tooltip: {
          filter: (item) => item.raw?.y !== null && item.raw?.y !== undefined,
          callbacks: {
            title: (items) => items[0]?.raw?.bucket ?? "",
            label: (item) => (item.dataset.yAxisID === "y1"
              ? `Mean Goldstein: ${formatNumber(item.raw.y, 2)}`
              : `${item.dataset.label}: ${plural(item.raw.y, "event")}`),
          },
        },
      },
      scales: {
        x: {
          type: "linear", stacked: true, min, max, offset: false,
          afterBuildTicks: (scale) => {
            const ticks = timeTicks(scale.min, scale.max, Math.max(2, Math.floor(scale.chart.width / 90)), by);
            tickUnit = ticks.unit;
            scale.ticks = ticks.values.map((value) => ({ value }));
          },
          ticks: { callback: (value) => formatTime(value, tickUnit), maxRotation: 0, autoSkip: true },
        },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: "events" }, ticks: { precision: 0 } },
        y1: { position: "right", min: -10, max: 10, grid: { drawOnChartArea: false }, title: { display: true, text: "mean Goldstein" } },
      },
    },
    plugins: [{ id: "dateline-ready", afterRender: (chart) => { chart.canvas.dataset.rendered = String(present.length); } }],
  });
}

// --- Network (Cytoscape.js) -------------------------------------------------------------
// The period's edges are fetched once (up to NETWORK_PAGES pages of the API's largest page);
// the top-N, minimum-weight and group-by-country controls redraw from them without a fetch.

const NETWORK_PAGE = 1000;
const NETWORK_PAGES = 5;
const compareText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
/** The API's order: most events first, then source and target codes. */
const busiestFirst = (a, b) => b.events - a.events || compareText(a.source, b.source) || compareText(a.target, b.target);

async function loadNetwork() {
  const since = $("net-since").value;
  const until = $("net-until").value;
  const items = [];
  let truncated = false;
  for (let page = 0; page < NETWORK_PAGES; page += 1) {
    const data = await guarded(() => api(`/v1/network${query({ since, until, limit: NETWORK_PAGE, offset: page * NETWORK_PAGE })}`));
    if (!data) return;
    items.push(...data.items);
    if (data.items.length < NETWORK_PAGE) break;
    truncated = page === NETWORK_PAGES - 1;
  }
  state.edges = { items, truncated };
  renderNetwork();
}

function wholeNumber(value, fallback) {
  const n = Math.floor(Number(value));
  return Number.isFinite(n) && n >= 1 ? n : fallback;
}

function networkSettings() {
  return { top: wholeNumber($("net-top").value, 60), min: wholeNumber($("net-min").value, 1), group: $("net-group").checked };
}

/** Collapses actor codes to their first three letters (country or IGO prefix): events are
 *  summed and the mean Goldstein value is weighted by events. Busiest first. */
function groupByCountry(items) {
  const groups = new Map();
  for (const e of items) {
    const source = String(e.source).slice(0, 3);
    const target = String(e.target).slice(0, 3);
    const key = `${source}\u0000${target}`;
    const g = groups.get(key) ?? { source, target, events: 0, weighted: 0, weight: 0 };
    g.events += Number(e.events) || 0;
    if (e.mean_goldstein !== null && e.mean_goldstein !== undefined) {
      g.weighted += e.mean_goldstein * e.events;
      g.weight += e.events;
    }
    groups.set(key, g);
  }
  return [...groups.values()]
    .map(({ source, target, events, weighted, weight }) => ({ source, target, events, mean_goldstein: weight ? weighted / weight : null }))
    .sort(busiestFirst);
}

/** The edges to draw: grouped if asked, those with at least `min` events, the `top` busiest. */
function selectEdges(items, { top, min, group }) {
  const eligible = (group ? groupByCountry(items) : items).filter((e) => e.events >= min);
  return { edges: eligible.slice(0, top), eligible: eligible.length };
}

// Actor names: from /v1/actors when it gives them, else read from the code (the country's
// name from the map data and CAMEO role codes: RUSMIL → "Russia · military"), else the name
// events use most (from the live view), which for GOV codes is often a person's.
const actorNames = { api: new Map(), seen: new Map() };
const CAMEO_ROLES = {
  GOV: "government", MIL: "military", REB: "rebels", OPP: "opposition", PTY: "party", COP: "police",
  JUD: "judiciary", LEG: "legislature", SPY: "intelligence", BUS: "business", CRM: "criminals",
  CVL: "civilians", EDU: "education", ELI: "elites", HLH: "health", HRI: "human rights", LAB: "labour",
  MED: "media", NGO: "NGOs", REF: "refugees", AGR: "agriculture", ENV: "environment", REL: "religious",
  UAF: "armed forces", INS: "insurgents", SEP: "separatists", MOD: "moderates", RAD: "radicals",
};

/** Records names for actor codes; true when a code got its first name. */
function learnNames(pairs, fromApi = false) {
  let added = false;
  for (const [code, name] of pairs) {
    const clean = String(name ?? "").trim();
    if (!code || !clean || clean.toUpperCase() === String(code).toUpperCase()) continue;
    if (fromApi) {
      added ||= !actorNames.api.has(code);
      actorNames.api.set(code, clean);
      continue;
    }
    const counts = actorNames.seen.get(code) ?? new Map();
    added ||= !actorNames.seen.has(code) && !actorNames.api.has(code);
    counts.set(clean, (counts.get(clean) ?? 0) + 1);
    actorNames.seen.set(code, counts);
  }
  return added;
}

const SHORT_COUNTRY_NAMES = { "United States of America": "United States" };

function countryName(code) {
  const name = String(code).length === 3 ? state.atlas?.countryFor(code)?.properties?.name : null;
  return name ? SHORT_COUNTRY_NAMES[name] ?? name : null;
}

/** "RUSMIL" → "Russia · military" when the country and every role code are known. */
function nameFromCode(code) {
  const country = countryName(String(code).slice(0, 3));
  const rest = String(code).slice(3).match(/.{1,3}/g) ?? [];
  const roles = rest.map((r) => CAMEO_ROLES[r]);
  return country && roles.every(Boolean) ? [country, ...roles].join(" · ") : null;
}

function actorName(code, grouped) {
  const seen = actorNames.seen.get(code);
  const common = seen ? [...seen.entries()].sort((a, b) => b[1] - a[1])[0][0] : null;
  return grouped
    ? countryName(code) ?? actorNames.api.get(code) ?? common
    : actorNames.api.get(code) ?? nameFromCode(code) ?? common;
}

/** "KHM" + "Cambodia" on two lines, or the bare code. */
function networkLabel(code, grouped) {
  const name = actorName(code, grouped);
  return name ? `${code}\n${shorten(name, 34)}` : code;
}

function relabelNetwork() {
  const cy = state.network;
  if (!cy || cy.destroyed()) return;
  const grouped = $("network").dataset.grouped === "1";
  cy.batch(() => cy.nodes().forEach((n) => { n.data("label", networkLabel(n.id(), grouped)); }));
}

let networkRenders = 0;

function renderNetwork() {
  if (!state.edges) return;
  const container = $("network");
  if (typeof cytoscape === "undefined") { showError("Cytoscape.js did not load (/ui/vendor/cytoscape.min.js)."); return; }
  const settings = networkSettings();
  const { edges: shown, eligible } = selectEdges(state.edges.items, settings);
  const weight = new Map();
  for (const e of shown) {
    weight.set(e.source, (weight.get(e.source) ?? 0) + e.events);
    if (e.target !== e.source) weight.set(e.target, (weight.get(e.target) ?? 0) + e.events);
  }
  const maxNode = Math.max(1, ...weight.values());
  const maxEdge = Math.max(1, ...shown.map((e) => e.events));
  const nodes = [...weight.entries()].map(([id, w]) => ({
    data: { id, weight: w, size: 16 + 34 * Math.sqrt(w / maxNode), label: networkLabel(id, settings.group) },
  }));
  const edges = shown.map((e, i) => ({
    data: {
      id: `e${i}`, source: e.source, target: e.target, events: e.events, goldstein: e.mean_goldstein,
      width: 1.2 + 6 * (e.events / maxEdge), colour: goldsteinColour(e.mean_goldstein),
    },
  }));
  state.network?.destroy();
  container.replaceChildren();
  delete container.dataset.nodes;
  delete container.dataset.edges;
  container.dataset.grouped = settings.group ? "1" : "0";
  const cy = cytoscape({
    container,
    elements: [...nodes, ...edges],
    minZoom: 0.2,
    maxZoom: 4,
    style: [
      { selector: "node", style: {
        width: "data(size)", height: "data(size)", "background-color": "#3b4a63", label: "data(label)",
        color: "#1f2933", "font-size": 16, "font-weight": 600, "min-zoomed-font-size": 7,
        "text-wrap": "wrap", "text-max-width": 220, "line-height": 1.15, "text-valign": "bottom", "text-margin-y": 3,
        "text-background-color": "#fbfcfd", "text-background-opacity": 0.85, "text-background-padding": 2,
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
    container.title = `${d.source} → ${d.target}: ${plural(d.events, "event")}, mean Goldstein ${formatNumber(d.goldstein, 2)}`;
  });
  cy.on("mouseover", "node", (evt) => {
    container.title = `${evt.target.data("label").replace("\n", " · ")}: ${plural(evt.target.data("weight"), "event")}`;
  });
  const layout = cy.layout({
    // Labels are left out of the node sizes so that names arriving later (from the live view
    // or the map data) do not change the picture; longer edges leave room for them instead.
    name: "cose", animate: false, randomize: true, nodeDimensionsIncludeLabels: false, padding: 16,
    idealEdgeLength: () => 90, nodeRepulsion: () => 120000, nodeOverlap: 40, gravity: 1,
    numIter: nodes.length > 300 ? 1000 : 2500, componentSpacing: 90,
  });
  layout.one("layoutstop", () => {
    stretchToFit(cy, container);
    cy.fit(undefined, 36); // room for names that arrive later
    if (cy.zoom() > 1.5) { // a tiny graph: keep nodes and labels at a sensible size
      cy.zoom(1.5);
      cy.center();
    }
    readableLabels(cy);
    cy.on("zoom", () => readableLabels(cy));
    container.dataset.nodes = String(cy.nodes().length);
    container.dataset.edges = String(cy.edges().length);
    networkRenders += 1;
    container.dataset.renders = String(networkRenders);
    window.datelineNetwork = cy;
  });
  withSeededRandom(() => layout.run()); // same data, same picture
  state.network = cy;
  if (!nodes.length) {
    container.append(el("p", { class: "empty", style: { padding: "16px" } },
      state.edges.items.length ? "No edges have that many events." : "No actor-to-actor events in this period."));
  }
  const kind = settings.group ? ["country", "countries"] : ["actor", "actors"];
  $("network-status").textContent = [
    eligible > shown.length ? `· the ${shown.length} busiest of ${plural(eligible, "edge")}` : `· ${plural(shown.length, "edge")}`,
    settings.min > 1 ? `with at least ${plural(settings.min, "event")} each` : null,
    `between ${plural(nodes.length, ...kind)}`,
    state.edges.truncated ? `(from the ${plural(state.edges.items.length, "busiest actor pair")} of the period)` : null,
  ].filter(Boolean).join(" ");
}

/** Keeps labels legible when a big graph is zoomed out to fit: 16 px (graph units) at zoom
 *  0.7 and above, else about 11 px on screen, at most 26 px in graph units. */
function readableLabels(cy) {
  const size = Math.round(Math.min(26, Math.max(16, 11 / cy.zoom())));
  if (cy.scratch("_labelSize") === size) return;
  cy.scratch("_labelSize", size);
  cy.nodes().style({ "font-size": size, "text-max-width": Math.round(size * 12) });
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

// --- Map of events by place (SVG) ---------------------------------------------------------
// Natural Earth country shapes (world-atlas, TopoJSON decoded by topojson-client) in an
// equirectangular projection cropped to 58°S–84°N; a circle per place sized by events (area)
// and coloured by mean Goldstein value; countries with events shaded. Everything is local.

const MAP_WIDTH = 960;
const MAP_NORTH = 84;
const MAP_SOUTH = -58;
const MAP_SCALE = MAP_WIDTH / 360; // units per degree
const MAP_HEIGHT = Math.round((MAP_NORTH - MAP_SOUTH) * MAP_SCALE);
const SVG_NS = "http://www.w3.org/2000/svg";
// Codes of places that are not (or no longer) ISO 3166-1 alpha-3.
const CODE_ALIASES = { ROM: "ROU", ZAR: "COD", TMP: "TLS" };
const KOSOVO = new Set(["UNK", "KSV", "XKX"]);

/** An SVG element; text children become text nodes (never markup). */
function svgEl(tag, attrs = {}, children = []) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(key, String(value));
  }
  for (const child of [].concat(children)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function project(lon, lat) {
  return [(lon + 180) * MAP_SCALE, (MAP_NORTH - lat) * MAP_SCALE];
}

/** One ring as path data. Longitudes are unwrapped so a ring crossing the antimeridian stays
 *  whole; a ring reaching past ±180° is drawn again one world over (the map clips both). */
function ringPath(ring) {
  const lons = [];
  let prev = null;
  for (const [lon] of ring) {
    let l = lon;
    if (prev !== null) while (l - prev > 180) l -= 360;
    if (prev !== null) while (prev - l > 180) l += 360;
    lons.push(l);
    prev = l;
  }
  const draw = (shift) => ring.map(([, lat], i) => {
    const [x, y] = project(lons[i] + shift, lat);
    return `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
  }).join("") + "Z";
  let d = draw(0);
  if (Math.max(...lons) > 180) d += draw(-360);
  if (Math.min(...lons) < -180) d += draw(360);
  return d;
}

function geometryPath(geometry) {
  if (!geometry) return "";
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  return polygons.flatMap((rings) => rings.map(ringPath)).join("");
}

/** The country shapes and a lookup from alpha-3 codes to them, loaded once. */
function loadAtlas() {
  state.atlasLoading ??= (async () => {
    if (typeof topojson === "undefined") throw new Error("topojson-client did not load (/ui/vendor/topojson-client.min.js).");
    const [topology, codes] = await Promise.all([api("/ui/vendor/countries-110m.json"), api("/ui/vendor/iso-3166-codes.json")]);
    const numeric = new Map(codes.map(([, alpha3, number]) => [alpha3, number]));
    const features = topojson.feature(topology, topology.objects.countries).features
      .filter((f) => f.id !== "010") // Antarctica: below the map
      .map((f) => ({ id: f.id ?? null, properties: f.properties ?? {}, d: geometryPath(f.geometry) }));
    const byId = new Map(features.filter((f) => f.id).map((f) => [f.id, f]));
    const kosovo = features.find((f) => f.properties.name === "Kosovo");
    const countryFor = (code) => {
      const c = String(code ?? "").trim().toUpperCase();
      if (!c) return undefined;
      if (KOSOVO.has(c)) return kosovo;
      return byId.get(numeric.get(CODE_ALIASES[c] ?? c)) ?? features.find((f) => f.properties.name?.toUpperCase() === c);
    };
    state.atlas = { features, countryFor };
    relabelNetwork(); // country names for the network's labels
    return state.atlas;
  })();
  return state.atlasLoading;
}

async function loadMap() {
  const status = $("map-status");
  const atlas = await guarded(loadAtlas);
  if (!atlas) { status.textContent = "· the map data did not load"; return; }
  let places = [];
  let note = null;
  try {
    const data = await api(`/v1/places${query({ since: $("map-since").value, until: $("map-until").value, limit: 500 })}`);
    places = data.items.filter((p) => typeof p.lat === "number" && typeof p.lon === "number");
  } catch (err) {
    if (/^404\b/.test(err.message)) {
      note = "this server has no /v1/places yet: no places to show";
    } else {
      showError(err);
      note = "the places did not load";
    }
  }
  drawMap(atlas, places);
  const events = places.reduce((sum, p) => sum + (Number(p.events) || 0), 0);
  status.textContent = note ? `· ${note}` : `· ${plural(events, "event")} at ${plural(places.length, "place")}`;
}

function drawMap(atlas, places) {
  const byCountry = new Map();
  for (const p of places) {
    const country = atlas.countryFor(p.country);
    if (!country) continue;
    const t = byCountry.get(country) ?? { events: 0, places: 0 };
    t.events += Number(p.events) || 0;
    t.places += 1;
    byCountry.set(country, t);
  }
  const graticule = [];
  for (let lon = -150; lon <= 150; lon += 30) {
    const [x] = project(lon, 0);
    graticule.push(`M${x.toFixed(1)},0V${MAP_HEIGHT}`);
  }
  for (let lat = -30; lat <= 60; lat += 30) {
    const [, y] = project(0, lat);
    graticule.push(`M0,${y.toFixed(1)}H${MAP_WIDTH}`);
  }
  const countries = atlas.features.map((f) => {
    const t = byCountry.get(f);
    const name = f.properties.name ?? "";
    return svgEl("path", { class: t ? "country has-events" : "country", d: f.d, "data-id": f.id },
      svgEl("title", {}, t ? `${name}: ${plural(t.events, "event")} at ${plural(t.places, "place")}` : name));
  });
  const most = Math.max(20, ...places.map((p) => Number(p.events) || 0)); // few events: small circles
  const circles = [...places].sort((a, b) => b.events - a.events).map((p) => {
    const [cx, cy] = project(p.lon, p.lat);
    const country = atlas.countryFor(p.country)?.properties.name;
    const where = [p.place || "unnamed place", country ? `${country} (${p.country})` : p.country].filter(Boolean).join(", ");
    return svgEl("circle", {
      class: "place", cx: cx.toFixed(1), cy: cy.toFixed(1), r: (2.5 + 13 * Math.sqrt((Number(p.events) || 0) / most)).toFixed(1),
      fill: goldsteinColour(p.mean_goldstein), "data-place": p.place ?? "",
    }, svgEl("title", {}, `${where}: ${plural(p.events, "event")}, mean Goldstein ${formatNumber(p.mean_goldstein, 2)}`));
  });
  const svg = svgEl("svg", {
    viewBox: `0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`, preserveAspectRatio: "xMidYMid meet",
    "data-countries": countries.length, "data-places": circles.length,
  }, [
    svgEl("rect", { class: "sea", width: MAP_WIDTH, height: MAP_HEIGHT }),
    svgEl("path", { class: "graticule", d: graticule.join("") }),
    svgEl("g", { class: "countries" }, countries),
    svgEl("g", { class: "places" }, circles),
  ]);
  $("map").replaceChildren(svg);
}

// --- Quotes by speaker ------------------------------------------------------------------

async function loadSpeakers() {
  const data = await guarded(() => api("/v1/speakers?top=40"));
  if (!data) return;
  const list = $("speakers");
  list.replaceChildren(...data.items.map((s) => {
    const li = el("li", { tabindex: 0, "data-speaker": s.speaker }, [
      el("span", {}, [s.speaker, s.actor ? el("code", { class: "muted" }, ` ${s.actor}`) : null]),
      el("span", { class: "muted small", title: `${plural(s.quotes, "quote")} in ${plural(s.documents, "document")}` }, `${s.quotes} · ${plural(s.documents, "doc")}`),
    ]);
    const pick = () => showSpeaker(s.speaker, li);
    li.addEventListener("click", pick);
    li.addEventListener("keydown", (e) => { if (e.key === "Enter") pick(); });
    return li;
  }));
  if (data.items.length) showSpeaker(data.items[0].speaker, list.firstElementChild);
}

// --- People -------------------------------------------------------------------

async function loadPeople() {
  const name = $("people-name").value.trim();
  const data = await guarded(() => api(`/v1/people${query({ top: 25, name })}`));
  if (!data) return;
  const rows = data.items.map((p) => el("tr", {}, [
    el("td", {}, p.kb
      ? el("a", { href: `https://www.wikidata.org/wiki/${encodeURIComponent(p.kb)}`, rel: "noopener", target: "_blank", title: p.kb }, p.name)
      : p.name),
    el("td", {}, p.country || "—"),
    el("td", {}, String(p.mentions)),
    el("td", {}, String(p.documents)),
    el("td", { class: "small" }, (p.roles || "—").split("; ").map((r) => el("div", {}, r))),
  ]));
  $("people").replaceChildren(...(rows.length ? rows
    : [el("tr", {}, el("td", { colspan: 5, class: "empty" }, name ? `No person named like “${name}”.` : "No people stored yet."))]));
}

async function showSpeaker(name, li) {
  $("speakers").querySelectorAll(".selected").forEach((n) => n.classList.remove("selected"));
  li?.classList.add("selected");
  const data = await guarded(() => api(`/v1/quotes${query({ speaker: name, limit: 200 })}`));
  if (!data) return;
  $("speaker-name").textContent = `${name} — ${plural(data.items.length, "quote")}`;
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
