export { Battery, Check, DecisionRule } from './battery-schema.js';
export { PopulationSpec } from './population-schema.js';
export { CategoricalInput, CommandModel, EncodedInput, HttpModel, LinearModel, LogisticModel, ModelFile, NumericInput, PointsTable, RawInput, ScorecardModel, ScoresModel, TfjsModel, TreesModel } from './model-schema.js';
export { describeIssue, loadConfigFile, parseJson, readText } from './parse-config.js';
export { buildJsonSchema, jsonSchemaText, SCHEMA_FILES, SCHEMAS, type SchemaName } from './json-schemas.js';
export { packageRoot, packageVersion } from './package-root.js';
export { decodeText, type TextEncoding } from './decode-text.js';
export { restoreProtoKeys, shieldProtoKeys, unshield } from './proto-keys.js';
export { MAX_YAML_BYTES, parseYamlText } from './parse-yaml-text.js';
