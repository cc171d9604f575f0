import type { Argv } from 'yargs';
import { DisparateError, EXIT } from '../errors/index.js';

export interface ExplainArgs {
  model: string;
  applicant: string;
  threshold?: number | undefined;
  protected?: string | undefined;
  proxies?: string | undefined;
  reference?: string | undefined;
  json: boolean;
}

function parseJsonObject(flag: string, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new DisparateError('usage', `${flag}: not JSON (${(e as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new DisparateError('usage', `${flag}: expected a JSON object such as '{"income": 900}'`);
  return value as Record<string, unknown>;
}

const list = (s: string | undefined) => (s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter(Boolean));

/**
 * `disparate explain --model M --applicant '{…}'`: the applicant's score, each input's contribution,
 * the decision at --threshold and which single change of a protected attribute or proxy flips it.
 */
export const explainCommand = {
  command: 'explain',
  describe: "Explain one applicant's score: contributions, decision, flipping changes",
  builder: (y: Argv) =>
    y
      .option('model', { type: 'string', demandOption: true, describe: 'model file (JSON)' })
      .option('applicant', { type: 'string', demandOption: true, describe: 'the applicant as a JSON object of the model inputs' })
      .option('threshold', { type: 'number', describe: 'flagged when score ≥ threshold' })
      .option('protected', { type: 'string', describe: 'protected attributes to vary, comma-separated (default: every categorical input)' })
      .option('proxies', { type: 'string', describe: 'proxies of a protected attribute to vary, comma-separated' })
      .option('reference', { type: 'string', describe: 'reference values for black-box contributions, a JSON object' })
      .option('json', { type: 'boolean', default: false, describe: 'print the explanation as JSON' }),
  async handler(argv: ExplainArgs): Promise<number> {
    const applicant = parseJsonObject('--applicant', argv.applicant);
    const reference = argv.reference === undefined ? undefined : parseJsonObject('--reference', argv.reference);
    if (argv.threshold !== undefined && !Number.isFinite(argv.threshold)) throw new DisparateError('usage', `--threshold ${argv.threshold}: must be a number`);
    const [{ loadAnyModel }, { explainApplicant, formatExplanation }] = await Promise.all([import('../../models/adapters/index.js'), import('../../models/explain/index.js')]);
    const model = loadAnyModel(argv.model);
    const result = await explainApplicant(model, applicant, { threshold: argv.threshold, protected: list(argv.protected), proxies: list(argv.proxies), reference });
    process.stdout.write(argv.json ? `${JSON.stringify(result, null, 2)}\n` : formatExplanation(result));
    return EXIT.pass;
  },
};
