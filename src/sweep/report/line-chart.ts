import { layeredChart, type Chart, type LineChartText, type VegaLiteSpec } from '../../report/chart-parts.ts';
import { compact } from '../../report/resample.ts';
import type { MetricStat, SweepPoint } from '../sweep-result.ts';
import { curveColourScale, kneeLoad, kneeThresholds, type SweepView } from './curves.ts';
import { formatAxisValue, isNumeric, loadX, logTicks, plotValue } from './load-axis.ts';

/** One line per curve: a name (the dash in the legend) and how to read its value at a point. */
export interface LineSeries {
  name: string;
  value: (point: SweepPoint) => MetricStat | undefined;
}

/** `dashTitle` names the dashes when there are several series. */
export interface LineChartOptions extends LineChartText {
  series: LineSeries[];
  /** Divide every value by this (a unit change). */
  divisor?: number;
  logY?: boolean;
  /** A grey dotted reference line, e.g. the offered rate over the accepted one: its name on the chart, what it is in the caption. */
  reference?: { name: string; label: string; points: { x: number | string; y: number }[] };
  /** Leave the chart out when every value is zero (a counter that only some configurations have). */
  omitIfAllZero?: boolean;
  /** Leave out series that are zero at every point (when some series is not), and name them in the caption. */
  dropAllZero?: boolean;
}

interface Row {
  x: number | string;
  load: string;
  curve: string;
  /** The curve's colour, for the layers drawn in it without a legend of their own (bands, knees). */
  colour: string;
  series: string;
  mean: number;
  low: number;
  high: number;
  n: number;
}

/** The colour channel of every layer: the same in each, so that they share one legend. */
const curveColour = (view: SweepView) => ({ field: 'curve', type: 'nominal', title: view.curveAxes.length > 0 ? 'curve' : 'system', scale: curveColourScale(view) });

const REFERENCE_COLOUR = '#4b5563';
/** Room between the outermost points and the edges of the plot, so that their symbols are whole. */
const SCALE_PADDING_PX = 8;
const BAND_OPACITY = 0.16;
const KNEE_LABEL_LANES = 3;
const KNEE_LABEL_LANE_PX = 12;

function rowsOf(view: SweepView, o: LineChartOptions): Row[] {
  const rows: Row[] = [];
  const divisor = o.divisor ?? 1;
  for (const curve of view.curves) {
    for (const series of o.series) {
      for (const point of curve.points) {
        const s = series.value(point);
        if (!s) continue;
        const load = point.params[view.load.path];
        rows.push({
          x: plotValue(view.load, load),
          load: formatAxisValue(view.load, load),
          curve: curve.label,
          colour: curve.colour,
          series: series.name,
          mean: compact(s.mean / divisor),
          low: compact(s.low / divisor),
          high: compact(s.high / divisor),
          n: s.n,
        });
      }
    }
  }
  return rows;
}

/** Series (per curve) that are zero everywhere, left out when others are not: flat lines at zero would bury the one that matters. */
function withoutAllZero(rows: Row[]): { rows: Row[]; dropped: string[] } {
  const key = (r: Row) => `${r.curve}\u0000${r.series}`;
  const nonZero = new Set(rows.filter((r) => r.mean !== 0 || r.high !== 0).map(key));
  if (nonZero.size === 0) return { rows, dropped: [] };
  const dropped: string[] = [];
  for (const r of rows) {
    const name = `${r.curve} ${r.series}`;
    if (!nonZero.has(key(r)) && !dropped.includes(name)) dropped.push(name);
  }
  return { rows: rows.filter((r) => nonZero.has(key(r))), dropped };
}

/** On a log axis a band cannot reach zero: its low end stops at the smallest positive value drawn. */
function forLogAxis(rows: Row[]): Row[] {
  const positive = rows.filter((r) => r.mean > 0);
  const floor = Math.min(...positive.map((r) => r.mean), ...positive.map((r) => r.low).filter((v) => v > 0));
  return positive.map((r) => ({ ...r, low: r.low > 0 ? r.low : floor }));
}

/** The reference line, drawn over the curves (it is thin and dotted), named at its last point. */
function referenceLayers(x: VegaLiteSpec, reference: NonNullable<LineChartOptions['reference']>): VegaLiteSpec[] {
  const y = { field: 'y', type: 'quantitative' };
  const last = reference.points[reference.points.length - 1];
  return [
    { data: { values: reference.points }, mark: { type: 'line', color: REFERENCE_COLOUR, strokeDash: [2, 3], strokeWidth: 1.2, clip: true }, encoding: { x, y } },
    // Under the line's end, outlined in white (drawn twice) to stay readable over the curves.
    ...[{ stroke: '#ffffff', strokeWidth: 3, strokeOpacity: 0.9 }, {}].map((halo) => ({
      data: { values: [{ ...last, label: reference.name }] },
      mark: { type: 'text', align: 'right', baseline: 'top', dx: -8, dy: 6, fontSize: 10, color: REFERENCE_COLOUR, ...halo },
      encoding: { x, y, text: { field: 'label', type: 'nominal' } },
    })),
  ];
}

/** Round ticks (1, 2, 5 × 10ⁿ) for a log axis over the rows' range; vega's own crowd the labels. */
function logAxis(rows: Row[]) {
  const ticks = logTicks(Math.min(...rows.map((r) => Math.min(r.low, r.mean))), Math.max(...rows.map((r) => Math.max(r.high, r.mean))));
  const kept = ticks.length > 8 ? ticks.filter((t) => /^1/.test(String(t))) : ticks;
  return { format: ',~r', ...(kept.length >= 2 ? { values: kept } : {}) };
}

/** A rule at each curve's knee (the load where its first condition starts), labelled at the top in staggered lanes. */
export function kneeLayers(view: SweepView): VegaLiteSpec[] {
  const thresholds = kneeThresholds(view);
  const marks = view.curves.flatMap((c) => {
    const knee = c.knee && kneeLoad(c.knee, thresholds);
    return knee === undefined ? [] : [{ x: plotValue(view.load, knee.at), colour: c.colour, label: `${c.label} knee, ${knee.condition}: ${formatAxisValue(view.load, knee.at)}` }];
  });
  if (marks.length === 0) return [];
  // A knee in the right part of the chart is labelled to the left of its rule, so that the label stays inside.
  const at = (v: number | string) => (typeof v === 'number' ? v : view.load.values.map(String).indexOf(v));
  const xs = marks.map((m) => at(m.x));
  const domain = typeof marks[0].x === 'number' && isNumeric(view.load) ? (loadX(view.load).scale?.domain ?? [0, 1]) : [0, view.load.values.length - 1];
  const logX = view.load.scale === 'log' && isNumeric(view.load);
  const fraction = (v: number) => (logX ? Math.log(v / domain[0]) / Math.log(domain[1] / domain[0]) : (v - domain[0]) / (domain[1] - domain[0] || 1));
  const rows = marks.map((m, i) => ({ ...m, labelY: 2 + (i % KNEE_LABEL_LANES) * KNEE_LABEL_LANE_PX, right: fraction(xs[i]) > 0.55 }));
  const x = loadX(view.load);
  const stroke = { field: 'colour', type: 'nominal', scale: null };
  const labels = (right: boolean) =>
    // The label twice: a white outline first, so it stays readable over the lines.
    [{ stroke: '#ffffff', strokeWidth: 3, strokeOpacity: 0.9 }, {}].map((halo) => ({
      data: { values: rows },
      transform: [{ filter: right ? 'datum.right' : '!datum.right' }],
      mark: { type: 'text', align: right ? 'right' : 'left', baseline: 'top', dx: right ? -4 : 4, fontSize: 10, fontWeight: 600, ...halo },
      encoding: { x, y: { field: 'labelY', type: 'quantitative', scale: null }, text: { field: 'label', type: 'nominal' }, ...(Object.keys(halo).length ? {} : { fill: stroke }) },
    }));
  return [
    { data: { values: rows }, mark: { type: 'rule', strokeDash: [5, 3], strokeWidth: 1.4 }, encoding: { x, stroke } },
    ...(rows.some((r) => !r.right) ? labels(false) : []),
    ...(rows.some((r) => r.right) ? labels(true) : []),
  ];
}

/**
 * A metric against the load axis: one line per curve (and dash per series), the 95 % interval of
 * each point as a band around it, and each curve's knee as a rule. Undefined when no point has the
 * metric, so the chart is left out rather than drawn empty.
 */
export function lineChart(view: SweepView, o: LineChartOptions): Chart | undefined {
  let rows = rowsOf(view, o);
  let dropped: string[] = [];
  if (o.dropAllZero) ({ rows, dropped } = withoutAllZero(rows));
  const logY = o.logY === true && rows.some((r) => r.mean > 0);
  if (logY) rows = forLogAxis(rows);
  if (rows.length === 0) return undefined;
  const allZero = rows.every((r) => r.mean === 0 && r.high === 0);
  if (allZero && o.omitIfAllZero) return undefined;
  const seriesNames = [...new Set(rows.map((r) => r.series))];
  const x = loadX(view.load);
  const yScale = logY ? { type: 'log', nice: false, padding: SCALE_PADDING_PX } : allZero ? { domain: [0, 1] } : { zero: true };
  const y = { field: 'mean', type: 'quantitative', title: o.yTitle, scale: yScale, ...(logY ? { axis: logAxis(rows) } : {}) };
  const color = curveColour(view);
  const dash = seriesNames.length > 1 ? { strokeDash: { field: 'series', type: 'nominal', title: o.dashTitle, sort: seriesNames, legend: { symbolType: 'stroke', symbolStrokeWidth: 1.6 } } } : {};
  const withBands = rows.some((r) => r.n > 1 && r.high > r.low);
  const layers: VegaLiteSpec[] = [];
  if (withBands) {
    layers.push({
      data: { values: rows },
      mark: { type: 'area', opacity: BAND_OPACITY, clip: true },
      encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' }, fill: { field: 'colour', type: 'nominal', scale: null }, detail: { field: 'series', type: 'nominal' } },
    });
  }
  layers.push({
    data: { values: rows },
    mark: { type: 'line', point: { filled: true, size: 22 }, clip: true },
    encoding: {
      x,
      y,
      color,
      ...dash,
      tooltip: [
        { field: 'curve', type: 'nominal' },
        ...(seriesNames.length > 1 ? [{ field: 'series', type: 'nominal', title: o.dashTitle }] : []),
        { field: 'load', type: 'nominal', title: view.load.path },
        { field: 'mean', type: 'quantitative', format: ',.4~g' },
        { field: 'low', type: 'quantitative', title: '95 % low', format: ',.4~g' },
        { field: 'high', type: 'quantitative', title: '95 % high', format: ',.4~g' },
        { field: 'n', type: 'quantitative', title: 'replications' },
      ],
    },
  });
  if (o.reference && o.reference.points.length > 0) layers.push(...referenceLayers(x, o.reference));
  layers.push(...kneeLayers(view));
  const notes = [
    allZero ? 'Zero at every load of the sweep.' : '',
    withBands ? 'Bands: 95 % confidence interval over the replications.' : '',
    o.reference ? `Grey dotted line: ${o.reference.label}.` : '',
    dropped.length > 0 ? `Zero at every load, so not drawn: ${dropped.join('; ')}.` : '',
  ].filter(Boolean);
  return layeredChart(o, [o.caption, ...notes].join(' '), layers);
}
