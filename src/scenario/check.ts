import type { Scenario } from './schema.ts';
import type { PathProblem } from './problem.ts';
import type { ConsumerSpec, ProducerSpec } from './workload-schema.ts';
import type { TimelineEntry } from './timeline-schema.ts';
import { MAX_DURATION, MAX_KEYS, MAX_OFFERED_RECORDS, MAX_RECORD_BYTES, MAX_SAMPLES } from './limits.ts';
import { CHECK } from './messages.ts';
import { formatSize } from './units.ts';
import { formatDuration, type Micros } from '../engine/time.ts';

const durationText = (micros: Micros) => (micros === 0 ? '0s' : formatDuration(micros));
import { expectedOfferedRecords, peakRecordsPerSecond } from '../workload/rate-profile.ts';
import { meanRecordSize } from '../workload/record-size.ts';
import { validateSystems } from '../models/registry.ts';
import { ZONES as KINESIS_ZONES } from '../models/kinesis/limits.ts';
import { ROUND_INTERVALS } from '../simulation/sample-interval.ts';

/** The shortest round interval (1s, 5s, 10s, 30s, 1m, …) of at least `micros`, for a suggestion. */
const shortestRoundInterval = (micros: number): Micros => ROUND_INTERVALS.find((c) => c >= micros) ?? Math.ceil(micros);

/**
 * The parts of a scenario that passed the schema. When a file has errors, the checks still run on
 * the parts that are valid, so the user sees every problem at once; a check that needs a part that
 * did not parse is skipped (its input is undefined). Lists keep their indexes: an entry that did not
 * parse is undefined.
 */
export interface ScenarioParts {
  duration?: Micros;
  sampleInterval?: Micros;
  /** Producers field by field: a field that did not parse is undefined. */
  producers?: (Partial<ProducerSpec> | undefined)[];
  consumers?: (ConsumerSpec | undefined)[];
  timeline?: (TimelineEntry | undefined)[];
  /** Which systems the file configures (by key), even when their settings did not parse. */
  systemNames?: string[];
  /** The whole scenario, when every part parsed: the system models' own checks need it. */
  complete?: Scenario;
}

export function partsOf(s: Scenario): ScenarioParts {
  return {
    duration: s.duration,
    sampleInterval: s.sampleInterval,
    producers: s.workload.producers,
    consumers: s.workload.consumers,
    timeline: s.timeline,
    systemNames: Object.keys(s.systems).filter((k) => s.systems[k as keyof Scenario['systems']] !== undefined),
    complete: s,
  };
}

/** Every check of a complete scenario (the CLI's path once the schema passes). */
export function checkScenario(s: Scenario): PathProblem[] {
  return checkParts(partsOf(s));
}

/**
 * Checks that need more than one field: names that refer to each other, and scenarios that would
 * not run sensibly (no traffic, or so much that the run would not finish). Each problem says what
 * to change.
 */
export function checkParts(s: ScenarioParts): PathProblem[] {
  const problems: PathProblem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path, message });
  const all = <T>(list: (T | undefined)[] | undefined): T[] | undefined => (list && list.every((x) => x !== undefined) ? (list as T[]) : undefined);

  checkTimes(s, add);
  checkProducers(s, add);

  const consumers = s.consumers ?? [];
  duplicateNames(consumers.map((c) => c?.name)).forEach(([i, first]) => add(['workload', 'consumers', i, 'name'], CHECK.duplicateName('consumer', consumers[i]!.name, first)));

  // The volume check needs every producer, with sizes that make a distribution (its mean divides byte rates).
  const producers = all(s.producers)?.filter((p): p is ProducerSpec => isComplete(p) && sizesMakeSense(p.recordSize));
  if (producers && producers.length === s.producers!.length && s.duration !== undefined && s.duration > 0) {
    const offered = producers.reduce((acc, p) => acc + expectedOfferedRecords(p.rate, meanRecordSize(p.recordSize), s.duration!), 0);
    if (offered > MAX_OFFERED_RECORDS) add(['duration'], CHECK.tooManyRecords(offered, MAX_OFFERED_RECORDS));
  }

  checkTimeline(s, add, (path, message) => problems.push({ path, message, severity: 'warning' }));
  if (s.complete) {
    checkZones(s.complete, add);
    problems.push(...validateSystems(s.complete));
  }
  return problems;
}

/** Whether a record-size spec describes a distribution we can draw from (the checks below say why not). */
function sizesMakeSense(r: ProducerSpec['recordSize']): boolean {
  if (typeof r === 'number') return r <= MAX_RECORD_BYTES;
  if (r.dist === 'fixed') return r.size <= MAX_RECORD_BYTES;
  if (r.dist === 'lognormal') return r.p99 >= r.median && r.p99 <= MAX_RECORD_BYTES;
  return r.max >= r.min && r.max <= MAX_RECORD_BYTES;
}

const isComplete = (p: Partial<ProducerSpec>): p is ProducerSpec =>
  p.name !== undefined && p.rate !== undefined && p.recordSize !== undefined && p.keys !== undefined && p.arrivals !== undefined;

type Add = (path: (string | number)[], message: string) => void;

function checkTimes(s: ScenarioParts, add: Add): void {
  if (s.duration !== undefined) {
    if (s.duration <= 0) add(['duration'], CHECK.durationZero);
    if (s.duration > MAX_DURATION) add(['duration'], CHECK.durationTooLong(durationText(MAX_DURATION)));
  }
  if (s.sampleInterval === undefined) return;
  if (s.sampleInterval <= 0) add(['sampleInterval'], CHECK.sampleIntervalZero);
  else if (s.duration !== undefined && s.duration > 0) {
    if (s.sampleInterval > s.duration) add(['sampleInterval'], CHECK.sampleIntervalLongerThanRun(durationText(s.duration)));
    else if (s.duration / s.sampleInterval > MAX_SAMPLES)
      add(['sampleInterval'], CHECK.tooManySamples(Math.ceil(s.duration / s.sampleInterval), MAX_SAMPLES, durationText(shortestRoundInterval(s.duration / MAX_SAMPLES))));
  }
}

function checkProducers(s: ScenarioParts, add: Add): void {
  const producers = s.producers ?? [];
  duplicateNames(producers.map((p) => p?.name)).forEach(([i, first]) => add(['workload', 'producers', i, 'name'], CHECK.duplicateName('producer', producers[i]!.name!, first)));
  producers.forEach((p, i) => {
    if (!p) return;
    const at = (...rest: (string | number)[]) => ['workload', 'producers', i, ...rest];
    const r = p.recordSize;
    let sizesValid = r !== undefined;
    if (r !== undefined && typeof r === 'object' && r.dist === 'lognormal' && r.p99 < r.median) {
      add(at('recordSize', 'p99'), CHECK.lognormalP99BelowMedian(formatSize(r.median)));
      sizesValid = false;
    }
    if (typeof r === 'object' && r.dist === 'uniform' && r.max < r.min) {
      add(at('recordSize', 'max'), CHECK.uniformMaxBelowMin(formatSize(r.min)));
      sizesValid = false;
    }
    const declared: [string[], number][] =
      r === undefined ? [] : typeof r === 'number' ? [[[], r]] : r.dist === 'fixed' ? [[['size'], r.size]] : r.dist === 'lognormal' ? [[['median'], r.median], [['p99'], r.p99]] : [[['min'], r.min], [['max'], r.max]];
    for (const [sub, bytes] of declared) {
      if (bytes > MAX_RECORD_BYTES) {
        add(at('recordSize', ...sub), CHECK.recordTooLarge(formatSize(MAX_RECORD_BYTES)));
        sizesValid = false;
      }
    }
    if (p.keys && p.keys.count > MAX_KEYS) add(at('keys', 'count'), CHECK.tooManyKeys(MAX_KEYS));
    if (typeof p.rate === 'object' && 'schedule' in p.rate) {
      const steps = p.rate.schedule;
      steps.forEach((step, j) => {
        if (j > 0 && steps[j - 1].at >= step.at) add(at('rate', 'schedule', j, 'at'), CHECK.scheduleOrder(durationText(steps[j - 1].at)));
      });
    }
    if (p.rate && sizesValid && !(peakRecordsPerSecond(p.rate, meanRecordSize(r!)) > 0)) add(at('rate'), CHECK.rateAlwaysZero);
  });
}

function checkTimeline(s: ScenarioParts, add: Add, warn: Add): void {
  const timeline = s.timeline ?? [];
  const consumers = s.consumers && s.consumers.every((c) => c !== undefined) ? (s.consumers as ConsumerSpec[]) : undefined;
  const systems = s.systemNames;
  timeline.forEach((entry, i) => {
    if (!entry) return;
    if (s.duration !== undefined && s.duration > 0 && entry.at > s.duration) warn(['timeline', i, 'at'], CHECK.afterEnd(durationText(s.duration)));
    if (consumers) {
      for (const key of ['consumerOutage', 'consumerFailure'] as const) {
        const action = entry[key];
        if (!action) continue;
        const consumer = consumers.find((c) => c.name === action.app);
        const names = consumers.map((c) => c.name);
        if (!consumer) add(['timeline', i, key, 'app'], CHECK.noSuchConsumer(action.app, names));
        else if (key === 'consumerFailure' && entry.consumerFailure!.instance >= consumer.instances)
          add(['timeline', i, key, 'instance'], CHECK.noSuchInstance(action.app, consumer.instances));
      }
    }
    if (systems) {
      for (const system of ['kinesis', 'kafka'] as const) {
        if (entry[system] && !systems.includes(system)) add(['timeline', i, system], CHECK.systemActionWithoutSystem(system));
      }
    }
  });
}

/** A zone outage must name a zone of at least one system: Kinesis spans 3 zones, Kafka its `zones`. */
function checkZones(s: Scenario, add: Add): void {
  const zones: string[] = [];
  let most = 0;
  if (s.systems.kinesis) {
    zones.push(`Kinesis 0 to ${KINESIS_ZONES - 1}`);
    most = Math.max(most, KINESIS_ZONES);
  }
  if (s.systems.kafka) {
    zones.push(`Kafka 0 to ${s.systems.kafka.zones - 1}`);
    most = Math.max(most, s.systems.kafka.zones);
  }
  if (zones.length === 0) return;
  s.timeline.forEach((entry, i) => {
    if (entry.zoneOutage && entry.zoneOutage.zone >= most) add(['timeline', i, 'zoneOutage', 'zone'], CHECK.noSuchZone(entry.zoneOutage.zone, zones.join(', ')));
  });
}

/** [index, index of the first entry with that name] for each repeated name. */
function duplicateNames(names: (string | undefined)[]): [number, number][] {
  return names.flatMap((name, i): [number, number][] => {
    if (name === undefined) return [];
    const first = names.indexOf(name);
    return first !== i ? [[i, first]] : [];
  });
}
