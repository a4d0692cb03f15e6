// Reads what the fleet-health page shows, from its DOM, into plain data for the test to assert on.
// Text is what a person sees (innerText: as laid out); data-* attributes only locate the elements.
(() => {
  const text = (e) => (e ? e.innerText.replace(/\s+/g, " ").trim() : null);
  const one = (root, selector) => root.querySelector(selector);
  const tiles = {};
  for (const t of document.querySelectorAll("#summary [data-tile]")) tiles[t.dataset.tile] = text(one(t, ".n"));
  const stations = [...document.querySelectorAll("#stations [data-station]")].map((s) => ({
    name: s.dataset.station,
    heading: text(one(s, "h3")),
    online: text(one(s, "[data-online]")),
    ports: [...s.querySelectorAll("tr[data-port]")].map((r) => ({
      port: r.dataset.port,
      label: text(one(r, "[data-label]")),
      stick: text(one(r, "td[data-serial]")),
      drive: text(one(r, "td[data-drive] > :first-child")),
      phase: text(one(r, "[data-phase]")),
      progress: text(one(r, ".progress")),
    })),
  }));
  const drives = [...document.querySelectorAll("#drives tbody tr[data-drive]")].map((r) => {
    const cells = r.querySelectorAll("td");
    const write = one(r, "td[data-metric=write]");
    return {
      key: r.dataset.drive,
      name: text(cells[0]),
      phase: text(one(r, "[data-phase]")),
      quarantined: r.dataset.quarantined === "true",
      where: text(one(r, "td[data-where]")),
      progress: text(cells[3]),
      percent: one(r, ".progress") ? Number(one(r, ".progress").dataset.percent) : null,
      write: text(write),
      writeBelowMinimum: one(write, ".below") !== null,
      read: text(one(r, "td[data-metric=read]")),
      written: text(cells[6]),
      verify: text(cells[7]),
      alerts: text(one(r, "td[data-alerts]")),
      drift: text(one(r, "td[data-drift]")),
    };
  });
  const bars = [...document.querySelectorAll("#drift-chart rect")].map((b) => Number(b.getAttribute("data-count")));
  return {
    loaded: document.body.getAttribute("data-loaded") === "true",
    marker: window.rescuefleetTestMarker || null,
    freshness: text(document.getElementById("freshness")),
    error: document.getElementById("error").hidden ? null : text(document.getElementById("error")),
    tiles,
    stations,
    drives,
    driftBars: bars.length,
    driftPerMinute: bars.reduce((a, b) => a + b, 0),
    driftEvents: [...document.querySelectorAll("#drift-events li")].map(text),
  };
})()
