export { processGroupTable, releaseGroup, spawnInGroup, stopCommandModels } from './process-groups.js';
