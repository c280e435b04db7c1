// newsgraph pages: shows the details of a highlight in the article view. Reads data-*
// attributes and writes with textContent only, so no stored text is ever parsed as markup.
"use strict";
(function () {
  const info = document.getElementById("info");
  const text = document.getElementById("text");
  if (!info || !text) return;
  const rows = {
    entity: [["Actor", "name"], ["Kind", "kind"], ["Actor code", "code"], ["Country", "country"]],
    event: [["Source", "source"], ["CAMEO", "cameo"], ["Name", "cameoName"], ["PLOVER", "plover"], ["Target", "target"],
            ["Quad class", "quad"], ["Goldstein", "goldstein"], ["Date", "date"], ["Confidence", "confidence"]],
    quote: [["Speaker", "speaker"], ["Kind", "qkind"], ["Cue", "cue"], ["Date", "date"]],
    time: [["Value", "value"], ["Type", "tkind"]],
  };
  const titles = { entity: "Entity", event: "Event", quote: "Quote", time: "Time expression" };
  let active = null;
  function show(el) {
    const kind = el.dataset.k;
    if (!rows[kind]) return;
    if (active) active.classList.remove("active");
    active = el;
    el.classList.add("active");
    info.replaceChildren();
    const h = document.createElement("h3");
    h.textContent = titles[kind] + (el.dataset.negated !== undefined ? " (negated)" : "");
    info.appendChild(h);
    const dl = document.createElement("dl");
    for (const [label, key] of rows[kind]) {
      const v = el.dataset[key];
      if (v === undefined || v === "") continue;
      const dt = document.createElement("dt");
      dt.textContent = label;
      const dd = document.createElement("dd");
      dd.textContent = v;
      dl.append(dt, dd);
    }
    info.appendChild(dl);
    // Links only to our own pages: the addresses are written by the server, never by text.
    const link = kind === "entity" ? el.getAttribute("href") : kind === "event" ? el.dataset.href : null;
    if (link && link.startsWith("/")) {
      const p = document.createElement("p");
      const a = document.createElement("a");
      a.href = link;
      a.className = "more";
      a.textContent = kind === "entity" ? "Actor page →" : "Event page: all its reports →";
      p.appendChild(a);
      info.appendChild(p);
    }
  }
  function target(ev) {
    const el = ev.target instanceof Element ? ev.target.closest("[data-k]") : null;
    return el && text.contains(el) ? el : null;
  }
  text.addEventListener("mouseover", (ev) => { const el = target(ev); if (el) show(el); });
  text.addEventListener("focusin", (ev) => { const el = target(ev); if (el) show(el); });
  text.addEventListener("click", (ev) => {
    const el = target(ev);
    if (el && el.tagName !== "A") { show(el); ev.stopPropagation(); }
  });
  text.addEventListener("keydown", (ev) => {
    const el = target(ev);
    if (!el || el.tagName === "A") return;
    // Enter on a trigger already shown follows it to its event page.
    const link = el.dataset.href;
    if (ev.key === "Enter" && el === active && link && link.startsWith("/")) { window.location.assign(link); return; }
    if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); show(el); }
  });
})();
