import { describe, expect, it } from 'vitest';
import { problemsOf } from '../scenario/helpers.ts';

const FAN_OUT = `name: costs
duration: 2m
workload:
  producers: [{name: clicks, rate: 100/s}]
  consumers: [{name: app, instances: 2}]
systems:
  kinesis: {shards: 2}
`;

describe('KCL failover times the KCL cannot start with', () => {
  it('failoverTime 0s (lease renewals every -25 ms, which priced as negative DynamoDB writes) is refused', () => {
    expect(problemsOf(FAN_OUT, [{ path: 'systems.kinesis.kcl.failoverTime', value: '0s' }])).toEqual([
      expect.stringMatching(/^7:\d+ systems\.kinesis\.kcl\.failoverTime: must be longer than 75ms: the KCL renews leases every failoverTime\/3 - 25ms/),
    ]);
    expect(problemsOf(FAN_OUT, [{ path: 'systems.kinesis.kcl.failoverTime', value: '76ms' }])).toEqual([]);
  });
});

describe('sizes and rates written with too many digits to be finite', () => {
  const KAFKA = `name: big\nduration: 1m\nworkload: {producers: [{name: p, rate: 10/s}]}\nsystems:\n  kafka: {}\n`;
  it('an infinite diskPerBroker is refused (it priced storage as null)', () => {
    const problems = problemsOf(KAFKA, [{ path: 'systems.kafka.diskPerBroker', value: `${'9'.repeat(400)}GB` }]);
    expect(problems).toEqual([expect.stringMatching(/systems\.kafka\.diskPerBroker: expected a positive size/)]);
  });
  it('an infinite rate is refused', () => {
    expect(problemsOf(KAFKA, [{ path: 'workload.producers.0.rate', value: `${'9'.repeat(400)}/s` }]).join('\n')).toMatch(/workload\.producers\.0\.rate: expected a rate/);
  });
});
