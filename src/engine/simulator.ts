import FastPriorityQueue from 'fastpriorityqueue';
import type { Micros } from './time.ts';

/** Priorities order events that fall at the same instant; smaller runs first (SimPy's convention). */
export const URGENT = 0;
export const NORMAL = 1;
export const LATE = 2;

export type Action = () => void;

/** A scheduled event. Keep the handle to cancel it; cancellation is lazy (the event is skipped when popped). */
export interface ScheduledEvent {
  readonly time: Micros;
  readonly priority: number;
  readonly seq: number;
  readonly action: Action;
  cancelled: boolean;
}

export interface SimulatorOptions {
  /**
   * Keep a rolling hash of every executed event's (time, priority, seq), OMNeT++'s fingerprint
   * (OMNeT++ Simulation Manual, "Fingerprints"). Off by default; when on it costs a few integer multiplications
   * per event.
   */
  fingerprint?: boolean;
  /** Most events a run may execute (default: no limit). */
  eventLimit?: number;
}

/** A run went past its event budget (SimulatorOptions.eventLimit). */
export class EventLimitExceeded extends Error {
  constructor(
    readonly limit: number,
    readonly at: Micros,
  ) {
    super(`more than ${limit.toLocaleString('en-US')} events by simulated time ${at} µs`);
    this.name = 'EventLimitExceeded';
  }
}

/** The event record: one class, so every event has the same shape and the comparator stays monomorphic. */
class QueuedEvent implements ScheduledEvent {
  cancelled = false;
  /** True while the event sits in the queue (false once executed or dropped as cancelled). */
  queued = true;
  constructor(
    readonly time: Micros,
    readonly priority: number,
    readonly seq: number,
    readonly action: Action,
  ) {}
}

/** Total order on (time, priority, insertion sequence): the same input gives the same order, always. */
function precedes(a: QueuedEvent, b: QueuedEvent): boolean {
  return a.time < b.time || (a.time === b.time && (a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq)));
}

/** Below this many cancelled events in the queue, skipping them when popped is cheaper than sweeping. */
const COMPACTION_MIN_CANCELLED = 4096;

/** FNV-1a's 32-bit prime and offset basis, and a second odd multiplier (MurmurHash2's) for the other half. */
const FNV_PRIME = 0x01000193;
const FNV_OFFSET = 0x811c9dc5;
const MURMUR_M = 0x5bd1e995;
const TWO_POW_32 = 4294967296;

/**
 * The discrete-event kernel: a clock and a future event list. Everything else (resources, clients,
 * brokers) is built from `schedule` and callbacks.
 *
 * Two details keep it close to a bare heap loop (bench/RESULTS.md):
 * - The event being executed stays at the top of the heap while its action runs. If the action
 *   schedules something, the first new event takes its place with one sift-down (`replaceTop`)
 *   instead of a pop followed by a push: the common "handle an event, schedule the successor" step
 *   costs one heap operation (docs/performance.md#the-request-level-engine).
 * - Cancelled events are skipped when popped; only when they make up more than half the queue (and
 *   there are thousands of them) is the queue swept, so timeouts that are almost always cancelled
 *   cannot make memory grow.
 */
export class Simulator {
  private clock: Micros = 0;
  private nextSeq = 0;
  private readonly queue = new FastPriorityQueue<QueuedEvent>(precedes);
  /** The event whose action is running; it is still the heap's top until something replaces or pops it. */
  private executing: QueuedEvent | null = null;
  private running = false;
  private stopRequested = false;
  private cancelledInQueue = 0;
  private readonly fingerprinting: boolean;
  private hashLow = FNV_OFFSET;
  private hashHigh = FNV_OFFSET;
  /** Events executed so far (cancelled events are not counted). */
  eventsExecuted = 0;
  /** `run` throws EventLimitExceeded past this many events: a budget for runs that must stay bounded. */
  private readonly eventLimit: number;

  constructor(options: SimulatorOptions = {}) {
    this.fingerprinting = options.fingerprint === true;
    this.eventLimit = options.eventLimit ?? Number.POSITIVE_INFINITY;
  }

  get now(): Micros {
    return this.clock;
  }

  /** Events still in the queue, cancelled ones included (the one executing now is not counted). */
  get pending(): number {
    return this.queue.size - (this.executing !== null ? 1 : 0);
  }

  /** Time of the next event that will run, or undefined when none is left. */
  get nextEventTime(): Micros | undefined {
    this.popFinished();
    const queue = this.queue;
    while (queue.size > 0 && queue.peek()!.cancelled) this.dropTop();
    return queue.size > 0 ? queue.peek()!.time : undefined;
  }

  /**
   * The fingerprint of the events executed so far: 16 hex digits, the same for the same model and
   * seed on any machine running the same Node major version (event times come from Math.log and
   * friends, whose last bits may change between V8 versions: V8's src/base/ieee754.cc).
   * Undefined unless the simulator was created with `{ fingerprint: true }`.
   */
  get fingerprint(): string | undefined {
    if (!this.fingerprinting) return undefined;
    return (this.hashHigh >>> 0).toString(16).padStart(8, '0') + (this.hashLow >>> 0).toString(16).padStart(8, '0');
  }

  /** Runs `action` after `delay` microseconds (rounded to the microsecond, never negative). */
  schedule(delay: Micros, action: Action, priority: number = NORMAL): ScheduledEvent {
    if (delay > 0) return this.push(this.clock + Math.round(delay), action, priority);
    if (delay !== delay) throw new RangeError('Simulator.schedule: delay is NaN');
    return this.push(this.clock, action, priority);
  }

  /** Runs `action` at absolute time `time`; a time in the past means now. */
  at(time: Micros, action: Action, priority: number = NORMAL): ScheduledEvent {
    if (time > this.clock) return this.push(Math.round(time), action, priority);
    if (time !== time) throw new RangeError('Simulator.at: time is NaN');
    return this.push(this.clock, action, priority);
  }

  private push(time: Micros, action: Action, priority: number): QueuedEvent {
    const event = new QueuedEvent(time, priority, this.nextSeq++, action);
    const executing = this.executing;
    if (executing !== null) {
      // The running event is logically gone: let the new one take its slot at the top.
      executing.queued = false;
      this.executing = null;
      this.queue.replaceTop(event);
    } else {
      this.queue.add(event);
    }
    return event;
  }

  /** Cancels an event that has not run yet; cancelling an executed or already cancelled event does nothing. */
  cancel(event: ScheduledEvent | undefined): void {
    if (!event || event.cancelled) return;
    event.cancelled = true;
    const queued = event as QueuedEvent;
    if (!queued.queued || queued === this.executing) return;
    this.cancelledInQueue++;
    if (this.cancelledInQueue >= COMPACTION_MIN_CANCELLED && this.cancelledInQueue * 2 > this.queue.size) this.compact();
  }

  /**
   * Executes events in order until the next one would be later than `until` (inclusive) or none are
   * left, then advances the clock to `until`. Without `until`, runs until the queue is empty.
   * Not re-entrant: an action must not call `run`.
   */
  run(until: Micros = Number.POSITIVE_INFINITY): void {
    if (this.running) throw new Error('Simulator.run called from inside an event action');
    if (until !== until) throw new RangeError('Simulator.run: until is NaN');
    this.running = true;
    this.stopRequested = false;
    const queue = this.queue;
    try {
      while (queue.size > 0) {
        const event = queue.peek()!;
        if (event.time > until) break;
        if (event.cancelled) {
          this.dropTop();
          continue;
        }
        this.clock = event.time;
        if (++this.eventsExecuted > this.eventLimit) throw new EventLimitExceeded(this.eventLimit, this.clock);
        if (this.fingerprinting) this.addToFingerprint(event);
        this.executing = event;
        event.action();
        if (this.executing !== null) {
          // The action scheduled nothing: the event is still the top; remove it now.
          this.executing = null;
          event.queued = false;
          queue.poll();
        }
        if (this.stopRequested) break;
      }
    } finally {
      this.popFinished();
      this.running = false;
    }
    if (this.stopRequested) this.stopRequested = false;
    else if (until !== Number.POSITIVE_INFINITY && until > this.clock) this.clock = Math.round(until);
  }

  /** Makes `run` return once the current action finishes, leaving the clock at the current event's time. */
  stop(): void {
    this.stopRequested = true;
  }

  /** Removes the event left at the top by an action that threw. */
  private popFinished(): void {
    const executing = this.executing;
    if (executing !== null) {
      this.executing = null;
      executing.queued = false;
      this.queue.poll();
    }
  }

  private dropTop(): void {
    const event = this.queue.poll()!;
    event.queued = false;
    if (this.cancelledInQueue > 0) this.cancelledInQueue--;
  }

  /** Sweeps cancelled events out of the queue in one linear pass and a heapify. */
  private compact(): void {
    this.popFinished();
    const queue = this.queue;
    const kept: QueuedEvent[] = [];
    for (let i = 0; i < queue.size; i++) {
      const event = (queue as unknown as { array: QueuedEvent[] }).array[i];
      if (event.cancelled) event.queued = false;
      else kept.push(event);
    }
    queue.heapify(kept);
    this.cancelledInQueue = 0;
  }

  private addToFingerprint(event: QueuedEvent): void {
    const time = event.time;
    const timeLow = time >>> 0;
    const timeHigh = Math.floor(time / TWO_POW_32) >>> 0;
    const priority = event.priority >>> 0;
    const seq = event.seq >>> 0;
    this.hashLow = Math.imul(Math.imul(Math.imul(Math.imul(this.hashLow ^ timeLow, FNV_PRIME) ^ timeHigh, FNV_PRIME) ^ priority, FNV_PRIME) ^ seq, FNV_PRIME);
    this.hashHigh = mixHigh(mixHigh(mixHigh(mixHigh(this.hashHigh, timeLow), timeHigh), priority), seq);
  }
}

/** The second, independent half of the fingerprint: multiply and fold the high bits back in. */
function mixHigh(hash: number, word: number): number {
  const h = Math.imul(hash ^ word, MURMUR_M);
  return h ^ (h >>> 15);
}
