import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/report/charts.ts';
import { SYSTEM_COLOURS } from '../../src/report/chart-parts.ts';
import { syntheticResult } from './fixtures.ts';

type Node = Record<string, any>;
const ids = (charts: { id: string }[]) => charts.map((c) => c.id);

/** Every (sub)spec of a chart that has a mark, with its layer siblings. */
function units(spec: Node): Node[] {
  const found: Node[] = [];
  const walk = (n: Node) => {
    if (n.mark) found.push(n);
    for (const key of ['layer', 'hconcat', 'vconcat']) for (const child of n[key] ?? []) walk(child);
    if (n.spec) walk(n.spec);
  };
  walk(spec);
  return found;
}

describe('charts built from the series contract', () => {
  it('a run of both systems gets every chart of the issue: throughput, throttling, lag, latency per app, heatmaps, cost, expired and lost', () => {
    expect(ids(buildCharts(syntheticResult({ apps: ['analytics', 'archiver'] })))).toEqual([
      'throughput-records', 'throughput-bytes', 'throttling', 'lag-records', 'lag-time', 'latency-1', 'latency-2',
      'heatmap-1', 'heatmap-2', 'cost-items', 'cost-cumulative', 'expired-lost',
    ]);
  });

  it('a chart whose columns are absent is left out, not drawn empty', () => {
    const noApps = buildCharts(syntheticResult({ dropColumnsStartingWith: ['app.', 'unit.'] }));
    expect(ids(noApps)).not.toContain('lag-records');
    expect(ids(noApps)).not.toContain('latency-1');
    expect(ids(noApps)).not.toContain('heatmap-1');
    expect(ids(noApps)).toContain('expired-lost'); // records.lost is still there
    const noThrottle = buildCharts(syntheticResult({ dropColumnsStartingWith: ['throttle.'] }));
    expect(ids(noThrottle)).not.toContain('throttling');
  });

  it('each system keeps its colour on every chart, whichever systems the run has', () => {
    for (const systems of [['kinesis'], ['kafka'], ['kinesis', 'kafka']] as const) {
      for (const chart of buildCharts(syntheticResult({ systems: [...systems] }))) {
        for (const unit of units(chart.spec)) {
          const color = unit.encoding?.color;
          if (color?.field !== 'system') continue; // heatmap cells are coloured by load, not by system
          expect(color.scale.domain, chart.id).toEqual([...systems]);
          expect(color.scale.range, chart.id).toEqual(systems.map((s) => SYSTEM_COLOURS[s]));
        }
      }
    }
  });

  it('every time chart draws each timeline action as a labelled vertical rule', () => {
    const timeline = [{ atSeconds: 1800, label: 'kinesis: updateShardCount 8' }];
    const charts = buildCharts(syntheticResult({ durationSeconds: 3600, timeline }));
    const timeCharts = charts.filter((c) => c.id !== 'cost-items');
    expect(timeCharts.length).toBe(11);
    for (const chart of timeCharts) {
      const parts = units(chart.spec);
      const rule = parts.find((u) => u.mark.type === 'rule' && u.data?.values?.[0]?.label);
      const text = parts.find((u) => u.mark.type === 'text' && u.encoding.text.field === 'label');
      expect(rule?.data.values[0], chart.id).toMatchObject({ time: 30, label: 'kinesis: updateShardCount 8' }); // 30 min on a 1 h run's axis
      expect(text, chart.id).toBeDefined();
    }
  });

  it('titles and axes say their units', () => {
    for (const chart of buildCharts(syntheticResult())) {
      expect(chart.title, chart.id).toMatch(/\((records\/s|MB\/s|per second|records|ms|s|min|h|ms, log scale|USD|USD per month|cumulative records|[a-z]+, MB\/s)\)/);
      for (const unit of units(chart.spec)) {
        for (const channel of ['x', 'y']) {
          const title = unit.encoding?.[channel]?.title;
          if (typeof title === 'string' && unit.encoding[channel].type === 'quantitative') expect(title, `${chart.id} ${channel}`).toMatch(/\(|per|USD|MB|records/);
        }
      }
    }
  });

  it('the heatmap shows the per-shard limit: a shard held at 1 MiB/s is marked hot, the others are not', () => {
    const heatmap = buildCharts(syntheticResult({ systems: ['kinesis'] })).find((c) => c.id === 'heatmap-1')!;
    expect(heatmap.spec.title).toMatchObject({ subtitle: '1 of 4 shards reached the 1.049 MB/s per-shard limit' });
    const bars = units(heatmap.spec).find((u) => u.mark.type === 'bar')!;
    expect(bars.data.values.map((p: Node) => p.overLimit)).toEqual([true, false, false, false]);
    const limitRule = units(heatmap.spec).find((u) => u.mark.type === 'rule' && u.data.values[0].limitMb);
    expect(limitRule?.data.values[0].limitMb).toBe(1.049);
  });

  it('Kafka partitions have no limit: the heatmap colours MB/s and draws no limit rule', () => {
    const heatmap = buildCharts(syntheticResult({ systems: ['kafka'] })).find((c) => c.id === 'heatmap-1')!;
    expect(heatmap.title).toBe('Incoming bytes per partition (kafka, MB/s)');
    expect(units(heatmap.spec).some((u) => u.mark.type === 'rule' && u.data.values[0].limitMb)).toBe(false);
  });

  it('a month-long run at a 1-minute interval keeps at most 400 points per line and 8,000 heatmap cells', () => {
    const result = syntheticResult({ durationSeconds: 31 * 86_400, sampleIntervalSeconds: 60, apps: ['analytics'] });
    expect(result.series.rows.length).toBe(44_640);
    for (const chart of buildCharts(result)) {
      for (const unit of units(chart.spec)) {
        const values: Node[] = unit.data?.values ?? [];
        if (unit.mark.type === 'line') {
          const perLine = new Map<string, number>();
          for (const p of values) perLine.set(`${p.system}/${p.metric}`, (perLine.get(`${p.system}/${p.metric}`) ?? 0) + 1);
          for (const [line, n] of perLine) expect(n, `${chart.id} ${line}`).toBeLessThanOrEqual(400);
        }
        if (unit.mark.type === 'rect') expect(values.length, chart.id).toBeLessThanOrEqual(8000);
      }
    }
  });

  it('downsampled throughput keeps the offered rate: the mean over a month is 3,000 × (1 + 0.5 · 2/π) ≈ 3,955 records/s', () => {
    const result = syntheticResult({ durationSeconds: 31 * 86_400, sampleIntervalSeconds: 60, systems: ['kafka'] });
    const chart = buildCharts(result).find((c) => c.id === 'throughput-records')!;
    const offered = units(chart.spec)[0].data.values.filter((p: Node) => p.metric === 'offered by producers');
    const mean = offered.reduce((a: number, p: Node) => a + p.value, 0) / offered.length;
    expect(mean).toBeCloseTo(3000 * (1 + 0.5 * (2 / Math.PI)), -1);
  });
});

describe('report size', () => {
  // 8,928 rows: past the 400-point and 8,000-cell caps, which are what bound the page (a finer interval adds rows, not bytes).
  it('a month at a 5-minute interval with 100 shards, 100 partitions and 4 applications makes a page under 3 MB', async () => {
    const { renderReportHtml } = await import('../../src/report/html.ts');
    const result = syntheticResult({ durationSeconds: 31 * 86_400, sampleIntervalSeconds: 300, apps: ['a', 'b', 'c', 'd'], units: { kinesis: 100, kafka: 100 } });
    const bytes = Buffer.byteLength(renderReportHtml(result));
    expect(bytes).toBeLessThan(3e6);
    expect(bytes).toBeGreaterThan(0.8e6); // the chart libraries alone are ~0.84 MB
  });
});

describe('a chart of zeros', () => {
  it('nothing lost and nothing expired still reads as a zero line on a 0-1 axis, not a one-value axis', () => {
    const chart = buildCharts(syntheticResult()).find((c) => c.id === 'expired-lost')!;
    const line = units(chart.spec).find((u) => u.mark.type === 'line')!;
    expect(line.data.values.every((p: Node) => p.value === 0)).toBe(true);
    expect(line.encoding.y.scale).toEqual({ domain: [0, 1] });
  });
});

describe('replication and capacity charts', () => {
  /** A synthetic run with Kafka's replication columns and both systems' capacity columns added. */
  function withClusterColumns() {
    const result = syntheticResult();
    const { columns, rows } = result.series;
    const added: [string, (t: number) => number][] = [
      ['kafka.ReplicationBytesInPerSec', () => 6e6],
      ['kafka.ReassignmentBytesInPerSec', (t) => (t > 3600 && t <= 4200 ? 40e6 : 0)],
      ['kafka.UnderReplicatedPartitions', (t) => (t > 1800 && t <= 1900 ? 4 : 0)],
      ['kafka.OfflinePartitionsCount', () => 0],
      ['kafka.ReassigningPartitions', (t) => (t > 3600 && t <= 4200 ? 10 : 0)],
      ['kafka.Brokers', (t) => (t > 3600 ? 6 : 3)],
      ['kinesis.ShardCount', (t) => (t > 5400 ? 8 : 4)],
    ];
    for (const [name, value] of added) {
      columns.push(name);
      for (const row of rows) row.push(value(row[0] as number));
    }
    return result;
  }
  const values = (chart: { spec: Node }, metric: string) =>
    units(chart.spec).find((u) => u.mark.type === 'line')!.data.values.filter((p: Node) => p.metric === metric).map((p: Node) => p.value);

  it('a Kafka run shows replication and reassignment traffic, and partitions under-replicated or moving', () => {
    const charts = buildCharts(withClusterColumns());
    const traffic = charts.find((c) => c.id === 'replication-traffic')!;
    expect(Math.max(...values(traffic, 'reassignment (new replicas copying)'))).toBe(40);
    expect(Math.max(...values(traffic, 'replication (followers fetching)'))).toBe(6);
    const health = charts.find((c) => c.id === 'partition-health')!;
    expect(Math.max(...values(health, 'under-replicated'))).toBe(4);
    expect(Math.max(...values(health, 'moving (reassignment)'))).toBe(10);
  });

  it('capacity follows open shards and brokers; runs without those columns have none of these charts', () => {
    const capacity = buildCharts(withClusterColumns()).find((c) => c.id === 'capacity')!;
    const shards = values(capacity, 'open shards');
    expect([shards[0], shards.at(-1)]).toEqual([4, 8]);
    const brokers = values(capacity, 'brokers');
    expect([brokers[0], brokers.at(-1)]).toEqual([3, 6]);
    expect(ids(buildCharts(syntheticResult()))).not.toContain('replication-traffic');
    expect(ids(buildCharts(syntheticResult()))).not.toContain('capacity');
  });
});
