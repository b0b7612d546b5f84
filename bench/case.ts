import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseScenario, runScenario } from '../src/index.ts';

/**
 * The shape of a model benchmark case (bench/cases/*.ts, written by the model engineers). Each file
 * default-exports one case; `npm run bench` runs it in a child process of its own and measures wall
 * time and peak memory (maxRSS) there.
 */
export interface BenchCaseResult {
  /** Simulated time covered by the run. */
  simulatedSeconds: number;
  /** Events the simulator executed. */
  events: number;
  /** Records the workload offered. */
  records: number;
  /** A command case's starts (commandCase): its figure is their median wall time, not run()'s. */
  starts?: CommandStarts;
  /** Further figures a case measures (e.g. a speed-up), listed under the table; one that misses its target fails the case. */
  findings?: BenchFinding[];
}

export interface BenchFinding {
  name: string;
  value: string;
  target?: string;
  pass?: boolean;
}

export interface CommandStarts {
  command: string;
  count: number;
  medianSeconds: number;
  minSeconds: number;
  maxSeconds: number;
  /** CPU time (user + system) of a start, on average; undefined where /proc is not there to tell. */
  cpuSeconds: number | undefined;
  /** The median start of `node -e 0`, timed alternately with the command: what Node alone takes on this machine now. */
  nodeMedianSeconds: number;
}

export interface BenchCase {
  name: string;
  description: string;
  targets: {
    /** Wall-clock budget for `run()` on the project's 2-core machine. */
    wallSeconds: number;
    /** Budget for the child process's peak resident memory (maxRSS), Node itself included (none for a command case). */
    peakMB?: number;
  };
  run(): BenchCaseResult | Promise<BenchCaseResult>;
}

/** A case that runs one scenario (YAML text) and reports the records offered to `system`. */
export function scenarioCase(
  spec: Pick<BenchCase, 'name' | 'description' | 'targets'> & { scenarioYaml: string; system: 'kinesis' | 'kafka' },
): BenchCase {
  return {
    name: spec.name,
    description: spec.description,
    targets: spec.targets,
    run() {
      const result = runScenario(parseScenario(spec.scenarioYaml, `${spec.name}.yaml`));
      return {
        simulatedSeconds: result.summary.durationSeconds,
        events: result.events,
        records: result.summary.systems[spec.system]!.records.offered,
      };
    },
  };
}

/**
 * A case that starts the CLI as a user does, in a fresh Node process each time: `count` timed starts
 * after one untimed start (which fills the file system cache); its figure is their median wall time.
 */
export function commandCase(
  spec: Pick<BenchCase, 'name' | 'description'> & { wallSeconds: number; args: string[]; count: number },
): BenchCase {
  const command = [path.join(import.meta.dirname, '..', 'bin', 'streamsim.js'), ...spec.args];
  return {
    name: spec.name,
    description: spec.description,
    targets: { wallSeconds: spec.wallSeconds },
    run() {
      timedStart(command);
      timedStart(['-e', '0']);
      const seconds: number[] = [];
      const node: number[] = [];
      let cpu = 0;
      for (let i = 0; i < spec.count; i++) {
        const before = childrenCpuSeconds();
        seconds.push(timedStart(command));
        const after = childrenCpuSeconds();
        if (before !== undefined && after !== undefined) cpu += after - before;
        node.push(timedStart(['-e', '0']));
      }
      seconds.sort((a, b) => a - b);
      const starts: CommandStarts = {
        command: `node bin/streamsim.js ${spec.args.join(' ')}`,
        count: spec.count,
        medianSeconds: median(seconds),
        minSeconds: seconds[0],
        maxSeconds: seconds[spec.count - 1],
        cpuSeconds: childrenCpuSeconds() === undefined ? undefined : cpu / spec.count,
        nodeMedianSeconds: median(node),
      };
      return { simulatedSeconds: 0, events: 0, records: 0, starts };
    },
  };
}

/** Starts Node with these arguments, waits for it to end, and returns the wall time it took. */
function timedStart(args: string[]): number {
  const began = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return Number(process.hrtime.bigint() - began) / 1e9;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** CPU time of this process's ended children (Linux /proc: cutime + cstime, in clock ticks of 1/100 s). */
function childrenCpuSeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // After the command name: state is field 3 of proc(5), so cutime (16) and cstime (17) are at 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}
