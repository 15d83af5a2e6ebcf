// @ts-check
// One render on stage 4's pool, through the repository's own pool client: it
// starts the owner and the pool workers, which Vite has bundled (README.md).
import { PoolClient } from '../../../demos/04-thread-pool/pool-client.js';
import { errorMessage } from '../../../demos/shared/errors.js';
import { defaultThreadCount } from '../../../demos/shared/threads.js';

const status = /** @type {HTMLElement} */ (document.querySelector('[data-status]'));
const canvas = /** @type {HTMLCanvasElement} */ (document.querySelector('[data-canvas]'));
const client = new PoolClient();

try {
  const { settings } = await client.constants();
  const threads = defaultThreadCount(settings.threads.max);
  const outcome = await client.render({ threads: String(threads), width: '600', height: '400', iterations: '500' });
  if (outcome.type !== 'rendered') throw new Error(outcome.type === 'failed' ? outcome.message : 'the settings were refused');
  const { width, height, ms, checksum, plainChecksum } = outcome;
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(outcome.pixels), width, height), 0, 0);
  const same = checksum === plainChecksum;
  status.dataset.matches = String(same);
  show('done', `${width} × ${height} on ${threads} thread${threads === 1 ? '' : 's'} in ${ms.toFixed(1)} ms: ${same ? 'the same pixels as' : 'pixels DIFFERENT from'} the plain loop’s.`);
} catch (cause) {
  const hint = crossOriginIsolated ? '' : ' (the page is not cross-origin isolated: serve it with COOP and COEP, as vite.config.js does)';
  show('failed', `${errorMessage(cause)}${hint}`);
}

/** @param {string} state @param {string} text */
function show(state, text) {
  status.dataset.state = state;
  status.textContent = text;
}
