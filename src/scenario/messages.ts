/**
 * Every message a user reads about a scenario file, in one place so that they read alike (the way
 * vega-lite keeps its warnings in log/message.ts). A message says what is wrong and what is
 * expected instead; the caller prefixes `file:line:col: path: `.
 */

/** What a value must look like, as the `expected …` part of a message. Also used as schema descriptions. */
export const EXPECTED = {
  duration: 'a duration such as 200ms, 30s, 5m, 24h or 7d',
  size: 'a size such as 512B, 2KB or 1MiB (KB = 1000 bytes, KiB = 1024)',
  positiveSize: 'a positive size such as 512B, 2KB or 1MiB (KB = 1000 bytes, KiB = 1024)',
  recordSize: 'a positive size such as 2KB, or {dist: lognormal, median, p99}, {dist: uniform, min, max} or {dist: fixed, size}',
  rate: 'a rate such as 2000/s (records) or 5MB/s (bytes)',
  byteRate: 'a byte rate such as 100MB/s or 1GiB/s',
  rateProfile: 'a rate such as 2000/s or 5MB/s, or {schedule: [{at, rate}, …]}, or {diurnal: {mean, amplitude, peakAt}}',
  seed: 'a whole number (0 or more) or a non-empty text',
  name: 'a non-empty name',
  /** JavaScript gives this key a meaning of its own, so settings could never be found under it. */
  reservedName: 'a name other than __proto__',
} as const;

export const expected = (what: string): string => `expected ${what}`;

/** Messages of the checks that look at more than one field (check.ts). */
export const CHECK = {
  durationZero: 'must be longer than zero: give the simulated time, e.g. 1h',
  durationTooLong: (max: string) => `at most ${max}; split a longer study into several runs`,
  sampleIntervalZero: 'must be longer than zero, e.g. 10s',
  sampleIntervalLongerThanRun: (duration: string) => `must not be longer than the duration (${duration})`,
  tooManySamples: (samples: number, max: number, suggestion: string) =>
    `gives ${samples.toLocaleString('en-US')} samples; at most ${max.toLocaleString('en-US')}: use ${suggestion} or longer`,
  duplicateName: (kind: 'producer' | 'consumer', name: string, firstIndex: number) =>
    `${kind} names must be unique: "${name}" is also the name of ${kind} ${firstIndex}`,
  rateAlwaysZero: 'the rate is zero at all times: give a positive rate, or a schedule with one',
  lognormalP99BelowMedian: (median: string) => `must be at least the median (${median})`,
  uniformMaxBelowMin: (min: string) => `must be at least min (${min})`,
  recordTooLarge: (max: string) => `at most ${max} (records are counted in 32-bit sizes); real systems reject far smaller ones`,
  tooManyKeys: (max: number) => `at most ${max.toLocaleString('en-US')} keys`,
  scheduleOrder: (previous: string) => `schedule steps must be in increasing time order (the step before is at ${previous})`,
  tooManyRecords: (offered: number, max: number) =>
    `the workload offers about ${offered.toExponential(2)} records in this duration; at most ${max.toExponential(0)} run in reasonable time: shorten the duration or lower the rates`,
  timelineEntryWithoutAction: 'a timeline entry needs an action besides `at`, e.g. {at: 30m, consumerOutage: {app: analytics, for: 5m}}',
  afterEnd: (duration: string) => `is after the end of the run (${duration}): it will not happen`,
  noSuchConsumer: (app: string, names: string[]) => `no consumer application named "${app}" (have: ${names.join(', ') || 'none'})`,
  noSuchInstance: (app: string, instances: number) => `"${app}" has ${instances} instance(s), numbered from 0`,
  noSuchZone: (zone: number, zones: string) => `no system has a zone ${zone} (zones are numbered from 0: ${zones}); the outage would do nothing`,
  systemActionWithoutSystem: (system: string) => `a ${system} action, but there is no \`systems.${system}\` in this scenario`,
} as const;

/** Intervals the real systems (or physics) do not allow to be zero; each cites its rule. */
export const INTERVAL = {
  retentionCheck:
    'must be at least 1ms: Kafka takes log.retention.check.interval.ms in [1,...] (kafka.apache.org/documentation/#brokerconfigs_log.retention.check.interval.ms); the default is 5m',
  roundTrip: 'must be longer than 0: a round trip between two hosts takes time (e.g. 260us in one zone, 830us across zones)',
  kclFailover:
    'must be longer than 75ms: the KCL renews leases every failoverTime/3 - 25ms, and a renewal period of 0 or less stops the worker from starting; the default is 10s',
  peakAt: 'must be a time of day, under 24h (e.g. 14h): the cycle repeats every day',
} as const;

/** Sizes above the model's ceilings (limits.ts, docs/limits.md). */
export const SIZE = {
  atMost: (what: string, max: number) => `at most ${max.toLocaleString('en-US')} ${what} (see docs/limits.md)`,
} as const;

/** Runs refused or stopped for their size in events (simulation/estimate.ts, docs/limits.md). */
export const RUNAWAY = {
  refused: (file: string, e: { events: number; pilotMicros: number; pilotEvents: number }, max: number) =>
    e.events === Number.POSITIVE_INFINITY
      ? `${file}: the run makes no progress in simulated time (${e.pilotEvents.toLocaleString('en-US')} events without the clock moving): a timing value is too small`
      : `${file}: the run would execute about ${e.events.toExponential(1)} events (its first ${e.pilotMicros / 1e6}s took ${e.pilotEvents.toLocaleString('en-US')}); ` +
        `more than ${max.toExponential(0)} take tens of minutes or more: shorten the duration, lower the rates or lengthen the intervals, or pass --yes to run it anyway`,
  stopped: (name: string, limit: number) =>
    `${name}: stopped after ${limit.toExponential(0)} events, far past its estimate; nothing was written: pass --yes to run it to the end`,
} as const;

/** Messages about the file as a whole, and about `--set` overrides. */
export const FILE = {
  unreadable: (reason: string) => `cannot read the scenario: ${reason}`,
  notRegular: 'cannot read the scenario: not a regular file (a device, a pipe or a socket): save the scenario in a file',
  tooLarge: (bytes: number, max: number) =>
    `cannot read the scenario: ${bytes.toLocaleString('en-US')} bytes; at most ${max.toLocaleString('en-US')} (docs/limits.md): a scenario is a description, not data`,
  notUtf8: (offset: number) => `the file is not valid UTF-8 (at byte ${offset}): save it as UTF-8`,
  notAMapping: 'expected a mapping with name, duration, workload and (optionally) systems and timeline',
  overrideSyntax: 'expected PATH=VALUE, e.g. systems.kinesis.shards=8 or workload.producers.0.rate=5MB/s',
  overrideValue: (reason: string) => `the value is not valid YAML: ${reason}`,
  overrideThroughValue: (at: string) => `cannot set a key inside \`${at}\`: it is a single value, not a mapping or a list`,
  overrideIndex: (at: string, length: number) => `\`${at}\` has ${length} item(s), numbered from 0: use an index from 0 to ${length}`,
  overrideKeyNotIndex: (at: string, key: string) => `\`${at}\` is a list: use a number, not "${key}"`,
  fromOverride: (label: string) => `(from ${label})`,
  aliases: (reason: string) => `cannot expand the YAML aliases (*name): ${reason.replace(/\.$/, '')}; write the values out, or use fewer aliases`,
} as const;

/** What a zod type expects, when the schema gives no message of its own. */
export const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  array: 'a list',
  record: 'a mapping (key: value)',
};

export const GENERIC = {
  missing: (what: string | undefined) => (what ? `missing: expected ${what}` : 'missing'),
  wrongType: (what: string, got: string) => `expected ${what}, not ${got}`,
  oneOf: (values: readonly unknown[], got: unknown) =>
    `expected one of ${values.map((v) => String(v)).join(', ')}${got === undefined ? '' : ` (not ${JSON.stringify(got)})`}`,
  atLeast: (n: number | bigint, inclusive: boolean) => (inclusive ? `must be at least ${n}` : `must be greater than ${n}`),
  atMost: (n: number | bigint, inclusive: boolean) => (inclusive ? `must be at most ${n}` : `must be less than ${n}`),
  atLeastItems: (n: number | bigint) => `needs at least ${n} item${Number(n) === 1 ? '' : 's'}`,
  atMostItems: (n: number | bigint) => `takes at most ${n} item${Number(n) === 1 ? '' : 's'}`,
  emptyText: 'must not be empty',
  unknownKey: (key: string, suggestion: string | undefined, allowed: readonly string[]) =>
    `unknown key "${key}"${suggestion ? `: did you mean "${suggestion}"?` : allowed.length > 0 ? `; expected one of ${allowed.join(', ')}` : ''}`,
  invalid: 'not a valid value',
} as const;

/** How a received value is named in "expected X, not Y". */
export function describeValue(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value}"`;
  return String(value);
}
