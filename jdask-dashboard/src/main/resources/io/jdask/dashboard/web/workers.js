// /workers: one row per worker, live.
Jd.nav('workers');
function ago(ms) { return ms > 0 ? ((Date.now() - ms) / 1000).toFixed(1) + ' s ago' : '–'; }
Jd.connect(state => {
  const ws = state.summary.workers;
  const threads = ws.reduce((a, w) => a + w.nthreads, 0);
  document.getElementById('summary').textContent = `${ws.length} workers, ${threads} threads`;
  document.querySelector('#workers tbody').innerHTML = ws.map(w => {
    const pct = w.memoryLimit > 0 ? (100 * w.memory / w.memoryLimit).toFixed(1) + ' %' : 'no limit';
    return `<tr class="worker-row" data-name="${Jd.escape(w.name)}">` +
      `<td><a href="/worker?address=${encodeURIComponent(w.address)}">${Jd.escape(w.name)}</a></td>` +
      `<td>${Jd.escape(w.address)}</td><td>${w.status}</td><td>${w.nthreads}</td><td>${Jd.bytes(w.memory)}</td>` +
      `<td>${pct}${w.memoryLimit > 0 ? ' of ' + Jd.bytes(w.memoryLimit) : ''}</td>` +
      `<td>${w.executing}</td><td class="processing">${w.processing}</td><td class="finished">${w.tasksFinished}</td>` +
      `<td>${w.tasksErred}</td><td>${Jd.bytes(w.bytesReceived)}</td><td>${ago(w.lastHeartbeat)}</td></tr>`;
  }).join('');
});
