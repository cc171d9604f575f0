import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

/**
 * The output folder holds the previous complete report or the new complete one: stale report files go,
 * the user's own files stay, links planted in it are replaced rather than followed, and a run that
 * cannot write (a folder where junit.xml goes, a full disk, /proc) exits 2 leaving no half report and
 * no temporary folder.
 */
const dir = mkdtempSync(join(tmpdir(), 'disparate-out-'));
const decisions = join(dir, 'decisions.csv');
writeFileSync(decisions, `nat,flag\n${Array.from({ length: 60 }, (_, i) => `fr,${i % 3 === 0 ? 1 : 0}\nnl,${i % 2}`).join('\n')}\n`);
function battery(name: string, formats: string | null): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `title: output folder\ndata: { file: decisions.csv, flag: flag }\nprotected: [nat]\n${formats === null ? '' : `report: { formats: ${formats} }\n`}`);
  return file;
}
const all = battery('all', null);
const mdOnly = battery('md', '[md]');
const withJunit = battery('junit', '[md, junit]');
const run = (file: string, out: string) => runCli(['run', file, '--out', out]);
const listing = (folder: string) => readdirSync(folder).sort();
const contents = (folder: string) => Object.fromEntries(listing(folder).filter((n) => lstatSync(join(folder, n)).isFile()).map((n) => [n, readFileSync(join(folder, n), 'utf8')]));
/** Temporary folders a run left beside (or in) `folder`. */
const leftovers = (parent: string) => readdirSync(parent).filter((n) => n.includes('.disparate-'));

function expectRefused(r: ReturnType<typeof runCli>, message: RegExp) {
  expect(r.status).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
}

describe('output folder', () => {
  it('a rerun with fewer formats removes the earlier report files, and only those', () => {
    const parent = join(dir, 'stale');
    mkdirSync(parent);
    const out = join(parent, 'out');
    expect(run(all, out).status).toBe(1);
    const first = listing(out);
    expect(first).toEqual(expect.arrayContaining(['junit.xml', 'report.html', 'report.md', 'results.json', 'selection-rate-nat.png', 'selection-rate-nat.svg', 'selection-rate-nat.vl.json']));
    // a folder of report files only is replaced whole
    expect(run(mdOnly, out).status).toBe(1);
    expect(listing(out)).toEqual(['report.md', 'results.json']);
    // files of the user's own stay, and so does anything the tool does not name
    expect(run(all, out).status).toBe(1);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    writeFileSync(join(out, 'selection-rate.txt'), 'mine too');
    mkdirSync(join(out, 'drafts'));
    writeFileSync(join(out, 'drafts', 'report.html'), 'draft');
    expect(run(mdOnly, out).status).toBe(1);
    expect(listing(out)).toEqual(['drafts', 'notes.txt', 'report.md', 'results.json', 'selection-rate.txt']);
    expect(readFileSync(join(out, 'drafts', 'report.html'), 'utf8')).toBe('draft');
    expect(leftovers(parent)).toEqual([]);
    expect(leftovers(out)).toEqual([]);
  });

  it('--out . (the working folder) is written file by file, never renamed away from under the shell', () => {
    const out = mkdtempSync(join(dir, 'here-'));
    expect(runCli(['run', all, '--out', '.'], { cwd: out }).status).toBe(1);
    const inode = statSync(out).ino;
    expect(runCli(['run', mdOnly, '--out', '.'], { cwd: out }).status).toBe(1);
    expect(statSync(out).ino).toBe(inode);
    expect(listing(out)).toEqual(['report.md', 'results.json']);
    expect(leftovers(dir)).toEqual([]);
  });

  it.each([['alone', false], ['beside files of the user', true]])('a symbolic link planted in the folder (%s) is replaced, never followed', (_, userFiles) => {
    const parent = mkdtempSync(join(dir, 'link-'));
    const outside = join(parent, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'victim.md'), 'do not overwrite');
    const out = join(parent, 'out');
    expect(run(mdOnly, out).status).toBe(1);
    if (userFiles) writeFileSync(join(out, 'notes.txt'), 'mine');
    for (const name of ['report.md', 'junit.xml']) {
      const path = join(out, name);
      if (existsSync(path)) spawnSync('rm', [path]);
      symlinkSync(join(outside, 'victim.md'), path);
    }
    expect(run(withJunit, out).status).toBe(1);
    expect(readFileSync(join(outside, 'victim.md'), 'utf8')).toBe('do not overwrite');
    expect(lstatSync(join(out, 'report.md')).isFile()).toBe(true);
    expect(lstatSync(join(out, 'junit.xml')).isFile()).toBe(true);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/^# output folder/);
    expect(leftovers(parent)).toEqual([]);
  });

  it('junit.xml\'s path is a folder → exit 2, the previous report untouched, nothing half-written', () => {
    const parent = join(dir, 'junit-dir');
    mkdirSync(parent);
    const out = join(parent, 'out');
    expect(run(mdOnly, out).status).toBe(1);
    mkdirSync(join(out, 'junit.xml'));
    const before = contents(out);
    const r = run(withJunit, out);
    expectRefused(r, /^disparate: --out .*junit-dir\/out: junit\.xml exists and is a folder; the report will not replace it \(remove it or choose another --out\)$/);
    expect(contents(out)).toEqual(before);
    expect(listing(out)).toEqual(['junit.xml', 'report.md', 'results.json']);
    expect(leftovers(parent)).toEqual([]);
  });

  it.each([
    ['/proc/disparate-report', /^disparate: --out \/proc\/disparate-report: cannot create a temporary folder in \/proc \(ENOENT\)$/],
    ['/proc/sys/kernel/disparate/report', /^disparate: --out \/proc\/sys\/kernel\/disparate\/report: cannot create the folder \/proc\/sys\/kernel\/disparate \(ENOENT\)$/],
    ['/dev/null/report', /^disparate: --out \/dev\/null\/report: cannot create the folder \/dev\/null \(ENOTDIR\)$/],
  ])('--out %s fails at once with exit 2', (out, message) => {
    const started = Date.now();
    expectRefused(run(mdOnly, out), message);
    expect(Date.now() - started).toBeLessThan(20_000); // it used to never return
  });

  it('--out naming a file → exit 2, the file untouched', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'keep');
    expectRefused(run(mdOnly, file), /^disparate: --out .*a-file: exists and is not a folder$/);
    expect(readFileSync(file, 'utf8')).toBe('keep');
  });

  it('a temporary folder left by a killed run is swept by the next run', () => {
    const parent = join(dir, 'sweep');
    mkdirSync(parent);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const stale = join(parent, `.out.disparate-${dead}-0123456789ab`);
    mkdirSync(stale);
    writeFileSync(join(stale, 'report.md'), 'half');
    expect(run(mdOnly, join(parent, 'out')).status).toBe(1);
    expect(readdirSync(parent)).toEqual(['out']);
  });

  const canMount = spawnSync('unshare', ['-rm', 'sh', '-c', `mount -t tmpfs -o size=64k tmpfs ${dir}`]).status === 0;
  it.skipIf(!canMount)('a full disk (ENOSPC on a small tmpfs) → exit 2, the previous report intact, no temporary folder', () => {
    const mount = join(dir, 'small-disk');
    mkdirSync(mount);
    const cli = `${process.execPath} ${process.cwd()}/dist/harness/cli/main.js`;
    // the mount exists only inside the namespace: look at the folder from there
    const script = [
      `mount -t tmpfs -o size=96k tmpfs ${mount}`,
      `${cli} run ${mdOnly} --out ${mount}/out >/dev/null; echo "first=$?"`,
      `sha256sum ${mount}/out/* | sed 's/ .*\\// /'`,
      `${cli} run ${all} --out ${mount}/out >/dev/null; echo "second=$?"`,
      `sha256sum ${mount}/out/* | sed 's/ .*\\// /'`,
      `echo "beside: $(ls -A ${mount})"`,
    ].join('\n');
    const r = spawnSync('unshare', ['-rm', 'sh', '-c', script], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC', LANG: 'C', LC_ALL: 'C' } });
    const [first, second] = r.stdout.split(/second=\d+\n/);
    expect(first).toMatch(/^first=1\n/);
    expect(r.stdout).toMatch(/second=2\n/);
    const hashes = first!.replace(/^first=1\n/, '');
    expect(hashes.split('\n').filter(Boolean).map((l) => l.split(' ')[1])).toEqual(['report.md', 'results.json']);
    expect(second).toBe(`${hashes}beside: out\n`);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^disparate: --out .*small-disk\/out: cannot write [a-z-]+\.(png|svg|html|json|md|xml) \(ENOSPC\); the folder holds the previous report, if any$/);
  });
});
