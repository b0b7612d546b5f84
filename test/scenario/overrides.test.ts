import { describe, expect, it } from 'vitest';
import { parseOverride, parseScenario } from '../../src/index.ts';
import { MINIMAL, problemsOf } from './helpers.ts';

const set = (...texts: string[]) => texts.map((t) => parseOverride(t)!);

describe('--set PATH=VALUE overrides a scenario value, read with the same units as the file', () => {
  it('sets durations, rates and numbers, and adds keys the file left to their defaults', () => {
    const s = parseScenario(MINIMAL, 'x.yaml', set('duration=2h', 'workload.producers.0.rate=5MB/s', 'seed=42', 'workload.producers.0.keys.count=10'));
    expect(s.duration).toBe(2 * 3600 * 1e6);
    expect(s.workload.producers[0].rate).toEqual({ bytesPerSecond: 5e6 });
    expect(s.seed).toBe(42);
    expect(s.workload.producers[0].keys.count).toBe(10);
  });

  it('takes YAML flow collections, e.g. a whole new producer appended at the next index', () => {
    const s = parseScenario(MINIMAL, 'x.yaml', set('workload.producers.1={name: views, rate: 10/s, recordSize: 1KiB}'));
    expect(s.workload.producers.map((p) => p.name)).toEqual(['clicks', 'views']);
    expect(s.workload.producers[1].recordSize).toBe(1024);
  });

  it('the last of two overrides of the same key wins', () => {
    expect(parseScenario(MINIMAL, 'x.yaml', set('duration=2h', 'duration=3h')).duration).toBe(3 * 3600 * 1e6);
  });

  it('reports an invalid value at the key it replaces, naming the override', () => {
    expect(problemsOf(MINIMAL, set('workload.producers.0.rate=fast'))).toEqual([
      '6:13 workload.producers.0.rate: expected a rate such as 2000/s or 5MB/s, or {schedule: [{at, rate}, …]}, or {diurnal: {mean, amplitude, peakAt}} (from --set workload.producers.0.rate=fast)',
    ]);
  });

  it('reports a misspelt path as an unknown key, at the nearest key the file has', () => {
    expect(problemsOf(MINIMAL, set('workload.producer.0.rate=5/s'))).toEqual([
      '3:1 workload.producer: unknown key "producer": did you mean "producers"? (from --set workload.producer.0.rate=5/s)',
    ]);
  });

  it('reports paths that cannot be set: past the end of a list, a name for a list index, a key inside a single value', () => {
    expect(problemsOf(MINIMAL, set('workload.producers.3.rate=5/s'))).toEqual([
      '4:3 workload.producers.3.rate: `workload.producers` has 1 item(s), numbered from 0: use an index from 0 to 1 (from --set workload.producers.3.rate=5/s)',
    ]);
    expect(problemsOf(MINIMAL, set('workload.producers.clicks.rate=5/s'))).toEqual([
      '4:3 workload.producers.clicks.rate: `workload.producers` is a list: use a number, not "clicks" (from --set workload.producers.clicks.rate=5/s)',
    ]);
    expect(problemsOf(MINIMAL, set('duration.unit=s'))).toEqual([
      '2:1 duration.unit: cannot set a key inside `duration`: it is a single value, not a mapping or a list (from --set duration.unit=s)',
    ]);
  });

  it('an override can fix a file: a zero rate made positive passes', () => {
    const zero = MINIMAL.replace('100/s', '0/s');
    expect(problemsOf(zero)).toHaveLength(1);
    expect(problemsOf(zero, set('workload.producers.0.rate=10/s'))).toEqual([]);
  });

  it('parses PATH=VALUE; a value may contain "="; a missing or empty path is not an override', () => {
    expect(parseOverride('description=a=b')).toEqual({ path: 'description', value: 'a=b' });
    expect(parseOverride('=5')).toBeUndefined();
    expect(parseOverride('duration')).toBeUndefined();
    expect(parseOverride('workload..rate=5')).toBeUndefined();
  });
});
