import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadScenarioFile, parseScenario, runScenario } from '../../../src/index.ts';
import { RecordFeed } from '../../../src/models/kinesis/record-feed.ts';
import type { ProducerSpec } from '../../../src/scenario/workload-schema.ts';
import { pollingScenario as scenario, runKinesis } from './helpers.ts';

/**
 * A long run's records and send groups come from a worker thread (RecordFeed). The worker draws the
 * same records and groups them as the client would, and the client falls back to its own grouping
 * whenever the groups do not apply (throttled windows, buffered retries, windows across blocks), so
 * every output must be identical with and without the feed.
 */
describe('the record feed worker gives the outputs of the simulation without it', () => {
  const minRecords = RecordFeed.minRecords;
  const maxSharedRoutes = RecordFeed.maxSharedRoutes;
  afterEach(() => {
    RecordFeed.minRecords = minRecords;
    RecordFeed.maxSharedRoutes = maxSharedRoutes;
    vi.restoreAllMocks();
  });

  /** The run's result with and without a feed, and how many windows took the feed's groups. */
  function both(run: () => ReturnType<typeof runScenario>) {
    RecordFeed.minRecords = Number.POSITIVE_INFINITY;
    const alone = run();
    RecordFeed.minRecords = 0;
    const windows = vi.spyOn(RecordFeed.prototype, 'groupsUntil');
    const fed = run();
    const used = windows.mock.results.filter((r) => r.value === true).length;
    return { alone, fed, used };
  }

  const cases = {
    'KPL, 35 KB records on 4 shards near the limit': scenario('2h', 'rate: 100/s, recordSize: 35KB', 'shards: 4\n    producer: {client: kpl}'),
    'KPL aggregating small records': scenario('1h', 'rate: 4000/s, recordSize: 200', 'shards: 2\n    producer: {client: kpl}'),
    'SDK application with a hot key (throttled, retried)': scenario('1h', 'rate: 1500/s, recordSize: 500, keys: {count: 20, dist: zipf, exponent: 2}', 'shards: 2\n    producer: {client: sdk}'),
    'SDK application, evenly spaced records, some on the send grid itself': scenario('1h', 'rate: 1000/s, arrivals: constant, recordSize: 1KB', 'shards: 2\n    producer: {client: sdk}'),
    'KPL read every 20 s (windows of 200 sends, across stretches of the blocks)': scenario('2h', 'rate: 300/s, recordSize: 2KB', 'shards: 1\n    producer: {client: kpl}')
      .replace('app: {type: polling}', 'app: {type: polling, pollInterval: 20s}')
      .replace('duration: 2h', 'duration: 2h\nsampleInterval: 5m'),
    'KPL with diurnal traffic and lognormal sizes': scenario(
      '6h',
      'rate: {diurnal: {mean: 300/s, amplitude: 0.8, peakAt: 3h}}, recordSize: {dist: lognormal, median: 800B, p99: 8KB}',
      'shards: 2\n    producer: {client: kpl}',
    ),
  };
  it('records over 1 MiB, rejected by the client: the same rejections, send by send', () => {
    const yaml = scenario('6h', 'rate: 4/s, recordSize: {dist: lognormal, median: 100KB, p99: 2MB}', 'shards: 2\n    producer: {client: sdk}');
    const { alone, fed, used } = both(() => runKinesis(yaml).result);
    expect(used).toBeGreaterThan(0);
    expect(fed.summary.systems.kinesis!.records.rejectedBy!.tooLarge).toBeGreaterThan(0);
    expect(fed.summary).toEqual(alone.summary);
    expect(fed.series).toEqual(alone.series);
  });

  for (const [name, yaml] of Object.entries(cases)) {
    it(`${name}: the same summary and series`, () => {
      const { alone, fed, used } = both(() => runKinesis(yaml).result);
      expect(used).toBeGreaterThan(0);
      expect(fed.summary).toEqual(alone.summary);
      expect(fed.series).toEqual(alone.series);
    });
  }

  it('the hot-key scenario, whose throttled sends take the records instead: the same outputs', () => {
    const file = path.join(import.meta.dirname, '../../../scenarios/kinesis-hot-key.yaml');
    const records = vi.spyOn(RecordFeed.prototype, 'take');
    const { alone, fed, used } = both(() => runScenario(loadScenarioFile(file)));
    expect(used).toBeGreaterThan(0);
    expect(records.mock.calls.length).toBeGreaterThan(100);
    expect(fed.summary).toEqual(alone.summary);
    expect(fed.series).toEqual(alone.series);
  });

  it('the retention-outage scenario with a retention change, a zone outage and an instance crash on its timeline: the same outputs', () => {
    // Timeline events observe every shard at their instant, between the polls that publish one
    // shard's groups at a time; the trims of a 24 h retention interleave with the appends. Three
    // shards, so that the shards are published apart.
    const file = path.join(import.meta.dirname, '../../../scenarios/kinesis-retention-outage.yaml');
    const yaml = readFileSync(file, 'utf8').replace('shards: 1', 'shards: 3').replace(
      'timeline:\n',
      'timeline:\n  - {at: 29h, kinesis: {retention: 48h}}\n  - {at: 1710m, zoneOutage: {zone: 0, for: 20m}}\n  - {at: 20h, consumerFailure: {app: dashboard, for: 30m}}\n',
    );
    const { alone, fed, used } = both(() => runScenario(parseScenario(yaml, file)));
    expect(used).toBeGreaterThan(0);
    expect(fed.summary.systems.kinesis!.consumers.archive.expired).toBeGreaterThan(0);
    expect(fed.summary).toEqual(alone.summary);
    expect(fed.series).toEqual(alone.series);
  });

  it('with more keys than the reader hashes for it, the worker hashes them itself: the same outputs', () => {
    RecordFeed.maxSharedRoutes = 0;
    const sent = vi.spyOn(RecordFeed.prototype, 'sendRoutes');
    const { alone, fed, used } = both(() => runKinesis(cases['KPL, 35 KB records on 4 shards near the limit']).result);
    expect(sent).not.toHaveBeenCalled();
    expect(used).toBeGreaterThan(0);
    expect(fed.summary).toEqual(alone.summary);
    expect(fed.series).toEqual(alone.series);
  });

  it('a worker that fails makes the reader fail with its error, rather than wait', () => {
    const rules = { interval: 100_000, halfRtt: 5_000, maxRecordBytes: 1 << 20, packs: false, aggregationMaxBytes: 51_200, onDemand: false, maxCallRecords: 500 };
    // A producer spec the worker's RecordSource cannot use (no key settings).
    const producer = { name: 'p', rate: 100 } as unknown as ProducerSpec;
    const feed = new RecordFeed({ producer, producerIndex: 0, seed: 1, shards: 2, explicitHashKeys: false, rules, room: Infinity, routesFollow: false }, 100);
    expect(() => feed.peekNextTime()).toThrow(/record feed worker failed: .*TypeError/s);
    feed.close();
  });

  it('a run too short to repay a worker starts none', () => {
    const feeds = vi.spyOn(RecordFeed.prototype, 'groupsUntil');
    runKinesis(cases['KPL aggregating small records']);
    expect(feeds).not.toHaveBeenCalled();
  });
});
