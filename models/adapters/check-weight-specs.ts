import { DisparateError } from '../../harness/errors/index.js';

const BYTES: Record<string, number> = { float32: 4, int32: 4, float16: 2, uint16: 2, int16: 2, uint8: 1, bool: 1 };

/**
 * Checks a tfjs weightsManifest before tfjs sees it: groups with `paths` and `weights`; every weight
 * named, its shape a list of non-negative integers, its dtype (or quantised dtype) a numeric one.
 * Returns the bytes the weights take, for the caller to compare with the weight files. A negative
 * or fractional dimension would otherwise reach tfjs as an allocation it cannot make.
 *
 * @example checkWeightSpecs([{ paths: ['w.bin'], weights: [{ name: 'd/kernel', shape: [3, 1], dtype: 'float32' }] }], 'model.json') // 12
 */
export function checkWeightSpecs(manifest: unknown, jsonPath: string): number {
  const fail = (field: string, what: string): never => {
    throw new DisparateError('model', `${jsonPath}: weightsManifest${field}: ${what}`);
  };
  if (!Array.isArray(manifest)) return fail('', 'not a list of weight groups');
  let bytes = 0;
  manifest.forEach((group: unknown, g) => {
    if (group === null || typeof group !== 'object') fail(`.${g}`, 'not a weight group');
    const { paths, weights } = group as { paths?: unknown; weights?: unknown };
    if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string')) fail(`.${g}.paths`, 'not a list of file names');
    if (!Array.isArray(weights)) return fail(`.${g}.weights`, 'not a list of weights');
    weights.forEach((w: unknown, k) => {
      const at = `.${g}.weights.${k}`;
      if (w === null || typeof w !== 'object') fail(at, 'not a weight');
      const { name, shape, dtype, quantization } = w as { name?: unknown; shape?: unknown; dtype?: unknown; quantization?: { dtype?: unknown } };
      if (typeof name !== 'string') fail(`${at}.name`, 'missing');
      if (!Array.isArray(shape)) return fail(`${at}.shape`, `${JSON.stringify(shape) ?? 'missing'} is not a list of dimensions`);
      const bad = shape.findIndex((d) => !Number.isSafeInteger(d) || (d as number) < 0);
      if (bad >= 0) fail(`${at}.shape`, `dimension ${bad} is ${JSON.stringify(shape[bad])}; dimensions are non-negative integers`);
      const stored = quantization?.dtype ?? dtype;
      const size = typeof stored === 'string' ? BYTES[stored] : undefined;
      if (size === undefined) fail(`${at}.dtype`, `${JSON.stringify(stored) ?? 'missing'} is not a numeric dtype (float32, int32, …)`);
      bytes += size! * (shape as number[]).reduce((a, b) => a * b, 1);
      if (!Number.isSafeInteger(bytes)) fail(`${at}.shape`, 'the weights would take more bytes than can be counted');
    });
  });
  return bytes;
}
