export { Battery, Check, DecisionRule } from './battery-schema.js';
export { PopulationSpec } from './population-schema.js';
export { AdditiveModel, CategoricalInput, CommandModel, EncodedInput, EncodedNumericInput, FeatureName, HttpModel, LinearModel, LogisticModel, ModelFile, NumericInput, OnnxModel, PointsTable, RawInput, ScorecardModel, ScoresModel, TfjsModel, TreesModel } from './model-schema.js';
export { describeIssue, loadConfigFile, parseJson, readText } from './parse-config.js';
export { buildJsonSchema, jsonSchemaText, SCHEMA_FILES, SCHEMAS, type SchemaName } from './json-schemas.js';
export { packageRoot, packageVersion } from './package-root.js';
