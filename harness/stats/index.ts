export * from './intervals/index.js';
export * from './tests/index.js';
export * from './small-sample.js';
export * from './bootstrap/index.js';
export * from './power/index.js';
export * from './distribution/index.js';
export * from './optimize/index.js';
export { betaQuantile, loadDistributions, normalCdf, normalQuantile, STDLIB_BUNDLE, STDLIB_PACKAGES } from './stdlib-functions.js';
export { requireBuilt } from './require-built.js';
