import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

/** Plan sizes computed with scipy (test/fixtures/plan-sizes/generate.py). */
const REFERENCE = JSON.parse(readFileSync(new URL('../fixtures/plan-sizes/reference.json', import.meta.url), 'utf8')) as {
  settings: { name: string; plan: { total: number; group: number; reference: number } }[];
};
const reference = (name: string) => REFERENCE.settings.find((r) => r.name === name)!.plan;

/** A refused plan exits 2 with one line on stderr naming the option, and prints nothing. */
function expectRefused(args: string[], pattern: RegExp) {
  const r = runCli(['plan', ...args]);
  expect(r.status).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr.trim()).toMatch(pattern);
  expect(r.stdout).toBe('');
}

describe('disparate plan', () => {
  const base = ['--share', '0.1', '--base-rate', '0.05'];

  it('sizes the fail verdict of the README example, exact power in the JSON', () => {
    const r = runCli(['plan', '--ratio', '1.5', ...base, '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    const { total, group, reference: ref } = reference('readme');
    expect(out).toMatchObject({ goal: 'fail', target: 'above', total, group, reference: ref, bounds: [0.8, 1.25], tests: 1 });
    expect(out['achievedPower']).toBeGreaterThanOrEqual(0.8);
    expect(out['achievedPower']).toBeLessThan(0.801);
  });

  it('plans a pass for a ratio inside the bounds, and says so in the text', () => {
    const r = runCli(['plan', '--ratio', '1', '--share', '0.3', '--base-rate', '0.1', '--power', '0.9']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^For the check to pass \(interval wholly inside \[0\.8, 1\.25\]\) when the true ratio is 1 /);
    const { total, group } = reference('pass');
    expect(r.stdout).toContain(`\n  ${total.toLocaleString('en')} rows in all: ${group.toLocaleString('en')} in the group`);
    expect(r.stdout).toMatch(/method: .*MOVER interval from the two groups' Clopper–Pearson intervals/);
  });

  it('refuses a ratio on a bound', () => {
    expectRefused(['--ratio', '1.25', ...base], /^disparate: --ratio 1\.25: the ratio 1\.25 lies on a tolerance bound, .*\(--bounds 0\.8,1\.25\)$/);
    expectRefused(['--ratio', '2', '--bounds', '0.5,2', ...base], /^disparate: --ratio 2: .*lies on a tolerance bound/);
  });

  it('refuses a goal the ratio cannot reach, naming the other goal', () => {
    expectRefused(['--ratio', '1.1', '--goal', 'fail', ...base], /^disparate: --goal fail: a true ratio 1\.1 inside the tolerance \[0\.8, 1\.25\] can never make the check fail; use --goal pass/);
    expectRefused(['--ratio', '1.5', '--goal', 'pass', ...base], /^disparate: --goal pass: .* can never make the check pass; use --goal fail/);
  });

  it('refuses a ratio too close to a bound for any practical size', () => {
    expectRefused(['--ratio', '1.2501', ...base], /^disparate: --ratio 1\.2501: more than 1e\+9 rows would be needed: the ratio is too close to a tolerance bound \(--bounds 0\.8,1\.25\)$/);
  });

  it('refuses rates and shares outside (0, 1), naming the option', () => {
    expectRefused(['--ratio', '1.5', '--share', '0.1', '--base-rate', '1.2'], /^disparate: --base-rate 1\.2: must lie strictly between 0 and 1$/);
    expectRefused(['--ratio', '30', ...base], /^disparate: --ratio 30: the group's rate 30 × --base-rate 0\.05 must be below 1$/);
    expectRefused(['--ratio', '1.5', ...base, '--reference-share', '0.95'], /^disparate: --reference-share 0\.95: must be positive and at most 1 − --share/);
  });

  it('refuses malformed bounds and tests', () => {
    expectRefused(['--ratio', '1.5', '--bounds', '1.25', ...base], /^disparate: --bounds 1\.25: must be two numbers L,U with 0 < L < U/);
    expectRefused(['--ratio', '1.5', '--tests', '0', ...base], /^disparate: --tests 0: must be a positive integer$/);
  });
});
