import type { SeriesTable } from '../simulation/result.ts';
import { MAX_SAMPLES } from '../scenario/limits.ts';

/** Numbers as the shortest text that keeps 6 significant digits: small files, stable bytes. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

function quote(field: string): string {
  return /[",\n\r]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

export function seriesToCsv(series: SeriesTable): string {
  const lines = [series.columns.map(quote).join(',')];
  for (const row of series.rows) lines.push(row.map(formatNumber).join(','));
  return lines.join('\n') + '\n';
}

/**
 * Reads series.csv back (for `streamsim report DIR`), line by line, checking it is what a run
 * writes: each row as long as the header, cells finite numbers or empty (undefined), times
 * increasing, at most MAX_SAMPLES rows. Throws an Error naming `file` and the line otherwise.
 */
export function csvToSeries(text: string, file = 'series.csv'): SeriesTable {
  const fail = (line: number, message: string): never => {
    throw new Error(`${file}:${line}: ${message} (not the series.csv of a streamsim run)`);
  };
  let start = 0;
  let line = 0;
  let columns: string[] | undefined;
  const rows: (number | undefined)[][] = [];
  let previousTime = Number.NEGATIVE_INFINITY;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const fields = splitCsvLine(text.slice(start, end));
    start = end + 1;
    line++;
    if (columns === undefined) {
      if (fields[0] !== 'time') fail(line, 'the first column must be `time`');
      if (new Set(fields).size !== fields.length || fields.some((f) => f === '')) fail(line, 'column names must be unique and not empty');
      columns = fields;
      continue;
    }
    if (fields.length !== columns.length) fail(line, `${fields.length} fields; the header has ${columns.length}`);
    if (rows.length >= MAX_SAMPLES) fail(line, `more than ${MAX_SAMPLES.toLocaleString('en-US')} rows, the most a run writes`);
    const row = fields.map((cell, i) => {
      if (cell === '') return undefined;
      const value = Number(cell);
      if (!Number.isFinite(value) || cell.trim() !== cell) fail(line, `column ${columns![i]}: "${cell.slice(0, 20)}" is not a number`);
      return value;
    });
    const time = row[0];
    if (time === undefined || !(time > previousTime)) fail(line, 'times must be given and increase from row to row');
    previousTime = time!;
    rows.push(row);
  }
  if (columns === undefined) fail(1, 'the file is empty');
  if (rows.length === 0) fail(2, 'no rows');
  return { columns: columns!, rows };
}

function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}
