// The fleet-health page: polls the operator's /api/v1/fleet every second and renders it.
// No framework and no build step: the operator serves these files as they are.
"use strict";

const REFRESH_MS = 1000;
const PHASES = ["Ready", "Reconciling", "Pending", "Drifted", "Degraded", "Failed", "Quarantined", "Absent"];
let lastOk = 0;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    if (k === "class") e.className = v; else if (k.startsWith("data-")) e.setAttribute(k, v); else e[k] = v;
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function mb(bytes) {
  if (bytes === undefined || bytes === null) return "—";
  if (bytes >= 1e9) return (bytes / 1e9).toFixed(2) + " GB";
  if (bytes >= 1e6) return (bytes / 1e6).toFixed(1) + " MB";
  if (bytes >= 1e3) return (bytes / 1e3).toFixed(0) + " kB";
  return bytes + " B";
}

function ago(iso, now) {
  if (!iso) return "never";
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return s + " s ago";
  if (s < 3600) return Math.round(s / 60) + " min ago";
  return Math.round(s / 3600) + " h ago";
}

function eta(seconds) {
  if (seconds === undefined || seconds === null) return "";
  const s = Math.round(seconds);
  return s >= 60 ? Math.floor(s / 60) + "m" + String(s % 60).padStart(2, "0") + "s left" : s + "s left";
}

function phaseBadge(phase) {
  return el("span", { class: "badge phase-" + phase, "data-phase": phase }, phase || "—");
}

function progress(p) {
  if (!p || !p.bytesTotal) return el("span", { class: "muted" }, "—");
  const pct = Math.min(100, Math.floor((100 * p.bytesDone) / p.bytesTotal));
  const done = p.bytesDone >= p.bytesTotal;
  const bar = el("span", { class: "bar" + (done ? " done" : "") }, el("span"));
  bar.firstChild.style.width = pct + "%";
  return el("span", { class: "progress", "data-percent": pct }, bar, " " + pct + "%",
    done ? null : el("span", { class: "muted" }, " " + mb(p.bytesDone) + " of " + mb(p.bytesTotal) + " " + eta(p.etaSeconds)));
}

function place(station, port, labels) {
  if (!station) return el("span", { class: "muted" }, "—");
  const label = labels[station + "\n" + port];
  return el("span", {}, station, " ", label ? el("span", { title: port }, label) : port || "",
    label ? el("div", { class: "muted" }, port) : null);
}

function rate(value, min) {
  if (value === undefined || value === null) return el("span", { class: "muted" }, "—");
  const below = min !== undefined && min !== null && value < min;
  return el("span", {}, el("span", { class: below ? "below" : "" }, value.toFixed(1)),
    min !== undefined && min !== null ? el("span", { class: "min" }, " (min " + min + ")") : null);
}

function renderSummary(fleet) {
  const counts = {};
  for (const d of fleet.drives) counts[d.phase] = (counts[d.phase] || 0) + 1;
  const online = fleet.stations.filter((s) => s.online).length;
  const alerts = fleet.drives.reduce((n, d) => n + (d.alerts ? d.alerts.length : 0), 0);
  const tiles = [el("div", { class: "tile", "data-tile": "stations" }, el("div", { class: "n" }, online + "/" + fleet.stations.length), el("div", { class: "l" }, "stations online"))];
  for (const p of PHASES) {
    if (counts[p]) tiles.push(el("div", { class: "tile", "data-tile": p }, el("div", { class: "n" }, counts[p]), el("div", { class: "l" }, p)));
  }
  tiles.push(el("div", { class: "tile", "data-tile": "alerts" }, el("div", { class: "n" + (alerts ? " below" : "") }, alerts), el("div", { class: "l" }, "alerts")));
  document.getElementById("summary").replaceChildren(...tiles);
}

function renderStations(fleet, drivesByKey, now) {
  const cards = fleet.stations.map((s) => {
    const rows = (s.ports || []).map((p) => {
      const d = p.drive ? drivesByKey[p.drive] : null;
      return el("tr", { "data-port": p.port },
        el("td", { class: "port" }, el("strong", { "data-label": "" }, p.label || p.port), p.label ? el("div", { class: "muted" }, p.port) : null),
        el("td", { "data-serial": p.serial || "" }, p.serial || el("span", { class: "muted" }, "empty"),
          p.serial ? el("div", { class: "muted" }, [p.model, p.sizeBytes ? mb(p.sizeBytes) : null].filter(Boolean).join(" · ")) : null),
        el("td", { "data-drive": p.drive || "" }, p.drive ? el("span", {}, p.drive) : p.serial ? el("span", { class: "muted" }, "no drive") : null,
          d ? el("div", {}, phaseBadge(d.phase)) : null),
        el("td", {}, d ? progress(d.progress) : null));
    });
    return el("div", { class: "station", "data-station": s.name },
      el("h3", {}, s.name, el("span", { class: s.online ? "online" : "offline", "data-online": s.online }, s.online ? "online" : "offline")),
      el("div", { class: "muted" }, "last heartbeat " + ago(s.lastHeartbeat, now) + (s.agentVersion ? " · " + s.agentVersion : "")),
      rows.length ? el("table", {}, el("tbody", {}, rows)) : el("div", { class: "muted" }, "no sticks"));
  });
  document.getElementById("stations").replaceChildren(...(cards.length ? cards : [el("div", { class: "muted" }, "No station has sent a heartbeat yet.")]));
}

function renderDrives(fleet, labels) {
  const rows = fleet.drives.map((d) => el("tr", { "data-drive": d.key, "data-quarantined": d.quarantined ? "true" : null },
    el("td", {}, d.key, d.serial ? el("div", { class: "muted" }, d.serial) : null),
    // A quarantine outlives the phase (a quarantined stick pulled out is Absent): say so under the badge.
    el("td", {}, phaseBadge(d.phase), d.quarantined && d.phase !== "Quarantined" ? el("div", { class: "alert" }, "quarantined") : null),
    el("td", { "data-where": "" }, place(d.station, d.port, labels)),
    el("td", {}, progress(d.progress)),
    el("td", { "data-metric": "write" }, rate(d.lastWriteMBps, d.minWriteMBps)),
    el("td", { "data-metric": "read" }, rate(d.lastReadMBps, d.minReadMBps)),
    el("td", {}, mb(d.bytesWritten)),
    el("td", {}, d.lastVerify ? d.lastVerify.mode + ", " + d.lastVerify.mismatches + " mismatch" + (d.lastVerify.mismatches === 1 ? "" : "es") : el("span", { class: "muted" }, "—"),
      d.verifyDue ? el("div", { class: "muted" }, "next: " + d.verifyDue) : null),
    el("td", { "data-alerts": (d.alerts || []).join(",") }, (d.alerts || []).length
      ? d.alerts.map((a) => el("span", { class: "alert" }, a)) : el("span", { class: "muted" }, "none")),
    el("td", { "data-drift": d.driftCorrections || 0 }, d.driftCorrections || 0)));
  document.querySelector("#drives tbody").replaceChildren(...rows);
}

function renderDrift(fleet, now) {
  const events = [];
  for (const d of fleet.drives) for (const r of d.driftHistory || []) events.push({ drive: d.key, ...r });
  events.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  // One bar per minute over the last hour.
  const svg = document.getElementById("drift-chart");
  const buckets = new Array(60).fill(0);
  for (const e of events) {
    const age = Math.floor((now - Date.parse(e.time)) / 60000);
    if (age >= 0 && age < 60 && e.corrected) buckets[59 - age]++;
  }
  const max = Math.max(1, ...buckets);
  const ns = "http://www.w3.org/2000/svg";
  const parts = buckets.map((n, i) => {
    const r = document.createElementNS(ns, "rect");
    const h = (100 * n) / max;
    r.setAttribute("x", i * 10 + 1); r.setAttribute("width", 8); r.setAttribute("y", 105 - h); r.setAttribute("height", h);
    r.setAttribute("data-count", n);
    return r;
  });
  svg.replaceChildren(...parts);
  document.getElementById("drift-max").textContent = max === 1 ? "1 per minute" : max + " per minute";
  const list = events.slice(-20).reverse().map((e) =>
    el("li", { "data-drift-event": e.drive, "data-corrected": e.corrected },
      el("span", { class: "muted" }, new Date(e.time).toLocaleTimeString()), " " + e.drive + " on " + e.station + " " + (e.port || "") + " — ",
      e.corrected ? el("span", { class: "fixed" }, "corrected") : el("span", { class: "below" }, "found, not corrected")));
  document.getElementById("drift-events").replaceChildren(...(list.length ? list : [el("li", { class: "muted" }, "No drift found yet.")]));
}

async function refresh() {
  const error = document.getElementById("error");
  try {
    const response = await fetch("api/v1/fleet", { cache: "no-store" });
    if (!response.ok) throw new Error("the operator answered HTTP " + response.status);
    const fleet = await response.json();
    fleet.stations = fleet.stations || [];
    fleet.drives = fleet.drives || [];
    const now = Date.parse(fleet.time) || Date.now();
    const drivesByKey = Object.fromEntries(fleet.drives.map((d) => [d.key, d]));
    const labels = {};
    for (const s of fleet.stations) for (const p of s.ports || []) if (p.label) labels[s.name + "\n" + p.port] = p.label;
    renderSummary(fleet);
    renderStations(fleet, drivesByKey, now);
    renderDrives(fleet, labels);
    renderDrift(fleet, now);
    lastOk = Date.now();
    error.hidden = true;
    document.body.setAttribute("data-loaded", "true");
  } catch (e) {
    error.textContent = "Cannot read the fleet: " + e.message;
    error.hidden = false;
  }
  const fresh = document.getElementById("freshness");
  const age = lastOk ? Math.round((Date.now() - lastOk) / 1000) : null;
  fresh.textContent = age === null ? "no data yet" : "updated " + (age === 0 ? "just now" : age + " s ago");
  fresh.classList.toggle("stale", age === null || age > 5);
}

refresh();
setInterval(refresh, REFRESH_MS);
