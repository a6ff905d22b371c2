// Small charts drawn on plain <canvas> for /status: bars, a histogram and the task stream's axes.
//
// A chart library re-renders its whole scene graph on every update; these functions paint a few
// hundred or thousand rectangles straight onto a canvas, which costs the browser a millisecond or two,
// and keep nothing per rectangle. Hit testing for tooltips is done on demand, from the data the caller
// keeps, only when the mouse moves over a chart.
const Plot = (() => {
  const FONT = '11px system-ui, sans-serif';
  const GRID = '#eceff1';
  const TEXT = '#607d8b';

  // A canvas filling the element `id`, sized in device pixels. `onResize` is called (at most every
  // 200 ms) when the element's size changed, so the caller redraws.
  function surface(id, onResize) {
    const host = document.getElementById(id);
    const canvas = document.createElement('canvas');
    canvas.style.cssText = 'display: block; position: absolute; left: 0; top: 0';
    host.style.position = 'relative'; // the canvas never widens its box: the box's size decides the canvas's
    host.style.overflow = 'hidden';
    host.appendChild(canvas);
    const ctx = canvas.getContext('2d', {alpha: false});
    const s = {host, canvas, ctx, width: 0, height: 0};
    s.fit = () => {
      const r = window.devicePixelRatio || 1;
      const w = host.clientWidth, h = host.clientHeight;
      if (w === s.width && h === s.height) return false;
      s.width = w; s.height = h;
      canvas.width = Math.max(1, Math.round(w * r)); canvas.height = Math.max(1, Math.round(h * r));
      canvas.style.width = w + 'px'; canvas.style.height = h + 'px';
      ctx.setTransform(r, 0, 0, r, 0, 0);
      return true;
    };
    s.clear = () => { ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, s.width, s.height); ctx.font = FONT; };
    s.fit();
    let timer = null;
    window.addEventListener('resize', () => {
      if (timer === null) timer = setTimeout(() => { timer = null; if (s.fit()) onResize(); }, 200);
    });
    return s;
  }

  // One tooltip for the page: `hit(x, y)` answers the HTML to show at that point of the canvas, or null.
  const tip = document.createElement('div');
  tip.className = 'tip';
  function tooltip(s, hit) {
    s.canvas.addEventListener('mousemove', ev => {
      const r = s.canvas.getBoundingClientRect();
      const html = hit(ev.clientX - r.left, ev.clientY - r.top);
      if (!html) { tip.style.display = 'none'; return; }
      if (!tip.isConnected) document.body.appendChild(tip);
      tip.innerHTML = html;
      tip.style.display = 'block';
      const right = ev.pageX + 12 + tip.offsetWidth > window.scrollX + document.documentElement.clientWidth; // no room: on the left
      tip.style.left = (right ? ev.pageX - 12 - tip.offsetWidth : ev.pageX + 12) + 'px';
      tip.style.top = (ev.pageY + 12) + 'px';
    });
    s.canvas.addEventListener('mouseleave', () => { tip.style.display = 'none'; });
  }

  // Round ticks from 0 to at least max, about n of them; in powers of 1024 when `binary`, whole numbers when `whole`.
  function ticks(max, n, binary, whole) {
    if (!(max > 0)) return {step: 1, top: 1, values: [0, 1]};
    let unit = 1;
    if (binary) while (max / unit >= 1024) unit *= 1024;
    const raw = max / unit / n;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    let step = unit * [1, 2, 2.5, 5, 10].map(m => m * mag).find(x => x >= raw);
    if (whole) step = Math.max(1, Math.round(step));
    const values = [];
    for (let v = 0; v < max + step * 1e-9; v += step) values.push(v);
    if (values[values.length - 1] < max) values.push(values[values.length - 1] + step);
    return {step, top: values[values.length - 1], values};
  }

  // Horizontal bars, one row each: rows = [{label, parts: [[value, colour], ...]}] stacked from the left.
  // `format` writes a tick's value (Jd.bytes: ticks in powers of 1024; otherwise whole numbers).
  // Answers the layout, for hit testing: {left, top, band, width, max}.
  function hbars(s, rows, max, format) {
    const {ctx, width, height} = s;
    s.clear();
    const left = 90, right = 24, top = 6, bottom = 22;
    const w = Math.max(10, width - left - right), h = Math.max(10, height - top - bottom);
    const t = ticks(max, Math.max(2, Math.floor(w / 90)), format === Jd.bytes, format !== Jd.bytes);
    ctx.textAlign = 'center'; ctx.textBaseline = 'top';
    for (const v of t.values) {
      const x = Math.round(left + w * v / t.top);
      ctx.fillStyle = GRID; ctx.fillRect(x, top, 1, h);
      ctx.fillStyle = TEXT; ctx.fillText(format(v), x, top + h + 5);
    }
    const band = h / Math.max(1, rows.length), bh = Math.max(1, Math.min(22, band * 0.7));
    ctx.textAlign = 'right'; ctx.textBaseline = 'middle';
    rows.forEach((r, i) => {
      const y = top + band * i + (band - bh) / 2;
      let x = left;
      for (const [v, colour] of r.parts) {
        const bw = w * v / t.top;
        if (bw > 0) { ctx.fillStyle = colour; ctx.fillRect(x, y, Math.max(1, bw), bh); x += bw; }
      }
      if (band >= 10) { ctx.fillStyle = TEXT; ctx.fillText(clip(ctx, r.label, left - 8), left - 6, y + bh / 2); }
    });
    return {left, top, band, width: w, max: t.top};
  }

  // Vertical bars, one per category: values with their labels, in one colour.
  function vbars(s, values, labels, colour) {
    const {ctx, width, height} = s;
    s.clear();
    const left = 50, right = 20, top = 10, bottom = 22;
    const w = Math.max(10, width - left - right), h = Math.max(10, height - top - bottom);
    const t = ticks(Math.max(1, ...values), 4, false, true);
    ctx.textAlign = 'right'; ctx.textBaseline = 'middle';
    for (const v of t.values) {
      const y = Math.round(top + h - h * v / t.top);
      ctx.fillStyle = GRID; ctx.fillRect(left, y, w, 1);
      ctx.fillStyle = TEXT; ctx.fillText(String(v), left - 6, y);
    }
    const band = w / Math.max(1, values.length);
    ctx.textAlign = 'center'; ctx.textBaseline = 'top';
    values.forEach((v, i) => {
      const bh = h * v / t.top;
      ctx.fillStyle = colour; ctx.fillRect(left + band * i + band * 0.15, top + h - bh, band * 0.7, bh);
      ctx.fillStyle = TEXT; ctx.fillText(labels[i], left + band * (i + 0.5), top + h + 5);
    });
    return {left, top, band, height: h};
  }

  // A time axis along the bottom of [left, left + w] for [from, to] (epoch ms), with its grid.
  function timeAxis(s, left, top, w, h, from, to) {
    const {ctx} = s;
    const span = Math.max(1, to - from);
    const step = [100, 200, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000].find(x => span / x <= Math.max(2, w / 110)) || 60000;
    ctx.textAlign = 'center'; ctx.textBaseline = 'top';
    for (let v = Math.ceil(from / step) * step; v <= to; v += step) {
      const x = Math.round(left + w * (v - from) / span);
      ctx.fillStyle = GRID; ctx.fillRect(x, top, 1, h);
      ctx.fillStyle = TEXT; ctx.fillText(clock(v, step < 1000), x, top + h + 5);
    }
  }

  function clock(ms, withMillis) {
    const d = new Date(ms);
    const two = n => String(n).padStart(2, '0');
    return two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds()) + (withMillis ? '.' + String(d.getMilliseconds()).padStart(3, '0') : '');
  }

  // The text cut to fit `px` pixels (with an ellipsis).
  function clip(ctx, text, px) {
    if (ctx.measureText(text).width <= px) return text;
    let n = text.length;
    while (n > 1 && ctx.measureText(text.slice(0, n) + '…').width > px) n--;
    return text.slice(0, n) + '…';
  }

  return {surface, tooltip, ticks, hbars, vbars, timeAxis, clip, FONT, TEXT, GRID};
})();
