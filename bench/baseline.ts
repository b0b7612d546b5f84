/**
 * The workloads of the kernel benchmark, each written twice: once on the engine (Simulator + Rng
 * from named streams, the way a model uses them) and once as a bare loop of fastpriorityqueue and
 * the same alea generator with nothing around it. Both versions draw the same random numbers in the
 * same order, so they simulate the same trajectory; the bare loop is the ceiling the engine is
 * measured against (docs/performance.md#the-request-level-engine).
 *
 * Times are integer microseconds in both versions (the bare loop rounds as the engine does), and
 * events are ordered by (time, sequence) in the bare loop, the cheapest order that is still
 * deterministic.
 */
import { createRequire } from 'node:module';
import type FastPriorityQueueType from 'fastpriorityqueue';
import seedrandom from 'seedrandom';
import { RandomStreams } from '../src/engine/random.ts';
import { Simulator } from '../src/engine/simulator.ts';

export interface LoopResult {
  events: number;
  /** CPU time (user + system) of this process during the loop: what the loop cost, whoever else shares the machine. */
  seconds: number;
  /** Wall-clock time of the loop. */
  wallSeconds: number;
  /** A number that depends on the whole trajectory (sum of waits, or of event times), to show both loops did the same work. */
  checksum: number;
}

/**
 * The bare loops get a private copy of fastpriorityqueue (a second load of the module, with its own
 * functions). Sharing one copy with the engine would make the heap's code see two comparators and
 * two event shapes, and V8's type feedback would turn polymorphic and slow both sides down, in a way
 * a real run, where only the engine uses the heap, never is.
 */
const FastPriorityQueue = privateCopy<typeof FastPriorityQueueType>('fastpriorityqueue');

function privateCopy<T>(specifier: string): T {
  const require = createRequire(import.meta.url);
  const resolved = require.resolve(specifier);
  const shared = require.cache[resolved];
  delete require.cache[resolved];
  try {
    return require(specifier) as T;
  } finally {
    if (shared) require.cache[resolved] = shared;
    else delete require.cache[resolved];
  }
}

const SEED = 'bench';
const ARRIVALS_STREAM = 'mm1/arrivals';
const SERVICE_STREAM = 'mm1/service';
const HOLD_STREAM = 'hold/delays';

interface Stopwatch {
  wall: bigint;
  cpu: NodeJS.CpuUsage;
}

function startStopwatch(): Stopwatch {
  return { wall: process.hrtime.bigint(), cpu: process.cpuUsage() };
}

/** The loop's result with its CPU and wall-clock time. */
function finish(start: Stopwatch, events: number, checksum: number): LoopResult {
  const wallSeconds = Number(process.hrtime.bigint() - start.wall) / 1e9;
  const cpu = process.cpuUsage(start.cpu);
  return { events, seconds: (cpu.user + cpu.system) / 1e6, wallSeconds, checksum };
}

/** The generator RandomStreams builds for a name, without the Rng wrapper around it. */
function bareStream(name: string): () => number {
  return seedrandom.alea(`${SEED}|${name}`);
}

// ---------------------------------------------------------------------------------------------
// M/M/1: Poisson arrivals, one exponential server, FIFO. Two events per customer (arrival, departure).

/** Mean interarrival and service times for rho = 0.8: lambda = 0.8/ms, mu = 1/ms. */
export const MM1_MEAN_INTERARRIVAL_MICROS = 1250;
export const MM1_MEAN_SERVICE_MICROS = 1000;

const ARRIVAL = 0;
const DEPARTURE = 1;

interface BareEvent {
  t: number;
  s: number;
  kind: number;
}

function bareBefore(a: BareEvent, b: BareEvent): boolean {
  return a.t < b.t || (a.t === b.t && a.s < b.s);
}

/** M/M/1 with `customers` arrivals as a bare heap loop. */
export function bareMm1(customers: number): LoopResult {
  const arrivals = bareStream(ARRIVALS_STREAM);
  const service = bareStream(SERVICE_STREAM);
  const start = startStopwatch();
  const queue = new FastPriorityQueue<BareEvent>(bareBefore);
  // Arrival times of customers in the system, a ring buffer (the FIFO line plus the one in service).
  let line: Float64Array<ArrayBuffer> = new Float64Array(1024);
  let head = 0;
  let inSystem = 0;
  let seq = 0;
  let arrived = 0;
  let events = 0;
  let waitSum = 0;
  queue.add({ t: Math.round(-MM1_MEAN_INTERARRIVAL_MICROS * Math.log(1 - arrivals())), s: seq++, kind: ARRIVAL });
  while (queue.size > 0) {
    const event = queue.poll()!;
    const now = event.t;
    events++;
    if (event.kind === ARRIVAL) {
      arrived++;
      if (arrived < customers) queue.add({ t: now + Math.round(-MM1_MEAN_INTERARRIVAL_MICROS * Math.log(1 - arrivals())), s: seq++, kind: ARRIVAL });
      if (inSystem === line.length) {
        line = grow(line, head, inSystem);
        head = 0;
      }
      line[(head + inSystem) & (line.length - 1)] = now;
      inSystem++;
      if (inSystem === 1) queue.add({ t: now + Math.round(-MM1_MEAN_SERVICE_MICROS * Math.log(1 - service())), s: seq++, kind: DEPARTURE });
    } else {
      head = (head + 1) & (line.length - 1);
      inSystem--;
      if (inSystem > 0) {
        waitSum += now - line[head];
        queue.add({ t: now + Math.round(-MM1_MEAN_SERVICE_MICROS * Math.log(1 - service())), s: seq++, kind: DEPARTURE });
      }
    }
  }
  return finish(start, events, waitSum);
}

/** The same M/M/1 on the engine: two callbacks and a FIFO line, as a model would write it. */
export function engineMm1(customers: number, fingerprint = false): LoopResult {
  const random = new RandomStreams(SEED);
  const arrivals = random.stream(ARRIVALS_STREAM);
  const service = random.stream(SERVICE_STREAM);
  const start = startStopwatch();
  const sim = new Simulator({ fingerprint });
  let line: Float64Array<ArrayBuffer> = new Float64Array(1024);
  let head = 0;
  let inSystem = 0;
  let arrived = 0;
  let waitSum = 0;
  const depart = (): void => {
    head = (head + 1) & (line.length - 1);
    inSystem--;
    if (inSystem > 0) {
      waitSum += sim.now - line[head];
      sim.schedule(service.exponential(MM1_MEAN_SERVICE_MICROS), depart);
    }
  };
  const arrive = (): void => {
    const now = sim.now;
    arrived++;
    if (arrived < customers) sim.schedule(arrivals.exponential(MM1_MEAN_INTERARRIVAL_MICROS), arrive);
    if (inSystem === line.length) {
      line = grow(line, head, inSystem);
      head = 0;
    }
    line[(head + inSystem) & (line.length - 1)] = now;
    inSystem++;
    if (inSystem === 1) sim.schedule(service.exponential(MM1_MEAN_SERVICE_MICROS), depart);
  };
  sim.schedule(arrivals.exponential(MM1_MEAN_INTERARRIVAL_MICROS), arrive);
  sim.run();
  return finish(start, sim.eventsExecuted, waitSum);
}

function grow(line: Float64Array<ArrayBuffer>, head: number, count: number): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(line.length * 2);
  for (let i = 0; i < count; i++) bigger[i] = line[(head + i) & (line.length - 1)];
  return bigger;
}

// ---------------------------------------------------------------------------------------------
// The hold model (the classic future-event-set benchmark): `pending` events in the queue; each
// step pops the earliest and schedules one successor at t + Exp(1 ms), so the size stays constant.

export const HOLD_MEAN_DELAY_MICROS = 1000;

/** Hold model as a bare loop: poll, then add the successor. */
export function bareHold(pending: number, steps: number): LoopResult {
  const delays = bareStream(HOLD_STREAM);
  const queue = new FastPriorityQueue<BareEvent>(bareBefore);
  let seq = 0;
  for (let i = 0; i < pending; i++) queue.add({ t: Math.round(-HOLD_MEAN_DELAY_MICROS * Math.log(1 - delays())), s: seq++, kind: 0 });
  const start = startStopwatch();
  let last = 0;
  for (let i = 0; i < steps; i++) {
    const event = queue.poll()!;
    last = event.t;
    queue.add({ t: last + Math.round(-HOLD_MEAN_DELAY_MICROS * Math.log(1 - delays())), s: seq++, kind: 0 });
  }
  return finish(start, steps, last);
}

/** Hold model as a bare loop using fastpriorityqueue's replaceTop (one sift-down per step): the tightest loop there is. */
export function bareHoldReplaceTop(pending: number, steps: number): LoopResult {
  const delays = bareStream(HOLD_STREAM);
  const queue = new FastPriorityQueue<BareEvent>(bareBefore);
  let seq = 0;
  for (let i = 0; i < pending; i++) queue.add({ t: Math.round(-HOLD_MEAN_DELAY_MICROS * Math.log(1 - delays())), s: seq++, kind: 0 });
  const start = startStopwatch();
  let last = 0;
  for (let i = 0; i < steps; i++) {
    last = queue.peek()!.t;
    queue.replaceTop({ t: last + Math.round(-HOLD_MEAN_DELAY_MICROS * Math.log(1 - delays())), s: seq++, kind: 0 });
  }
  return finish(start, steps, last);
}

/** Hold model on the engine: `pending` events whose action schedules its own successor. */
export function engineHold(pending: number, steps: number): LoopResult {
  const delays = new RandomStreams(SEED).stream(HOLD_STREAM);
  const sim = new Simulator();
  let left = steps;
  const hold = (): void => {
    sim.schedule(delays.exponential(HOLD_MEAN_DELAY_MICROS), hold);
    if (--left === 0) sim.stop();
  };
  for (let i = 0; i < pending; i++) sim.schedule(delays.exponential(HOLD_MEAN_DELAY_MICROS), hold);
  const start = startStopwatch();
  sim.run();
  return finish(start, sim.eventsExecuted, sim.now);
}
