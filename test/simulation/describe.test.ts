import { describe, expect, it } from 'vitest';
import { describeTimelineEntry } from '../../src/simulation/describe.ts';
import type { TimelineEntry } from '../../src/scenario/timeline-schema.ts';

describe('timeline entries in words (report timeline and terminal)', () => {
  it('gives durations and rates their units back', () => {
    const scaleOut = { at: 0, kafka: { addBrokers: 3, reassign: true, throttle: 20_000_000 } } as TimelineEntry;
    expect(describeTimelineEntry(scaleOut)).toBe('kafka: addBrokers 3, reassign true, throttle 20MB/s');
    const outage = { at: 0, zoneOutage: { zone: 1, for: 600_000_000 } } as TimelineEntry;
    expect(describeTimelineEntry(outage)).toBe('zoneOutage: zone 1, for 10m');
  });
});
