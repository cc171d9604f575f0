import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { modulesBehind } from './loaded-modules.js';

/**
 * `disparate --help` and a usage error load the command table and yargs, nothing else: every command's
 * module is imported only when that command runs (harness/cli/commands.ts). The modules are recorded by
 * module-resolution hooks (node:module register, and require's resolver for CommonJS), so this fails whatever the machine's speed;
 * the time itself is measured by `npm run bench`.
 */
function loadedBy(args: readonly string[]): { status: number | null; modules: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'disparate-help-loads-'));
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(hooks, "export async function resolve(spec, ctx, next) { const r = await next(spec, ctx); process.stderr.write('LOADED ' + r.url + '\\n'); return r; }\n");
  const register = join(dir, 'register.mjs');
  // CommonJS packages required through createRequire (the engine's API) bypass the ES hook: their
  // file names are recorded where require resolves them.
  writeFileSync(
    register,
    `import Module, { register } from 'node:module';\nimport { pathToFileURL } from 'node:url';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n` +
      "const resolve = Module._resolveFilename;\nModule._resolveFilename = function (...args) { const f = resolve.apply(this, args); if (f.startsWith('/')) process.stderr.write('LOADED ' + pathToFileURL(f).href + '\\n'); return f; };\n",
  );
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, 'dist/harness/cli/main.js', ...args], { encoding: 'utf8' });
  const modules = modulesBehind([...r.stderr.matchAll(/^LOADED (.*)$/gm)].map((m) => m[1]!));
  return { status: r.status, modules };
}

/** The package (node_modules/<name>) or source folder (dist/<root>/<folder>) a module URL belongs to. */
function ownerOf(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/dist\/([^/]+\/[^/]+)\//.exec(url);
  return own ? own[1]! : url;
}

describe('the command line before a command runs', () => {
  let help: ReturnType<typeof loadedBy>;
  let usage: ReturnType<typeof loadedBy>;
  let run: ReturnType<typeof loadedBy>;
  let audit: ReturnType<typeof loadedBy>;
  beforeAll(() => {
    audit = loadedBy(['audit', 'no-such-file.csv', '--protected', 'group', '--flag', 'flagged']);
    help = loadedBy(['--help']);
    usage = loadedBy(['no-such-command']);
    run = loadedBy(['run', 'no-such-battery.yaml']);
  });

  it('--help loads yargs, the command table and its small helpers: no pipeline, zod, arquero, hyparquet or vega', () => {
    expect(help.status).toBe(0);
    const owners = new Set(help.modules.filter((u) => u.startsWith('file:')).map(ownerOf));
    const ours = [...owners].filter((o) => /^(harness|datasets|models|reports)\//.test(o)).sort();
    expect(ours).toEqual(['harness/cli', 'harness/errors', 'models/processes']);
    for (const heavy of ['zod', 'arquero', 'hyparquet', 'vega', 'vega-lite', 'yaml', '@duckdb/node-api', '@duckdb/node-bindings', '@tensorflow/tfjs', 'onnxruntime-node']) expect(owners.has(heavy), heavy).toBe(false);
    // nor the packages the build joins into one file each (harness/cli/bundle.ts)
    expect(help.modules.filter((u) => /\/(stdlib|duckdb-api|yaml)\.cjs$/.test(u))).toEqual([]);
    const files = help.modules.filter((u) => u.includes('/dist/harness/cli/')).map((u) => u.replace(/^.*\/dist\/harness\/cli\//, '')).sort();
    expect(files).not.toContain('run.js');
    expect(files).not.toContain('audit.js');
  });

  it('a usage error loads no more than --help', () => {
    expect(usage.status).toBe(2);
    const extra = new Set(usage.modules.map(ownerOf));
    for (const o of new Set(help.modules.map(ownerOf))) extra.delete(o);
    expect([...extra].filter((o) => !o.startsWith('node:'))).toEqual([]);
  });

  it('running a command loads its module (the check above can see a handler being loaded)', () => {
    expect(run.status).toBe(2);
    expect(run.modules.some((u) => u.endsWith('/dist/harness/cli/run.js'))).toBe(true);
    expect(new Set(run.modules.map(ownerOf)).has('zod')).toBe(true);
  });

  it('an audit loads the engine, required as CommonJS (the checks above can see it)', () => {
    expect(audit.status).toBe(2);
    // its native bindings from their package; its API from the file the build joined it into, or the package
    expect(new Set(audit.modules.map(ownerOf)).has('@duckdb/node-bindings')).toBe(true);
    expect(audit.modules.some((u) => /\/duckdb-api\.cjs$/.test(u) || ownerOf(u) === '@duckdb/node-api')).toBe(true);
  });
});
