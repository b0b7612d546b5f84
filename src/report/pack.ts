import type { VegaLiteSpec } from './chart-parts.ts';

/**
 * Chart data packed by column for the page: a line of 400 points as row objects repeats every
 * field name 400 times; as columns it is a list of numbers, and repeated strings (system, metric,
 * shard id) become indices into a short list. This keeps a month-long report small (see README).
 * The page unpacks it (UNPACK_SCRIPT) into the `datasets` of each spec before embedding it.
 */
export interface PackedTable {
  /** Number of rows. */
  n: number;
  /** Per field: the values in row order (null where a row lacks the field), or keys `k` and per-row indices `i` (-1 where absent). */
  c: Record<string, (number | null)[] | { k: unknown[]; i: number[] }>;
}

export interface PackedCharts {
  /** Each spec with its inline `data: {values}` replaced by `data: {name}`, and the names it uses. */
  specs: { spec: VegaLiteSpec; datasets: string[] }[];
  /** Every dataset once (identical tables, like the timeline's marks, are shared). */
  datasets: Record<string, PackedTable>;
}

export function packTable(rows: Record<string, unknown>[]): PackedTable {
  const fields: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!fields.includes(key)) fields.push(key);
  const c: PackedTable['c'] = {};
  for (const field of fields) {
    const values = rows.map((row) => row[field]);
    if (values.every((v) => v === undefined || typeof v === 'number')) {
      c[field] = values.map((v) => (v === undefined ? null : (v as number)));
    } else {
      const keys: unknown[] = [];
      const index = new Map<string, number>();
      const i = values.map((v) => {
        if (v === undefined) return -1;
        const id = JSON.stringify(v);
        if (!index.has(id)) {
          index.set(id, keys.length);
          keys.push(v);
        }
        return index.get(id)!;
      });
      c[field] = { k: keys, i };
    }
  }
  return { n: rows.length, c };
}

/** The inverse of packTable (the same algorithm as UNPACK_SCRIPT, for tests). */
export function unpackTable(t: PackedTable): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = Array.from({ length: t.n }, () => ({}));
  for (const [field, column] of Object.entries(t.c)) {
    rows.forEach((row, r) => {
      const v = Array.isArray(column) ? column[r] : column.i[r] < 0 ? null : column.k[column.i[r]];
      if (v !== null && v !== undefined) row[field] = v;
    });
  }
  return rows;
}

export function packCharts(specs: VegaLiteSpec[]): PackedCharts {
  const datasets: Record<string, PackedTable> = {};
  const names = new Map<string, string>();
  const packed = specs.map((spec) => {
    const used: string[] = [];
    const walk = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(walk);
      if (node === null || typeof node !== 'object') return node;
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node)) {
        const values = key === 'data' && value && typeof value === 'object' ? (value as { values?: unknown }).values : undefined;
        if (Array.isArray(values)) {
          const id = JSON.stringify(values);
          let name = names.get(id);
          if (name === undefined) {
            name = `d${names.size}`;
            names.set(id, name);
            datasets[name] = packTable(values as Record<string, unknown>[]);
          }
          if (!used.includes(name)) used.push(name);
          out[key] = { name };
        } else out[key] = walk(value);
      }
      return out;
    };
    return { spec: walk(spec) as VegaLiteSpec, datasets: used };
  });
  return { specs: packed, datasets };
}

/** Browser code: `streamsimUnpack(table)` gives the rows back (mirrors unpackTable). */
export const UNPACK_SCRIPT = `function streamsimUnpack(t) {
  var rows = []; for (var r = 0; r < t.n; r++) rows.push({});
  Object.keys(t.c).forEach(function (field) {
    var col = t.c[field], dense = Array.isArray(col);
    for (var r = 0; r < t.n; r++) {
      var v = dense ? col[r] : (col.i[r] < 0 ? null : col.k[col.i[r]]);
      if (v !== null && v !== undefined) rows[r][field] = v;
    }
  });
  return rows;
}`;
