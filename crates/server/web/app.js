// Tidings web page: map of events, timeline brush, filters, annotated article, paste box.
// Plain browser JavaScript on Leaflet + markercluster + topojson-client (vendored, offline).
'use strict';

// Colours by PLOVER type (display only); unknown types get a stable colour from their name.
const TYPE_COLORS = {
  ASSAULT: '#c62828', COERCE: '#e65100', MOBILIZE: '#f9a825', THREATEN: '#ad1457',
  PROTEST: '#6a1b9a', SANCTION: '#4e342e', ACCUSE: '#d84315', REJECT: '#5d4037',
  REQUEST: '#00838f', CONSULT: '#1565c0', AGREE: '#2e7d32', SUPPORT: '#558b2f',
  COOPERATE: '#00695c', AID: '#0277bd', CONCEDE: '#7cb342', RETREAT: '#78909c',
};
function typeColor(t) {
  if (TYPE_COLORS[t]) return TYPE_COLORS[t];
  let h = 0;
  for (const c of String(t)) h = (h * 31 + c.codePointAt(0)) % 360;
  return `hsl(${h},60%,42%)`;
}

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

const state = { features: [], brush: null, days: [], knownTypes: new Set(), knownCountries: new Set(), pasted: [], loads: 0 };

// ---- map -----------------------------------------------------------------------------------
const map = L.map('map', { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([25, 20], 2);
map.attributionControl.addAttribution('Natural Earth via world-atlas');
// Rings that cross the antimeridian jump from +180 to -180; unwrap them so Leaflet does not
// draw a line across the whole map.
function unwrapRing(ring) {
  let jumps = 0;
  for (let i = 1; i < ring.length; i++) if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) jumps += 1;
  if (jumps % 2) return ring; // a ring around the pole (Antarctica): leave it
  let shift = 0;
  return ring.map(([x, y], i) => {
    if (i > 0) {
      const d = x - ring[i - 1][0];
      if (d > 180) shift -= 360; else if (d < -180) shift += 360;
    }
    return [x + shift, y];
  });
}
function unwrapGeometry(g) {
  if (g.type === 'Polygon') g.coordinates = g.coordinates.map(unwrapRing);
  else if (g.type === 'MultiPolygon') g.coordinates = g.coordinates.map((p) => p.map(unwrapRing));
}
fetch('/assets/vendor/countries-110m.json').then((r) => r.json()).then((topo) => {
  const land = topojson.feature(topo, topo.objects.countries);
  for (const f of land.features) if (f.geometry) unwrapGeometry(f.geometry);
  L.geoJSON(land, {
    interactive: false,
    style: { color: '#7d8796', weight: 0.7, fillColor: '#f4f1ea', fillOpacity: 1 },
  }).addTo(map).bringToBack();
  document.body.dataset.basemap = 'ready';
}).catch(() => { document.body.dataset.basemap = 'failed'; });

const clusters = L.markerClusterGroup({
  maxClusterRadius: 40,
  iconCreateFunction(cluster) {
    const counts = {};
    for (const m of cluster.getAllChildMarkers()) counts[m.options.evType] = (counts[m.options.evType] || 0) + 1;
    const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
    return L.divIcon({
      className: 'ev-cluster',
      html: `<div style="background:${typeColor(top)}" title="${esc(Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', '))}">${cluster.getChildCount()}</div>`,
      iconSize: [34, 34],
    });
  },
}).addTo(map);
const pastedLayer = L.layerGroup().addTo(map);

function eventIcon(type) {
  return L.divIcon({ className: 'ev-marker', html: `<span style="background:${typeColor(type)}"></span>`, iconSize: [12, 12] });
}

function popupHtml(p) {
  const arg = (name, code) => (name || code ? esc(code ? `${name || ''} (${code})` : name) : '—');
  const args = [arg(p.source_name, p.source_actor), arg(p.target_name, p.target_actor)];
  return `<b style="color:${typeColor(p.type)}">${esc(p.type)}</b>${p.mode ? ' · ' + esc(p.mode) : ''} · CAMEO ${esc(p.cameo)}<br>
    “${esc(p.trigger)}” · ${esc(p.date || 'undated')} · ${esc(p.modality)}${p.negated ? ' · negated' : ''}<br>
    ${args[0]} → ${args[1]}<br>${esc(p.place || '')}${p.country ? ' (' + esc(p.country) + ')' : ''} · confidence ${Number(p.confidence).toFixed(2)}<br>
    ${p.num_articles > 1 ? `${p.num_articles} articles, ${p.num_sources} sources<br>` : ''}<i>${esc(p.title || p.document)}</i><br><button type="button" data-doc="${esc(p.document)}" data-ev="${esc(p.event)}">Open article</button>`;
}

map.on('popupopen', (e) => {
  const b = e.popup.getElement().querySelector('button[data-doc]');
  if (b) b.onclick = () => showStored(b.dataset.doc, b.dataset.ev);
});

function dayOf(f) { return (f.properties.date || '').slice(0, 10); }
function inBrush(f) {
  if (!state.brush) return true;
  const d = dayOf(f);
  return d.length === 10 && d >= state.brush[0] && d <= state.brush[1];
}

function drawMarkers() {
  clusters.clearLayers();
  const shown = state.features.filter(inBrush);
  clusters.addLayers(shown.map((f) => {
    const [lon, lat] = f.geometry.coordinates;
    return L.marker([lat, lon], { icon: eventIcon(f.properties.type), evType: f.properties.type, title: `${f.properties.type}: ${f.properties.trigger}` })
      .bindPopup(popupHtml(f.properties));
  }));
  $('count').textContent = `${shown.length} of ${state.features.length} mapped events`;
}

// ---- filters and loading -------------------------------------------------------------------
function query() {
  const p = new URLSearchParams();
  for (const [k, v] of new FormData($('filters'))) if (v) p.set(k, v);
  p.set('limit', '10000');
  return p;
}

function addOptions(sel, values, known) {
  for (const v of values) {
    if (!v || known.has(v)) continue;
    known.add(v);
    const o = document.createElement('option');
    o.value = o.textContent = v;
    sel.appendChild(o);
  }
}

async function loadEvents() {
  const r = await fetch('/v1/events.geojson?' + query());
  const fc = await r.json();
  if (!r.ok) { $('count').textContent = fc.error ? fc.error.message : 'error'; return; }
  state.features = fc.features;
  addOptions($('f-type'), fc.features.map((f) => f.properties.type).sort(), state.knownTypes);
  addOptions($('f-country'), fc.features.map((f) => f.properties.country).sort(), state.knownCountries);
  state.brush = null;
  drawTimeline();
  drawMarkers();
  state.loads += 1;
  document.body.dataset.loads = String(state.loads);
}

$('filters').addEventListener('change', loadEvents);
$('filters').addEventListener('reset', () => setTimeout(loadEvents, 0));

async function loadDocs() {
  const r = await fetch('/v1/documents?limit=200');
  if (!r.ok) return;
  const page = await r.json();
  $('docs').innerHTML = page.items.map((d) => `<li><a data-doc="${esc(d.id)}">${esc(d.title || d.id)}</a> <small>${esc(d.date || '')} · ${d.events} events</small></li>`).join('');
  for (const a of $('docs').querySelectorAll('a[data-doc]')) a.onclick = () => showStored(a.dataset.doc);
}

// ---- timeline (SVG histogram with a drag brush) -----------------------------------------------
const DAY = 86400000;
const toDay = (t) => new Date(t).toISOString().slice(0, 10);

function drawTimeline() {
  const svg = $('timeline');
  const w = svg.clientWidth || 600, h = 96, pad = 16;
  const counts = new Map();
  for (const f of state.features) {
    const d = dayOf(f);
    if (d.length === 10 && !Number.isNaN(Date.parse(d))) counts.set(d, (counts.get(d) || 0) + 1);
  }
  const days = [...counts.keys()].sort();
  state.days = [];
  if (!days.length) { svg.innerHTML = `<text class="axis" x="8" y="40">no dated events</text>`; return; }
  const t0 = Date.parse(days[0]), t1 = Date.parse(days[days.length - 1]);
  for (let t = t0; t <= t1 && state.days.length < 4000; t += DAY) state.days.push(toDay(t));
  const n = state.days.length, max = Math.max(...counts.values());
  const bw = (w - 2 * pad) / n;
  let out = '';
  state.days.forEach((d, i) => {
    const c = counts.get(d) || 0;
    if (!c) return;
    const bh = Math.max(2, (h - 28) * c / max);
    const cls = state.brush && (d < state.brush[0] || d > state.brush[1]) ? 'bar out' : 'bar';
    out += `<rect class="${cls}" data-day="${d}" x="${pad + i * bw + 0.5}" y="${h - 16 - bh}" width="${Math.max(1, bw - 1)}" height="${bh}"><title>${d}: ${c}</title></rect>`;
  });
  out += `<text class="axis" x="${pad}" y="${h - 3}">${state.days[0]}</text>`;
  out += `<text class="axis" x="${w - pad}" y="${h - 3}" text-anchor="end">${state.days[n - 1]}</text>`;
  out += `<text class="axis" x="${pad}" y="10">max ${max}/day</text>`;
  if (state.brush) {
    const i0 = state.days.indexOf(state.brush[0]), i1 = state.days.indexOf(state.brush[1]);
    out += `<rect class="brush" x="${pad + i0 * bw}" y="12" width="${(i1 - i0 + 1) * bw}" height="${h - 28}"></rect>`;
  }
  svg.innerHTML = out;
  svg.dataset.bars = String(counts.size);
  $('brush-clear').hidden = !state.brush;
}

function dayAt(x) {
  const svg = $('timeline'), w = svg.clientWidth || 600, pad = 16, n = state.days.length;
  const i = Math.floor((x - pad) / ((w - 2 * pad) / n));
  return state.days[Math.min(n - 1, Math.max(0, i))];
}

/** Restricts the map to days a..b (inclusive, YYYY-MM-DD), or shows all with null. */
function setBrush(a, b) {
  state.brush = a && b ? (a <= b ? [a, b] : [b, a]) : null;
  drawTimeline();
  drawMarkers();
}

(function brushing() {
  const svg = $('timeline');
  let start = null;
  const x = (e) => e.clientX - svg.getBoundingClientRect().left;
  svg.addEventListener('mousedown', (e) => {
    // A double click clears (checked here: redrawing the bars swallows the dblclick event).
    if (e.detail >= 2) { start = null; setBrush(null); return; }
    if (state.days.length) { start = dayAt(x(e)); setBrush(start, start); }
  });
  window.addEventListener('mousemove', (e) => { if (start) setBrush(start, dayAt(x(e))); });
  window.addEventListener('mouseup', () => { start = null; });
  $('brush-clear').onclick = () => setBrush(null);
})();
window.addEventListener('resize', () => drawTimeline());

// ---- document view -------------------------------------------------------------------------
function annotations(doc) {
  const out = [];
  const fix = (v) => (typeof v === 'number' ? v.toFixed(3) : '?');
  for (const p of doc.places || []) {
    out.push({ s: p.start, e: p.end, k: 'place', id: p.id, tip: `place ${p.id}: ${p.name}${p.admin1 ? ', ' + p.admin1 : ''}${p.country ? ' (' + p.country + ')' : ''}\n${fix(p.lat)}, ${fix(p.lon)} · ${p.feature || ''} · ${p.precision} · confidence ${Number(p.confidence).toFixed(2)}` });
  }
  for (const t of doc.times || []) {
    out.push({ s: t.start, e: t.end, k: 'time', id: t.id, tip: `time ${t.id} (${t.type}): ${t.value}${t.mod ? ' ' + t.mod : ''}${t.value_max ? ' to ' + t.value_max : ''}` });
  }
  for (const q of doc.quantities || []) {
    out.push({ s: q.start, e: q.end, k: 'qty', id: q.id, tip: `quantity ${q.id}: ${q.value ?? ''}${q.value_max != null ? '–' + q.value_max : ''} ${q.unit || ''}${q.casualty ? ' (' + q.casualty + ')' : ''}` });
  }
  const actorKinds = new Set(['PERSON', 'ORG', 'GROUP', 'NORP', 'GPE']);
  for (const en of doc.entities || []) {
    if (!actorKinds.has(en.kind)) continue;
    out.push({ s: en.start, e: en.end, k: 'actor', id: en.id, tip: `${en.kind} ${en.id}: ${en.canonical || en.text}${en.actor ? ' · actor ' + en.actor.code : ''}${en.role ? ' · ' + en.role.text : ''}` });
  }
  for (const q of doc.quotes || []) {
    const who = q.speaker ? (q.speaker.name || q.speaker.text) : 'unknown speaker';
    out.push({ s: q.start, e: q.end, k: 'quote', id: q.id, tip: `quote ${q.id} (${q.kind}) by ${who}${q.cue ? ' · cue “' + q.cue.text + '”' : ''}` });
  }
  for (const ev of doc.events || []) {
    const place = (doc.places || []).find((p) => p.id === ev.place);
    const arg = (a) => (a ? a.text + (a.actor_code ? ' (' + a.actor_code + ')' : '') : '—');
    out.push({ s: ev.trigger.start, e: ev.trigger.end, k: 'trigger', id: ev.id, tip: `event ${ev.id}: ${ev.type}${ev.mode ? ' / ' + ev.mode : ''} · CAMEO ${ev.cameo}\n${arg(ev.source)} → ${arg(ev.target)}\n${place ? place.name : 'no place'} · ${ev.date || 'undated'} · ${ev.modality}${ev.negated ? ' · negated' : ''} · confidence ${Number(ev.confidence).toFixed(2)}` });
  }
  return out;
}

/** HTML of `text` with every annotation (code-point offsets) wrapped in spans; overlaps nest by segment. */
function highlight(text, anns) {
  const cps = Array.from(text), n = cps.length;
  const ok = anns.filter((a) => Number.isInteger(a.s) && Number.isInteger(a.e) && a.s >= 0 && a.e <= n && a.s < a.e);
  const cuts = new Set([0, n]);
  for (const a of ok) { cuts.add(a.s); cuts.add(a.e); }
  const b = [...cuts].sort((x, y) => x - y);
  let html = '';
  for (let i = 0; i + 1 < b.length; i++) {
    const s = b[i], e = b[i + 1];
    const seg = esc(cps.slice(s, e).join(''));
    const on = ok.filter((a) => a.s <= s && a.e >= e);
    if (!on.length) { html += seg; continue; }
    const kinds = [...new Set(on.map((a) => 'a-' + a.k))].join(' ');
    const ids = on.map((a) => a.id).join(' ');
    html += `<span class="a ${kinds}" data-ids="${esc(ids)}" data-tip="${esc(on.map((a) => a.tip).join('\n'))}">${seg}</span>`;
  }
  return html;
}

function renderDoc(doc, focusEvent) {
  const places = doc.places || [], events = doc.events || [];
  $('doc').innerHTML = `<h2>${esc(doc.title || doc.id)}</h2>
    <div class="meta">${esc(doc.id)} · ${esc(doc.date || 'undated')} · ${places.length} places · ${(doc.times || []).length} times · ${(doc.quotes || []).length} quotes · ${(doc.entities || []).length} entities · ${events.length} events</div>
    <div class="text">${highlight(doc.text, annotations(doc))}</div>`;
  if (focusEvent) {
    const el = [...$('doc').querySelectorAll('.a-trigger')].find((x) => x.dataset.ids.split(' ').includes(focusEvent));
    if (el) { el.classList.add('focus'); el.scrollIntoView({ block: 'center' }); }
  }
}

async function showStored(id, ev) {
  const r = await fetch('/v1/documents/' + encodeURIComponent(id));
  const d = await r.json();
  if (!r.ok) { $('doc').innerHTML = `<p class="hint">${esc(d.error ? d.error.message : 'error')}</p>`; return; }
  renderDoc(d, ev);
}

const tip = $('tip');
$('doc').addEventListener('mouseover', (e) => {
  const a = e.target.closest('.a');
  if (!a) { tip.hidden = true; return; }
  tip.textContent = a.dataset.tip;
  tip.hidden = false;
});
$('doc').addEventListener('mousemove', (e) => {
  tip.style.left = Math.min(window.innerWidth - 390, e.clientX + 12) + 'px';
  tip.style.top = e.clientY + 14 + 'px';
});
$('doc').addEventListener('mouseleave', () => { tip.hidden = true; });
for (const c of document.querySelectorAll('#legend input')) {
  c.addEventListener('change', () => $('doc').classList.toggle('hide-' + c.dataset.layer, !c.checked));
}

// ---- paste box -----------------------------------------------------------------------------
function showPasted(doc) {
  pastedLayer.clearLayers();
  state.pasted = [];
  const byPlace = new Map();
  for (const ev of doc.events || []) if (ev.place) byPlace.set(ev.place, [...(byPlace.get(ev.place) || []), ev]);
  for (const p of doc.places || []) {
    if (typeof p.lat !== 'number' || typeof p.lon !== 'number') continue;
    const evs = byPlace.get(p.id) || [];
    const color = evs.length ? typeColor(evs[0].type) : '#455a64';
    const icon = L.divIcon({ className: 'pasted-marker', html: `<span style="background:${color}"></span>`, iconSize: [16, 16] });
    L.marker([p.lat, p.lon], { icon, title: p.name, zIndexOffset: 1000 })
      .bindPopup(`<b>${esc(p.name)}</b>${p.country ? ' (' + esc(p.country) + ')' : ''} · ${esc(p.precision)}<br>“${esc(p.text)}”${evs.map((e) => `<br><b style="color:${typeColor(e.type)}">${esc(e.type)}</b> “${esc(e.trigger.text)}”`).join('')}`)
      .addTo(pastedLayer);
    state.pasted.push({ name: p.name, text: p.text, lat: p.lat, lon: p.lon });
  }
  if (state.pasted.length) map.fitBounds(L.latLngBounds(state.pasted.map((p) => [p.lat, p.lon])).pad(0.3), { maxZoom: 5 });
}

$('paste-go').addEventListener('click', async () => {
  const text = $('paste-text').value;
  const status = $('paste-status');
  status.className = '';
  if (!text.trim()) { status.textContent = 'Paste an article first.'; return; }
  status.textContent = 'Extracting…';
  const p = new URLSearchParams();
  if ($('paste-date').value) p.set('date', $('paste-date').value);
  if ($('paste-store').checked) p.set('store', 'true');
  const t = performance.now();
  try {
    const r = await fetch('/v1/extract?' + p, { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text });
    const d = await r.json();
    if (!r.ok) { status.className = 'error'; status.textContent = d.error ? `${d.error.code}: ${d.error.message}` : 'error'; return; }
    status.textContent = `extracted in ${Math.round(performance.now() - t)} ms`;
    renderDoc(d);
    showPasted(d);
    if ($('paste-store').checked) { loadEvents(); loadDocs(); }
    document.body.dataset.pasted = String(Number(document.body.dataset.pasted || 0) + 1);
  } catch (e) {
    status.className = 'error';
    status.textContent = String(e);
  }
});

// Read-only hooks for the browser test (scripts/test-web.sh) and for the curious.
window.tidings = {
  map,
  setBrush,
  mappedEvents: () => state.features.length,
  shownEvents: () => state.features.filter(inBrush).length,
  pastedMarkers: () => state.pasted.slice(),
  /** Shows an extracted document as the paste box does (text, highlights, markers). */
  showExtracted: (doc) => { renderDoc(doc); showPasted(doc); },
};

loadEvents();
loadDocs();
