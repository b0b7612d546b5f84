import { zipf, type Distribution } from '../engine/distributions.ts';
import type { RandomStreams, Rng } from '../engine/random.ts';
import type { Micros } from '../engine/time.ts';
import type { ProducerSpec } from '../scenario/workload-schema.ts';
import { createRateProfile, type RateProfile } from './rate-profile.ts';
import { fixedRecordSize, recordSizeDistribution } from './record-size.ts';
import { MAX_RECORD_BYTES as MAX_RECORD_BYTES_LIMIT } from '../scenario/limits.ts';

// Module-local copies of imported constants: the generation loop reads them per record, and an
// imported binding costs a getter call under tsx's module interop.
const SECOND = 1_000_000;
const MAX_RECORD_BYTES = MAX_RECORD_BYTES_LIMIT;

/**
 * The records one producer creates, generated on demand. A system's producer client pulls the
 * records created up to "now" whenever its own cadence says so (a linger timer, a buffer deadline),
 * so there is no event per record. The records are the same whichever client pulls, and however
 * often: arrival times, keys and sizes come from the producer's own named random streams.
 *
 * After `pull`, records 0..count-1 are in `times`, `keys` and `sizes`; the arrays are reused by the
 * next pull, so read them at once.
 */
export class RecordSource {
  readonly name: string;
  readonly keyCount: number;
  times = new Float64Array(1024);
  keys = new Int32Array(1024);
  sizes = new Int32Array(1024);
  /** Records and bytes generated so far (everything offered up to the last pull). */
  offeredRecords = 0;
  offeredBytes = 0;

  private readonly profile: RateProfile;
  private readonly arrivals: Rng;
  private readonly keyRng: Rng;
  private readonly sizeRng: Rng;
  private readonly sizeDist: Distribution;
  private readonly keyDist: Distribution | undefined;
  private readonly poisson: boolean;
  private nextTime: Micros;
  /** Records created so far, including the next one waiting to be pulled (constant arrivals count them). */
  private created = 0;
  /** The generators' uniform functions, called directly in the per-record loop (same numbers as `next()`). */
  private readonly arrivalRand: () => number;
  private readonly keyRand: () => number;
  /** The record size when the size distribution is a constant (it draws nothing); 0 otherwise. */
  private readonly fixedSize: number;
  // The rate profile's bound over the current span [spanFrom, spanUntil) (see enterSpan).
  private spanFrom = Number.POSITIVE_INFINITY;
  private spanUntil = Number.NEGATIVE_INFINITY;
  private spanBound = 0;
  private spanConstant = true;
  private spanGapMicros = 0;

  constructor(spec: ProducerSpec, random: RandomStreams, private readonly index: number) {
    this.name = spec.name;
    this.keyCount = spec.keys.count;
    this.sizeDist = recordSizeDistribution(spec.recordSize);
    this.profile = createRateProfile(spec.rate, this.sizeDist.mean);
    this.poisson = spec.arrivals === 'poisson';
    this.arrivals = random.stream(`workload/producer/${spec.name}/arrivals`);
    this.keyRng = random.stream(`workload/producer/${spec.name}/keys`);
    this.sizeRng = random.stream(`workload/producer/${spec.name}/sizes`);
    this.keyDist = spec.keys.dist === 'zipf' ? zipf(spec.keys.count, spec.keys.exponent) : undefined;
    this.arrivalRand = this.arrivals.uniformSource;
    this.keyRand = this.keyRng.uniformSource;
    this.fixedSize = fixedRecordSize(spec.recordSize);
    this.nextTime = this.arrivalAfter(0);
  }

  /** The highest rate this producer reaches (records/s), e.g. to size how often to pull. */
  get peakRecordsPerSecond(): number {
    return this.profile.peak;
  }

  /** Index of this producer in the workload. */
  get producerIndex(): number {
    return this.index;
  }

  /** Creation time of the next record not yet pulled (Infinity when the producer has stopped for good). */
  peekNextTime(): Micros {
    return this.nextTime;
  }

  /** The partition key of key index `k`, as the producer would send it. */
  keyName(k: number): string {
    return `${this.name}-${k}`;
  }

  /** Generates every record created at or before `until`; returns how many (see the arrays). */
  pull(until: Micros): number {
    let next = this.nextTime;
    if (next > until) return 0;
    let count = 0;
    let times = this.times;
    let keys = this.keys;
    let sizes = this.sizes;
    const keyDist = this.keyDist;
    const keyRng = this.keyRng;
    const keyRand = this.keyRand;
    const keyCount = this.keyCount;
    const fixedSize = this.fixedSize;
    let bytes = 0;
    while (next <= until) {
      if (count === times.length) {
        this.grow();
        times = this.times;
        keys = this.keys;
        sizes = this.sizes;
      }
      times[count] = next;
      keys[count] = keyDist ? keyDist.sample(keyRng) - 1 : Math.floor(keyRand() * keyCount);
      // Whole bytes, at least one; the heavy tail of a lognormal is capped where the Int32Array ends.
      const size = fixedSize > 0 ? fixedSize : Math.min(MAX_RECORD_BYTES, Math.max(1, Math.round(this.sizeDist.sample(this.sizeRng))));
      sizes[count] = size;
      bytes += size;
      count++;
      // The common case of arrivalAfter inline: a Poisson gap inside a span of constant rate.
      if (this.spanConstant && next >= this.spanFrom && next < this.spanUntil && this.spanBound > 0 && this.poisson) {
        const candidate = next - this.spanGapMicros * Math.log(1 - this.arrivalRand());
        // Past the span's end, the clock restarts there (memoryless), exactly as arrivalAfter does.
        next = candidate < this.spanUntil ? candidate : this.arrivalAfter(this.spanUntil);
      } else {
        next = this.arrivalAfter(next);
      }
    }
    this.nextTime = next;
    this.offeredBytes += bytes;
    this.offeredRecords += count;
    return count;
  }

  /**
   * The next arrival after t. Constant arrivals are evenly spaced in expected records: the k-th comes
   * when the integral of the rate reaches k, so a varying rate varies the spacing without drift or
   * phase jumps at rate changes. Poisson arrivals draw exponential gaps at the rate's bound and thin
   * them where the rate is lower (Lewis and Shedler), restarting at each rate change (memoryless).
   * Creation times keep fractions of a microsecond; only event times are whole microseconds.
   */
  private arrivalAfter(t: Micros): Micros {
    if (!this.poisson) return this.profile.timeOfCumulative(++this.created);
    let now = t;
    for (;;) {
      if (!(now >= this.spanFrom && now < this.spanUntil)) this.enterSpan(now);
      const bound = this.spanBound;
      const until = this.spanUntil;
      if (bound <= 0) {
        if (until === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
        now = until;
        continue;
      }
      const candidate = now - this.spanGapMicros * Math.log(1 - this.arrivalRand());
      if (candidate >= until) {
        now = until; // memoryless: restart the clock at the rate change
        continue;
      }
      if (this.spanConstant || this.arrivalRand() * bound <= this.profile.at(candidate)) return candidate;
      now = candidate;
    }
  }

  /**
   * Caches the rate profile's bound from `now`: the profile is consulted once per span of constant
   * bound, not once per record. Both profiles (schedule, diurnal) return the same bound for every
   * time in [now, until), so the draws are those of asking at each arrival.
   */
  private enterSpan(now: Micros): void {
    const { bound, until, constant } = this.profile.boundFrom(now);
    this.spanFrom = now;
    this.spanUntil = until;
    this.spanBound = bound;
    this.spanConstant = constant;
    this.spanGapMicros = SECOND / bound;
  }

  private grow(): void {
    const size = this.times.length * 2;
    const times = new Float64Array(size);
    times.set(this.times);
    const keys = new Int32Array(size);
    keys.set(this.keys);
    const sizes = new Int32Array(size);
    sizes.set(this.sizes);
    this.times = times;
    this.keys = keys;
    this.sizes = sizes;
  }
}
