import cliProgress from 'cli-progress';

export interface Progress {
  update(fraction: number): void;
  stop(): void;
}

const SILENT: Progress = { update() {}, stop() {} };

/** A progress bar on stderr, drawn only when stderr is a terminal (never in CI, with --json or --quiet). */
export function progressBar(label: string, enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY || process.env.CI || process.env.TERM === 'dumb') return SILENT;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, hideCursor: true, clearOnComplete: true, format: `${label} {bar} {percentage}% | eta {eta_formatted}` },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1000, 0);
  let last = -1;
  // On Ctrl-C, give the terminal its cursor back before exiting (130 = 128 + SIGINT, the shell's code).
  const interrupted = () => {
    bar.stop();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  return {
    update(fraction) {
      const value = Math.floor(fraction * 1000);
      if (value !== last) bar.update((last = value));
    },
    stop: () => {
      process.removeListener('SIGINT', interrupted);
      bar.stop();
    },
  };
}
