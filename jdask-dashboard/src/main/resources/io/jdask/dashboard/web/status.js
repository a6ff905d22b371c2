// /status: memory and processing per worker, the task stream, progress per prefix.
//
// Drawing is what a watched dashboard costs most (the browser often shares the machine with the
// cluster), so the page keeps it cheap: updates from the WebSocket only record the data, and the page
// redraws at most once per DRAW_MS, only the parts whose data changed, and not at all while hidden
// (it then asks the server to stop pushing; see Jd.connect). The task stream merges the bars of one
// row that touch at the chart's resolution (a run of tasks of one prefix) into one bar, so a busy
// cluster draws a few hundred rectangles, not thousands. (The server already merges the tasks that
// ran back to back on one thread within 5 ms: an entry's count says how many it stands for.)
Jd.nav('status');
const memoryChart = Jd.chart('memory');
const processingChart = Jd.chart('processing');
const streamChart = Jd.chart('stream');
const windowMillis = 30000;
const DRAW_MS = 1000;    // the most often the page redraws
const MAX_BARS = 3000;   // the most bars the task stream draws (the newest)
const lanes = {};        // worker address -> the stop time of the last bar in each of its lanes
let streamCount = 0;
const drawn = {memory: null, processing: null, progress: null, streamSeq: -1, streamRows: null};

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
  const key = histogram ? 'h' + bins.join(',') + '|' + total + '|' + spilled + '|' + limit
    : ws.map(w => w.name + ':' + w.memory + ':' + w.spilled + ':' + w.memoryLimit).join(',');
  if (key === drawn.memory) return; // nothing changed since the last drawing
  drawn.memory = key;
  document.getElementById('memory-total').textContent = Jd.bytes(total) + ' in memory' + (limit > 0 ? ' of ' + Jd.bytes(limit) : '') +
    ', ' + Jd.bytes(spilled) + ' spilled to disk';
  if (histogram) {
    memoryChart.setOption({
      animation: false, grid: {left: 50, right: 20, top: 10, bottom: 30},
      xAxis: {type: 'category', data: bins.map((_, i) => (i * 10) + '–' + (i * 10 + 10) + '%')},
      yAxis: {type: 'value', name: 'workers'}, tooltip: {},
      series: [{type: 'bar', data: bins, itemStyle: {color: '#42a5f5'}}]
    }, true);
    return;
  }
  const colour = w => {
    if (w.memoryLimit <= 0) return '#42a5f5';
    const f = w.memory / w.memoryLimit;
    return f > 0.8 ? '#e53935' : f > 0.6 ? '#fb8c00' : '#42a5f5';
  };
  memoryChart.setOption({
    animation: false, grid: {left: 90, right: 30, top: 10, bottom: 30},
    tooltip: {formatter: p => { const w = ws[p.dataIndex]; return Jd.escape(w.name) + ': ' + Jd.bytes(w.memory) + ' in memory' +
      (w.memoryLimit > 0 ? ' / ' + Jd.bytes(w.memoryLimit) : '') + ', ' + Jd.bytes(w.spilled) + ' spilled'; }},
    legend: {data: ['in memory', 'spilled'], right: 10, top: 0, textStyle: {fontSize: 11}},
    xAxis: {type: 'value', axisLabel: {formatter: v => Jd.bytes(v)},
      max: limit > 0 ? Math.max(...ws.map(w => Math.max(w.memoryLimit, w.memory + w.spilled))) : null},
    yAxis: {type: 'category', data: ws.map(w => w.name)},
    series: [
      {type: 'bar', name: 'in memory', stack: 'm', data: ws.map(w => ({value: w.memory, itemStyle: {color: colour(w)}})), itemStyle: {color: '#42a5f5'}},
      {type: 'bar', name: 'spilled', stack: 'm', data: ws.map(w => w.spilled), itemStyle: {color: '#b0bec5'}}
    ]
  }, true);
}

function renderProcessing(summary) {
  const ws = summary.workers;
  const key = ws.map(w => w.name + ':' + w.processing).join(',');
  if (key === drawn.processing) return;
  drawn.processing = key;
  processingChart.setOption({
    animation: false, grid: {left: 90, right: 30, top: 10, bottom: 30}, tooltip: {},
    xAxis: {type: 'value', minInterval: 1},
    yAxis: {type: 'category', data: ws.map(w => w.name)},
    series: [{type: 'bar', name: 'processing', data: ws.map(w => w.processing), itemStyle: {color: '#66bb6a'}}]
  }, true);
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
  // one pixel of the time axis: bars of a row closer than this are merged
  const resolution = Math.max(1, (latest - from) / Math.max(100, streamChart.getWidth() - 130));
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
  const shown = bars.length > MAX_BARS ? bars.slice(bars.length - MAX_BARS) : bars;
  const data = shown.map(([row, start, stop, e, n]) =>
    ({value: [row, start, stop, barLabel(e, n), e.kind, e.worker, n], itemStyle: {color: barColour(e.kind, e.prefix)}}));
  streamChart.setOption({
    animation: false, grid: {left: 110, right: 20, top: 10, bottom: 30},
    tooltip: {formatter: p => Jd.escape(p.value[3]) + '<br>' + p.value[4] + ' on ' + Jd.escape(workerName(summary, p.value[5])) + '<br>' + (p.value[2] - p.value[1]) + ' ms'},
    xAxis: {type: 'time', min: from, max: latest},
    yAxis: {type: 'category', data: rows.map(r => { const [a, i] = r.split('#'); return workerName(summary, a) + ' #' + i; }), inverse: true},
    series: [{
      type: 'custom', data, encode: {x: [1, 2], y: 0},
      renderItem: (params, api) => {
        const row = api.value(0);
        const start = api.coord([api.value(1), row]);
        const end = api.coord([api.value(2), row]);
        const full = api.size([0, 1])[1];
        const kind = data[params.dataIndex].value[4];
        // spills and unspills: a thin strip along the bottom of the worker's first row, over the tasks
        const strip = kind === 'spill' || kind === 'unspill';
        const h = strip ? full * 0.18 : full * 0.7;
        const y = strip ? start[1] + full * 0.35 - h : start[1] - h / 2;
        const rect = echarts.graphic.clipRectByRect(
          {x: start[0], y, width: Math.max(end[0] - start[0], 2), height: h},
          {x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height});
        return rect && {type: 'rect', shape: rect, style: api.style()};
      }
    }]
  }, true);
}

function renderProgress(summary) {
  const t = summary.totals;
  const totals = `${t.tasks} tasks known · ${t.tasksFinished} finished · ${t.tasksErred} erred · ${summary.workers.length} workers`;
  const html = summary.prefixes.map(p => {
    const total = Math.max(1, p.total);
    const part = (cls, n) => n > 0 ? `<span class="${cls}" style="width:${(100 * n / total).toFixed(2)}%"></span>` : '';
    return `<div class="progress-row" data-prefix="${Jd.escape(p.prefix)}" data-finished="${p.finished}" data-total="${p.total}">` +
      `<span class="name" title="${Jd.escape(p.prefix)}">${Jd.escape(p.prefix)}</span>` +
      `<div class="bar">${part('s-released', p.released)}${part('s-memory', p.memory)}${part('s-processing', p.processing)}` +
      `${part('s-queued', p.queued)}${part('s-waiting', p.waiting)}${part('s-erred', p.erred)}</div>` +
      `<span class="muted">${p.finished} / ${p.total}${p.erred ? ' · ' + p.erred + ' erred' : ''}</span></div>`;
  }).join('') || '<span class="muted">no tasks yet</span>';
  if (totals + html === drawn.progress) return;
  drawn.progress = totals + html;
  document.getElementById('totals').textContent = totals;
  document.getElementById('progress').innerHTML = html;
}

function draw() {
  const s = Jd.state.summary;
  if (!s) return;
  document.getElementById('stream-count').textContent = streamCount;
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

Jd.connect((state, fresh) => {
  assignLanes(state.summary, fresh);
  for (const e of fresh) streamCount += e.kind === 'compute' || e.kind === 'transfer' ? e.count : 1; // what the merged entries stand for
  scheduleDraw();
});
