import type { Scenario } from './schema.ts';
import type { PathProblem } from './problem.ts';
import { MAX_DURATION, MAX_KEYS, MAX_OFFERED_RECORDS, MAX_SAMPLES } from './limits.ts';
import { formatDuration } from '../engine/time.ts';
import { meanRecordsPerSecond, peakRecordsPerSecond } from '../workload/rate-profile.ts';
import { meanRecordSize } from '../workload/record-size.ts';
import { validateSystems } from '../models/registry.ts';

/**
 * Checks that need more than one field: names that refer to each other, and scenarios that would
 * not run sensibly (no traffic, or so much that the run would not finish). Each problem says what
 * to change.
 */
export function checkScenario(s: Scenario): PathProblem[] {
  const problems: PathProblem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path, message });

  if (s.duration <= 0) add(['duration'], 'must be longer than zero');
  if (s.duration > MAX_DURATION) add(['duration'], `at most ${formatDuration(MAX_DURATION)}; split a longer study into several runs`);
  if (s.sampleInterval !== undefined) {
    if (s.sampleInterval <= 0) add(['sampleInterval'], 'must be longer than zero');
    else if (s.sampleInterval > s.duration) add(['sampleInterval'], 'must not be longer than the duration');
    else if (s.duration / s.sampleInterval > MAX_SAMPLES)
      add(['sampleInterval'], `gives ${Math.ceil(s.duration / s.sampleInterval)} samples; at most ${MAX_SAMPLES}: use a longer interval`);
  }

  duplicates(s.workload.producers.map((p) => p.name)).forEach((i) => add(['workload', 'producers', i, 'name'], 'producer names must be unique'));
  const consumerNames = s.workload.consumers.map((c) => c.name);
  duplicates(consumerNames).forEach((i) => add(['workload', 'consumers', i, 'name'], 'consumer names must be unique'));

  let offered = 0;
  s.workload.producers.forEach((p, i) => {
    const size = meanRecordSize(p.recordSize);
    const peak = peakRecordsPerSecond(p.rate, size);
    if (!(peak > 0)) add(['workload', 'producers', i, 'rate'], 'the rate is zero at all times: give a positive rate, or a schedule with one');
    offered += meanRecordsPerSecond(p.rate, size) * (s.duration / 1e6);
    const r = p.recordSize;
    if (typeof r === 'object' && r.dist === 'lognormal' && r.p99 < r.median) add(['workload', 'producers', i, 'recordSize', 'p99'], 'must be at least the median');
    if (typeof r === 'object' && r.dist === 'uniform' && r.max < r.min) add(['workload', 'producers', i, 'recordSize', 'max'], 'must be at least min');
    if (p.keys.count > MAX_KEYS) add(['workload', 'producers', i, 'keys', 'count'], `at most ${MAX_KEYS.toLocaleString('en-US')} keys`);
    if (typeof p.rate === 'object' && 'schedule' in p.rate) {
      const steps = p.rate.schedule;
      steps.forEach((step, j) => {
        if (j > 0 && steps[j - 1].at >= step.at) add(['workload', 'producers', i, 'rate', 'schedule', j, 'at'], 'schedule steps must be in increasing time order');
      });
    }
  });
  if (offered > MAX_OFFERED_RECORDS)
    add(['duration'], `the workload offers about ${offered.toExponential(2)} records in this duration; at most ${MAX_OFFERED_RECORDS.toExponential(0)} run in reasonable time: shorten the duration or lower the rates`);

  s.timeline.forEach((entry, i) => {
    if (entry.at > s.duration) add(['timeline', i, 'at'], `is after the end of the run (${formatDuration(s.duration)})`);
    for (const key of ['consumerOutage', 'consumerFailure'] as const) {
      const action = entry[key];
      if (!action) continue;
      const consumer = s.workload.consumers.find((c) => c.name === action.app);
      if (!consumer) add(['timeline', i, key, 'app'], `no consumer application named "${action.app}" (have: ${consumerNames.join(', ') || 'none'})`);
      else if (key === 'consumerFailure' && entry.consumerFailure!.instance >= consumer.instances)
        add(['timeline', i, key, 'instance'], `"${action.app}" has ${consumer.instances} instance(s), numbered from 0`);
    }
  });
  if (Object.keys(s.systems).length === 0 && s.timeline.some((e) => e.kinesis || e.kafka))
    add(['timeline'], 'has system actions but no system is configured under `systems`');
  s.timeline.forEach((e, i) => {
    if (e.kinesis && !s.systems.kinesis) add(['timeline', i, 'kinesis'], 'no `systems.kinesis` in this scenario');
    if (e.kafka && !s.systems.kafka) add(['timeline', i, 'kafka'], 'no `systems.kafka` in this scenario');
  });

  problems.push(...validateSystems(s));
  return problems;
}

function duplicates(names: string[]): number[] {
  return names.flatMap((name, i) => (names.indexOf(name) !== i ? [i] : []));
}
