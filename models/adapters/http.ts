import type { HttpModel } from '../../harness/config/index.js';
import type { Table } from '../../datasets/table/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { bindApplicants, checkAnswer, rawModelInputs, type Applicant } from './black-box-rows.js';
import type { AsyncModelAdapter, AsyncScorer, ModelMeta } from './model-adapter.js';

class Retryable extends Error {
  constructor(message: string, readonly retryAfterMs: number | null = null) {
    super(message);
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true });
  });

/**
 * POSTs `rows` to the endpoint in batches of `batch_size`, at most `concurrency` at once. A timeout,
 * a network error, 429 or 5xx is retried `retries` times with exponential backoff (Retry-After
 * wins); any other failure, or retries exhausted, rejects the whole call with a
 * DisparateError('model') and aborts the requests still in flight: never a partial result.
 */
export async function postScoringBatches(model: HttpModel, meta: ModelMeta, rows: readonly Applicant[]): Promise<Float32Array> {
  const out = new Float32Array(rows.length);
  const batches: [number, number][] = [];
  for (let s = 0; s < rows.length; s += model.batch_size) batches.push([s, Math.min(rows.length, s + model.batch_size)]);
  const all = new AbortController();
  const fail = (batch: [number, number], what: string) => new DisparateError('model', `${meta.file}: ${model.url}: rows ${batch[0] + 1}–${batch[1]} of the chunk: ${what}`);

  async function attempt(batch: [number, number]): Promise<Float32Array> {
    const signal = AbortSignal.any([all.signal, AbortSignal.timeout(model.timeout_ms)]);
    let response: Response;
    try {
      response = await fetch(model.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...model.headers },
        body: JSON.stringify({ rows: rows.slice(batch[0], batch[1]) }),
        signal,
      });
    } catch (e) {
      if (all.signal.aborted) throw e;
      const name = (e as Error).name;
      throw new Retryable(name === 'TimeoutError' || name === 'AbortError' ? `timed out after ${model.timeout_ms} ms` : `network error: ${(e as Error).message}`);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (e) {
      if (all.signal.aborted) throw e;
      throw new Retryable(`response cut off: ${(e as Error).message}`);
    }
    if (response.status === 429 || response.status >= 500) {
      const after = Number(response.headers.get('retry-after'));
      throw new Retryable(`HTTP ${response.status}${text ? ` ${text.slice(0, 80)}` : ''}`, Number.isFinite(after) && after > 0 ? after * 1000 : null);
    }
    if (!response.ok) throw fail(batch, `HTTP ${response.status}${text ? ` ${text.slice(0, 120)}` : ''}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw fail(batch, `malformed JSON in the response: ${JSON.stringify(text.slice(0, 80))}`);
    }
    const scores = checkAnswer(body !== null && typeof body === 'object' && 'scores' in body ? (body as { scores: unknown }).scores : body, batch[1] - batch[0]);
    if (typeof scores === 'string') throw fail(batch, `expected {"scores": [...]}: ${scores}`);
    return scores;
  }

  async function send(batch: [number, number]): Promise<void> {
    for (let tries = 0; ; tries++) {
      try {
        out.set(await attempt(batch), batch[0]);
        return;
      } catch (e) {
        if (!(e instanceof Retryable)) throw e;
        if (tries >= model.retries) throw fail(batch, `failed ${tries + 1} times (retries: ${model.retries}); last: ${e.message}`);
        await sleep(e.retryAfterMs ?? model.backoff_ms * 2 ** tries, all.signal);
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
