import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../src/index.ts';
import { runScenario } from '../../src/simulation/run.ts';
import { problemsOf } from '../scenario/helpers.ts';

const kinesisWith = (app: string) => `name: proto
duration: 20s
workload:
  producers: [{name: clicks, rate: 50/s}]
  consumers: [{name: ${app}}]
systems:
  kinesis: {shards: 1}
  kafka: {brokers: 3, partitions: 3}
`;

describe('names that are also properties of every JavaScript object are plain names', () => {
  for (const key of ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty']) {
    it(`an unknown key "${key}" in the file is an unknown key`, () => {
      const problems = problemsOf(`${key}: 1\nname: x\nduration: 1m\nworkload: {producers: [{name: p, rate: 1/s}]}\n`);
      expect(problems).toEqual([expect.stringMatching(new RegExp(`^1:1 ${key.replace(/_/g, '_')}: unknown key "${key}"`))]);
    });

    it(`--set ${key}=1 is an unknown key`, () => {
      const problems = problemsOf('name: x\nduration: 1m\nworkload: {producers: [{name: p, rate: 1/s}]}\n', [{ path: `systems.kafka.${key}`, value: '1' }]);
      expect(problems.join('\n')).toContain(`unknown key "${key}"`);
    });
  }

  for (const app of ['constructor', 'toString']) {
    it(`a consumer application named ${app} reads on both systems, and the summary names it`, () => {
      const scenario = parseScenario(kinesisWith(JSON.stringify(app)), 'x.yaml');
      const { summary } = runScenario(scenario);
      for (const system of ['kinesis', 'kafka'] as const) {
        const consumers = summary.systems[system]!.consumers;
        expect(Object.keys(consumers)).toEqual([app]);
        expect(consumers[app].delivered).toBeGreaterThan(0);
      }
    });
  }
});

describe('__proto__, which JavaScript keeps for itself, is refused as a name', () => {
  it('as a consumer application', () => {
    expect(problemsOf(kinesisWith('__proto__'))).toEqual(['5:22 workload.consumers.0.name: expected a name other than __proto__']);
  });

  it('as the key of an application\'s settings, where it would otherwise be dropped without a word', () => {
    const text = kinesisWith('web').replace('kinesis: {shards: 1}', 'kinesis: {shards: 1, consumers: {__proto__: {type: efoo}}}');
    expect(problemsOf(text)).toEqual([expect.stringMatching(/^7:\d+ systems\.kinesis\.consumers\.__proto__: expected a name other than __proto__/)]);
  });
});

describe('YAML aliases', () => {
  it('an unresolved alias in --set is a problem of that override', () => {
    const problems = problemsOf('name: x\nduration: 1m\nworkload: {producers: [{name: p, rate: 1/s}]}\n', [{ path: 'duration', value: '*a' }]);
    expect(problems.join('\n')).toMatch(/alias/);
  });

  it('an alias bomb (9 levels of 9 aliases) is refused, not expanded', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    const text = `${lines.join('\n')}\nname: x\nduration: 1m\nworkload: {producers: [{name: p, rate: 1/s}]}\n`;
    expect(() => parseScenario(text, 'x.yaml')).toThrow(ScenarioError);
    expect(problemsOf(text).join('\n')).toMatch(/alias/i);
  });
});

describe('a Kafka client quota of zero', () => {
  it('is refused in validation: Kafka quotas are positive byte rates', () => {
    const text = 'name: x\nduration: 1m\nworkload: {producers: [{name: p, rate: 1/s}]}\nsystems:\n  kafka:\n    quotas: {producerByteRate: 0, consumerByteRate: 0B/s}\n';
    const problems = problemsOf(text);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^6:\d+ systems\.kafka\.quotas\.producerByteRate: .*greater than 0/);
  });
});
