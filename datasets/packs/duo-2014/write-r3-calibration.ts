/**
 * Reruns the R3 calibration (calibrate-r3.ts) and prints the fitted prevalences and every target's
 * residual; with --write, replaces the `table:` of r3_discrepancy in this pack's population.yaml and in
 * duo-2019's (which applies the 2014 calibration unchanged). The pack's test fails when the committed
 * table is not what this computes.
 *
 * Run: npm run build && node dist/datasets/packs/duo-2014/write-r3-calibration.js [--write]
 *      [--origin-penalty=W] (W other than the default: see what a stronger pull towards equal origins costs)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packDir } from '../index.js';
import { calibrateR3, formatR3Table } from './calibrate-r3.js';

const penaltyArg = process.argv.find((a) => a.startsWith('--origin-penalty='));
const originPenalty = penaltyArg ? Number(penaltyArg.slice('--origin-penalty='.length)) : undefined;
if (originPenalty !== undefined && !(originPenalty >= 0)) throw new Error(`${penaltyArg}: give a number ≥ 0`);
if (originPenalty !== undefined && process.argv.includes('--write')) throw new Error('--write only writes the default calibration');
const result = calibrateR3(packDir('duo-2014'), { originPenalty });
const pct = (x: number) => (100 * x).toFixed(2).padStart(6);
for (const t of result.targets) {
  console.log(`${t.column.padEnd(20)} category ${t.category}  published ${pct(t.published)} %  fitted ${pct(t.fitted)} %  residual ${pct(t.fitted - t.published)} pt`);
}
console.log(`largest residual ${(100 * result.maxResidual).toFixed(3)} points; sum of squared residuals ${result.sumSquares.toExponential(3)}; origin spread ${result.originSpread.toFixed(3)}; ${result.iterations} active-set steps`);
const table = formatR3Table(result.prevalence);
console.log(table);

if (process.argv.includes('--write')) {
  for (const pack of ['duo-2014', 'duo-2019']) {
    const file = join(packDir(pack), 'population.yaml');
    const text = readFileSync(file, 'utf8');
    const start = text.indexOf('\n', text.indexOf('table:', text.indexOf('  r3_discrepancy:'))) + 1;
    let end = start;
    while (/^ {6}"[^"]+": \[/.test(text.slice(end))) end = text.indexOf('\n', end) + 1;
    if (end === start) throw new Error(`${file}: no r3_discrepancy table found`);
    writeFileSync(file, `${text.slice(0, start)}${table}\n${text.slice(end)}`);
    console.log(`wrote ${file}`);
  }
}
