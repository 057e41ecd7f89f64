// press-extract page: send the release to /extract, show highlights and tables.
"use strict";
const $ = (id) => document.getElementById(id);
let current = null;   // the last record
let tab = "text";

document.querySelectorAll(".tabs button").forEach((b) => b.addEventListener("click", () => {
  tab = b.dataset.tab;
  document.querySelectorAll(".tabs button").forEach((x) => x.classList.toggle("active", x === b));
  document.querySelectorAll(".tab").forEach((p) => p.classList.toggle("hidden", p.dataset.panel !== tab));
}));

$("input-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  $("status").textContent = "…";
  const published = $("published").value || null;
  let resp;
  try {
    if (tab === "file") {
      const f = $("file").files[0];
      if (!f) throw new Error("Bitte eine Datei wählen.");
      const form = new FormData();
      form.append("file", f);
      if (published) form.append("published", published);
      resp = await fetch("/extract/file", { method: "POST", body: form });
    } else {
      const body = tab === "url" ? { url: $("url").value } : { text: $("text").value, published };
      resp = await fetch("/extract", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    }
    const data = await resp.json();
    if (!resp.ok) throw new Error(typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail));
    current = data;
    render(data);
    $("status").textContent = "";
  } catch (e) {
    $("status").textContent = e.message;
  }
});

function spansOf(rec) {
  // Every highlighted stretch: [start, end, kind, title]
  const out = [];
  rec.people.forEach((p) => {
    p.mentions.forEach((m) => out.push([m.start, m.end, "person", p.name]));
    p.roles.forEach((r) => r.mentions.forEach((m) => out.push([m.start, m.end, "role", r.title])));
  });
  rec.amounts.forEach((a) => out.push([a.start, a.end, "amount", `${a.value} ${a.currency}`]));
  rec.dates.forEach((d) => out.push([d.start, d.end, "date", d.value]));
  rec.programs.forEach((p) => p.mentions.forEach((m) => out.push([m.start, m.end, "program", p.name])));
  rec.regions.forEach((r) => r.mentions.forEach((m) => out.push([m.start, m.end, "region", r.code ? `${r.name} (${r.code})` : r.name])));
  out.sort((a, b) => a[0] - b[0] || (b[1] - b[0]) - (a[1] - a[0]));
  const kept = [];
  let end = 0;
  for (const s of out) if (s[0] >= end) { kept.push(s); end = s[1]; }  // overlaps: first, longest wins
  return kept;
}

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function sentenceOf(rec, item) {
  const s = rec.sentences[item.sentence];
  return s ? rec.text.slice(s[0], s[1]).trim() : "";
}

function table(title, headers, rows) {
  const wrap = el("div", { class: "table", "data-kind": title });
  wrap.appendChild(el("h3", {}, `${title} (${rows.length})`));
  const t = el("table");
  const tr = el("tr");
  headers.forEach((h) => tr.appendChild(el("th", {}, h)));
  t.appendChild(tr);
  rows.forEach((r) => {
    const row = el("tr");
    r.forEach((c, i) => row.appendChild(el("td", i === r.length - 1 ? { class: "sentence" } : {}, c ?? "")));
    t.appendChild(row);
  });
  wrap.appendChild(t);
  return wrap;
}

function render(rec) {
  $("result").classList.remove("hidden");
  $("r-title").textContent = rec.title || "(ohne Titel)";
  $("r-meta").textContent = [rec.published && `veröffentlicht ${rec.published}`, rec.issuer && rec.issuer.name,
                             rec.source.url, rec.language].filter(Boolean).join(" · ");
  const art = $("r-text");
  art.textContent = "";
  let pos = 0;
  for (const [s, e, kind, title] of spansOf(rec)) {
    art.appendChild(document.createTextNode(rec.text.slice(pos, s)));
    art.appendChild(el("mark", { class: `hl hl-${kind}`, title }, rec.text.slice(s, e)));
    pos = e;
  }
  art.appendChild(document.createTextNode(rec.text.slice(pos)));

  const people = new Map(rec.people.map((p) => [p.id, p.name]));
  const first = (m) => (m && m[0]) || {};
  const tables = $("tables");
  tables.textContent = "";
  tables.append(
    table("Personen", ["Name", "Rollen", "Satz"], rec.people.map((p) => [p.name, p.roles.map((r) => r.title).join("; "), sentenceOf(rec, first(p.mentions))])),
    table("Beträge", ["Text", "Wert", "Währung", "Art", "Satz"], rec.amounts.map((a) => [a.text, String(a.value), a.currency, a.qualifier, sentenceOf(rec, a)])),
    table("Daten", ["Text", "Wert", "relativ", "Satz"], rec.dates.map((d) => [d.text, d.value, d.relative ? "ja" : "", sentenceOf(rec, d)])),
    table("Programme", ["Name", "Aliasse", "Art", "Satz"], rec.programs.map((p) => [p.name, p.aliases.join(", "), p.kind, sentenceOf(rec, first(p.mentions))])),
    table("Regionen", ["Name", "Art", "Schlüssel", "Satz"], rec.regions.map((r) => [r.name, r.kind, r.code, sentenceOf(rec, first(r.mentions))])),
    table("Zitate", ["Zitat", "Sprecher", "Satz"], rec.quotes.map((q) => [q.text, people.get(q.speaker) || q.speaker_name || "", sentenceOf(rec, q)])),
  );
}

$("copy").addEventListener("click", async () => {
  await navigator.clipboard.writeText(JSON.stringify(current, null, 2));
  $("status").textContent = "JSON kopiert.";
});

$("download").addEventListener("click", () => {
  const blob = new Blob([JSON.stringify(current, null, 2)], { type: "application/json" });
  const a = el("a", { href: URL.createObjectURL(blob), download: `${current.id}.json` });
  document.body.appendChild(a);
  a.click();
  a.remove();
});
