import { formatDuration, SECOND, type Micros } from '../engine/time.ts';
import type { RunProgress } from '../simulation/run.ts';

export interface Progress {
  update(fraction: number, progress: RunProgress): void;
  stop(): void;
}

/** What the progress line shows: the run's simulated time, its pace and an estimate of the time left. */
export interface ProgressLine {
  label: string;
  /** The fraction of the whole run done (0..1). */
  fraction: number;
  system: string | undefined;
  simulated: Micros;
  duration: Micros;
  /** Records simulated per second of wall-clock time since the run started. */
  recordsPerSecond: number;
  /** Wall-clock seconds left, undefined until there is something to go on. */
  etaSeconds: number | undefined;
}

const BAR_WIDTH = 16;
/** The terminal is redrawn at most this often (milliseconds); the run itself calls in once per sample interval. */
const REDRAW_MS = 100;
/** Nothing is estimated before the run is this far along: the first intervals say little about the rest. */
const ETA_AFTER_FRACTION = 0.01;

const SILENT: Progress = { update() {}, stop() {} };

/** Progress is drawn only on a terminal: never in CI, when piped, or on a dumb terminal. */
const drawsOn = (stream: NodeJS.WriteStream, enabled: boolean): boolean => enabled && stream.isTTY && !process.env.CI && process.env.TERM !== 'dumb';

/**
 * A progress line on stderr, drawn only when stderr is a terminal (never in CI, when piped, with
 * --json or --quiet), and cleared when the run ends. It neither hides the cursor nor catches
 * Ctrl-C: the run is synchronous, so a handler would only run once it is over.
 */
export function progressLine(label: string, enabled: boolean): Progress {
  const stream = process.stderr;
  if (!drawsOn(stream, enabled)) return SILENT;
  const start = performance.now();
  let drawn = Number.NEGATIVE_INFINITY;
  return {
    update(fraction, progress) {
      const now = performance.now();
      if (now - drawn < REDRAW_MS && fraction < 1) return;
      drawn = now;
      const elapsed = (now - start) / 1000;
      const line = formatProgress({
        label,
        fraction,
        system: progress.system,
        simulated: progress.simulated,
        duration: progress.duration,
        recordsPerSecond: elapsed > 0 ? progress.records / elapsed : 0,
        etaSeconds: fraction >= ETA_AFTER_FRACTION ? (elapsed * (1 - fraction)) / fraction : undefined,
      });
      stream.write(`\r${line.slice(0, Math.max(0, (stream.columns || 80) - 1))}\u001b[K`);
    },
    stop() {
      stream.write('\r\u001b[K');
    },
  };
}

/** A line over a number of things done (the runs of a sweep). */
export interface CountProgress {
  update(done: number): void;
  stop(): void;
}

/** `clicks ██████░░░░░░░░░░ 12/40 runs | eta 1:03`, on stderr under the same rules as progressLine. */
export function countProgressLine(label: string, total: number, unit: string, enabled: boolean): CountProgress {
  const stream = process.stderr;
  if (!drawsOn(stream, enabled)) return { update() {}, stop() {} };
  const start = performance.now();
  const draw = (done: number) => {
    const fraction = total > 0 ? done / total : 1;
    const elapsed = (performance.now() - start) / 1000;
    const eta = done > 0 ? `eta ${formatClock(Math.ceil((elapsed * (total - done)) / done))}` : 'eta –';
    const line = `${label} ${bar(fraction)} ${done}/${total} ${unit} | ${eta}`;
    stream.write(`\r${line.slice(0, Math.max(0, (stream.columns || 80) - 1))}\u001b[K`);
  };
  draw(0);
  return { update: draw, stop: () => stream.write('\r\u001b[K') };
}

function bar(fraction: number): string {
  const filled = Math.floor(Math.min(1, Math.max(0, fraction)) * BAR_WIDTH);
  return '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
}

/**
 * e.g. `default kafka ██████████░░░░░░  68% | 22:13 of 1h simulated | eta 0:41 | 1.23M records/s`, the
 * least needed last (a narrow terminal cuts the line short).
 */
export function formatProgress(p: ProgressLine): string {
  const percent = `${Math.floor(p.fraction * 100)}%`.padStart(4);
  const label = p.system ? `${p.label} ${p.system}` : p.label;
  const eta = p.etaSeconds === undefined ? 'eta –' : `eta ${formatClock(Math.ceil(p.etaSeconds))}`;
  return `${label} ${bar(p.fraction)} ${percent} | ${formatClock(Math.floor(p.simulated / SECOND))} of ${formatDuration(p.duration)} simulated | ${eta} | ${formatRate(p.recordsPerSecond)} records/s`;
}

/** Whole seconds as a clock: `0:41`, `22:13`, `3:05:09`, `12d 03:05:09`. */
export function formatClock(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (days > 0) return `${days}d ${two(h)}:${two(m)}:${two(s)}`;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** Records per second, three significant figures at most: `950`, `12.5k`, `1.2M`. */
function formatRate(perSecond: number): string {
  const rounded = Number(perSecond.toPrecision(3));
  for (const [size, unit] of [[1e6, 'M'], [1e3, 'k']] as const) {
    if (rounded >= size) return `${Number((perSecond / size).toPrecision(3))}${unit}`;
  }
  return String(Math.round(perSecond));
}
