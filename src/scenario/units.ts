/**
 * Sizes take B, KB/MB/GB/TB (powers of 1000) and KiB/MiB/GiB/TiB (powers of 1024); rates are
 * `N/s` (records) or `SIZE/s` (bytes), with /s, /m or /h. README.md "Scenario files".
 */
const SIZE_UNITS: Record<string, number> = {
  B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12,
  KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4,
};
const PER_UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };

export const SIZE_PATTERN = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$/;
export const RATE_PATTERN = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?\s*\/\s*(s|m|h)\s*$/;

/** Bytes in `2KB`, `1.5MiB`, `512B`; undefined when the text is not a size. */
export function parseSize(text: string): number | undefined {
  const match = SIZE_PATTERN.exec(text);
  return match ? Math.round(Number(match[1]) * SIZE_UNITS[match[2]]) : undefined;
}

export type Rate = { recordsPerSecond: number } | { bytesPerSecond: number };

/** `2000/s` is records per second; `1MB/s` bytes per second; undefined when the text is not a rate. */
export function parseRate(text: string): Rate | undefined {
  const match = RATE_PATTERN.exec(text);
  if (!match) return undefined;
  const perSecond = Number(match[1]) / PER_UNIT_SECONDS[match[3]];
  return match[2] ? { bytesPerSecond: perSecond * SIZE_UNITS[match[2]] } : { recordsPerSecond: perSecond };
}


/**
 * A size the way a scenario file would write it: exact when a unit gives a short number (2000 ->
 * `2KB`, 1536 -> `1.5KiB`, 40 -> `40B`), else bytes below a million (`1001B`), or four significant digits in powers of 1000 (`2.147GB`).
 */
export function formatSize(bytes: number): string {
  const units: [string, number][] = [['TB', 1e12], ['TiB', 1024 ** 4], ['GB', 1e9], ['GiB', 1024 ** 3], ['MB', 1e6], ['MiB', 1024 ** 2], ['KB', 1e3], ['KiB', 1024]];
  for (const [unit, size] of units) {
    const value = bytes / size;
    if (value >= 1 && Math.abs(value * 100 - Math.round(value * 100)) < 1e-9) return `${Number(value.toFixed(2))}${unit}`;
  }
  if (bytes < 1e6) return `${Number(bytes.toFixed(2))}B`;
  const [unit, size] = units.filter(([u]) => !u.includes('i')).find(([, s]) => bytes >= s)!;
  return `${Number((bytes / size).toPrecision(4))}${unit}`;
}
