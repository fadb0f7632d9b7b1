// A rolling line chart (uPlot, from its WebJar) of one figure per named series, fed one point per
// refresh. The chart is rebuilt only when the set of series changes.

import uPlot from './lib/uplot/1.6.30/dist/uPlot.esm.js';

const POINTS = 90;
const COLOURS = ['#2f6fdf', '#d9480f', '#2b8a3e', '#862e9c', '#c92a2a', '#0b7285', '#e67700', '#495057'];

export class History {
  constructor(elementId, unit) {
    this.elementId = elementId;
    this.unit = unit;
    this.times = [];
    this.values = new Map();
    this.plot = null;
    this.names = '';
  }

  // Adds one point per series at the given time (ms); series not named are left without a point.
  push(at, figures) {
    this.times.push(at / 1000);
    for (const name of Object.keys(figures)) {
      if (!this.values.has(name)) {
        this.values.set(name, new Array(this.times.length - 1).fill(null));
      }
    }
    for (const [name, points] of this.values) {
      points.push(Object.hasOwn(figures, name) ? figures[name] : null);
    }
    if (this.times.length > POINTS) {
      this.times.shift();
      this.values.forEach((points) => points.shift());
    }
    this.draw();
  }

  draw() {
    const element = document.getElementById(this.elementId);
    const names = [...this.values.keys()];
    const data = [this.times, ...names.map((name) => this.values.get(name))];
    const key = names.join('\u0000');
    if (this.plot && key === this.names) {
      this.plot.setData(data);
      return;
    }
    if (this.plot) {
      this.plot.destroy();
    }
    this.names = key;
    const series = [{}, ...names.map((name, i) => ({
      label: name, stroke: COLOURS[i % COLOURS.length], width: 2, spanGaps: false,
    }))];
    this.plot = new uPlot({
      width: 900, height: 220, series, axes: [{}, { label: this.unit }], legend: { live: false },
    }, data, element);
  }
}
