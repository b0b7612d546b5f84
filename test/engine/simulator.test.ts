import { describe, expect, it } from 'vitest';
import { LATE, NORMAL, Simulator, URGENT } from '../../src/engine/simulator.ts';
import { RandomStreams } from '../../src/engine/random.ts';
import { SECOND } from '../../src/engine/time.ts';

describe('Simulator event order', () => {
  it('runs 10,000 events scheduled for the same instant in the order they were scheduled', () => {
    const sim = new Simulator();
    const order: number[] = [];
    for (let i = 0; i < 10_000; i++) sim.at(5 * SECOND, () => order.push(i));
    sim.run();
    expect(order).toHaveLength(10_000);
    expect(order.every((value, index) => value === index)).toBe(true);
  });

  it('keeps FIFO among simultaneous events scheduled from inside actions, across the replace-top path', () => {
    const sim = new Simulator();
    const order: string[] = [];
    sim.at(10, () => {
      order.push('a');
      sim.schedule(0, () => order.push('a1'));
      sim.schedule(0, () => order.push('a2'));
    });
    sim.at(10, () => {
      order.push('b');
      sim.schedule(0, () => order.push('b1'));
    });
    sim.run();
    expect(order).toEqual(['a', 'b', 'a1', 'a2', 'b1']);
  });

  it('runs URGENT before NORMAL before LATE at the same time, whatever the scheduling order', () => {
    const sim = new Simulator();
    const order: string[] = [];
    sim.at(100, () => order.push('late'), LATE);
    sim.at(100, () => order.push('normal'), NORMAL);
    sim.at(100, () => order.push('urgent'), URGENT);
    sim.at(99, () => order.push('earlier, late'), LATE);
    sim.run();
    expect(order).toEqual(['earlier, late', 'urgent', 'normal', 'late']);
  });

  it('an URGENT event scheduled for now by a NORMAL action runs before the NORMAL events already waiting at that time', () => {
    const sim = new Simulator();
    const order: string[] = [];
    sim.at(50, () => {
      order.push('first');
      sim.schedule(0, () => order.push('urgent follow-up'), URGENT);
    });
    sim.at(50, () => order.push('second'));
    sim.run();
    expect(order).toEqual(['first', 'urgent follow-up', 'second']);
  });

  it('orders 20,000 events at random times by time, then by scheduling order', () => {
    const sim = new Simulator();
    const rng = new RandomStreams(7).stream('test/times');
    const seen: { time: number; seq: number }[] = [];
    for (let i = 0; i < 20_000; i++) {
      const time = rng.int(500); // many collisions
      const event = sim.at(time, () => seen.push({ time: sim.now, seq: event.seq }));
    }
    sim.run();
    let outOfOrder = 0;
    for (let i = 1; i < seen.length; i++) {
      const a = seen[i - 1];
      const b = seen[i];
      if (!(a.time < b.time || (a.time === b.time && a.seq < b.seq))) outOfOrder++;
    }
    expect(seen).toHaveLength(20_000);
    expect(outOfOrder).toBe(0);
  });

  it('rounds times to whole microseconds and never goes back in time', () => {
    const sim = new Simulator();
    const times: number[] = [];
    sim.at(1000, () => {
      sim.schedule(2.6, () => times.push(sim.now));
      sim.schedule(-5, () => times.push(sim.now));
      sim.at(10, () => times.push(sim.now));
    });
    sim.run();
    expect(times).toEqual([1000, 1000, 1003]);
  });

  it('rejects NaN times instead of silently running them now', () => {
    const sim = new Simulator();
    expect(() => sim.schedule(Number.NaN, () => {})).toThrow(RangeError);
    expect(() => sim.at(Number.NaN, () => {})).toThrow(RangeError);
  });
});

describe('Simulator cancellation', () => {
  it('a cancelled event never runs and is not counted', () => {
    const sim = new Simulator();
    const ran: string[] = [];
    const timeout = sim.at(30 * SECOND, () => ran.push('timeout'));
    sim.at(1 * SECOND, () => {
      ran.push('response');
      sim.cancel(timeout);
    });
    sim.run();
    expect(ran).toEqual(['response']);
    expect(sim.eventsExecuted).toBe(1);
    expect(timeout.cancelled).toBe(true);
  });

  it('cancelling an event that already ran, or twice, changes nothing', () => {
    const sim = new Simulator();
    let count = 0;
    const event = sim.at(1, () => count++);
    sim.run();
    sim.cancel(event);
    sim.cancel(event);
    sim.cancel(undefined);
    sim.at(2, () => count++);
    sim.run();
    expect(count).toBe(2);
  });

  it('an action may cancel itself without disturbing the queue', () => {
    const sim = new Simulator();
    const order: number[] = [];
    const self = sim.at(1, () => {
      order.push(1);
      sim.cancel(self);
    });
    sim.at(2, () => order.push(2));
    sim.run();
    expect(order).toEqual([1, 2]);
  });

  it('100,000 timeouts that are almost all cancelled do not stay in the queue', () => {
    const sim = new Simulator();
    let fired = 0;
    let responses = 0;
    // One request per millisecond, each with a 30 s timeout that its response (after 5 ms) cancels.
    const request = () => {
      const timeout = sim.schedule(30 * SECOND, () => fired++);
      sim.schedule(5_000, () => {
        responses++;
        sim.cancel(timeout);
      });
      if (sim.now < 100 * SECOND) sim.schedule(1_000, request);
    };
    sim.at(0, request);
    let maxPending = 0;
    for (let t = 0; t <= 200 * SECOND; t += SECOND) {
      sim.run(t);
      maxPending = Math.max(maxPending, sim.pending);
    }
    sim.run();
    expect(responses).toBe(100_001);
    expect(fired).toBe(0);
    // Without sweeping, 30 s of cancelled timeouts (30,000) would wait in the queue.
    expect(maxPending).toBeLessThan(2 * 4096 + 100);
  });
});

describe('Simulator.run(until)', () => {
  it('runs events at exactly `until`, stops before later ones, and leaves the clock at `until`', () => {
    const sim = new Simulator();
    const ran: number[] = [];
    for (const t of [10, 20, 30]) sim.at(t, () => ran.push(t));
    sim.run(20);
    expect(ran).toEqual([10, 20]);
    expect(sim.now).toBe(20);
    sim.run(25);
    expect(sim.now).toBe(25);
    expect(sim.pending).toBe(1);
    expect(sim.nextEventTime).toBe(30);
    sim.run();
    expect(ran).toEqual([10, 20, 30]);
    expect(sim.now).toBe(30);
  });

  it('runs events that actions schedule at or before `until` in the same call', () => {
    const sim = new Simulator();
    const ran: number[] = [];
    sim.at(10, () => sim.schedule(5, () => ran.push(sim.now)));
    sim.run(15);
    expect(ran).toEqual([15]);
  });

  it('never moves the clock backwards when `until` is in the past', () => {
    const sim = new Simulator();
    sim.run(100);
    sim.run(50);
    expect(sim.now).toBe(100);
  });

  it('refuses to be re-entered from an action', () => {
    const sim = new Simulator();
    sim.at(1, () => sim.run());
    expect(() => sim.run()).toThrow(/inside an event action/);
  });

  it('stays usable after an action throws', () => {
    const sim = new Simulator();
    const ran: number[] = [];
    sim.at(1, () => {
      throw new Error('model bug');
    });
    sim.at(2, () => ran.push(2));
    expect(() => sim.run()).toThrow('model bug');
    expect(sim.pending).toBe(1);
    sim.run();
    expect(ran).toEqual([2]);
  });

  it('stop() ends run after the current action, with the clock at that event', () => {
    const sim = new Simulator();
    const ran: number[] = [];
    for (const t of [1, 2, 3]) sim.at(t, () => {
      ran.push(t);
      if (t === 2) sim.stop();
    });
    sim.run(100);
    expect(ran).toEqual([1, 2]);
    expect(sim.now).toBe(2);
    sim.run();
    expect(ran).toEqual([1, 2, 3]);
  });

  it('counts pending events correctly while an action runs', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    sim.at(1, () => {
      seen.push(sim.pending);
      sim.schedule(1, () => seen.push(sim.pending));
      seen.push(sim.pending);
    });
    sim.at(5, () => {});
    sim.run();
    expect(seen).toEqual([1, 2, 1]);
  });
});
