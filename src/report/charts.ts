import type { RunResult } from '../simulation/result.ts';
import { COMMON, appColumn, unitInBytes } from '../simulation/series-contract.ts';
import { SeriesView } from './series-view.ts';
import { MAX_POINTS_PER_LINE, compact, fold, makeBuckets, type Bucket, type Fold } from './resample.ts';
import { timeUnitFor, type TimeUnit } from './time-axis.ts';
import {
  CHART_CONFIG, CHART_HEIGHT_PX, CHART_WIDTH_PX, OVER_LIMIT_COLOUR, VEGA_LITE_SCHEMA, layeredChart, millisUnit, systemColourScale, timeX, timelineLayers,
  timelineMarks, type Chart, type LineChartText, type TimelineMark, type VegaLiteSpec,
} from './chart-parts.ts';
import { utilisationChart } from './utilisation-chart.ts';

/** Heatmaps: at most this many time columns, and this many cells per system (page size). */
const MAX_HEATMAP_COLUMNS = 150;
const MAX_HEATMAP_CELLS = 8000;
const BYTES_PER_MB = 1e6;
/** A shard averaging 99.5 % of its limit over a bucket is at the limit: the model throttles the rest. */
const AT_LIMIT_PERCENT = 99.5;

/** What every chart builder needs: the series, its buckets and axis, the timeline, the systems. */
export interface ChartContext {
  view: SeriesView;
  buckets: Bucket[];
  unit: TimeUnit;
  endTime: number;
  marks: TimelineMark[];
  systems: string[];
}

/** A point of a time chart: one system, one named line (`metric`), one value. */
interface Point {
  time: number;
  system: string;
  metric: string;
  value: number;
}

/** The points of one column of one system, folded into the buckets and scaled. Empty if absent. */
export function line(ctx: ChartContext, system: string, column: string, how: Fold, metric: string, divisor = 1): Point[] {
  const name = `${system}.${column}`;
  if (!ctx.view.has(name)) return [];
  const values = fold(ctx.view.values(name), ctx.buckets, how);
  const points: Point[] = [];
  values.forEach((v, i) => {
    if (v !== undefined) points.push({ time: compact(ctx.buckets[i].endSeconds / ctx.unit.seconds), system, metric, value: compact(v / divisor) });
  });
  return points;
}

interface TimeChartOptions extends LineChartText {
  points: Point[];
  logY?: boolean;
}

/** Lines over time, one colour per system and one dash per metric, with the timeline's rules. */
export function timeChart(ctx: ChartContext, o: TimeChartOptions): Chart | undefined {
  const points = o.logY ? o.points.filter((p) => p.value > 0) : o.points;
  if (points.length === 0) return undefined;
  const metrics = [...new Set(points.map((p) => p.metric))];
  // All zeros (nothing throttled, nothing lost) would give a one-value axis: show 0 to 1 instead.
  const allZero = points.every((p) => p.value === 0);
  const yScale = o.logY ? { type: 'log' } : allZero ? { domain: [0, 1] } : { zero: true };
  const lines: VegaLiteSpec = {
    data: { values: points },
    mark: { type: 'line', clip: true },
    encoding: {
      x: timeX(ctx.unit, ctx.endTime),
      y: { field: 'value', type: 'quantitative', title: o.yTitle, scale: yScale },
      color: { field: 'system', type: 'nominal', title: 'system', scale: systemColourScale(ctx.systems) },
      strokeDash: { field: 'metric', type: 'nominal', title: o.dashTitle, sort: metrics },
    },
  };
  return layeredChart(o, o.caption, [lines, ...timelineLayers(ctx.marks, ctx.unit, ctx.endTime)]);
}

function throughputCharts(ctx: ChartContext): Chart[] {
  const records = ctx.systems.flatMap((s) => [
    ...line(ctx, s, 'OfferedRecords', 'ratePerSecond', 'offered by producers'),
    ...line(ctx, s, COMMON.inRecords, 'ratePerSecond', 'accepted (in)'),
    ...line(ctx, s, COMMON.outRecords, 'ratePerSecond', 'delivered (out, all apps)'),
  ]);
  const bytes = ctx.systems.flatMap((s) => [
    ...line(ctx, s, 'OfferedBytes', 'ratePerSecond', 'offered by producers', BYTES_PER_MB),
    ...line(ctx, s, COMMON.inBytes, 'ratePerSecond', 'accepted (in)', BYTES_PER_MB),
    ...line(ctx, s, COMMON.outBytes, 'ratePerSecond', 'delivered (out, all apps)', BYTES_PER_MB),
  ]);
  const caption = 'A gap between offered and accepted is load the system refused or delayed; out is the sum over consumer applications, re-reads included.';
  return [
    timeChart(ctx, { id: 'throughput-records', title: 'Throughput in and out (records/s)', caption, yTitle: 'records per second', dashTitle: 'flow', points: records }),
    timeChart(ctx, { id: 'throughput-bytes', title: 'Throughput in and out (MB/s)', caption, yTitle: 'MB per second (10⁶ bytes)', dashTitle: 'flow', points: bytes }),
  ].filter((c): c is Chart => c !== undefined);
}

function throttlingChart(ctx: ChartContext): Chart | undefined {
  const points = ctx.systems.flatMap((s) => [
    ...line(ctx, s, COMMON.throttledWrites, 'ratePerSecond', 'writes'),
    ...line(ctx, s, COMMON.throttledReads, 'ratePerSecond', 'reads'),
  ]);
  return timeChart(ctx, {
    id: 'throttling',
    title: 'Throttled writes and reads (per second)',
    subtitle: 'Kinesis: records rejected with ProvisionedThroughputExceeded, GetRecords calls throttled. Kafka: requests delayed by a quota.',
    caption: 'Kinesis rejects over-limit requests and clients retry; Kafka has no API limits and only delays requests under client quotas.',
    yTitle: 'throttled per second',
    dashTitle: 'kind',
    points,
  });
}

function lagCharts(ctx: ChartContext): Chart[] {
  const records = ctx.systems.flatMap((s) => ctx.view.apps(s).flatMap((app) => line(ctx, s, appColumn.lagRecords(app), 'max', app)));
  const millis = ctx.systems.flatMap((s) => ctx.view.apps(s).flatMap((app) => line(ctx, s, appColumn.lagMs(app), 'max', app)));
  const unit = millisUnit(Math.max(0, ...millis.map((p) => p.value)));
  const time = millis.map((p) => ({ ...p, value: compact(p.value / unit.divisor) }));
  return [
    timeChart(ctx, {
      id: 'lag-records',
      title: 'Consumer lag per application (records)',
      subtitle: 'Largest lag in each interval: Kafka records-lag-max; Kinesis records behind the tip of the stream.',
      caption: 'Lag that keeps growing means the application cannot keep up; past the retention period its records expire unread.',
      yTitle: 'records behind',
      dashTitle: 'application',
      points: records,
    }),
    timeChart(ctx, {
      id: 'lag-time',
      title: `Consumer lag per application (${unit.name})`,
      subtitle: 'Largest lag in each interval: Kinesis GetRecords.IteratorAgeMilliseconds / MillisBehindLatest; Kafka time lag.',
      caption: 'How old the oldest unread record is: compare it with the retention period and with what the application promises.',
      yTitle: `time behind (${unit.name})`,
      dashTitle: 'application',
      points: time,
    }),
  ].filter((c): c is Chart => c !== undefined);
}

function latencyCharts(ctx: ChartContext): Chart[] {
  const apps: string[] = [];
  for (const s of ctx.systems) for (const app of ctx.view.apps(s)) if (!apps.includes(app)) apps.push(app);
  return apps
    .map((app, i) =>
      timeChart(ctx, {
        id: `latency-${i + 1}`,
        title: `End-to-end latency of ${app} (ms, log scale)`,
        subtitle: 'From produce time to processed, of the records delivered in each interval (the worst interval where several are merged).',
        caption: 'Percentiles over time: p99.9 shows retries, rebalances and failovers that the median hides.',
        yTitle: 'latency (ms, log scale)',
        dashTitle: 'percentile',
        logY: true,
        points: ctx.systems.flatMap((s) => [
          ...line(ctx, s, appColumn.latencyP50Ms(app), 'max', 'p50'),
          ...line(ctx, s, appColumn.latencyP99Ms(app), 'max', 'p99'),
          ...line(ctx, s, appColumn.latencyP999Ms(app), 'max', 'p99.9'),
        ]),
      }),
    )
    .filter((c): c is Chart => c !== undefined);
}

/** Incoming bytes per shard/partition over time, and each one's peak against the per-shard limit. */
function heatmapChart(ctx: ChartContext, system: string, index: number): Chart | undefined {
  const units = ctx.view.units(system);
  if (units.length === 0) return undefined;
  const limit = ctx.view.unitLimitBytesPerSec(system);
  const columns = Math.max(10, Math.min(MAX_HEATMAP_COLUMNS, Math.floor(MAX_HEATMAP_CELLS / units.length)));
  const buckets = makeBuckets(ctx.view.times, columns);
  const cells: { start: number; end: number; unit: string; mbPerSec: number; percentOfLimit?: number }[] = [];
  const peaks: { unit: string; peakMbPerSec: number; overLimit: boolean }[] = [];
  for (const unit of units) {
    const rates = fold(ctx.view.values(`${system}.${unitInBytes(unit)}`), buckets, 'ratePerSecond');
    let peak = 0;
    rates.forEach((bytesPerSec, i) => {
      if (bytesPerSec === undefined) return;
      peak = Math.max(peak, bytesPerSec);
      cells.push({
        start: compact(buckets[i].startSeconds / ctx.unit.seconds),
        end: compact(buckets[i].endSeconds / ctx.unit.seconds),
        unit,
        mbPerSec: compact(bytesPerSec / BYTES_PER_MB),
        ...(limit ? { percentOfLimit: compact((100 * bytesPerSec) / limit) } : {}),
      });
    });
    peaks.push({ unit, peakMbPerSec: compact(peak / BYTES_PER_MB), overLimit: limit !== undefined && 100 * peak >= AT_LIMIT_PERCENT * limit });
  }
  if (cells.length === 0) return undefined;
  const kind = system === 'kinesis' ? 'shard' : system === 'kafka' ? 'partition' : 'unit';
  const height = Math.min(480, Math.max(120, units.length * 16));
  const y = { field: 'unit', type: 'ordinal', title: kind, sort: units, axis: units.length > 40 ? { labels: false, ticks: false } : {} };
  const limitMb = limit === undefined ? undefined : compact(limit / BYTES_PER_MB);
  const colour = limit
    ? {
        field: 'percentOfLimit',
        type: 'quantitative',
        title: `% of the ${limitMb} MB/s ${kind} limit`,
        // Blues up to the limit, red at it: a hot shard stands out however busy the others are.
        scale: { type: 'threshold', domain: [25, 50, 75, 90, AT_LIMIT_PERCENT], range: ['#eff6ff', '#bfdbfe', '#7fb2f0', '#3b82f6', '#1e40af', OVER_LIMIT_COLOUR] },
      }
    : { field: 'mbPerSec', type: 'quantitative', title: 'MB/s', scale: { type: 'quantize', scheme: { name: 'blues', count: 6 }, zero: true } };
  const heat: VegaLiteSpec = {
    width: CHART_WIDTH_PX - 220,
    height,
    layer: [
      {
        data: { values: cells },
        mark: { type: 'rect', strokeWidth: 0.6 },
        encoding: {
          x: timeX(ctx.unit, ctx.endTime, 'start'),
          x2: { field: 'end' },
          y,
          color: colour,
          // The same colour as a 1 px outline hides the anti-aliased seams between adjacent cells.
          stroke: colour,
          tooltip: [
            { field: 'unit', type: 'nominal', title: kind },
            { field: 'mbPerSec', type: 'quantitative', title: 'MB/s' },
            ...(limit ? [{ field: 'percentOfLimit', type: 'quantitative', title: '% of limit' }] : []),
          ],
        },
      },
      ...timelineLayers(ctx.marks, ctx.unit, ctx.endTime),
    ],
  };
  const bars: VegaLiteSpec = {
    width: 150,
    height,
    layer: [
      {
        data: { values: peaks },
        mark: { type: 'bar' },
        encoding: {
          y: { ...y, axis: null },
          x: { field: 'peakMbPerSec', type: 'quantitative', title: 'peak MB/s', axis: { tickCount: 3 } },
          color: { condition: { test: 'datum.overLimit', value: OVER_LIMIT_COLOUR }, value: systemColourScale([system]).range[0] },
          tooltip: [
            { field: 'unit', type: 'nominal', title: kind },
            { field: 'peakMbPerSec', type: 'quantitative', title: 'peak MB/s' },
          ],
        },
      },
      ...(limitMb
        ? [{ data: { values: [{ limitMb }] }, mark: { type: 'rule', color: OVER_LIMIT_COLOUR, strokeDash: [4, 2], strokeWidth: 1.5 }, encoding: { x: { field: 'limitMb', type: 'quantitative' } } }]
        : []),
    ],
  };
  const hot = peaks.filter((p) => p.overLimit).length;
  const title = `Incoming bytes per ${kind} (${system}, MB/s)`;
  return {
    id: `heatmap-${index + 1}`,
    title,
    caption: limit
      ? `Each row is a ${kind}; red is at its write limit (hot). Bars on the right: the peak of each ${kind}, red where it reached the limit (dashed line).`
      : `Each row is a ${kind}; darker is busier. ${kind === 'partition' ? 'Kafka has no per-partition limit: a hot partition is bounded by its leader broker.' : ''}`.trim(),
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: {
        text: title,
        subtitle: limit ? `${hot} of ${units.length} ${kind}s reached the ${limitMb} MB/s per-${kind} limit` : `${units.length} ${kind}s; no per-${kind} limit`,
      },
      config: CHART_CONFIG,
      hconcat: [heat, bars],
      spacing: 12,
    },
  };
}

function costCharts(ctx: ChartContext, result: RunResult): Chart[] {
  const bars: { system: string; item: string; dollars: number }[] = [];
  for (const system of ctx.systems) {
    const cost = result.summary.systems[system as 'kinesis' | 'kafka']?.cost;
    if (!cost) continue;
    const perMonth = (cost.itemsPerMonth as Record<string, number> | undefined) ?? cost.items;
    for (const [item, dollars] of Object.entries(perMonth)) bars.push({ system, item, dollars: Number(dollars.toFixed(2)) });
  }
  const charts: (Chart | undefined)[] = [];
  if (bars.length > 0) {
    charts.push({
      id: 'cost-items',
      title: 'Cost by line item (USD per month)',
      caption: 'Each line item projected to a 730-hour month at the simulated load: what the bill would show.',
      spec: {
        $schema: VEGA_LITE_SCHEMA,
        title: { text: 'Cost by line item (USD per month)', subtitle: 'Projected to a 730-hour month at the simulated load' },
        config: CHART_CONFIG,
        data: { values: bars },
        facet: { row: { field: 'system', type: 'nominal', title: null, sort: ctx.systems, header: { labelAngle: 0, labelAlign: 'left', labelFontWeight: 600 } } },
        spec: {
          width: CHART_WIDTH_PX - 260,
          height: { step: 18 },
          mark: { type: 'bar' },
          encoding: {
            y: { field: 'item', type: 'nominal', title: null, sort: '-x', axis: { labelLimit: 220 } },
            x: { field: 'dollars', type: 'quantitative', title: 'USD per month' },
            color: { field: 'system', type: 'nominal', title: 'system', scale: systemColourScale(ctx.systems), legend: null },
            tooltip: [
              { field: 'system', type: 'nominal' },
              { field: 'item', type: 'nominal', title: 'line item' },
              { field: 'dollars', type: 'quantitative', title: 'USD per month', format: ',.2f' },
            ],
          },
        },
        resolve: { scale: { y: 'independent' } },
      },
    });
  }
  charts.push(
    timeChart(ctx, {
      id: 'cost-cumulative',
      title: 'Cumulative cost of the run (USD)',
      caption: 'Dollars spent from the start of the run; a change of slope is a rescaling, a failover or a change of load.',
      yTitle: 'USD since start',
      dashTitle: 'cost',
      points: ctx.systems.flatMap((s) => line(ctx, s, COMMON.cumulativeCost, 'last', 'cumulative')),
    }),
  );
  return charts.filter((c): c is Chart => c !== undefined);
}

function expiredAndLostChart(ctx: ChartContext): Chart | undefined {
  const points = ctx.systems.flatMap((s) => [
    ...line(ctx, s, COMMON.lost, 'cumulativeTotal', 'lost by failures'),
    ...ctx.view.apps(s).flatMap((app) => line(ctx, s, appColumn.expired(app), 'cumulativeTotal', `expired unread by ${app}`)),
  ]);
  return timeChart(ctx, {
    id: 'expired-lost',
    title: 'Records expired by retention and lost by failures (cumulative records)',
    caption: 'Expired: removed by retention before the application read them. Lost: acknowledged, then destroyed by a failure. Both should stay at zero.',
    yTitle: 'records since start',
    dashTitle: 'records',
    points,
  });
}

/**
 * Kafka's replication at work: follower and reassignment traffic, and partitions not fully
 * replicated, offline or moving (broker failures, zone outages, scaling out).
 */
function replicationCharts(ctx: ChartContext): Chart[] {
  const traffic = ctx.systems.flatMap((s) => [
    ...line(ctx, s, 'ReplicationBytesInPerSec', 'max', 'replication (followers fetching)', BYTES_PER_MB),
    ...line(ctx, s, 'ReassignmentBytesInPerSec', 'max', 'reassignment (new replicas copying)', BYTES_PER_MB),
  ]);
  const partitions = ctx.systems.flatMap((s) => [
    ...line(ctx, s, 'UnderReplicatedPartitions', 'max', 'under-replicated'),
    ...line(ctx, s, 'OfflinePartitionsCount', 'max', 'offline'),
    ...line(ctx, s, 'ReassigningPartitions', 'max', 'moving (reassignment)'),
  ]);
  return [
    timeChart(ctx, {
      id: 'replication-traffic',
      title: 'Replication traffic into the brokers (MB/s)',
      subtitle: 'Largest rate in each interval: followers copying from leaders, and new replicas copying the retained log during a reassignment.',
      caption: 'Replication competes with producers and consumers for the same disks and network links; across zones it is billed on self-managed Kafka.',
      yTitle: 'MB per second (10⁶ bytes)',
      dashTitle: 'traffic',
      points: traffic,
    }),
    timeChart(ctx, {
      id: 'partition-health',
      title: 'Partitions under-replicated, offline or moving',
      subtitle: 'Largest count in each interval (UnderReplicatedPartitions, OfflinePartitionsCount, ReassigningPartitions).',
      caption: 'Under-replicated partitions have lost redundancy until their followers catch up; offline partitions accept no writes.',
      yTitle: 'partitions',
      dashTitle: 'state',
      points: partitions,
    }),
  ].filter((c): c is Chart => c !== undefined);
}

/** Capacity over time: open shards (resharding, autoscaling, on-demand) and brokers (scaling out). */
function capacityChart(ctx: ChartContext): Chart | undefined {
  const points = ctx.systems.flatMap((s) => [...line(ctx, s, 'ShardCount', 'last', 'open shards'), ...line(ctx, s, 'Brokers', 'last', 'brokers')]);
  return timeChart(ctx, {
    id: 'capacity',
    title: 'Capacity: open shards and brokers',
    subtitle: 'At the end of each interval.',
    caption: 'What the stream or cluster is billed for: Kinesis shard-hours follow the open shards, Kafka instance-hours the brokers.',
    yTitle: 'shards or brokers',
    dashTitle: 'capacity',
    points,
  });
}

/**
 * Every chart the run's columns allow, in reading order. A chart whose columns are absent (a model
 * that does not emit them, a workload-only run) is left out rather than drawn empty.
 */
export function buildCharts(result: RunResult): Chart[] {
  const view = new SeriesView(result.series);
  const { summary } = result;
  const unit = timeUnitFor(summary.durationSeconds);
  const ctx: ChartContext = {
    view,
    buckets: makeBuckets(view.times, MAX_POINTS_PER_LINE),
    unit,
    endTime: compact(summary.durationSeconds / unit.seconds),
    marks: timelineMarks(summary.timeline, unit, summary.durationSeconds),
    systems: view.systems(),
  };
  return [
    ...throughputCharts(ctx),
    utilisationChart(ctx, result),
    throttlingChart(ctx),
    ...lagCharts(ctx),
    ...latencyCharts(ctx),
    ...ctx.systems.map((s, i) => heatmapChart(ctx, s, i)),
    ...replicationCharts(ctx),
    capacityChart(ctx),
    ...costCharts(ctx, result),
    expiredAndLostChart(ctx),
  ].filter((c): c is Chart => c !== undefined);
}
