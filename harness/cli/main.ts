#!/usr/bin/env node
import yargs from 'yargs';
import { DisparateError, EXIT, exitCodeFor, oneLine } from '../errors/index.js';
import { stopCommandModels } from '../../models/processes/index.js';
import { COMMANDS } from './commands.js';
import { discardPendingOutputs } from './pending-outputs.js';
import { lastReportFolder } from './write-outputs.js';

/**
 * Entry point. Commands map argv to options and call one library function; this file alone turns
 * outcomes into exit codes (0 pass, 1 fail, 2 bad input, 3 internal error) and prints errors as one line.
 */
async function main(argv: string[]): Promise<number> {
  let status: number = EXIT.pass;
  const done = (code: number): void => {
    status = code;
  };
  const cli = yargs(argv);
  await COMMANDS.reduce((y, register) => register(y, argv, done), cli
    .scriptName('disparate')
    .middleware(() => {
      commandStarted = true; // runs before a command's handler, never for --help
      // yargs lays out the whole help text before every command runs, in case the command fails and the
      // help is to be shown; ours never is (.fail below turns a failure into one line), and laying it out
      // costs about as much as parsing the arguments.
      const usage = (cli as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } }).getInternalMethods?.().getUsageInstance?.();
      if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
    }))
    .demandCommand(1, 'name a command: run, audit, merge, compare, reproduce, generate, score, verify, explain, plan, schema or list')
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
  // Whatever ends the process, no command model (nor its descendants) and no temporary folder outlives it.
  stopCommandModels();
  discardPendingOutputs();
  if (settled || !commandStarted) return;
  process.stderr.write('disparate: internal error: the command stopped before finishing (nothing left to wait for); no result was written\n');
  process.exitCode = EXIT.internal;
});

// A signal stops the run where it is: the 'exit' handler above kills the command models (they run in
// process groups of their own, which a terminal's Ctrl-C does not reach) and removes temporary folders;
// the output folder keeps the previous complete report or none (the report is renamed into place whole).
// The handlers stay installed: a second Ctrl-C while exiting must not take the default action and
// end the process before the models are killed.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    settled = true;
    const written = lastReportFolder();
    process.stderr.write(`disparate: interrupted by ${signal}; ${written ? `the report in ${written} was complete before it` : 'nothing was written'}\n`);
    process.exit(EXIT[signal]);
  });
}

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
