export * from './intervals/index.js';
export * from './tests/index.js';
