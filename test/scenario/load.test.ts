import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../src/index.ts';

const problemsOf = (text: string) => {
  try {
    parseScenario(text, 'x.yaml');
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems.map((p) => `${p.line}:${p.col} ${p.path}: ${p.message}`);
    throw error;
  }
  return [];
};

describe('scenario loading', () => {
  it('fills in defaults and parses units', () => {
    const s = parseScenario('name: a\nduration: 2h\nworkload:\n  producers:\n    - {name: p, rate: 5MB/s, recordSize: 1KiB}\n', 'a.yaml');
    expect(s.duration).toBe(2 * 3600 * 1e6);
    expect(s.workload.producers[0].rate).toEqual({ bytesPerSecond: 5e6 });
    expect(s.workload.producers[0].recordSize).toBe(1024);
    expect(s.workload.producers[0].arrivals).toBe('poisson');
    expect(s.seed).toBe(1);
  });

  it('reports every problem at once with line and column', () => {
    const problems = problemsOf('name: bad\nduration: 10 minutes\nworkload:\n  producers:\n    - name: p\n      rate: 10/s\n      colour: red\n');
    expect(problems).toEqual([
      '2:11 duration: expected a duration such as 200ms, 30s, 5m, 24h or 7d',
      '7:7 workload.producers.0.colour: unknown key "colour"; expected one of name, rate, arrivals, recordSize, keys, instances, network',
    ]);
  });

  it('rejects a producer whose rate is always zero', () => {
    expect(problemsOf('name: z\nduration: 1h\nworkload:\n  producers:\n    - {name: p, rate: 0/s}\n')).toEqual([
      '5:23 workload.producers.0.rate: the rate is zero at all times: give a positive rate, or a schedule with one',
    ]);
  });
});
