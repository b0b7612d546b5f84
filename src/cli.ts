#!/usr/bin/env node
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from '@commander-js/extra-typings';
import { loadScenarioFile, parseOverride, type Override } from './scenario/load.ts';
import { scenarioJsonSchema } from './scenario/schema.ts';
import { ScenarioError, formatProblem } from './scenario/problem.ts';
import { runScenario } from './simulation/run.ts';
import { seriesToCsv } from './output/csv.ts';
import { summaryToJson } from './output/summary-json.ts';
import { defaultOutputDir, writeOutputsAtomically, type OutputFile } from './output/write.ts';
import { summaryTable } from './output/table.ts';
import { renderReportHtml } from './report/html.ts';
import { progressBar } from './cli/progress.ts';
import { EXIT } from './cli/exit-codes.ts';

const collectOverride = (text: string, previous: Override[]): Override[] => {
  const override = parseOverride(text);
  if (!override) throw new InvalidArgumentError('expected PATH=VALUE, e.g. systems.kinesis.shards=8');
  return [...previous, override];
};

const program = new Command()
  .name('streamsim')
  .description('Deterministic discrete-event simulator of Apache Kafka and Amazon Kinesis Data Streams.')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

program
  .command('run')
  .description('run scenario files; write summary.json, series.csv and report.html')
  .argument('<file...>', 'scenario files (YAML or JSON)')
  .option('-o, --out <dir>', 'output folder (default reports/<scenario name>; with several files, one sub-folder each)')
  .option('--seed <n>', 'seed for the random streams (overrides the scenario)')
  .option('--set <path=value>', 'override a scenario value, e.g. --set systems.kinesis.shards=8 (repeatable)', collectOverride, [] as Override[])
  .option('--json', 'print summary JSON on stdout instead of the table', false)
  .option('--no-report', 'skip report.html')
  .option('-q, --quiet', 'no progress bar and no table', false)
  .action((files, opts) => {
    const overrides = opts.seed === undefined ? opts.set : [...opts.set, { path: 'seed', value: opts.seed }];
    const scenarios = files.map((file) => ({ file, scenario: loadScenarioFile(file, overrides) }));
    const summaries = [];
    for (const { scenario } of scenarios) {
      const bar = progressBar(scenario.name, !opts.quiet && !opts.json);
      let result;
      try {
        result = runScenario(scenario, { onProgress: (f) => bar.update(f) });
      } finally {
        bar.stop();
      }
      const dir = opts.out === undefined ? defaultOutputDir(scenario.name) : files.length > 1 ? path.join(opts.out, path.basename(defaultOutputDir(scenario.name))) : opts.out;
      const outputs: OutputFile[] = [
        { name: 'summary.json', content: summaryToJson(result.summary) },
        { name: 'series.csv', content: seriesToCsv(result.series) },
      ];
      if (opts.report) outputs.push({ name: 'report.html', content: renderReportHtml(result) });
      const written = writeOutputsAtomically(dir, outputs);
      summaries.push(result.summary);
      if (opts.json) continue;
      if (!opts.quiet) process.stdout.write(`${summaryTable(result.summary)}\n\n`);
      const report = written.find((f) => f.endsWith('report.html'));
      process.stdout.write(report ? `report: ${report}\n` : `results: ${dir}\n`);
    }
    if (opts.json) process.stdout.write(JSON.stringify(summaries.length === 1 ? summaries[0] : summaries) + '\n');
  });

program
  .command('validate')
  .description('check scenario files; print file:line:col: problem for each problem')
  .argument('<file...>', 'scenario files (YAML or JSON)')
  .action((files) => {
    const problems = files.flatMap((file) => {
      try {
        loadScenarioFile(file);
        return [];
      } catch (error) {
        if (error instanceof ScenarioError) return error.problems;
        throw error;
      }
    });
    if (problems.length > 0) throw new ScenarioError(problems);
    process.stdout.write(`${files.length === 1 ? files[0] : `${files.length} files`}: valid\n`);
  });

program
  .command('schema')
  .description('print the scenario JSON Schema (draft-07), for editors')
  .action(() => {
    process.stdout.write(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
  });

program.addHelpText(
  'after',
  `
Examples:
  streamsim run scenarios/default.yaml
  streamsim run scenarios/hot-key.yaml --set systems.kinesis.shards=8 --out /tmp/hot
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
