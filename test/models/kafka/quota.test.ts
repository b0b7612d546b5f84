import { describe, expect, it } from 'vitest';
import { MILLISECOND, SECOND } from '../../../src/engine/time.ts';
import { ClientQuota } from '../../../src/models/kafka/quota.ts';

const MB = 1_000_000;

describe('Kafka client byte-rate quota (sampled Rate over 11 x 1 s windows, QuotaUtils.throttleTime)', () => {
  it('a client at 800 KB/s under a 1 MB/s quota is never throttled', () => {
    const quota = new ClientQuota(1 * MB);
    for (let t = 0; t < 60 * SECOND; t += 100 * MILLISECOND) expect(quota.record(80_000, t)).toBe(0);
  });

  it('a new client may send 10 windows of quota at once: 10 MB at t=0 passes, 11 MB is delayed 1 s', () => {
    // Rate.windowSize pads a young metric to samples - 1 = 10 full windows, so 10 MB / 10 s = the bound.
    expect(new ClientQuota(1 * MB).record(10 * MB, 0)).toBe(0);
    // (1.1 - 1) / 1 x 10 s = 1 s.
    expect(new ClientQuota(1 * MB).record(11 * MB, 0)).toBe(1 * SECOND);
  });

  it('throttle time is (observed - bound) / bound x window, rounded to whole milliseconds', () => {
    const quota = new ClientQuota(1 * MB);
    // 2 MB/s for 12 s: the 12 retained samples span 11 s, so the rate is about 24 MB / 11.9 s.
    let throttle = 0;
    for (let t = 0; t <= 12 * SECOND; t += 100 * MILLISECOND) throttle = quota.record(200_000, t);
    const observed = quota.rateBytesPerSec(12 * SECOND);
    expect(observed).toBeGreaterThan(1.9 * MB);
    expect(observed).toBeLessThan(2.1 * MB);
    // About (2 - 1) / 1 x 11 s: Kafka delays a client at twice its quota by roughly the whole measured span.
    expect(throttle).toBeGreaterThan(10 * SECOND);
    expect(throttle).toBeLessThan(12 * SECOND);
    expect(throttle % MILLISECOND).toBe(0);
  });

  it('the request that crosses the bound is still served: its bytes count toward the rate (delay, not rejection)', () => {
    const quota = new ClientQuota(1 * MB);
    expect(quota.record(11 * MB, 0)).toBeGreaterThan(0);
    // 11 MB recorded: 11 MB / 10 s.
    expect(quota.rateBytesPerSec(0)).toBeCloseTo(1.1 * MB, 0);
  });

  it('a producer that honours ThrottleTimeMs settles at its quota (5 MB/s offered, 1 MB/s quota, 10 min)', () => {
    const quota = new ClientQuota(1 * MB);
    const requestBytes = 500_000; // one produce request every 100 ms when unthrottled = 5 MB/s
    let t = 0;
    let sent = 0;
    let throttledRequests = 0;
    while (t < 600 * SECOND) {
      const throttle = quota.record(requestBytes, t);
      sent += requestBytes;
      if (throttle > 0) throttledRequests++;
      t += Math.max(100 * MILLISECOND, throttle);
    }
    const achieved = sent / (t / SECOND);
    expect(throttledRequests).toBeGreaterThan(0);
    expect(achieved).toBeGreaterThan(0.95 * MB);
    expect(achieved).toBeLessThan(1.1 * MB);
  });

  it('samples older than 11 windows are forgotten: after 20 s of silence a client starts afresh', () => {
    const quota = new ClientQuota(1 * MB);
    expect(quota.record(15 * MB, 0)).toBeGreaterThan(0);
    expect(quota.record(10 * MB, 20 * SECOND)).toBe(0);
  });

  it('rejects a quota window count below 2', () => {
    expect(() => new ClientQuota(1 * MB, SECOND, 1)).toThrow(RangeError);
  });
});
