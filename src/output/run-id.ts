import { createHash } from 'node:crypto';
import type { RunResult, RunSummary } from '../simulation/result.ts';
import type { OutputFile } from './write.ts';
import { seriesToCsv } from './csv.ts';
import { summaryToJson } from './summary-json.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Binds a run's outputs together: summary.json gets the SHA-256 of the series.csv written with it,
 * and a run id (a hash of both), which report.html and report.md carry too. The same scenario and
 * seed give the same id; `report DIR` refuses a folder whose series.csv is not the summary's.
 */
export function withRunId(summary: RunSummary, seriesCsv: string): RunSummary {
  const seriesSha256 = sha256(seriesCsv);
  const runId = sha256(JSON.stringify(summary) + seriesSha256).slice(0, 16);
  return { ...summary, runId, seriesSha256 };
}

/** Whether series.csv is the one written with this summary. */
export function seriesMatches(summary: { seriesSha256?: string }, seriesCsv: string): boolean {
  return summary.seriesSha256 === sha256(seriesCsv);
}

/** A run's data files, summary.json (with the run id) and series.csv, as `run` writes them; and the summary they carry. */
export function runDataFiles(result: RunResult): { summary: RunSummary; files: OutputFile[] } {
  const csv = seriesToCsv(result.series);
  const summary = withRunId(result.summary, csv);
  return { summary, files: [{ name: 'summary.json', content: summaryToJson(summary) }, { name: 'series.csv', content: csv }] };
}
