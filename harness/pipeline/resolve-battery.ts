import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { MAX_ROWS } from './max-rows.js';
import { Battery, loadConfigFile, readText, type DataBattery, type PopulationBattery } from '../config/index.js';
import { DisparateError } from '../errors/index.js';
import { resolveMetricId } from '../metrics/index.js';
import { INTERSECTION_SEPARATOR } from '../accumulate/index.js';
import { EVERY_ATTRIBUTE, OVERALL_KEYWORD } from '../findings/index.js';

interface ResolvedCommon {
  readonly file: string;
  readonly hash: string;
  readonly modelFile: string | null;
  /** The battery's verify block with its files resolved; null without one. */
  readonly verify: { readonly data: string; readonly expect: string; readonly column?: string | undefined; readonly tolerance: number } | null;
  /** Whether ground-truth labels will exist (label metrics allowed in checks). */
  readonly labelled: boolean;
}

/** A battery whose model scores a population (population:), validated beyond its schema, with paths resolved against its folder. */
export interface ResolvedPopulationBattery extends ResolvedCommon {
  readonly battery: PopulationBattery;
  readonly populationSpec: string | null;
  /** A real population to score (battery population.file), instead of a spec. */
  readonly populationFile: string | null;
  /** The deployed and candidate model files of a battery for `disparate compare` (models:), instead of modelFile. */
  readonly models: { readonly deployed: string; readonly candidate: string } | null;
  readonly dataFile: null;
}

/** A battery auditing recorded decisions (data:), validated beyond its schema, with paths resolved against its folder. */
export interface ResolvedDataBattery extends ResolvedCommon {
  readonly battery: DataBattery;
  readonly populationSpec: null;
  readonly populationFile: null;
  readonly models: null;
  readonly dataFile: string;
}

/** A battery validated beyond its schema; `dataFile` (null or not) tells which kind it is. */
export type ResolvedBattery = ResolvedPopulationBattery | ResolvedDataBattery;

/**
 * Loads a battery file (the schema checks population xor data, spec xor file and the data block's
 * selective-label fields) and checks what the schema cannot: the model and decision a population needs, that checks name known attributes and metrics the data can
 * support. Every problem names the file and the field.
 */
export function resolveBattery(file: string): ResolvedBattery {
  const battery = loadConfigFile(file, Battery);
  const hash = `sha256:${createHash('sha256').update(readText(file)).digest('hex')}`;
  const bad = (field: string, what: string) => new DisparateError('config', `${file}: ${field}: ${what}`);
  if (battery.population?.spec !== undefined && battery.population.size === undefined) throw bad('population.size', 'required with population.spec');
  if (battery.population?.size !== undefined && battery.population.size > MAX_ROWS) throw bad('population.size', `${battery.population.size} rows is more than one run can hold (at most ${MAX_ROWS.toLocaleString('en-US')})`);
  if (battery.population?.file !== undefined && battery.counterfactual.length > 0) {
    throw bad('counterfactual', 'twins need a population spec (a causal model of the population); a data file has no exogenous noise to reuse');
  }
  if (battery.counterfactual.length > 0 && battery.decision) {
    // Twins are decided by one score cut-off taken from the original population: the rule must be a function of the score alone.
    if (battery.decision.rule === 'stratum_capacity') throw bad('decision.rule', 'counterfactual twins need one cut-off for every row (threshold, top_fraction or top_k), not stratum_capacity');
    if ('second_stage' in battery.decision && battery.decision.second_stage) throw bad('decision.second_stage', 'counterfactual twins are decided by score alone; a second stage re-ranks by other columns');
  }
  if (battery.model !== undefined && battery.models !== undefined) throw bad('models', 'give exactly one of model (disparate run) or models: { deployed, candidate } (disparate compare)');
  if (battery.data && battery.models) throw bad('models', 'two models are compared on a population they both score; a data file holds the decisions of one model');
  if (battery.verify && !battery.model) throw bad('verify', 'verifies a model; this battery has none (recorded decisions are audited as they are)');
  const attributes = new Set(battery.protected);
  if (attributes.size !== battery.protected.length) throw bad('protected', 'lists an attribute twice');
  const intersection = battery.protected.join(INTERSECTION_SEPARATOR);
  const known = (a: string) => attributes.has(a) || (battery.protected.length > 1 && a === intersection);
  for (const [key, value] of Object.entries(battery.reference)) {
    if (key === EVERY_ATTRIBUTE && value !== OVERALL_KEYWORD) throw bad('reference.*', `sets the reference of every attribute not named, so it can only be ${OVERALL_KEYWORD} (everyone else); got "${value}"`);
    if (key !== EVERY_ATTRIBUTE && !known(key)) throw bad(`reference.${key}`, `not a protected attribute (${[...attributes].join(', ')})`);
  }
  const labelled = battery.data ? battery.data.label !== undefined : battery.label !== undefined;
  battery.checks.forEach((check, i) => {
    const metric = resolveMetricId(check.metric)!;
    if (check.attribute !== 'all' && !known(check.attribute)) {
      throw bad(`checks.${i}.attribute`, `"${check.attribute}" is not a protected attribute or their intersection "${intersection}"`);
    }
    if (metric.base.needsLabels && !labelled) throw bad(`checks.${i}.metric`, `${check.metric} needs ground-truth labels but the battery declares no label column`);
    if (metric.base.kind !== 'rate' && metric.base.kind !== 'share' && metric.base.needsScores && battery.data && battery.data.score === undefined) {
      throw bad(`checks.${i}.metric`, `${check.metric} needs scores but the battery's data block declares no score column`);
    }
    if (metric.variant === 'rate' && !check.bounds) throw bad(`checks.${i}.bounds`, `a check on the rate ${check.metric} needs explicit bounds`);
    if (check.bounds && check.bounds[0] > check.bounds[1]) throw bad(`checks.${i}.bounds`, 'low bound above high bound');
    if (check.bounds) {
      const [lo, hi] = check.bounds;
      // A tolerance on the wrong scale (e.g. ratio bounds on a difference) would fail or pass everything.
      if (metric.variant === 'ratio' && !(lo > 0)) throw bad(`checks.${i}.bounds`, `a ratio's tolerance must be positive, e.g. [0.8, 1.25]; got [${lo}, ${hi}]`);
      if (metric.variant !== 'ratio' && metric.base.kind === 'rate' && (lo < -1 || hi > 1)) {
        throw bad(`checks.${i}.bounds`, `${check.metric} is a proportion${metric.variant === 'difference' ? ' difference' : ''} in [${metric.variant === 'difference' ? '-1' : '0'}, 1]; got [${lo}, ${hi}] (ratio bounds on a difference?)`);
      }
    }
  });
  const ids = battery.checks.map((c) => c.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw bad('checks', `check id "${dup}" used twice`);
  const dir = dirname(file);
  const common = {
    file,
    hash,
    modelFile: battery.model ? resolve(dir, battery.model) : null,
    verify: battery.verify ? { ...battery.verify, data: resolve(dir, battery.verify.data), expect: resolve(dir, battery.verify.expect) } : null,
    labelled,
  };
  if (battery.data) return { ...common, battery, populationSpec: null, populationFile: null, models: null, dataFile: resolve(dir, battery.data.file) };
  return {
    ...common,
    battery,
    populationSpec: battery.population.spec !== undefined ? resolve(dir, battery.population.spec) : null,
    populationFile: battery.population.file !== undefined ? resolve(dir, battery.population.file) : null,
    models: battery.models ? { deployed: resolve(dir, battery.models.deployed), candidate: resolve(dir, battery.models.candidate) } : null,
    dataFile: null,
  };
}

/**
 * Reference groups named in a battery, keyed by attribute, with where they were named. When the
 * battery names a reference for every protected attribute and none for their intersection, the
 * intersection's reference is the combination of those groups (e.g. french×none×mid). The key "*"
 * (from `reference: overall`) stands for every attribute and intersection not named.
 */
export function batteryReferences(resolved: ResolvedBattery): Map<string, { group: string; origin: 'battery'; where: string }> {
  const { reference, protected: attributes } = resolved.battery;
  const map = new Map(
    Object.entries(reference).map(([attribute, group]) => [attribute, { group, origin: 'battery' as const, where: `${resolved.file}: reference.${attribute}` }]),
  );
  const intersection = attributes.join(INTERSECTION_SEPARATOR);
  const overall = (a: string) => map.get(a)!.group === OVERALL_KEYWORD;
  // everyone else when every attribute compares with everyone else; a combination of named groups when
  // none does (a cell's complement is not the combination of its attributes' complements)
  if (attributes.length > 1 && !map.has(intersection) && attributes.every((a) => map.has(a)) && (attributes.every(overall) || !attributes.some(overall))) {
    map.set(intersection, {
      group: attributes.every(overall) ? OVERALL_KEYWORD : attributes.map((a) => reference[a]!).join(INTERSECTION_SEPARATOR),
      origin: 'battery',
      where: `${resolved.file}: reference (combined for ${intersection})`,
    });
  }
  return map;
}
