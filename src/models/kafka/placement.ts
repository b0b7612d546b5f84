/**
 * Rack-aware replica placement across availability zones, as Kafka's `AdminUtils.assignReplicasToBrokers`
 * does when every broker has `broker.rack` (apache/kafka
 * `server-common/src/main/java/org/apache/kafka/admin/AdminUtils.java`, `assignReplicasToBrokersRackAware`;
 * the same algorithm as the older `core/src/main/scala/kafka/admin/AdminUtils.scala`).
 *
 * Brokers are first listed alternating by rack (zone 0's first broker, zone 1's first, zone 2's first,
 * zone 0's second, ...). Each partition's first replica (the preferred leader) walks that list round
 * robin, so leaders are balanced over brokers; the followers are picked with an increasing shift,
 * skipping brokers whose zone already has a replica until every zone has one. Hence "a partition will
 * span min(#racks, replication-factor) different racks" and "the number of leaders per broker will be
 * constant" (Kafka ops.html "Balancing Replicas Across Racks").
 *
 * Kafka picks the start index at random unless `fixedStartIndex` is given; the simulator takes it as
 * a parameter (default 0) so that placement is deterministic and visible in the scenario. KRaft
 * controllers use `StripedReplicaPlacer` instead, which has the same two goals (replicas spread over
 * racks first, then over brokers, leaders round-robin) with random offsets; with equal brokers per zone
 * both give one replica per zone and equal leader counts, which is what the model depends on.
 */

export interface PlacementBroker {
  id: number;
  zone: number;
}

/** Replica lists by partition; the first replica of each list is the preferred leader. */
export function assignReplicas(
  partitionCount: number,
  brokers: readonly PlacementBroker[],
  replicationFactor: number,
  startIndex = 0,
): number[][] {
  if (!(Number.isInteger(partitionCount) && partitionCount > 0)) throw new RangeError('Number of partitions must be larger than 0.');
  if (!(Number.isInteger(replicationFactor) && replicationFactor > 0)) throw new RangeError('Replication factor must be larger than 0.');
  if (replicationFactor > brokers.length) {
    // Kafka's InvalidReplicationFactorException text.
    throw new RangeError(`Replication factor: ${replicationFactor} larger than available brokers: ${brokers.length}.`);
  }
  if (new Set(brokers.map((b) => b.id)).size !== brokers.length) throw new RangeError('Broker ids must be unique.');

  const zoneOf = new Map(brokers.map((b) => [b.id, b.zone]));
  const numZones = new Set(zoneOf.values()).size;
  const arranged = zoneAlternatedBrokerList(brokers);
  const numBrokers = arranged.length;
  const start = Math.max(0, startIndex);
  let nextReplicaShift = start;
  const assignment: number[][] = [];

  for (let partition = 0; partition < partitionCount; partition++) {
    if (partition > 0 && partition % numBrokers === 0) nextReplicaShift += 1;
    const firstReplicaIndex = (partition + start) % numBrokers;
    const leader = arranged[firstReplicaIndex];
    const replicas = [leader];
    const zonesWithReplicas = new Set([zoneOf.get(leader)]);
    const brokersWithReplicas = new Set([leader]);
    let k = 0;
    for (let j = 0; j < replicationFactor - 1; j++) {
      for (;;) {
        const broker = arranged[replicaIndex(firstReplicaIndex, nextReplicaShift * numZones, k, numBrokers)];
        const zone = zoneOf.get(broker);
        k += 1;
        // Skip a broker whose zone already holds a replica while some zone has none, and a broker that
        // already holds one while some broker has none.
        if ((!zonesWithReplicas.has(zone) || zonesWithReplicas.size === numZones) &&
            (!brokersWithReplicas.has(broker) || brokersWithReplicas.size === numBrokers)) {
          replicas.push(broker);
          zonesWithReplicas.add(zone);
          brokersWithReplicas.add(broker);
          break;
        }
      }
    }
    assignment.push(replicas);
  }
  return assignment;
}

/**
 * AdminUtils.getRackAlternatedBrokerList: zones in ascending order, brokers by ascending id within a
 * zone, taken one per zone in turn. (Kafka sorts rack names as strings; zones here are numbers and sort
 * numerically, which only differs from Kafka with ten or more zones.)
 */
export function zoneAlternatedBrokerList(brokers: readonly PlacementBroker[]): number[] {
  const byZone = new Map<number, number[]>();
  for (const b of brokers) {
    const list = byZone.get(b.zone) ?? [];
    list.push(b.id);
    byZone.set(b.zone, list);
  }
  const zones = [...byZone.keys()].sort((a, b) => a - b);
  const queues = zones.map((z) => byZone.get(z)!.sort((a, b) => a - b));
  const result: number[] = [];
  const positions = zones.map(() => 0);
  for (let zoneIndex = 0; result.length < brokers.length; zoneIndex = (zoneIndex + 1) % zones.length) {
    if (positions[zoneIndex] < queues[zoneIndex].length) result.push(queues[zoneIndex][positions[zoneIndex]++]);
  }
  return result;
}

/** AdminUtils.replicaIndex. */
function replicaIndex(firstReplicaIndex: number, secondReplicaShift: number, index: number, numBrokers: number): number {
  const shift = 1 + ((secondReplicaShift + index) % (numBrokers - 1));
  return (firstReplicaIndex + shift) % numBrokers;
}
