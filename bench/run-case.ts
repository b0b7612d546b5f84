/**
 * Runs one model benchmark case in this (child) process: `node --import tsx bench/run-case.ts <file>`.
 * Measures the bare-loop baseline first (so the case can be stated as a fraction of what a bare heap
 * loop does on this machine, at this moment), then the case's wall time and the process's peak
 * resident memory. Prints one JSON line on stdout; everything else goes to stderr.
 */
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { bareMm1 } from './baseline.ts';
import type { BenchCase, BenchCaseResult } from './case.ts';

export interface CaseMeasurement {
  file: string;
  name: string;
  description: string;
  targets: BenchCase['targets'];
  result: BenchCaseResult;
  wallSeconds: number;
  /** CPU time (user + system) of this process during `run()`. */
  cpuSeconds: number;
  /** maxRSS of this process after the case ran, in MiB (Node's own ~50 MiB included). */
  peakMB: number;
  /** maxRSS before the case was loaded: what Node, tsx and the baseline alone take. */
  startMB: number;
  /** The bare M/M/1 loop's events per CPU-second, measured in this process before the case. */
  bareLoopEventsPerSec: number;
}

/** Customers of the baseline M/M/1 (2 events each); best of three short runs. */
const BASELINE_CUSTOMERS = 300_000;
const BASELINE_REPEATS = 3;

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: run-case.ts <case file>');
  let bareLoopEventsPerSec = 0;
  for (let i = 0; i < BASELINE_REPEATS; i++) {
    const r = bareMm1(BASELINE_CUSTOMERS);
    bareLoopEventsPerSec = Math.max(bareLoopEventsPerSec, r.events / r.seconds);
  }
  const startMB = process.resourceUsage().maxRSS / 1024;
  const module = (await import(pathToFileURL(path.resolve(file)).href)) as { default: BenchCase };
  const benchCase = module.default;
  // Tells the parent the targets, so it can stop a run that goes far over its time budget.
  process.stdout.write(`STARTING ${JSON.stringify(benchCase.targets)}\n`);
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = await benchCase.run();
  const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const peakMB = process.resourceUsage().maxRSS / 1024;
  const measurement: CaseMeasurement = {
    file,
    name: benchCase.name,
    description: benchCase.description,
    targets: benchCase.targets,
    result,
    wallSeconds,
    cpuSeconds,
    peakMB,
    startMB,
    bareLoopEventsPerSec,
  };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
