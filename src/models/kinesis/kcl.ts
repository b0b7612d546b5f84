import type { ScheduledEvent, Simulator } from '../../engine/simulator.ts';
import type { Micros } from '../../engine/time.ts';
import type { ConsumerSpec } from '../../scenario/workload-schema.ts';
import type { ConsumerConfig, KinesisConfig } from './config.ts';
import { DYNAMO_READ_UNIT_BYTES, DYNAMO_WRITE_UNIT_BYTES, ZONES, kclRenewInterval, kclTakerInterval } from './limits.ts';
import type { AppProgress, ShardProgress } from './app-progress.ts';
import type { Shard } from './shard.ts';
import type { Stream } from './stream.ts';

/** Lease owner values besides a worker index. */
const UNOWNED = -1;
/** The owner crashed: the lease is no longer renewed and expires for the other workers' takers. */
const ORPHANED = -2;

export interface Lease {
  shard: number;
  owner: number;
  /** When the lease counter last changed (last renewal by a live owner). */
  renewedAt: Micros;
  reader: ShardReader | undefined;
  ended: boolean;
}

interface Worker {
  index: number;
  zone: number;
  alive: boolean;
  startedAt: Micros;
  leases: Set<number>;
  scan: ScheduledEvent | undefined;
}

/** What reads one leased shard for an application: a polling loop or an enhanced fan-out subscription. */
export interface ShardReader {
  /** Waits for the parents to be drained, then reads from the checkpoint. */
  begin(): void;
  /** The worker lost the lease or crashed at `now`: work not finished by then is dropped. */
  stop(now: Micros): void;
}

export type ReaderFactory = (app: KclApplication, lease: Lease) => ShardReader;

/**
 * A KCL consumer application: one lease per shard in a lease table, held by the application's
 * workers (instances). Each worker runs the lease taker every (failoverTimeMillis + 25 ms) × 2: it takes
 * unowned leases, then leases not renewed for failoverTimeMillis since it first saw them, up to its
 * fair share, and else steals at most maxLeasesToStealAtOneTime from the most loaded worker
 * ([KCL-LEASE], [KCL-COORD-DDB]). A new owner resumes at the last
 * checkpoint, so records processed since then come again as duplicates. A child shard's lease is
 * read only after its parents are drained (parentShardPollIntervalMillis).
 *
 * DynamoDB requests are counted from these mechanisms: a renewal per held lease every
 * failoverTimeMillis/3, a write per checkpoint and per take, a table scan per taker run.
 */
export class KclApplication {
  readonly leases = new Map<number, Lease>();
  private readonly workers: Worker[];
  readonly takerInterval: Micros;
  private readonly renewInterval: Micros;
  dynamoWriteUnits = 0;
  dynamoReadUnits = 0;
  started = false;

  constructor(
    readonly sim: Simulator,
    readonly stream: Stream,
    readonly spec: ConsumerSpec,
    readonly consumer: ConsumerConfig,
    readonly config: KinesisConfig,
    readonly progress: AppProgress,
    private readonly makeReader: ReaderFactory,
  ) {
    this.takerInterval = kclTakerInterval(config.kcl.failoverTime);
    this.renewInterval = kclRenewInterval(config.kcl.failoverTime);
    this.workers = Array.from({ length: spec.instances }, (_, index) => ({
      index, zone: index % ZONES, alive: false, startedAt: 0, leases: new Set<number>(), scan: undefined,
    }));
  }

  /** The application starts: leases for every shard it tracks, and every worker runs its first taker pass. */
  start(): void {
    const now = this.sim.now;
    this.started = true;
    if (!this.progress.registered) this.progress.register();
    for (const shard of this.stream.shards) this.ensureLease(shard);
    for (const w of this.workers) this.startWorker(w, now);
  }

  /** New shards after a reshard get leases (unowned until a taker picks them). */
  onShardsCreated(shards: Shard[]): void {
    for (const shard of shards) {
      if (this.progress.registered && !this.progress.shards[shard.index]) this.progress.add(shard);
      if (this.started) this.ensureLease(shard);
    }
  }

  private ensureLease(shard: Shard): void {
    if (this.leases.has(shard.index)) return;
    const p = this.progress.shards[shard.index];
    if (!p || p.ended) return;
    this.leases.set(shard.index, { shard: shard.index, owner: UNOWNED, renewedAt: this.sim.now, reader: undefined, ended: false });
  }

  /** Instances in a zone (instance i runs in zone i mod 3). */
  instancesInZone(zone: number): number[] {
    return this.workers.filter((w) => w.zone === zone).map((w) => w.index);
  }

  /** An instance crashes: its leases stop being renewed and expire for the others after failoverTimeMillis. */
  crash(index: number): void {
    const w = this.workers[index];
    if (!w.alive) return;
    const now = this.sim.now;
    w.alive = false;
    this.sim.cancel(w.scan);
    this.countRenewals(w, now);
    for (const shard of [...w.leases].sort((a, b) => a - b)) {
      const lease = this.leases.get(shard)!;
      lease.reader?.stop(now);
      lease.reader = undefined;
      lease.owner = ORPHANED;
      lease.renewedAt = now;
    }
    w.leases.clear();
  }

  /** A crashed instance comes back as a new worker (a new KCL worker id) with no leases. */
  restart(index: number): void {
    const w = this.workers[index];
    if (w.alive || !this.started) return;
    this.startWorker(w, this.sim.now);
  }

  get instanceCount(): number {
    return this.workers.length;
  }

  private startWorker(w: Worker, now: Micros): void {
    w.alive = true;
    w.startedAt = now;
    w.leases.clear();
    w.scan = this.sim.at(now, () => this.takerPass(w));
  }

  /** Dynamo writes of the renewals a worker made since its last pass (one per held lease per renewal interval). */
  private lastRenewCount = new Map<number, Micros>();
  private countRenewals(w: Worker, now: Micros): void {
    const since = this.lastRenewCount.get(w.index) ?? w.startedAt;
    this.dynamoWriteUnits += (w.leases.size * Math.max(0, now - since)) / this.renewInterval;
    this.lastRenewCount.set(w.index, now);
  }

  /** The first taker pass of worker `w` at or after time `t`. */
  private firstPassAtOrAfter(w: Worker, t: Micros): Micros {
    if (t <= w.startedAt) return w.startedAt;
    return w.startedAt + Math.ceil((t - w.startedAt) / this.takerInterval) * this.takerInterval;
  }

  private takerPass(w: Worker): void {
    if (!w.alive) return;
    const now = this.sim.now;
    this.countRenewals(w, now);
    const active = [...this.leases.values()].filter((l) => !l.ended);
    // A scan of the lease table (strongly consistent: one read unit per 4 KB).
    this.dynamoReadUnits += Math.max(1, Math.ceil((active.length * this.config.kcl.leaseItemBytes) / DYNAMO_READ_UNIT_BYTES));
    const live = this.workers.filter((x) => x.alive).length;
    const target = Math.ceil(active.length / Math.max(1, live));
    let need = target - w.leases.size;
    const takeable = active
      .filter(
        (l) =>
          l.owner === UNOWNED ||
          (l.owner === ORPHANED && now - this.firstPassAtOrAfter(w, l.renewedAt) > this.config.kcl.failoverTime),
      )
      .sort((a, b) => a.shard - b.shard);
    for (const lease of takeable) {
      if (need <= 0) break;
      this.take(w, lease);
      need--;
    }
    if (need > 0 && takeable.length === 0) {
      // Steal from the most loaded worker if it holds more than its share.
      const richest = this.workers
        .filter((x) => x.alive && x !== w)
        .sort((a, b) => b.leases.size - a.leases.size || a.index - b.index)[0];
      if (richest && richest.leases.size > target) {
        const victims = [...richest.leases].sort((a, b) => a - b).slice(0, Math.min(need, this.config.kcl.maxLeasesToSteal));
        for (const shard of victims) this.take(w, this.leases.get(shard)!);
      }
    }
    w.scan = this.sim.at(now + this.takerInterval, () => this.takerPass(w));
  }

  private take(w: Worker, lease: Lease): void {
    const now = this.sim.now;
    if (lease.owner >= 0) {
      const previous = this.workers[lease.owner];
      this.countRenewals(previous, now);
      previous.leases.delete(lease.shard);
      lease.reader?.stop(now);
    }
    lease.owner = w.index;
    lease.renewedAt = now;
    w.leases.add(lease.shard);
    this.dynamoWriteUnits += 1;
    lease.reader = this.makeReader(this, lease);
    lease.reader.begin();
  }

  /** A checkpoint write to the lease table. */
  checkpoint(p: ShardProgress, position: number, now: Micros): void {
    p.checkpoint = position;
    p.lastCheckpointAt = now;
    p.sinceCheckpoint = 0;
    this.dynamoWriteUnits += Math.ceil(this.config.kcl.leaseItemBytes / DYNAMO_WRITE_UNIT_BYTES);
  }

  /** The shard was read to its end and SHARD_END checkpointed: the lease is done; children may start. */
  shardEnded(lease: Lease): void {
    const p = this.progress.shards[lease.shard]!;
    p.ended = true;
    lease.ended = true;
    if (lease.owner >= 0) {
      const w = this.workers[lease.owner];
      this.countRenewals(w, this.sim.now);
      w.leases.delete(lease.shard);
    }
    lease.reader = undefined;
  }

  /** True when every parent of the shard has been drained by this application. */
  parentsDone(shard: Shard): boolean {
    return shard.parents.every((p) => {
      const progress = this.progress.shards[p];
      return !progress || progress.ended;
    });
  }

  /** Renewal writes up to the end of the run. */
  finish(now: Micros): void {
    for (const w of this.workers) if (w.alive) this.countRenewals(w, now);
  }
}
