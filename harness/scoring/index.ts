export { chunkRanges, releaseWorkers, runChunkTasks, warmWorkers } from './chunk-pool.js';
export { createPopulationSource, fixedSample, readPopulationFile, type PopulationPlan } from './population-source.js';
export { createChunkScorer, modelView, type ChunkPlan, type ScoredChunk } from './score-chunks.js';
export { DEFAULT_CHUNK_SIZE, scorePopulation, type ScoredPopulation } from './score-population.js';
export { scoreTwinRows, type StoredTwins, type TwinSource } from './score-twin-rows.js';
export { createTwinScorer, type TwinPlan } from './score-twins.js';
