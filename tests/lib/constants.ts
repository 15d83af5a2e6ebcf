// The numbers the tests need, from where the page gets them: each crate's
// constants() (as the build wrote them into pkg/constants.json) and the demos'
// own modules. Nothing here is typed again.
import { readConstants } from '../../scripts/lib/stage-constants.mjs';
import type { Constants as Stage3 } from '../../demos/03-shared-memory/messages';
import type { Constants as Stage4 } from '../../demos/04-thread-pool/messages';

export const stage3 = readConstants('03-shared-memory') as Stage3;
export const stage4 = readConstants('04-thread-pool') as Stage4;
export { MEASURE_REPEATS } from '../../demos/04-thread-pool/measure.js';
