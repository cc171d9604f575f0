import { bindAsync, checkFiniteScores, type AnyModelAdapter, type Contribution, type Explanation } from '../adapters/index.js';
import { applicantTable, type ApplicantValues } from './applicant-table.js';

/** A single change of one input and what it does to the score and the decision. */
export interface Counterfactual {
  readonly input: string;
  readonly role: 'protected' | 'proxy' | 'input';
  readonly from: unknown;
  readonly to: unknown;
  readonly score: number;
  readonly flagged: boolean | null;
  /** True when the decision differs from the applicant's own. */
  readonly flips: boolean | null;
}

/** What `disparate explain` reports about one applicant. */
export interface ApplicantExplanation {
  readonly model: { readonly name: string; readonly kind: string; readonly file: string; readonly hash: string };
  readonly applicant: ApplicantValues;
  readonly score: number;
  readonly category: string | null;
  readonly threshold: number | null;
  readonly flagged: boolean | null;
  readonly explanation: Explanation;
  readonly changes: readonly Counterfactual[];
}

export interface ExplainOptions {
  /** Flagged when score ≥ threshold; without it there is no decision and no flip. */
  readonly threshold?: number | undefined;
  /** Protected attributes and proxies to vary; by default every categorical input is tried. */
  readonly protected?: readonly string[] | undefined;
  readonly proxies?: readonly string[] | undefined;
  /** Reference values of black-box inputs, overriding the model's declared ones. */
  readonly reference?: ApplicantValues | undefined;
}

/**
 * Explains one applicant's score: the model's own exact attribution when it has one (logistic and
 * linear coefficients, scorecard points, trees' path contributions), else, for a black box, the score
 * change when each input alone is set to its reference value (score − score with the input at its
 * reference). Then every single change of a protected attribute or proxy (each other level of a
 * categorical input; the reference value of a numeric one), its score and whether it flips the
 * decision. All variants are scored in one batch.
 *
 *   applicant ──► table (1 + variants rows) ──► model ──► contributions, decision, flips
 */
export async function explainApplicant(model: AnyModelAdapter, applicant: ApplicantValues, opts: ExplainOptions = {}): Promise<ApplicantExplanation> {
  const base = applicantTable(model.inputs, [applicant]);
  const named = [...(opts.protected ?? []), ...(opts.proxies ?? [])];
  const unknown = named.filter((n) => !model.inputs.some((i) => i.name === n));
  const roleOf = (name: string): Counterfactual['role'] => (opts.protected?.includes(name) ? 'protected' : opts.proxies?.includes(name) ? 'proxy' : 'input');
  const varied = named.length > 0 ? model.inputs.filter((i) => named.includes(i.name)) : model.inputs.filter((i) => i.type === 'categorical');
  const reference = (name: string) => (opts.reference && Object.hasOwn(opts.reference, name) ? opts.reference[name] : model.inputs.find((i) => i.name === name)?.reference);

  // Rows: the applicant, then one per black-box reference substitution, then one per change.
  const rows: ApplicantValues[] = [applicant];
  const blackBox = model.explain === undefined;
  if (blackBox) for (const input of model.inputs) rows.push({ ...applicant, [input.name]: reference(input.name) ?? null });
  const changes: { input: string; from: unknown; to: unknown }[] = [];
  for (const input of varied) {
    const targets = input.type === 'categorical' ? (input.levels ?? []) : [reference(input.name)];
    for (const to of targets) if (to !== undefined && to !== applicant[input.name]) changes.push({ input: input.name, from: applicant[input.name], to });
  }
  for (const c of changes) rows.push({ ...applicant, [c.input]: c.to });
  const table = applicantTable(model.inputs, rows, '--applicant');
  const scores = await bindAsync(model, table)(0, rows.length);
  checkFiniteScores(model.meta.file, scores, 0);
  const score = scores[0]!;
  const threshold = opts.threshold ?? null;
  const decide = (s: number) => (threshold === null ? null : s >= threshold);
  const flagged = decide(score);

  let explanation: Explanation;
  if (!blackBox) explanation = model.explain!(base, 0);
  else {
    const contributions: Contribution[] = model.inputs.map((input, k) => ({
      input: input.name,
      value: score - scores[1 + k]!,
      detail: `${JSON.stringify(applicant[input.name])} vs reference ${JSON.stringify(reference(input.name) ?? null)}`,
    }));
    explanation = {
      space: 'score',
      base: score,
      total: score,
      additive: false,
      method: 'black box: score minus the score with the input alone set to its reference value (not additive; interactions are not split)',
      contributions,
    };
  }
  const offset = 1 + (blackBox ? model.inputs.length : 0);
  return {
    model: { name: model.meta.name, kind: model.meta.kind, file: model.meta.file, hash: model.meta.hash },
    applicant,
    score,
    category: model.category?.(score) ?? null,
    threshold,
    flagged,
    explanation: unknown.length > 0 ? { ...explanation, method: `${explanation.method}; not inputs of the model, so not varied: ${unknown.join(', ')}` } : explanation,
    changes: changes.map((c, j) => {
      const s = scores[offset + j]!;
      const f = decide(s);
      return { ...c, role: roleOf(c.input), score: s, flagged: f, flips: f === null ? null : f !== flagged };
    }),
  };
}
