import type { ScoreArgs } from './commands.js';
import { DisparateError, EXIT } from '../errors/index.js';
import { stageFile } from './stage-file.js';

/**
 * `disparate score --model M --data FILE --out FILE`: scores real or generated applicants and writes
 * them back with a `score` column (plus `category` for scorecards with categories and `flagged`
 * with --threshold). Reads CSV, JSONL, Parquet or Arrow; writes CSV, Parquet or Arrow by extension.
 */
export const scoreCommand = {
  async handler(argv: ScoreArgs): Promise<number> {
    if (argv.threshold !== undefined && !Number.isFinite(argv.threshold)) throw new DisparateError('usage', `--threshold ${argv.threshold}: must be a number`);
    const [{ loadAnyModel }, { scoreTable }, { readPopulation, writePopulation }] = await Promise.all([
      import('../../models/adapters/index.js'),
      import('../../models/explain/index.js'),
      import('../../datasets/io/index.js'),
    ]);
    const model = loadAnyModel(argv.model);
    const expected = Object.fromEntries(
      model.inputs.map((i) => [i.name, i.type === 'numeric' ? { kind: 'numeric' as const } : { kind: 'categorical' as const, levels: i.levels }]),
    );
    const table = readPopulation(argv.data, { columns: expected, encoding: argv.encoding });
    const scored = await scoreTable(model, table, { threshold: argv.threshold, dataFile: argv.data });
    const staged = stageFile(argv.out);
    try {
      writePopulation(scored, staged.path);
    } catch (e) {
      staged.discard();
      throw e instanceof DisparateError ? new DisparateError(e.code, e.message.replaceAll(staged.path, argv.out)) : new DisparateError('usage', `${argv.out}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    staged.commit();
    process.stdout.write(`scored ${table.n} rows of ${argv.data} with ${model.meta.name} (${model.meta.kind}); wrote ${argv.out}\n`);
    return EXIT.pass;
  },
};
