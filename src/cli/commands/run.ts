import path from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import type { Override } from '../../scenario/override.ts';
import { ScenarioError, formatProblem } from '../../scenario/problem.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { defaultOutputDir, OutputFolder, type OutputFile } from '../../output/write.ts';
import type { ReportFormat } from '../../report/formats.ts';
import { reportFormatsOption } from './report.ts';
import { progressLine } from '../progress.ts';
import { collectOverride, parseSeed, scenarioOverrides } from '../options.ts';
import { CliFailure, EXIT } from '../exit-codes.ts';
import { EventLimitExceeded } from '../../engine/simulator.ts';
import { MAX_RUN_EVENTS } from '../../scenario/limits.ts';
import { RUNAWAY } from '../../scenario/messages.ts';

export function addRunCommand(program: Command): void {
  program
    .command('run')
    .description('run scenario files; write summary.json, series.csv and report.html')
    .argument('<file...>', 'scenario files (YAML or JSON)')
    .option('-o, --out <dir>', 'output folder (default reports/<scenario name>; with several files, one sub-folder each)')
    .option('--seed <n>', 'seed for the random streams (overrides the scenario)', parseSeed)
    .option('--set <path=value>', 'override a scenario value, e.g. --set systems.kinesis.shards=8 (repeatable)', collectOverride)
    .option('--json', 'print the summary JSON on stdout instead of the table (and nothing else)')
    .option('--no-report', 'skip report.html')
    .option('--format <formats>', 'also write svg (one file per chart) and/or md (report.md with the SVG charts), comma-separated', reportFormatsOption, ['html'] as ReportFormat[])
    .option('-q, --quiet', 'no progress line and no table')
    .option('-y, --yes', `run even a run estimated at more than ${MAX_RUN_EVENTS.toExponential(0)} events (docs/limits.md)`)
    .addHelpText(
      'after',
      `
Every file is checked before anything runs: an invalid file prints
file:line:col: path: problem for each problem, exits with code 2 and writes
nothing. The output folder is checked and locked before the run, and
replaced as a whole set at the end (docs/limits.md). On a terminal, a
progress line on stderr shows the simulated time, records simulated per
second and the time left; nothing is drawn when stderr is not a terminal.

--set takes a dotted path (list items by index) and a value written as in the
file, units included; --seed N is --set seed=N.

Examples:
  streamsim run scenarios/default.yaml
  streamsim run scenarios/default.yaml --set duration=2h --set systems.kinesis.shards=8
  streamsim run scenarios/default.yaml --set workload.producers.0.rate=5MB/s --seed 7 --out /tmp/run
  streamsim run scenarios/default.yaml --json --no-report | jq '.systems.kinesis.cost.total'
  streamsim run scenarios/*.yaml --out reports/all --quiet`,
    )
    .action(async (files, opts) => {
      const lib = await import('../../index.ts');
      const { runScenario, runDataFiles, renderReport, summaryTable } = lib;
      const overrides = scenarioOverrides({ set: opts.set ?? [], seed: opts.seed });
      const runs = loadAll(lib, files, overrides).map(({ file, scenario }) => ({ file, scenario, dir: outputDir(scenario, files.length, opts.out) }));
      checkDistinctFolders(runs);
      const summaries = [];
      // Every folder is checked and locked before anything runs: a bad --out fails at once.
      const folders: OutputFolder[] = [];
      try {
        for (const run of runs) folders.push(OutputFolder.claim(run.dir));
        if (!opts.yes) await refuseRunaways(runs);
        for (const [i, { scenario, dir }] of runs.entries()) {
          const progress = progressLine(scenario.name, !opts.quiet && !opts.json);
          let result;
          try {
            result = runScenario(scenario, { onProgress: (fraction, where) => progress.update(fraction, where), eventLimit: opts.yes ? undefined : RUN_EVENT_BACKSTOP });
          } catch (error) {
            if (error instanceof EventLimitExceeded) throw new CliFailure(RUNAWAY.stopped(scenario.name, error.limit), EXIT.FAILED);
            throw error;
          } finally {
            progress.stop();
          }
          const data = runDataFiles(result);
          result = { ...result, summary: data.summary };
          const outputs: OutputFile[] = [...data.files];
          if (opts.report) outputs.push(...(await renderReport(result, opts.format)));
          const written = folders[i].replace(outputs);
          summaries.push(result.summary);
          if (opts.json) continue;
          if (!opts.quiet) process.stdout.write(`${summaryTable(result.summary)}\n\n`);
          const report = written.find((f) => f.endsWith('report.html'));
          process.stdout.write(report ? `report: ${report}\n` : `results: ${dir}\n`);
        }
      } finally {
        for (const folder of folders) folder.release();
      }
      if (opts.json) process.stdout.write(JSON.stringify(summaries.length === 1 ? summaries[0] : summaries) + '\n');
    });
}

/** Loads every file first, so that one invalid file stops the command before anything runs or is written. */
function loadAll({ loadScenarioFile }: typeof import('../../index.ts'), files: string[], overrides: Override[]): { file: string; scenario: Scenario }[] {
  const loaded: { file: string; scenario: Scenario }[] = [];
  const problems = [];
  for (const file of files) {
    try {
      const onSweepSection = () => process.stderr.write(`note: ${file} has a sweep: section; this runs its scenario as written (streamsim sweep ${file} runs the sweep)\n`);
      loaded.push({ file, scenario: loadScenarioFile(file, overrides, { onWarning: (w) => process.stderr.write(`${formatProblem(w)}\n`), onSweepSection }) });
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  return loaded;
}

function outputDir(scenario: Scenario, fileCount: number, out: string | undefined): string {
  if (out === undefined) return defaultOutputDir(scenario.name);
  return fileCount > 1 ? path.join(out, path.basename(defaultOutputDir(scenario.name))) : out;
}

function checkDistinctFolders(runs: { file: string; dir: string }[]): void {
  const seen = new Map<string, string>();
  for (const { file, dir } of runs) {
    const other = seen.get(path.resolve(dir));
    if (other) throw new CliFailure(`${file} and ${other} would both write to ${dir}: give the scenarios different names, or run them separately with --out`, EXIT.USAGE);
    seen.set(path.resolve(dir), file);
  }
}

/** A run past this many events was estimated wrongly: it stops, writing nothing, rather than run for hours. */
const RUN_EVENT_BACKSTOP = 5 * MAX_RUN_EVENTS;

/** Refuses, before anything runs, the runs estimated at more than MAX_RUN_EVENTS events. */
async function refuseRunaways(runs: { file: string; scenario: Scenario }[]): Promise<void> {
  const { estimateEvents } = await import('../../simulation/estimate.ts');
  const messages = runs.flatMap(({ file, scenario }) => {
    const estimate = estimateEvents(scenario);
    return estimate.events > MAX_RUN_EVENTS ? [RUNAWAY.refused(file, estimate, MAX_RUN_EVENTS)] : [];
  });
  if (messages.length > 0) throw new CliFailure(messages.join('\n'), EXIT.USAGE);
}
