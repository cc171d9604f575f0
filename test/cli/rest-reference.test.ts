import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Results } from '../../harness/results/index.js';
import { buildReport } from '../../reports/index.js';
import { runCli } from './run-cli.js';

/**
 * `--reference nat=overall`: each group against everyone else. Counts (by hand):
 *   a: 100 flagged of 1,000   rest (b + c):  50 of 1,000
 *   b:  20 flagged of   500   rest (a + c): 130 of 1,500
 *   c:  30 flagged of   500   rest (a + b): 120 of 1,500
 * Ratios 2, 0.4615, 0.75. Katz log interval (every count ≥ 5), se = √(1/x1 − 1/n1 + 1/x0 − 1/n0):
 *   a: √(1/100 − 1/1000 + 1/50 − 1/1000) = 0.16733, 95 % 1.4408–2.7763
 *   b: √(1/20 − 1/500 + 1/130 − 1/1500) = 0.23458, 95 % 0.2914–0.7309
 *   c: √(1/30 − 1/500 + 1/120 − 1/1500) = 0.19748, 95 % 0.5093–1.1045
 * The family: one check on three rows, Bonferroni, so every interval at 1 − 0.05/3, z = 2.39398:
 *   a 1.3399–2.9854 (fail: above 1.25), b 0.2632–0.8093 (inconclusive: it reaches into [0.8, 1.25],
 *   though at 95 % alone it would fail), c 0.4675–1.2033 (inconclusive).
 * Overall: 150 of 2,000 = 7.5 %, Wilson 95 % 6.425–8.738 %.
 */
const dir = mkdtempSync(join(tmpdir(), 'rest-reference-'));
let run: ReturnType<typeof runCli>;
let results: Results;

beforeAll(() => {
  writeFileSync(`${dir}/d.csv`, 'nat,flagged,count\na,1,100\na,0,900\nb,1,20\nb,0,480\nc,1,30\nc,0,470\n');
  run = runCli(['audit', `${dir}/d.csv`, '--protected', 'nat', '--flag', 'flagged', '--count', 'count', '--reference', 'nat=overall', '--out', `${dir}/out`]);
  results = Results.parse(JSON.parse(readFileSync(`${dir}/out/results.json`, 'utf8')));
}, 120_000);

const group = (g: string) => results.groups.find((x) => x.attribute === 'nat' && x.group === g)!;

describe('reference overall: each group against everyone else', () => {
  it('exits 1 (a check fails) and records the reference as "(rest)"', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(results.manifest.references['nat']).toEqual({ group: '(rest)', origin: 'cli' });
    expect(results.groups.every((g) => !g.is_reference)).toBe(true);
    expect(group('a').metrics['selection_rate_ratio']!.reference).toBe('(rest)');
  });

  it('records the complement of each group and compares with it, by hand', () => {
    expect(group('a').rest).toEqual({ n: 1000, flagged: 50, tp: null, fp: null, tn: null, fn: null, labelled: 0 });
    expect(group('b').rest).toMatchObject({ n: 1500, flagged: 130 });
    expect(group('c').rest).toMatchObject({ n: 1500, flagged: 120 });
    const expected: [string, number, number, number][] = [
      ['a', 2, 1.44078, 2.77628],
      ['b', 20 / 500 / (130 / 1500), 0.29143, 0.73094],
      ['c', 0.75, 0.50929, 1.10449],
    ];
    for (const [g, value, lo, hi] of expected) {
      const m = group(g).metrics['selection_rate_ratio']!;
      expect(m.value, g).toBeCloseTo(value, 12);
      expect(m.method, g).toBe('katz-log');
      expect(m.ci![0], g).toBeCloseTo(lo, 4);
      expect(m.ci![1], g).toBeCloseTo(hi, 4);
    }
    expect(group('a').metrics['selection_rate_difference']!.value).toBeCloseTo(0.1 - 0.05, 12);
    expect(group('b').metrics['selection_rate_difference']!.value).toBeCloseTo(0.04 - 130 / 1500, 12);
  });

  it('judges the family at the simultaneous level from the complement counts', () => {
    expect(results.summary.rule).toMatchObject({ method: 'bonferroni', family_size: 3 });
    const check = (g: string) => results.checks.find((c) => c.group === g)!;
    // At the family level (98.33 %) the intervals are MOVER from Clopper–Pearson rate intervals; the
    // limits below were computed with scipy (beta quantiles and the Donner–Zou roots), not by this code.
    expect(check('a')).toMatchObject({ verdict: 'fail', reference: '(rest)', direction: 'higher', method: 'mover-ratio' });
    expect(check('a').ci![0]).toBeCloseTo(1.335470, 5);
    expect(check('a').ci![1]).toBeCloseTo(3.045444, 5);
    // b fails at the family's level too, only just (upper 0.7996 < 0.8)
    expect(check('b').verdict).toBe('fail');
    expect(check('b').ci![1]).toBeCloseTo(0.799594, 5);
    expect(check('c').verdict).toBe('inconclusive');
    expect(check('c').ci![0]).toBeCloseTo(0.448803, 5);
    expect(check('c').ci![1]).toBeCloseTo(1.197528, 5);
  });

  it('adds the whole population as results.overall and as a row of the group table', () => {
    expect(results.overall).toMatchObject({ n: 2000, flagged: 150 });
    const rate = results.overall!.metrics['selection_rate']!;
    expect(rate.value).toBeCloseTo(0.075, 12);
    expect(rate.method).toBe('wilson');
    expect(rate.ci![0]).toBeCloseTo(0.064254, 5);
    expect(rate.ci![1]).toBeCloseTo(0.087376, 5);
    const md = readFileSync(`${dir}/out/report.md`, 'utf8');
    expect(md).toContain('| All people | 2,000 | 150 | 7.5 % (6.4–8.7 %) | — | — | every group together |');
    expect(readFileSync(`${dir}/out/report.html`, 'utf8')).toContain('ratio is to everyone else (all people not in the group)');
  });

  it('says "all other people" in sentences and "everyone else" in tables, never the code', () => {
    const md = readFileSync(`${dir}/out/report.md`, 'utf8');
    expect(md).toContain('a people are flagged, against 5.0 of every 100 other people — 2.0 times as often');
    expect(md).toMatch(/People with nat a are flagged more often than all other people: 2\.00 times as often \(10\.0 % = 100 of 1,000, against 5\.0 % = 50 of 1,000 for all other people;/);
    expect(md).toContain('| four-fifths | nat = a | everyone else | selection rate ratio | 2.00 | 1.34–3.05 |');
    expect(md).not.toMatch(/reference group \(rest\)/);
  });

  it('names everyone else in French and in Dutch: sentences, tables, the overall row, the caption and provenance', async () => {
    const built = async (lang: 'fr' | 'nl') => (await buildReport(results, { formats: ['html', 'md'], lang })).files;
    const frFiles = await built('fr');
    const nlFiles = await built('nl');
    const fr = String(frFiles.get('report.md'));
    expect(fr).toContain('Les personnes du groupe « nat : a » sont plus souvent sélectionnés pour un contrôle que les autres personnes : un ratio de 2,00 (10,0\u00a0% = 100 sur 1\u202f000, contre 5,0\u00a0% = 50 sur 1\u202f000 pour les autres personnes\u202f;');
    expect(fr).toContain('avec un ratio de 0,75 par rapport aux autres personnes, mais');
    expect(fr).toContain('contre 5,0 sur 100 parmi les autres personnes, soit un ratio de 2,0');
    expect(fr).toContain('| four-fifths | nat = a | tous les autres | ratio de taux de sélection | 2,00 |');
    expect(fr).toContain('| Ensemble des personnes | 2\u202f000 | 150 | 7,5\u00a0% (6,4–8,7\u00a0%) | — | — | tous les groupes réunis |');
    // the group table's caption (report.html)
    expect(String(frFiles.get('report.html'))).toContain('Indicateurs par groupe pour nat (IC à 95\u00a0% entre parenthèses)\u202f; le ratio de chaque groupe est calculé par rapport à tous les autres (l’ensemble des personnes qui n’en font pas partie)');
    expect(fr).toContain('| Groupes de référence | nat = (rest), tous les autres (ligne de commande) |');
    const nl = String(nlFiles.get('report.md'));
    expect(nl).toContain('Personen in de groep ‘nat: a’ worden vaker voor controle geselecteerd dan alle andere personen: 2,00 keer zo vaak (10,0% = 100 van de 1.000, tegen 5,0% = 50 van de 1.000 bij alle andere personen;');
    expect(nl).toContain('worden 0,75 keer zo vaak geselecteerd als alle andere personen, maar');
    expect(nl).toContain('tegen 5,0 op de 100 bij andere personen; 2,0 keer zo groot');
    expect(nl).toContain('| four-fifths | nat = a | alle anderen | verhouding in selectiekans | 2,00 |');
    expect(nl).toContain('| Alle personen | 2.000 | 150 | 7,5% (6,4–8,7%) | — | — | alle groepen samen |');
    expect(String(nlFiles.get('report.html'))).toContain('Cijfers per groep voor nat (95%-betrouwbaarheidsinterval tussen haakjes); elke groep wordt vergeleken met alle anderen (alle personen die niet tot de groep behoren)');
    expect(nl).toContain('| Referentiegroepen | nat = (rest), alle anderen (opdrachtregel) |');
    for (const md of [fr, nl]) {
      // neither the English words nor the code in a sentence or a table cell ("(rest)" only where provenance quotes it)
      expect(md).not.toMatch(/everyone else|all other|other people|every group together/);
      expect(md.split('(rest)').length - 1).toBe(1);
    }
  });
});

describe('reference overall for every attribute, with the bootstrap', () => {
  it('applies --reference overall to each attribute and to the intersection; bootstrap intervals follow the complement', () => {
    const d = mkdtempSync(join(tmpdir(), 'rest-all-'));
    writeFileSync(`${d}/d.csv`, 'nat,sex,flagged,count\na,f,1,60\na,f,0,440\na,m,1,40\na,m,0,460\nb,f,1,10\nb,f,0,240\nb,m,1,10\nb,m,0,240\n');
    const r = runCli(['audit', `${d}/d.csv`, '--protected', 'nat,sex', '--flag', 'flagged', '--count', 'count', '--reference', 'overall', '--bootstrap', '400', '--out', `${d}/out`]);
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.status);
    const res = Results.parse(JSON.parse(readFileSync(`${d}/out/results.json`, 'utf8')));
    expect(Object.values(res.manifest.references).map((x) => x.group)).toEqual(['(rest)', '(rest)', '(rest)']);
    const cell = res.groups.find((g) => g.attribute === 'nat×sex' && g.group === 'a×f')!;
    // a×f: 60 of 500 against the 60 of 1,000 of every other cell
    expect(cell.rest).toMatchObject({ n: 1000, flagged: 60 });
    const ratio = cell.metrics['selection_rate_ratio']!;
    expect(ratio.value).toBeCloseTo(60 / 500 / (60 / 1000), 12);
    expect(ratio.bootstrap_ci).not.toBeNull();
    expect(ratio.bootstrap_ci![0]).toBeLessThan(2);
    expect(ratio.bootstrap_ci![1]).toBeGreaterThan(2);
    // the bootstrap interval is of the same comparison: near the analytic one, not of another reference
    expect(Math.abs(Math.log(ratio.bootstrap_ci![0] / ratio.ci![0]))).toBeLessThan(0.15);
    expect(res.overall).toMatchObject({ n: 1500, flagged: 120 });
  });

  it('refuses overall for an attribute with a level of that name, and with the selective-labels analysis (exit 2)', () => {
    const d = mkdtempSync(join(tmpdir(), 'rest-bad-'));
    writeFileSync(`${d}/d.csv`, 'nat,flagged\noverall,1\noverall,0\nb,1\nb,0\n');
    const r = runCli(['audit', `${d}/d.csv`, '--protected', 'nat', '--flag', 'flagged', '--reference', 'nat=overall', '--out', `${d}/out`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--reference nat=overall: "overall" asks for everyone else as the reference, but "nat" also has a level named "overall"/);
    writeFileSync(`${d}/s.csv`, 'nat,flagged,label,source\na,1,1,model\na,0,0,random\nb,1,0,model\nb,0,1,random\n');
    const s = runCli(['audit', `${d}/s.csv`, '--protected', 'nat', '--flag', 'flagged', '--label', 'label', '--label-source', 'source=random', '--population-size', '1000', '--reference', 'nat=overall', '--out', `${d}/out2`]);
    expect(s.status).toBe(2);
    expect(s.stderr).toMatch(/selective-labels analysis \(--label-source\) compares each group with one reference group/);
  });

  it('asks a counterfactual twin for its `to` when the attribute is compared with everyone else (exit 2)', () => {
    const d = mkdtempSync(join(tmpdir(), 'rest-twin-'));
    const battery = readFileSync('batteries/default.yaml', 'utf8')
      .replaceAll('../', `${process.cwd()}/`)
      .replace('{ attribute: nationality, to: french, effect: both }', '{ attribute: nationality, effect: both }');
    writeFileSync(`${d}/b.yaml`, battery);
    const r = runCli(['run', `${d}/b.yaml`, '--size', '2000', '--out', `${d}/out`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/b\.yaml: counterfactual\.0\.to: required for "nationality", whose reference is everyone else \(overall\), not one level to set/);
  });

  it('warns when everyone else is itself flagged too rarely, and leads that finding with the difference', async () => {
    // low: 200 of 1,000; everyone else (mid): 10 of 2,000 = 0.5 %, under the 1 % threshold
    const d = mkdtempSync(join(tmpdir(), 'rest-unstable-'));
    writeFileSync(`${d}/d.csv`, 'band,flagged,count\nmid,1,10\nmid,0,1990\nlow,1,200\nlow,0,800\n');
    const r = runCli(['audit', `${d}/d.csv`, '--protected', 'band', '--flag', 'flagged', '--count', 'count', '--reference', 'band=overall', '--out', `${d}/out`]);
    expect(r.status, r.stderr).toBe(1);
    const md = readFileSync(`${d}/out/report.md`, 'utf8');
    const front = md.slice(md.indexOf('## What the audit found'), md.indexOf('## What this audit cannot tell you'));
    expect(front).toContain('> Unstable reference: by band, the reference group (all but the low people) is flagged for only 10 of 2,000 (0.50 %).');
    expect(front).toContain('200 of every 1,000 low people are flagged, against 5.0 of every 1,000 other people: 19.5 percentage points more');
    expect(front).toContain('The ratio, 40 times as often, rests on only 10 flagged other people: do not quote it alone.');
    // the same warning in French and in Dutch
    const unstable = Results.parse(JSON.parse(readFileSync(`${d}/out/results.json`, 'utf8')));
    const report = async (lang: 'fr' | 'nl') => String((await buildReport(unstable, { formats: ['md'], lang })).files.get('report.md'));
    expect(await report('fr')).toContain('> Groupe de référence instable : pour band, le groupe de référence (les personnes autres que « low ») n’est sélectionné que 10 fois sur 2\u202f000 (0,50\u00a0%).');
    expect(await report('nl')).toContain('> Instabiele referentiegroep: naar band wordt de referentiegroep (alle personen behalve ‘low’) maar 10 van de 2.000 keer geselecteerd (0,50%).');
  });

  it('merges audits of disjoint parts into the audit of the whole: the same complements, intervals and verdicts', () => {
    const d = mkdtempSync(join(tmpdir(), 'rest-merge-'));
    // the counts of the first fixture, split into two parts
    writeFileSync(`${d}/p1.csv`, 'nat,flagged,count\na,1,60\na,0,500\nb,1,5\nb,0,200\nc,1,30\nc,0,100\n');
    writeFileSync(`${d}/p2.csv`, 'nat,flagged,count\na,1,40\na,0,400\nb,1,15\nb,0,280\nc,0,370\n');
    for (const p of ['p1', 'p2']) {
      const r = runCli(['audit', `${d}/${p}.csv`, '--protected', 'nat', '--flag', 'flagged', '--count', 'count', '--reference', 'nat=overall', '--out', `${d}/${p}`]);
      expect([0, 1], r.stderr).toContain(r.status);
    }
    const m = runCli(['merge', `${d}/p1/results.json`, `${d}/p2/results.json`, '--out', `${d}/m`]);
    expect(m.stderr).toBe('');
    expect(m.status).toBe(1);
    const merged = Results.parse(JSON.parse(readFileSync(`${d}/m/results.json`, 'utf8')));
    expect(merged.manifest.references['nat']).toEqual({ group: '(rest)', origin: 'cli' });
    expect(merged.overall).toEqual(results.overall);
    for (const g of ['a', 'b', 'c']) {
      const x = merged.groups.find((y) => y.attribute === 'nat' && y.group === g)!;
      expect(x.rest, g).toEqual(group(g).rest);
      expect(x.metrics['selection_rate_ratio'], g).toEqual(group(g).metrics['selection_rate_ratio']);
    }
    expect(merged.checks.map((c) => [c.group, c.verdict, c.ci])).toEqual(results.checks.map((c) => [c.group, c.verdict, c.ci]));
  });
});
