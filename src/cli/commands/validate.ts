import type { Command } from '@commander-js/extra-typings';
import { ScenarioError, formatProblem, type Problem } from '../../scenario/problem.ts';
import { collectOverride, parseSeed, scenarioOverrides } from '../options.ts';
import { EXIT, ExitWith } from '../exit-codes.ts';
import { describePlan } from './sweep.ts';

export function addValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check scenario files; print file:line:col: path: problem for each problem')
    .argument('<file...>', 'scenario files (YAML or JSON)')
    .option('--seed <n>', 'check with this seed', parseSeed)
    .option('--set <path=value>', 'check with a scenario value overridden, as in run (repeatable)', collectOverride)
    .addHelpText(
      'after',
      `
Prints on stdout one line per problem (every problem of every file), or one
"valid" line per valid file (after its warnings, if any). A sweep file (with a
sweep: section) is valid when every point of the sweep is. Exit code 0 when
every file is valid, 2 otherwise; warnings alone do not fail.

Examples:
  streamsim validate scenarios/*.yaml
  streamsim validate my-scenario.yaml --set systems.kinesis.shards=0`,
    )
    .action(async (files, opts) => {
      const { loadSweepFile, planSweep } = await import('../../sweep/index.ts');
      const { loadScenarioFile } = await import('../../index.ts');
      const overrides = scenarioOverrides({ set: opts.set ?? [], seed: opts.seed });
      const problems: Problem[] = [];
      for (const file of files) {
        try {
          const onWarning = (w: Problem) => process.stdout.write(`${formatProblem(w)}\n`);
          let sweep = false;
          loadScenarioFile(file, overrides, { onWarning, onSweepSection: () => (sweep = true) });
          // A sweep file: every point must be a valid scenario too.
          const plan = sweep ? planSweep(loadSweepFile(file), { yes: true, onWarning }) : undefined;
          process.stdout.write(plan ? `${file}: valid (a sweep of ${describePlan(plan).replace(/^(.*) = (.*)$/, '$2: $1')})\n` : `${file}: valid\n`);
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          problems.push(...error.problems);
          for (const problem of error.problems) process.stdout.write(`${formatProblem(problem)}\n`);
        }
      }
      if (problems.length > 0) throw new ExitWith(EXIT.USAGE);
    });
}
