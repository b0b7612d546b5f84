import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/engine/simulator.ts';
import { RandomStreams, type Rng } from '../../src/engine/random.ts';
import { BandwidthLink } from '../../src/engine/bandwidth-link.ts';
import { TimeWeightedAverage } from '../../src/engine/metrics.ts';
import { SECOND, type Micros } from '../../src/engine/time.ts';

/**
 * The engine against queueing theory (L. Kleinrock, Queueing Systems, vol. 1, 1975): single-server queues built from
 * engine parts reproduce the analytic mean wait in queue, and the time-average queue length kept by
 * TimeWeightedAverage obeys Little's law.
 *
 * lambda = 1 arrival/s, mean service 0.5 s, so rho = 0.5:
 *   M/M/1  Wq = rho / (mu - lambda) = 0.5 / (2 - 1) = 0.5 s
 *   M/D/1  Wq = rho / (2 mu (1 - rho)) = 0.25 s, half the M/M/1 value
 *
 * Run length and tolerance: 10 independent replications of 100,000 customers each (named streams per
 * replication), so 1,000,000 customers per queue. At rho = 0.5 the relaxation time is
 * 1/(mu (1 - sqrt rho)^2) = 5.8 s, about 6 customers, so starting empty biases a replication by well
 * under 0.1 % and no warm-up is deleted. The spread of the replication means puts the standard error
 * of the overall mean at about 0.45 % (M/M/1) and 0.35 % (M/D/1), so the 2 % tolerance is four to
 * six standard errors: a correct engine passes with any seed, and an error of a few percent in service
 * times, ordering or the FIFO discipline fails. We also check that the analytic value lies inside a
 * 99.9 % confidence interval of the replication means. The seed is fixed, so the test is stable.
 */
const ARRIVAL_RATE_PER_SEC = 1;
const MEAN_INTERARRIVAL: Micros = SECOND / ARRIVAL_RATE_PER_SEC;
const SERVICE_TIME: Micros = SECOND / 2;
const RHO = SERVICE_TIME / MEAN_INTERARRIVAL;
const MU_PER_SEC = SECOND / SERVICE_TIME;
const REPLICATIONS = 10;
const CUSTOMERS = 100_000;
/** Student t quantile for a two-sided 99.9 % interval with 9 degrees of freedom. */
const T_999_DF9 = 4.781;

interface Replication {
  /** Mean wait in queue, seconds. */
  meanWaitSeconds: number;
  /** Time-average number waiting (not in service), from TimeWeightedAverage. */
  meanQueueLength: number;
  /** Customers divided by the time the last one left, per second. */
  observedArrivalRatePerSec: number;
  events: number;
}

/**
 * M/M/1: Poisson arrivals, exponential service, one FIFO server, as a model would write it: an
 * arrival callback, a departure callback and a line of arrival times.
 */
interface Mm1Options {
  meanService?: Micros;
  customers?: number;
  /** Waits of the first customers are left out of the mean (warm-up deletion). */
  warmupCustomers?: number;
  /** Prefix of the stream names: the same prefix gives the same random numbers (common random numbers). */
  streams?: string;
}

function mm1(random: RandomStreams, replication: number, options: Mm1Options = {}): Replication {
  const { meanService = SERVICE_TIME, customers = CUSTOMERS, warmupCustomers = 0, streams = 'mm1' } = options;
  const sim = new Simulator();
  const arrivals = random.stream(`${streams}/${replication}/arrivals`);
  const service = random.stream(`${streams}/${replication}/service`);
  let served = 0;
  const line: Micros[] = [];
  let head = 0;
  let busy = false;
  let arrived = 0;
  let waitSum = 0;
  const waiting = new TimeWeightedAverage(0);

  const startService = () => {
    const arrivedAt = line[head++];
    if (served++ >= warmupCustomers) waitSum += sim.now - arrivedAt;
    waiting.set(line.length - head, sim.now);
    busy = true;
    sim.schedule(service.exponential(meanService), depart);
  };
  const depart = () => {
    busy = false;
    if (head < line.length) startService();
  };
  const arrive = () => {
    arrived++;
    if (arrived < customers) sim.schedule(arrivals.exponential(MEAN_INTERARRIVAL), arrive);
    line.push(sim.now);
    waiting.set(line.length - head, sim.now);
    if (!busy) startService();
  };
  sim.schedule(arrivals.exponential(MEAN_INTERARRIVAL), arrive);
  sim.run();
  return summarize(sim, waitSum, waiting, sim.now, customers - warmupCustomers, customers);
}

/**
 * M/D/1 on a BandwidthLink: each customer is a 500,000-byte transfer on a 1,000,000 B/s link, so
 * service takes exactly 0.5 s; the link's FIFO gives the completion time, and the service start is
 * the completion minus the service time. One event marks the start, to keep the queue length.
 */
function md1(random: RandomStreams, replication: number): Replication {
  const sim = new Simulator();
  const arrivals: Rng = random.stream(`md1/${replication}/arrivals`);
  const link = new BandwidthLink(1_000_000);
  const bytes = (SERVICE_TIME / SECOND) * 1_000_000;
  let arrived = 0;
  let waitSum = 0;
  let queued = 0;
  const waiting = new TimeWeightedAverage(0);
  const leaveQueue = () => waiting.set(--queued, sim.now);

  const arrive = () => {
    arrived++;
    if (arrived < CUSTOMERS) sim.schedule(arrivals.exponential(MEAN_INTERARRIVAL), arrive);
    const serviceStart = link.transmit(bytes, sim.now) - SERVICE_TIME;
    const wait = serviceStart - sim.now;
    waitSum += wait;
    if (wait > 0) {
      waiting.set(++queued, sim.now);
      sim.at(serviceStart, leaveQueue);
    }
  };
  sim.schedule(arrivals.exponential(MEAN_INTERARRIVAL), arrive);
  sim.run();
  // The last departure is when the link falls idle.
  return summarize(sim, waitSum, waiting, sim.now + link.queueDelay(sim.now));
}

function summarize(sim: Simulator, waitSum: number, waiting: TimeWeightedAverage, end: Micros = sim.now, counted = CUSTOMERS, customers = CUSTOMERS): Replication {
  return {
    meanWaitSeconds: waitSum / counted / SECOND,
    meanQueueLength: waiting.average(end),
    observedArrivalRatePerSec: customers / (end / SECOND),
    events: sim.eventsExecuted,
  };
}

function replicate(run: (random: RandomStreams, replication: number) => Replication): Replication[] {
  const random = new RandomStreams(20261125);
  return Array.from({ length: REPLICATIONS }, (_, r) => run(random, r));
}

function meanAndHalfWidth(values: number[], t: number): { mean: number; halfWidth: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, halfWidth: (t * Math.sqrt(variance)) / Math.sqrt(values.length) };
}

describe.each([
  { queue: 'M/M/1', run: (random: RandomStreams, r: number) => mm1(random, r), analyticWaitSeconds: RHO / (MU_PER_SEC - ARRIVAL_RATE_PER_SEC) },
  { queue: 'M/D/1', run: md1, analyticWaitSeconds: RHO / (2 * MU_PER_SEC * (1 - RHO)) },
])('$queue at rho = 0.5 (10 replications × 100,000 customers)', ({ run, analyticWaitSeconds }) => {
  const replications = replicate(run);

  it(`has mean wait in queue ${analyticWaitSeconds} s within 2 %, and inside the 99.9 % confidence interval`, () => {
    const { mean, halfWidth } = meanAndHalfWidth(replications.map((r) => r.meanWaitSeconds), T_999_DF9);
    expect(Math.abs(mean - analyticWaitSeconds) / analyticWaitSeconds).toBeLessThan(0.02);
    expect(Math.abs(mean - analyticWaitSeconds)).toBeLessThan(halfWidth);
  });

  it('obeys Little\'s law: time-average queue length = lambda × mean wait, within 1 %', () => {
    // With the true lambda, pooled over the replications: off only by the sampling error of the
    // arrival rate over 1,000,000 customers (0.1 %).
    const pooledQueueLength = replications.reduce((a, r) => a + r.meanQueueLength, 0) / REPLICATIONS;
    const pooledWaitSeconds = replications.reduce((a, r) => a + r.meanWaitSeconds, 0) / REPLICATIONS;
    expect(Math.abs(pooledQueueLength - ARRIVAL_RATE_PER_SEC * pooledWaitSeconds) / pooledQueueLength).toBeLessThan(0.01);
    // With each replication's observed rate, over a run that starts and ends empty, the identity is
    // exact (the area under the queue length is the sum of the waits).
    for (const r of replications) expect(r.meanQueueLength).toBeCloseTo(r.observedArrivalRatePerSec * r.meanWaitSeconds, 9);
  });

  it('runs on requests, not on anything finer: at most two events per customer', () => {
    for (const r of replications) expect(r.events).toBeLessThanOrEqual(2 * CUSTOMERS);
  });
});

/**
 * Heavy traffic, rho = 0.8 (mean service 0.8 s): Wq = 0.8 / (1.25 - 1) = 3.2 s. Here a single run
 * of 30,000 customers strays by up to 15 % (the relaxation time is 1/(mu (1 - sqrt rho)^2) = 72 s, so successive
 * waits are strongly correlated), which is why output analysis uses replications and confidence
 * intervals (A. M. Law, Simulation Modeling and Analysis, ch. 9). 20 replications of 30,000 customers, the first 3,000
 * (about 40 relaxation times) deleted as warm-up.
 */
describe('M/M/1 at rho = 0.8 (20 replications × 30,000 customers, 10 % warm-up deleted)', () => {
  const REPS = 20;
  const HEAVY_CUSTOMERS = 30_000;
  const WARMUP = 3_000;
  /** Student t quantile for a two-sided 99.9 % interval with 19 degrees of freedom. */
  const T_999_DF19 = 3.883;
  const random = new RandomStreams(20261125);
  const run = (meanService: Micros, streams: string) =>
    Array.from({ length: REPS }, (_, r) => mm1(random, r, { meanService, customers: HEAVY_CUSTOMERS, warmupCustomers: WARMUP, streams }).meanWaitSeconds);
  const mu125 = run(800_000, 'heavy');
  const mu130Common = run(SECOND / 1.3, 'heavy');
  const mu130Independent = run(SECOND / 1.3, 'heavy-independent');

  it('has the analytic mean wait of 3.2 s inside the 99.9 % confidence interval of the replications', () => {
    const { mean, halfWidth } = meanAndHalfWidth(mu125, T_999_DF19);
    expect(Math.abs(mean - 3.2)).toBeLessThan(halfWidth);
    expect(halfWidth / 3.2).toBeLessThan(0.1); // and the interval is informative
  });

  it('with common random numbers (same stream names), the effect of mu 1.25 -> 1.30 is measured far more precisely than with independent streams', () => {
    // Analytic: Wq(mu = 1.25) - Wq(mu = 1.30) = 3.2 - (1/1.3)/0.3 = 0.6359 s.
    const analyticDifference = 3.2 - 1 / 1.3 / 0.3;
    const common = meanAndHalfWidth(mu125.map((w, i) => w - mu130Common[i]), T_999_DF19);
    const independent = meanAndHalfWidth(mu125.map((w, i) => w - mu130Independent[i]), T_999_DF19);
    expect(Math.abs(common.mean - analyticDifference)).toBeLessThan(common.halfWidth);
    // Seen: half-widths 0.056 s (common) and 0.25 s (independent), 4.5 times narrower.
    expect(common.halfWidth).toBeLessThan(independent.halfWidth / 2);
  });
});
