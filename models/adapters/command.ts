import { spawn } from 'node:child_process';
import { isAbsolute, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { CommandModel } from '../../harness/config/index.js';
import type { Table } from '../../datasets/table/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { bindApplicants, checkAnswer, rawModelInputs, type Applicant } from './black-box-rows.js';
import type { AsyncModelAdapter, AsyncScorer, ModelMeta } from './model-adapter.js';

/**
 * Runs the command once for a list of applicants: one stdin line per batch (a JSON array of
 * applicant objects), one stdout line back per batch (a JSON array of as many scores), exit 0.
 * A timeout, a crash, a non-zero exit, a malformed line or a short answer rejects with a
 * DisparateError('model') naming the model file; nothing partial is returned.
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
    let stderr = '';
    const child = spawn(exe, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const stop = (error: DisparateError) => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop(fail(`timed out after ${model.timeout_ms} ms (timeout_ms) with ${answered} of ${batches.length} batches answered`)), model.timeout_ms);
    child.on('error', (e) => stop(fail(`could not start: ${(e as NodeJS.ErrnoException).code ?? e.message}`)));
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-400);
    });
    child.stdin.on('error', () => {
      /* EPIPE when the process dies early: reported through its exit status */
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (failure) return;
      const batch = batches[answered];
      if (!batch) return stop(fail(`wrote more lines than the ${batches.length} batches it was sent`));
      let answer: unknown;
      try {
        answer = JSON.parse(line);
      } catch {
        return stop(fail(`answered batch ${answered + 1} with malformed JSON: ${JSON.stringify(line.slice(0, 80))}`));
      }
      const scores = checkAnswer(answer, batch[1] - batch[0]);
      if (typeof scores === 'string') return stop(fail(`batch ${answered + 1}: ${scores}`));
      out.set(scores, batch[0]);
      answered++;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const tail = stderr.trim() ? `; stderr: ${stderr.trim().split('\n').slice(-2).join(' | ')}` : '';
      if (failure) return reject(failure);
      if (code !== 0) return reject(fail(`exited with ${code === null ? `signal ${signal}` : `code ${code}`} after ${answered} of ${batches.length} batches${tail}`));
      if (answered !== batches.length) return reject(fail(`answered ${answered} of ${batches.length} batches before exiting${tail}`));
      resolvePromise(out);
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
