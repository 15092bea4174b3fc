// Shared helpers for the Dateline web UI: API access with visible errors,
// navigation, CAMEO/QuadClass labels and colour palettes.

/** Fetches `path` and returns its JSON. API errors (`{"error":{...}}`) and
 *  network failures are thrown as `Error`s carrying the server's message. */
export async function api(path, options = {}) {
  let response;
  try {
    response = await fetch(path, options);
  } catch (err) {
    throw new Error(`Cannot reach the server (${err.message})`);
  }
  const body = await response.text();
  let json = null;
  try {
    json = body ? JSON.parse(body) : null;
  } catch {
    /* not JSON: handled below */
  }
  if (!response.ok) {
    const message = json?.error?.message || body || response.statusText;
    throw new Error(`${response.status}: ${message}`);
  }
  if (json === null) throw new Error(`Unexpected non-JSON answer from ${path}`);
  return json;
}

/** Shows an error message in `#errors` (or `where`), dismissable, never silent. */
export function showError(err, where = document.getElementById("errors")) {
  const message = err instanceof Error ? err.message : String(err);
  console.error(err);
  if (!where) return;
  const box = el("div", { class: "error", role: "alert" }, [
    el("span", {}, message),
    el("button", { type: "button", class: "close", title: "Dismiss", "aria-label": "Dismiss" }, "×"),
  ]);
  box.querySelector("button").addEventListener("click", () => box.remove());
  where.append(box);
}

// Anything that escapes a handler is still shown on the page.
window.addEventListener("unhandledrejection", (event) => showError(event.reason));
window.addEventListener("error", (event) => showError(event.error ?? event.message));

/** Removes the error messages shown in `where`. */
export function clearErrors(where = document.getElementById("errors")) {
  if (where) where.replaceChildren();
}

/** Runs `task` and reports any failure with `showError`. */
export async function guarded(task, where) {
  try {
    return await task();
  } catch (err) {
    showError(err, where);
    return undefined;
  }
}

/** Creates an element: `el("a", {href: "/", class: "x"}, ["text", child])`. */
export function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "style" && typeof value === "object") {
      for (const [prop, v] of Object.entries(value)) node.style.setProperty(prop, v);
    }
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of [].concat(children)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Fills `<nav id="nav">` with the site navigation, marking `current`. */
export function mountNav(current) {
  const nav = document.getElementById("nav");
  if (!nav) return;
  const links = [
    ["article", "/", "Article"],
    ["corpus", "/corpus", "Corpus"],
    ["api", "/openapi.json", "API"],
  ];
  nav.replaceChildren(
    el("a", { class: "brand", href: "/" }, [el("span", { class: "logo" }, "◆"), " Dateline"]),
    ...links.map(([key, href, label]) =>
      el("a", { href, class: key === current ? "active" : null, "aria-current": key === current ? "page" : null }, label),
    ),
  );
}

// --- CAMEO and QuadClass --------------------------------------------------

export const CAMEO_ROOTS = {
  "01": "Make public statement",
  "02": "Appeal",
  "03": "Express intent to cooperate",
  "04": "Consult",
  "05": "Diplomatic cooperation",
  "06": "Material cooperation",
  "07": "Provide aid",
  "08": "Yield",
  "09": "Investigate",
  "10": "Demand",
  "11": "Disapprove",
  "12": "Reject",
  "13": "Threaten",
  "14": "Protest",
  "15": "Exhibit force posture",
  "16": "Reduce relations",
  "17": "Coerce",
  "18": "Assault",
  "19": "Fight",
  "20": "Unconventional mass violence",
};

/** "111" → "Disapprove" (the label of the code's root). */
export function cameoLabel(code) {
  return CAMEO_ROOTS[String(code ?? "").slice(0, 2)] ?? "";
}

export const QUAD_CLASSES = [
  { id: 1, key: "verbal_cooperation", label: "Verbal cooperation", colour: "#60a5fa" },
  { id: 2, key: "material_cooperation", label: "Material cooperation", colour: "#1d4ed8" },
  { id: 3, key: "verbal_conflict", label: "Verbal conflict", colour: "#fb923c" },
  { id: 4, key: "material_conflict", label: "Material conflict", colour: "#b91c1c" },
];

export function quadClass(id) {
  return QUAD_CLASSES.find((q) => q.id === Number(id)) ?? { id, label: "Unknown", colour: "#9ca3af" };
}

// --- Colours ----------------------------------------------------------------

/** Goldstein value (-10…+10) → colour from red through grey to green. */
export function goldsteinColour(value) {
  const red = [215, 48, 39];
  const grey = [156, 163, 175];
  const green = [26, 152, 80];
  const g = Math.max(-10, Math.min(10, Number(value) || 0)) / 10;
  const [from, to, t] = g < 0 ? [grey, red, -g] : [grey, green, g];
  const mix = from.map((c, i) => Math.round(c + (to[i] - c) * t));
  return `rgb(${mix.join(", ")})`;
}

// Well-separated hues first; later speakers step round the wheel by the golden angle.
const SPEAKER_HUES = [212, 28, 140, 282, 352, 180, 50, 318, 100, 248, 8, 162];

/** The `index`-th speaker colour: a light fill for text and a strong tone for borders. */
export function speakerColour(index) {
  const hue = index < SPEAKER_HUES.length ? SPEAKER_HUES[index] : Math.round((index * 137.508) % 360);
  const round = Math.floor(index / SPEAKER_HUES.length);
  const light = 84 - (round % 3) * 6;
  return { fill: `hsl(${hue} 80% ${light}%)`, strong: `hsl(${hue} 65% 38%)` };
}

export const UNKNOWN_SPEAKER_COLOUR = { fill: "hsl(220 10% 88%)", strong: "hsl(220 8% 45%)" };

// --- Misc -------------------------------------------------------------------

/** Query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** "a [match] b" → nodes with the bracketed parts in <mark>. */
export function highlightBrackets(snippet) {
  const parts = String(snippet ?? "").split(/(\[[^\]]*\])/);
  return parts.map((p) => (p.startsWith("[") && p.endsWith("]") ? el("mark", {}, p.slice(1, -1)) : document.createTextNode(p)));
}

/** A count with its noun in the right number: `plural(1, "event")` → "1 event",
 *  `plural(2, "event")` → "2 events", `plural(3, "country", "countries")` → "3 countries".
 *  Large counts get thousands separators ("12,480 events"). */
export function plural(n, word, many = `${word}s`) {
  const count = Number(n) || 0;
  return `${count.toLocaleString("en-US")} ${count === 1 ? word : many}`;
}

export function formatNumber(n, digits = 1) {
  return n === null || n === undefined ? "–" : Number(n).toFixed(digits).replace(/\.0+$/, "");
}
