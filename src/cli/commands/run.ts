import path from 'node:path';
import { InvalidArgumentError, type Command } from '@commander-js/extra-typings';
import { loadScenarioFile, parseOverride, type Override } from '../../scenario/load.ts';
import { runScenario } from '../../simulation/run.ts';
import { seriesToCsv } from '../../output/csv.ts';
import { summaryToJson } from '../../output/summary-json.ts';
import { defaultOutputDir, writeOutputsAtomically, type OutputFile } from '../../output/write.ts';
import { summaryTable } from '../../output/table.ts';
import { reportOutputs, type ReportFormat } from '../../report/outputs.ts';
import { reportFormatsOption } from './report.ts';
import { progressBar } from '../progress.ts';

const collectOverride = (text: string, previous: Override[]): Override[] => {
  const override = parseOverride(text);
  if (!override) throw new InvalidArgumentError('expected PATH=VALUE, e.g. systems.kinesis.shards=8');
  return [...previous, override];
};

export function addRunCommand(program: Command): void {
  program
    .command('run')
    .description('run scenario files; write summary.json, series.csv and report.html')
    .argument('<file...>', 'scenario files (YAML or JSON)')
    .option('-o, --out <dir>', 'output folder (default reports/<scenario name>; with several files, one sub-folder each)')
    .option('--seed <n>', 'seed for the random streams (overrides the scenario)')
    .option('--set <path=value>', 'override a scenario value, e.g. --set systems.kinesis.shards=8 (repeatable)', collectOverride, [] as Override[])
    .option('--json', 'print summary JSON on stdout instead of the table', false)
    .option('--no-report', 'skip report.html')
    .option('--format <formats>', 'also write svg (one file per chart) and/or md (report.md with the SVG charts), comma-separated', reportFormatsOption, ['html'] as ReportFormat[])
    .option('-q, --quiet', 'no progress bar and no table', false)
    .action(async (files, opts) => {
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
        if (opts.report) outputs.push(...(await reportOutputs(result, opts.format)));
        const written = writeOutputsAtomically(dir, outputs);
        summaries.push(result.summary);
        if (opts.json) continue;
        if (!opts.quiet) process.stdout.write(`${summaryTable(result.summary)}\n\n`);
        const report = written.find((f) => f.endsWith('report.html'));
        process.stdout.write(report ? `report: ${report}\n` : `results: ${dir}\n`);
      }
      if (opts.json) process.stdout.write(JSON.stringify(summaries.length === 1 ? summaries[0] : summaries) + '\n');
    });
}
