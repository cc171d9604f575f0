import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

/**
 * English words (and their plurals or -ed forms) that must not appear as words on a translated front page ("intervalle" is French). The battery's own prose (title,
 * question) and group labels are the battery author's words and are cut out before the search.
 */
const ENGLISH = ['flagged', 'households', 'times as often', 'interval', 'check', 'verdict', 'fail', 'pass', 'inconclusive', 'audit found', 'cannot tell', 'contents', 'the question', 'of every', 'against', 'points more', 'tolerance'];

const dir = mkdtempSync(join(tmpdir(), 'disparate-lang-'));
const runs: Record<'fr' | 'nl', ReturnType<typeof runCli>> = {} as never;
let fromBattery: ReturnType<typeof runCli>;
let overridden: ReturnType<typeof runCli>;
beforeAll(() => {
  for (const lang of ['fr', 'nl'] as const) runs[lang] = runCli(['run', 'batteries/default.yaml', '--size', '20000', '--lang', lang, '--out', join(dir, lang)]);
  // the default battery with lang: nl, its relative paths made absolute so that it runs from the temporary folder
  const nl = join(dir, 'nl.yaml');
  writeFileSync(nl, `lang: nl\n${readFileSync('batteries/default.yaml', 'utf8').replaceAll('../', `${process.cwd()}/`)}`);
  fromBattery = runCli(['run', nl, '--size', '20000', '--out', join(dir, 'battery-nl')]);
  overridden = runCli(['run', nl, '--size', '20000', '--lang', 'fr', '--out', join(dir, 'battery-fr')]);
}, 600_000);

const battery = readFileSync('batteries/default.yaml', 'utf8');
const title = /^title: (.*)$/m.exec(battery)![1]!;

/** The front page of report.html (the header) and of report.md (up to the note on the detail sections), without the battery's own prose. */
function fronts(lang: 'fr' | 'nl'): string[] {
  const html = readFileSync(join(dir, lang, 'report.html'), 'utf8');
  const md = readFileSync(join(dir, lang, 'report.md'), 'utf8');
  const header = html.slice(html.indexOf('<header class="front"'), html.indexOf('</header>'));
  const mdFront = md.slice(0, md.indexOf('\n> ', md.indexOf('\n## ', md.indexOf('\n## ') + 1)));
  const strip = (t: string) => t.replace(/<[^>]*>/g, ' ').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '').replaceAll(title, '').replace(/^.*(La question|De vraag).*$/m, '');
  return [strip(header.replace(/<div class="chart"[\s\S]*?<\/figure>/, '')), strip(mdFront)];
}

describe('--lang', () => {
  for (const lang of ['fr', 'nl'] as const) {
    it(`${lang}: the front page of report.html and report.md holds no English word of the frame`, () => {
      expect(runs[lang].stderr).toBe('');
      expect(runs[lang].status).toBe(1);
      for (const text of fronts(lang)) {
        for (const word of ENGLISH) expect(text.toLowerCase(), `${lang}: "${word}"`).not.toMatch(new RegExp(`\\b${word}(s|es|ed|ing)?\\b`));
      }
    });
  }

  it('fr: numbers in French format, the detail sections announced as English', () => {
    const [html] = fronts('fr');
    expect(html).toMatch(/\d+,\d+\u00a0%/);
    expect(html).not.toMatch(/\d\.\d/);
    expect(html).toContain('Taux de sélection pour un contrôle');
    expect(readFileSync(join(dir, 'fr', 'report.md'), 'utf8')).toContain('Les sections détaillées ci-dessous sont en anglais.');
    expect(readFileSync(join(dir, 'fr', 'report.html'), 'utf8')).toContain('<html lang="fr">');
  });

  it('nl: numbers in Dutch format, the detail sections announced as English', () => {
    const [html] = fronts('nl');
    expect(html).toMatch(/\d+,\d+%-betrouwbaarheidsinterval/);
    expect(html).not.toMatch(/\d\.\d\d?\b(?!\d)/);
    expect(html).toContain('Selectiekans voor controle');
    expect(readFileSync(join(dir, 'nl', 'report.md'), 'utf8')).toContain('De detailsecties hieronder zijn in het Engels.');
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
