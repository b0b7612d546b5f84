import type { Scenario, SystemName } from '../scenario/schema.ts';
import type { PathProblem } from '../scenario/problem.ts';
import type { ModelContext, SystemDefinition, SystemModel } from '../simulation/model.ts';
import { kinesisSystem } from './kinesis/index.ts';
import { kafkaSystem } from './kafka/index.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const SYSTEMS: Record<SystemName, SystemDefinition<any>> = { kinesis: kinesisSystem, kafka: kafkaSystem };

export function createSystemModel(name: SystemName, ctx: ModelContext): SystemModel {
  return SYSTEMS[name].create(ctx, ctx.scenario.systems[name]);
}

/** System-specific checks of every system the scenario configures. */
export function validateSystems(scenario: Scenario): PathProblem[] {
  return (Object.keys(SYSTEMS) as SystemName[]).flatMap((name) => {
    const config = scenario.systems[name];
    return config && SYSTEMS[name].validate ? SYSTEMS[name].validate!(scenario, config) : [];
  });
}
