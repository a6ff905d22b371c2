// /worker?address=...: one worker, its latest tasks and what the scheduler logged about it.
Jd.nav('workers');
const address = new URLSearchParams(location.search).get('address') || '';
Jd.poll('/api/worker?address=' + encodeURIComponent(address), 1000, (d, status) => {
  if (status !== 200) {
    document.getElementById('name').textContent = d.error || ('no worker ' + address);
    return;
  }
  const w = d.worker;
  document.getElementById('name').textContent = w.name;
  document.getElementById('address').textContent = w.address;
  const rows = [['status', w.status], ['threads', w.nthreads], ['memory', Jd.bytes(w.memory)],
    ['memory limit', w.memoryLimit > 0 ? Jd.bytes(w.memoryLimit) : 'none'], ['executing', w.executing],
    ['processing', w.processing], ['tasks finished', w.tasksFinished], ['tasks erred', w.tasksErred],
    ['bytes received', Jd.bytes(w.bytesReceived)], ['resources', JSON.stringify(w.resources)],
    ['joined', new Date(w.joined).toISOString()]];
  document.querySelector('#detail tbody').innerHTML = rows.map(([k, v]) => `<tr><th>${k}</th><td>${Jd.escape(v)}</td></tr>`).join('');
  document.querySelector('#tasks tbody').innerHTML = d.tasks.slice(-50).reverse().map(t =>
    `<tr class="task-row"><td>${Jd.escape(t.key)}</td><td>${t.kind}</td><td>${t.stop - t.start} ms</td><td>${Jd.bytes(t.nbytes)}</td>` +
    `<td>${new Date(t.stop).toISOString().substring(11, 23)}</td></tr>`).join('');
  document.getElementById('log').textContent = d.log.join('\n');
});
