/** The library: what `import { … } from 'disparate'` gives; the CLI is a client of the same functions. */
export { run, type RunSettings } from './run.js';
export { audit, type AuditSettings } from './audit.js';
export { compare } from './compare.js';
export { merge, mergeParts } from './merge.js';
export { runShard } from './run-shard.js';
export { encodeShardPart, parseShard, type DecisionsShardPart, type Shard, type ShardPart } from '../merge/index.js';
export { verify, type VerifySettings } from './verify.js';
export { describeVerification, type Verification } from '../pipeline/index.js';
export { provenance, type Provenance } from '../config/index.js';
export { buildReport } from '../../reports/index.js';
export { Battery, Check, ModelFile, PopulationSpec, SCHEMAS, buildJsonSchema } from '../config/index.js';
export { Results, type CheckResult, type Comparison, type GroupResult, type MetricValue, type Warning } from '../results/index.js';
export { METRIC_IDS, resolveMetricId } from '../metrics/index.js';
export { comparisonExitStatus, exitStatus } from '../verdict/index.js';
export { DisparateError, EXIT } from '../errors/index.js';
