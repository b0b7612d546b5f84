/** Sweeps: a scenario run across loads and configurations, planned, run on workers or a batch system, and collected. */
export { loadSweepFile, parseSweep, dottedPath, sweepSectionSchema, type SweepDefinition, type VariedPath } from './sweep-file.ts';
export { planSweep, countRuns, runScenarioOf, replicationSeed, runIdOf, planJsonl, runsOfShare, MAX_RUNS_UNCONFIRMED, type SweepPlan, type PlannedPoint, type PlannedRun, type PlanOptions } from './plan.ts';
export { writePlan, readPlan, readRunOutcome, runDir, SweepFolderError, type RunOutcome } from './folder.ts';
export { runSweepRuns, defaultWorkers, type RunRunsOptions, type RunRunsOutcome } from './runner.ts';
export { collectSweep, sweepOutputs, type CollectedSweep } from './collect.ts';
export { findKnees, DEFAULT_ACCEPTED_SHARE, WRITE_THROTTLE_METRIC } from './knee.ts';
export { meanWithInterval, tQuantile975 } from './stats.ts';
export { shareFromEnvironment, BatchShareError, type BatchShare } from './batch-index.ts';
export { emitJob, EMIT_TARGETS, type EmitTarget, type EmitOptions } from './emit.ts';
export type { SweepResult, SweepAxis, SweepPoint, MetricStat, Knee, KneeThresholds } from './sweep-result.ts';
