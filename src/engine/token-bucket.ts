import type { Micros } from './time.ts';

/** Microseconds per second, as a module-local constant: read on every take (imported bindings cost a getter call under tsx). */
const SECOND = 1_000_000;

/**
 * Tokens refill continuously at `ratePerSecond` up to `capacity` (the burst depth). With `maxDebt`
 * above zero a take may borrow: it succeeds while any tokens are left, and the bucket goes negative
 * down to -maxDebt, so later takes fail until the debt is repaid (Kinesis's large-record "tank" and
 * its post-large-read penalty both work this way). Refill is computed lazily: no events.
 *
 * The balance is kept in token-microseconds (tokens × 10^6), so with a whole-number rate and whole
 * microseconds every refill and take is exact integer arithmetic (up to 2^53, i.e. about 9 × 10^9
 * tokens of capacity): over t seconds the bucket admits exactly rate × t + capacity, with no
 * rounding drift, and a wait computed by `timeUntil` is always long enough.
 */
export class TokenBucket {
  /** Tokens × SECOND. */
  private scaledTokens: number;
  private updatedAt: Micros;
  /** capacity × SECOND, computed once: every refill reads it. */
  private readonly scaledCapacity: number;

  constructor(
    private rate: number,
    readonly capacity: number,
    readonly maxDebt = 0,
    now: Micros = 0,
  ) {
    this.scaledCapacity = capacity * SECOND;
    this.scaledTokens = this.scaledCapacity;
    this.updatedAt = now;
  }

  get ratePerSecond(): number {
    return this.rate;
  }

  private refill(now: Micros): void {
    if (now > this.updatedAt) {
      this.scaledTokens = Math.min(this.scaledCapacity, this.scaledTokens + (now - this.updatedAt) * this.rate);
      this.updatedAt = now;
    }
  }

  available(now: Micros): number {
    this.refill(now);
    return this.scaledTokens / SECOND;
  }

  /** Takes `amount` if the bucket holds it (or, with borrowing, holds anything and the debt stays bounded). */
  tryTake(amount: number, now: Micros): boolean {
    this.refill(now);
    const scaled = amount * SECOND;
    if (this.scaledTokens >= scaled || (this.maxDebt > 0 && this.scaledTokens > 0 && this.scaledTokens - scaled >= -this.maxDebt * SECOND)) {
      this.scaledTokens -= scaled;
      return true;
    }
    return false;
  }

  /** Takes as much of `amount` as is available (never borrowing) and returns what was taken. */
  takeUpTo(amount: number, now: Micros): number {
    this.refill(now);
    if (!(amount > 0)) return 0;
    const scaled = amount * SECOND;
    if (this.scaledTokens >= scaled) {
      this.scaledTokens -= scaled;
      return amount;
    }
    if (this.scaledTokens <= 0) return 0;
    const taken = this.scaledTokens / SECOND;
    this.scaledTokens = 0;
    return taken;
  }

  /** Takes unconditionally, going into debt if need be (for charges that happen whatever the balance). */
  forceTake(amount: number, now: Micros): void {
    this.refill(now);
    this.scaledTokens -= amount * SECOND;
  }

  /** How long until `amount` tokens are available (0 if they are now; infinite if never). */
  timeUntil(amount: number, now: Micros): Micros {
    this.refill(now);
    return this.waitFor(amount * SECOND);
  }

  /**
   * How long until `tryTake(amount)` would succeed: like `timeUntil`, except that with borrowing a
   * take needs only a positive balance that stays within the debt limit.
   */
  timeUntilTake(amount: number, now: Micros): Micros {
    this.refill(now);
    if (this.maxDebt <= 0) return this.waitFor(amount * SECOND);
    if (amount > this.capacity + this.maxDebt) return Number.POSITIVE_INFINITY;
    const needed = Math.max((amount - this.maxDebt) * SECOND, 0);
    if (this.scaledTokens > 0 && this.scaledTokens >= needed) return 0;
    if (this.rate <= 0) return Number.POSITIVE_INFINITY;
    // The balance must be strictly positive: one microsecond past the moment it reaches zero.
    const toPositive = Math.floor(-this.scaledTokens / this.rate) + 1;
    return Math.max(toPositive, this.waitFor(needed));
  }

  /** Microseconds until the balance reaches `scaled` token-microseconds (whole microseconds, never too short). */
  private waitFor(scaled: number): Micros {
    if (this.scaledTokens >= scaled) return 0;
    if (scaled > this.capacity * SECOND || this.rate <= 0) return Number.POSITIVE_INFINITY;
    const missing = scaled - this.scaledTokens;
    let wait = Math.ceil(missing / this.rate);
    if (wait * this.rate < missing) wait++; // floating-point guard for fractional rates
    return wait;
  }

  /**
   * Copies the bucket into `into[at]` … `into[at + 3]` (balance, its time, rate, capacity), so that
   * takes can be tried on the copy with `tryTakeBothOn` and kept with `restore`, or dropped.
   */
  save(into: Float64Array, at: number): void {
    into[at] = this.scaledTokens;
    into[at + 1] = this.updatedAt;
    into[at + 2] = this.rate;
    into[at + 3] = this.scaledCapacity;
  }

  /** Sets the balance from a copy made by `save` (after takes tried on it). */
  restore(from: Float64Array, at: number): void {
    this.scaledTokens = from[at];
    this.updatedAt = from[at + 1];
  }

  /**
   * `tryTake` of `amountsA[i]` from bucket A and `amountsB[i]` from bucket B at `times[i]`, for i
   * from `from` to `to`, in order, on copies made by `save` at `atA` and `atB` (two buckets that do
   * not borrow and are taken together, such as records and bytes); false at the first take that
   * fails, the copies then left as they were. The same arithmetic as `tryTake`, so restoring the
   * copies leaves the buckets exactly as the same takes made on them would have. The two buckets'
   * updates are independent, so the processor overlaps them.
   */
  static tryTakeBothOn(
    copy: Float64Array, atA: number, amountsA: Float64Array, atB: number, amountsB: Float64Array,
    times: Float64Array, from: number, to: number,
  ): boolean {
    let tokensA = copy[atA];
    let updatedA = copy[atA + 1];
    const rateA = copy[atA + 2];
    const capacityA = copy[atA + 3];
    let tokensB = copy[atB];
    let updatedB = copy[atB + 1];
    const rateB = copy[atB + 2];
    const capacityB = copy[atB + 3];
    for (let i = from; i < to; i++) {
      const now = times[i];
      if (now > updatedA) {
        tokensA = Math.min(capacityA, tokensA + (now - updatedA) * rateA);
        updatedA = now;
      }
      if (now > updatedB) {
        tokensB = Math.min(capacityB, tokensB + (now - updatedB) * rateB);
        updatedB = now;
      }
      const takeA = amountsA[i] * SECOND;
      const takeB = amountsB[i] * SECOND;
      if (!(tokensA >= takeA && tokensB >= takeB)) return false;
      tokensA -= takeA;
      tokensB -= takeB;
    }
    copy[atA] = tokensA;
    copy[atA + 1] = updatedA;
    copy[atB] = tokensB;
    copy[atB + 1] = updatedB;
    return true;
  }

  /** Changes the refill rate from `now` on (tokens earned so far are kept). */
  setRate(ratePerSecond: number, now: Micros): void {
    this.refill(now);
    this.rate = ratePerSecond;
  }
}
