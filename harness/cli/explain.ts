import type { ExplainArgs } from './commands.js';
import { DisparateError, EXIT } from '../errors/index.js';

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
