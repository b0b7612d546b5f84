import { millisUnit } from '../../report/chart-parts.ts';
import type { SweepAxis } from '../sweep-result.ts';

/** How an axis's values are shown: divided by `divisor`, followed by `name` (none for plain numbers). */
export interface DisplayUnit {
  divisor: number;
  name?: string;
}

const numbers = (axis: SweepAxis) => axis.values.filter((v): v is number => typeof v === 'number');

/** True when every value is a number (a rate, a count, a size), so the axis is a scale and not a list of names. */
export const isNumeric = (axis: SweepAxis) => axis.values.length > 0 && numbers(axis).length === axis.values.length;

/** Sizes in powers of 1000, as scenario files write `KB`/`MB`/`GB` and the run report shows MB/s. */
function sizeUnit(maxBytes: number, suffix: string): DisplayUnit {
  const units: [number, string][] = [[1e9, 'GB'], [1e6, 'MB'], [1e3, 'KB']];
  const [divisor, name] = units.find(([size]) => maxBytes >= size) ?? [1, 'B'];
  return { divisor, name: `${name}${suffix}` };
}

/** The unit an axis is shown in, chosen from its largest value so that the numbers stay short. */
export function displayUnit(axis: SweepAxis): DisplayUnit {
  const max = Math.max(0, ...numbers(axis).map(Math.abs));
  switch (axis.unit) {
    case 'bytes/s':
      return sizeUnit(max, '/s');
    case 'bytes':
      return sizeUnit(max, '');
    case 'duration': {
      const ms = millisUnit(max / 1000); // durations are in microseconds
      return { divisor: ms.divisor * 1000, name: ms.name };
    }
    default:
      return { divisor: 1, ...(axis.unit ? { name: axis.unit } : {}) };
  }
}

/** An axis value as a number in its display unit without the unit's name, e.g. `3,400` or `1.5`. */
export function formatAxisNumber(axis: SweepAxis, value: number | string): string {
  if (typeof value === 'string') return value;
  const n = value / displayUnit(axis).divisor;
  return n.toLocaleString('en-US', { maximumFractionDigits: Math.abs(n) >= 100 ? 0 : 2 });
}

/** An axis value in its display unit, e.g. `3,400 records/s`, `1.5 MB/s`, `8` or a name as written. */
export function formatAxisValue(axis: SweepAxis, value: number | string): string {
  const unit = typeof value === 'number' ? displayUnit(axis).name : undefined;
  return unit ? `${formatAxisNumber(axis, value)} ${unit}` : formatAxisNumber(axis, value);
}

/** A value as the chart plots it: a number in the display unit, or the text of a listed name. */
export function plotValue(axis: SweepAxis, value: number | string): number | string {
  return typeof value === 'number' ? value / displayUnit(axis).divisor : value;
}

/** The last segment of a path, for legends: `systems.kinesis.shards` is `shards`. */
export function shortName(path: string): string {
  const segments = path.replace(/\[\d+\]/g, '').split('.');
  return segments[segments.length - 1] || path;
}

export function axisTitle(axis: SweepAxis): string {
  const unit = displayUnit(axis).name;
  return unit ? `${axis.path} (${unit})` : axis.path;
}

/**
 * Round ticks for a log axis: 1, 2 and 5 times the powers of ten inside the range, or, over less
 * than a decade where those are too few, every whole multiple (1, 1.5, 2, 3, … 9). Vega's own
 * ticks crowd the labels of a short log range.
 */
export function logTicks(min: number, max: number): number[] {
  const within = (multiples: number[]) => {
    const ticks: number[] = [];
    if (!(min > 0) || !(max >= min)) return ticks;
    for (let power = Math.floor(Math.log10(min)); 10 ** power <= max; power++) {
      for (const m of multiples) {
        const t = Number((m * 10 ** power).toPrecision(12));
        if (t >= min * (1 - 1e-9) && t <= max * (1 + 1e-9)) ticks.push(t);
      }
    }
    return ticks;
  };
  const coarse = within([1, 2, 5]);
  return coarse.length >= 3 ? coarse : within([1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9]);
}

/** Room between the first and last loads and the ends of the axis, so that their points are whole. */
const X_PADDING_PX = 8;

/**
 * The x channel of every sweep chart: the load axis in its display unit, on a log scale when the
 * sweep steps it geometrically, or its listed names in plan order.
 */
export function loadX(axis: SweepAxis, field = 'x') {
  const title = axisTitle(axis);
  if (!isNumeric(axis)) return { field, type: 'ordinal', title, sort: axis.values.map(String) };
  const values = numbers(axis).map((v) => plotValue(axis, v) as number);
  const domain = [Math.min(...values), Math.max(...values)];
  if (axis.scale === 'log' && domain[0] > 0) {
    const ticks = logTicks(domain[0], domain[1]);
    return { field, type: 'quantitative', title, scale: { type: 'log', domain, nice: false, padding: X_PADDING_PX }, axis: { format: ',~r', ...(ticks.length >= 2 ? { values: ticks } : {}) } };
  }
  return { field, type: 'quantitative', title, scale: { domain, nice: false, zero: false, padding: X_PADDING_PX } };
}
