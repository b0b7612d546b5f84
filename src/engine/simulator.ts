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

/** Total order on (time, priority, insertion sequence): the same input gives the same order, always. */
function precedes(a: ScheduledEvent, b: ScheduledEvent): boolean {
  return a.time < b.time || (a.time === b.time && (a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq)));
}

/**
 * The discrete-event kernel: a clock and a future event list. Everything else (resources, clients,
 * brokers) is built from `schedule` and callbacks.
 */
export class Simulator {
  private clock: Micros = 0;
  private nextSeq = 0;
  private readonly queue = new FastPriorityQueue<ScheduledEvent>(precedes);
  /** Events executed so far (cancelled events are not counted). */
  eventsExecuted = 0;

  get now(): Micros {
    return this.clock;
  }

  /** Events still in the queue, cancelled ones included. */
  get pending(): number {
    return this.queue.size;
  }

  /** Runs `action` after `delay` microseconds (rounded to the microsecond, never negative). */
  schedule(delay: Micros, action: Action, priority: number = NORMAL): ScheduledEvent {
    return this.at(this.clock + (delay > 0 ? Math.round(delay) : 0), action, priority);
  }

  /** Runs `action` at absolute time `time`; a time in the past means now. */
  at(time: Micros, action: Action, priority: number = NORMAL): ScheduledEvent {
    const event: ScheduledEvent = {
      time: time > this.clock ? Math.round(time) : this.clock,
      priority,
      seq: this.nextSeq++,
      action,
      cancelled: false,
    };
    this.queue.add(event);
    return event;
  }

  cancel(event: ScheduledEvent | undefined): void {
    if (event) event.cancelled = true;
  }

  /**
   * Executes events in order until the next one would be later than `until` (inclusive) or none are
   * left, then advances the clock to `until`. Without `until`, runs until the queue is empty.
   */
  run(until: Micros = Number.POSITIVE_INFINITY): void {
    const queue = this.queue;
    while (!queue.isEmpty()) {
      const event = queue.peek()!;
      if (event.time > until) break;
      queue.poll();
      if (event.cancelled) continue;
      this.clock = event.time;
      this.eventsExecuted++;
      event.action();
    }
    if (until !== Number.POSITIVE_INFINITY && until > this.clock) this.clock = until;
  }
}
