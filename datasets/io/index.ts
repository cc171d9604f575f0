export { parseColumnEquals, readDecisions, type DecisionColumns, type Decisions } from './read-decisions.js';
export { populationColumnTypes, readPopulation, type ColumnExpectation, type ReadPopulationOptions } from './read-population.js';
export { arrowRecordBatch, arrowStreamHeader, createPopulationWriter, formatCsv, populationFormat, writePopulation, type PopulationFormat, type PopulationWriter } from './write-population.js';
