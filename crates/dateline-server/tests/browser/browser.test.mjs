// The Dateline web UI in headless Chromium, driven by playwright-core.
//
// Env: DATELINE_BIN (the dateline binary), DATELINE_DB (a store already filled),
// DATELINE_SCREENSHOTS (PNG folder, default <repo>/target/browser), DATELINE_SEED
// (optional: a real Reuters article; enables the seed checks), DATELINE_EXAMPLE
// (default <repo>/examples/nato-baltic-drills.txt), CHROMIUM (default /usr/bin/chromium).
// The last tests add documents and a watched feed to DATELINE_DB while the corpus page
// is open, so they run after the others, whose counts they would otherwise change.
// Run: npm ci && DATELINE_BIN=… DATELINE_DB=… npm test
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../../..");
const BIN = process.env.DATELINE_BIN;
const DB = process.env.DATELINE_DB;
const SHOTS = process.env.DATELINE_SCREENSHOTS || path.join(repo, "target/browser");
const SEED = process.env.DATELINE_SEED;
const EXAMPLE = process.env.DATELINE_EXAMPLE || path.join(repo, "examples/nato-baltic-drills.txt");
const EXAMPLE_PUBLISHED = "2026-01-13";
// Two direct quotes in the example whose speakers the pipeline resolves.
const EXAMPLE_QUOTES = [
  { text: "We are not here to provoke anyone,", speaker: "Rasa Vaitkute" },
  { text: "The logistics are the hard part,", speaker: "Howard T. Brenner" },
];
const VIEWPORT = { width: 1400, height: 900 };

let server;
let base;
let browser;

/** Starts `dateline serve` on a free port and resolves with its base URL. */
function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, ["serve", "--db", DB, "--addr", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "pipe"] });
    server = child;
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => reject(new Error(`dateline serve printed no address in 60 s:\n${stdout}\n${stderr}`)), 60_000);
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const m = stdout.match(/serving on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr.on("data", (chunk) => { stderr += chunk; });
    child.on("error", (err) => { clearTimeout(timer); reject(err); });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`dateline serve exited (${code}):\n${stderr}`)); });
  });
}

function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => server.kill("SIGKILL"), 5_000);
    server.once("exit", () => { clearTimeout(force); resolve(); });
    server.kill("SIGTERM");
  });
}
// Commands the tests run (ingest, watch): killed if the run ends while they are going.
const children = new Set();
process.on("exit", () => {
  server?.kill("SIGKILL");
  for (const child of children) child.kill("SIGKILL");
});

/** Runs `dateline args…` to its end, killed after `ms`; resolves with its exit code and output. */
function runDateline(args, ms = 60_000) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, { stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    let output = "";
    child.stdout.on("data", (chunk) => { output += chunk; });
    child.stderr.on("data", (chunk) => { output += chunk; });
    const timer = setTimeout(() => child.kill("SIGKILL"), ms);
    child.on("error", (err) => { clearTimeout(timer); children.delete(child); reject(err); });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, signal, output });
    });
  });
}

before(async () => {
  assert.ok(BIN && fs.existsSync(BIN), `DATELINE_BIN must name the dateline binary (got ${BIN})`);
  assert.ok(DB && fs.existsSync(DB), `DATELINE_DB must name a filled store (got ${DB})`);
  fs.mkdirSync(SHOTS, { recursive: true });
  base = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  await stopServer();
});

/** Runs `body` with a fresh page; fails on uncaught script errors and keeps a
 *  screenshot `failed-<name>.png` when something goes wrong. */
async function withPage(name, body) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const scriptErrors = [];
  page.on("pageerror", (err) => scriptErrors.push(err.message));
  try {
    await body(page);
    assert.deepEqual(scriptErrors, [], "no uncaught script errors");
  } catch (err) {
    await page.screenshot({ path: path.join(SHOTS, `failed-${name}.png`), fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await context.close();
  }
}

/** Fills the article form, extracts and waits for the rendered result. */
async function extract(page, file, published) {
  await page.goto(`${base}/`);
  await page.fill("#article-text", fs.readFileSync(file, "utf8"));
  await page.fill("#published", published);
  await page.click("#extract-button");
  await page.waitForSelector("body[data-ready='1']", { timeout: 60_000 });
  const errors = await page.locator("#errors .error").allTextContents();
  assert.deepEqual(errors, [], "the page shows no error");
}

/** Each rendered quote (its pieces joined) with its speaker and fill colour. */
function renderedQuotes(page) {
  return page.evaluate(() => {
    const byIndex = new Map();
    for (const node of document.querySelectorAll("#text .quote[data-speaker]")) {
      const q = byIndex.get(node.dataset.quote) ?? { text: "", speaker: node.dataset.speaker, colour: getComputedStyle(node).backgroundColor };
      q.text += node.textContent;
      byIndex.set(node.dataset.quote, q);
    }
    return [...byIndex.values()];
  });
}

/** Every span of the API document must show exactly its own text (byte offsets mapped right). */
async function assertSpansMatch(page) {
  const mismatches = await page.evaluate(() => {
    const doc = window.datelineDocument;
    const bad = [];
    doc.quotes.forEach((q, i) => {
      const nodes = document.querySelectorAll(`#text .quote[data-quote="${i}"]`);
      if (!nodes.length) return; // an identical span drawn for an earlier quote
      const text = [...nodes].map((n) => n.textContent).join("");
      if (text !== q.text) bad.push(`quote ${i}: ${JSON.stringify(text)} ≠ ${JSON.stringify(q.text)}`);
    });
    doc.events.forEach((e, i) => {
      const nodes = [...document.querySelectorAll("#text .trigger")].filter((n) => n.dataset.ref.split(" ").includes(`t${i}`));
      const text = nodes.map((n) => n.textContent).join("");
      if (text !== e.trigger.text) bad.push(`trigger ${i}: ${JSON.stringify(text)} ≠ ${JSON.stringify(e.trigger.text)}`);
    });
    return bad;
  });
  assert.deepEqual(mismatches, [], "highlighted spans show the API's text");
}

/** A full-page screenshot from the top, once smooth scrolling has settled. */
async function shot(page, name) {
  await page.waitForTimeout(500);
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: "instant" }));
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
}

async function clickFirstEventAndExpectFocus(page) {
  await page.locator("#events li").first().click();
  await page.waitForSelector("#text .focus", { timeout: 5_000 });
  assert.ok(await page.locator("#text .focus").count() >= 1, "an evidence span is focused");
  assert.ok(await page.locator("#events li.selected").count() === 1, "the event item is selected");
}

test("article view: extract the example, colour quotes by speaker, focus evidence", () => withPage("article", async (page) => {
  await extract(page, EXAMPLE, EXAMPLE_PUBLISHED);

  assert.ok(await page.locator(".quote[data-speaker]").count() >= 1, "quotes are highlighted");
  assert.ok(await page.locator("#text .ent[data-entity-id]").count() >= 1, "entities are highlighted");
  assert.ok(await page.locator("#text .trigger").count() >= 1, "event triggers are highlighted");
  await assertSpansMatch(page);

  const quotes = await renderedQuotes(page);
  const found = EXAMPLE_QUOTES.map(({ text, speaker }) => {
    const q = quotes.find((r) => r.text.includes(text));
    assert.ok(q, `a quote reading ${JSON.stringify(text)} is highlighted`);
    assert.equal(q.speaker, speaker, `the quote ${JSON.stringify(text)} is attributed to ${speaker}`);
    assert.notEqual(q.colour, "rgba(0, 0, 0, 0)", `${speaker}'s quote has a fill`);
    return q;
  });
  assert.notEqual(found[0].colour, found[1].colour, "two speakers' quotes have different colours");

  // The side panel shows each speaker in the same colour as the text.
  for (const q of found) {
    const header = page.locator(`#quotes .speaker-group[data-speaker="${q.speaker}"] h4`);
    assert.equal(await header.evaluate((n) => getComputedStyle(n).backgroundColor), q.colour, `${q.speaker}'s colour matches in the panel`);
  }

  assert.ok(await page.locator("#events li").count() >= 1, "at least one event is listed");
  await clickFirstEventAndExpectFocus(page);
  assert.match(await page.locator("#meta").textContent(), /Anna Kowalska/, "the byline is shown");

  await shot(page, "article.png");
}));

test("article view: the Reuters seed article", async (t) => {
  if (!SEED || !fs.existsSync(SEED)) {
    t.skip(SEED ? `DATELINE_SEED=${SEED} does not exist` : "DATELINE_SEED is not set (needs ../shared/eval/dev/seed-reuters.txt)");
    return;
  }
  await withPage("seed-article", async (page) => {
    await extract(page, SEED, "2024-10-30");
    await assertSpansMatch(page);

    const quotes = await renderedQuotes(page);
    const austin = quotes.find((q) => q.text.includes("It does have the potential"));
    assert.ok(austin, "Austin's quote is highlighted");
    assert.equal(austin.speaker, "Lloyd Austin");
    const kim = quotes.find((q) => q.speaker.includes("Kim Yong"));
    assert.ok(kim, `a quote by Kim Yong-hyun is highlighted (speakers: ${[...new Set(quotes.map((q) => q.speaker))].join(", ")})`);
    assert.notEqual(kim.colour, austin.colour, "Kim's and Austin's quotes have different colours");

    assert.ok(await page.locator("#events li").count() >= 3, "at least three events are listed");
    await clickFirstEventAndExpectFocus(page);

    await shot(page, "seed-article.png");
  });
});

test("corpus view: network, events table, search, timeline, speakers, people", () => withPage("corpus", async (page) => {
  await page.goto(`${base}/corpus`);

  await page.waitForFunction(() => {
    const net = document.querySelector("#network");
    return Number(net?.dataset.nodes) >= 2 && window.datelineNetwork?.nodes().length >= 2;
  }, null, { timeout: 60_000 });
  const nodes = await page.evaluate(() => window.datelineNetwork.nodes().length);
  assert.equal(Number(await page.getAttribute("#network", "data-nodes")), nodes);
  assert.ok(await page.evaluate(() => window.datelineNetwork.edges().length) >= 1, "the network has edges");

  await page.waitForSelector("#events-table tbody tr td:nth-child(11)", { timeout: 30_000 });
  assert.ok(await page.locator("#events-table tbody tr").count() >= 1, "the events table has rows");

  await page.fill("#search-q", "talks");
  await page.click("#search-button");
  await page.waitForSelector("#search-results li a[href^='/?doc=']", { timeout: 30_000 });
  assert.ok(await page.locator("#search-results li").count() >= 1, "search finds results");

  await page.waitForSelector("#timeline[data-rendered]", { timeout: 30_000 });
  assert.ok(Number(await page.getAttribute("#timeline", "data-rendered")) >= 1, "the timeline has buckets");
  assert.equal(await page.evaluate(() => Chart.getChart("timeline").data.datasets.length), 5, "four QuadClass stacks and a Goldstein line");

  await page.waitForSelector("#speaker-quotes li", { timeout: 30_000 });
  assert.ok(await page.locator("#speakers li").count() >= 1, "speakers are listed");
  const second = page.locator("#speakers li").nth(1);
  if (await second.count()) {
    const name = await second.getAttribute("data-speaker");
    await second.click();
    await page.waitForFunction((n) => document.querySelector("#speaker-name").textContent.startsWith(`${n} —`), name);
    assert.ok(await page.locator("#speaker-quotes li").count() >= 1, `${name}'s quotes are listed`);
  }

  await page.waitForSelector("#people tr td:nth-child(5)", { timeout: 30_000 });
  assert.ok(await page.locator("#people tr").count() >= 1, "people are listed");
  const firstPerson = (await page.locator("#people tr td").first().textContent()).trim();
  await page.fill("#people-name", firstPerson.split(" ").pop());
  await page.click("#people-form button");
  await page.waitForFunction((n) => [...document.querySelectorAll("#people tr td:first-child")]
    .some((td) => td.textContent.includes(n)), firstPerson);

  await shot(page, "corpus.png"); // after the chart's short animation
  assert.deepEqual(await page.locator("#errors .error").allTextContents(), [], "the page shows no error");

  // Paging through the events table.
  if (await page.locator("#ev-next").isEnabled()) {
    await page.click("#ev-next");
    await page.waitForFunction(() => /^Rows 26[–-]/.test(document.querySelector("#ev-range").textContent));
    assert.ok(await page.locator("#ev-prev").isEnabled(), "Previous is enabled on page 2");
  }

  // Tapping a node points the timeline and the events filter at that actor.
  const actor = await page.evaluate(() => {
    const node = window.datelineNetwork.nodes().max((n) => n.degree()).ele;
    node.emit("tap");
    return node.id();
  });
  await page.waitForFunction((a) => Chart.getChart("timeline")?.options.plugins.title.text.startsWith(`${a}:`), actor);
  assert.equal(await page.inputValue("#ev-actor"), actor);
  await page.waitForFunction((a) => {
    const rows = [...document.querySelectorAll("#events-table tbody tr")];
    return rows.length > 0 && rows.every((tr) => tr.cells.length === 11 && tr.textContent.includes(a));
  }, actor);

  // A search result opens the document in the article view.
  await page.locator("#search-results li a[href^='/?doc=']").first().click();
  await page.waitForSelector("body[data-ready='1']", { timeout: 30_000 });
  assert.ok(await page.locator("#text .para").count() >= 1, "the stored document is shown");
}));

// --- Corpus view at scale: network controls, time axis, map ----------------------------------

/** What the network should draw from the API's edges (busiest first) with these settings:
 *  the same selection as corpus.js, computed independently. */
function expectedNetwork(items, { top, min, group }) {
  let edges = items;
  if (group) {
    const groups = new Map();
    for (const e of items) {
      const [source, target] = [e.source.slice(0, 3), e.target.slice(0, 3)];
      const g = groups.get(`${source} ${target}`) ?? { source, target, events: 0 };
      g.events += e.events;
      groups.set(`${source} ${target}`, g);
    }
    const text = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
    edges = [...groups.values()].sort((a, b) => b.events - a.events || text(a.source, b.source) || text(a.target, b.target));
  }
  edges = edges.filter((e) => e.events >= min).slice(0, top);
  return { edges: edges.length, nodes: new Set(edges.flatMap((e) => [e.source, e.target])).size };
}

/** Sets the network controls and waits until Cytoscape draws `want` nodes and edges. */
async function setNetwork(page, settings, want) {
  if (settings.top !== undefined) await page.fill("#net-top", String(settings.top));
  if (settings.min !== undefined) await page.fill("#net-min", String(settings.min));
  if (settings.group !== undefined) await page.setChecked("#net-group", settings.group);
  const counts = () => page.evaluate(() => ({
    nodes: window.datelineNetwork.nodes().length,
    edges: window.datelineNetwork.edges().length,
    shownNodes: Number(document.querySelector("#network").dataset.nodes),
    shownEdges: Number(document.querySelector("#network").dataset.edges),
  }));
  await page.waitForFunction(({ nodes, edges }) => {
    const cy = window.datelineNetwork;
    return !cy.destroyed() && cy.nodes().length === nodes && cy.edges().length === edges
      && document.querySelector("#network").dataset.edges === String(edges);
  }, want, { timeout: 10_000 }).catch(() => {});
  await page.waitForTimeout(400); // a redraw still pending after typing would show here
  const got = await counts();
  assert.deepEqual(got, { nodes: want.nodes, edges: want.edges, shownNodes: want.nodes, shownEdges: want.edges },
    `the network with ${JSON.stringify(settings)} draws ${JSON.stringify(want)}`);
  return got;
}

/** Month buckets "YYYY-MM" → runs of consecutive months. */
function monthRuns(buckets) {
  const index = (b) => Number(b.slice(0, 4)) * 12 + Number(b.slice(5, 7)) - 1;
  let runs = 0;
  buckets.forEach((b, i) => { if (i === 0 || index(b) !== index(buckets[i - 1]) + 1) runs += 1; });
  return runs;
}

test("corpus view: network controls, timeline time axis, map of places", (t) => withPage("corpus-scale", async (page) => {
  await page.goto(`${base}/corpus`);
  await page.waitForFunction(() => Number(document.querySelector("#network")?.dataset.nodes) >= 2 && window.datelineNetwork, null, { timeout: 60_000 });
  const getJson = (url) => page.evaluate(async (u) => {
    const r = await fetch(u);
    return { status: r.status, body: r.ok ? await r.json() : null };
  }, url);

  // Network: top-N edges, minimum events per edge, group by country.
  const { body: network } = await getJson("/v1/network?limit=1000");
  const items = network.items;
  assert.ok(items.length >= 4, `enough edges to filter (${items.length})`);
  assert.equal(await page.inputValue("#net-top"), "60", "60 edges by default");
  assert.equal(await page.inputValue("#net-min"), "1", "at least 1 event per edge by default");
  const all = expectedNetwork(items, { top: 60, min: 1, group: false });
  await setNetwork(page, {}, all);

  const top3 = expectedNetwork(items, { top: 3, min: 1, group: false });
  await setNetwork(page, { top: 3 }, top3);
  assert.ok(top3.edges === 3 && top3.edges < all.edges, "top 3 draws fewer edges");

  const weights = [...new Set(items.map((e) => e.events))].sort((a, b) => a - b);
  if (weights.length > 1) {
    const heavy = expectedNetwork(items, { top: 60, min: weights[1], group: false });
    await setNetwork(page, { top: 60, min: weights[1] }, heavy);
    assert.ok(heavy.edges < all.edges, `a minimum of ${weights[1]} events leaves out lighter edges`);
    assert.ok(await page.evaluate((m) => window.datelineNetwork.edges().every((e) => e.data("events") >= m), weights[1]));
  } else {
    t.diagnostic("every edge has the same number of events: the minimum-weight check is skipped");
  }

  const grouped = expectedNetwork(items, { top: 60, min: 1, group: true });
  await setNetwork(page, { min: 1, group: true }, grouped);
  assert.ok(grouped.nodes < all.nodes, `grouping by country gives fewer nodes (${grouped.nodes} < ${all.nodes})`);
  assert.ok(await page.evaluate(() => window.datelineNetwork.nodes().every((n) => n.id().length <= 3)), "grouped nodes are 3-letter prefixes");

  await setNetwork(page, { group: false }, all);
  const labels = await page.evaluate(() => window.datelineNetwork.nodes().map((n) => ({ id: n.id(), label: n.data("label"), size: parseFloat(n.style("font-size")) })));
  assert.ok(labels.every((l) => l.label.startsWith(l.id)), "node labels start with the actor code");
  assert.ok(labels.some((l) => l.label.includes("\n")), `some nodes are named (${labels.map((l) => JSON.stringify(l.label)).join(", ")})`);
  assert.ok(labels.every((l) => l.size >= 16), "node labels are at least 16 px");
  await page.waitForTimeout(300);
  await page.locator("#network-card").screenshot({ path: path.join(SHOTS, "network.png") });

  // Timeline: a linear time axis on which a missing month stays empty.
  await page.waitForSelector("#timeline[data-rendered]", { timeout: 30_000 });
  const { body: actors } = await getJson("/v1/actors?top=50");
  let gapped = null;
  for (const a of actors.items) {
    const { body: tl } = await getJson(`/v1/timeline?actor=${encodeURIComponent(a.actor)}&by=month`);
    const buckets = tl.items.map((b) => b.bucket);
    if (buckets.length >= 2 && monthRuns(buckets) >= 2) { gapped = { actor: a.actor, buckets }; break; }
  }
  if (gapped) {
    await page.fill("#timeline-actor", gapped.actor);
    await page.selectOption("#timeline-by", "month");
    await page.click("#timeline-form button[type='submit']");
    await page.waitForFunction(({ actor, n }) => Chart.getChart("timeline")?.options.plugins.title.text.startsWith(`${actor}: events per month`)
      && document.querySelector("#timeline").dataset.rendered === String(n), { actor: gapped.actor, n: gapped.buckets.length });
  } else {
    t.diagnostic("no actor has a month without events between two with: the gap check is skipped");
  }
  await page.waitForTimeout(400); // the chart's short animation
  const axis = await page.evaluate(() => {
    const chart = Chart.getChart("timeline");
    const x = chart.scales.x;
    const bars = chart.getDatasetMeta(0).data.map((bar, i) => ({ x: bar.x, width: bar.width, raw: chart.data.datasets[0].data[i] }));
    return {
      type: x.type,
      ticks: x.ticks.map((tick) => tick.label),
      bars: bars.filter((b) => b.raw.bucket).map((b) => ({ bucket: b.raw.bucket, x: b.x, width: b.width })),
      segments: chart.getDatasetMeta(4).dataset.segments.length,
      spanGaps: chart.data.datasets[4].spanGaps,
    };
  });
  assert.equal(axis.type, "linear", "the x axis is a linear (time) scale");
  assert.ok(axis.ticks.length >= 2 && axis.ticks.every((l) => /^\d{4}(-\d\d){0,2}$/.test(l)), `ticks are dates (${axis.ticks.join(", ")})`);
  assert.equal(axis.spanGaps, false, "the Goldstein line does not span gaps");
  if (gapped) {
    // Each bar sits in the middle of its month, placed by date.
    const pixels = await page.evaluate((buckets) => {
      const x = Chart.getChart("timeline").scales.x;
      return buckets.map((b) => {
        const [y, m] = b.split("-").map(Number);
        return x.getPixelForValue((Date.UTC(y, m - 1, 1) + Date.UTC(y, m, 1)) / 2);
      });
    }, gapped.buckets);
    assert.deepEqual(axis.bars.map((b) => b.bucket), gapped.buckets, "one bar position per month with events");
    axis.bars.forEach((b, i) => assert.ok(Math.abs(b.x - pixels[i]) < 1, `${b.bucket} is drawn at its date (${b.x} vs ${pixels[i]})`));
    const i = gapped.buckets.findIndex((b, k) => k > 0 && monthRuns([gapped.buckets[k - 1], b]) === 2);
    const gap = axis.bars[i].x - axis.bars[i - 1].x;
    assert.ok(gap > 1.8 * axis.bars[i].width, `the gap ${gapped.buckets[i - 1]} → ${gapped.buckets[i]} stays empty (${gap.toFixed(0)} px apart, bars ${axis.bars[i].width.toFixed(0)} px wide)`);
    assert.ok(axis.segments >= monthRuns(gapped.buckets), `the Goldstein line breaks at each gap (${axis.segments} pieces)`);
  }
  await page.locator("#timeline-card").screenshot({ path: path.join(SHOTS, "timeline.png") });

  // Map: Natural Earth countries, and a circle per place once /v1/places answers.
  await page.waitForSelector("#map svg[data-countries]", { timeout: 30_000 });
  assert.ok(await page.locator("#map path.country").count() > 100, "the map draws the world's countries");
  const placesAnswer = await getJson("/v1/places?limit=500");
  const places = (placesAnswer.body?.items ?? []).filter((p) => typeof p.lat === "number" && typeof p.lon === "number");
  if (places.length) {
    await page.waitForFunction((n) => document.querySelectorAll("#map circle.place").length === n, places.length, { timeout: 15_000 });
    assert.ok(await page.locator("#map circle.place").count() >= 1, "places are drawn");
    const first = await page.locator("#map circle.place title").allTextContents();
    assert.ok(first.some((title) => title.startsWith(places[0].place) && /\d+ events?\b/.test(title)), `a circle names the busiest place (${first[0]})`);
    if (places.some((p) => p.country)) assert.ok(await page.locator("#map path.country.has-events").count() >= 1, "countries with events are shaded");
    await page.waitForFunction(() => /events? at \d+ places?/.test(document.querySelector("#map-status").textContent));
  } else {
    t.diagnostic(`/v1/places answered ${placesAnswer.status} with no places: the circle checks are skipped`);
  }
  await page.locator("#map-card").screenshot({ path: path.join(SHOTS, "map.png") });

  // Number agreement in the page's text and tooltips.
  const text = await page.evaluate(() => [
    document.body.innerText,
    ...[...document.querySelectorAll("[title]")].map((n) => n.getAttribute("title")),
    ...[...document.querySelectorAll("svg title")].map((n) => n.textContent),
    ...[...document.querySelectorAll("#actor-list option")].map((n) => n.textContent),
  ].join("\n"));
  const wrong = text.match(/(?<![\d,.])1 (events|quotes|documents|docs|articles|places|edges|actors|countries|months|days|years)\b/g);
  assert.equal(wrong, null, "a count of 1 takes the singular");
  assert.deepEqual(await page.locator("#errors .error").allTextContents(), [], "the page shows no error");
}));

test("article view: an uploaded .html file is sent as HTML", () => withPage("upload", async (page) => {
  await page.goto(`${base}/`);
  const html = `<!doctype html><html><head><title>Ministers meet</title></head><body><article>
    <h1>Norway and Sweden agree to expand border cooperation</h1>
    <p>OSLO (Reuters) - Norway and Sweden agreed on Monday to expand police cooperation along their border, officials said.</p>
    <p>“This is a good day for both countries,” said Norwegian Justice Minister Kari Nordmann.</p>
  </article></body></html>`;
  await page.setInputFiles("#article-file", { name: "oslo.html", mimeType: "text/html", buffer: Buffer.from(html) });
  await page.waitForFunction(() => document.querySelector("#article-text").value.includes("<article>"));
  assert.equal(await page.inputValue("#format"), "text/html", "an .html file switches the format to HTML");
  await page.fill("#published", "2025-05-05");
  await page.click("#extract-button");
  await page.waitForSelector("body[data-ready='1']", { timeout: 60_000 });
  assert.equal(await page.textContent("#headline"), "Norway and Sweden agree to expand border cooperation");
  assert.equal(await page.evaluate(() => window.datelineDocument.source.format), "html");
  assert.ok(!(await page.textContent("#text")).includes("<p>"), "the markup is not shown as text");
}));

test("API errors are shown on the page", () => withPage("errors", async (page) => {
  await page.goto(`${base}/?doc=987654321`);
  const error = page.locator("#errors .error");
  await error.first().waitFor({ timeout: 30_000 });
  assert.match(await error.first().textContent(), /404.*987654321/);
}));

// --- Live view and feeds (these add to DATELINE_DB, so they come last) ---------------------

// Original fictional stories written for these tests. `RUN` varies one number per run so a
// store that already holds an earlier run's copy still takes the story as a new document.
const RUN = 200 + (Date.now() % 9000);

const LIVE_STORY = {
  headline: "Estonia and Finland sign pact to guard undersea cables in the Gulf of Finland",
  quote: "Our cables are the arteries of both our economies",
  speaker: "Maarja Kivisild",
  text: `Estonia and Finland sign pact to guard undersea cables in the Gulf of Finland
Reuters

TALLINN (Reuters) - Estonia and Finland signed an agreement on Thursday to jointly patrol the undersea power and data cables that cross the Gulf of Finland, after ${RUN} hours of unexplained outages last winter.
Under the pact, the two countries' navies will share sonar data and run joint patrols from a new coordination centre in Tallinn, officials said.
"Our cables are the arteries of both our economies, and from today we will guard them together," Estonian Defence Minister Maarja Kivisild told reporters after the signing.
Finnish officials said the first joint patrol would sail next month.
`,
};

const FEED_STORY = {
  headline: "Ghana and Togo agree to reopen Aflao border crossing",
  path: "/world/2026/11/21/ghana-togo-aflao-border.html",
  html: `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Ghana and Togo agree to reopen Aflao border crossing | Gulf Coast Wire</title>
<meta property="og:type" content="article">
<meta property="og:title" content="Ghana and Togo agree to reopen Aflao border crossing">
<meta property="og:site_name" content="Gulf Coast Wire">
<meta property="article:published_time" content="2026-11-21T09:30:00Z">
<meta name="author" content="Kofi Mensah">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<article>
<h1>Ghana and Togo agree to reopen Aflao border crossing</h1>
<p>ACCRA (Gulf Coast Wire) - Ghana and Togo agreed on Friday to reopen the Aflao border crossing to trucks for the first time in five months, ending a dispute over customs fees that had stranded ${RUN} traders on both sides.</p>
<p>The two governments will set up a joint customs post at the crossing and review the fees again in March, officials said.</p>
<p>"Traders have waited long enough, and from Monday the trucks will move again," Ghanaian Trade Minister Abena Owusu-Darko told reporters in Accra.</p>
</article>
<footer>&copy; Gulf Coast Wire</footer>
</body></html>
`,
};

/** A news site on 127.0.0.1: robots.txt, an RSS 2.0 feed with one item, and its article. */
function startFeedSite() {
  const hits = [];
  const site = http.createServer((req, res) => {
    hits.push(req.url);
    const origin = `http://${req.headers.host}`;
    const send = (status, type, body) => {
      res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
      res.end(body);
    };
    if (req.url === "/robots.txt") send(200, "text/plain", "User-agent: *\nAllow: /\n");
    else if (req.url === "/feeds/world.xml") {
      send(200, "application/rss+xml; charset=utf-8", `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Gulf Coast Wire: World</title>
  <link>${origin}/world</link>
  <description>World news from Gulf Coast Wire</description>
  <item>
    <title>${FEED_STORY.headline}</title>
    <link>${origin}${FEED_STORY.path}</link>
    <guid>${origin}${FEED_STORY.path}</guid>
    <pubDate>Sat, 21 Nov 2026 09:30:00 GMT</pubDate>
  </item>
</channel></rss>
`);
    }
    else if (req.url === FEED_STORY.path) send(200, "text/html; charset=utf-8", FEED_STORY.html);
    else send(404, "text/plain", "not found\n");
  });
  return new Promise((resolve, reject) => {
    site.once("error", reject);
    site.listen(0, "127.0.0.1", () => {
      const close = () => new Promise((done) => {
        site.close(() => done());
        site.closeAllConnections();
      });
      resolve({ feed: `http://127.0.0.1:${site.address().port}/feeds/world.xml`, hits, close });
    });
  });
}

/** Opens the corpus page polling every 500 ms and waits for its first live update. */
async function openLive(page) {
  await page.goto(`${base}/corpus?live=500`);
  await page.waitForFunction(() => Number(document.querySelector("#live")?.dataset.polls) >= 1, null, { timeout: 30_000 });
}

test("corpus view: the live panel shows a newly ingested article", () => withPage("live", async (page) => {
  await openLive(page);
  const newestBefore = Number(await page.getAttribute("#live", "data-newest"));
  assert.ok(await page.locator("#live-events li").count() >= 1, "the stored events are listed");
  assert.equal(await page.locator("#live .fresh").count(), 0, "nothing is marked new before anything arrives");

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dateline-live-"));
  try {
    const file = path.join(dir, "baltic-cables.txt");
    fs.writeFileSync(file, LIVE_STORY.text);
    const ingest = await runDateline(["ingest", "--db", DB, "--date", "2026-11-20", file]);
    assert.equal(ingest.code, 0, `dateline ingest failed:\n${ingest.output}`);
    assert.match(ingest.output, /\b1 stored\b/, `the story is stored as a new document:\n${ingest.output}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const event = page.locator("#live-events li.fresh", { hasText: LIVE_STORY.headline }).first();
  await event.waitFor({ timeout: 15_000 });
  const quote = page.locator("#live-quotes li.fresh", { hasText: LIVE_STORY.quote }).first();
  await quote.waitFor({ timeout: 15_000 });
  assert.match(await quote.textContent(), new RegExp(LIVE_STORY.speaker), "the quote names its speaker");
  const line = await event.locator(".event-line").textContent();
  assert.ok(line.includes("Estonia") && line.includes("Finland"), `the event names both countries (${line})`);
  assert.match(await event.locator(".cameo code").textContent(), /^\d{3,4}$/, "the event shows its CAMEO code");
  assert.match(await event.locator(".evidence").textContent(), /Estonia and Finland/, "the evidence sentence is shown");
  assert.ok(await event.locator(".goldstein").evaluate((n) => n.style.color !== ""), "the Goldstein value is coloured");
  assert.ok(await page.locator("#live-events li:not(.fresh)").count() >= 1, "earlier items are not marked new");
  assert.ok(Number(await page.getAttribute("#live", "data-newest")) > newestBefore, "the page follows the newest document");
  assert.match(await page.textContent("#live-status"), /^updated \d\d:\d\d:\d\d · \d+ new$/);

  await shot(page, "live.png");
  assert.deepEqual(await page.locator("#errors .error").allTextContents(), [], "the page shows no error");
}));

test("corpus view: the feeds table shows a feed `dateline watch` polled", () => withPage("feeds", async (page) => {
  const site = await startFeedSite();
  try {
    await openLive(page);
    await page.waitForSelector("#feeds tbody tr", { timeout: 15_000 });
    if (Number(await page.getAttribute("#feeds", "data-count")) === 0) {
      assert.match(await page.textContent("#feeds tbody"), /No feeds yet: dateline watch URL --db … fills this table/);
    }

    const watch = await runDateline(["watch", site.feed, "--db", DB, "--once", "--host-delay", "0s", "--timeout", "10s"]);
    assert.equal(watch.code, 0, `dateline watch failed:\n${watch.output}`);
    assert.ok(site.hits.includes(FEED_STORY.path), `the article page was fetched (requests: ${site.hits.join(", ")})`);

    const row = page.locator(`#feeds tbody tr[data-url="${site.feed}"]`);
    await row.waitFor({ timeout: 15_000 });
    assert.equal((await row.locator(".feed-url").textContent()).trim(), site.feed);
    assert.equal((await row.locator(".feed-status").textContent()).trim(), "200");
    assert.equal((await row.locator(".feed-new").textContent()).trim(), "1", "one new article in the last poll");
    assert.equal((await row.locator(".feed-failures").textContent()).trim(), "0");
    assert.match(await row.locator(".feed-poll").textContent(), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/, "the last poll is shown in local time");

    // The watched article reaches the live panel too.
    await page.locator("#live-events li.fresh", { hasText: FEED_STORY.headline }).first().waitFor({ timeout: 15_000 });

    await shot(page, "feeds.png");
    assert.deepEqual(await page.locator("#errors .error").allTextContents(), [], "the page shows no error");
  } finally {
    await site.close();
  }
}));
