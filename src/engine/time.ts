/** Simulated time is an integer number of microseconds: exact, and safe for centuries (2^53 µs ≈ 285 years). */
export type Micros = number;

export const MICROSECOND: Micros = 1;
export const MILLISECOND: Micros = 1_000;
export const SECOND: Micros = 1_000_000;
export const MINUTE: Micros = 60 * SECOND;
export const HOUR: Micros = 60 * MINUTE;
export const DAY: Micros = 24 * HOUR;

const DURATION_UNITS: Record<string, Micros> = {
  us: MICROSECOND, ms: MILLISECOND, s: SECOND, m: MINUTE, h: HOUR, d: DAY,
};

const DURATION_PATTERN = /^\s*(\d+(?:\.\d+)?)\s*(us|ms|s|m|h|d)\s*$/;

/** Parses `200ms`, `1.5s`, `5m`, `24h`, `7d` into microseconds; undefined when the text is not a duration. */
export function parseDuration(text: string): Micros | undefined {
  const match = DURATION_PATTERN.exec(text);
  if (!match) return undefined;
  return Math.round(Number(match[1]) * DURATION_UNITS[match[2]]);
}

/** The shortest exact rendering of a duration, e.g. 90 s -> `90s`, 2 h -> `2h`. */
export function formatDuration(micros: Micros): string {
  for (const [unit, size] of [['d', DAY], ['h', HOUR], ['m', MINUTE], ['s', SECOND], ['ms', MILLISECOND]] as const) {
    if (micros >= size && micros % size === 0) return `${micros / size}${unit}`;
  }
  return micros >= MILLISECOND ? `${micros / MILLISECOND}ms` : `${micros}us`;
}

export const toSeconds = (micros: Micros): number => micros / SECOND;
export const toMillis = (micros: Micros): number => micros / MILLISECOND;
export const fromSeconds = (seconds: number): Micros => Math.round(seconds * SECOND);
export const fromMillis = (millis: number): Micros => Math.round(millis * MILLISECOND);
