import { SECOND, type Micros } from './time.ts';

/**
 * Tokens refill continuously at `ratePerSecond` up to `capacity` (the burst depth). With `maxDebt`
 * above zero a take may borrow: it succeeds while any tokens are left, and the bucket goes negative
 * down to -maxDebt, so later takes fail until the debt is repaid (Kinesis's large-record "tank" and
 * its post-large-read penalty both work this way). Refill is computed lazily: no events.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: Micros;

  constructor(
    private rate: number,
    readonly capacity: number,
    readonly maxDebt = 0,
    now: Micros = 0,
  ) {
    this.tokens = capacity;
    this.updatedAt = now;
  }

  get ratePerSecond(): number {
    return this.rate;
  }

  private refill(now: Micros): void {
    if (now > this.updatedAt) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) * this.rate) / SECOND);
      this.updatedAt = now;
    }
  }

  available(now: Micros): number {
    this.refill(now);
    return this.tokens;
  }

  /** Takes `amount` if the bucket holds it (or, with borrowing, holds anything and the debt stays bounded). */
  tryTake(amount: number, now: Micros): boolean {
    this.refill(now);
    if (this.tokens >= amount || (this.maxDebt > 0 && this.tokens > 0 && this.tokens - amount >= -this.maxDebt)) {
      this.tokens -= amount;
      return true;
    }
    return false;
  }

  /** Takes as much of `amount` as is available (never borrowing) and returns what was taken. */
  takeUpTo(amount: number, now: Micros): number {
    this.refill(now);
    const taken = Math.max(0, Math.min(amount, this.tokens));
    this.tokens -= taken;
    return taken;
  }

  /** Takes unconditionally, going into debt if need be (for charges that happen whatever the balance). */
  forceTake(amount: number, now: Micros): void {
    this.refill(now);
    this.tokens -= amount;
  }

  /** How long until `amount` tokens are available (0 if they are now; infinite if never). */
  timeUntil(amount: number, now: Micros): Micros {
    this.refill(now);
    if (this.tokens >= amount) return 0;
    if (amount > this.capacity || this.rate <= 0) return Number.POSITIVE_INFINITY;
    return Math.ceil(((amount - this.tokens) * SECOND) / this.rate);
  }

  /** Changes the refill rate from `now` on (tokens earned so far are kept). */
  setRate(ratePerSecond: number, now: Micros): void {
    this.refill(now);
    this.rate = ratePerSecond;
  }
}
