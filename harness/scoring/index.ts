export { releaseWorkers, warmWorkers } from './chunk-pool.js';
