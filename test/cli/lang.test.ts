import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Results } from '../../harness/results/index.js';
import { formatLevel } from '../../reports/shared/format-number.js';
import { englishLeft, readableHtml, readableMarkdown, recordedStrings } from '../reports/english-words.js';
import { runCli } from './run-cli.js';
import { spawnCli, type CliOutcome } from './spawn-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'disparate-lang-'));
const runs: Record<'fr' | 'nl', CliOutcome> = {} as never;
const packs: Record<'fr' | 'nl', CliOutcome> = {} as never;
let fromBattery: CliOutcome;
let overridden: CliOutcome;
/**
 * The runs read here are independent and run at the same time. What is read is report.html (its charts
 * inline), report.md, results.json and the terminal summary, so only those are written (--formats;
 * the PNG, SVG and Vega-Lite chart files would not be read).
 */
beforeAll(async () => {
  const cli = (args: string[]) => spawnCli(args, { killAfterMs: 300_000 });
  // the default battery with lang: nl, its relative paths made absolute so that it runs from the temporary folder
  const nl = join(dir, 'nl.yaml');
  writeFileSync(nl, `lang: nl\n${readFileSync('batteries/default.yaml', 'utf8').replaceAll('../', `${process.cwd()}/`)}`);
  const defaultRun = (lang: 'fr' | 'nl') => cli(['run', 'batteries/default.yaml', '--size', '20000', '--lang', lang, '--out', join(dir, lang), '--formats', 'html,md']);
  // a pack with reproduction tables, selective labels and footnoted sources
  const pack = (lang: 'fr' | 'nl') => cli(['reproduce', 'sweden-fk', '--lang', lang, '--out', join(dir, `sweden-${lang}`), '--formats', 'html,md']);
  [runs.fr, runs.nl, packs.fr, packs.nl, fromBattery, overridden] = await Promise.all([
    defaultRun('fr'),
    defaultRun('nl'),
    pack('fr'),
    pack('nl'),
    cli(['run', nl, '--size', '20000', '--out', join(dir, 'battery-nl'), '--formats', 'md']),
    cli(['run', nl, '--size', '20000', '--lang', 'fr', '--out', join(dir, 'battery-fr'), '--formats', 'md']),
  ]);
}, 600_000);

const battery = readFileSync('batteries/default.yaml', 'utf8');
const title = /^title: (.*)$/m.exec(battery)![1]!;

/** The front page of report.html (the header, its chart left out), without the battery's own prose. */
function fronts(lang: 'fr' | 'nl'): string[] {
  const html = readFileSync(join(dir, lang, 'report.html'), 'utf8');
  const header = html.slice(html.indexOf('<header class="front"'), html.indexOf('</header>'));
  const strip = (t: string) => t.replace(/<[^>]*>/g, ' ').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '').replaceAll(title, '').replace(/^.*(La question|De vraag).*$/m, '');
  return [strip(header.replace(/<div class="chart"[\s\S]*?<\/figure>/, ''))];
}

describe('--lang', () => {
  it('fr: numbers in French format on the front page', () => {
    const [html] = fronts('fr');
    expect(html).toMatch(/\d+,\d+\u00a0%/);
    expect(html).not.toMatch(/\d\.\d/);
    expect(html).toContain('Taux de sélection pour un contrôle');
    expect(readFileSync(join(dir, 'fr', 'report.html'), 'utf8')).toContain('<html lang="fr">');
  });

  it('nl: numbers in Dutch format on the front page', () => {
    const [html] = fronts('nl');
    expect(html).toMatch(/\d+,\d+%-betrouwbaarheidsinterval/);
    expect(html).not.toMatch(/\d\.\d\d?\b(?!\d)/);
    expect(html).toContain('Selectiekans voor controle');
  });

  // Whole pages, detail sections and charts included: what is left in English is only what the results record as written
  // (the battery's and the pack's own prose and labels, sources, the decision rule, file names, codes).
  for (const lang of ['fr', 'nl'] as const) {
    for (const [what, folder] of [['the default battery', lang], ['reproduce sweden-fk', `sweden-${lang}`]] as const) {
      it(`${lang}, ${what}: the whole of report.html and report.md holds no English word of the frame`, () => {
        const run = folder === lang ? runs[lang] : packs[lang];
        expect(run.stderr).toBe('');
        const results = Results.parse(JSON.parse(readFileSync(join(dir, folder, 'results.json'), 'utf8')));
        const recorded = recordedStrings(results);
        expect(englishLeft(readableHtml(readFileSync(join(dir, folder, 'report.html'), 'utf8')), recorded)).toEqual([]);
        expect(englishLeft(readableMarkdown(readFileSync(join(dir, folder, 'report.md'), 'utf8')), recorded)).toEqual([]);
        expect(englishLeft(run.stdout, recorded)).toEqual([]);
      });
    }
  }

  it('numbers in the locale\'s format in the detail: the counts, values and levels results.json records', () => {
    for (const lang of ['fr', 'nl'] as const) {
      const results = Results.parse(JSON.parse(readFileSync(join(dir, lang, 'results.json'), 'utf8')));
      const md = readableMarkdown(readFileSync(join(dir, lang, 'report.md'), 'utf8'));
      const big = results.groups.find((g) => g.n >= 10_000)!;
      const thousands = lang === 'fr' ? '\u202f' : '.';
      // a group's n in the group table, grouped by thousands the language's way
      expect(md, lang).toContain(`| ${String(big.n).replace(/\B(?=(\d{3})+(?!\d))/g, thousands)} |`);
      // a check's value with a decimal comma in the verdict table
      const check = results.checks.find((c) => c.value !== null && c.value > 1)!;
      expect(md, lang).toContain(`| ${check.value!.toFixed(2).replace('.', ',')} |`);
      // the family level in the verdict table's header, as the English report writes it ("99.9 %", "99.88 %")
      // with a decimal comma: "IC à 99,9 %", "99,9%-betrouwbaarheidsinterval"
      const level = formatLevel(check.level).replace(' %', '').replace('.', ',');
      expect(level, lang).toMatch(/^\d\d,\d+$/);
      expect(md, lang).toContain(lang === 'fr' ? `IC à ${level}\u00a0%` : `${level}%-betrouwbaarheidsinterval`);
    }
    // a published figure of the pack, with a decimal comma
    const sweden = Results.parse(JSON.parse(readFileSync(join(dir, 'sweden-fr', 'results.json'), 'utf8')));
    const figure = sweden.reproduction!.figures.find((f) => f.published > 0 && f.published < 1)!;
    expect(readFileSync(join(dir, 'sweden-fr', 'report.md'), 'utf8')).toContain(`| ${String(Number(figure.published.toPrecision(6))).replace('.', ',')} |`);
  });

  it('takes lang: from the battery, and --lang wins over it', () => {
    expect(fromBattery.stderr).toBe('');
    expect(fromBattery.status).toBe(1);
    expect(readFileSync(join(dir, 'battery-nl', 'report.md'), 'utf8')).toContain('**Oordeel: ✗ voldoet niet**');
    expect(overridden.status).toBe(1);
    expect(readFileSync(join(dir, 'battery-fr', 'report.md'), 'utf8')).toContain('**Conclusion\u00a0: ✗ non conforme**');
  });

  it('prints the terminal summary\'s frame in the language', () => {
    expect(runs.fr.stdout).toMatch(/^conclusion : NON CONFORME \(0 conforme, \d+ non conformes, \d+ non concluants\)/m);
    expect(runs.nl.stdout).toMatch(/^oordeel: VOLDOET NIET \(0 voldoen, \d+ voldoen niet, \d+ onbeslist\)/m);
  });

  it('results.json stays English', () => {
    const json = readFileSync(join(dir, 'fr', 'results.json'), 'utf8');
    expect(json).toContain('"verdict": "fail"');
  });

  it('--lang xx exits 2 naming the option', () => {
    const r = runCli(['run', 'batteries/default.yaml', '--lang', 'xx', '--out', join(dir, 'xx')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Argument: lang, Given: "xx"');
  });
});
