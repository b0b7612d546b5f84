import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from '@commander-js/extra-typings';
import { parseReportFormats, type ReportFormat } from '../../report/formats.ts';
import { EXIT } from '../exit-codes.ts';

/** `--format svg,md` as a commander option parser: report.html always, plus the formats named (usage errors exit 2). */
export function reportFormatsOption(text: string): ReportFormat[] {
  try {
    return parseReportFormats(`html,${text}`);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

export function addReportCommand(program: Command): void {
  program
    .command('report')
    .description("render a run's report again from its summary.json and series.csv")
    .argument('<dir>', 'folder of a run (holding summary.json and series.csv)')
    .option('-o, --out <dir>', 'where to write the report (default: the run folder)')
    .option('--format <formats>', 'also write svg (one file per chart) and/or md (report.md with the SVG charts), comma-separated; report.html is always written', reportFormatsOption, ['html'] as ReportFormat[])
    .action(async (dir, opts, command) => {
      const { readRunOutputs, renderReport, writeOutputsAtomically } = await import('../../index.ts');
      const result = (() => {
        try {
          return readRunOutputs(dir);
        } catch (error) {
          return command.error(`streamsim report: ${(error as Error).message}`, { exitCode: EXIT.USAGE, code: 'streamsim.report.input' });
        }
      })();
      // The folder is replaced as a set: the run's own files go with the new report.
      const data = ['summary.json', 'series.csv'].map((name) => ({ name, content: readFileSync(path.join(dir, name), 'utf8') }));
      const written = writeOutputsAtomically(opts.out ?? dir, [...data, ...(await renderReport(result, opts.format))]);
      for (const file of written) if (/report\.(html|md)$/.test(file)) process.stdout.write(`report: ${file}\n`);
      const svgs = written.filter((f) => f.endsWith('.svg')).length;
      if (svgs > 0) process.stdout.write(`charts: ${svgs} SVG files in ${opts.out ?? dir}\n`);
    });
}
