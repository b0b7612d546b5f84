import { MILLISECOND, MINUTE, SECOND, type Micros } from '../../engine/time.ts';
import { COMMON, appColumn, unitInBytes } from '../../simulation/series-contract.ts';
import type { KafkaCluster } from './cluster.ts';
import type { MirrorMaker } from './mirror-maker.ts';
import { DEPTH, UtilisationTracker } from '../../simulation/utilisation.ts';

/**
 * The time series of the Kafka model: the common columns of series-contract.ts, then Kafka's own
 * metric names (broker MBeans BytesInPerSec, BytesOutPerSec, MessagesInPerSec,
 * ReplicationBytesInPerSec, UnderReplicatedPartitions, OfflinePartitionsCount, IsrShrinksPerSec;
 * client metrics records-lag-max, produce-throttle-time-avg, fetch-throttle-time-avg,
 * request-latency-avg) and per-broker utilization. Rates are averages over the interval.
 * Scenarios that scale the cluster out also get ReassignmentBytesInPerSec / ReassignmentBytesOutPerSec
 * (BrokerTopicMetrics since Kafka 2.5, counted in ReplicaFetcherThread.processPartitionData and
 * ReplicaManager for `partition.isReassigning && isAddingReplica`), ReassigningPartitions
 * (ReplicaManager gauge, KIP-352) and per-broker leader and replica counts (LeaderCount, PartitionCount).
 */
export class KafkaMetrics {
  underReplicatedPartitionMinutes = 0;
  lagMaxMs = new Map<string, number>();
  private last = { out: new Map<string, { records: number; bytes: number; throttle: number }>(), produceThrottleMicros: 0, produceThrottled: 0, fetchThrottled: 0, isrShrinks: 0, requests: 0 };
  private lastBrokerSample: Micros = 0;
  /** Every resource that can cap throughput, per interval (summary `bottlenecks`, `utilisation.*` columns). */
  readonly utilisation = new UtilisationTracker();
  private readonly lastProcessing = new Map<string, number>();

  constructor(
    private readonly cluster: KafkaCluster,
    private readonly mirror: MirrorMaker | undefined,
    private readonly costSoFar: (now: Micros) => number,
    private readonly scalesOut = false,
  ) {}

  sample(now: Micros, interval: Micros): Record<string, number> {
    const c = this.cluster;
    const seconds = interval / SECOND;
    const row: Record<string, number> = {};
    const last = this.last;

    row[COMMON.inRecords] = c.intervalAcceptedRecords;
    row[COMMON.inBytes] = c.intervalAcceptedBytes;
    let outRecords = 0;
    let outBytes = 0;
    let fetchThrottleMicros = 0;
    for (const app of c.apps) {
      const prev = last.out.get(app.name) ?? { records: 0, bytes: 0, throttle: 0 };
      outRecords += app.outRecords - prev.records;
      outBytes += app.outBytes - prev.bytes;
      fetchThrottleMicros += app.fetchThrottleMicros - prev.throttle;
      last.out.set(app.name, { records: app.outRecords, bytes: app.outBytes, throttle: app.fetchThrottleMicros });
    }
    row[COMMON.outRecords] = outRecords;
    row[COMMON.outBytes] = outBytes;
    const produceThrottled = c.counters.produceThrottled - last.produceThrottled;
    const fetchThrottled = c.counters.fetchThrottled - last.fetchThrottled;
    row[COMMON.throttledWrites] = produceThrottled;
    row[COMMON.throttledReads] = fetchThrottled;
    row[COMMON.lost] = c.intervalLost;
    row[COMMON.cumulativeCost] = this.costSoFar(now);

    for (const app of c.apps) {
      let lagRecords = 0;
      let lagMs = 0;
      for (let p = 0; p < c.partitions.length; p++) {
        const lag = app.lag(p, now);
        if (lag.records > lagRecords) lagRecords = lag.records;
        if (lag.ms > lagMs) lagMs = lag.ms;
      }
      this.lagMaxMs.set(app.name, Math.max(this.lagMaxMs.get(app.name) ?? 0, lagMs));
      row[appColumn.lagRecords(app.name)] = lagRecords;
      row[appColumn.lagMs(app.name)] = lagMs;
      const pct = app.latency.takeIntervalPercentilesMs();
      if (pct) {
        row[appColumn.latencyP50Ms(app.name)] = pct.p50;
        row[appColumn.latencyP99Ms(app.name)] = pct.p99;
        row[appColumn.latencyP999Ms(app.name)] = pct.p999;
      }
      row[appColumn.expired(app.name)] = app.intervalExpired;
      row[`app.${app.name}.records-lag-max`] = app.recordsLagMax();
      app.intervalExpired = 0;
    }
    for (const p of c.partitions) {
      row[unitInBytes(p.name)] = p.intervalInBytes;
      p.intervalInBytes = 0;
    }

    // Broker-side metrics with Kafka's names.
    let bytesIn = 0;
    let bytesOut = 0;
    let replicationIn = 0;
    for (const b of c.brokers) {
      bytesIn += b.bytesIn;
      bytesOut += b.bytesOut;
      replicationIn += b.replicationBytesIn;
    }
    let messagesIn = 0;
    messagesIn = c.intervalAcceptedRecords;
    row.BytesInPerSec = bytesIn / seconds;
    row.BytesOutPerSec = bytesOut / seconds;
    row.MessagesInPerSec = messagesIn / seconds;
    row.ReplicationBytesInPerSec = replicationIn / seconds;
    const urp = c.partitions.filter((p) => p.leader >= 0 && p.underReplicated).length;
    row.UnderReplicatedPartitions = urp;
    row.OfflinePartitionsCount = c.partitions.filter((p) => p.leader < 0).length;
    row.UnderMinIsrPartitionCount = c.partitions.filter((p) => p.isrSize < c.config.minInsyncReplicas).length;
    row.IsrShrinksPerSec = (c.counters.isrShrinks - last.isrShrinks) / seconds;
    this.underReplicatedPartitionMinutes += (urp * interval) / MINUTE;
    if (this.scalesOut) {
      let reassignIn = 0;
      let reassignOut = 0;
      for (const b of c.brokers) {
        reassignIn += b.reassignmentBytesIn;
        reassignOut += b.reassignmentBytesOut;
      }
      row.ReassignmentBytesInPerSec = reassignIn / seconds;
      row.ReassignmentBytesOutPerSec = reassignOut / seconds;
      row.ReassigningPartitions = c.reassignment === undefined ? 0 : c.reassignment.remaining;
      row.Brokers = c.brokers.length;
      for (const b of c.brokers) {
        row[`broker.${b.id}.LeaderCount`] = c.partitionsLedBy(b.id).length;
        let replicas = 0;
        for (const p of c.partitions) if (p.replicas.includes(b.id)) replicas++;
        row[`broker.${b.id}.PartitionCount`] = replicas;
        row[`broker.${b.id}.ReassignmentBytesInPerSec`] = b.reassignmentBytesIn / seconds;
        row[`broker.${b.id}.ReassignmentBytesOutPerSec`] = b.reassignmentBytesOut / seconds;
      }
    }

    let requests = 0;
    let produceThrottleMicros = 0;
    let latencySum = 0;
    let latencyCount = 0;
    for (const producer of c.producers) {
      requests += producer.requests;
      produceThrottleMicros += producer.throttleMicrosTotal;
      const pct = producer.requestLatency.takeIntervalPercentilesMs();
      if (pct) {
        latencySum += pct.p50;
        latencyCount++;
        row[`producer.${producer.name}.request-latency-p99`] = pct.p99;
      }
    }
    const intervalRequests = requests - last.requests;
    if (latencyCount > 0) row['request-latency-p50'] = latencySum / latencyCount;
    row['produce-throttle-time-avg'] = intervalRequests > 0 ? (produceThrottleMicros - last.produceThrottleMicros) / MILLISECOND / intervalRequests : 0;
    row['fetch-throttle-time-avg'] = fetchThrottled > 0 ? fetchThrottleMicros / MILLISECOND / fetchThrottled : 0;

    const resources = new Map<string, number>();
    for (const b of c.brokers) {
      const disk = b.disk.utilizationSince(this.lastBrokerSample, now);
      row[`broker.${b.id}.diskUtilization`] = disk;
      const netIn = b.netIn.utilizationSince(this.lastBrokerSample, now);
      const netOut = b.netOut.utilizationSince(this.lastBrokerSample, now);
      resources.set(`broker ${b.id} disk`, disk);
      resources.set(`broker ${b.id} network in`, netIn);
      resources.set(`broker ${b.id} network out`, netOut);
      row[`broker.${b.id}.networkInUtilization`] = netIn;
      row[`broker.${b.id}.networkOutUtilization`] = netOut;
      row[`broker.${b.id}.networkUtilization`] = Math.max(netIn, netOut);
      row[`broker.${b.id}.diskUsedBytes`] = b.diskUsedBytes;
      b.bytesIn = b.bytesOut = b.replicationBytesIn = b.replicationBytesOut = b.diskReadBytes = 0;
      b.reassignmentBytesIn = b.reassignmentBytesOut = 0;
    }
    for (const producer of c.producers) {
      const u = producer.takeUtilisation(now, this.lastBrokerSample);
      const network = `producer ${producer.name} network`;
      resources.set(network, u.network);
      this.utilisation.setDepth(network, DEPTH.clientNetwork);
      const inFlight = `producer ${producer.name} in-flight requests`;
      const buffer = `producer ${producer.name} buffer.memory`;
      resources.set(inFlight, u.inFlight);
      resources.set(buffer, u.buffer);
      this.utilisation.setDepth(inFlight, DEPTH.clientRequests);
      this.utilisation.setDepth(buffer, DEPTH.clientBuffer);
    }
    for (const app of c.apps) {
      // The busiest instance: processing is one thread per instance.
      let busiest = 0;
      for (const m of app.members) {
        const key = `${app.name}/${m.index}`;
        busiest = Math.max(busiest, (m.processingMicros - (this.lastProcessing.get(key) ?? 0)) / interval);
        this.lastProcessing.set(key, m.processingMicros);
      }
      resources.set(`consumer ${app.name} processing`, busiest);
    }
    this.utilisation.record(resources, row);
    if (this.mirror) {
      row['mirror.lagRecords'] = this.mirror.lagRecords();
      const pct = this.mirror.replicationLatency.takeIntervalPercentilesMs();
      if (pct) row['mirror.replication-latency-ms-p99'] = pct.p99;
    }

    this.lastBrokerSample = now;
    last.produceThrottled = c.counters.produceThrottled;
    last.fetchThrottled = c.counters.fetchThrottled;
    last.isrShrinks = c.counters.isrShrinks;
    last.requests = requests;
    last.produceThrottleMicros = produceThrottleMicros;
    c.intervalAcceptedRecords = 0;
    c.intervalAcceptedBytes = 0;
    c.intervalLost = 0;
    return row;
  }
}
