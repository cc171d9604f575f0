import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLayers, importsOf, LAYERS, readSources, REPO_ROOT, unitOf, type SourceFile } from './check-layers.js';

const sources = readSources(REPO_ROOT);

/** The real sources with one file's text extended by `line`. */
function planted(path: string, line: string): SourceFile[] {
  expect(sources.some((f) => f.path === path)).toBe(true);
  return sources.map((f) => (f.path === path ? { path, text: `${f.text}\n${line}\n` } : f));
}

describe('the layer order and the index rule', () => {
  it('hold for every import of harness/, datasets/, models/ and reports/', () => {
    expect(sources.length).toBeGreaterThan(300);
    expect(checkLayers(sources).map((v) => v.message)).toEqual([]);
  });

  it('name only folders that exist, each once', () => {
    const all = LAYERS.flat();
    expect(new Set(all).size).toBe(all.length);
    for (const unit of all) expect(sources.some((f) => unitOf(f.path) === unit), unit).toBe(true);
  });

  it('are the table README "Architecture" states', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Architecture'));
    const rows = [...section.matchAll(/^\| (\d+) \|[^|]*\|([^|]*)\|/gm)].map((m) => [...m[2]!.matchAll(/`([^`]+)\/`/g)].map((n) => n[1]));
    expect(rows).toEqual(LAYERS.map((units) => [...units]));
  });
});

describe('a planted bad import fails the check, naming the file and the import', () => {
  it('a lower layer importing a higher one (metrics reaching into the pipeline)', () => {
    const violations = checkLayers(planted('harness/metrics/registry.ts', "import { runPopulation } from '../pipeline/index.js';"));
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ file: 'harness/metrics/registry.ts', specifier: '../pipeline/index.js', rule: 'layer order' });
    expect(violations[0]!.message).toBe("harness/metrics/registry.ts: imports '../pipeline/index.js': harness/metrics (layer 4) may not import harness/pipeline (layer 17), a higher layer");
  });

  it('two folders of the same layer importing each other', () => {
    const violations = checkLayers(planted('harness/accumulate/cell-counts.ts', "import type { ExactSum } from '../counterfactual/index.js';"));
    expect(violations.map((v) => [v.file, v.specifier, v.rule])).toEqual([['harness/accumulate/cell-counts.ts', '../counterfactual/index.js', 'layer order']]);
  });

  it('an import past a folder index, static or dynamic', () => {
    const violations = checkLayers(planted('harness/cli/run.ts', "const lazy = () => import('../findings/compute-verdicts.js');"));
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ file: 'harness/cli/run.ts', specifier: '../findings/compute-verdicts.js', rule: 'index bypass' });
    expect(violations[0]!.message).toContain('past harness/findings/index.ts');
  });

  it('a file in a folder the table does not place', () => {
    const violations = checkLayers([...sources, { path: 'harness/newjob/do-it.ts', text: "import { DisparateError } from '../errors/index.js';\n" }]);
    expect(violations.map((v) => [v.file, v.rule])).toEqual([['harness/newjob/do-it.ts', 'unplaced folder']]);
  });

  it('in a copy of the sources on disk', () => {
    const root = mkdtempSync(join(tmpdir(), 'disparate-layers-'));
    for (const f of sources) {
      mkdirSync(join(root, dirname(f.path)), { recursive: true });
      copyFileSync(join(REPO_ROOT, f.path), join(root, f.path));
    }
    expect(checkLayers(readSources(root))).toEqual([]);
    const file = join(root, 'reports/specs/index.ts');
    writeFileSync(file, `export type { Analysis } from '../../harness/findings/index.js';\n${readFileSync(file, 'utf8')}`);
    const violations = checkLayers(readSources(root));
    expect(violations.map((v) => v.message)).toEqual([
      "reports/specs/index.ts: imports '../../harness/findings/index.js': reports/specs (layer 8) may not import harness/findings (layer 15), a higher layer",
    ]);
  });
});

describe('importsOf', () => {
  it('reads static, type-only, re-export, dynamic and import-type specifiers, not strings or comments', () => {
    const text = [
      "import a from './a.js';",
      "import type { B } from './b.js';",
      "export { c } from './c.js';",
      "export * from './d.js';",
      "const e = await import('./e.js');",
      "let f: import('./f.js').F;",
      "const g = './g.js'; // import('./h.js')",
      "const url = new URL('./worker.js', import.meta.url);",
    ].join('\n');
    expect(importsOf({ path: 'x.ts', text })).toEqual(['./a.js', './b.js', './c.js', './d.js', './e.js', './f.js']);
  });
});
