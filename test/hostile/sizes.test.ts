import { describe, expect, it } from 'vitest';
import { problemsOf } from '../scenario/helpers.ts';

const BASE = `name: sizes
duration: 1m
workload:
  producers: [{name: clicks, rate: 10/s}]
systems:
  kinesis: {shards: 1}
  kafka: {}
`;

describe('sizes above what a run can hold are refused by validation, at once', () => {
  it('a trillion shards: at most 100,000 (AWS raises the 20,000-shard account quota on request)', () => {
    expect(problemsOf(BASE, [{ path: 'systems.kinesis.shards', value: '1000000000000' }])).toEqual([
      '6:21 systems.kinesis.shards: at most 100,000 shards (see docs/limits.md) (from --set systems.kinesis.shards=1000000000000)',
    ]);
  });

  it('a million partitions, 5,000 brokers', () => {
    const problems = problemsOf(BASE.replace('kafka: {}', 'kafka: {partitions: 1000000, brokers: 5000}'));
    expect(problems).toEqual([
      '7:23 systems.kafka.partitions: at most 200,000 partitions (see docs/limits.md)',
      '7:41 systems.kafka.brokers: at most 1,000 brokers (see docs/limits.md)',
    ]);
  });

  it('5,000 producers and 20,000 timeline entries', () => {
    const producers = Array.from({ length: 5000 }, (_, i) => `{name: p${i}, rate: 1/s}`).join(', ');
    const timeline = Array.from({ length: 20_000 }, () => '{at: 1s, zoneOutage: {zone: 0, for: 1s}}').join(', ');
    const problems = problemsOf(`name: many\nduration: 1m\nworkload: {producers: [${producers}]}\ntimeline: [${timeline}]\n`);
    expect(problems.join('\n')).toMatch(/workload\.producers: at most 1,000 producers/);
    expect(problems.join('\n')).toMatch(/timeline: at most 10,000 timeline entries/);
  });
});
