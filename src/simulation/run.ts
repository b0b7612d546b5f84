import { Simulator, URGENT } from '../engine/simulator.ts';
import { RandomStreams } from '../engine/random.ts';
import { MILLISECOND, SECOND, toSeconds, type Micros } from '../engine/time.ts';
import { SYSTEM_NAMES, type Scenario, type SystemName } from '../scenario/schema.ts';
import type { RecordSource } from '../workload/record-source.ts';
import { createSources } from '../workload/producer-instances.ts';
import { createSystemModel } from '../models/registry.ts';
import { defaultSampleInterval } from './sample-interval.ts';
import { describeTimelineEntry, describeWorkload } from './describe.ts';
import type { RunResult, RunSummary, SeriesTable, SystemSummary } from './result.ts';

export interface RunOptions {
  /**
   * Called at the end of every sample interval, and once at the end, with the fraction of the whole
   * run done (0..1) and where the run is.
   */
  onProgress?: (fraction: number, progress: RunProgress) => void;
  /** Most events each system's simulation may execute; past it the run throws EventLimitExceeded. */
  eventLimit?: number;
  /** Keep each simulation's event fingerprint (Simulator's `fingerprint` option) and return it in `fingerprints`. */
  fingerprint?: boolean;
}

/** Where a run is: the systems run one after the other, each over the whole simulated duration. */
export interface RunProgress {
  /** The system being simulated (undefined when the workload runs alone). */
  system: SystemName | undefined;
  /** The simulated time it has reached, out of the scenario's duration. */
  simulated: Micros;
  duration: Micros;
  /** Records offered so far, counted in each system's run (every system is fed the same records). */
  records: number;
}

interface SystemRun {
  events: number;
  fingerprint?: string;
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
  let recordsBefore = 0;
  const runPart = (system: SystemName | undefined, part: number): SystemRun => {
    const run = runOne(scenario, system, interval, options, (simulated, records) =>
      options.onProgress?.((part + simulated / scenario.duration) / parts, { system, simulated, duration: scenario.duration, records: recordsBefore + records }),
    );
    recordsBefore += run.sources.reduce((acc, s) => acc + s.offeredRecords, 0);
    return run;
  };
  if (systems.length === 0) runs.set('workload', runPart(undefined, 0));
  systems.forEach((name, i) => runs.set(name, runPart(name, i)));
  options.onProgress?.(1, { system: systems.at(-1), simulated: scenario.duration, duration: scenario.duration, records: recordsBefore });

  const first = runs.values().next().value!;
  const summary: RunSummary = {
    scenario: scenario.name,
    description: scenario.description,
    seed: scenario.seed,
    durationSeconds: toSeconds(scenario.duration),
    sampleIntervalSeconds: toSeconds(interval),
    workload: {
      text: describeWorkload(scenario),
      producers: offeredByProducer(first.sources),
      consumers: scenario.workload.consumers.map((c) => c.name),
    },
    timeline: scenario.timeline.map((e) => ({ atSeconds: toSeconds(e.at), label: describeTimelineEntry(e) })),
    systems: Object.fromEntries(systems.map((name) => [name, runs.get(name)!.summary!])),
  };
  const events = [...runs.values()].reduce((acc, run) => acc + run.events, 0);
  const result: RunResult = { summary, series: mergeSeries(scenario.duration, interval, runs), events };
  if (options.fingerprint) result.fingerprints = Object.fromEntries([...runs].map(([name, run]) => [name, run.fingerprint!]));
  return result;
}

/** Runs one system (or the workload alone) over the scenario; `progress` hears the simulated time and records offered after each interval. */
function runOne(scenario: Scenario, system: SystemName | undefined, interval: Micros, options: RunOptions, progress: (simulated: Micros, records: number) => void): SystemRun {
  const sim = new Simulator({ eventLimit: options.eventLimit, fingerprint: options.fingerprint });
  const random = new RandomStreams(scenario.seed);
  const sources = createSources(scenario.workload.producers, random);
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
    progress(end, records);
  }
  return { rows, sources, summary: model?.finish(sim.now), events: sim.eventsExecuted, fingerprint: sim.fingerprint };
}

/** Records and bytes offered per workload producer (the sum over its instances). */
function offeredByProducer(sources: readonly RecordSource[]): Record<string, { offeredRecords: number; offeredBytes: number }> {
  const out: Record<string, { offeredRecords: number; offeredBytes: number }> = {};
  for (const s of sources) {
    const o = (out[s.producer] ??= { offeredRecords: 0, offeredBytes: 0 });
    o.offeredRecords += s.offeredRecords;
    o.offeredBytes += s.offeredBytes;
  }
  return out;
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
