import { zipf, type Distribution } from '../engine/distributions.ts';
import type { RandomStreams, Rng } from '../engine/random.ts';
import { SECOND, type Micros } from '../engine/time.ts';
import type { ProducerSpec } from '../scenario/workload-schema.ts';
import { createRateProfile, type RateProfile } from './rate-profile.ts';
import { recordSizeDistribution } from './record-size.ts';
import { MAX_RECORD_BYTES } from '../scenario/limits.ts';

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
    let count = 0;
    while (this.nextTime <= until) {
      if (count === this.times.length) this.grow();
      this.times[count] = this.nextTime;
      this.keys[count] = this.keyDist ? this.keyDist.sample(this.keyRng) - 1 : Math.floor(this.keyRng.next() * this.keyCount);
      // Whole bytes, at least one; the heavy tail of a lognormal is capped where the Int32Array ends.
      const size = Math.min(MAX_RECORD_BYTES, Math.max(1, Math.round(this.sizeDist.sample(this.sizeRng))));
      this.sizes[count] = size;
      this.offeredBytes += size;
      count++;
      this.nextTime = this.arrivalAfter(this.nextTime);
    }
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
      const { bound, until, constant } = this.profile.boundFrom(now);
      if (bound <= 0) {
        if (until === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
        now = until;
        continue;
      }
      const candidate = now - (SECOND / bound) * Math.log(1 - this.arrivals.next());
      if (candidate >= until) {
        now = until; // memoryless: restart the clock at the rate change
        continue;
      }
      if (constant || this.arrivals.next() * bound <= this.profile.at(candidate)) return candidate;
      now = candidate;
    }
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
