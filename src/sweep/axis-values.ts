import { stringify } from 'yaml';
import { parseDuration } from '../engine/time.ts';
import { parseRate, parseSize } from '../scenario/units.ts';
import type { SweepAxis } from './sweep-result.ts';

/**
 * The values of one varied path: a range `{from, to, steps, scale}` in the units of the field, or a
 * list of values as written. Each value becomes the text of an override (what `--set` would take)
 * and a value for tables and charts (a number in the scenario's base units, or text).
 */

/** A number with its unit, as the scenario reads it: records/s, bytes/s, bytes, microseconds or a plain number. */
export interface Quantity {
  unit: QuantityUnit;
  value: number;
}
export type QuantityUnit = 'number' | 'records/s' | 'bytes/s' | 'bytes' | 'duration';

export interface RangeSpec {
  from: number | string;
  to: number | string;
  steps: number;
  scale: 'linear' | 'log';
}

export interface AxisValue {
  /** What the value is set to, as `--set` would take it (units included). */
  text: string;
  /** For tables and charts: a number in base units, or text. */
  label: number | string;
}

/** A problem with a range or a list, at a key of its mapping (e.g. `to`) or at the whole entry. */
export interface AxisProblem {
  at?: string;
  message: string;
}

export type AxisExpansion = { values: AxisValue[]; scale: SweepAxis['scale']; unit?: string } | { problems: AxisProblem[] };

const UNIT_NAMES: Record<QuantityUnit, string> = {
  number: 'a plain number',
  'records/s': 'records per second',
  'bytes/s': 'bytes per second',
  bytes: 'a size',
  duration: 'a duration',
};

export const QUANTITY_EXPECTED = 'expected a number or a value with a unit, such as 500/s, 1MB/s, 2KB or 5m';

/** `500/s`, `1MB/s`, `2KB`, `5m` or a number; undefined for anything else. */
export function parseQuantity(value: unknown): Quantity | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? { unit: 'number', value } : undefined;
  if (typeof value !== 'string') return undefined;
  const rate = parseRate(value);
  if (rate) return 'recordsPerSecond' in rate ? { unit: 'records/s', value: rate.recordsPerSecond } : { unit: 'bytes/s', value: rate.bytesPerSecond };
  const bytes = parseSize(value);
  if (bytes !== undefined) return { unit: 'bytes', value: bytes };
  const micros = parseDuration(value);
  return micros !== undefined ? { unit: 'duration', value: micros } : undefined;
}

/** How a quantity is written back into the scenario (whole bytes and microseconds, no exponent). */
export function quantityText(q: Quantity): string {
  const n = plainNumber(q.value);
  switch (q.unit) {
    case 'records/s':
      return `${n}/s`;
    case 'bytes/s':
      return `${n}B/s`;
    case 'bytes':
      return `${n}B`;
    case 'duration':
      return `${n}us`;
    default:
      return n;
  }
}

/** Decimal notation (never 1e+21 style), which the unit patterns of scenario files expect. */
function plainNumber(value: number): string {
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/** The steps of a range, rounded to whole units where the field counts whole things (bytes, microseconds, whole-number ranges). */
export function expandRange(range: RangeSpec): AxisExpansion {
  const from = parseQuantity(range.from);
  const to = parseQuantity(range.to);
  const problems: AxisProblem[] = [];
  if (!from) problems.push({ at: 'from', message: QUANTITY_EXPECTED });
  if (!to) problems.push({ at: 'to', message: QUANTITY_EXPECTED });
  if (!from || !to) return { problems };
  if (from.unit !== to.unit) return { problems: [{ at: 'to', message: `must be in the unit of from: ${range.from} is ${UNIT_NAMES[from.unit]}, ${range.to} is ${UNIT_NAMES[to.unit]}` }] };
  if (from.value === to.value) return { problems: [{ at: 'to', message: `the range is empty: from and to are both ${range.from}` }] };
  if (from.value > to.value) return { problems: [{ at: 'to', message: `must be greater than from (${range.from}); a range goes from low to high` }] };
  if (range.scale === 'log' && from.value <= 0) return { problems: [{ at: 'from', message: 'must be greater than zero on a log scale' }] };

  const whole = from.unit === 'bytes' || from.unit === 'duration' || (from.unit === 'number' && Number.isInteger(from.value) && Number.isInteger(to.value));
  const values: number[] = [];
  for (let i = 0; i < range.steps; i++) {
    const f = i / (range.steps - 1);
    const raw = i === 0 ? from.value : i === range.steps - 1 ? to.value : range.scale === 'log' ? from.value * (to.value / from.value) ** f : from.value + (to.value - from.value) * f;
    values.push(whole ? Math.round(raw) : Number(raw.toPrecision(6)));
  }
  if (new Set(values).size < values.length) {
    return { problems: [{ at: 'steps', message: `${range.steps} steps from ${range.from} to ${range.to} repeat values once rounded to whole ${whole && from.unit !== 'number' ? from.unit === 'bytes' ? 'bytes' : 'microseconds' : 'numbers'}: use fewer steps, or a list` }] };
  }
  return {
    values: values.map((value) => ({ text: quantityText({ unit: from.unit, value }), label: value })),
    scale: range.scale,
    ...(from.unit === 'number' ? {} : { unit: from.unit }),
  };
}

/**
 * A list of values as written. Numbers and values with one unit are labelled by their number in base
 * units; lists (e.g. whole lists of consumer applications) by their number of items when those
 * differ; anything else by its text.
 */
export function expandList(items: unknown[]): AxisExpansion {
  const texts = items.map((item) => stringify(item).trimEnd());
  const quantities = items.map(parseQuantity);
  const unit = quantities[0]?.unit;
  let labels: (number | string)[];
  let unitName: string | undefined;
  if (unit && quantities.every((q) => q?.unit === unit)) {
    labels = quantities.map((q) => q!.value);
    unitName = unit === 'number' ? undefined : unit;
  } else if (items.every(Array.isArray) && new Set(items.map((i) => (i as unknown[]).length)).size === items.length) {
    labels = items.map((i) => (i as unknown[]).length);
    unitName = 'items';
  } else {
    labels = items.map((item) => (item !== null && typeof item === 'object' ? JSON.stringify(item) : String(item)));
  }
  const seen = new Map<string, number>();
  for (const [i, text] of texts.entries()) {
    if (seen.has(text)) return { problems: [{ at: String(i), message: `repeats item ${seen.get(text)} of the list` }] };
    seen.set(text, i);
  }
  return { values: texts.map((text, i) => ({ text, label: labels[i] })), scale: 'list', ...(unitName ? { unit: unitName } : {}) };
}
