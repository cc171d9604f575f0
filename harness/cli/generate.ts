import type { GenerateArgs } from './commands.js';
import { createPopulationWriter, populationFormat } from '../../datasets/io/index.js';
import { loadPopulationSpec, resolvePopulation, samplePopulation } from '../../datasets/synth/index.js';
import { DisparateError, EXIT } from '../errors/index.js';
import { stageFile } from './stage-file.js';

/**
 * `disparate generate <population.yaml> --size N --seed S --out FILE`: writes a synthetic population
 * for other tools, format from the extension (.csv, .parquet, .arrow/.feather for the Arrow IPC file, .arrows/.ipc for the stream
 * format). Rows are sampled and written in chunks (default 65,536), so memory does not grow with N;
 * the file is the same whatever the chunk size.
 */
const FORMAT_NAMES: Record<ReturnType<typeof populationFormat>, string> = { csv: 'CSV', arrow: 'Arrow IPC', parquet: 'Parquet' };

export const generateCommand = {
  async handler(argv: GenerateArgs): Promise<number> {
    for (const [flag, value, min] of [['--size', argv.size, 0], ['--chunk-size', argv['chunk-size'], 1]] as const) {
      if (!(Number.isSafeInteger(value) && value >= min)) throw new DisparateError('usage', `${flag} ${value}: must be an integer ≥ ${min}`);
    }
    if (!(Number.isSafeInteger(argv.seed) && argv.seed >= 0)) throw new DisparateError('usage', `--seed ${argv.seed}: must be an integer in [0, 2^53)`);
    const format = populationFormat(argv.out);
    const resolved = resolvePopulation(loadPopulationSpec(argv.population), argv.population);
    // written beside and renamed into place when complete: an interrupted or failed run leaves the previous file or none
    const staged = stageFile(argv.out);
    try {
      const writer = createPopulationWriter(staged.path, format);
      try {
        const chunk = argv['chunk-size'];
        // An empty population still gets a header (CSV) or a schema (Arrow).
        for (let start = 0; start < argv.size || start === 0; start += chunk) {
          writer.write(samplePopulation(resolved, { seed: argv.seed, n: Math.min(chunk, argv.size - start), start, size: argv.size }));
          if (argv.size === 0) break;
          await new Promise((r) => setImmediate(r)); // a signal is handled between chunks, not after the last
        }
      } finally {
        writer.close();
      }
    } catch (e) {
      staged.discard();
      throw e instanceof DisparateError ? new DisparateError(e.code, e.message.replaceAll(staged.path, argv.out)) : new DisparateError('usage', `${argv.out}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    staged.commit();
    process.stdout.write(`wrote ${argv.size} rows of ${resolved.spec.name} (seed ${argv.seed}) to ${argv.out} (${FORMAT_NAMES[format]})\n`);
    return EXIT.pass;
  },
};
