/**
 * Reruns the R3 calibration (calibrate-r3.ts) and prints the fitted prevalences and every target's
 * residual; with --write, replaces the `table:` of r3_discrepancy in this pack's population.yaml and in
 * duo-2019's (which applies the 2014 calibration unchanged). The pack's test fails when the committed
 * table is not what this computes.
 *
 * Run: npm run build && node dist/datasets/packs/duo-2014/write-r3-calibration.js [--write]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calibrateR3, formatR3Table } from './calibrate-r3.js';

const packs = join(dirname(fileURLToPath(import.meta.url)), '../../../../datasets/packs');
const result = calibrateR3(join(packs, 'duo-2014'));
const pct = (x: number) => (100 * x).toFixed(2).padStart(6);
for (const t of result.targets) {
  console.log(`${t.column.padEnd(20)} category ${t.category}  published ${pct(t.published)} %  fitted ${pct(t.fitted)} %  residual ${pct(t.fitted - t.published)} pt`);
}
console.log(`largest residual ${(100 * result.maxResidual).toFixed(3)} points; ${result.iterations} active-set steps`);
const table = formatR3Table(result.prevalence);
console.log(table);

if (process.argv.includes('--write')) {
  for (const pack of ['duo-2014', 'duo-2019']) {
    const file = join(packs, pack, 'population.yaml');
    const text = readFileSync(file, 'utf8');
    const start = text.indexOf('\n', text.indexOf('table:', text.indexOf('  r3_discrepancy:'))) + 1;
    let end = start;
    while (/^ {6}"[^"]+": \[/.test(text.slice(end))) end = text.indexOf('\n', end) + 1;
    if (end === start) throw new Error(`${file}: no r3_discrepancy table found`);
    writeFileSync(file, `${text.slice(0, start)}${table}\n${text.slice(end)}`);
    console.log(`wrote ${file}`);
  }
}
