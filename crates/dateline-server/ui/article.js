// Article view: extract from pasted/uploaded text or open a stored document,
// then show the text with its entities, quotes, event triggers and claims.
import {
  api, clearErrors, el, guarded, mountNav, query, showError,
  cameoLabel, quadClass, speakerColour, UNKNOWN_SPEAKER_COLOUR, formatNumber,
} from "./common.js";

const $ = (id) => document.getElementById(id);

mountNav("article");
setUp();

function setUp() {
  $("article-form").addEventListener("submit", (event) => {
    event.preventDefault();
    extract();
  });
  $("open-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const id = $("doc-id").value.trim() || $("doc-list").value;
    if (id) openDocument(id);
    else showError("Choose a document or type its ID.");
  });
  $("doc-list").addEventListener("change", () => {
    if ($("doc-list").value) {
      $("doc-id").value = $("doc-list").value;
      openDocument($("doc-list").value);
    }
  });
  $("article-file").addEventListener("change", readFile);
  $("text").addEventListener("click", onTextClick);
  loadDocumentList();
  const doc = new URLSearchParams(location.search).get("doc");
  if (doc) {
    $("doc-id").value = doc;
    openDocument(doc);
  }
}

async function loadDocumentList() {
  const list = $("doc-list");
  const data = await guarded(() => api("/v1/documents?limit=500"));
  if (!data) {
    list.replaceChildren(el("option", { value: "" }, "(unavailable)"));
    return;
  }
  const options = data.items.map((d) =>
    el("option", { value: d.id }, `#${d.id} · ${d.published ?? "undated"} · ${d.headline ?? d.url ?? "(no headline)"}`),
  );
  list.replaceChildren(el("option", { value: "" }, data.items.length ? `Choose one of ${data.items.length}…` : "(the store is empty)"), ...options);
}

/** Reads an uploaded file into the textarea; .html/.htm files are sent as HTML. */
function readFile() {
  const file = $("article-file").files[0];
  if (!file) return;
  const reader = new FileReader();
  reader.onload = () => {
    $("article-text").value = reader.result;
    $("format").value = /\.html?$/i.test(file.name) || file.type === "text/html" ? "text/html" : "text/plain";
  };
  reader.onerror = () => showError(`Cannot read ${file.name}: ${reader.error?.message ?? "unknown error"}`);
  reader.readAsText(file);
}

async function extract() {
  const text = $("article-text").value;
  if (!text.trim()) {
    showError("Paste an article or choose a file first.");
    return;
  }
  const path = `/v1/extract${query({ published: $("published").value })}`;
  await run($("extract-button"), "Extracting…", async () => {
    const doc = await api(path, { method: "POST", headers: { "content-type": $("format").value }, body: text });
    history.replaceState(null, "", location.pathname);
    render(doc);
    $("article-text").scrollTop = 0;
  });
}

async function openDocument(id) {
  await run($("open-button"), "Opening…", async () => {
    const doc = await api(`/v1/documents/${encodeURIComponent(id)}`);
    history.replaceState(null, "", `${location.pathname}?doc=${encodeURIComponent(id)}`);
    render(doc, id);
  });
}

/** Runs a request with the button showing progress, errors shown on the page. */
async function run(button, busyLabel, task) {
  clearErrors();
  delete document.body.dataset.ready;
  const label = button.textContent;
  button.disabled = true;
  button.textContent = busyLabel;
  document.body.classList.add("busy");
  try {
    await task();
  } catch (err) {
    showError(err);
  } finally {
    button.disabled = false;
    button.textContent = label;
    document.body.classList.remove("busy");
  }
}

// --- Rendering ------------------------------------------------------------------

/** Everything needed to draw one document: the doc plus derived lookups. */
function prepare(doc) {
  const toIndex = byteToIndex(doc.text);
  const speakers = new Map(); // name → {colour, quotes[], entity}
  const speakerOf = (q) =>
    q.speaker !== null && q.speaker !== undefined && doc.entities[q.speaker]
      ? doc.entities[q.speaker].name
      : q.speaker_text || "unknown";
  doc.quotes.forEach((q, i) => {
    const name = speakerOf(q);
    if (!speakers.has(name)) {
      const colour = name === "unknown" ? UNKNOWN_SPEAKER_COLOUR : speakerColour(speakers.size);
      speakers.set(name, { name, colour, quotes: [], entity: q.speaker ?? null });
    }
    speakers.get(name).quotes.push(i);
  });
  return { doc, toIndex, speakers, speakerOf };
}

function render(doc, storedId) {
  const ctx = prepare(doc);
  renderMeta(doc, storedId);
  renderText(ctx);
  renderLegend(ctx);
  renderEvents(ctx);
  renderQuotes(ctx);
  renderClaims(ctx);
  renderEntities(ctx);
  $("result").hidden = false;
  window.datelineDocument = doc; // for tests and the console
  document.body.dataset.ready = "1";
  $("result").dataset.documentId = doc.id;
}

function renderMeta(doc, storedId) {
  const m = doc.meta ?? {};
  const facts = [];
  if (m.publisher) facts.push(["Publisher", m.publisher]);
  if (m.published) facts.push(["Published", m.published]);
  if (m.dateline) facts.push(["Dateline", [m.dateline.place, m.dateline.agency && `(${m.dateline.agency})`].filter(Boolean).join(" ")]);
  if (m.authors?.length) facts.push(["By", m.authors.join(", ")]);
  if (m.editors?.length) facts.push(["Editors", m.editors.join(", ")]);
  if (doc.source?.url) facts.push(["URL", el("a", { href: doc.source.url, rel: "noopener" }, doc.source.url)]);
  if (doc.source?.format) facts.push(["Format", doc.source.format]);
  if (storedId) facts.push(["Stored as", `#${storedId}`]);
  const counts = `${doc.events.length} events · ${doc.quotes.length} quotes · ${doc.claims.length} claims · ${doc.entities.length} entities`;
  const children = [
    el("h2", { id: "headline" }, m.headline || "(no headline)"),
    el("dl", { class: "facts" }, facts.map(([k, v]) => el("div", {}, [el("dt", {}, k), el("dd", {}, v)]))),
    el("p", { class: "muted small" }, [counts, " · ", el("code", { title: "document id" }, doc.id)]),
  ];
  if (doc.diagnostics?.length) {
    const text = (d) => (typeof d === "string" ? d : d.message ? `${d.stage ? `${d.stage}: ` : ""}${d.message}` : JSON.stringify(d));
    children.push(el("details", { class: "diagnostics" }, [
      el("summary", {}, `${doc.diagnostics.length} diagnostic${doc.diagnostics.length === 1 ? "" : "s"} from the pipeline`),
      el("ul", {}, doc.diagnostics.map((d) => el("li", {}, text(d)))),
    ]));
  }
  $("meta").replaceChildren(...children);
}

/** Maps UTF-8 byte offsets of `text` to UTF-16 indices (the API's spans are bytes). */
function byteToIndex(text) {
  const bytes = new TextEncoder().encode(text).length;
  const map = new Uint32Array(bytes + 1);
  let b = 0;
  let i = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map[b + k] = i;
    b += n;
    i += ch.length;
  }
  map[b] = i;
  return (offset) => map[Math.max(0, Math.min(bytes, offset))];
}

/** All highlight spans of a document, in UTF-16 indices, merged when identical. */
function collectSpans(ctx) {
  const { doc, toIndex, speakers, speakerOf } = ctx;
  const spans = new Map();
  const add = (layer, start, end, ref, build) => {
    if (start === null || start === undefined || end === null || end === undefined || end <= start) return;
    const s = toIndex(start);
    const e = toIndex(end);
    if (e <= s) return;
    const key = `${layer}:${s}:${e}`;
    const span = spans.get(key) ?? { layer, start: s, end: e, refs: [], titles: [], attrs: {} };
    span.refs.push(ref);
    build(span);
    spans.set(key, span);
  };
  doc.paragraphs.forEach((p, i) => add(0, p.start, p.end, `p${i}`, (s) => (s.tag = "p")));
  const dl = doc.meta?.dateline?.span;
  if (dl) add(5, dl.start, dl.end, "dateline", (s) => { s.cls = "dateline"; s.titles.push("Dateline"); });
  doc.quotes.forEach((q, i) =>
    add(1, q.start, q.end, `q${i}`, (s) => {
      const name = speakerOf(q);
      const { colour } = speakers.get(name);
      s.cls = `quote quote-${q.kind}`;
      s.attrs["data-speaker"] ??= name;
      s.attrs["data-quote"] ??= i;
      s.style ??= `--spk:${colour.fill};--spk-strong:${colour.strong}`;
      s.titles.push(`${q.kind} quote — ${name}${q.cue ? ` (${q.cue.text})` : ""}`);
    }),
  );
  doc.claims.forEach((c, i) =>
    add(2, c.start, c.end, `c${i}`, (s) => {
      s.cls = "claim";
      s.titles.push(`Claim: ${describeClaim(c)}`);
    }),
  );
  doc.entities.forEach((ent) =>
    ent.mentions.forEach((m) =>
      add(3, m.start, m.end, `e${ent.id}`, (s) => {
        s.cls ??= `ent ent-${ent.type}`;
        s.attrs["data-entity-id"] ??= ent.id;
        s.titles.push(`${ent.type}: ${ent.name}${ent.actor ? ` [${ent.actor}]` : ""}${ent.role ? ` — ${ent.role}` : ""}`);
      }),
    ),
  );
  doc.events.forEach((ev, i) =>
    add(4, ev.trigger?.start, ev.trigger?.end, `t${i}`, (s) => {
      s.cls = "trigger";
      s.attrs["data-event"] ??= i;
      s.titles.push(`Event ${ev.cameo} ${cameoLabel(ev.cameo)}: ${actorText(ev.source)} → ${actorText(ev.target)}`);
    }),
  );
  return [...spans.values()];
}

/**
 * Draws the text: cut at every span boundary; each piece lies inside all spans
 * covering it. Open elements are kept while they still cover the next piece, so
 * nested spans (an entity in a quote) become nested elements and a span is only
 * split where it crosses another's edge.
 */
function renderText(ctx) {
  const text = ctx.doc.text;
  const spans = collectSpans(ctx);
  const cuts = new Set([0, text.length]);
  for (const s of spans) cuts.add(s.start).add(s.end);
  const points = [...cuts].sort((a, b) => a - b);
  // Outer first: paragraphs, then earlier start, then longer, then by layer.
  const order = (a, b) =>
    (a.layer === 0 ? 0 : 1) - (b.layer === 0 ? 0 : 1) || a.start - b.start || b.end - a.end || a.layer - b.layer;

  const root = document.createDocumentFragment();
  const stack = []; // [{span, node}]
  const top = () => (stack.length ? stack[stack.length - 1].node : root);
  for (let k = 0; k + 1 < points.length; k++) {
    const [from, to] = [points[k], points[k + 1]];
    const active = spans.filter((s) => s.start <= from && s.end >= to).sort(order);
    let keep = 0;
    while (keep < stack.length && keep < active.length && stack[keep].span === active[keep]) keep++;
    stack.length = keep;
    for (const span of active.slice(keep)) {
      const node = spanElement(span);
      top().append(node);
      stack.push({ span, node });
    }
    top().append(text.slice(from, to));
  }
  $("text").replaceChildren(root);
}

function spanElement(span) {
  const node = el(span.tag ?? "span", {
    class: span.tag === "p" ? "para" : `hl ${span.cls}`,
    "data-ref": span.tag === "p" ? null : span.refs.join(" "),
    title: span.titles.length ? span.titles.join("\n") : null,
    style: span.style ?? null,
    ...span.attrs,
  });
  return node;
}

function renderLegend(ctx) {
  const types = [...new Set(ctx.doc.entities.map((e) => e.type))].sort();
  $("text").className = "doc-text"; // every layer shown again for a new document
  const toggle = (cls, label, sample) =>
    el("label", { class: "toggle" }, [
      el("input", {
        type: "checkbox", checked: true,
        onchange: (e) => $("text").classList.toggle(`hide-${cls}`, !e.target.checked),
      }),
      sample, label,
    ]);
  $("legend").replaceChildren(
    toggle("quote", "Quotes", el("span", { class: "swatch swatch-quote" })),
    toggle("trigger", "Event triggers", el("span", { class: "hl trigger" }, "verb")),
    toggle("claim", "Claims", el("span", { class: "hl claim" }, "12")),
    toggle("ent", "Entities:", null),
    ...types.map((t) => el("span", { class: `hl ent ent-${t} legend-ent` }, t)),
  );
}

/** The resolved entity's name ("Lloyd Austin"), else the words that were matched ("he"). */
function actorText(side) {
  if (!side) return "—";
  return side.name || side.text || side.actor || "—";
}

function actorNode(side) {
  if (!side) return el("span", { class: "muted" }, "—");
  const title = side.name && side.text && side.name !== side.text ? `matched words: ${side.text}` : null;
  return el("span", { class: "actor", title }, [
    side.name || side.text || "",
    side.actor ? el("code", { class: "code" }, side.actor) : null,
  ]);
}

function renderEvents(ctx) {
  const { doc } = ctx;
  $("events-count").textContent = doc.events.length;
  const items = doc.events.map((ev, i) => {
    const q = quadClass(ev.quad_class);
    const plover = ev.plover?.type ? ` · ${ev.plover.type}` : "";
    const where = ev.place ? [ev.place.name, ev.place.country && ev.place.country !== ev.place.name ? ev.place.country : null].filter(Boolean).join(", ") : null;
    const speaker = ev.speaker !== null && ev.speaker !== undefined ? doc.entities[ev.speaker]?.name : null;
    return el("li", { class: "item event", "data-ref": `t${i}`, tabindex: 0, style: { "--quad": q.colour }, title: q.label }, [
      el("div", { class: "event-line" }, [
        actorNode(ev.source),
        el("span", { class: "arrow" }, "→"),
        el("span", { class: "cameo", title: `CAMEO ${ev.cameo} (root ${ev.cameo_root}), ${q.label}` }, [
          el("code", {}, ev.cameo), ` ${cameoLabel(ev.cameo)}${plover}`,
        ]),
        el("span", { class: "arrow" }, "→"),
        actorNode(ev.target),
      ]),
      el("div", { class: "event-facts" }, [
        el("span", { class: `badge modality-${ev.modality}` }, ev.modality),
        ev.date ? el("span", {}, ev.date) : null,
        where ? el("span", { title: "place" }, `at ${where}`) : null,
        el("span", { title: "Goldstein scale" }, `G ${formatNumber(ev.goldstein)}`),
        speaker ? el("span", {}, `via ${speaker}`) : null,
        el("span", { class: "muted" }, `“${ev.trigger?.text ?? ""}”`),
      ]),
      ev.rule ? el("div", { class: "event-rule muted small", title: "the lexicon row and argument rules that coded this event" }, `why: ${ev.rule}`) : null,
    ]);
  });
  $("events").replaceChildren(...(items.length ? items : [el("li", { class: "empty" }, "No events found.")]));
  bindItems($("events"));
}

function renderQuotes(ctx) {
  const { doc, speakers } = ctx;
  $("quotes-count").textContent = doc.quotes.length;
  const groups = [...speakers.values()].sort((a, b) => b.quotes.length - a.quotes.length);
  const nodes = groups.map((sp) => {
    const entity = sp.entity !== null ? doc.entities[sp.entity] : null;
    return el("section", { class: "speaker-group", "data-speaker": sp.name, style: `--spk:${sp.colour.fill};--spk-strong:${sp.colour.strong}` }, [
      el("h4", {}, [
        el("span", { class: "swatch" }), sp.name,
        entity?.actor ? el("code", { class: "code" }, entity.actor) : null,
        entity?.role ? el("span", { class: "muted small" }, ` ${entity.role}`) : null,
        el("span", { class: "count" }, sp.quotes.length),
      ]),
      el("ul", { class: "items" }, sp.quotes.map((i) => {
        const q = doc.quotes[i];
        return el("li", { class: "item quote-item", "data-ref": `q${i}`, tabindex: 0 }, [
          el("span", { class: `badge kind-${q.kind}` }, q.kind),
          " ", truncate(q.text, 180),
          q.cue ? el("span", { class: "muted small" }, ` — ${q.cue.text}`) : null,
        ]);
      })),
    ]);
  });
  $("quotes").replaceChildren(...(nodes.length ? nodes : [el("p", { class: "empty" }, "No quotes found.")]));
  bindItems($("quotes"));
}

function describeClaim(c) {
  const value = typeof c.value === "number" ? c.value.toLocaleString("en") : c.value;
  return [c.qualifier, value, c.counts].filter(Boolean).join(" ") + (c.category ? ` (${c.category})` : "");
}

function renderClaims(ctx) {
  const { doc } = ctx;
  $("claims-count").textContent = doc.claims.length;
  const items = doc.claims.map((c, i) => {
    const who = c.speaker !== null && c.speaker !== undefined ? doc.entities[c.speaker]?.name : c.speaker_text;
    return el("li", { class: "item", "data-ref": `c${i}`, tabindex: 0 }, [
      el("strong", {}, describeClaim(c)),
      who ? el("span", { class: "muted small" }, ` — ${who}`) : null,
    ]);
  });
  $("claims").replaceChildren(...(items.length ? items : [el("li", { class: "empty" }, "No claims found.")]));
  bindItems($("claims"));
}

function renderEntities(ctx) {
  const { doc } = ctx;
  $("entities-count").textContent = doc.entities.length;
  const byType = new Map();
  for (const ent of doc.entities) {
    if (!byType.has(ent.type)) byType.set(ent.type, []);
    byType.get(ent.type).push(ent);
  }
  const nodes = [...byType.entries()].sort().map(([type, ents]) =>
    el("div", { class: "ent-group" }, [
      el("h4", {}, type),
      el("div", { class: "chips" }, ents.map((ent) =>
        el("button", {
          type: "button", class: `chip hl ent ent-${ent.type}`, "data-ref": `e${ent.id}`,
          title: [ent.actor, ent.country, ent.role].filter(Boolean).join(" · ") || null,
        }, [ent.name, ent.actor ? el("code", { class: "code" }, ent.actor) : null, el("span", { class: "count" }, ent.mentions.length)]),
      )),
    ]),
  );
  $("entities").replaceChildren(...(nodes.length ? nodes : [el("p", { class: "empty" }, "No entities found.")]));
  bindItems($("entities"));
}

function truncate(s, n) {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

// --- Evidence focus ---------------------------------------------------------------

function bindItems(container) {
  container.querySelectorAll("[data-ref]").forEach((item) => {
    const go = () => focusRef(item.dataset.ref, item);
    item.addEventListener("click", go);
    item.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        go();
      }
    });
  });
}

/** Marks the text spans with `ref` (and the side item) as focused and scrolls to them. */
function focusRef(ref, item, scrollText = true) {
  document.querySelectorAll(".focus").forEach((n) => n.classList.remove("focus"));
  document.querySelectorAll(".selected").forEach((n) => n.classList.remove("selected"));
  const targets = [...$("text").querySelectorAll("[data-ref]")].filter((n) => n.dataset.ref.split(" ").includes(ref));
  targets.forEach((n) => n.classList.add("focus"));
  if (item) item.classList.add("selected");
  if (scrollText && targets[0]) targets[0].scrollIntoView({ behavior: "smooth", block: "center" });
  return targets;
}

/** Clicking a highlight in the text selects the matching side-panel item. */
function onTextClick(event) {
  const span = event.target.closest(".hl[data-ref]");
  if (!span) return;
  const ref = span.dataset.ref.split(" ")[0];
  const item = document.querySelector(`.side [data-ref="${ref}"]`);
  focusRef(ref, item, false);
  if (item) {
    item.closest("details")?.setAttribute("open", "");
    item.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }
}
