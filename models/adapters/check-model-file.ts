import type { LogisticModel, ModelFile } from '../../harness/config/index.js';
import { normaliseLabels, quoteLabel } from '../../datasets/table/index.js';
import { DisparateError } from '../../harness/errors/index.js';

type Issue = (field: string, what: string) => never;

const list = (levels: readonly string[]) => (levels.length > 12 ? `${levels.slice(0, 12).join(', ')}, …` : levels.join(', '));

/**
 * Every input name once: an input declared twice would have its contribution counted twice. The one
 * exception is a numeric input under different transforms (x and log x are two terms of one column;
 * for a logistic or linear model, `term` also tells clipped or binned x apart); a second term
 * transformed the same way is a repeat.
 */
function uniqueInputs<T extends { name: string; type: string; transform?: string }>(inputs: readonly T[], issue: Issue, term?: (input: T) => string | null): void {
  const seen = new Map<string, number[]>();
  const key = (input: T) => (term ? term(input) : input.type === 'numeric' && input.transform !== undefined ? input.transform : null);
  inputs.forEach((input, i) => {
    const earlier = seen.get(input.name) ?? [];
    const clash = earlier.find((j) => key(inputs[j]!) === null || key(input) === null || key(inputs[j]!) === key(input));
    if (clash !== undefined) {
      const both = key(inputs[clash]!) !== null && key(input) !== null;
      issue(`inputs.${i}`, `input "${input.name}" is declared twice (inputs.${clash} and inputs.${i})${both ? ` with the same transform (${key(input)})` : ''}`);
    }
    seen.set(input.name, [...earlier, i]);
  });
}

/** How a logistic model's numeric term encodes its column, e.g. "log" or "identity, clip [0, 5], bins [1, 2]". */
function linearTerm(input: LogisticModel['inputs'][number]): string | null {
  if (input.type !== 'numeric') return null;
  return [input.transform, ...(input.clip ? [`clip [${input.clip.join(', ')}]`] : []), ...(input.bins ? [`bins [${input.bins.join(', ')}]`] : [])].join(', ');
}

/** The label policy on declared levels (no repeats, twins, control characters; limits). */
function checkDeclaredLevels(levels: readonly string[], issue: Issue, field: string): Set<string> {
  const checked = normaliseLabels(levels, 'level');
  if (checked.problem !== null) issue(`${field}.${checked.index}`, checked.problem);
  return new Set(levels);
}

/** A level named by a coefficient, points entry, drop or reference must be a declared level. */
function knownLevel(level: string, levels: Set<string>, all: readonly string[], issue: Issue, field: string, what: string): void {
  if (!levels.has(level)) issue(field, `${quoteLabel(level)} is not one of the input's levels (${list(all)}); ${what}`);
}

/** Walks a points table: keys at depth d are levels of the table's d-th input; leaves are numbers at the last. */
function checkPoints(points: unknown, inputs: readonly string[], levelsOf: (input: string) => { set: Set<string>; all: readonly string[] }, issue: Issue, field: string): void {
  const stack: { node: unknown; depth: number; path: string }[] = [{ node: points, depth: 0, path: field }];
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
    if (depth === inputs.length) {
      if (typeof node !== 'number') issue(path, `expected a number of points (the table has ${inputs.length} input${inputs.length === 1 ? '' : 's'}: ${inputs.join(', ')}), found ${node === null ? 'null' : typeof node}`);
      continue;
    }
    if (node === null || typeof node !== 'object' || Array.isArray(node)) {
      issue(path, `expected points nested per level of "${inputs[depth]}", found ${typeof node === 'number' ? `the number ${node}` : node === null ? 'null' : typeof node}`);
      continue;
    }
    const { set, all } = levelsOf(inputs[depth]!);
    for (const [key, value] of Object.entries(node)) {
      knownLevel(key, set, all, issue, `${path}.${key}`, `points for a level "${inputs[depth]}" never has would never be given`);
      stack.push({ node: value, depth: depth + 1, path: `${path}.${key}` });
    }
  }
}

/**
 * Checks what a model file's schema cannot: each input declared once; declared levels follow the
 * label policy; every coefficient, points entry, `drop` and `reference` names a declared level (a
 * misspelt level would otherwise be ignored, and every row of the real level would score 0); points
 * tables nest exactly one level per input down to numbers. A DisparateError('model') names the file
 * and the field.
 *
 * @example checkModelFile(model, 'model.json') // throws 'model.json: inputs.1.coefficients.disabeld: "disabeld" is not one of the input's levels (none, disabled); …'
 */
export function checkModelFile(model: ModelFile, file: string): void {
  const issue: Issue = (field, what) => {
    throw new DisparateError('model', `${file}: ${field}: ${what}`);
  };
  switch (model.kind) {
    case 'logistic':
    case 'linear':
      uniqueInputs(model.inputs, issue, linearTerm);
      model.inputs.forEach((input, i) => {
        if (input.type !== 'categorical') return;
        const levels = checkDeclaredLevels(input.levels, issue, `inputs.${i}.levels`);
        for (const level of Object.keys(input.coefficients)) {
          knownLevel(level, levels, input.levels, issue, `inputs.${i}.coefficients.${level}`, 'a coefficient for a level the population never has would be ignored');
        }
      });
      return;
    case 'scorecard': {
      const sets = new Map<string, { set: Set<string>; all: readonly string[] }>();
      for (const [input, levels] of Object.entries(model.levels)) sets.set(input, { set: checkDeclaredLevels(levels, issue, `levels.${input}`), all: levels });
      for (const [name, table] of Object.entries(model.tables)) {
        const twice = table.inputs.find((input, i) => table.inputs.indexOf(input) !== i);
        if (twice !== undefined) issue(`tables.${name}.inputs`, `input "${twice}" is named twice`);
        if (table.inputs.some((input) => !sets.has(input))) continue; // reported by the loader, naming the input
        checkPoints(table.points, table.inputs, (input) => sets.get(input)!, issue, `tables.${name}.points`);
      }
      return;
    }
    case 'trees':
    case 'tfjs':
      uniqueInputs(model.inputs, issue);
      model.inputs.forEach((input, i) => {
        if (input.type !== 'categorical') return;
        const levels = checkDeclaredLevels(input.levels, issue, `inputs.${i}.levels`);
        if (input.drop !== undefined) knownLevel(input.drop, levels, input.levels, issue, `inputs.${i}.drop`, 'the dropped level must be a declared one');
        if (input.reference !== undefined) knownLevel(input.reference, levels, input.levels, issue, `inputs.${i}.reference`, 'the reference must be a declared level');
      });
      return;
    case 'command':
    case 'http':
      uniqueInputs(model.inputs, issue);
      model.inputs.forEach((input, i) => {
        if (input.levels) checkDeclaredLevels(input.levels, issue, `inputs.${i}.levels`);
      });
      return;
    case 'scores':
      return;
  }
}
