import type { EncodedInput, FeatureName } from '../../harness/config/index.js';
import { DisparateError } from '../../harness/errors/index.js';

/** One encoded feature: a numeric input (level null), a one-hot indicator, or an ordinal code. */
export interface EncodedFeature {
  readonly input: string;
  readonly level: string | null;
}

/** The encoded features of inputs, in order (the same order as {@link featureNames}). */
export function encodedFeatures(inputs: readonly EncodedInput[]): EncodedFeature[] {
  return inputs.flatMap((input): EncodedFeature[] =>
    input.type === 'numeric' || input.encoding === 'ordinal' ? [{ input: input.name, level: null }] : input.levels.filter((l) => l !== input.drop).map((level) => ({ input: input.name, level })),
  );
}

/** How training code spells a feature: `col=value` (ours), `col_value` (pandas.get_dummies, sklearn), `col__value`. */
function spellings(f: EncodedFeature): string[] {
  return f.level === null ? [f.input] : [`${f.input}=${f.level}`, `${f.input}_${f.level}`, `${f.input}__${f.level}`];
}

/**
 * Places a model file's feature names (as its training data named them) on the encoded features:
 * answers, for each named feature in the model's order, the index of the encoded feature it is.
 * A name matches as written or without a sklearn ColumnTransformer prefix (`onehot__`, `num__`,
 * `remainder__`); an explicit {name, input, level} entry matches that input's feature. Every name must match exactly one encoded feature and every encoded feature one
 * name; otherwise a DisparateError('model') lists what is unmatched.
 *
 * @example matchFeatureNames('m.json', 'x.json', [{ input: 'unemployed', level: 'yes' }], ['unemployed_yes']) // [0]
 */
export function matchFeatureNames(file: string, source: string, features: readonly EncodedFeature[], names: readonly FeatureName[]): number[] {
  const bySpelling = new Map<string, number>();
  features.forEach((f, k) => {
    for (const s of spellings(f)) if (!bySpelling.has(s)) bySpelling.set(s, k);
  });
  const used = new Set<number>();
  const unmatched: string[] = [];
  const order = names.map((entry) => {
    let k: number | undefined;
    let name: string;
    if (typeof entry === 'string') {
      name = entry;
      const prefix = name.indexOf('__');
      k = bySpelling.get(name) ?? (prefix > 0 ? bySpelling.get(name.slice(prefix + 2)) : undefined);
    } else {
      name = entry.name;
      const i = features.findIndex((f) => f.input === entry.input && f.level === (entry.level ?? null));
      k = i >= 0 ? i : undefined;
    }
    if (k === undefined || used.has(k)) {
      unmatched.push(`"${name}"`);
      return -1;
    }
    used.add(k);
    return k;
  });
  const unused = features.filter((_, k) => !used.has(k)).map((f) => `"${spellings(f)[0]}"`);
  if (unmatched.length > 0 || unused.length > 0) {
    const parts = [
      unmatched.length > 0 ? `${source}'s features ${unmatched.join(', ')} match no declared input (or match one twice)` : '',
      unused.length > 0 ? `declared features ${unused.join(', ')} are not among ${source}'s ${names.length} features` : '',
    ].filter(Boolean);
    throw new DisparateError('model', `${file}: feature names: ${parts.join('; ')}`);
  }
  return order;
}

/**
 * Reorders a row-major feature matrix from encoded order to a model's order (`order` as returned by
 * {@link matchFeatureNames}); the matrix itself when the orders agree.
 */
export function reorderFeatures(x: Float32Array, rows: number, order: readonly number[]): Float32Array {
  if (order.every((k, j) => k === j)) return x;
  const width = order.length;
  const out = new Float32Array(x.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < width; j++) out[i * width + j] = x[i * width + order[j]!]!;
  return out;
}
