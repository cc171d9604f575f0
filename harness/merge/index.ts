export { loadResultsFile, type LoadedResults } from './load-results-file.js';
export { mergeResults, type MergeContext, type MergeInput } from './merge-results.js';
export { parseShard, SHARD_INDEX_VARIABLES, type Shard } from './parse-shard.js';
export { shardRange } from './shard-range.js';
export { scoreShard } from './score-shard.js';
export { encodeShardPart, type DecisionsShardHeader, type DecisionsShardPart, type ShardHeader, type ShardPart } from './shard-part.js';
export { shardDecisions } from './decisions-shard.js';
export { isShardPart, openShardPart, type OpenPart } from './open-shard-part.js';
export { mergeShards } from './merge-shards.js';
