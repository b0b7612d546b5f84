/** The unit of the x axis of every time chart, chosen so a run's length reads as a small number. */
export interface TimeUnit {
  /** Seconds per unit. */
  seconds: number;
  /** Axis title, e.g. "time since start (h)". */
  title: string;
}

const UNITS: { upToSeconds: number; unit: TimeUnit }[] = [
  { upToSeconds: 10 * 60, unit: { seconds: 1, title: 'time since start (s)' } },
  { upToSeconds: 10 * 3600, unit: { seconds: 60, title: 'time since start (min)' } },
  { upToSeconds: 4 * 86_400, unit: { seconds: 3600, title: 'time since start (h)' } },
  { upToSeconds: Infinity, unit: { seconds: 86_400, title: 'time since start (days)' } },
];

export function timeUnitFor(durationSeconds: number): TimeUnit {
  return UNITS.find((u) => durationSeconds <= u.upToSeconds)!.unit;
}
