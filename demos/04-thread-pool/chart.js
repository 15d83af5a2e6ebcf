// @ts-check
// The speedup chart: S(N) against N as an SVG line, with the ideal S(N) = N
// dashed behind it. `chartScale` is the arithmetic; `drawChart` the drawing.

const SVG = 'http://www.w3.org/2000/svg';
const [WIDTH, HEIGHT] = [320, 240];
const PAD = { left: 36, right: 12, top: 12, bottom: 40 };

/**
 * Where N and S land in the 320 × 240 view box, and which ticks to label.
 * @param {number[]} speedups S(1), S(2), … as measured
 * @param {number} cap the largest N
 */
export function chartScale(speedups, cap) {
  const lastN = Math.max(cap, 2);
  const top = Math.ceil(Math.max(lastN, ...speedups));
  const x = (/** @type {number} */ n) => PAD.left + ((n - 1) / (lastN - 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (/** @type {number} */ s) => HEIGHT - PAD.bottom - (s / top) * (HEIGHT - PAD.top - PAD.bottom);
  // Every N (every other one past 8) and every whole S (every other one past 8).
  const nTicks = Array.from({ length: lastN }, (_, i) => i + 1).filter((n) => lastN <= 8 || n % 2 === 1);
  const step = top > 8 ? 2 : 1;
  const sTicks = Array.from({ length: Math.floor(top / step) + 1 }, (_, i) => i * step);
  return { lastN, top, x, y, nTicks, sTicks };
}

// ANCHOR: chart
/**
 * Redraws `chart` (keeping its <title>) for the speedups measured so far.
 * @param {SVGSVGElement} chart @param {number[]} speedups @param {number} cap
 */
export function drawChart(chart, speedups, cap) {
  const { lastN, x, y, nTicks, sTicks } = chartScale(speedups, cap);
  const title = /** @type {Element} */ (chart.querySelector('title'));
  const desc = /** @type {Element} */ (chart.querySelector('desc'));
  desc.textContent = speedups.length
    ? `Measured: ${speedups.map((s, i) => `N = ${i + 1}, S = ${s.toFixed(2)}`).join('; ')}. Ideal: S(N) = N.`
    : 'No measurement yet.';
  /** @type {SVGElement[]} */
  const parts = [];
  const add = (/** @type {string} */ tag, /** @type {Record<string, string | number>} */ attributes, text = '') => {
    const element = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
    element.textContent = text;
    parts.push(element);
    return element;
  };
  add('line', { class: 'axis', x1: PAD.left, y1: y(0), x2: WIDTH - PAD.right, y2: y(0) });
  add('line', { class: 'axis', x1: PAD.left, y1: y(0), x2: PAD.left, y2: PAD.top });
  for (const n of nTicks) add('text', { class: 'tick', x: x(n), y: y(0) + 14, 'text-anchor': 'middle' }, String(n));
  for (const s of sTicks) {
    add('line', { class: 'grid', x1: PAD.left, y1: y(s), x2: WIDTH - PAD.right, y2: y(s) });
    add('text', { class: 'tick', x: PAD.left - 6, y: y(s) + 4, 'text-anchor': 'end' }, String(s));
  }
  add('text', { class: 'label', x: (PAD.left + WIDTH - PAD.right) / 2, y: HEIGHT - 8, 'text-anchor': 'middle' }, 'threads N');
  add('text', { class: 'label', x: PAD.left + 4, y: PAD.top + 10 }, 'S(N)');
  add('line', { class: 'ideal', x1: x(1), y1: y(1), x2: x(lastN), y2: y(lastN) });
  add('text', { class: 'tick', x: x(lastN) - 4, y: y(lastN) + 14, 'text-anchor': 'end' }, 'ideal');
  if (speedups.length > 1) add('polyline', { class: 'measured', points: speedups.map((s, i) => `${x(i + 1)},${y(s)}`).join(' ') });
  speedups.forEach((s, i) => {
    const point = add('circle', { class: 'point', cx: x(i + 1), cy: y(s), r: 4, 'data-threads': i + 1, 'data-speedup': s });
    const tip = document.createElementNS(SVG, 'title');
    tip.textContent = `N = ${i + 1}: S = ${s.toFixed(2)}`;
    point.append(tip);
  });
  chart.replaceChildren(title, desc, ...parts);
}
// ANCHOR_END: chart
