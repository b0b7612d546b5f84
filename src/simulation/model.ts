import type { RandomStreams } from '../engine/random.ts';
import type { Simulator } from '../engine/simulator.ts';
import type { Micros } from '../engine/time.ts';
import type { Scenario, SystemName } from '../scenario/schema.ts';
import type { TimelineEntry } from '../scenario/timeline-schema.ts';
import type { PathProblem } from '../scenario/problem.ts';
import type { RecordSource } from '../workload/record-source.ts';
import type { SystemSummary } from './result.ts';

/** What a system model is given: its own simulator, random streams and record sources. */
export interface ModelContext {
  sim: Simulator;
  random: RandomStreams;
  scenario: Scenario;
  /** One per producer of the workload, in order. */
  sources: RecordSource[];
}

/**
 * One system (Kafka or Kinesis) behind the interface the runner drives. The model schedules its
 * own events on `ctx.sim`; the runner advances time, applies timeline entries, and samples.
 */
export interface SystemModel {
  /** Schedules the first events (producers, consumers, periodic tasks). Called at time 0. */
  start(): void;
  /** A timeline entry at its time. Entries for the other system are passed too: ignore them. */
  apply(entry: TimelineEntry): void;
  /**
   * Time-series values for the interval that ends now, by column name (CloudWatch or Kafka metric
   * names where they exist). A column may appear later in the run (a new shard); missing cells are empty.
   */
  sample(now: Micros, interval: Micros): Record<string, number>;
  /** The summary at the end of the run (conservation of records must hold exactly). */
  finish(now: Micros): SystemSummary;
}

export interface SystemDefinition<Config> {
  readonly name: SystemName;
  create(ctx: ModelContext, config: Config): SystemModel;
  /** Checks of the system's configuration that need the whole scenario (paths from the scenario root). */
  validate?(scenario: Scenario, config: Config): PathProblem[];
}
