import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ModelFile, describeIssue, parseJson, readText, restoreProtoKeys, shieldProtoKeys, unshield } from '../../harness/config/index.js';
import { checkModelFile } from './check-model-file.js';
import { DisparateError } from '../../harness/errors/index.js';
import { expressionNames, parseArithmetic } from './arithmetic.js';
import { additiveAdapter } from './additive.js';
import { commandAdapter } from './command.js';
import { commandArtifacts } from './command-artifacts.js';
import { httpAdapter } from './http.js';
import { logisticAdapter } from './logistic.js';
import { onnxAdapter } from './onnx.js';
import type { AnyModelAdapter, ModelAdapter, ModelMeta } from './model-adapter.js';
import { parseXgboostForest } from './parse-xgboost-forest.js';
import { scorecardAdapter } from './scorecard.js';
import { scoresAdapter } from './scores.js';
import { tfjsAdapter } from './tfjs.js';
import { treesAdapter } from './trees.js';

/** Reads a file a model file refers to (path relative to the model file), as a model error when it cannot. */
export function readModelAsset(file: string, relative: string, field: string): { path: string; bytes: Buffer } {
  const path = resolve(dirname(file), relative);
  try {
    return { path, bytes: readFileSync(path) };
  } catch (e) {
    throw new DisparateError('model', `${file}: ${field}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

/**
 * Loads a model file (JSON) of any kind and returns its adapter: synchronous scoring for logistic,
 * linear, scorecard, trees and scores; asynchronous for tfjs, command and http (see
 * {@link bindAsync}). Any problem is a DisparateError('model') naming the file and the field.
 * Nothing is spawned or fetched here: black boxes are contacted when they first score.
 *
 * @example const model = loadAnyModel('models/zoo/duo/model.json'); await bindAsync(model, table)(0, table.n)
 */
export function loadAnyModel(file: string): AnyModelAdapter {
  const text = readText(file, 'model');
  const raw = parseJson(text, file, 'model');
  const parsed = ModelFile.safeParse(shieldProtoKeys(raw));
  if (!parsed.success) throw new DisparateError('model', `${file}: ${unshield(describeIssue(parsed.error))}`);
  const model = restoreProtoKeys(parsed.data);
  checkModelFile(model, file);
  const hash = createHash('sha256').update(text);
  const artifacts: string[] = [];
  const warnings: { code: string; message: string }[] = [];
  /** Hashes a file the model reads and records it; call before meta(). */
  const read = (relative: string, field: string): { path: string; bytes: Buffer } => {
    const asset = readModelAsset(file, relative, field);
    hash.update(asset.bytes);
    artifacts.push(asset.path);
    return asset;
  };
  const meta = (): ModelMeta => ({
    kind: model.kind,
    name: model.name,
    source: model.source ?? null,
    file,
    hash: `sha256:${hash.digest('hex')}`,
    ...(artifacts.length > 0 ? { artifacts } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  });
  switch (model.kind) {
    case 'logistic':
    case 'linear':
      return logisticAdapter(model, meta());
    case 'scorecard': {
      let combine;
      try {
        combine = parseArithmetic(model.combine);
      } catch (e) {
        throw new DisparateError('model', `${file}: combine: ${(e as Error).message}`);
      }
      const unknown = expressionNames(combine).filter((n) => !Object.hasOwn(model.tables, n));
      if (unknown.length > 0) throw new DisparateError('model', `${file}: combine: unknown table ${unknown.join(', ')}`);
      for (const [name, table] of Object.entries(model.tables)) {
        for (const input of table.inputs) {
          if (!Object.hasOwn(model.levels, input)) throw new DisparateError('model', `${file}: tables.${name}.inputs: "${input}" has no entry in levels`);
        }
      }
      return scorecardAdapter(model, meta(), combine);
    }
    case 'trees': {
      const asset = read(model.file, 'file');
      const xgb = parseJson(asset.bytes.toString('utf8'), asset.path, 'model');
      return treesAdapter(model, meta(), parseXgboostForest(xgb, asset.path));
    }
    case 'scores': {
      const asset = read(model.file, 'file');
      return scoresAdapter(model, meta(), asset.path);
    }
    case 'additive':
      return additiveAdapter(model, meta());
    case 'onnx': {
      const asset = read(model.file, 'file');
      return onnxAdapter(model, meta(), asset.bytes);
    }
    case 'tfjs':
      return tfjsAdapter(model, file, meta, resolve(dirname(file), model.path), (path) => read(path, 'path'));
    case 'command': {
      const { code, listed } = commandArtifacts(model, file);
      code.forEach((path) => read(path, 'command'));
      listed.forEach((path, i) => read(path, `artifacts.${i}`));
      if (listed.length === 0) {
        warnings.push({
          code: 'model_artifacts_undeclared',
          message: `${file}: the command model lists no artifacts: the model hash covers the descriptor${code.length > 0 ? ' and the script' : ''} only, so replacing the weights or pickle it loads would go unnoticed; list them under artifacts`,
        });
      }
      return commandAdapter(model, meta(), dirname(resolve(file)));
    }
    case 'http':
      // The service cannot be hashed from here; the copies of its files the auditor was given can.
      model.artifacts.forEach((path, i) => read(path, `artifacts.${i}`));
      return httpAdapter(model, meta());
  }
}

/**
 * Loads a model that scores synchronously (logistic, linear, scorecard, trees, scores). A tfjs,
 * command or http model is refused with a message pointing at {@link loadAnyModel}.
 */
export function loadModel(file: string): ModelAdapter {
  const model = loadAnyModel(file);
  if (model.async) throw new DisparateError('model', `${file}: kind "${model.meta.kind}" scores asynchronously; this caller needs loadAnyModel and bindAsync`);
  return model;
}
