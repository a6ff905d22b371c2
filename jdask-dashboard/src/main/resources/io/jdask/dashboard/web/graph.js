// /graph: the live task graph, coloured by state; grouped by prefix beyond a few thousand tasks.
Jd.nav('graph');
const stateColour = {waiting: '#bdbdbd', released: '#e0e0e0', queued: '#ffca28', no_worker: '#ff7043',
  processing: '#66bb6a', memory: '#42a5f5', erred: '#212121', forgotten: '#eeeeee'};
const cy = cytoscape({
  container: document.getElementById('graph'),
  style: [
    {selector: 'node', style: {'background-color': 'data(colour)', 'label': 'data(label)', 'font-size': 9, 'min-zoomed-font-size': 7, 'width': 'data(size)', 'height': 'data(size)'}},
    {selector: 'edge', style: {'width': 1, 'line-color': '#b0bec5', 'target-arrow-color': '#b0bec5', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier'}}
  ],
  wheelSensitivity: 0.3
});
window.jdaskGraph = cy;
let shape = '';
Jd.poll('/api/graph', 1000, (g, status) => {
  if (status !== 200) return; // asked for: it comes with the scheduler's next snapshot
  document.getElementById('graph-summary').textContent = g.grouped
    ? `${g.taskCount} tasks, grouped into ${g.nodes.length} prefixes` : `${g.taskCount} tasks`;
  const key = g.grouped + '|' + g.nodes.map(n => n.id).join(',') + '|' + g.edges.length;
  const data = n => ({id: n.id, label: g.grouped ? `${n.prefix} (${n.count})` : n.id, colour: stateColour[n.state] || '#999',
    size: g.grouped ? Math.min(60, 14 + 4 * Math.sqrt(n.count)) : 12, state: n.state});
  if (key !== shape) {
    shape = key;
    cy.elements().remove();
    cy.add(g.nodes.map(n => ({group: 'nodes', data: data(n)})));
    cy.add(g.edges.map((e, i) => ({group: 'edges', data: {id: 'e' + i, source: e.from, target: e.to}})));
    // independent tasks in a grid; a graph with dependencies in layers, dependencies above their dependents
    cy.layout(g.edges.length === 0 ? {name: 'grid', animate: false}
      : {name: 'breadthfirst', directed: true, spacingFactor: 0.9, animate: false}).run();
  } else {
    for (const n of g.nodes) cy.getElementById(n.id).data(data(n));
  }
});
