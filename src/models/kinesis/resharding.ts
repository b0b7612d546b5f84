import { formatDuration, type Micros } from '../../engine/time.ts';
import type { PathProblem } from '../../scenario/problem.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { KinesisConfig, KinesisLimits } from './config.ts';
import { UPDATE_SHARD_COUNT_MAX_FACTOR, UPDATE_SHARD_COUNT_WINDOW, RETENTION_MIN, RETENTION_MAX } from './limits.ts';
import { Topology, type TopologyChange } from './topology.ts';

/**
 * The rules of resharding ([API] UpdateShardCount, SplitShard, MergeShards),
 * shared by the scenario check and the running model. Each message names the rule it breaks.
 */
export class ReshardRules {
  /** Times of UpdateShardCount calls, for the rolling 24-hour limit. */
  private readonly updateCalls: Micros[] = [];
  /** The stream is UPDATING until this time: another resharding call fails with ResourceInUseException. */
  busyUntil: Micros = 0;

  constructor(private readonly limits: KinesisLimits) {}

  /** Why UpdateShardCount(target) is refused at `now` with `current` open shards; undefined if allowed. */
  updateShardCountProblem(current: number, target: number, now: Micros): string | undefined {
    if (now < this.busyUntil) return `the stream is still resharding (UPDATING) until ${formatDuration(this.busyUntil)}: ResourceInUseException`;
    if (target === current) return `the stream already has ${current} shards`;
    if (target > current * UPDATE_SHARD_COUNT_MAX_FACTOR)
      return `UpdateShardCount to ${target} is more than double the current ${current} shards (limit: at most 2x the current count per call)`;
    if (target * UPDATE_SHARD_COUNT_MAX_FACTOR < current)
      return `UpdateShardCount to ${target} is below half the current ${current} shards (limit: at least half the current count per call)`;
    if (target > this.limits.maxShardsPerStream)
      return `UpdateShardCount to ${target} exceeds ${this.limits.maxShardsPerStream} shards per stream`;
    const recent = this.updateCalls.filter((t) => t > now - UPDATE_SHARD_COUNT_WINDOW).length;
    if (recent >= this.limits.updateShardCountPer24h)
      return `UpdateShardCount would be call ${recent + 1} within 24 hours (limit: ${this.limits.updateShardCountPer24h} per rolling 24-hour period): LimitExceededException`;
    return undefined;
  }

  /** Calls allowed now under the rolling window (for an autoscaling policy). */
  updateCallsLeft(now: Micros): number {
    return this.limits.updateShardCountPer24h - this.updateCalls.filter((t) => t > now - UPDATE_SHARD_COUNT_WINDOW).length;
  }

  recordUpdate(now: Micros): void {
    this.updateCalls.push(now);
    this.busyUntil = now + this.limits.reshardDuration;
  }

  splitProblem(topology: Topology, shardId: string, now: Micros): string | undefined {
    if (now < this.busyUntil) return `the stream is still resharding (UPDATING) until ${formatDuration(this.busyUntil)}: ResourceInUseException`;
    const shard = topology.byId(shardId);
    if (!shard) return `SplitShard: no shard "${shardId}" (have ${topology.shards.map((s) => s.id).join(', ')})`;
    if (!shard.open) return `SplitShard: ${shardId} is closed (only open shards can be split)`;
    if (topology.openCount + 1 > this.limits.maxShardsPerStream) return `SplitShard would exceed ${this.limits.maxShardsPerStream} shards per stream`;
    return undefined;
  }

  mergeProblem(topology: Topology, ids: [string, string], now: Micros): string | undefined {
    if (now < this.busyUntil) return `the stream is still resharding (UPDATING) until ${formatDuration(this.busyUntil)}: ResourceInUseException`;
    const [a, b] = ids.map((id) => topology.byId(id));
    for (const [i, s] of [a, b].entries()) {
      if (!s) return `MergeShards: no shard "${ids[i]}"`;
      if (!s.open) return `MergeShards: ${ids[i]} is closed (only open shards can be merged)`;
    }
    if (a === b) return 'MergeShards needs two different shards';
    if (!Topology.adjacent(a!, b!)) return `MergeShards: ${ids[0]} and ${ids[1]} are not adjacent (their hash key ranges must be contiguous)`;
    return undefined;
  }

  markBusy(now: Micros): void {
    this.busyUntil = now + this.limits.reshardDuration;
  }
}

/** Applies a timeline resharding action to a topology, or says why it is refused. */
export function applyReshardAction(
  rules: ReshardRules,
  topology: Topology,
  action: { updateShardCount?: number; splitShard?: { shard: string; at: number }; mergeShards?: [string, string] },
  now: Micros,
): { change?: TopologyChange; problem?: { key: string; message: string } } {
  if (action.updateShardCount !== undefined) {
    const problem = rules.updateShardCountProblem(topology.openCount, action.updateShardCount, now);
    if (problem) return { problem: { key: 'updateShardCount', message: problem } };
    rules.recordUpdate(now);
    return { change: topology.uniform(action.updateShardCount) };
  }
  if (action.splitShard) {
    const problem = rules.splitProblem(topology, action.splitShard.shard, now);
    if (problem) return { problem: { key: 'splitShard', message: problem } };
    rules.markBusy(now);
    return { change: topology.split(topology.byId(action.splitShard.shard)!, action.splitShard.at) };
  }
  if (action.mergeShards) {
    const problem = rules.mergeProblem(topology, action.mergeShards, now);
    if (problem) return { problem: { key: 'mergeShards', message: problem } };
    rules.markBusy(now);
    const [a, b] = action.mergeShards.map((id) => topology.byId(id)!);
    return { change: topology.merge(a, b) };
  }
  return {};
}

/**
 * Scenario checks of `systems.kinesis` that need the whole scenario: resharding on the timeline
 * replayed against the rules, retention bounds, the enhanced fan-out consumer limit, and consumer
 * names that must match the workload.
 */
export function validateKinesis(scenario: Scenario, config: KinesisConfig): PathProblem[] {
  const problems: PathProblem[] = [];
  const sys = ['systems', 'kinesis'];
  const apps = scenario.workload.consumers.map((c) => c.name);
  for (const name of Object.keys(config.consumers)) {
    if (!apps.includes(name)) problems.push({ path: [...sys, 'consumers', name], message: `no consumer application named "${name}" in workload.consumers (have: ${apps.join(', ') || 'none'})` });
  }
  const efo = apps.filter((a) => config.consumers[a]?.type === 'efo');
  if (efo.length > config.limits.efoMaxConsumers) {
    problems.push({
      path: [...sys, 'consumers', efo[config.limits.efoMaxConsumers]],
      message: `${efo.length} enhanced fan-out consumers; a stream registers at most ${config.limits.efoMaxConsumers} (RegisterStreamConsumer LimitExceededException)`,
    });
  }
  const retentionProblem = (value: Micros) =>
    value < RETENTION_MIN || value > RETENTION_MAX ? `retention must be between 24h and 365d (8760h); got ${formatDuration(value)}` : undefined;
  const r = retentionProblem(config.retention);
  if (r) problems.push({ path: [...sys, 'retention'], message: r });
  if (config.maxRecordSize > 10 * 1024 * 1024 || config.maxRecordSize < 1024 * 1024)
    problems.push({ path: [...sys, 'maxRecordSize'], message: 'must be between 1MiB and 10MiB (UpdateMaxRecordSize accepts 1024-10240 KiB)' });
  if (config.mode === 'provisioned' && config.shards > config.limits.maxShardsPerStream)
    problems.push({ path: [...sys, 'shards'], message: `at most ${config.limits.maxShardsPerStream} shards per stream` });
  if (config.autoscaling && config.mode === 'on-demand')
    problems.push({ path: [...sys, 'autoscaling'], message: 'an on-demand stream scales itself; autoscaling applies to provisioned mode' });
  if (config.autoscaling && config.autoscaling.minShards > config.autoscaling.maxShards)
    problems.push({ path: [...sys, 'autoscaling', 'minShards'], message: 'must not exceed maxShards' });

  const topology = new Topology(config.mode === 'on-demand' ? config.onDemand.initialShards : config.shards);
  const rules = new ReshardRules(config.limits);
  const entries = scenario.timeline.map((entry, i) => ({ entry, i })).sort((a, b) => a.entry.at - b.entry.at || a.i - b.i);
  for (const { entry, i } of entries) {
    const action = entry.kinesis;
    if (!action) continue;
    const keys = (['updateShardCount', 'splitShard', 'mergeShards'] as const).filter((k) => action[k] !== undefined);
    if (keys.length > 1) problems.push({ path: ['timeline', i, 'kinesis'], message: `one resharding action per entry (got ${keys.join(' and ')})` });
    if (keys.length > 0 && config.mode === 'on-demand')
      problems.push({ path: ['timeline', i, 'kinesis', keys[0]], message: 'resharding applies to provisioned streams only; on-demand streams scale themselves' });
    else if (keys.length > 0) {
      const { problem } = applyReshardAction(rules, topology, action, entry.at);
      if (problem) problems.push({ path: ['timeline', i, 'kinesis', problem.key], message: problem.message });
    }
    if (action.retention !== undefined) {
      const rp = retentionProblem(action.retention);
      if (rp) problems.push({ path: ['timeline', i, 'kinesis', 'retention'], message: rp });
    }
  }
  return problems;
}
