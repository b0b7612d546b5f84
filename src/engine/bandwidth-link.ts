import { SECOND, type Micros } from './time.ts';

/**
 * A first-come-first-served server of fixed bandwidth: a NIC, a disk, a network path. Transfers queue
 * behind each other; `transmit` returns when the last byte is through. Because service is FIFO at a
 * constant rate, the completion time is known at once and no event per transfer is needed.
 */
export class BandwidthLink {
  private busyUntil: Micros = 0;
  private busyMicros = 0;
  private busyMicrosAtSample = 0;
  bytesTransferred = 0;

  constructor(private bytesPerSecond: number) {}

  get rate(): number {
    return this.bytesPerSecond;
  }

  /** Queues `bytes` at `now`; returns the time the transfer completes. */
  transmit(bytes: number, now: Micros): Micros {
    const start = Math.max(now, this.busyUntil);
    const duration = (bytes * SECOND) / this.bytesPerSecond;
    this.busyUntil = start + duration;
    this.busyMicros += duration;
    this.bytesTransferred += bytes;
    return Math.ceil(this.busyUntil);
  }

  /** How long a transfer offered now would wait before starting. */
  queueDelay(now: Micros): Micros {
    return Math.max(0, this.busyUntil - now);
  }

  setRate(bytesPerSecond: number): void {
    this.bytesPerSecond = bytesPerSecond;
  }

  /** Fraction of time busy since the previous call (work queued beyond `now` counts, so it may exceed 1 under overload). */
  utilizationSince(lastSample: Micros, now: Micros): number {
    const busy = this.busyMicros - this.busyMicrosAtSample;
    this.busyMicrosAtSample = this.busyMicros;
    return now > lastSample ? busy / (now - lastSample) : 0;
  }
}
