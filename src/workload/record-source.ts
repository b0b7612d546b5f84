import {
  exponentialZigguratSlow,
  standardExponentialZiggurat,
  zipf,
  ZIGGURAT_EXP_INDEX_MASK,
  ZIGGURAT_EXP_KE,
  ZIGGURAT_EXP_WE,
  ZIGGURAT_UINT32_RANGE,
  type Distribution,
} from '../engine/distributions.ts';
import { ALEA_2_POW_MINUS_32, ALEA_MULTIPLIER, type Alea, type RandomStreams, type Rng } from '../engine/random.ts';
import type { Micros } from '../engine/time.ts';
import type { ProducerSpec } from '../scenario/workload-schema.ts';
import { createRateProfile, type RateProfile } from './rate-profile.ts';
import { fixedRecordSize, recordSizeDistribution } from './record-size.ts';
import { MAX_RECORD_BYTES as MAX_RECORD_BYTES_LIMIT } from '../scenario/limits.ts';

// Module-local copies of imported constants: the generation loop reads them per record, and an
// imported binding costs a getter call under tsx's module interop.
const SECOND = 1_000_000;
const MAX_RECORD_BYTES = MAX_RECORD_BYTES_LIMIT;
const MULTIPLIER = ALEA_MULTIPLIER;
const TWO_POW_MINUS_32 = ALEA_2_POW_MINUS_32;
const UINT32_RANGE = ZIGGURAT_UINT32_RANGE;
const INDEX_MASK = ZIGGURAT_EXP_INDEX_MASK;
const KE = ZIGGURAT_EXP_KE;
const WE = ZIGGURAT_EXP_WE;

/** Records of a producer made elsewhere (see RecordSource.feedFrom). */
export interface RecordFeedReader {
  /** Puts the records created at or before `until` not taken yet in `into`'s arrays, counts them offered, and returns how many. */
  take(until: Micros, into: RecordSource): number;
  /** Creation time of the next record not taken yet (Infinity when the producer has stopped for good). */
  peekNextTime(): Micros;
}

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
  /** The arrivals stream's alea state: gaps and thinning draws (pull runs its step inline). */
  private readonly arrivals: Alea;
  /** The keys stream's alea state: pull draws uniform keys from it inline. */
  private readonly keyAlea: Alea;
  /** The keys stream as an Rng, for Zipf keys (the same state as keyAlea). */
  private readonly keyRng: Rng;
  private readonly sizeRng: Rng;
  private readonly sizeDist: Distribution;
  private readonly keyDist: Distribution | undefined;
  private readonly poisson: boolean;
  // Initialised to a number, not left undefined: a field that starts undefined is stored boxed, and
  // every pull would allocate a heap number to write it.
  private nextTime: Micros = 0;
  /** Records created so far, including the next one waiting to be pulled (constant arrivals count them). */
  private created = 0;
  /** The record size when the size distribution is a constant (it draws nothing); 0 otherwise. */
  private readonly fixedSize: number;
  // The rate profile's bound over the current span [spanFrom, spanUntil) (see enterSpan).
  private spanFrom = Number.POSITIVE_INFINITY;
  private spanUntil = Number.NEGATIVE_INFINITY;
  private spanBound = 0;
  private spanConstant = true;
  private spanGapMicros = 0;
  /** Poisson gaps over a span of constant, positive rate: pull draws them inline without thinning. */
  private spanInline = false;
  /** Poisson arrivals, uniform keys and a fixed size: the shape pullSteady handles. */
  private readonly steadyShape: boolean;
  private feed: RecordFeedReader | undefined;

  /** The workload producer this source is an instance of (its own name when it runs as one instance). */
  readonly producer: string;
  /** The sustained bandwidth of the client machine this instance runs on, bytes/s. */
  readonly networkBytesPerSec: number;

  constructor(spec: ProducerSpec, random: RandomStreams, private readonly index: number, producer = spec.name) {
    this.name = spec.name;
    this.producer = producer;
    this.networkBytesPerSec = spec.network;
    this.keyCount = spec.keys.count;
    this.sizeDist = recordSizeDistribution(spec.recordSize);
    this.profile = createRateProfile(spec.rate, this.sizeDist.mean);
    this.poisson = spec.arrivals === 'poisson';
    this.arrivals = random.stream(`workload/producer/${spec.name}/arrivals`).alea;
    this.keyRng = random.stream(`workload/producer/${spec.name}/keys`);
    this.keyAlea = this.keyRng.alea;
    this.sizeRng = random.stream(`workload/producer/${spec.name}/sizes`);
    this.keyDist = spec.keys.dist === 'zipf' ? zipf(spec.keys.count, spec.keys.exponent) : undefined;
    this.fixedSize = fixedRecordSize(spec.recordSize);
    this.steadyShape = this.poisson && this.keyDist === undefined && this.fixedSize > 0;
    this.nextTime = this.arrivalAfter(0);
  }

  /** The highest rate this producer reaches (records/s), e.g. to size how often to pull. */
  get peakRecordsPerSecond(): number {
    return this.profile.peak;
  }

  /** The size of every record when sizes are fixed (no draw), or 0 when they are drawn. */
  get fixedRecordBytes(): number {
    return this.fixedSize;
  }

  /** Index of this producer in the workload. */
  get producerIndex(): number {
    return this.index;
  }

  /** Creation time of the next record not yet pulled (Infinity when the producer has stopped for good). */
  peekNextTime(): Micros {
    return this.feed !== undefined ? this.feed.peekNextTime() : this.nextTime;
  }

  /** From now on the records come from `feed` (the same records, made by another thread). */
  feedFrom(feed: RecordFeedReader): void {
    this.feed = feed;
  }

  /** The next pulls write into these arrays (grown as needed); a caller that keeps the arrays of a pull gives new ones before the next. */
  useArrays(times: Float64Array<ArrayBuffer>, keys: Int32Array<ArrayBuffer>, sizes: Int32Array<ArrayBuffer>): void {
    this.times = times;
    this.keys = keys;
    this.sizes = sizes;
  }

  /** Makes room for `count` records in the arrays, keeping those already there. */
  reserve(count: number): void {
    while (this.times.length < count) this.grow();
  }

  /** Counts records a feed handed over as offered. */
  countOffered(records: number, bytes: number): void {
    this.offeredRecords += records;
    this.offeredBytes += bytes;
  }

  /** The partition key of key index `k`, as the producer would send it. */
  keyName(k: number): string {
    return `${this.name}-${k}`;
  }

  /**
   * Generates every record created at or before `until`; returns how many (see the arrays).
   *
   * The per-record loops run alea's step inline on local copies of the arrivals and keys streams'
   * states (see Alea), and the ziggurat's fast path for Poisson gaps (see distributions.ts); they
   * write the states back before anything else draws from them (arrivalAfter, the ziggurat's rare
   * path) and when they stop. The draws are those of one record after another, whichever loop makes
   * it, so pulling often or rarely gives the same records.
   */
  pull(until: Micros): number {
    if (this.feed !== undefined) return this.feed.take(until, this);
    if (this.nextTime > until) return 0;
    let count = 0;
    if (this.steadyShape && this.spanInline) count = this.pullSteady(until);
    if (this.nextTime <= until) count = this.pullAny(until, count);
    this.offeredRecords += count;
    return count;
  }

  /**
   * The common case on its own, with nothing else in the loop: Poisson arrivals at a constant rate,
   * uniform keys and a fixed size. Stops when `until` is reached or the rate stops being constant
   * (pullAny carries on from the next record).
   */
  private pullSteady(until: Micros): number {
    let next = this.nextTime;
    let count = 0;
    let times = this.times;
    let keys = this.keys;
    let sizes = this.sizes;
    const keyCount = this.keyCount;
    const fixedSize = this.fixedSize;
    const arrivals = this.arrivals;
    const keyAlea = this.keyAlea;
    let a0 = arrivals.s0, a1 = arrivals.s1, a2 = arrivals.s2, ac = arrivals.c;
    let k0 = keyAlea.s0, k1 = keyAlea.s1, k2 = keyAlea.s2, kc = keyAlea.c;
    let spanUntil = this.spanUntil;
    let gapMicros = this.spanGapMicros;
    let capacity = times.length;
    for (;;) {
      // The inner loop makes no calls, so the generators' states stay in registers; whatever needs
      // a call (the ziggurat's rare path, a span's end, growing the arrays) breaks out to below.
      let slowJ = -1;
      while (next <= until && count < capacity) {
        times[count] = next;
        let t = MULTIPLIER * k0 + kc * TWO_POW_MINUS_32;
        k0 = k1;
        k1 = k2;
        k2 = t - (kc = t | 0);
        keys[count] = Math.floor(k2 * keyCount);
        sizes[count] = fixedSize;
        count++;
        t = MULTIPLIER * a0 + ac * TWO_POW_MINUS_32;
        a0 = a1;
        a1 = a2;
        a2 = t - (ac = t | 0);
        const j = a2 * UINT32_RANGE;
        const strip = j & INDEX_MASK;
        if (j >= KE[strip]) {
          slowJ = j;
          break;
        }
        next += gapMicros * (j * WE[strip]);
        if (next >= spanUntil) break;
      }
      arrivals.s0 = a0; arrivals.s1 = a1; arrivals.s2 = a2; arrivals.c = ac;
      if (slowJ >= 0) next += gapMicros * exponentialZigguratSlow(arrivals, slowJ);
      if (next >= spanUntil) {
        // Past the span's end the clock restarts there (memoryless), as arrivalAfter does.
        next = this.arrivalAfter(spanUntil);
        if (!this.spanInline) break;
        spanUntil = this.spanUntil;
        gapMicros = this.spanGapMicros;
      }
      if (next > until) break;
      if (count === capacity) {
        this.grow();
        times = this.times;
        keys = this.keys;
        sizes = this.sizes;
        capacity = times.length;
      }
      a0 = arrivals.s0; a1 = arrivals.s1; a2 = arrivals.s2; ac = arrivals.c;
    }
    keyAlea.s0 = k0; keyAlea.s1 = k1; keyAlea.s2 = k2; keyAlea.c = kc;
    this.nextTime = next;
    this.offeredBytes += count * fixedSize;
    return count;
  }

  /** Any shape of workload (the steady one too): generates from index `count` on; returns the new count. */
  private pullAny(until: Micros, count: number): number {
    const first = count;
    let next = this.nextTime;
    let times = this.times;
    let keys = this.keys;
    let sizes = this.sizes;
    const keyDist = this.keyDist;
    const keyCount = this.keyCount;
    const fixedSize = this.fixedSize;
    const arrivals = this.arrivals;
    const keyAlea = this.keyAlea;
    let a0 = arrivals.s0, a1 = arrivals.s1, a2 = arrivals.s2, ac = arrivals.c;
    let k0 = keyAlea.s0, k1 = keyAlea.s1, k2 = keyAlea.s2, kc = keyAlea.c;
    let inline = this.spanInline;
    let spanUntil = this.spanUntil;
    let gapMicros = this.spanGapMicros;
    let drawnBytes = 0;
    while (next <= until) {
      if (count === times.length) {
        this.grow();
        times = this.times;
        keys = this.keys;
        sizes = this.sizes;
      }
      times[count] = next;
      if (keyDist === undefined) {
        const t = MULTIPLIER * k0 + kc * TWO_POW_MINUS_32;
        k0 = k1;
        k1 = k2;
        k2 = t - (kc = t | 0);
        keys[count] = Math.floor(k2 * keyCount);
      } else {
        keys[count] = keyDist.sample(this.keyRng) - 1;
      }
      if (fixedSize > 0) {
        // Kept apart from the drawn sizes: one branch typed as a small integer keeps the loop fast.
        sizes[count] = fixedSize;
      } else {
        // Whole bytes, at least one; the heavy tail of a lognormal is capped where the Int32Array ends.
        const size = Math.min(MAX_RECORD_BYTES, Math.max(1, Math.round(this.sizeDist.sample(this.sizeRng))));
        sizes[count] = size;
        drawnBytes += size;
      }
      count++;
      if (inline) {
        // arrivalAfter's common case: a Poisson gap inside a span of constant rate, by the ziggurat.
        const t = MULTIPLIER * a0 + ac * TWO_POW_MINUS_32;
        a0 = a1;
        a1 = a2;
        a2 = t - (ac = t | 0);
        const j = a2 * UINT32_RANGE;
        const strip = j & INDEX_MASK;
        let exponential: number;
        if (j < KE[strip]) {
          exponential = j * WE[strip];
        } else {
          arrivals.s0 = a0; arrivals.s1 = a1; arrivals.s2 = a2; arrivals.c = ac;
          exponential = exponentialZigguratSlow(arrivals, j);
          a0 = arrivals.s0; a1 = arrivals.s1; a2 = arrivals.s2; ac = arrivals.c;
        }
        const candidate = next + gapMicros * exponential;
        if (candidate < spanUntil) {
          next = candidate;
          continue;
        }
      }
      // Past the span's end (the clock restarts there, memoryless), a varying rate, or constant arrivals.
      arrivals.s0 = a0; arrivals.s1 = a1; arrivals.s2 = a2; arrivals.c = ac;
      next = this.arrivalAfter(inline ? spanUntil : next);
      a0 = arrivals.s0; a1 = arrivals.s1; a2 = arrivals.s2; ac = arrivals.c;
      inline = this.spanInline;
      spanUntil = this.spanUntil;
      gapMicros = this.spanGapMicros;
    }
    arrivals.s0 = a0; arrivals.s1 = a1; arrivals.s2 = a2; arrivals.c = ac;
    // Zipf keys drew through keyRng, which advanced the state itself.
    if (keyDist === undefined) {
      keyAlea.s0 = k0; keyAlea.s1 = k1; keyAlea.s2 = k2; keyAlea.c = kc;
    }
    this.nextTime = next;
    this.offeredBytes += fixedSize > 0 ? (count - first) * fixedSize : drawnBytes;
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
      const candidate = now + this.spanGapMicros * standardExponentialZiggurat(this.arrivals);
      if (candidate >= until) {
        now = until; // memoryless: restart the clock at the rate change
        continue;
      }
      if (this.spanConstant || this.arrivals.next() * bound <= this.profile.at(candidate)) return candidate;
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
    this.spanInline = this.poisson && constant && bound > 0;
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
