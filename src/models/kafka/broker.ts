import { BandwidthLink } from '../../engine/bandwidth-link.ts';
import { SECOND, type Micros } from '../../engine/time.ts';
import type { BrokerInstance } from './instances.ts';
import type { ReplicaFetcher } from './replication.ts';
import type { ConsumerFetch } from './consumer.ts';

const GiB = 1024 ** 3;
/** SECOND read once: an imported binding is a property read through the module object on every use (tsx/esbuild CJS output). */
const MICROS_PER_SECOND = SECOND;
/** Linux `vm.dirty_ratio` default 20 (% of memory): Documentation/admin-guide/sysctl/vm.rst. */
const DIRTY_RATIO = 0.2;

/**
 * One Kafka broker: its zone, its hardware as resources (a full-duplex NIC as two bandwidth links,
 * one disk link shared by log appends and reads of data no longer in page cache), its disk space,
 * and whether it is up. Throughput limits of the cluster come from these links filling up, never
 * from a configured maximum.
 */
export class Broker {
  alive = true;
  /** When it last failed. */
  failedAt: Micros = Number.NEGATIVE_INFINITY;
  /** The controller has fenced it (no heartbeat for broker.session.timeout.ms); cleared on restart. */
  fenced = false;
  readonly netIn: BandwidthLink;
  readonly netOut: BandwidthLink;
  readonly disk: BandwidthLink;
  diskUsedBytes = 0;
  /** Page cache: instance memory minus the JVM heap (Kafka design docs, "Don't fear the filesystem": tail reads come from cache). */
  readonly pageCacheBytes: number;
  /** Dirty page-cache bytes the kernel lets writers build up before they must wait for the disk. */
  readonly dirtyLimitBytes: number;
  /** Bytes written to this broker's logs since the start (appends and replica copies). */
  writtenBytes = 0;
  /** Per-interval counters for metrics. */
  bytesIn = 0;
  bytesOut = 0;
  replicationBytesIn = 0;
  replicationBytesOut = 0;
  diskReadBytes = 0;
  /** Per-interval bytes of partition reassignment (Kafka's ReassignmentBytesInPerSec / ReassignmentBytesOutPerSec). */
  reassignmentBytesIn = 0;
  reassignmentBytesOut = 0;
  /** When it joined the cluster (0 for the brokers of the initial cluster): it bills from then on. */
  joinedAt: Micros = 0;
  /** Long polls waiting at this broker for data (woken by appends and high-watermark moves). */
  readonly parkedReplicaFetchers = new Set<ReplicaFetcher>();
  readonly parkedConsumerFetches = new Set<ConsumerFetch>();
  private history: { second: number; written: number }[] = [];
  private historyHead = 0;

  constructor(
    readonly id: number,
    readonly zone: number,
    readonly instance: BrokerInstance,
    readonly diskCapacityBytes: number,
    heapBytes: number,
  ) {
    this.netIn = new BandwidthLink(instance.networkBytesPerSec);
    this.netOut = new BandwidthLink(instance.networkBytesPerSec);
    this.disk = new BandwidthLink(instance.diskBytesPerSec);
    this.pageCacheBytes = Math.max(0, instance.memoryGiB * GiB - heapBytes);
    this.dirtyLimitBytes = DIRTY_RATIO * instance.memoryGiB * GiB;
  }

  /**
   * Writes `bytes` to the log at `now`; returns when the writer may go on. Writes land in the page
   * cache and the disk drains them in the background; a writer waits only once the dirty backlog
   * exceeds the kernel's dirty limit (`vm.dirty_ratio`, 20 % of memory by default, Linux
   * Documentation/admin-guide/sysctl/vm.rst). So sustained writes are bounded by the disk, bursts are not.
   */
  writeToLog(bytes: number, now: Micros): Micros {
    const drained = this.disk.transmit(bytes, now);
    return Math.max(now, drained - (this.dirtyLimitBytes * MICROS_PER_SECOND) / this.disk.rate);
  }

  /** Notes bytes written to the page cache at `now` (for the later cache test of reads). */
  noteWrite(bytes: number, now: Micros): void {
    const second = Math.floor(now / MICROS_PER_SECOND);
    const h = this.history;
    if (h.length === this.historyHead || h[h.length - 1].second !== second) h.push({ second, written: this.writtenBytes });
    this.writtenBytes += bytes;
    this.diskUsedBytes += bytes;
    // Forget checkpoints that are already a whole page cache behind.
    while (h.length - this.historyHead > 2 && this.writtenBytes - h[this.historyHead + 1].written > this.pageCacheBytes) this.historyHead++;
    if (this.historyHead > 4096) {
      h.splice(0, this.historyHead);
      this.historyHead = 0;
    }
  }

  /**
   * Whether data appended at `appendTime` is still in page cache: less than a page cache's worth
   * of bytes was written to this broker since (LRU by write order, to the second).
   */
  isCached(appendTime: Micros): boolean {
    const second = Math.floor(appendTime / MICROS_PER_SECOND);
    const h = this.history;
    let lo = this.historyHead;
    let hi = h.length - 1;
    if (hi < lo || second < h[lo].second) return this.writtenBytes <= this.pageCacheBytes;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (h[mid].second <= second) lo = mid;
      else hi = mid - 1;
    }
    return this.writtenBytes - h[lo].written <= this.pageCacheBytes;
  }

  /** Incremented at each fencing, so a stale fencing timer of an earlier failure does nothing. */
  downCount = 0;

  /** A restarted broker's page cache is empty: everything it holds is read from disk until rewritten. */
  onRestart(): void {
    this.writtenBytes += this.pageCacheBytes + 1;
    this.history = [];
    this.historyHead = 0;
  }

  /** The disk has room for `bytes` more (a full disk rejects writes: KafkaStorageException). */
  hasRoom(bytes: number): boolean {
    return this.diskUsedBytes + bytes <= this.diskCapacityBytes;
  }
}
