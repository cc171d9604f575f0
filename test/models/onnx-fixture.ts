import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readPopulation } from '../../datasets/io/index.js';

/**
 * The committed ONNX fixtures (test/fixtures/onnx/generate.py): the welfare applicants they were
 * trained on, typed as the models expect, and the predictions scikit-learn and XGBoost made themselves.
 */
export const FIX = resolve('test/fixtures/onnx');

const welfareColumns = {
  nationality: { kind: 'categorical' as const, levels: ['national', 'eu', 'non_eu'] },
  household: { kind: 'categorical' as const, levels: ['single', 'couple', 'single_parent', 'couple_children'] },
  disability: { kind: 'categorical' as const, levels: ['no', 'yes'] },
};

/** The applicants of welfare.csv. */
export const welfareData = () => readPopulation(`${FIX}/welfare.csv`, { columns: welfareColumns });

const lines = readFileSync(`${FIX}/predictions.csv`, 'utf8').trim().split('\n');
const header = lines[0]!.split(',');

/** The reference predictions of one model (a column of predictions.csv), in row order. */
export const fixtureReference = (name: string): Float64Array => Float64Array.from(lines.slice(1), (l) => Number(l.split(',')[header.indexOf(name)]));
