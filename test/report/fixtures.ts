import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { costSummary } from '../../src/simulation/cost.ts';
import { SECOND } from '../../src/engine/time.ts';
import type { RunResult, SeriesTable, SystemSummary } from '../../src/simulation/result.ts';
import { COMMON, UNIT_LIMIT_BYTES_PER_SEC, appColumn, unitInBytes } from '../../src/simulation/series-contract.ts';

export interface SyntheticOptions {
  name?: string;
  description?: string;
  systems?: ('kinesis' | 'kafka')[];
  apps?: string[];
  durationSeconds?: number;
  sampleIntervalSeconds?: number;
  timeline?: { atSeconds: number; label: string }[];
  /** Shards of Kinesis and partitions of Kafka (default 4 and 6). */
  units?: { kinesis?: number; kafka?: number };
  /** Leave these contract columns out of every system, e.g. ['app.'] drops all per-app columns. */
  dropColumnsStartingWith?: string[];
}

/** Offered load: 3,000 records/s of 1 KB, rising to 4,500/s in the middle of the run. */
const recordsPerSec = (t: number, duration: number) => 3000 * (1 + 0.5 * Math.sin((Math.PI * t) / duration));
const RECORD_BYTES = 1000;
/** Kinesis' per-shard write limit, 1 MiB/s (Kinesis quotas page, docs/models/kinesis.md#limits). */
const SHARD_LIMIT_BYTES_PER_SEC = 1024 * 1024;

/**
 * A RunResult with every contract column for each system, made from formulas rather than a model,
 * so the report can be built and looked at before and independently of the system models: Kinesis
 * on 4 shards with shard 0 hot (at its limit, so writes are throttled), Kafka on 6 partitions.
 */
export function syntheticResult(o: SyntheticOptions = {}): RunResult {
  const systems = o.systems ?? ['kinesis', 'kafka'];
  const apps = o.apps ?? ['analytics', 'archiver'];
  const duration = o.durationSeconds ?? 2 * 3600;
  const step = o.sampleIntervalSeconds ?? 10;
  const drop = o.dropColumnsStartingWith ?? [];
  const columns = ['time'];
  const rowsByColumn = new Map<string, number[]>();
  const put = (system: string, column: string, value: number) => {
    if (drop.some((d) => column.startsWith(d))) return;
    const name = `${system}.${column}`;
    if (!rowsByColumn.has(name)) {
      rowsByColumn.set(name, []);
      columns.push(name);
    }
    rowsByColumn.get(name)!.push(value);
  };
  const times: number[] = [];
  const unitIds = {
    kinesis: Array.from({ length: o.units?.kinesis ?? 4 }, (_, i) => `shardId-${String(i).padStart(12, '0')}`),
    kafka: Array.from({ length: o.units?.kafka ?? 6 }, (_, i) => String(i)),
  };
  const totals = new Map<string, { accepted: number; throttled: number; cost: number; expired: number }>();
  for (const s of systems) totals.set(s, { accepted: 0, throttled: 0, cost: 0, expired: 0 });
  for (let t = step; t <= duration; t += step) {
    times.push(t);
    const offered = recordsPerSec(t, duration) * step;
    for (const system of systems) {
      const total = totals.get(system)!;
      const units = unitIds[system];
      // Zipf-ish split: the first unit takes 40 %, the rest share the remainder.
      const shares = units.map((_, i) => (i === 0 ? 0.4 : 0.6 / (units.length - 1)));
      const cap = system === 'kinesis' ? (SHARD_LIMIT_BYTES_PER_SEC * step) / RECORD_BYTES : Infinity;
      const perUnit = shares.map((share) => Math.min(offered * share, cap));
      const accepted = perUnit.reduce((a, b) => a + b, 0);
      total.accepted += accepted;
      total.throttled += offered - accepted;
      total.cost += (system === 'kinesis' ? 0.015 * 4 : 0.192 * 3) * (step / 3600);
      put(system, 'OfferedRecords', offered);
      put(system, 'OfferedBytes', offered * RECORD_BYTES);
      put(system, COMMON.inRecords, accepted);
      put(system, COMMON.inBytes, accepted * RECORD_BYTES);
      put(system, COMMON.outRecords, accepted * apps.length);
      put(system, COMMON.outBytes, accepted * RECORD_BYTES * apps.length);
      put(system, COMMON.throttledWrites, offered - accepted);
      put(system, COMMON.throttledReads, system === 'kinesis' && apps.length > 5 ? step : 0);
      put(system, COMMON.lost, 0);
      put(system, COMMON.cumulativeCost, total.cost);
      apps.forEach((app, i) => {
        const base = system === 'kinesis' ? 1500 : 20;
        put(system, appColumn.lagRecords(app), (offered / step) * (base / 1000) * (i + 1));
        put(system, appColumn.lagMs(app), base * (i + 1));
        put(system, appColumn.latencyP50Ms(app), base * (i + 1) * 0.6);
        put(system, appColumn.latencyP99Ms(app), base * (i + 1) * 1.4);
        put(system, appColumn.latencyP999Ms(app), base * (i + 1) * 2.2);
        put(system, appColumn.expired(app), 0);
      });
      units.forEach((u, i) => put(system, unitInBytes(u), perUnit[i] * RECORD_BYTES));
      if (system === 'kinesis') {
        put(system, UNIT_LIMIT_BYTES_PER_SEC, SHARD_LIMIT_BYTES_PER_SEC);
        put(system, 'IncomingBytes', accepted * RECORD_BYTES);
      } else put(system, 'BytesInPerSec', (accepted * RECORD_BYTES) / step);
    }
  }
  const series: SeriesTable = {
    columns,
    rows: times.map((t, r) => [t, ...columns.slice(1).map((c) => rowsByColumn.get(c)![r])]),
  };
  const offeredTotal = times.reduce((acc, t) => acc + recordsPerSec(t, duration) * step, 0);
  const summarise = (system: 'kinesis' | 'kafka'): SystemSummary => {
    const total = totals.get(system)!;
    const items: Record<string, number> =
      system === 'kinesis'
        ? { 'shard hours': total.cost, 'PUT payload units': total.accepted * 0.014e-6 }
        : { 'broker instance hours': total.cost * 0.8, 'EBS storage': total.cost * 0.15, 'cross-zone transfer': total.cost * 0.05 };
    return {
      records: { offered: offeredTotal, accepted: total.accepted, rejected: total.throttled, pending: 0, lost: 0 },
      consumers: Object.fromEntries(
        apps.map((app, i) => {
          const base = system === 'kinesis' ? 1500 : 20;
          return [app, { delivered: total.accepted, duplicates: system === 'kinesis' ? 12 : 0, expired: 0, backlog: 0, lagMaxMs: base * (i + 1), latencyMs: { p50: base * (i + 1) * 0.6, p95: base * (i + 1), p99: base * (i + 1) * 1.4, p999: base * (i + 1) * 2.2, max: base * (i + 1) * 3 } }];
        }),
      ),
      throttled: system === 'kinesis' ? { WriteProvisionedThroughputExceeded: total.throttled, ReadProvisionedThroughputExceeded: 0 } : { ProduceThrottleTime: 0 },
      cost: costSummary(items, duration * SECOND, total.accepted, total.accepted * RECORD_BYTES),
      // The hot shard is at its write limit all along; Kafka's busiest resource is a disk at 40 %.
      bottlenecks: system === 'kinesis'
        ? [{ name: 'shardId-000000000000 write bytes', utilisation: 1, meanUtilisation: 1, shareAbove90: 1 }, { name: 'shardId-000000000001 write bytes', utilisation: 0.3, meanUtilisation: 0.3, shareAbove90: 0 }]
        : [{ name: 'broker 0 disk', utilisation: 0.4, meanUtilisation: 0.35, shareAbove90: 0 }],
    };
  };
  return {
    summary: {
      scenario: o.name ?? 'synthetic clickstream',
      description: o.description ?? 'Formulas standing in for the models: one hot shard, two consumer applications.',
      seed: 7,
      durationSeconds: duration,
      sampleIntervalSeconds: step,
      workload: {
        text: 'clicks: 3,000 records/s (Poisson) of 1 KB, 10,000 keys (Zipf 1.1); 2 consumer apps (analytics ×2, archiver ×1)',
        producers: { clicks: { offeredRecords: offeredTotal, offeredBytes: offeredTotal * RECORD_BYTES } },
        consumers: apps,
      },
      timeline: o.timeline ?? [
        { atSeconds: duration * 0.3, label: 'kinesis: updateShardCount 8' },
        { atSeconds: duration * 0.6, label: 'kafka: failBroker 1, for 5m' },
      ],
      systems: Object.fromEntries(systems.map((s) => [s, summarise(s)])),
    },
    series,
    events: 0,
  };
}

/** A fresh folder under the OS temp dir for a test's files. */
export const tempDir = (prefix: string) => mkdtempSync(path.join(os.tmpdir(), `streamsim-${prefix}-`));
