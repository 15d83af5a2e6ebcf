// @ts-check
// "Tint rows by thread": which thread computed each row, from the timeline,
// drawn as coloured bands on a second canvas laid over the image. The image's
// own canvas, whose pixels are the ones Rust checksummed, is never drawn on.

/** @typedef {import('./messages').PoolTimeline} PoolTimeline */

/** How strongly the tint covers the image: enough to see the colour, and the set through it. */
const TINT_ALPHA = 0.55;

/**
 * A colour per thread: hues spread around the wheel, at a lightness that
 * stands out on the black set and on its bright edges alike.
 * @param {number} index @param {number} count
 */
export const threadColour = (index, count) => `hsl(${Math.round(200 + (index * 360) / Math.max(count, 1)) % 360} 90% 55%)`;

/**
 * The thread that computed each row (-1 for a row no job covers), and how
 * many rows each thread computed.
 * @param {PoolTimeline} timeline @param {number} height
 */
export function rowThreads(timeline, height) {
  const owners = new Int16Array(height).fill(-1);
  const counts = timeline.lanes.map(() => 0);
  timeline.lanes.forEach(({ jobs }, thread) => {
    for (const { firstRow, rows } of jobs) {
      owners.fill(thread, firstRow, firstRow + rows);
      counts[thread] += rows;
    }
  });
  return { owners, counts };
}

/**
 * Draws the tint for `timeline` on `overlay` (sized like the image) and the
 * legend with each thread's row count in `legend`. Shown or hidden with `shown`.
 * @param {{ overlay: HTMLCanvasElement, legend: HTMLElement }} into
 * @param {PoolTimeline} timeline @param {{ width: number, height: number }} size
 */
export function drawTint({ overlay, legend }, timeline, { width, height }) {
  const { owners, counts } = rowThreads(timeline, height);
  const threads = timeline.lanes.length;
  overlay.width = width;
  overlay.height = height;
  const context = overlay.getContext('2d');
  if (context) {
    context.clearRect(0, 0, width, height);
    context.globalAlpha = TINT_ALPHA;
    // One rectangle per run of rows of one thread.
    for (let y = 0; y < height; ) {
      let end = y + 1;
      while (end < height && owners[end] === owners[y]) end++;
      if (owners[y] >= 0) {
        context.fillStyle = threadColour(owners[y], threads);
        context.fillRect(0, y, width, end - y);
      }
      y = end;
    }
  }
  legend.replaceChildren(
    ...counts.map((rows, thread) => {
      const item = document.createElement('li');
      item.dataset.thread = String(thread);
      item.dataset.rows = String(rows);
      const swatch = Object.assign(document.createElement('span'), { className: 'thread-pool-swatch' });
      swatch.style.background = threadColour(thread, threads);
      item.append(swatch, `thread-${thread}: ${rows.toLocaleString('en')} row${rows === 1 ? '' : 's'}`);
      return item;
    }),
  );
}
