import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dictionary, float64, int32, list, tableFromArrays, tableToIPC, utf8 } from '@uwdata/flechette';
import { beforeAll, describe, expect, it } from 'vitest';
import { aggregateDecisions, type DecisionRoles } from '../../datasets/sql/index.js';
import { runCli } from '../cli/run-cli.js';
import { expectBadInputAsync } from './expect-error.js';

// Hostile Arrow IPC decisions: bytes that are not Arrow, files cut short, columns missing or of a type
// the audit does not read, a glob whose files disagree. Each is a one-line data error naming the file
// (and the column), exit 2; a column the audit does not use may be of any type.

let dir: string;
const roles: DecisionRoles = { protected: ['nat'], flag: 'flag' };
const columns = { nat: ['fr', 'nl', 'fr', 'nl'], flag: Int32Array.of(1, 0, 0, 1), score: Float64Array.of(0.1, 0.5, 0.2, 0.9) };
const arrow = (data: Parameters<typeof tableFromArrays>[0], format: 'file' | 'stream' = 'file', types: Record<string, never> = {}) => tableToIPC(tableFromArrays(data, { types }), { format })!;

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const audit = (path: string, r: DecisionRoles = roles) => () => aggregateDecisions(path, r);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'disparate-hostile-arrow-'));
});

describe('bytes that are not a whole Arrow IPC file are refused naming the file', () => {
  it('a CSV named .arrow', async () => {
    const path = file('csv.arrow', 'nat,flag\nfr,1\n');
    await expectBadInputAsync(audit(path), 'data', new RegExp(`^${path}: not an Arrow IPC file, or truncated \\(`));
  });

  it('an empty file', async () => {
    const path = file('empty.feather', new Uint8Array(0));
    await expectBadInputAsync(audit(path), 'data', `${path}: empty file (not an Arrow IPC file)`);
  });

  it('the file format cut before its footer', async () => {
    const bytes = arrow(columns, 'file');
    const path = file('cut.arrow', bytes.subarray(0, bytes.length - 40));
    await expectBadInputAsync(audit(path), 'data', `${path}: truncated Arrow IPC file (the footer and closing "ARROW1" are missing)`);
  });

  it('the stream format cut inside a record batch', async () => {
    const bytes = arrow(columns, 'stream');
    const path = file('cut.arrows', bytes.subarray(0, bytes.length - 20));
    await expectBadInputAsync(audit(path), 'data', new RegExp(`^${path}: not an Arrow IPC file, or truncated \\(Expected to read \\d+ bytes for message body, but only read \\d+\\.\\)$`));
  });

  it('Feather version 1 (not Arrow IPC) is named for what it is', async () => {
    const path = file('old.feather', Buffer.concat([Buffer.from('FEA1'), Buffer.alloc(16)]));
    await expectBadInputAsync(audit(path), 'data', `${path}: Feather version 1, which predates Arrow IPC; re-save it as Feather version 2 (pyarrow.feather.write_feather, version=2, compression="uncompressed")`);
  });

  it('a gzipped Arrow file is named for what it is', async () => {
    const path = file('d.arrow.gz', new Uint8Array([0x1f, 0x8b]));
    await expectBadInputAsync(audit(path), 'data', `${path}: a gzipped Arrow IPC file is not read; decompress it first (Arrow IPC is read in place, without a copy)`);
  });
});

describe('columns', () => {
  it('a missing column has the message of every other format', async () => {
    const path = file('no-nat.arrow', arrow({ flag: columns.flag, score: columns.score }));
    await expectBadInputAsync(audit(path), 'data', `${path}: protected column "nat" not found (columns: flag, score)`);
  });

  it('a used column of a type the audit does not read names the column and its type; unused, it is no obstacle', async () => {
    const path = file('list.arrow', arrow({ ...columns, tags: [[1], [2], [], [3]] }, 'file', { tags: list(int32()) as never }));
    await expectBadInputAsync(audit(path, { protected: ['tags'], flag: 'flag' }), 'data', `${path}: column "tags" is of Arrow type List, which the audit does not read (text, numbers and booleans only)`);
    await expectBadInputAsync(audit(path, { protected: ['nat'], flag: 'flag', where: 'tags IS NOT NULL' }), 'data', /: column "tags" is of Arrow type List/);
    const { cells } = await aggregateDecisions(path, roles);
    expect(cells.columns).toContain('row_count');
  });

  it('a column named twice in the schema is refused when used', async () => {
    const bytes = arrow({ nat: columns.nat, flag: columns.flag, flah: Int32Array.of(0, 0, 0, 0) });
    // Rename the third field in place, in the schema message and the footer's copy: same length, so the schema stays valid.
    const copy = Buffer.from(bytes);
    for (let i = copy.indexOf('flah'); i >= 0; i = copy.indexOf('flah', i + 1)) copy[i + 3] = 'g'.charCodeAt(0);
    const path = file('twice.arrow', copy);
    await expectBadInputAsync(audit(path), 'data', `${path}: column "flag" appears more than once in the header; rename one of them`);
  });

  it('a glob whose second file lacks a used column, or types it otherwise, names that file', async () => {
    mkdirSync(join(dir, 'g1'));
    file('g1/a.arrow', arrow(columns));
    const b = file('g1/b.arrow', arrow({ flag: columns.flag, score: columns.score }));
    await expectBadInputAsync(audit(join(dir, 'g1/*.arrow')), 'data', `${b}: column "nat" not found (columns: flag, score)`);
    mkdirSync(join(dir, 'g2'));
    file('g2/a.arrow', arrow(columns));
    const c = file('g2/c.arrow', arrow({ ...columns, flag: ['1', '0', '0', '1'] }, 'file', { flag: utf8() as never }));
    await expectBadInputAsync(audit(join(dir, 'g2/*.arrow')), 'data', `${c}: column "flag" is of Arrow type Utf8 here, unlike in ${join(dir, 'g2/a.arrow')}; give it one type in every file`);
  });

  it('a glob whose second file is not Arrow names that file (the files are decoded in turn)', async () => {
    mkdirSync(join(dir, 'g3'));
    file('g3/a.arrow', arrow(columns));
    const b = file('g3/b.arrow', 'nat,flag\nfr,1\n');
    await expectBadInputAsync(audit(join(dir, 'g3/*.arrow')), 'data', new RegExp(`^${b}: not an Arrow IPC file, or truncated \\(`));
  });

  it('a glob that matches no file', async () => {
    const path = join(dir, 'none/*.arrow');
    await expectBadInputAsync(audit(path), 'data', `${path}: no file matches`);
  });
});

describe('through the CLI', () => {
  it('exit 2, one line on stderr, nothing on stdout', () => {
    file('cli.ipc', arrow({ flag: columns.flag, score: columns.score }, 'stream', { score: float64() as never }));
    const r = runCli(['audit', 'cli.ipc', '--protected', 'nat', '--flag', 'flag', '--out', 'o'], { cwd: dir });
    expect(r.stderr).toBe('disparate: cli.ipc: protected column "nat" not found (columns: flag, score)\n');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });
});

describe('text', () => {
  it('bytes that are not UTF-8 in a string column (plain or dictionary-encoded) are refused naming the row', async () => {
    const copy = Buffer.from(arrow({ nat: ['fr', 'qq', 'fr', 'qq'], flag: columns.flag }, 'file', { nat: utf8() as never }));
    for (let i = copy.indexOf('qq'); i >= 0; i = copy.indexOf('qq', i + 1)) copy[i + 1] = 0xff;
    const path = file('latin.arrow', copy);
    const message = (f: string) => `${f}: column "nat" holds bytes that are not UTF-8 at row 2 (Arrow strings are UTF-8; the writer decoded or encoded them wrongly)`;
    await expectBadInputAsync(audit(path), 'data', message(path));
    const dict = Buffer.from(arrow({ nat: ['fr', 'qq', 'fr', 'qq'], flag: columns.flag }, 'stream', { nat: dictionary(utf8()) as never }));
    for (let i = dict.indexOf('qq'); i >= 0; i = dict.indexOf('qq', i + 1)) dict[i + 1] = 0xff;
    const dictPath = file('latin-dict.arrows', dict);
    await expectBadInputAsync(audit(dictPath), 'data', message(dictPath));
  });
});
