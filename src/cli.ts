#!/usr/bin/env node
import { Command, CommanderError } from '@commander-js/extra-typings';
import { ScenarioError, formatProblem } from './scenario/problem.ts';
import { EXIT } from './cli/exit-codes.ts';
import { addRunCommand } from './cli/commands/run.ts';
import { addValidateCommand } from './cli/commands/validate.ts';
import { addSchemaCommand } from './cli/commands/schema.ts';
import { addReportCommand } from './cli/commands/report.ts';

const program = new Command()
  .name('streamsim')
  .description('Deterministic discrete-event simulator of Apache Kafka and Amazon Kinesis Data Streams.')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

addRunCommand(program);
addValidateCommand(program);
addSchemaCommand(program);
addReportCommand(program);

program.addHelpText(
  'after',
  `
Examples:
  streamsim run scenarios/default.yaml
  streamsim run scenarios/hot-key.yaml --set systems.kinesis.shards=8 --out /tmp/hot
  streamsim run scenarios/default.yaml --format svg,md
  streamsim report reports/default
  streamsim validate scenarios/*.yaml
  streamsim schema > scenario.schema.json`,
);

export async function main(argv = process.argv): Promise<number> {
  try {
    await program.parseAsync(argv);
    return EXIT.OK;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    if (error instanceof ScenarioError) {
      for (const problem of error.problems) process.stderr.write(`${formatProblem(problem)}\n`);
      return EXIT.USAGE;
    }
    process.stderr.write(`streamsim: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.FAILED;
  }
}

process.exitCode = await main();
