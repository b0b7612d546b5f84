import { describe, expect, it } from 'vitest';
import { BandwidthLink } from '../../src/engine/bandwidth-link.ts';
import { MILLISECOND, SECOND } from '../../src/engine/time.ts';

describe('BandwidthLink', () => {
  it('serves transfers first come first served at its rate: 1 MB/s, 500 KB at 0 and 250 KB at 100 ms finish at 500 ms and 750 ms', () => {
    const link = new BandwidthLink(1_000_000);
    expect(link.transmit(500_000, 0)).toBe(500 * MILLISECOND);
    expect(link.queueDelay(100 * MILLISECOND)).toBe(400 * MILLISECOND);
    expect(link.transmit(250_000, 100 * MILLISECOND)).toBe(750 * MILLISECOND);
    // An idle link starts a transfer at once.
    expect(link.transmit(1000, 2 * SECOND)).toBe(2 * SECOND + MILLISECOND);
    expect(link.bytesTransferred).toBe(751_000);
  });

  it('does not accumulate rounding: three 1-byte transfers at 3 B/s end at 333,334 µs, 666,667 µs and exactly 1 s', () => {
    const link = new BandwidthLink(3);
    expect([link.transmit(1, 0), link.transmit(1, 0), link.transmit(1, 0)]).toEqual([333_334, 666_667, SECOND]);
  });

  it('a new rate applies to transfers queued after the change', () => {
    const link = new BandwidthLink(1000);
    expect(link.transmit(1000, 0)).toBe(SECOND);
    link.setRate(2000);
    expect(link.transmit(1000, 0)).toBe(1.5 * SECOND);
    expect(link.rate).toBe(2000);
  });

  it('reports the fraction of time busy between samples', () => {
    const link = new BandwidthLink(1000);
    link.transmit(250, 0); // 250 ms of work
    expect(link.utilizationSince(0, SECOND)).toBeCloseTo(0.25, 12);
    expect(link.utilizationSince(SECOND, 2 * SECOND)).toBe(0);
  });
});
