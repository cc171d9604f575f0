export { Battery, Check, DecisionRule } from './battery-schema.js';
export { CategoricalInput, LogisticModel, ModelFile, NumericInput, PointsTable, ScorecardModel } from './model-schema.js';
export { describeIssue, loadConfigFile, readText } from './parse-config.js';
export { buildJsonSchema, jsonSchemaText, SCHEMA_FILES, SCHEMAS, type SchemaName } from './json-schemas.js';
