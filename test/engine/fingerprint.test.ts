import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/engine/simulator.ts';
import { RandomStreams } from '../../src/engine/random.ts';

/** A small M/M/1 run; returns the simulator so its fingerprint can be read. */
function mm1(seed: number, customers: number, fingerprint = true): Simulator {
  const sim = new Simulator({ fingerprint });
  const random = new RandomStreams(seed);
  const arrivals = random.stream('mm1/arrivals');
  const service = random.stream('mm1/service');
  let inSystem = 0;
  let arrived = 0;
  const depart = () => {
    if (--inSystem > 0) sim.schedule(service.exponential(800), depart);
  };
  const arrive = () => {
    if (++arrived < customers) sim.schedule(arrivals.exponential(1000), arrive);
    if (++inSystem === 1) sim.schedule(service.exponential(800), depart);
  };
  sim.schedule(arrivals.exponential(1000), arrive);
  sim.run();
  return sim;
}

describe('event-sequence fingerprint (OMNeT++ practice)', () => {
  it('the same model and seed give the same fingerprint', () => {
    const a = mm1(1, 10_000).fingerprint;
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(mm1(1, 10_000).fingerprint).toBe(a);
  });

  it('a different seed gives a different fingerprint', () => {
    expect(mm1(2, 10_000).fingerprint).not.toBe(mm1(1, 10_000).fingerprint);
  });

  it('one event more changes it', () => {
    expect(mm1(1, 10_001).fingerprint).not.toBe(mm1(1, 10_000).fingerprint);
  });

  it('the same times scheduled in a different order change it (sequence numbers are hashed too)', () => {
    const run = (laterFirst: boolean) => {
      const sim = new Simulator({ fingerprint: true });
      for (const time of laterFirst ? [20, 10] : [10, 20]) sim.at(time, () => {});
      sim.run();
      return sim.fingerprint;
    };
    expect(run(true)).not.toBe(run(false));
  });

  it('is off by default and then costs nothing', () => {
    const sim = mm1(1, 100, false);
    expect(sim.fingerprint).toBeUndefined();
    expect(sim.eventsExecuted).toBe(200);
  });

  it('golden value for Node 20 / V8 11 (Math.log comes from V8\'s fdlibm port): a changed value means the engine changed behaviour', () => {
    // If an intended change to the kernel or to Rng alters this, update the value in the same commit.
    expect(mm1(1, 1_000).fingerprint).toBe(GOLDEN_MM1_SEED1_1000);
  });
});

const GOLDEN_MM1_SEED1_1000 = '7358385eeff9ede2';
