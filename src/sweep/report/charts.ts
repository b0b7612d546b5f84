import { millisUnit, type Chart } from '../../report/chart-parts.ts';
import { compact } from '../../report/resample.ts';
import { consumerApps, metricNames, perSecond, recordsPerSecond, stat, type SweepView } from './curves.ts';
import { plotValue } from './load-axis.ts';
import { lineChart, type LineSeries } from './line-chart.ts';
import { heatmapCharts } from './heatmap.ts';

/**
 * The saturation curve: accepted records per second against the load, over the offered rate (the
 * diagonal y = x when the load axis is the producers' rate). Log-log when the load steps geometrically.
 */
function saturationChart(view: SweepView): Chart | undefined {
  // The same records are offered to every system at a point: the first system's curve is the reference.
  const first = view.curves.find((c) => c.system === view.systems[0]);
  const offered = (first?.points ?? []).flatMap((p) => {
    const s = recordsPerSecond(view, p, 'offered');
    return s ? [{ x: plotValue(view.load, p.params[view.load.path]), y: compact(s.mean) }] : [];
  });
  return lineChart(view, {
    id: 'saturation',
    title: 'Accepted vs offered throughput (records/s)',
    subtitle: 'Mean accepted rate at each load; where it leaves the offered line, the system no longer keeps up.',
    caption: 'Accepted records per second of simulated time. Below the offered line, records were refused or are still waiting in producer buffers and retries.',
    yTitle: 'records accepted per second',
    dashTitle: 'flow',
    series: [{ name: 'accepted', value: (p) => recordsPerSecond(view, p, 'accepted') }],
    logY: view.load.scale === 'log',
    reference: offered.length > 0 ? { name: 'offered', label: 'offered records/s (y = x when the load is the producers’ rate)', points: offered } : undefined,
  });
}

/**
 * Throttle counters by side, as the real systems name them: `…TimeMs` are quota delays (time, not
 * a count); Kinesis `Read…` and Kafka `fetch…` are the read side; the rest (Kinesis
 * WriteProvisionedThroughputExceeded, Kafka produce throttles, full buffers, produce errors) writes.
 */
function throttleSide(name: string): 'writes' | 'reads' | 'delay' {
  if (/TimeMs$/.test(name)) return 'delay';
  return /^(Read|fetch)/.test(name) ? 'reads' : 'writes';
}

function throttleCharts(view: SweepView): Chart[] {
  const counters = metricNames(view, /^throttled\.(.+)$/);
  const series = (side: string): LineSeries[] =>
    counters.filter((c) => throttleSide(c.part) === side).map((c) => ({ name: c.part, value: (p) => perSecond(view, p, c.name) }));
  return [
    lineChart(view, {
      id: 'throttled-writes',
      title: 'Throttled writes (per second)',
      subtitle: 'Kinesis: records rejected with WriteProvisionedThroughputExceeded. Kafka: produce requests throttled, full buffers, produce errors.',
      caption: 'Counts over each run divided by its simulated seconds. Kinesis rejects over-limit writes and clients retry; Kafka only delays requests under client quotas.',
      yTitle: 'throttled per second',
      dashTitle: 'counter',
      series: series('writes'),
      dropAllZero: true,
    }),
    lineChart(view, {
      id: 'throttled-reads',
      title: 'Throttled reads (per second)',
      subtitle: 'Kinesis: GetRecords calls rejected with ReadProvisionedThroughputExceeded. Kafka: fetch requests throttled by a quota.',
      caption: 'Counts over each run divided by its simulated seconds. Polling applications share a Kinesis shard’s 5 reads per second.',
      yTitle: 'throttled per second',
      dashTitle: 'counter',
      series: series('reads'),
      dropAllZero: true,
    }),
    lineChart(view, {
      id: 'quota-delay',
      title: 'Time delayed by quotas (ms per second)',
      subtitle: 'Kafka produce-throttle-time and fetch-throttle-time, summed over clients.',
      caption: 'Milliseconds of throttle delay over each run divided by its simulated seconds. Left out when no client was ever delayed (no quotas).',
      yTitle: 'ms delayed per second',
      dashTitle: 'counter',
      series: series('delay'),
      dropAllZero: true,
      omitIfAllZero: true,
    }),
  ].filter((c): c is Chart => c !== undefined);
}

function latencyCharts(view: SweepView, apps: string[]): Chart[] {
  return apps
    .map((app, i) =>
      lineChart(view, {
        id: `latency-${i + 1}`,
        title: `End-to-end latency of ${app} (ms, log scale)`,
        subtitle: 'From produce time to processed, over each whole run.',
        caption: 'p50 and p99 of each run, averaged over the replications: past the knee the backlog grows and latency with it.',
        yTitle: 'latency (ms, log scale)',
        dashTitle: 'percentile',
        logY: true,
        series: ['p50', 'p99'].map((q) => ({ name: q, value: (p) => stat(p, `consumers.${app}.latencyMs.${q}`) })),
      }),
    )
    .filter((c): c is Chart => c !== undefined);
}

function lagChart(view: SweepView, apps: string[]): Chart | undefined {
  const series: LineSeries[] = apps.map((app) => ({ name: app, value: (p) => stat(p, `consumers.${app}.lagMaxMs`) }));
  const max = Math.max(0, ...view.curves.flatMap((c) => c.points.flatMap((p) => series.map((s) => s.value(p)?.high ?? 0))));
  const unit = millisUnit(max);
  return lineChart(view, {
    id: 'lag',
    title: `Maximum consumer lag (${unit.name})`,
    subtitle: 'The oldest unread record at the worst moment of each run (Kinesis MillisBehindLatest, Kafka time lag).',
    caption: 'Lag that grows with the length of the run means the application cannot keep up at that load.',
    yTitle: `maximum lag (${unit.name}, log scale)`,
    dashTitle: 'application',
    logY: true,
    divisor: unit.divisor,
    series,
  });
}

function costCharts(view: SweepView): Chart[] {
  return [
    lineChart(view, {
      id: 'cost-month',
      title: 'Cost per month (USD)',
      caption: 'The run’s bill projected to a 730-hour month at that load.',
      yTitle: 'USD per month',
      dashTitle: 'cost',
      series: [{ name: 'per month', value: (p) => stat(p, 'cost.perMonth') }],
    }),
    lineChart(view, {
      id: 'cost-gb',
      title: 'Cost per GB accepted (USD)',
      caption: 'The run’s cost divided by the gigabytes the system accepted: the price of a unit of work at that load.',
      yTitle: 'USD per GB',
      dashTitle: 'cost',
      logY: view.load.scale === 'log',
      series: [{ name: 'per GB', value: (p) => stat(p, 'cost.perGB') }],
    }),
  ].filter((c): c is Chart => c !== undefined);
}

/** Every chart the sweep's metrics allow, in reading order; a chart no point has a value for is left out. */
export function buildSweepCharts(view: SweepView): Chart[] {
  const apps = consumerApps(view);
  return [saturationChart(view), ...throttleCharts(view), ...latencyCharts(view, apps), lagChart(view, apps), ...costCharts(view), ...heatmapCharts(view)].filter(
    (c): c is Chart => c !== undefined,
  );
}
