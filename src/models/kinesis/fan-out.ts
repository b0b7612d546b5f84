import { BandwidthLink } from '../../engine/bandwidth-link.ts';
import type { Micros } from '../../engine/time.ts';
import type { KclApplication, Lease } from './kcl.ts';
import { EXTENDED_RETENTION_LIMIT } from './limits.ts';
import { ShardConsumer } from './shard-consumer.ts';

/**
 * An enhanced fan-out reader of one shard (KCL's FanOutRecordsPublisher): SubscribeToShard opens a
 * dedicated push pipe of 2 MiB/s for this consumer on this shard, unaffected by other consumers;
 * records reach the application about 70 ms after they arrive (propagation, [DG-CONS]); the
 * subscription lasts 5 minutes and is then renewed with another SubscribeToShard call, a round trip
 * during which nothing is pushed ([API] SubscribeToShard). Events are pushed
 * as records arrive; the next event is requested when the application has processed the previous one.
 * An event carries at most what one GetRecords call could (10,000 records / 10 MiB): AWS publishes no
 * per-event size, so this bound is an assumption.
 */
export class FanOutReader extends ShardConsumer {
  private readonly pipe: BandwidthLink;
  private subscriptionEndsAt: Micros = 0;
  private waiting = false;
  private readonly onAppend = () => {
    if (this.waiting && this.alive) {
      this.waiting = false;
      this.next = this.app.sim.schedule(0, this.pump);
    }
  };

  constructor(app: KclApplication, lease: Lease) {
    super(app, lease);
    this.pipe = new BandwidthLink(app.config.efo.bytesPerSecPerShard);
  }

  protected run(): void {
    this.shard.onAppend.push(this.onAppend);
    this.subscribe();
  }

  override stop(now: Micros): void {
    this.detach();
    super.stop(now);
  }

  private detach(): void {
    const i = this.shard.onAppend.indexOf(this.onAppend);
    if (i >= 0) this.shard.onAppend.splice(i, 1);
  }

  private subscribe(): void {
    const rtt = this.app.config.limits.requestLatency;
    this.app.progress.subscriptions.add(1);
    this.subscriptionEndsAt = this.app.sim.now + rtt + this.app.config.efo.subscriptionLifetime;
    this.next = this.app.sim.schedule(rtt, this.pump);
  }

  private readonly pump = (): void => {
    this.settle();
    if (!this.alive) return;
    const sim = this.app.sim;
    const now = sim.now;
    const shard = this.shard;
    const progress = this.app.progress;
    const efo = this.app.config.efo;
    const rtt = this.app.config.limits.requestLatency;
    this.app.stream.trimShard(shard, now);
    if (this.position < shard.log.trimPoint) this.position = shard.log.trimPoint;
    if (this.endIfDrained(now)) {
      this.detach();
      return;
    }
    if (now >= this.subscriptionEndsAt) {
      // Renewals happen every lifetime (+ a round trip) even while idle; data arriving inside the
      // renewal gap waits for the new subscription.
      const cycle = efo.subscriptionLifetime + rtt;
      const cycles = Math.floor((now - this.subscriptionEndsAt) / cycle) + 1;
      progress.subscriptions.add(cycles);
      const renewedAt = this.subscriptionEndsAt + (cycles - 1) * cycle + rtt;
      this.subscriptionEndsAt = renewedAt + efo.subscriptionLifetime;
      if (renewedAt > now) {
        this.next = sim.at(renewedAt, this.pump);
        return;
      }
    }
    if (this.position >= shard.log.tip) {
      this.waiting = true;
      return;
    }
    const limits = this.app.config.limits;
    const n = this.readBatch(limits.getRecordsMaxRecords, limits.getRecordsMaxBytes, now);
    const bytes = this.lastBatchBytes;
    this.receiveAt(this.pipe.transmit(bytes, now) + efo.propagationDelay);
    progress.readBytes.add(bytes);
    progress.readRecords.add(n);
    if (now > EXTENDED_RETENTION_LIMIT) progress.longTermReadBytes += this.batchBytesOlderThan(EXTENDED_RETENTION_LIMIT, now);
    progress.millisBehindLatest = Math.max(progress.millisBehindLatest, this.millisBehindLatest());
    this.next = sim.at(this.batchDoneAt, this.pump);
  };
}
