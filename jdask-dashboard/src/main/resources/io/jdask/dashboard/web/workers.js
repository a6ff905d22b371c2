// /workers: one row per worker, live.
Jd.nav('workers');
function ago(ms) { return ms > 0 ? ((Date.now() - ms) / 1000).toFixed(1) + ' s ago' : '–'; }
Jd.connect(state => {
  const ws = state.summary.workers;
  const c = state.summary.cluster;
  const threads = ws.reduce((a, w) => a + w.nthreads, 0);
  document.getElementById('summary').textContent = `${ws.length} workers, ${threads} threads · ${Jd.bytes(c.memory)} in memory, ` +
    `${Jd.bytes(c.spilled)} spilled · in ${Jd.bytes(c.bytesReceived)} (${Jd.rate(c.receiveRate)}), out ${Jd.bytes(c.bytesSent)} (${Jd.rate(c.sendRate)})`;
  document.querySelector('#workers tbody').innerHTML = ws.map(w => {
    const pct = w.memoryLimit > 0 ? ' / ' + Jd.bytes(w.memoryLimit) + ' (' + (100 * w.memory / w.memoryLimit).toFixed(1) + ' %)' : ' (no limit)';
    return `<tr class="worker-row" data-name="${Jd.escape(w.name)}" data-spilled="${w.spilled}" data-bytes-in="${w.bytesReceived}" data-bytes-out="${w.bytesSent}">` +
      `<td><a href="/worker?address=${encodeURIComponent(w.address)}">${Jd.escape(w.name)}</a></td>` +
      `<td>${Jd.escape(w.address)}</td><td>${w.status}</td><td>${w.nthreads}</td><td class="cpu">${Jd.percent(w.cpuPercent)}</td>` +
      `<td class="memory">${Jd.bytes(w.memory)}${pct}</td><td class="spilled">${Jd.bytes(w.spilled)}</td>` +
      `<td>${w.executing}</td><td class="processing">${w.processing}</td><td>${w.held}</td><td class="finished">${w.tasksFinished}</td>` +
      `<td>${w.tasksErred}</td><td class="bytes-in">${Jd.bytes(w.bytesReceived)} <span class="muted">${Jd.rate(w.receiveRate)}</span></td>` +
      `<td class="bytes-out">${Jd.bytes(w.bytesSent)} <span class="muted">${Jd.rate(w.sendRate)}</span></td><td>${ago(w.lastHeartbeat)}</td></tr>`;
  }).join('');
});
