import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The package as an agency installs it: `npm pack`, the tarball installed into an empty project,
 * the library imported from a TypeScript file that tsc type-checks, the default battery run through
 * it, and the `disparate` binary run with npx. Dependencies come from npm's cache when they are there.
 */
const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'disparate-packed-'));
const npm = (args: readonly string[], cwd: string) =>
  spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 300_000, env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
let tarball = '';
let listed: string[] = [];

beforeAll(() => {
  // dist/ is already built by `npm test`'s pretest: pack what is there.
  const packed = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], root);
  expect(packed.status, packed.stderr).toBe(0);
  const info = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(dir, info[0]!.filename);
  listed = info[0]!.files.map((f) => f.path);
  const project = join(dir, 'agency');
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'agency-check', private: true, type: 'module' }));
  const installed = npm(['install', '--prefer-offline', '--no-save', '--omit=optional', tarball, `@types/node@${readDevVersion('@types/node')}`], project);
  expect(installed.status, installed.stderr).toBe(0);
}, 600_000);

function readDevVersion(name: string): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  return pkg.devDependencies[name]!;
}

describe('the packed package', () => {
  it('holds the library, the CLI, the bundled batteries, packs, models and schemas, and no tests, benches or CI files', () => {
    for (const f of ['dist/harness/api/index.js', 'dist/harness/api/index.d.ts', 'dist/harness/cli/main.js', 'batteries/default.yaml', 'harness/config/battery.schema.json', 'harness/results/results.schema.json', 'LICENSE', 'README.md']) {
      expect(listed, f).toContain(f);
    }
    expect(listed.some((f) => f.startsWith('datasets/packs/sweden-fk/'))).toBe(true);
    expect(listed.some((f) => f.startsWith('models/zoo/caf-like/'))).toBe(true);
    expect(listed.filter((f) => /^(test|bench|\.ci)\/|^dist\/(test|bench)\/|\.map$|\.test\.[jt]s$/.test(f))).toEqual([]);
  });

  it('type-checks a TypeScript file that imports the API, and runs the default battery through it', () => {
    const project = join(dir, 'agency');
    writeFileSync(
      join(project, 'check.ts'),
      [
        "import { run, exitStatus, Results, METRIC_IDS, type CheckResult } from 'disparate';",
        "const results: Results = await run('node_modules/disparate/batteries/default.yaml', { size: 20_000, workers: 1 });",
        'const failing: CheckResult[] = results.checks.filter((c) => c.verdict === "fail");',
        'Results.parse(results);',
        'console.log(JSON.stringify({ verdict: results.summary.verdict, exit: exitStatus(results.summary, "fail"), failing: failing.length, rule: results.summary.rule, metrics: METRIC_IDS.length }));',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: false, outDir: 'out', skipLibCheck: false, types: ['node'] }, files: ['check.ts'] }),
    );
    const tsc = spawnSync(process.execPath, [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd: project, encoding: 'utf8', timeout: 300_000 });
    expect(tsc.status, `${tsc.stdout}${tsc.stderr}`).toBe(0);
    const ran = spawnSync(process.execPath, [join(project, 'out/check.js')], { cwd: project, encoding: 'utf8', timeout: 300_000, env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' } });
    expect(ran.status, ran.stderr).toBe(0);
    const out = JSON.parse(ran.stdout.trim().split('\n').pop()!) as { verdict: string; exit: number; failing: number; rule: { method: string }; metrics: number };
    expect(out.verdict).toBe('fail');
    expect(out.exit).toBe(1);
    expect(out.failing).toBeGreaterThan(0);
    expect(out.rule.method).toBe('bonferroni');
    expect(out.metrics).toBeGreaterThan(20);
  }, 300_000);

  it('exports the JSON Schemas for editors', () => {
    const project = join(dir, 'agency');
    const ran = spawnSync(process.execPath, ['--input-type=module', '-e', "import { createRequire } from 'node:module'; const r = createRequire(import.meta.url); console.log(Object.keys(r('disparate/schemas/battery.schema.json').properties).join(','));"], { cwd: project, encoding: 'utf8' });
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stdout).toContain('checks');
  });

  it('npx disparate list names the bundled batteries', () => {
    const project = join(dir, 'agency');
    const listedBatteries = spawnSync('npx', ['--no-install', 'disparate', 'list'], { cwd: project, encoding: 'utf8', timeout: 120_000 });
    expect(listedBatteries.status, listedBatteries.stderr).toBe(0);
    expect(listedBatteries.stdout).toContain('default');
    expect(existsSync(join(project, 'node_modules/disparate/dist/harness/api/index.d.ts'))).toBe(true);
    expect(readdirSync(join(project, 'node_modules/disparate')).sort()).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'batteries', 'dist', 'package.json']));
  });
});
