import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { runCli } from '../cli/run-cli.js';

/**
 * The front page in a real browser (Debian's chromium through playwright-core, offline): the first
 * screen holds the verdict, the findings and the headline chart; a phone never scrolls sideways; the
 * printed A4 pages keep every table inside the page box. Screenshots of the first screen and the PDFs
 * are written beside the reports in the run's temporary folder (its path is printed) for people to look at.
 */
const CHROMIUM = '/usr/bin/chromium';
const skip = !existsSync(CHROMIUM) && !process.env['CI'];
let SHOTS: string;
// A4 is 210 × 297 mm; print-style.ts sets 14 mm side and 16 mm top and bottom margins: a page box of
// 182 × 265 mm at 96 px per inch.
const A4_BOX_PX = Math.floor((182 / 25.4) * 96);
const A4_BOX_HEIGHT_PX = Math.floor((265 / 25.4) * 96);

let browser: Browser;
const reports: Record<string, string> = {};

async function open(name: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(pathToFileURL(resolve(reports[name]!)).href, { waitUntil: 'load' });
  return page;
}

describe.skipIf(skip)('the front page in headless Chromium', () => {
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'front-page-'));
    SHOTS = join(dir, 'shots');
    process.stdout.write(`front-page screenshots and PDFs: ${SHOTS}\n`);
    const a = runCli(['run', 'batteries/default.yaml', '--out', `${dir}/default`, '--size', '50000']);
    const b = runCli(['reproduce', 'sweden-fk', '--out', `${dir}/sweden`]);
    expect(a.status, a.stderr).toBe(1);
    expect(b.status, b.stderr).toBe(0);
    reports['default'] = `${dir}/default/report.html`;
    reports['sweden-fk'] = `${dir}/sweden/report.html`;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
    });
  });
  afterAll(async () => { await browser?.close(); });

  for (const name of ['default', 'sweden-fk']) {
    it(`${name}: at 1280×800 the first screen holds the verdict sentence, the findings and the headline chart`, async () => {
      const page = await open(name, { width: 1280, height: 800 });
      const bottom = async (selector: string): Promise<number[]> =>
        page.locator(selector).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().bottom));
      expect(await page.locator('p.verdict-line').textContent()).toMatch(/The audit fails: \d+ of \d+ checks show/);
      const findings = await bottom('ol.findings > li');
      expect(findings.length).toBeGreaterThanOrEqual(3);
      expect(findings.length).toBeLessThanOrEqual(5);
      for (const b of [...(await bottom('p.verdict-line')), ...findings, ...(await bottom('figure.headline svg'))]) expect(b).toBeLessThanOrEqual(800);
      expect(await page.locator('figure.headline svg').count()).toBe(1);
      const { mkdirSync } = await import('node:fs');
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: `${SHOTS}/${name}-first-screen.png` });
      await page.close();
    });

    it(`${name}: at 390 px the page never scrolls sideways; wide tables scroll in their own box`, async () => {
      const page = await open(name, { width: 390, height: 844 });
      const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, view: window.innerWidth }));
      expect(widths.doc).toBeLessThanOrEqual(widths.view);
      expect(widths.body).toBeLessThanOrEqual(widths.view);
      // every table sits in a scroll box no wider than the screen
      const boxes = await page.locator('table').evaluateAll((ts) => ts.map((t) => (t.closest('.table-scroll') as HTMLElement | null)?.getBoundingClientRect().right ?? Infinity));
      for (const right of boxes) expect(right).toBeLessThanOrEqual(390);
      await page.close();
    });

    it(`${name}: printed on A4, folded detail is open and every table and chart fits the page box`, async () => {
      const page = await open(name, { width: A4_BOX_PX, height: 1000 });
      await page.emulateMedia({ media: 'print' });
      const layout = await page.evaluate(() => ({
        tables: [...document.querySelectorAll('table')].map((t) => Math.ceil(t.getBoundingClientRect().right)),
        figures: [...document.querySelectorAll('figure svg')].map((s) => Math.ceil(s.getBoundingClientRect().right)),
        folded: [...document.querySelectorAll('details table')].map((t) => t.getBoundingClientRect().height),
        body: document.body.getBoundingClientRect().right,
        front: document.querySelector('header.front')!.getBoundingClientRect().bottom,
      }));
      // the front page is the first printed page
      expect(layout.front).toBeLessThanOrEqual(A4_BOX_HEIGHT_PX);
      expect(layout.tables.length).toBeGreaterThan(0);
      for (const right of [...layout.tables, ...layout.figures]) expect(right).toBeLessThanOrEqual(A4_BOX_PX + 1);
      expect(layout.folded.length).toBeGreaterThan(0);
      for (const h of layout.folded) expect(h).toBeGreaterThan(0);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(2);
      writeFileSync(`${SHOTS}/${name}.pdf`, pdf);
      await page.close();
    });
  }

  it('the default report warns that the high-income reference (the best-off band) is unstable and leads that finding with the difference', async () => {
    const page = await open('default', { width: 1280, height: 800 });
    expect(await page.locator('.unstable-note').first().textContent()).toMatch(/^Unstable reference: by income, the reference group \(high-income\) is flagged for only \d+ of [\d,]+ \(0\.\d+ %\)\./);
    const text = (await page.locator('li.finding.unstable').first().textContent()) ?? '';
    const at = ['low-income households are flagged', 'percentage points more', 'times their share', 'The ratio,', 'do not quote it alone'].map((s) => text.indexOf(s));
    expect(at.every((x, i) => x >= 0 && (i === 0 || x > at[i - 1]!)), text).toBe(true);
    await page.close();
  });

  it('the default report states the battery\'s question on the front page and in results.json', async () => {
    const results = JSON.parse(readFileSync(reports['default']!.replace('report.html', 'results.json'), 'utf8')) as { manifest: { description?: string } };
    expect(results.manifest.description).toMatch(/^Does a CAF-like risk score, which never sees nationality, flag non-EU, disabled, low-income and single-parent households/);
    const page = await open('default', { width: 1280, height: 800 });
    expect(await page.locator('p.question').textContent()).toBe(`The question: ${results.manifest.description}`);
    await page.close();
  });
});
