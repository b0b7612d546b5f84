import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import buildDist from '../../test/build-dist.ts';
import type { BenchCase } from '../case.ts';

// The compiled library, as `streamsim sweep` runs it: its worker threads load compiled JavaScript,
// where from the sources each worker would first compile the TypeScript through tsx.
buildDist();
const DIST = pathToFileURL(path.resolve(import.meta.dirname, '../../dist/index.js')).href;
const { collectSweep, parseSweep, planSweep, runScenario, runScenarioOf, runSweepRuns, sweepOutputs, writeFilesInFolder, writePlan } = (await import(DIST)) as typeof import('../../src/index.ts');

/**
 * Issue 11's benchmark: a sweep of 16 loads × 2 replications of a 10-minute scenario on both
 * systems (32 runs, 64 system runs), planned, run and collected as `streamsim sweep` does, once on 1
 * worker thread and once on 2. Then the same 32 scenarios run in this thread with nothing around
 * them: the sweep's time on 1 worker less that, per run, is what the sweep adds (worker start,
 * plan, writing summaries, collect). Both use the compiled library in dist/, as the CLI does.
 */
const SWEEP = `
name: sweep-bench
duration: 10m
workload:
  producers:
    - {name: clicks, rate: 500/s, recordSize: 1KB, keys: {count: 10000}}
  consumers:
    - {name: analytics}
systems:
  kinesis: {shards: 2, producer: {client: sdk}}
  kafka: {brokers: 3, partitions: 6}
sweep:
  seed: 1
  replications: 2
  vary:
    workload.producers[0].rate: {from: 100/s, to: 1600/s, steps: 16, scale: log}
`;

/** 2 workers must take at most this share of 1 worker's time (issue 11). */
const SPEEDUP_TARGET = 0.6;
/** What the sweep machinery may add per run, in seconds (issue 11). */
const OVERHEAD_TARGET_SECONDS = 0.3;

interface Timing {
  wall: number;
  /** CPU time of the whole process, worker threads included: what the work cost, however busy the machine. */
  cpu: number;
}

async function timed(work: () => Promise<void> | void): Promise<Timing> {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  await work();
  const cpu = process.cpuUsage(cpuStart);
  return { wall: Number(process.hrtime.bigint() - start) / 1e9, cpu: (cpu.user + cpu.system) / 1e6 };
}

async function sweepOnce(workers: number): Promise<Timing> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'streamsim-bench-sweep-'));
  const timing = await timed(async () => {
    const plan = planSweep(parseSweep(SWEEP, 'sweep-bench.yaml'));
    writePlan(dir, plan);
    await runSweepRuns(dir, plan, plan.runs, { workers });
    writeFilesInFolder(dir, await sweepOutputs(collectSweep(dir, plan)));
  });
  rmSync(dir, { recursive: true, force: true });
  return timing;
}

const sweepCase: BenchCase = {
  name: 'sweep-16x2x2',
  description: '16 loads × 2 systems × 2 replications of a 10-minute scenario (100 to 1,600 records/s), on 1 and on 2 worker threads',
  targets: { wallSeconds: 240, peakMB: 1024 },
  async run() {
    const plan = planSweep(parseSweep(SWEEP, 'sweep-bench.yaml'));
    const oneWorker = await sweepOnce(1);
    const twoWorkers = await sweepOnce(2);
    let events = 0;
    let records = 0;
    const bare = await timed(() => {
      for (const run of plan.runs) {
        const result = runScenario(runScenarioOf(plan, run));
        events += result.events;
        records += result.summary.systems.kinesis!.records.offered;
      }
    });
    const ratio = twoWorkers.wall / oneWorker.wall;
    const overheadWall = (oneWorker.wall - bare.wall) / plan.runs.length;
    const overheadCpu = (oneWorker.cpu - bare.cpu) / plan.runs.length;
    const t = (x: Timing) => `${x.wall.toFixed(1)} s wall, ${x.cpu.toFixed(1)} s CPU`;
    return {
      simulatedSeconds: 600 * plan.runs.length * 2,
      events,
      records,
      findings: [
        { name: 'sweep on 1 worker', value: t(oneWorker) },
        { name: 'sweep on 2 workers', value: t(twoWorkers) },
        { name: '2 workers / 1 worker (wall)', value: ratio.toFixed(2), target: `≤ ${SPEEDUP_TARGET}`, pass: ratio <= SPEEDUP_TARGET },
        { name: 'the 32 runs alone, in one thread', value: t(bare) },
        { name: 'overhead per run (worker start, plan, write, collect), CPU', value: `${overheadCpu.toFixed(3)} s`, target: `< ${OVERHEAD_TARGET_SECONDS} s`, pass: overheadCpu < OVERHEAD_TARGET_SECONDS },
        { name: 'overhead per run, wall (meaningful only on an idle machine)', value: `${overheadWall.toFixed(3)} s` },
      ],
    };
  },
};

export default sweepCase;
