// /status: memory and processing per worker, the task stream, progress per prefix.
//
// Drawing is what a watched dashboard costs most (the browser often shares the machine with the
// cluster), so the page keeps it cheap: updates from the WebSocket only record the data, and the page
// redraws at most once per DRAW_MS, only the parts whose data changed, and not at all while hidden
// (it then asks the server to stop pushing; see Jd.connect). The charts are plain canvases painted by
// plot.js (no chart library, no scene graph, no animation loop); the progress rows and texts are
// updated in place, never rebuilt. The task stream merges the bars of one row that touch at the
// chart's resolution (a run of tasks of one prefix) into one bar, so a busy cluster paints a few
// hundred rectangles. (The server already merges the tasks that ran back to back on one thread
// within 5 ms: an entry's count says how many it stands for.)
//
// What was drawn last is kept in window.jdaskStatus (the tests read it): the memory and processing
// rows, the histogram's bins, the task stream's rows and, through streamBars(), its bars.
Jd.nav('status');
const windowMillis = 30000;
const DRAW_MS = 1000;    // the most often the page redraws
const MAX_BARS = 3000;   // the most bars the task stream draws (the newest)
const lanes = {};        // worker address -> the stop time of the last bar in each of its lanes
let streamCount = 0;
const drawn = {memory: null, processing: null, totals: null, count: null, streamSeq: -1, streamRows: null};
const IN_MEMORY = '#42a5f5', SPILLED = '#b0bec5', PROCESSING = '#66bb6a';

const memoryPlot = Plot.surface('memory', () => { drawn.memory = null; scheduleDraw(); });
const processingPlot = Plot.surface('processing', () => { drawn.processing = null; scheduleDraw(); });
const streamPlot = Plot.surface('stream', () => { drawn.streamSeq = -1; scheduleDraw(); });
const layout = {memory: null, processing: null, stream: null}; // for the tooltips
const shown = {memory: null, processing: null, stream: {rows: [], bars: []},
  streamBars: () => shown.stream.bars.map(([row, start, stop, e, n]) =>
    ({row, start, stop, kind: e.kind, prefix: e.prefix, worker: e.worker, count: n, label: barLabel(e, n), colour: barColour(e.kind, e.prefix)}))};
window.jdaskStatus = shown;

function workerName(summary, address) {
  const w = summary.workers.find(x => x.address === address);
  return w ? w.name : address;
}

// Puts each new entry in the first lane of its worker that is free at its start (one lane per thread).
function assignLanes(summary, entries) {
  const threads = {};
  for (const w of summary.workers) threads[w.address] = w.nthreads;
  for (const e of entries) {
    if (e.kind === 'spill' || e.kind === 'unspill') { e.lane = 0; continue; } // drawn as a strip over the worker's first row
    const ends = lanes[e.worker] || (lanes[e.worker] = []);
    let lane = ends.findIndex(end => end <= e.start);
    if (lane < 0) {
      if (ends.length < (threads[e.worker] || 1)) { lane = ends.length; ends.push(0); }
      else { lane = ends.indexOf(Math.min(...ends)); }
    }
    ends[lane] = Math.max(ends[lane], e.stop);
    e.lane = lane;
  }
}

function setText(id, text) {
  const el = document.getElementById(id);
  if (el.textContent !== text) el.textContent = text;
}

function memoryColour(w) {
  if (w.memoryLimit <= 0) return IN_MEMORY;
  const f = w.memory / w.memoryLimit;
  return f > 0.8 ? '#e53935' : f > 0.6 ? '#fb8c00' : IN_MEMORY;
}

function renderMemory(summary) {
  const ws = summary.workers;
  let total = 0, spilled = 0, limit = 0;
  for (const w of ws) { total += w.memory; spilled += w.spilled; limit += w.memoryLimit; }
  const histogram = ws.length > 100;
  const bins = histogram ? new Array(10).fill(0) : null;
  if (histogram) {
    // many workers: a histogram of memory use as a fraction of each worker's limit
    for (const w of ws) {
      const f = w.memoryLimit > 0 ? Math.min(0.999, w.memory / w.memoryLimit) : 0;
      bins[Math.floor(f * 10)]++;
    }
  }
  const key = histogram ? 'h' + bins.join(',') + '|' + total + '|' + spilled + '|' + limit + '|' + memoryPlot.width
    : ws.map(w => w.name + ':' + w.memory + ':' + w.spilled + ':' + w.memoryLimit).join(',') + '|' + memoryPlot.width;
  if (key === drawn.memory) return; // nothing changed since the last drawing
  drawn.memory = key;
  setText('memory-total', Jd.bytes(total) + ' in memory' + (limit > 0 ? ' of ' + Jd.bytes(limit) : '') + ', ' + Jd.bytes(spilled) + ' spilled to disk');
  if (histogram) {
    const labels = bins.map((_, i) => (i * 10) + '–' + (i * 10 + 10) + '%');
    layout.memory = {histogram: true, bins, labels, ...Plot.vbars(memoryPlot, bins, labels, IN_MEMORY)};
    shown.memory = {kind: 'histogram', bins: bins.slice(), labels};
    return;
  }
  let max = 0;
  for (const w of ws) max = Math.max(max, w.memory + w.spilled, limit > 0 ? w.memoryLimit : 0);
  const rows = ws.map(w => ({label: w.name, parts: [[w.memory, memoryColour(w)], [w.spilled, SPILLED]]}));
  layout.memory = {histogram: false, workers: ws, ...Plot.hbars(memoryPlot, rows, max, Jd.bytes)};
  shown.memory = {kind: 'bars', series: ['in memory', 'spilled'],
    rows: ws.map(w => ({name: w.name, memory: w.memory, spilled: w.spilled, limit: w.memoryLimit, colour: memoryColour(w)}))};
}

function renderProcessing(summary) {
  const ws = summary.workers;
  const key = ws.map(w => w.name + ':' + w.processing).join(',') + '|' + processingPlot.width;
  if (key === drawn.processing) return;
  drawn.processing = key;
  const rows = ws.map(w => ({label: w.name, parts: [[w.processing, PROCESSING]]}));
  layout.processing = {workers: ws, ...Plot.hbars(processingPlot, rows, Math.max(1, ...ws.map(w => w.processing)), String)};
  shown.processing = ws.map(w => ({name: w.name, processing: w.processing}));
}

function barColour(kind, prefix) {
  return kind === 'error' ? '#000' : kind === 'transfer' ? '#e53935' : kind === 'spill' ? '#607d8b'
    : kind === 'unspill' ? '#26a69a' : Jd.colour(prefix);
}

function barLabel(e, n) {
  if (e.kind === 'spill') return `${e.count} values spilled to disk (${Jd.bytes(e.nbytes)})`;
  if (e.kind === 'unspill') return `${e.count} values read back from disk`;
  if (n > 1) return `${n} ${e.kind === 'transfer' ? 'copies' : 'tasks'} of ${e.prefix}, from ${e.key}`;
  return e.key;
}

const STREAM = {left: 110, right: 20, top: 6, bottom: 22};
function isStrip(kind) { return kind === 'spill' || kind === 'unspill'; }

function renderStream(summary) {
  const all = Jd.state.stream;
  if (!all.length) return;
  const rows = [];
  for (const w of summary.workers) {
    const n = Math.max(w.nthreads, (lanes[w.address] || []).length);
    for (let i = 0; i < n; i++) rows.push(w.address + '#' + i);
  }
  const rowsKey = rows.join(',');
  const lastSeq = all[all.length - 1].seq;
  if (lastSeq === drawn.streamSeq && rowsKey === drawn.streamRows) return; // nothing new
  drawn.streamSeq = lastSeq;
  drawn.streamRows = rowsKey;
  let latest = 0;
  for (const e of all) if (e.stop > latest) latest = e.stop;
  const rowOf = {};
  rows.forEach((r, i) => rowOf[r] = i);
  let from = latest;
  for (const e of all) if (e.stop >= latest - windowMillis && e.start < from) from = e.start; // the window, or less while the stream is young
  const s = streamPlot;
  const w = Math.max(10, s.width - STREAM.left - STREAM.right), h = Math.max(10, s.height - STREAM.top - STREAM.bottom);
  const resolution = Math.max(1, (latest - from) / w); // one pixel of the time axis: bars of a row closer than this are merged
  const bars = [];          // [row, start, stop, first entry, count]
  const open = {};          // row + kind -> the last bar of that kind in the row, open for merging
  for (const e of all) {
    if (e.stop < latest - windowMillis || e.lane === undefined) continue;
    const row = rowOf[e.worker + '#' + e.lane];
    if (row === undefined) continue; // a worker that left
    const mergeable = e.kind === 'compute' || e.kind === 'transfer';
    const slot = row + '|' + e.kind;
    const b = mergeable ? open[slot] : undefined;
    if (b && b[3].prefix === e.prefix && e.start <= b[2] + resolution) {
      if (e.stop > b[2]) b[2] = e.stop;
      b[4] += e.count;
    } else {
      const nb = [row, e.start, Math.max(e.stop, e.start + 1), e, mergeable ? e.count : 1];
      bars.push(nb);
      if (mergeable) open[slot] = nb;
    }
  }
  const bs = bars.length > MAX_BARS ? bars.slice(bars.length - MAX_BARS) : bars;
  const labels = rows.map(r => { const i = r.lastIndexOf('#'); return workerName(summary, r.slice(0, i)) + ' #' + r.slice(i + 1); });
  // paint: the grid and axes, then the bars (the strips last, over the tasks)
  const {ctx} = s;
  s.clear();
  const band = h / Math.max(1, rows.length);
  const span = Math.max(1, latest - from);
  Plot.timeAxis(s, STREAM.left, STREAM.top, w, h, from, latest);
  ctx.textAlign = 'right'; ctx.textBaseline = 'middle';
  labels.forEach((l, i) => {
    if (i > 0) { ctx.fillStyle = Plot.GRID; ctx.fillRect(STREAM.left, Math.round(STREAM.top + band * i), w, 1); }
    if (band >= 9) { ctx.fillStyle = Plot.TEXT; ctx.fillText(Plot.clip(ctx, l, STREAM.left - 10), STREAM.left - 6, STREAM.top + band * (i + 0.5)); }
  });
  const x0 = STREAM.left, x1 = STREAM.left + w;
  let colour = null;
  for (let pass = 0; pass < 2; pass++) {
    for (const [row, start, stop, e] of bs) {
      if (isStrip(e.kind) !== (pass === 1)) continue;
      const a = Math.max(x0, x0 + w * (start - from) / span), b = Math.min(x1, Math.max(a + 2, x0 + w * (stop - from) / span));
      const mid = STREAM.top + band * (row + 0.5);
      const bh = pass === 1 ? band * 0.18 : band * 0.7;
      const y = pass === 1 ? mid + band * 0.35 - bh : mid - bh / 2;
      const c = barColour(e.kind, e.prefix);
      if (c !== colour) { ctx.fillStyle = c; colour = c; }
      ctx.fillRect(a, y, b - a, bh);
    }
  }
  layout.stream = {band, w, from, span, bars: bs, summary};
  shown.stream = {rows: labels, bars: bs, from, to: latest};
}

// The progress rows, one per prefix, made once and then updated in place.
const progressRows = new Map(); // prefix -> {el, parts, text, key}
const STATES = ['released', 'memory', 'processing', 'queued', 'waiting', 'erred'];

function progressRow(prefix) {
  const el = document.createElement('div');
  el.className = 'progress-row';
  el.dataset.prefix = prefix;
  const name = document.createElement('span');
  name.className = 'name'; name.title = prefix; name.textContent = prefix;
  const bar = document.createElement('div');
  bar.className = 'bar';
  const parts = STATES.map(st => { const p = document.createElement('span'); p.className = 's-' + st; bar.appendChild(p); return p; });
  const text = document.createElement('span');
  text.className = 'muted';
  el.append(name, bar, text);
  return {el, parts, text, key: null};
}

function renderProgress(summary) {
  const t = summary.totals;
  setText('totals', `${t.tasks} tasks known · ${t.tasksFinished} finished · ${t.tasksErred} erred · ${summary.workers.length} workers`);
  const box = document.getElementById('progress');
  const empty = document.getElementById('progress-empty');
  empty.style.display = summary.prefixes.length ? 'none' : '';
  const seen = new Set();
  let order = true, i = 0;
  for (const p of summary.prefixes) {
    seen.add(p.prefix);
    let r = progressRows.get(p.prefix);
    if (!r) { r = progressRow(p.prefix); progressRows.set(p.prefix, r); box.appendChild(r.el); }
    if (box.children[i + 1] !== r.el) order = false; // the first child is the 'no tasks yet' line
    i++;
    const key = STATES.map(st => p[st]).join(',') + ',' + p.finished + ',' + p.total;
    if (key === r.key) continue;
    r.key = key;
    const total = Math.max(1, p.total);
    STATES.forEach((st, k) => { r.parts[k].style.width = (100 * p[st] / total).toFixed(2) + '%'; });
    r.el.dataset.finished = p.finished;
    r.el.dataset.total = p.total;
    r.text.textContent = `${p.finished} / ${p.total}${p.erred ? ' · ' + p.erred + ' erred' : ''}`;
  }
  for (const [prefix, r] of progressRows) {
    if (!seen.has(prefix)) { r.el.remove(); progressRows.delete(prefix); order = false; }
  }
  if (!order) for (const p of summary.prefixes) box.appendChild(progressRows.get(p.prefix).el); // the server's order
}

function draw() {
  const s = Jd.state.summary;
  if (!s) return;
  setText('stream-count', String(streamCount));
  renderMemory(s);
  renderProcessing(s);
  renderStream(s);
  renderProgress(s);
}

// Redraws at most once per DRAW_MS, on an animation frame (which a hidden page never gets).
let lastDraw = -Infinity;
let drawTimer = null;
function scheduleDraw() {
  if (drawTimer !== null || document.hidden) return;
  drawTimer = setTimeout(() => requestAnimationFrame(() => {
    drawTimer = null;
    lastDraw = performance.now();
    draw();
  }), Math.max(0, lastDraw + DRAW_MS - performance.now()));
}
document.addEventListener('visibilitychange', scheduleDraw);

// Tooltips, worked out from the data drawn only when the mouse moves over a chart.
function workerRow(l, y) {
  if (!l) return -1;
  const i = Math.floor((y - l.top) / l.band);
  return i >= 0 && i < l.workers.length ? i : -1;
}
Plot.tooltip(memoryPlot, (x, y) => {
  const l = layout.memory;
  if (l && l.histogram) {
    const i = Math.floor((x - l.left) / l.band);
    return i >= 0 && i < l.bins.length ? `${l.bins[i]} workers at ${l.labels[i]} of their limit` : null;
  }
  const i = workerRow(l, y);
  if (i < 0) return null;
  const w = l.workers[i];
  return Jd.escape(w.name) + ': ' + Jd.bytes(w.memory) + ' in memory' + (w.memoryLimit > 0 ? ' / ' + Jd.bytes(w.memoryLimit) : '') +
    ', ' + Jd.bytes(w.spilled) + ' spilled';
});
Plot.tooltip(processingPlot, (x, y) => {
  const i = workerRow(layout.processing, y);
  return i < 0 ? null : Jd.escape(layout.processing.workers[i].name) + ': ' + layout.processing.workers[i].processing + ' processing';
});
Plot.tooltip(streamPlot, (x, y) => {
  const l = layout.stream;
  if (!l) return null;
  const row = Math.floor((y - STREAM.top) / l.band);
  const strip = (y - STREAM.top) - row * l.band > l.band * 0.67; // the strip along the bottom of a row
  const t = l.from + (x - STREAM.left) * l.span / l.w, slack = 2 * l.span / l.w;
  let best = null;
  for (let k = l.bars.length - 1; k >= 0; k--) {
    const b = l.bars[k];
    if (b[0] !== row || t < b[1] - slack || t > b[2] + slack) continue;
    if (isStrip(b[3].kind) === strip) { best = b; break; }
    if (!best) best = b;
  }
  if (!best) return null;
  const [, start, stop, e, n] = best;
  return Jd.escape(barLabel(e, n)) + '<br>' + e.kind + ' on ' + Jd.escape(workerName(l.summary, e.worker)) + '<br>' + (stop - start) + ' ms';
});

Jd.connect((state, fresh) => {
  assignLanes(state.summary, fresh);
  for (const e of fresh) streamCount += e.kind === 'compute' || e.kind === 'transfer' ? e.count : 1; // what the merged entries stand for
  scheduleDraw();
});
