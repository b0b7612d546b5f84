import { describe, expect, it } from 'vitest';
import { formatProblem, parseScenario, ScenarioError } from '../../src/index.ts';
import { problemsOf } from './helpers.ts';

describe('a bad scenario file: every problem at once, at its line and column, saying what is expected', () => {
  it('reports schema errors and cross-field checks together, in file order', () => {
    const text = [
      'name: bad', //                                     1
      'duration: 0s', //                                  2: checked (zero) although other parts fail
      'workload:', //                                     3
      '  producers:', //                                  4
      '    - name: p', //                                 5
      '      rate: 0/s', //                               6: checked: always zero
      '    - name: p', //                                 7: checked: duplicate name
      '      rate: 10/s', //                              8
      '      recordSize: -5', //                          9: schema
      '    - name: q', //                                 10
      '      rate: fast', //                              11: schema
      '      colour: red', //                             12: unknown key
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      '2:11 duration: must be longer than zero: give the simulated time, e.g. 1h',
      '6:13 workload.producers.0.rate: the rate is zero at all times: give a positive rate, or a schedule with one',
      '7:13 workload.producers.1.name: producer names must be unique: "p" is also the name of producer 0',
      '9:19 workload.producers.1.recordSize: expected a positive size such as 2KB, or {dist: lognormal, median, p99}, {dist: uniform, min, max} or {dist: fixed, size}',
      '11:13 workload.producers.2.rate: expected a rate such as 2000/s or 5MB/s, or {schedule: [{at, rate}, …]}, or {diurnal: {mean, amplitude, peakAt}}',
      '12:7 workload.producers.2.colour: unknown key "colour"; expected one of name, rate, arrivals, recordSize, keys, instances, network',
    ]);
  });

  it('checks names and references across the parts that parsed', () => {
    const text = `name: refs
duration: 1h
workload:
  producers:
    - {name: p, rate: 10/s}
    - {name: p, rate: 10/s}
    - {name: r, rate: 10/s, keys: {count: 0}}
  consumers:
    - {name: app, instances: 2}
timeline:
  - {at: 2h, consumerOutage: {app: ap}}
  - {at: 5m, consumerFailure: {app: app, instance: 2}}
  - {at: 5m, kinesis: {updateShardCount: 8}}
`;
    expect(problemsOf(text)).toEqual([
      '6:14 workload.producers.1.name: producer names must be unique: "p" is also the name of producer 0',
      '7:43 workload.producers.2.keys.count: must be greater than 0',
      '11:10 timeline.0.at: warning: is after the end of the run (1h): it will not happen',
      '11:36 timeline.0.consumerOutage.app: no consumer application named "ap" (have: app)',
      '12:52 timeline.1.consumerFailure.instance: "app" has 2 instance(s), numbered from 0',
      '13:23 timeline.2.kinesis: a kinesis action, but there is no `systems.kinesis` in this scenario',
    ]);
  });

  it('names the form a value should take, not zod internals', () => {
    const text = `name: forms
duration: 10 minutes
sampleInterval: 0s
seed: -1
workload:
  producers:
    - name: a
      rate: {schedule: [{at: 0s, rate: 5/s}, {at: 0s, rate: 3/s}]}
      arrivals: bursty
      recordSize: {dist: lognormal, median: 2KB, p99: 1KB}
    - name: b
      rate: {diurnal: {mean: 5/s, amplitude: 1.5}}
      recordSize: {dist: lognormal, median: 2KB}
    - name: c
      rate: 5/s
      recordSize: {dist: pareto, min: 1KB}
      keys: {count: 1.5, dist: zipf}
`;
    expect(problemsOf(text)).toEqual([
      '2:11 duration: expected a duration such as 200ms, 30s, 5m, 24h or 7d',
      '3:17 sampleInterval: must be longer than zero, e.g. 10s',
      '4:7 seed: expected a whole number (0 or more) or a non-empty text',
      '8:51 workload.producers.0.rate.schedule.1.at: schedule steps must be in increasing time order (the step before is at 0s)',
      '9:17 workload.producers.0.arrivals: expected one of poisson, constant (not "bursty")',
      '10:55 workload.producers.0.recordSize.p99: must be at least the median (2KB)',
      '12:46 workload.producers.1.rate.diurnal.amplitude: must be at most 1',
      '13:19 workload.producers.1.recordSize.p99: missing: expected a positive size such as 512B, 2KB or 1MiB (KB = 1000 bytes, KiB = 1024)',
      '16:26 workload.producers.2.recordSize.dist: expected dist: fixed, lognormal or uniform',
      '17:21 workload.producers.2.keys.count: expected a whole number, not 1.5',
    ]);
  });

  it('suggests the key that was probably meant', () => {
    const text = `name: typos
duraton: 1h
workload:
  producers:
    - {name: p, rate: 10/s, recordsize: 2KB}
`;
    expect(problemsOf(text)).toEqual([
      '1:1 duration: missing: expected a duration such as 200ms, 30s, 5m, 24h or 7d',
      '2:1 duraton: unknown key "duraton": did you mean "duration"?',
      '5:29 workload.producers.0.recordsize: unknown key "recordsize": did you mean "recordSize"?',
    ]);
  });

  it('reports YAML syntax errors with their position, before anything else', () => {
    expect(problemsOf('name: a\nname: b\nduration: 1h\n')).toEqual(['2:1 : Map keys must be unique']);
    expect(problemsOf('name: a\nworkload: [\n')[0]).toMatch(/^3:1 : /);
  });

  it('rejects a file that is not a mapping', () => {
    expect(problemsOf('- a\n- b\n')).toEqual(['1:1 : expected a mapping with name, duration, workload and (optionally) systems and timeline']);
    expect(problemsOf('')).toHaveLength(1);
  });

  it('locates problems in a JSON file by line and column too', () => {
    const json = `{
  "name": "json",
  "duration": "1h",
  "workload": {
    "producers": [
      { "name": "p", "rate": "5/x", "colour": "red" }
    ]
  }
}
`;
    expect(problemsOf(json, [], 'x.json')).toEqual([
      '6:30 workload.producers.0.rate: expected a rate such as 2000/s or 5MB/s, or {schedule: [{at, rate}, …]}, or {diurnal: {mean, amplitude, peakAt}}',
      '6:37 workload.producers.0.colour: unknown key "colour"; expected one of name, rate, arrivals, recordSize, keys, instances, network',
    ]);
  });

  it('accepts $schema in a JSON file, for editors', () => {
    const json = '{"$schema": "./scenario.schema.json", "name": "j", "duration": "1h", "workload": {"producers": [{"name": "p", "rate": 10}]}}';
    expect(problemsOf(json, [], 'x.json')).toEqual([]);
  });

  it('formats a problem as file:line:col: path: message', () => {
    try {
      parseScenario('name: a\nduration: 1h\nworkload: {producers: []}\n', 'dir/a.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as ScenarioError).problems.map(formatProblem)).toEqual(['dir/a.yaml:3:23: workload.producers: needs at least 1 item']);
    }
  });
});

describe('scenarios that cannot run sensibly are rejected, saying what to change', () => {
  const producer = (rate: string, extra = '') => `name: big\nduration: DURATION\nworkload:\n  producers:\n    - {name: p, rate: ${rate}${extra}}\n`;

  it('a rate that is zero at all times, and a schedule that stays at zero', () => {
    expect(problemsOf(producer('0/s').replace('DURATION', '1h'))).toEqual([
      '5:23 workload.producers.0.rate: the rate is zero at all times: give a positive rate, or a schedule with one',
    ]);
    expect(problemsOf(producer('{schedule: [{at: 0s, rate: 0/s}, {at: 5m, rate: 0/s}]}').replace('DURATION', '1h'))).toHaveLength(1);
    // A schedule that starts later is fine: the producer is idle, then sends.
    expect(problemsOf(producer('{schedule: [{at: 30m, rate: 10/s}]}').replace('DURATION', '1h'))).toEqual([]);
  });

  it('a negative or zero size', () => {
    expect(problemsOf(producer('10/s', ', recordSize: 0KB').replace('DURATION', '1h'))[0]).toMatch(/recordSize: expected a positive size such as 2KB/);
    expect(problemsOf(producer('10/s', ', recordSize: {dist: uniform, min: -1, max: 5KB}').replace('DURATION', '1h'))).toEqual([
      '5:62 workload.producers.0.recordSize.min: expected a positive size such as 512B, 2KB or 1MiB (KB = 1000 bytes, KiB = 1024)',
    ]);
  });

  it('a duration beyond 400 days', () => {
    expect(problemsOf(producer('1/s').replace('DURATION', '401d'))).toEqual(['2:11 duration: at most 400d; split a longer study into several runs']);
  });

  it('more records than a run can simulate: 2 million records/s for 30 days is 5.2e12 records', () => {
    expect(problemsOf(producer('2000000/s').replace('DURATION', '30d'))).toEqual([
      '2:11 duration: the workload offers about 5.18e+12 records in this duration; at most 3e+9 run in reasonable time: shorten the duration or lower the rates',
    ]);
    // 2,000 records/s for 1 day is 1.7e8 records: fine.
    expect(problemsOf(producer('2000/s').replace('DURATION', '1d'))).toEqual([]);
  });

  it('counts a schedule by its integral, not its peak: 1e6/s for one hour of 30 days is 3.6e9 records', () => {
    const spiky = producer('{schedule: [{at: 0s, rate: 1000000/s}, {at: 1h, rate: 1/s}]}').replace('DURATION', '30d');
    expect(problemsOf(spiky)).toHaveLength(1);
    const shorter = producer('{schedule: [{at: 0s, rate: 1000000/s}, {at: 45m, rate: 1/s}]}').replace('DURATION', '30d');
    expect(problemsOf(shorter)).toEqual([]);
  });

  it('a sample interval that would give more than 100,000 rows', () => {
    const text = producer('1/s').replace('DURATION', '30d').replace('workload:', 'sampleInterval: 1s\nworkload:');
    expect(problemsOf(text)).toEqual(['3:17 sampleInterval: gives 2,592,000 samples; at most 100,000: use 30s or longer']);
  });
});

describe('timeline entries', () => {
  it('an entry with only a time says what an action looks like', () => {
    const text = 'name: t\nduration: 1h\nworkload:\n  producers:\n    - {name: p, rate: 1/s}\ntimeline:\n  - {at: 5m}\n';
    expect(problemsOf(text)).toEqual([
      '7:5 timeline.0: a timeline entry needs an action besides `at`, e.g. {at: 30m, consumerOutage: {app: analytics, for: 5m}}',
    ]);
  });
});

describe('warnings do not stop a run', () => {
  it('a timeline action after the end (e.g. after --set duration=5m) is a warning; the scenario loads', () => {
    const text = 'name: w\nduration: 1h\nworkload:\n  producers:\n    - {name: p, rate: 1/s}\n  consumers: [{name: app}]\ntimeline:\n  - {at: 30m, consumerOutage: {app: app}}\n';
    const warnings: string[] = [];
    const s = parseScenario(text, 'w.yaml', [{ path: 'duration', value: '5m' }], { onWarning: (w) => warnings.push(formatProblem(w)) });
    expect(s.duration).toBe(5 * 60e6);
    expect(warnings).toEqual(['w.yaml:8:10: timeline.0.at: warning: is after the end of the run (5m): it will not happen']);
  });
});

describe('record sizes that make no distribution', () => {
  it('are reported, and the checks that need a mean size skip them instead of failing', () => {
    const text = `name: sizes
duration: 1h
workload:
  producers:
    - {name: p, rate: 5MB/s, recordSize: {dist: lognormal, median: 2KB, p99: 1KB}}
    - {name: q, rate: 5MB/s, recordSize: {dist: uniform, min: 3KB, max: 1KB}}
    - {name: r, rate: 5MB/s, recordSize: 3GB}
`;
    expect(problemsOf(text)).toEqual([
      '5:78 workload.producers.0.recordSize.p99: must be at least the median (2KB)',
      '6:73 workload.producers.1.recordSize.max: must be at least min (3KB)',
      '7:42 workload.producers.2.recordSize: at most 2.147GB (records are counted in 32-bit sizes); real systems reject far smaller ones',
    ]);
  });
});
