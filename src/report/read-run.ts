import { readFileSync } from 'node:fs';
import path from 'node:path';
import { csvToSeries } from '../output/csv.ts';
import type { RunResult, RunSummary } from '../simulation/result.ts';

/** A run read back from its folder (summary.json and series.csv), to render its report again. */
export function readRunOutputs(dir: string): RunResult {
  const read = (name: string) => {
    try {
      return readFileSync(path.join(dir, name), 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      throw new Error(`cannot read ${path.join(dir, name)}: ${reason} (is ${dir} the folder of a streamsim run?)`);
    }
  };
  const summary = JSON.parse(read('summary.json')) as RunSummary;
  return { summary, series: csvToSeries(read('series.csv')), events: 0 };
}
