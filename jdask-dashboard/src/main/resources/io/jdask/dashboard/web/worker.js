// /worker?address=...: one worker, its tasks now, its latest tasks, its own log and what the scheduler logged about it.
Jd.nav('workers');
const address = new URLSearchParams(location.search).get('address') || '';
const shown = 100;

function keyList(id, countId, keys, count) {
  document.getElementById(countId).textContent = count + (count > keys.length ? ` (the first ${keys.length} shown)` : '');
  document.getElementById(id).innerHTML = keys.slice(0, shown).map(k => `<li>${Jd.escape(k)}</li>`).join('');
}

Jd.poll('/api/worker?address=' + encodeURIComponent(address), 1000, (d, status) => {
  if (status !== 200) {
    document.getElementById('name').textContent = d.error || ('no worker ' + address);
    return;
  }
  const w = d.worker;
  document.getElementById('name').textContent = w.name;
  document.getElementById('address').textContent = w.address;
  const rows = [['status', w.status], ['threads', w.nthreads], ['CPU', Jd.percent(w.cpuPercent)], ['memory', Jd.bytes(w.memory)],
    ['memory limit', w.memoryLimit > 0 ? Jd.bytes(w.memoryLimit) : 'none'], ['spilled to disk', Jd.bytes(w.spilled)],
    ['spills', `${w.spills} values written (${Jd.bytes(w.spilledBytesTotal)}), ${w.unspills} read back`],
    ['executing', w.executing], ['processing', w.processing], ['keys in memory', w.held],
    ['tasks finished', w.tasksFinished], ['tasks erred', w.tasksErred],
    ['bytes in', Jd.bytes(w.bytesReceived) + ' (' + Jd.rate(w.receiveRate) + ')'], ['bytes out', Jd.bytes(w.bytesSent) + ' (' + Jd.rate(w.sendRate) + ')'],
    ['resources', JSON.stringify(w.resources)], ['joined', new Date(w.joined).toISOString()]];
  document.querySelector('#detail tbody').innerHTML = rows.map(([k, v]) => `<tr><th>${k}</th><td>${Jd.escape(v)}</td></tr>`).join('');
  if (!d.current.pending) {
    keyList('processing', 'processing-count', d.current.processing, d.current.processingCount);
    keyList('held', 'held-count', d.current.held, d.current.heldCount);
  }
  document.querySelector('#tasks tbody').innerHTML = d.tasks.slice(-50).reverse().map(t =>
    `<tr class="task-row"><td>${Jd.escape(t.kind === 'spill' || t.kind === 'unspill' ? t.count + ' values' : t.key)}</td><td>${t.kind}</td>` +
    `<td>${t.stop - t.start} ms</td><td>${Jd.bytes(t.nbytes)}</td><td>${new Date(t.stop).toISOString().substring(11, 23)}</td></tr>`).join('');
  document.getElementById('events').textContent = d.events.join('\n');
});

// the worker's own log, fetched from it by the dashboard (a slower poll: it is a round trip to the worker)
Jd.poll('/api/worker/logs?address=' + encodeURIComponent(address), 3000, (d, status) => {
  const s = document.getElementById('log-status');
  if (status !== 200) {
    s.textContent = d.error || 'not available';
    return;
  }
  s.textContent = `${d.lines.length} lines, fetched ${new Date(d.fetched).toISOString().substring(11, 19)}`;
  const log = document.getElementById('log');
  const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
  log.textContent = d.lines.join('\n');
  if (atBottom) log.scrollTop = log.scrollHeight;
});
