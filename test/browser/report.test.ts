import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { runCli } from '../cli/run-cli.js';
import { buildReport, isReportFileName, writeJunit } from '../../reports/index.js';
import { hostileResults } from '../reports/helpers.js';
import { writeOutputs } from '../../harness/cli/write-outputs.js';

/**
 * The report in a real browser: Debian's chromium driven by playwright-core, offline.
 * Skipped only where chromium is absent and we are not in CI; in CI (.ci/run installs chromium) it must run.
 */
const CHROMIUM = '/usr/bin/chromium';
const skip = !existsSync(CHROMIUM) && !process.env['CI'];
/** A fresh folder per run (the reports and the screenshots): nothing an earlier run left can pass for this one's. */
let OUT: string;

let browser: Browser;

async function open(file: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
  await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load' });
  return { page, errors, requests };
}

describe.skipIf(skip)('report.html in headless Chromium', () => {
  beforeAll(async () => {
    OUT = mkdtempSync(join(tmpdir(), 'disparate-browser-'));
    const a = runCli(['run', 'batteries/default.yaml', '--out', `${OUT}/default`, '--size', '20000']);
    const b = runCli(['run', 'batteries/default.yaml', '--out', `${OUT}/interactive`, '--size', '20000', '--interactive']);
    // The default battery fails its checks: exit 1, as the README says.
    for (const r of [a, b]) expect(r.status, r.stderr).toBe(1);
    mkdirSync(`${OUT}/hostile`, { recursive: true });
    writeOutputs(`${OUT}/hostile`, (await buildReport(hostileResults(), { formats: ['html', 'junit'] })).files, isReportFileName);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
    });
  });
  afterAll(async () => { await browser?.close(); });

  it('opens from disk with no console errors, no network and every chart drawn; writes a screenshot', async () => {
    const { page, errors, requests } = await open(`${OUT}/default/report.html`);
    const charts = readFileSync(`${OUT}/default/report.html`, 'utf8').match(/<figure id="chart-/g)!.length;
    expect(charts).toBeGreaterThanOrEqual(5);
    expect(await page.locator('figure').count()).toBe(charts);
    expect(await page.locator('figure .chart > svg').count()).toBe(charts);
    for (const box of await page.locator('figure .chart > svg').evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().width))) {
      expect(box).toBeGreaterThan(100);
    }
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('script').count()).toBe(0);
    await page.screenshot({ path: `${OUT}/report.png`, fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('--interactive redraws every chart live with vega-embed, offline, with tooltips', async () => {
    const { page, errors, requests } = await open(`${OUT}/interactive/report.html`);
    const charts = await page.locator('figure[data-spec]').count();
    expect(charts).toBeGreaterThanOrEqual(5);
    await page.waitForFunction((n) => document.querySelectorAll('figure.live .chart-live svg').length === n, charts, { timeout: 20_000 });
    expect(await page.locator('figure.live').count()).toBe(charts);
    // hovering a mark shows vega-tooltip's box
    const point = page.locator('figure.live .chart-live svg path[aria-roledescription="point"], figure.live .chart-live svg .mark-symbol path').first();
    await point.hover({ force: true });
    await page.waitForSelector('#vg-tooltip-element.visible', { timeout: 5_000 });
    await page.screenshot({ path: `${OUT}/report-interactive.png` });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('hostile labels stay text in the DOM, and junit.xml parses as XML with the labels intact', async () => {
    const { page, errors } = await open(`${OUT}/hostile/report.html`);
    expect(await page.locator('script').count()).toBe(0);
    const r = hostileResults();
    expect(await page.locator('h1').textContent()).toBe(r.manifest.title);
    const xml = writeJunit(r);
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return {
        error: doc.getElementsByTagName('parsererror').length,
        names: [...doc.getElementsByTagName('testcase')].map((t) => t.getAttribute('name')),
        suite: doc.getElementsByTagName('testsuite')[0]?.getAttribute('name'),
      };
    }, xml);
    expect(parsed.error).toBe(0);
    expect(parsed.suite).toBe(r.manifest.title);
    expect(parsed.names).toEqual(r.checks.map((c) => `${c.id}: ${c.attribute} = ${c.group}`));
    expect(errors).toEqual([]);
    await page.close();
  });
});
