#!/usr/bin/env node
import { Command, CommanderError } from '@commander-js/extra-typings';
import { ScenarioError, formatProblem } from './scenario/problem.ts';
import { CliFailure, EXIT, ExitWith } from './cli/exit-codes.ts';
import { OutputFolderBusy, OutputWriteError } from './output/write.ts';
import { addRunCommand } from './cli/commands/run.ts';
import { addValidateCommand } from './cli/commands/validate.ts';
import { addSchemaCommand } from './cli/commands/schema.ts';
import { addReportCommand } from './cli/commands/report.ts';
import { addSweepCommand } from './cli/commands/sweep.ts';
import { SweepFolderError } from './sweep/errors.ts';
import { BatchShareError } from './sweep/batch-index.ts';

const program = new Command()
  .name('streamsim')
  .description('Deterministic discrete-event simulator of Apache Kafka and Amazon Kinesis Data Streams.')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  // Options after a command are that command's (sweep and its subcommands share option names).
  .enablePositionalOptions()
  .exitOverride();

// Each command loads the library (src/index.ts) when it runs, not when the CLI starts, so that
// `--help` and usage errors answer at once.
addRunCommand(program);
addValidateCommand(program);
addSchemaCommand(program);
addReportCommand(program);
addSweepCommand(program);

program.addHelpText(
  'after',
  `
A scenario file (YAML or JSON) describes a workload, Kinesis and/or Kafka, and
a timeline of events; \`streamsim schema\` prints its JSON Schema. A run writes
summary.json, series.csv (one row per sample interval) and report.html to
reports/<scenario name>/, or to --out DIR. stdout carries data (tables, paths,
JSON); stderr carries progress and messages. Exit codes: 0 success,
1 unexpected failure, 2 bad usage or invalid scenario.
Run \`streamsim help run\` for the options of a command.

Examples:
  streamsim run scenarios/default.yaml
  streamsim run scenarios/default.yaml --set systems.kinesis.shards=8 --out /tmp/run
  streamsim run scenarios/default.yaml --json --no-report > summary.json
  streamsim run scenarios/default.yaml --format svg,md
  streamsim report reports/default
  streamsim sweep scenarios/sweeps/clickstream-load.yaml --workers 2
  streamsim validate scenarios/*.yaml
  streamsim schema > scenario.schema.json`,
);

export async function main(argv = process.argv): Promise<number> {
  try {
    await program.parseAsync(argv);
    return EXIT.OK;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    if (error instanceof ExitWith) return error.exitCode;
    if (error instanceof ScenarioError) {
      for (const problem of error.problems) process.stderr.write(`${formatProblem(problem)}\n`);
      return EXIT.USAGE;
    }
    if (error instanceof SweepFolderError || error instanceof BatchShareError) {
      process.stderr.write(`streamsim: ${error.message}\n`);
      return EXIT.USAGE;
    }
    if (error instanceof CliFailure || error instanceof OutputWriteError || error instanceof OutputFolderBusy) {
      process.stderr.write(`streamsim: ${error.message}\n`);
      return error instanceof OutputFolderBusy ? EXIT.FAILED : error.exitCode;
    }
    process.stderr.write(`streamsim: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.FAILED;
  }
}

// A reader that stops early (`streamsim schema | head`) closes the pipe: nothing more is wanted.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(EXIT.OK);
});

process.exitCode = await main();
