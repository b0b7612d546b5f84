import { describe, expect, it } from 'vitest';
import { assignReplicas, zoneAlternatedBrokerList } from '../../../src/models/kafka/placement.ts';

const cluster = (zones: number[]) => zones.map((zone, id) => ({ id, zone }));
const count = (values: number[]) => values.reduce<Record<number, number>>((acc, v) => ((acc[v] = (acc[v] ?? 0) + 1), acc), {});

describe('rack-aware replica placement (Kafka AdminUtils)', () => {
  it('reproduces the example in AdminUtils javadoc: racks 0->1, 1->3, 2->3, 3->2, 4->2, 5->1', () => {
    // Rack names rack1, rack2, rack3 become zones 1, 2, 3.
    const brokers = [{ id: 0, zone: 1 }, { id: 1, zone: 3 }, { id: 2, zone: 3 }, { id: 3, zone: 2 }, { id: 4, zone: 2 }, { id: 5, zone: 1 }];
    expect(zoneAlternatedBrokerList(brokers)).toEqual([0, 3, 1, 5, 4, 2]);
    const assignment = assignReplicas(7, brokers, 3, 0);
    expect(assignment.slice(0, 6)).toEqual([[0, 3, 1], [3, 1, 5], [1, 5, 4], [5, 4, 2], [4, 2, 0], [2, 0, 3]]);
    // "if there is another partition to assign (partition #6), the assignment will be: 6 -> 0,4,2"
    expect(assignment[6]).toEqual([0, 4, 2]);
  });

  it('RF 3 over 3 zones puts exactly one replica of every partition in each zone', () => {
    const brokers = cluster([0, 1, 2, 0, 1, 2]); // 6 brokers, 2 per zone
    const zoneOf = (id: number) => brokers[id].zone;
    for (const replicas of assignReplicas(100, brokers, 3)) {
      expect(new Set(replicas).size).toBe(3);
      expect(replicas.map(zoneOf).sort()).toEqual([0, 1, 2]);
    }
  });

  it('leaders are spread evenly: 12 partitions on 6 brokers give each broker 2 leaders and 6 replicas', () => {
    const assignment = assignReplicas(12, cluster([0, 1, 2, 0, 1, 2]), 3);
    expect(count(assignment.map((r) => r[0]))).toEqual({ 0: 2, 1: 2, 2: 2, 3: 2, 4: 2, 5: 2 });
    expect(count(assignment.flat())).toEqual({ 0: 6, 1: 6, 2: 6, 3: 6, 4: 6, 5: 6 });
  });

  it('a partition spans min(zones, RF) zones: RF 2 over 3 zones uses 2, RF 3 over 2 zones uses 2', () => {
    const three = cluster([0, 1, 2, 0, 1, 2]);
    for (const replicas of assignReplicas(30, three, 2)) expect(new Set(replicas.map((id) => three[id].zone)).size).toBe(2);
    const two = cluster([0, 1, 0, 1]);
    for (const replicas of assignReplicas(30, two, 3)) {
      expect(new Set(replicas).size).toBe(3);
      expect(new Set(replicas.map((id) => two[id].zone)).size).toBe(2);
    }
  });

  it('the start index rotates which broker leads partition 0, as fixedStartIndex does', () => {
    const brokers = cluster([0, 1, 2]);
    expect(assignReplicas(3, brokers, 3, 0).map((r) => r[0])).toEqual([0, 1, 2]);
    expect(assignReplicas(3, brokers, 3, 1).map((r) => r[0])).toEqual([1, 2, 0]);
  });

  it('refuses a replication factor above the broker count, with Kafka\'s message', () => {
    expect(() => assignReplicas(1, cluster([0, 1]), 3)).toThrow('Replication factor: 3 larger than available brokers: 2.');
  });
});
