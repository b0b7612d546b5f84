import type { SeriesTable } from '../simulation/result.ts';

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

/** Reads series.csv back (for `streamsim report DIR`). Empty cells become undefined. */
export function csvToSeries(text: string): SeriesTable {
  const lines = text.split('\n').filter((line) => line.length > 0);
  const columns = splitCsvLine(lines[0] ?? '');
  const rows = lines.slice(1).map((line) => splitCsvLine(line).map((cell) => (cell === '' ? undefined : Number(cell))));
  return { columns, rows };
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
