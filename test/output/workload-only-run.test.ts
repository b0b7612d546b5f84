import { describe, expect, it } from 'vitest';
import { csvToSeries, parseScenario, runScenario, seriesToCsv } from '../../src/index.ts';

const SCENARIO = `name: no-systems
duration: 2m
sampleInterval: 30s
workload:
  producers:
    - {name: clicks, rate: 100/s, arrivals: constant, recordSize: 1KB}
    - {name: views, rate: 50/s, recordSize: {dist: uniform, min: 1KB, max: 3KB}}
  consumers:
    - {name: analytics, instances: 2}
`;

describe('a scenario without systems runs the workload alone', () => {
  const result = runScenario(parseScenario(SCENARIO, 'x.yaml'));

  it('offers every record (12,000 from clicks, about 6,000 from views); consumers are listed, idle', () => {
    const { workload } = result.summary;
    expect(workload.producers.clicks).toEqual({ offeredRecords: 12_000, offeredBytes: 12_000_000 });
    expect(Math.abs(workload.producers.views.offeredRecords - 6000)).toBeLessThan(4 * Math.sqrt(6000));
    expect(workload.consumers).toEqual(['analytics']);
  });

  it('has no system in its summary: the fields of systems are absent, not zero', () => {
    expect(result.summary.systems).toEqual({});
    expect(Object.keys(result.summary)).toEqual(['scenario', 'description', 'seed', 'durationSeconds', 'sampleIntervalSeconds', 'workload', 'timeline', 'systems']);
  });

  it('series.csv has one row per 30 s interval, and its offered records add up to the summary', () => {
    const series = csvToSeries(seriesToCsv(result.series));
    expect(series.columns).toEqual(['time', 'workload.OfferedRecords', 'workload.OfferedBytes']);
    expect(series.rows.map((r) => r[0])).toEqual([30, 60, 90, 120]);
    const offered = series.rows.reduce((acc, r) => acc + (r[1] ?? 0), 0);
    const { clicks, views } = result.summary.workload.producers;
    expect(offered).toBe(clicks.offeredRecords + views.offeredRecords);
    // Constant arrivals: 100/s of clicks gives 3,000 records in each interval, plus the views.
    for (const row of series.rows) expect(row[1]).toBeGreaterThan(3000);
  });
});
