import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Results } from '../../harness/results/index.js';
import { runCli } from './run-cli.js';
import { modulesBehind } from './loaded-modules.js';

/**
 * `--json` and `--formats` render only what is asked: --json alone prints results.json and writes no
 * folder (no chart is rendered); --out or --formats asks for files, and only the named ones are written,
 * results.json always among them. Checked on audit, run, merge and reproduce with exact exit codes.
 */
const dir = mkdtempSync(join(tmpdir(), 'disparate-formats-'));
const cli = (args: readonly string[], cwd = dir) => runCli(args, { cwd });

// Two groups of 5,000 with 1,000 flagged each: the ratio 1.0 is shown inside the four-fifths band, so
// every check passes and the audit exits 0.
const decisions = join(dir, 'decisions.csv');
writeFileSync(decisions, `nat,flag\n${Array.from({ length: 10_000 }, (_, i) => `${i % 2 === 0 ? 'fr' : 'nl'},${Math.floor(i / 2) % 5 === 0 ? 1 : 0}`).join('\n')}\n`);
const AUDIT = ['audit', decisions, '--protected', 'nat', '--flag', 'flag'];

/** A fresh folder to run in, so the default output folder (out/…, relative to it) can be looked for. */
function workdir(name: string): string {
  const w = join(dir, name);
  mkdirSync(w);
  return w;
}
const listing = (folder: string) => readdirSync(folder).sort();
const charts = (names: string[], ext: string) => names.filter((n) => n.endsWith(ext));

describe('audit --json and --formats', () => {
  it('--json alone prints results.json and writes nothing', () => {
    const w = workdir('json-only');
    const r = cli([...AUDIT, '--json'], w);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const results = Results.parse(JSON.parse(r.stdout));
    expect(results.summary.verdict).toBe('pass');
    expect(results.groups.find((g) => g.attribute === 'nat' && g.group === 'fr')?.flagged).toBe(1000);
    expect(listing(w)).toEqual([]);
  });

  it('--json --out DIR writes every format and prints the same results.json it writes', () => {
    const out = join(dir, 'json-out');
    const r = cli([...AUDIT, '--json', '--out', out]);
    expect(r.status).toBe(0);
    const files = listing(out);
    expect(files).toEqual(expect.arrayContaining(['junit.xml', 'report.html', 'report.md', 'results.json']));
    expect(charts(files, '.svg').length).toBeGreaterThan(0);
    expect(charts(files, '.png')).toEqual(charts(files, '.svg').map((n) => n.replace(/\.svg$/, '.png')));
    expect(charts(files, '.vl.json')).toEqual(charts(files, '.svg').map((n) => n.replace(/\.svg$/, '.vl.json')));
    expect(r.stdout).toBe(readFileSync(join(out, 'results.json'), 'utf8'));
  });

  it('--formats json writes results.json only', () => {
    const out = join(dir, 'only-json');
    const r = cli([...AUDIT, '--formats', 'json', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/PASS/);
    expect(listing(out)).toEqual(['results.json']);
    // which files are written is not part of what the results are: the recorded command leaves it out
    expect(Results.parse(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))).manifest.command).toBe(`disparate audit ${decisions} --protected nat --flag flag`);
  });

  it('--formats html,junit writes those and results.json, no chart files (the report holds its charts inline)', () => {
    const out = join(dir, 'html-junit');
    const r = cli([...AUDIT, '--formats', 'html,junit', '--out', out]);
    expect(r.status).toBe(0);
    expect(listing(out)).toEqual(['junit.xml', 'report.html', 'results.json']);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/<svg/);
  });

  it('--formats png writes the PNG charts and results.json, neither SVG nor spec files', () => {
    const out = join(dir, 'png');
    const r = cli([...AUDIT, '--formats', ' PNG ', '--out', out]);
    expect(r.status).toBe(0);
    const files = listing(out);
    expect(files.filter((n) => !n.endsWith('.png'))).toEqual(['results.json']);
    expect(charts(files, '.png').length).toBeGreaterThan(0);
    expect(readFileSync(join(out, charts(files, '.png')[0]!)).subarray(1, 4).toString()).toBe('PNG');
  });

  it('--json --formats md writes them into the default folder and still prints results.json', () => {
    const w = workdir('json-md');
    const r = cli([...AUDIT, '--json', '--formats', 'md'], w);
    expect(r.status).toBe(0);
    expect(listing(join(w, 'out', 'audit-decisions'))).toEqual(['report.md', 'results.json']);
    expect(Results.parse(JSON.parse(r.stdout)).summary.verdict).toBe('pass');
  });

  it('--json --junit FILE writes junit.xml there and no folder', () => {
    const w = workdir('json-junit');
    const r = cli([...AUDIT, '--json', '--junit', 'ci.xml'], w);
    expect(r.status).toBe(0);
    expect(listing(w)).toEqual(['ci.xml']);
    expect(readFileSync(join(w, 'ci.xml'), 'utf8')).toMatch(/^<\?xml[^]*<testsuite[^]*failures="0"/);
    Results.parse(JSON.parse(r.stdout));
  });

  it('--formats json --junit FILE writes junit.xml there, not into the folder', () => {
    const w = workdir('formats-junit');
    expect(cli([...AUDIT, '--formats', 'json', '--junit', 'ci.xml', '--out', 'o'], w).status).toBe(0);
    expect(listing(w)).toEqual(['ci.xml', 'o']);
    expect(listing(join(w, 'o'))).toEqual(['results.json']);
  });

  it('a rerun with --formats json removes the earlier report files', () => {
    const out = join(dir, 'rerun');
    expect(cli([...AUDIT, '--out', out]).status).toBe(0);
    expect(listing(out).length).toBeGreaterThan(4);
    expect(cli([...AUDIT, '--out', out, '--formats', 'json']).status).toBe(0);
    expect(listing(out)).toEqual(['results.json']);
  });

  it('refuses an unknown format before any work: exit 2, one line, nothing written', () => {
    const w = workdir('unknown');
    const r = cli([...AUDIT, '--formats', 'html,pdf'], w);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('disparate: --formats html,pdf: unknown format "pdf" (choose from json, html, md, junit, vl, svg, png, all)\n');
    expect(r.stdout).toBe('');
    expect(listing(w)).toEqual([]);
    const empty = cli([...AUDIT, '--formats', ','], w);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toBe('disparate: --formats: name at least one of json, html, md, junit, vl, svg, png (or all)\n');
  });
});

describe('run, merge, compare and reproduce take the same options', () => {
  const battery = join(dir, 'battery.yaml');
  writeFileSync(
    battery,
    'title: formats\ndata: { file: decisions.csv, flag: flag }\nprotected: [nat]\nreport: { formats: [md, junit] }\n' +
      'checks:\n  - { id: four-fifths, metric: selection_rate_ratio, attribute: nat, bounds: [0.8, 1.25], source: "29 CFR 1607.4(D)" }\n',
  );

  it('run --json writes nothing; run --json --out DIR the battery\'s report.formats; --formats wins over them', () => {
    const w = workdir('run');
    const r = cli(['run', battery, '--json'], w);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(Results.parse(JSON.parse(r.stdout)).manifest.mode).toBeDefined();
    expect(listing(w)).toEqual([]);
    expect(cli(['run', battery, '--json', '--out', 'a'], w).status).toBe(0);
    expect(listing(join(w, 'a'))).toEqual(['junit.xml', 'report.md', 'results.json']);
    expect(cli(['run', battery, '--formats', 'html', '--out', 'b'], w).status).toBe(0);
    expect(listing(join(w, 'b'))).toEqual(['report.html', 'results.json']);
  });

  it('merge --json writes nothing; merge --formats json writes results.json only', () => {
    const w = workdir('merge');
    const half = (name: string, keep: (i: number) => boolean) => {
      const [header, ...rows] = readFileSync(decisions, 'utf8').trimEnd().split('\n');
      const file = join(w, `${name}.csv`);
      writeFileSync(file, `${[header, ...rows.filter((_, i) => keep(i))].join('\n')}\n`);
      expect(cli(['audit', file, '--protected', 'nat', '--flag', 'flag', '--formats', 'json', '--out', join(w, name)], w).status).toBe(0);
      return join(w, name, 'results.json');
    };
    const parts = [half('first', (i) => i < 4000), half('second', (i) => i >= 4000)];
    const before = listing(w);
    const r = cli(['merge', ...parts, '--json'], w);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(Results.parse(JSON.parse(r.stdout)).manifest.rows).toBe(10_000);
    expect(listing(w)).toEqual(before);
    expect(cli(['merge', ...parts, '--formats', 'json'], w).status).toBe(0);
    expect(listing(join(w, 'out', 'merged'))).toEqual(['results.json']);
  });

  it('compare --json writes nothing; compare --formats md,json writes those two', () => {
    const w = workdir('compare');
    const compare = ['compare', join(process.cwd(), 'batteries', 'compare-caf.yaml'), '--size', '3000', '--workers', '1'];
    const r = cli([...compare, '--json'], w);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0); // no established change between the two models at this size
    expect(Results.parse(JSON.parse(r.stdout)).comparison?.verdict).toBe('no established change');
    expect(listing(w)).toEqual([]);
    expect(cli([...compare, '--formats', 'md,json', '--out', 'o'], w).status).toBe(0);
    expect(listing(join(w, 'o'))).toEqual(['report.md', 'results.json']);
  });

  it('reproduce refuses an unknown format before reproducing anything', () => {
    const r = cli(['reproduce', 'no-such-pack', '--formats', 'docx']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('disparate: --formats docx: unknown format "docx" (choose from json, html, md, junit, vl, svg, png, all)\n');
  });

  it('--json alone never loads the chart renderers', () => {
    // A run that wrote charts would have loaded vega; with --json alone the report code is not even needed.
    const w = workdir('lazy');
    const hooks = join(w, '..', 'hooks.mjs');
    const register = join(w, '..', 'register.mjs');
    writeFileSync(hooks, "import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(process.env.LOAD_LOG, r.url + '\\n'); return r; }\n");
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`);
    const log = join(dir, 'loaded.txt');
    const withHook = (args: readonly string[]) => runCli(args, { cwd: w, env: { LOAD_LOG: log, NODE_OPTIONS: `--import ${register}` } });
    writeFileSync(log, '');
    expect(withHook([...AUDIT, '--json']).status).toBe(0);
    const loaded = modulesBehind(readFileSync(log, 'utf8').split('\n').filter(Boolean)).join('\n');
    expect(loaded).toMatch(/dist\/harness\/cli\/emit-results\.js/);
    expect(loaded).not.toMatch(/node_modules\/(vega|vega-lite|@resvg|arquero)\//);
    writeFileSync(log, '');
    expect(withHook([...AUDIT, '--formats', 'svg', '--out', 'svg']).status).toBe(0);
    expect(modulesBehind(readFileSync(log, 'utf8').split('\n').filter(Boolean)).join('\n')).toMatch(/node_modules\/vega\//);
    expect(existsSync(join(w, 'svg', 'results.json'))).toBe(true);
  });
});
