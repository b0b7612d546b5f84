import { Simulator, URGENT } from '../engine/simulator.ts';
import { RandomStreams } from '../engine/random.ts';
import { MILLISECOND, SECOND, toSeconds, type Micros } from '../engine/time.ts';
import { SYSTEM_NAMES, type Scenario, type SystemName } from '../scenario/schema.ts';
import { RecordSource } from '../workload/record-source.ts';
import { createSystemModel } from '../models/registry.ts';
import { defaultSampleInterval } from './sample-interval.ts';
import { describeTimelineEntry, describeWorkload } from './describe.ts';
import type { RunResult, RunSummary, SeriesTable, SystemSummary } from './result.ts';

export interface RunOptions {
  /** Called now and then with the fraction of the whole run done (0..1). */
  onProgress?: (fraction: number) => void;
  /** Most events each system's simulation may execute; past it the run throws EventLimitExceeded. */
  eventLimit?: number;
}

interface SystemRun {
  events: number;
  rows: Record<string, number>[];
  summary?: SystemSummary;
  sources: RecordSource[];
}

/**
 * Runs a scenario: each configured system in its own simulation, fed the same records (the
 * workload's random streams depend only on the seed and the producer names). Without systems, the
 * workload runs alone, so the pipeline can be checked end to end.
 */
export function runScenario(scenario: Scenario, options: RunOptions = {}): RunResult {
  const interval = scenario.sampleInterval ?? defaultSampleInterval(scenario.duration);
  const systems = SYSTEM_NAMES.filter((name) => scenario.systems[name] !== undefined);
  const runs = new Map<SystemName | 'workload', SystemRun>();
  const parts = Math.max(1, systems.length);
  if (systems.length === 0) {
    runs.set('workload', runOne(scenario, undefined, interval, options, (f) => options.onProgress?.(f)));
  }
  systems.forEach((name, i) => {
    runs.set(name, runOne(scenario, name, interval, options, (f) => options.onProgress?.((i + f) / parts)));
  });
  options.onProgress?.(1);

  const first = runs.values().next().value!;
  const summary: RunSummary = {
    scenario: scenario.name,
    description: scenario.description,
    seed: scenario.seed,
    durationSeconds: toSeconds(scenario.duration),
    sampleIntervalSeconds: toSeconds(interval),
    workload: {
      text: describeWorkload(scenario),
      producers: Object.fromEntries(first.sources.map((s) => [s.name, { offeredRecords: s.offeredRecords, offeredBytes: s.offeredBytes }])),
      consumers: scenario.workload.consumers.map((c) => c.name),
    },
    timeline: scenario.timeline.map((e) => ({ atSeconds: toSeconds(e.at), label: describeTimelineEntry(e) })),
    systems: Object.fromEntries(systems.map((name) => [name, runs.get(name)!.summary!])),
  };
  const events = [...runs.values()].reduce((acc, run) => acc + run.events, 0);
  return { summary, series: mergeSeries(scenario.duration, interval, runs), events };
}

function runOne(scenario: Scenario, system: SystemName | undefined, interval: Micros, options: RunOptions, progress: (fraction: number) => void): SystemRun {
  const sim = new Simulator({ eventLimit: options.eventLimit });
  const random = new RandomStreams(scenario.seed);
  const sources = scenario.workload.producers.map((p, i) => new RecordSource(p, random, i));
  const model = system ? createSystemModel(system, { sim, random, scenario, sources }) : undefined;
  const rows: Record<string, number>[] = [];
  let offeredRecords = 0;
  let offeredBytes = 0;

  model?.start();
  for (const entry of scenario.timeline) sim.at(entry.at, () => model?.apply(entry), URGENT);

  for (let end = 0; end < scenario.duration; ) {
    const start = end;
    end = Math.min(scenario.duration, end + interval);
    sim.run(end);
    if (!model) for (const source of sources) pullInChunks(source, start, end);
    const row: Record<string, number> = model ? model.sample(end, end - start) : {};
    const records = sources.reduce((acc, s) => acc + s.offeredRecords, 0);
    const bytes = sources.reduce((acc, s) => acc + s.offeredBytes, 0);
    row.OfferedRecords = records - offeredRecords;
    row.OfferedBytes = bytes - offeredBytes;
    offeredRecords = records;
    offeredBytes = bytes;
    rows.push(row);
    progress(end / scenario.duration);
  }
  return { rows, sources, summary: model?.finish(sim.now), events: sim.eventsExecuted };
}

/**
 * Without a system, nothing pulls the records but the sampler: pull an interval in steps short
 * enough that a step holds about PULL_CHUNK_RECORDS records at the producer's peak rate, so memory
 * does not grow with the interval (a day of 10,000 records/s would otherwise be one 864-million-record
 * pull). The records are the same whatever the steps (record-source.ts).
 */
const PULL_CHUNK_RECORDS = 65_536;

function pullInChunks(source: RecordSource, start: Micros, end: Micros): void {
  const step = Math.max(MILLISECOND, Math.floor((PULL_CHUNK_RECORDS / Math.max(source.peakRecordsPerSecond, 1e-9)) * SECOND));
  for (let t = start + step; t < end; t += step) source.pull(t);
  source.pull(end);
}

/** One table: `time`, then each run's columns prefixed by the system name, in first-seen order. */
function mergeSeries(duration: Micros, interval: Micros, runs: Map<string, SystemRun>): SeriesTable {
  const columns = ['time'];
  const index = new Map<string, number>();
  for (const [prefix, run] of runs) {
    for (const row of run.rows) {
      for (const key of Object.keys(row)) {
        const column = `${prefix}.${key}`;
        if (!index.has(column)) {
          index.set(column, columns.length);
          columns.push(column);
        }
      }
    }
  }
  const count = Math.ceil(duration / interval);
  const rows: (number | undefined)[][] = [];
  for (let i = 0; i < count; i++) {
    const row: (number | undefined)[] = new Array(columns.length).fill(undefined);
    row[0] = toSeconds(Math.min(duration, (i + 1) * interval));
    for (const [prefix, run] of runs) {
      for (const [key, value] of Object.entries(run.rows[i])) row[index.get(`${prefix}.${key}`)!] = value;
    }
    rows.push(row);
  }
  return { columns, rows };
}
