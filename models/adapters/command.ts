import { spawn } from 'node:child_process';
import { isAbsolute, resolve } from 'node:path';
import type { CommandModel } from '../../harness/config/index.js';
import type { Table } from '../../datasets/table/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { bindApplicants, checkAnswer, rawModelInputs, type Applicant } from './black-box-rows.js';
import type { AsyncModelAdapter, AsyncScorer, ModelMeta } from './model-adapter.js';
import { releaseGroup, spawnInGroup } from '../processes/index.js';
import { lineSplitter } from './split-lines.js';

/** Longest answer line accepted: 64 bytes per applicant of a batch, at least 1 MiB. */
function answerLineLimit(batchSize: number): number {
  return Math.max(1 << 20, 64 * batchSize);
}

/** Printable one-line excerpt of what a process wrote (control characters would break the one-line message). */
const excerpt = (text: string, max: number) => text.slice(0, max).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');

/**
 * Runs the command once for a list of applicants: one stdin line per batch (a JSON array of
 * applicant objects), one stdout line back per batch (a JSON array of as many scores), exit 0.
 * The process runs in its own process group, killed as a whole when it exits, fails or times out,
 * so a descendant holding its output open cannot outlive the call. `timeout_ms` bounds the whole
 * call. A timeout, a crash, a non-zero exit, a malformed or over-long line or a short answer rejects
 * with a DisparateError('model') naming the model file; nothing partial is returned.
 */
export function runScoringCommand(model: CommandModel, meta: ModelMeta, cwd: string, rows: readonly Applicant[]): Promise<Float32Array> {
  const [program, ...args] = model.command as [string, ...string[]];
  const exe = program.includes('/') && !isAbsolute(program) ? resolve(cwd, program) : program;
  const fail = (what: string) => new DisparateError('model', `${meta.file}: command ${JSON.stringify(model.command.join(' '))} ${what}`);
  return new Promise((resolvePromise, reject) => {
    const batches: [number, number][] = [];
    for (let s = 0; s < rows.length; s += model.batch_size) batches.push([s, Math.min(rows.length, s + model.batch_size)]);
    const out = new Float32Array(rows.length);
    let answered = 0;
    let failure: DisparateError | null = null;
    let settled = false;
    let stderr = '';
    const child = spawnInGroup(() => spawn(exe, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: true }), meta.file);
    let group = child.pid;
    // Once only: after the group is gone its number may be given to a new process.
    const endGroup = () => {
      if (group !== undefined) releaseGroup(group);
      group = undefined;
    };
    const settle = (error: DisparateError | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      endGroup();
      // A descendant in another group may still hold the pipes: stop reading rather than wait for it.
      child.stdout.destroy();
      child.stderr.destroy();
      child.stdin.destroy();
      if (error) reject(error);
      else resolvePromise(out);
    };
    const stop = (error: DisparateError) => {
      failure ??= error;
      endGroup();
    };
    const timer = setTimeout(() => settle(failure ?? fail(`timed out after ${model.timeout_ms} ms (timeout_ms) with ${answered} of ${batches.length} batches answered`)), model.timeout_ms);
    child.on('error', (e) => settle(failure ?? fail(`could not start: ${(e as NodeJS.ErrnoException).code ?? e.message}`)));
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8', 0, Math.min(d.length, 800))).slice(-400);
    });
    child.stdin.on('error', () => {
      /* EPIPE when the process dies early: reported through its exit status */
    });
    const limit = answerLineLimit(model.batch_size);
    const onLine = (line: string) => {
      if (failure) return;
      const batch = batches[answered];
      if (!batch) return stop(fail(`wrote more lines than the ${batches.length} batches it was sent`));
      let answer: unknown;
      try {
        answer = JSON.parse(line);
      } catch {
        return stop(fail(`answered batch ${answered + 1} with malformed JSON: ${JSON.stringify(excerpt(line, 80))}`));
      }
      const scores = checkAnswer(answer, batch[1] - batch[0]);
      if (typeof scores === 'string') return stop(fail(`batch ${answered + 1}: ${scores}`));
      out.set(scores, batch[0]);
      answered++;
    };
    const lines = lineSplitter(limit, onLine);
    child.stdout.on('data', (chunk: Buffer) => {
      if (!failure && !lines.push(chunk)) stop(fail(`answered batch ${answered + 1} with a line longer than ${limit} bytes (the limit: 64 bytes per applicant of batch_size ${model.batch_size}, at least 1 MiB)`));
    });
    // The process leaving ends its group too: a descendant still holding stdout would otherwise delay 'close'.
    child.on('exit', endGroup);
    child.on('close', (code, signal) => {
      const tail = stderr.trim() ? `; stderr: ${excerpt(stderr.split('\n').map((l) => l.trim()).filter(Boolean).slice(-2).join(' | '), 200)}` : '';
      const rest = lines.rest();
      if (rest.trim()) onLine(rest); // a last line without its newline, as readline would give it
      if (failure) return settle(failure);
      if (code !== 0) return settle(fail(`exited with ${code === null ? `signal ${signal}` : `code ${code}`} after ${answered} of ${batches.length} batches${tail}`));
      if (answered !== batches.length) return settle(fail(`answered ${answered} of ${batches.length} batches before exiting${tail}`));
      settle(null);
    });
    for (const [s, e] of batches) child.stdin.write(`${JSON.stringify(rows.slice(s, e))}\n`);
    child.stdin.end();
  });
}

/** An external process as a model: spawned once per scored chunk (see {@link runScoringCommand}). */
export function commandAdapter(model: CommandModel, meta: ModelMeta, cwd: string): AsyncModelAdapter {
  return {
    meta,
    inputs: rawModelInputs(model.inputs),
    async: true,
    bind(table: Table): AsyncScorer {
      const applicants = bindApplicants(meta, model.inputs, table);
      return (start, end) => runScoringCommand(model, meta, cwd, applicants(start, end));
    },
  };
}
