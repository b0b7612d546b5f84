import { describe, expect, it } from 'vitest';
import { summaryTable } from '../../src/output/table.ts';
import type { RunSummary, SystemSummary } from '../../src/simulation/result.ts';

const system = (consumers: SystemSummary['consumers']): SystemSummary => ({
  records: { offered: 1_000_000, accepted: 990_000, rejected: 10_000, pending: 0, lost: 0 },
  consumers,
  throttled: { WriteProvisionedThroughputExceeded: 1234 },
  cost: { currency: 'USD', total: 1.234, perMonth: 900.82, items: {} },
});

const summary = (systems: RunSummary['systems']): RunSummary => ({
  scenario: 't', description: '', seed: 1, durationSeconds: 3600, sampleIntervalSeconds: 10,
  workload: { text: '', producers: {}, consumers: [] }, timeline: [], systems,
});

const row = (table: string, label: string) => table.split('\n').find((line) => line.startsWith(label))!;

describe('the table printed after a run', () => {
  it('sets the systems side by side, counts with thousands separators and dollars to the cent', () => {
    const table = summaryTable(summary({ kinesis: system({}), kafka: system({}) }));
    expect(table.split('\n')[0].trim().split(/\s+/)).toEqual(['kinesis', 'kafka']);
    expect(row(table, 'records offered')).toMatch(/1,000,000\s+1,000,000$/);
    expect(row(table, 'throttled')).toMatch(/1,234\s+1,234$/);
    expect(row(table, 'cost, this run')).toMatch(/\$1\.23\s+\$1\.23$/);
  });

  it('shows a dash, not zero, where a value does not apply: no latency without deliveries, no cost per million without records', () => {
    const table = summaryTable(summary({ kinesis: system({ idle: { delivered: 0, duplicates: 0, expired: 0, backlog: 0, lagMaxMs: 0 } }) }));
    expect(row(table, 'latency p99 (worst app)')).toMatch(/–$/);
    expect(row(table, 'max lag (worst app)')).toMatch(/0\.0 ms$/);
    expect(row(table, 'cost per million records')).toMatch(/–$/);
    const noApps = summaryTable(summary({ kinesis: system({}) }));
    expect(row(noApps, 'max lag (worst app)')).toMatch(/–$/);
  });

  it('takes the worst application: p99 of 40 ms and 900 ms shows 900 ms', () => {
    const latency = (p99: number) => ({ p50: 1, p95: 2, p99, p999: p99, max: p99 });
    const table = summaryTable(
      summary({
        kafka: system({
          a: { delivered: 1, duplicates: 0, expired: 0, backlog: 0, lagMaxMs: 5, latencyMs: latency(40) },
          b: { delivered: 1, duplicates: 0, expired: 0, backlog: 0, lagMaxMs: 2500, latencyMs: latency(900) },
        }),
      }),
    );
    expect(row(table, 'latency p99 (worst app)')).toMatch(/900 ms$/);
    expect(row(table, 'max lag (worst app)')).toMatch(/2,500 ms$/);
  });
});
