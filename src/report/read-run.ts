import { readRegularFile } from '../files/read-regular-file.ts';
import path from 'node:path';
import type { RunResult, RunSummary, SeriesTable } from '../simulation/result.ts';
import { runSummarySchema } from '../output/summary-schema.ts';
import { seriesMatches } from '../output/run-id.ts';
import { csvToSeries } from '../output/csv.ts';

/** Largest summary.json read back: a run's summary is kilobytes; a thousand consumer applications stay far below. */
const MAX_SUMMARY_BYTES = 64 * 1024 * 1024;
/** Largest series.csv read back: MAX_SAMPLES rows of some thousand columns of short numbers. */
const MAX_SERIES_BYTES = 2 * 1024 * 1024 * 1024 - 1;

/**
 * A run read back from its folder (summary.json and series.csv), to render its report again. Both
 * are checked against what a run writes: the summary by its schema, the series row by row (at most
 * MAX_SAMPLES rows, every cell a finite number or empty, times increasing), and the two against each
 * other (the summary holds the series' SHA-256). Anything else is an Error saying what and where.
 */
export function readRunOutputs(dir: string): RunResult {
  const summaryText = readBounded(dir, 'summary.json', MAX_SUMMARY_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(summaryText);
  } catch (error) {
    throw new Error(`${path.join(dir, 'summary.json')} is not JSON: ${(error as Error).message}`);
  }
  const parsed = runSummarySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path.join(dir, 'summary.json')}: ${issue.path.join('.') || '(the whole file)'}: ${issue.message} (not the summary of a streamsim run)`);
  }
  const seriesText = readBounded(dir, 'series.csv', MAX_SERIES_BYTES);
  const summary = parsed.data as RunSummary;
  if (summary.seriesSha256 !== undefined && !seriesMatches(summary, seriesText))
    throw new Error(`${path.join(dir, 'series.csv')} is not the series written with summary.json (run ${summary.runId}): the folder mixes two runs`);
  return { summary, series: csvToSeries(seriesText, path.join(dir, 'series.csv')), events: 0 };
}

function readBounded(dir: string, name: string, maxBytes: number): string {
  const file = path.join(dir, name);
  const read = readRegularFile(file, maxBytes);
  if ('bytes' in read) return read.bytes.toString('utf8');
  const reasons = {
    'not-found': 'no such file',
    folder: 'it is a folder',
    'not-regular': 'not a regular file',
    'too-large': 'larger than a run writes',
    unreadable: 'reason' in read ? read.reason : '',
  };
  throw new Error(`cannot read ${file}: ${reasons[read.problem]} (is ${dir} the folder of a streamsim run?)`);
}
