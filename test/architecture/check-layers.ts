import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/**
 * The layer order of the source folders, lowest first. A file may import another folder only when that
 * folder sits in a strictly lower layer, and only through the folder's index.ts; a folder in the same
 * layer or a higher one is out of reach. README "Architecture" states the same table in words: keep the
 * two in step.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['harness/errors', 'harness/stats/rng', 'harness/results', 'datasets/table', 'reports/i18n'],
  ['harness/stats'],
  ['harness/accumulate', 'harness/counterfactual', 'harness/proxies'],
  ['harness/metrics'],
  ['harness/config'],
  ['harness/verdict', 'datasets/synth', 'models/decision', 'models/processes'],
  ['reports/shared'],
  ['reports/specs', 'reports/writers'],
  ['reports'],
  ['datasets/sql'],
  ['datasets/io', 'datasets/engines'],
  ['models/adapters'],
  ['models/explain', 'models/zoo', 'datasets/packs'],
  ['harness/scoring'],
  ['harness/findings'],
  ['harness/audit'],
  ['harness/pipeline'],
  ['harness/merge'],
  ['harness/compare'],
  ['harness/api'],
  ['harness/cli'],
];

/** The source roots the rules cover. */
export const ROOTS = ['harness', 'datasets', 'models', 'reports'] as const;

export interface SourceFile {
  /** Path relative to the repository root, with forward slashes (e.g. `harness/metrics/registry.ts`). */
  readonly path: string;
  readonly text: string;
}

export interface Violation {
  readonly file: string;
  readonly specifier: string;
  readonly rule: 'unplaced folder' | 'layer order' | 'index bypass';
  readonly message: string;
}

const layerOf = new Map(LAYERS.flatMap((units, layer) => units.map((unit) => [unit, layer] as const)));
/** Longest first, so that `reports/shared` wins over `reports`. */
const units = [...layerOf.keys()].sort((a, b) => b.length - a.length);

/** The folder (from the table) that owns a file, or null when no listed folder does. */
export function unitOf(path: string): string | null {
  return units.find((unit) => path.startsWith(`${unit}/`)) ?? null;
}

/** Every module specifier a file names: static imports and re-exports (types too) and `import('…')` calls. */
export function importsOf(file: SourceFile): string[] {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) found.push(arg.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Checks every relative import of the given files against the layer order and the index rule. */
/**
 * Imports allowed past a folder's index, each with its reason. The model adapters' index re-exports the
 * tfjs adapter, whose declarations pull @tensorflow/tfjs's types (which do not type-check under
 * skipLibCheck: false) into every library user's compilation once a public type reaches that index;
 * the library's public types take the adapter type from its own module instead (test/package checks it).
 */
export const INDEX_BYPASS_ALLOWED: ReadonlySet<string> = new Set(['harness/pipeline/verify-model.ts → ../../models/adapters/model-adapter.js']);

export function checkLayers(files: readonly SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  const unplaced = new Set<string>();
  for (const file of files) {
    const from = unitOf(file.path);
    if (from === null) {
      const folder = posix.dirname(file.path);
      if (!unplaced.has(folder)) {
        unplaced.add(folder);
        violations.push({ file: file.path, specifier: '', rule: 'unplaced folder', message: `${file.path}: its folder ${folder} is in no layer; add it to the layer table (test/architecture/check-layers.ts and README "Architecture")` });
      }
      continue;
    }
    for (const specifier of importsOf(file)) {
      if (!specifier.startsWith('.')) continue;
      const target = posix.normalize(posix.join(posix.dirname(file.path), specifier));
      const to = unitOf(target);
      if (to === from) continue;
      if (to === null) {
        violations.push({ file: file.path, specifier, rule: 'unplaced folder', message: `${file.path}: imports '${specifier}' (${target}), which lies in no layer` });
        continue;
      }
      const fromLayer = layerOf.get(from)!;
      const toLayer = layerOf.get(to)!;
      if (toLayer >= fromLayer) {
        const how = toLayer === fromLayer ? 'a folder of the same layer' : 'a higher layer';
        violations.push({ file: file.path, specifier, rule: 'layer order', message: `${file.path}: imports '${specifier}': ${from} (layer ${fromLayer + 1}) may not import ${to} (layer ${toLayer + 1}), ${how}` });
      }
      if (target !== `${to}/index.js` && !INDEX_BYPASS_ALLOWED.has(`${file.path} → ${specifier}`)) {
        violations.push({ file: file.path, specifier, rule: 'index bypass', message: `${file.path}: imports '${specifier}' past ${to}/index.ts; import it from the folder's index (export it there if it is missing)` });
      }
    }
  }
  return violations;
}

/** The TypeScript sources under the roots, read from a repository folder. */
export function readSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const full = join(folder, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) files.push({ path: relative(root, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  for (const r of ROOTS) walk(join(root, r));
  return files;
}

/** The repository root, seen from this file. */
export const REPO_ROOT = join(dirname(new URL(import.meta.url).pathname), '..', '..');
