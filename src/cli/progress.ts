import cliProgress from 'cli-progress';

export interface Progress {
  update(fraction: number): void;
  stop(): void;
}

/** A bar over a number of things done (runs of a sweep). */
export interface CountProgress {
  update(done: number): void;
  stop(): void;
}

const SILENT = { update() {}, stop() {} };

const drawn = (enabled: boolean) => enabled && process.stderr.isTTY && !process.env.CI && process.env.TERM !== 'dumb';

/** A progress bar on stderr, drawn only when stderr is a terminal (never in CI, with --json or --quiet). */
export function progressBar(label: string, enabled: boolean): Progress {
  if (!drawn(enabled)) return SILENT;
  const bar = startBar(`${label} {bar} {percentage}% | eta {eta_formatted}`, 1000);
  let last = -1;
  return {
    update(fraction) {
      const value = Math.floor(fraction * 1000);
      if (value !== last) bar.update((last = value));
    },
    stop: bar.stop,
  };
}

/** A bar over `total` things (`label {bar} 12/40 runs | eta 1m3s`), with the same rules as progressBar. */
export function countProgressBar(label: string, total: number, unit: string, enabled: boolean): CountProgress {
  if (!drawn(enabled)) return SILENT;
  const bar = startBar(`${label} {bar} {value}/{total} ${unit} | eta {eta_formatted}`, total);
  return { update: (done) => bar.update(done), stop: bar.stop };
}

function startBar(format: string, total: number): { update(value: number): void; stop(): void } {
  const bar = new cliProgress.SingleBar({ stream: process.stderr, hideCursor: true, clearOnComplete: true, format }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  // On Ctrl-C, give the terminal its cursor back before exiting (130 = 128 + SIGINT, the shell's code).
  const interrupted = () => {
    bar.stop();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  return {
    update: (value) => bar.update(value),
    stop: () => {
      process.removeListener('SIGINT', interrupted);
      bar.stop();
    },
  };
}
