import { setMaxListeners } from 'node:events';
import type { HttpModel } from '../../harness/config/index.js';
import type { Table } from '../../datasets/table/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { bindApplicants, checkAnswer, rawModelInputs, type Applicant } from './black-box-rows.js';
import type { AsyncModelAdapter, AsyncScorer, ModelMeta } from './model-adapter.js';
import { readBody } from './read-body.js';
import { retryAfterMs } from './retry-after.js';

class Retryable extends Error {
  constructor(message: string, readonly retryAfterMs: number | null = null) {
    super(message);
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    // the listener goes with the wait: one left per retry would pile up on the shared signal (and warn)
    const abort = () => (clearTimeout(t), reject(signal.reason));
    const t = setTimeout(() => (signal.removeEventListener('abort', abort), resolve()), ms);
    signal.addEventListener('abort', abort, { once: true });
  });

/** Redirect hops followed within one request, all on the same origin and declared. */
const MAX_HOPS = 5;

/** Largest response body accepted: 64 bytes per applicant of the batch, at least 1 MiB. */
const bodyLimit = (rows: number) => Math.max(1 << 20, 64 * rows);

/** Printable one-line excerpt of what a server sent. */
const excerpt = (text: string, max: number) => text.slice(0, max).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');

/**
 * Checks a model file's `redirects` against its `url`: each must be on the same origin.
 *
 * @example checkRedirects(model, meta) // throws for redirects: ["https://elsewhere.example/score"]
 */
function checkRedirects(model: HttpModel, meta: ModelMeta): void {
  const origin = new URL(model.url).origin;
  model.redirects.forEach((r, i) => {
    if (new URL(r).origin !== origin) throw new DisparateError('config', `${meta.file}: redirects.${i}: ${r} is not on the origin of url (${origin}); a redirect may only stay on the same origin`);
  });
}

/**
 * POSTs `rows` to the endpoint in batches of `batch_size`, at most `concurrency` at once. Each
 * request's whole exchange (connect, headers, body) has `timeout_ms`; a timeout, a network error, a
 * cut-off body, 429 or 5xx is retried `retries` times with exponential backoff (Retry-After wins, but
 * one longer than `timeout_ms` stops the run at once). Redirects are followed only with 307/308 to a
 * URL the model file declares in `redirects` (same origin); any other stops the run before anything
 * is sent there. Any other failure, or retries exhausted, rejects the whole call with a
 * DisparateError('model') and aborts the requests still in flight: never a partial result.
 */
export async function postScoringBatches(model: HttpModel, meta: ModelMeta, rows: readonly Applicant[]): Promise<Float32Array> {
  const out = new Float32Array(rows.length);
  const batches: [number, number][] = [];
  for (let s = 0; s < rows.length; s += model.batch_size) batches.push([s, Math.min(rows.length, s + model.batch_size)]);
  const all = new AbortController();
  // each lane listens on it once at a time (its request or its wait): no leak, however many lanes
  setMaxListeners(model.concurrency + 10, all.signal);
  const origin = new URL(model.url).origin;
  const fail = (batch: [number, number], what: string) => new DisparateError('model', `${meta.file}: ${model.url}: rows ${batch[0] + 1}–${batch[1]} of the chunk: ${what}`);

  /** One request, redirects included, under one deadline. */
  async function attempt(batch: [number, number]): Promise<Float32Array> {
    const deadline = new AbortController();
    const timedOut = new Retryable(`timed out after ${model.timeout_ms} ms (timeout_ms, the whole exchange)`);
    const timer = setTimeout(() => deadline.abort(timedOut), model.timeout_ms);
    const cancel = () => deadline.abort(all.signal.reason);
    all.signal.addEventListener('abort', cancel, { once: true });
    const body = JSON.stringify({ rows: rows.slice(batch[0], batch[1]) });
    const failed = (e: unknown, what: string): Error => {
      if (all.signal.aborted) return all.signal.reason as Error;
      if (deadline.signal.aborted) return timedOut;
      return new Retryable(`${what}: ${(e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message}`);
    };
    try {
      let url = model.url;
      let response: Response;
      for (let hop = 0; ; hop++) {
        try {
          response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...model.headers }, body, signal: deadline.signal, redirect: 'manual' });
        } catch (e) {
          throw failed(e, 'network error');
        }
        if (response.status < 300 || response.status > 399 || response.status === 304) break;
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        let next: URL;
        try {
          next = new URL(location ?? '', url);
        } catch {
          throw fail(batch, `HTTP ${response.status} with an unusable Location ${JSON.stringify(excerpt(location ?? '', 120))}`);
        }
        if (location === null) throw fail(batch, `HTTP ${response.status} without a Location header`);
        if (next.origin !== origin) throw fail(batch, `redirected (HTTP ${response.status}) to another origin, Location ${excerpt(next.href, 200)}: refused, nothing was sent there`);
        if (!model.redirects.includes(next.href)) throw fail(batch, `redirected (HTTP ${response.status}) to ${excerpt(next.href, 200)}, which the model file does not declare in "redirects": refused`);
        if (response.status !== 307 && response.status !== 308) throw fail(batch, `HTTP ${response.status} to ${next.href} would turn the POST into a GET; only 307 and 308 are followed`);
        if (hop >= MAX_HOPS) throw fail(batch, `more than ${MAX_HOPS} redirects`);
        url = next.href;
      }
      const declared = response.headers.get('content-length');
      const limit = bodyLimit(batch[1] - batch[0]);
      const tooLong = `the limit of ${limit} bytes (64 bytes per applicant, at least 1 MiB)`;
      if (declared !== null && Number(declared) > limit) {
        await response.body?.cancel().catch(() => undefined);
        throw fail(batch, `response of ${excerpt(declared, 20)} bytes (Content-Length) is longer than ${tooLong}`);
      }
      let text: string;
      try {
        const read = await readBody(response, limit);
        if (read === null) throw fail(batch, `response body longer than ${tooLong}`);
        text = read;
      } catch (e) {
        if (e instanceof DisparateError) throw e;
        throw failed(e, `response cut off${declared ? ` (Content-Length: ${declared})` : ''}`);
      }
      if (response.status === 429 || response.status >= 500) {
        const after = retryAfterMs(response.headers.get('retry-after'), Date.now());
        const status = `HTTP ${response.status}${text ? ` ${excerpt(text, 80)}` : ''}`;
        if (after !== null && after > model.timeout_ms) {
          throw fail(batch, `${status} with Retry-After: ${excerpt(response.headers.get('retry-after') ?? '', 40)}, a wait longer than timeout_ms (${model.timeout_ms} ms): not waiting`);
        }
        throw new Retryable(status, after);
      }
      if (!response.ok) throw fail(batch, `HTTP ${response.status}${text ? ` ${excerpt(text, 120)}` : ''}`);
      let answer: unknown;
      try {
        answer = JSON.parse(text);
      } catch {
        throw fail(batch, `malformed JSON in the response: ${JSON.stringify(excerpt(text, 80))}${declared ? ` (${Buffer.byteLength(text)} bytes, Content-Length: ${declared})` : ''}`);
      }
      const scores = checkAnswer(answer !== null && typeof answer === 'object' && 'scores' in answer ? (answer as { scores: unknown }).scores : answer, batch[1] - batch[0]);
      if (typeof scores === 'string') throw fail(batch, `expected {"scores": [...]}: ${scores}`);
      return scores;
    } finally {
      clearTimeout(timer);
      all.signal.removeEventListener('abort', cancel);
    }
  }

  async function send(batch: [number, number]): Promise<void> {
    for (let tries = 0; ; tries++) {
      try {
        out.set(await attempt(batch), batch[0]);
        return;
      } catch (e) {
        if (!(e instanceof Retryable)) throw e;
        if (tries >= model.retries) throw fail(batch, `failed ${tries + 1} times (retries: ${model.retries}); last: ${e.message}`);
        await sleep(e.retryAfterMs ?? Math.min(model.timeout_ms, model.backoff_ms * 2 ** tries), all.signal);
      }
    }
  }

  let next = 0;
  const lanes = Array.from({ length: Math.min(model.concurrency, batches.length) }, async () => {
    while (next < batches.length && !all.signal.aborted) await send(batches[next++]!);
  });
  try {
    await Promise.all(lanes.map((lane) => lane.catch((e: unknown) => {
      all.abort(e);
      throw e;
    })));
  } catch (e) {
    all.abort(e);
    throw e instanceof DisparateError ? e : new DisparateError('model', `${meta.file}: ${model.url}: ${(e as Error).message}`);
  }
  return out;
}

/** A scoring endpoint as a model (see {@link postScoringBatches}). */
export function httpAdapter(model: HttpModel, meta: ModelMeta): AsyncModelAdapter {
  checkRedirects(model, meta);
  return {
    meta,
    inputs: rawModelInputs(model.inputs),
    async: true,
    bind(table: Table): AsyncScorer {
      const applicants = bindApplicants(meta, model.inputs, table);
      return (start, end) => postScoringBatches(model, meta, applicants(start, end));
    },
  };
}
