import type { SeriesTable } from '../simulation/result.ts';
import { UNIT_LIMIT_BYTES_PER_SEC } from '../simulation/series-contract.ts';

/** The systems a report knows, in the order they are shown; `workload` is a run without systems. */
export const REPORT_SYSTEMS = ['kinesis', 'kafka', 'workload'] as const;

const APP_COLUMN = /^app\.(.+)\.(lagRecords|lagMs|latencyP50Ms|latencyP99Ms|latencyP999Ms|expired)$/;
const UNIT_COLUMN = /^unit\.(.+)\.inBytes$/;

/** Shard and partition ids in natural order: shardId-2 before shardId-10, partition 2 before 10. */
export function compareUnitIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/**
 * Read access to series.csv by system: which systems, applications and shards/partitions it has,
 * and each column's values. Column names follow src/simulation/series-contract.ts, prefixed by the
 * system (`kinesis.throughput.inBytes`).
 */
export class SeriesView {
  readonly times: number[];
  private readonly index = new Map<string, number>();

  constructor(private readonly series: SeriesTable) {
    series.columns.forEach((name, i) => this.index.set(name, i));
    const time = this.index.get('time') ?? 0;
    this.times = series.rows.map((row) => row[time] ?? 0);
  }

  has(column: string): boolean {
    return this.index.has(column);
  }

  /** The column's values, one per row (undefined where the cell is empty or the column absent). */
  values(column: string): (number | undefined)[] {
    const i = this.index.get(column);
    return this.series.rows.map((row) => (i === undefined ? undefined : row[i]));
  }

  /** Systems with at least one column, in REPORT_SYSTEMS order. */
  systems(): string[] {
    return REPORT_SYSTEMS.filter((system) => this.series.columns.some((c) => c.startsWith(`${system}.`)));
  }

  /** Consumer applications with contract columns for `system`, in first-column order. */
  apps(system: string): string[] {
    return this.matching(system, APP_COLUMN);
  }

  /** Shards or partitions with `unit.<id>.inBytes` columns for `system`, in natural order. */
  units(system: string): string[] {
    return this.matching(system, UNIT_COLUMN).sort(compareUnitIds);
  }

  /** The per-shard write limit, bytes/s, if the system has one (the largest value seen). */
  unitLimitBytesPerSec(system: string): number | undefined {
    const values = this.values(`${system}.${UNIT_LIMIT_BYTES_PER_SEC}`).filter((v): v is number => v !== undefined && v > 0);
    return values.length > 0 ? Math.max(...values) : undefined;
  }

  private matching(system: string, pattern: RegExp): string[] {
    const prefix = `${system}.`;
    const found: string[] = [];
    for (const column of this.series.columns) {
      if (!column.startsWith(prefix)) continue;
      const match = pattern.exec(column.slice(prefix.length));
      if (match && !found.includes(match[1])) found.push(match[1]);
    }
    return found;
  }
}
