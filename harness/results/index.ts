export * from './results-schema.js';
