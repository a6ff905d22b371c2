// /system: the scheduler process's CPU, memory, network and open files over time.
Jd.nav('system');
const charts = {cpu: Jd.chart('cpu'), mem: Jd.chart('mem'), net: Jd.chart('net'), files: Jd.chart('files')};
function lines(chart, time, series, format) {
  chart.setOption({
    animation: false, grid: {left: 70, right: 20, top: 30, bottom: 30}, legend: {top: 0},
    tooltip: {trigger: 'axis', valueFormatter: format},
    xAxis: {type: 'time'}, yAxis: {type: 'value', axisLabel: {formatter: format}},
    series: series.map(([name, values]) => ({name, type: 'line', showSymbol: false,
      data: values.map((v, i) => [time[i], v < 0 ? null : v])}))
  }, true);
}
Jd.poll('/api/system', 1000, s => {
  lines(charts.cpu, s.time, [['CPU %', s.cpuPercent]], v => v == null ? '' : Number(v).toFixed(0) + ' %');
  lines(charts.mem, s.time, [['heap used', s.heapUsed], ['resident', s.rss]], v => Jd.bytes(v));
  lines(charts.net, s.time, [['read /s', s.netReadPerSecond], ['written /s', s.netWritePerSecond]], v => Jd.bytes(v) + '/s');
  lines(charts.files, s.time, [['open files', s.openFiles], ['threads', s.threads]], v => v);
});
