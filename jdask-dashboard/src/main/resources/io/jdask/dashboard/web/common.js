// Shared by the dashboard's pages: navigation, formatting, colours and the WebSocket feed.
const Jd = (() => {
  const pages = [['status', 'Status'], ['workers', 'Workers'], ['graph', 'Graph'], ['system', 'System'], ['info', 'Info']];

  function nav(active) {
    const n = document.createElement('nav');
    n.innerHTML = '<span class="brand">jdask</span>' +
      pages.map(([p, t]) => `<a href="/${p}" class="${p === active ? 'active' : ''}">${t}</a>`).join('') +
      '<span class="conn" id="conn">connecting…</span>';
    document.body.prepend(n);
  }

  function setConnection(live, text) {
    const c = document.getElementById('conn');
    if (c) { c.textContent = text; c.className = 'conn' + (live ? ' live' : ''); }
  }

  function bytes(n) {
    if (n < 0 || n === undefined || n === null) return '–';
    const u = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0;
    while (n >= 1024 && i < u.length - 1) { n /= 1024; i++; }
    return (i === 0 ? n : n.toFixed(n < 10 ? 2 : 1)) + ' ' + u[i];
  }

  function rate(n) { return n > 0 ? bytes(n) + '/s' : '0 B/s'; }

  function percent(p) { return p === undefined || p === null || p < 0 ? '–' : p.toFixed(p < 10 ? 1 : 0) + ' %'; }

  function escape(s) {
    return String(s).replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
  }

  const palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22',
                   '#3949ab', '#00897b', '#f4511e', '#6d4c41', '#5e35b1', '#43a047', '#fb8c00', '#00acc1'];
  function colour(prefix) {
    let h = 0;
    for (let i = 0; i < prefix.length; i++) h = (h * 31 + prefix.charCodeAt(i)) | 0;
    return palette[Math.abs(h) % palette.length];
  }

  // The WebSocket feed: the cluster's summary when it changes, and the task-stream entries not yet seen.
  // While the page is hidden it asks the server to stop pushing ({"type":"pause"}); when it shows
  // again ({"type":"resume"}) the server sends the summary and the newest entries it missed.
  const maxStream = 20000;
  const state = { summary: null, stream: [], events: [], updates: 0 };
  let socket = null;
  function tellVisibility() {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({type: document.hidden ? 'pause' : 'resume'}));
  }
  document.addEventListener('visibilitychange', tellVisibility);
  function connect(onUpdate) {
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
    socket = ws;
    ws.onopen = () => { setConnection(true, 'live'); if (document.hidden) tellVisibility(); };
    ws.onmessage = m => {
      const msg = JSON.parse(m.data);
      if (msg.type !== 'update') return;
      state.summary = msg.summary;
      if (msg.events) state.events = msg.events; // sent only when one was added
      if (msg.stream.length) {
        state.stream.push(...msg.stream);
        if (state.stream.length > maxStream) state.stream.splice(0, state.stream.length - maxStream);
      }
      state.updates++;
      onUpdate(state, msg.stream);
    };
    ws.onclose = () => { setConnection(false, 'disconnected, retrying…'); setTimeout(() => connect(onUpdate), 1000); };
  }

  // Polls a JSON endpoint every `ms` milliseconds.
  function poll(url, ms, onData) {
    const tick = () => fetch(url).then(r => r.json().then(j => ({status: r.status, body: j})))
      .then(({status, body}) => { setConnection(true, 'live'); onData(body, status); })
      .catch(() => setConnection(false, 'no answer'))
      .finally(() => setTimeout(tick, ms));
    tick();
  }

  function chart(id) {
    const c = echarts.init(document.getElementById(id), null, {renderer: 'canvas'});
    window.addEventListener('resize', () => c.resize());
    return c;
  }

  return { nav, bytes, rate, percent, escape, colour, connect, poll, chart, state };
})();
window.jdask = Jd.state;
