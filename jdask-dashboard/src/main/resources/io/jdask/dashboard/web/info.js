// /info: the scheduler, versions, workers and the scheduler's log.
Jd.nav('info');
const table = (id, rows) => document.querySelector(id + ' tbody').innerHTML =
  rows.map(([k, v]) => `<tr><th>${Jd.escape(k)}</th><td>${Jd.escape(v)}</td></tr>`).join('');
Jd.poll('/api/info', 2000, i => {
  table('#scheduler', [['address', i.scheduler], ['dashboard', i.dashboard], ['started', new Date(i.started).toISOString()],
    ['cores', i.cores], ['max heap', Jd.bytes(i.maxHeap)], ['tasks known', i.totals.tasks],
    ['tasks finished', i.totals.tasksFinished], ['tasks erred', i.totals.tasksErred],
    ['workers joined / left', i.totals.workersJoined + ' / ' + i.totals.workersLeft]]);
  table('#versions', Object.entries(i.versions));
  document.getElementById('log').textContent = i.events.join('\n');
});
Jd.poll('/api/workers', 2000, ws => {
  document.querySelector('#workers tbody').innerHTML = ws.map(w =>
    `<tr><td>${Jd.escape(w.name)}</td><td>${Jd.escape(w.address)}</td><td>${w.nthreads}</td>` +
    `<td>${w.memoryLimit > 0 ? Jd.bytes(w.memoryLimit) : 'none'}</td><td>${Jd.escape(JSON.stringify(w.resources))}</td>` +
    `<td>${new Date(w.joined).toISOString()}</td></tr>`).join('');
});
