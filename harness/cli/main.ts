#!/usr/bin/env node
import yargs from 'yargs';
import { DisparateError, EXIT, exitCodeFor } from '../errors/index.js';
import { auditCommand, type AuditArgs } from './audit.js';
import { generateCommand, type GenerateArgs } from './generate.js';
import { explainCommand, type ExplainArgs } from './explain.js';
import { listCommand } from './list.js';
import { mergeCommand, type MergeArgs } from './merge.js';
import { planCommand, type PlanArgs } from './plan.js';
import { reproduceCommand, type ReproduceArgs } from './reproduce.js';
import { runCommand, type RunArgs } from './run.js';
import { schemaCommand } from './schema.js';
import { scoreCommand, type ScoreArgs } from './score.js';
import { verifyCommand, type VerifyArgs } from './verify.js';

/**
 * Entry point. Commands map argv to options and call one library function; this file alone turns
 * outcomes into exit codes (0 pass, 1 fail, 2 bad input, 3 internal error) and prints errors as one line.
 */
async function main(argv: string[]): Promise<number> {
  let status: number = EXIT.pass;
  await yargs(argv)
    .scriptName('disparate')
    .middleware(() => {
      commandStarted = true; // runs before a command's handler, never for --help
    })
    .command(runCommand.command, runCommand.describe, runCommand.builder, async (a) => {
      status = await runCommand.handler(a as unknown as RunArgs, argv);
    })
    .command(auditCommand.command, auditCommand.describe, auditCommand.builder, async (a) => {
      status = await auditCommand.handler(a as unknown as AuditArgs, argv);
    })
    .command(mergeCommand.command, mergeCommand.describe, mergeCommand.builder, async (a) => {
      status = await mergeCommand.handler(a as unknown as MergeArgs, argv);
    })
    .command(schemaCommand.command, schemaCommand.describe, schemaCommand.builder, (a) => {
      status = schemaCommand.handler(a as unknown as { kind: string; write: boolean });
    })
    .command(reproduceCommand.command, reproduceCommand.describe, reproduceCommand.builder, async (a) => {
      status = await reproduceCommand.handler(a as unknown as ReproduceArgs, argv);
    })
    .command(planCommand.command, planCommand.describe, planCommand.builder, (a) => {
      status = planCommand.handler(a as unknown as PlanArgs);
    })
    .command(generateCommand.command, generateCommand.describe, generateCommand.builder, (a) => {
      status = generateCommand.handler(a as unknown as GenerateArgs);
    })
    .command(scoreCommand.command, scoreCommand.describe, scoreCommand.builder, async (a) => {
      status = await scoreCommand.handler(a as unknown as ScoreArgs);
    })
    .command(verifyCommand.command, verifyCommand.describe, verifyCommand.builder, async (a) => {
      status = await verifyCommand.handler(a as unknown as VerifyArgs);
    })
    .command(explainCommand.command, explainCommand.describe, explainCommand.builder, async (a) => {
      status = await explainCommand.handler(a as unknown as ExplainArgs);
    })
    .command(listCommand.command, listCommand.describe, {}, () => {
      status = listCommand.handler();
    })
    .demandCommand(1, 'name a command: run, audit, merge, reproduce, generate, score, verify, explain, plan, schema or list')
    .strict()
    .help()
    .version(false)
    .fail((message, error) => {
      throw error ?? new DisparateError('usage', message);
    })
    .parseAsync();
  return status;
}

// A command whose promise never settles (nothing left to wait for) must not end as a silent exit 0.
let commandStarted = false;
let settled = false;
process.on('exit', () => {
  if (settled || !commandStarted) return;
  process.stderr.write('disparate: internal error: the command stopped before finishing (nothing left to wait for); no result was written\n');
  process.exitCode = EXIT.internal;
});

main(process.argv.slice(2)).then(
  (status) => {
    settled = true;
    process.exitCode = status;
  },
  (error: unknown) => {
    settled = true;
    const code = exitCodeFor(error);
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(code === EXIT.internal ? `disparate: internal error: ${message}\n` : `disparate: ${oneLine(message)}\n`);
    if (code === EXIT.internal && process.env.DISPARATE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = code;
  },
);

/** A multi-line message (yargs lists invalid choices on the following lines) joined into one line. */
function oneLine(message: string): string {
  return message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
}
