import { MILLISECOND, SECOND, type Micros } from '../../engine/time.ts';

/**
 * Kafka client byte-rate quotas (`producer_byte_rate`, `consumer_byte_rate`), enforced per broker by
 * delaying, not rejecting (Kafka design docs, "Quotas"). The broker measures the client's rate with a
 * sampled `Rate` over `quota.window.num` windows of `quota.window.size.seconds`; when a request takes
 * the rate above the bound it answers with a throttle time and mutes the channel for that long, and
 * the client also holds back further requests for that time (KIP-219).
 *
 * This follows the broker code:
 * - ClientQuotaManager.recordAndGetThrottleTimeMs: `quotaSensor.record(value, timeMs, true)`, i.e. the
 *   bytes are recorded first (the request is served), then the quota is checked.
 * - apache/kafka `clients/src/main/java/org/apache/kafka/common/metrics/stats/SampledStat.java` (samples
 *   of one window each, samples + 1 kept, a sample is reset when its last event is older than
 *   samples x window) and `Rate.java` (`windowSize`: now minus the start of the oldest sample, padded
 *   to at least samples - 1 full windows so a new client is not judged on a few milliseconds).
 * - apache/kafka `server-common/src/main/java/org/apache/kafka/server/quota/QuotaUtils.java`
 *   `throttleTime`: X = (O - T) / T x W, "the amount of time needed to bring the observed rate within
 *   quota assuming that no new metrics are recorded", rounded to whole milliseconds.
 */

/** `quota.window.size.seconds` default 1. Kafka QuotaConfig. */
export const QUOTA_WINDOW_MICROS: Micros = 1 * SECOND;
/** `quota.window.num` default 11 (10 whole windows + the current one). Kafka QuotaConfig. */
export const QUOTA_WINDOWS = 11;

interface Sample {
  startMicros: Micros;
  lastEventMicros: Micros;
  bytes: number;
}

/** One client's byte-rate quota on one broker. */
export class ClientQuota {
  protected readonly samples: Sample[] = [];
  private current = 0;

  constructor(
    readonly bytesPerSec: number,
    readonly windowMicros: Micros = QUOTA_WINDOW_MICROS,
    readonly windows: number = QUOTA_WINDOWS,
  ) {
    if (!(bytesPerSec > 0)) throw new RangeError(`quota must be positive bytes/s, got ${bytesPerSec}`);
    if (!(windowMicros > 0)) throw new RangeError(`quota window must be positive, got ${windowMicros}`);
    // With a single window the rate of a first request would be bytes / 0 s; Kafka's default is 11.
    if (!(Number.isInteger(windows) && windows >= 2)) throw new RangeError(`quota window count must be an integer >= 2, got ${windows}`);
  }

  /**
   * Records `bytes` served at `now` and returns the throttle time in microseconds (whole milliseconds,
   * as ThrottleTimeMs is), 0 while the measured rate is within the quota.
   */
  record(bytes: number, now: Micros): Micros {
    let sample = this.currentSample(now);
    if (now - sample.startMicros >= this.windowMicros) sample = this.advance(now);
    sample.bytes += bytes;
    sample.lastEventMicros = now;

    const observed = this.rateBytesPerSec(now);
    if (observed <= this.bytesPerSec) return 0;
    const throttleMillis = Math.round(((observed - this.bytesPerSec) / this.bytesPerSec) * (this.windowSizeMicros(now) / MILLISECOND));
    return throttleMillis * MILLISECOND;
  }

  /** The rate the broker measures at `now` (Rate.measure: windowed sum / windowSize). */
  rateBytesPerSec(now: Micros): number {
    this.purgeObsoleteSamples(now);
    let total = 0;
    for (const sample of this.samples) total += sample.bytes;
    return total / (this.windowSizeMicros(now) / SECOND);
  }

  protected currentSample(now: Micros): Sample {
    if (this.samples.length === 0) this.samples.push({ startMicros: now, lastEventMicros: now, bytes: 0 });
    return this.samples[this.current];
  }

  /** SampledStat.advance: one extra sample is kept beyond `windows` (see purgeObsoleteSamples). */
  private advance(now: Micros): Sample {
    this.current = (this.current + 1) % (this.windows + 1);
    if (this.current >= this.samples.length) {
      const sample = { startMicros: now, lastEventMicros: now, bytes: 0 };
      this.samples.push(sample);
      return sample;
    }
    const sample = this.samples[this.current];
    reset(sample, now);
    return sample;
  }

  /** Samples with no event in the last windows x window are reset; ones overlapping it are kept. */
  protected purgeObsoleteSamples(now: Micros): void {
    const expireAge = this.windows * this.windowMicros;
    for (const sample of this.samples) if (now - sample.lastEventMicros >= expireAge) reset(sample, now);
  }

  /** Rate.windowSize: elapsed since the oldest sample started, at least windows - 1 full windows. */
  protected windowSizeMicros(now: Micros): Micros {
    this.purgeObsoleteSamples(now);
    let oldestStart = this.currentSample(now).startMicros;
    for (const sample of this.samples) if (sample.startMicros < oldestStart) oldestStart = sample.startMicros;
    let elapsed = now - oldestStart;
    const fullWindows = Math.floor(elapsed / this.windowMicros);
    const minFullWindows = this.windows - 1;
    if (fullWindows < minFullWindows) elapsed += (minFullWindows - fullWindows) * this.windowMicros;
    return elapsed;
  }
}

function reset(sample: Sample, now: Micros): void {
  sample.startMicros = now;
  sample.lastEventMicros = now;
  sample.bytes = 0;
}

/**
 * A broker's replication throttle (`leader.replication.throttled.rate` or
 * `follower.replication.throttled.rate`): ReplicationQuotaManager measures the throttled bytes with
 * a SimpleRate rather than a Rate (apache/kafka core/src/main/java/kafka/server/ReplicationQuotaManager.java,
 * `sensor.add(rateMetricName, new SimpleRate(), ...)`). SimpleRate's window is the time since the
 * oldest sample started, at least one window ("An exception is made for the first window, which is
 * considered of fixed size", clients/.../metrics/stats/SimpleRate.java): no padding to ten windows, so
 * a new throttle allows about one window's worth of bytes at first, not ten.
 */
export class ReplicationQuota extends ClientQuota {
  /** The quota is exceeded (ReplicationQuotaManager.isQuotaExceeded: the measured rate is above the bound). */
  exceeded(now: Micros): boolean {
    return this.rateBytesPerSec(now) > this.bytesPerSec;
  }

  protected override windowSizeMicros(now: Micros): Micros {
    this.purgeObsoleteSamples(now);
    let oldestStart = this.currentSample(now).startMicros;
    for (const sample of this.samples) if (sample.startMicros < oldestStart) oldestStart = sample.startMicros;
    return Math.max(now - oldestStart, this.windowMicros);
  }
}
