import { DisparateError } from '../../harness/errors/index.js';

type Ort = typeof import('onnxruntime-node');

/** Which runtime scored: recorded so a report can say how the graph was run. */
export interface OnnxRuntime {
  readonly ort: Ort;
  readonly engine: 'node' | 'web';
}

const loaded = new Map<string, Promise<OnnxRuntime>>();

async function loadWeb(): Promise<OnnxRuntime> {
  const ort = (await import('onnxruntime-web')) as unknown as Ort & { env: { wasm: { numThreads: number; proxy: boolean } } };
  // One WebAssembly thread and no proxy worker: the harness parallelises across its own worker threads.
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  // Errors reach the user as DisparateErrors; runtime warnings on stderr would break the CLI's one-line contract.
  ort.env.logLevel = 'error';
  return { ort, engine: 'web' };
}

/**
 * onnxruntime, imported on first use (never by a command that scores no ONNX model): the native
 * CPU binding of onnxruntime-node, or with `auto` the WebAssembly build of onnxruntime-web where the
 * native binding cannot load (an unsupported platform or libc). A DisparateError('model') names the
 * model file when neither loads.
 */
export function loadOnnxRuntime(engine: 'auto' | 'node' | 'web', modelFile: string): Promise<OnnxRuntime> {
  let promise = loaded.get(engine);
  if (!promise) {
    promise = (async () => {
      if (engine === 'web') return loadWeb();
      try {
        const ort = (await import('onnxruntime-node')) as unknown as Ort;
        return { ort, engine: 'node' as const };
      } catch (e) {
        if (engine === 'node') throw new DisparateError('model', `${modelFile}: engine: onnxruntime-node cannot load here (${(e as Error).message.split('\n')[0]}); use engine web or auto`);
        return loadWeb();
      }
    })();
    loaded.set(engine, promise);
  }
  return promise;
}
