import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * README "Use in CI": the GitHub Actions and GitLab CI jobs, read from the README itself, run their
 * disparate commands in a project of their own (an agency's repository with fairness/battery.yaml),
 * `npx disparate` standing for the built CLI. The default battery fails, so each job fails (exit 1)
 * and leaves its report and junit.xml where the job's artefact steps look for them.
 */
const root = process.cwd();
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('### Use in CI'), readme.indexOf('### Auditing recorded decisions'));
const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]!) as Record<string, unknown>);

interface Step { run?: string }
const github = (blocks[0]!['jobs'] as Record<string, { steps: Step[] }>)['disparate']!.steps.map((s) => s.run).filter((r): r is string => r !== undefined);
const gitlab = (blocks[1]!['fairness'] as { script: string[]; artifacts: { reports: { junit: string } } });

function project(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `disparate-ci-${name}-`));
  mkdirSync(join(dir, 'fairness'));
  const battery = readFileSync(join(root, 'batteries/default.yaml'), 'utf8')
    .replace('../datasets/populations/', `${resolve(root, 'datasets/populations')}/`)
    .replace('../models/zoo/', `${resolve(root, 'models/zoo')}/`)
    .replace(/size: \d+/, 'size: 20000');
  writeFileSync(join(dir, 'fairness/battery.yaml'), battery);
  return dir;
}

function runJob(commands: readonly string[], cwd: string) {
  const disparate = commands.filter((c) => c.startsWith('npx disparate '));
  expect(disparate.length).toBe(1);
  const args = disparate[0]!.slice('npx disparate '.length).split(/\s+/);
  return spawnSync(process.execPath, [join(root, 'dist/harness/cli/main.js'), ...args], { cwd, encoding: 'utf8', timeout: 300_000, env: { ...process.env, TZ: 'UTC' } });
}

describe('README "Use in CI": the jobs as written', () => {
  let githubDir = '';
  let gitlabDir = '';
  let githubRun: ReturnType<typeof runJob>;
  let gitlabRun: ReturnType<typeof runJob>;
  beforeAll(() => {
    githubDir = project('github');
    gitlabDir = project('gitlab');
    githubRun = runJob(github, githubDir);
    gitlabRun = runJob(gitlab.script, gitlabDir);
  }, 600_000);

  it('the GitHub Actions job fails the build on the default battery and leaves the report and junit.xml', () => {
    expect(githubRun.status, githubRun.stderr).toBe(1);
    expect(existsSync(join(githubDir, 'disparate-report/report.html'))).toBe(true);
    const junit = readFileSync(join(githubDir, 'disparate-junit.xml'), 'utf8');
    expect(junit).toBe(readFileSync(join(githubDir, 'disparate-report/junit.xml'), 'utf8'));
    expect(junit).toMatch(/<testsuites name="disparate" tests="\d+" failures="[1-9]\d*"/);
    expect(githubRun.stdout).toMatch(/fail/i);
  });

  it('the GitLab CI job writes the junit report its artifacts name', () => {
    expect(gitlabRun.status, gitlabRun.stderr).toBe(1);
    expect(existsSync(join(gitlabDir, gitlab.artifacts.reports.junit))).toBe(true);
  });
});
