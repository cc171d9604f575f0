export { RNG_ALGORITHM, philox4x32 } from './philox.js';
export { streamId } from './stream-id.js';
export { fillUniforms, splitSeed, uniform, wordsToUniform } from './uniform.js';
export { createRng, type Rng } from './rng.js';
export { normalQuantile } from './normal-quantile.js';
