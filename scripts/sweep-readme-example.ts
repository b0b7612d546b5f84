/**
 * The README's sweep picture, from real runs: the default clickstream (scenarios/default.yaml, its
 * timeline removed, a constant rate) at 11 rates from 1,000 to 32,000 records/s on a log scale, 3
 * replications each (seeds 1-3 at every rate, so neighbouring points differ by the load and not by
 * the random numbers), 2 simulated minutes per run. Writes the sweep result, which the report tests
 * also read (test/sweep/fixtures/clickstream-load.json), and the saturation chart
 * (docs/images/sweep-saturation.svg).
 *
 *   npx tsx scripts/sweep-readme-example.ts              runs the 33 runs (a few minutes), then draws
 *   npx tsx scripts/sweep-readme-example.ts --from F     draws the picture from the sweep result in F
 *
 * The statistics and knees here are the textbook ones (mean ± t(0.975, n−1)·s/√n; a condition
 * placed between the two points around it, on the log scale), enough for an example; `streamsim
 * sweep` computes them for real sweeps.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadScenarioFile } from '../src/scenario/load.ts';
import { runScenario } from '../src/simulation/run.ts';
import type { SystemSummary } from '../src/simulation/result.ts';
import type { SystemName } from '../src/scenario/schema.ts';
import type { Knee, MetricStat, SweepPoint, SweepResult } from '../src/sweep/sweep-result.ts';
import { renderSvg } from '../src/report/svg.ts';
import { buildSweepCharts } from '../src/sweep/report/charts.ts';
import { buildView } from '../src/sweep/report/curves.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULT_FILE = path.join(ROOT, 'test/sweep/fixtures/clickstream-load.json');
const PICTURE_FILE = path.join(ROOT, 'docs/images/sweep-saturation.svg');
const RATE = 'workload.producers[0].rate';
const RATES = Array.from({ length: 11 }, (_, i) => Math.round(1000 * 2 ** (i / 2)));
const SEEDS = [1, 2, 3];
const DURATION = '2m';
const ACCEPTED_SHARE = 0.99;
const P99_LATENCY_MS = 5000;
/** t(0.975, 2) for 3 replications: NIST/SEMATECH e-Handbook, table 1.3.6.7.2. */
const T_975_DF2 = 4.303;

function stat(values: number[]): MetricStat {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  const half = (T_975_DF2 * sd) / Math.sqrt(n);
  return { mean, low: mean - half, high: mean + half, n };
}

function metricsOf(s: SystemSummary, seconds: number): Record<string, number> {
  const m: Record<string, number> = {
    'records.offered': s.records.offered,
    'records.accepted': s.records.accepted,
    'records.offeredPerSec': s.records.offered / seconds,
    'records.acceptedPerSec': s.records.accepted / seconds,
  };
  for (const [name, count] of Object.entries(s.throttled)) m[`throttled.${name}`] = count;
  for (const [app, c] of Object.entries(s.consumers)) {
    if (c.latencyMs) {
      m[`consumers.${app}.latencyMs.p50`] = c.latencyMs.p50;
      m[`consumers.${app}.latencyMs.p99`] = c.latencyMs.p99;
    }
    if (c.lagMaxMs !== undefined) m[`consumers.${app}.lagMaxMs`] = c.lagMaxMs;
  }
  m['cost.perMonth'] = s.cost.perMonth;
  if (s.cost.perGB !== undefined) m['cost.perGB'] = s.cost.perGB;
  return m;
}

function runSweep(): SweepResult {
  const file = path.join(ROOT, 'scenarios/default.yaml');
  const perPoint = new Map<string, Record<string, number>[]>();
  let seconds = 0;
  for (const rate of RATES) {
    for (const seed of SEEDS) {
      const scenario = loadScenarioFile(file, [
        { path: 'duration', value: DURATION },
        { path: 'workload.producers.0.rate', value: `${rate}/s` },
        { path: 'timeline', value: '[]' },
        { path: 'seed', value: String(seed) },
      ]);
      const { summary } = runScenario(scenario);
      seconds = summary.durationSeconds;
      for (const [system, s] of Object.entries(summary.systems)) {
        const key = `${system} ${rate}`;
        perPoint.set(key, [...(perPoint.get(key) ?? []), metricsOf(s!, seconds)]);
      }
      process.stderr.write(`rate ${rate}/s seed ${seed} done\n`);
    }
  }
  const points: SweepPoint[] = [...perPoint].map(([key, runs]) => {
    const [system, rate] = key.split(' ');
    const names = Object.keys(runs[0]);
    return { system: system as SystemName, params: { [RATE]: Number(rate) }, metrics: Object.fromEntries(names.map((n) => [n, stat(runs.map((r) => r[n]))])), failed: 0 };
  });
  return {
    name: 'default clickstream under increasing load',
    description: 'scenarios/default.yaml at a constant rate from 1,000 to 32,000 records/s, without its timeline: Kinesis with 8 shards and the KPL, Kafka with 3 m5.xlarge brokers, two consumer applications.',
    durationSeconds: seconds,
    axes: [{ path: RATE, scale: 'log', values: RATES, unit: 'records/s' }],
    combine: 'grid',
    knee: { acceptedShare: ACCEPTED_SHARE, p99LatencyMs: P99_LATENCY_MS },
    points,
    knees: (['kinesis', 'kafka'] as const).map((system) => knee(system, points.filter((p) => p.system === system))),
    runs: { total: RATES.length * SEEDS.length, failed: 0 },
  };
}

/**
 * Where `ys` first passes the threshold, interpolated between that point and the one before it on
 * the log scale of the rate; a count that starts from zero (threshold 0) starts halfway between.
 */
function crossing(xs: number[], ys: number[], threshold: number, above: boolean): number | undefined {
  const i = ys.findIndex((y) => (above ? y > threshold : y < threshold));
  if (i <= 0) return i === 0 ? xs[0] : undefined;
  const f = threshold === 0 ? 0.5 : (threshold - ys[i - 1]) / (ys[i] - ys[i - 1]);
  return Math.exp(Math.log(xs[i - 1]) + f * (Math.log(xs[i]) - Math.log(xs[i - 1])));
}

function knee(system: SystemName, points: SweepPoint[]): Knee {
  const xs = points.map((p) => p.params[RATE] as number);
  const mean = (p: SweepPoint, name: string) => p.metrics[name]?.mean ?? 0;
  const throttle = system === 'kinesis' ? 'throttled.WriteProvisionedThroughputExceeded' : 'throttled.produceRequestsThrottled';
  const p99 = (p: SweepPoint) => Math.max(...Object.entries(p.metrics).filter(([n]) => /latencyMs\.p99$/.test(n)).map(([, s]) => s.mean));
  const k: Knee = {
    system,
    axis: RATE,
    fixed: {},
    throttlingStartsAt: crossing(xs, points.map((p) => mean(p, throttle)), 0, true),
    acceptedBelowShareFrom: crossing(xs, points.map((p) => mean(p, 'records.accepted') / mean(p, 'records.offered')), ACCEPTED_SHARE, false),
    latencyAboveFrom: crossing(xs, points.map(p99), P99_LATENCY_MS, true),
    text: '',
  };
  const say = (v: number) => `${Math.round(v).toLocaleString('en-US')} records/s`;
  const parts = [
    k.throttlingStartsAt !== undefined ? `throttling starts at ${say(k.throttlingStartsAt)}` : '',
    k.acceptedBelowShareFrom !== undefined ? `accepted below ${100 * ACCEPTED_SHARE} % of offered from ${say(k.acceptedBelowShareFrom)}` : '',
    k.latencyAboveFrom !== undefined ? `p99 latency above ${P99_LATENCY_MS.toLocaleString('en-US')} ms from ${say(k.latencyAboveFrom)}` : '',
  ].filter(Boolean);
  k.text = `${system === 'kinesis' ? 'Kinesis' : 'Kafka'}: ${parts.length > 0 ? parts.join('; ') : `keeps up to ${say(xs[xs.length - 1])}`}`;
  for (const key of ['throttlingStartsAt', 'acceptedBelowShareFrom', 'latencyAboveFrom'] as const) if (k[key] === undefined) delete k[key];
  return k;
}

const from = process.argv.indexOf('--from');
const result: SweepResult = from > 0 ? JSON.parse(readFileSync(process.argv[from + 1], 'utf8')) : runSweep();
if (from < 0) writeFileSync(RESULT_FILE, `${JSON.stringify(result, null, 1)}\n`);
const chart = buildSweepCharts(buildView(result)).find((c) => c.id === 'saturation')!;
// An opaque background: the README is also read in dark mode.
mkdirSync(path.dirname(PICTURE_FILE), { recursive: true });
writeFileSync(PICTURE_FILE, await renderSvg({ ...chart.spec, background: '#ffffff', padding: 12 }));
process.stderr.write(`wrote ${path.relative(ROOT, PICTURE_FILE)}${from < 0 ? ` and ${path.relative(ROOT, RESULT_FILE)}` : ''}\n`);
