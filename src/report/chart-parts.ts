import type { TimeUnit } from './time-axis.ts';

/** A Vega-Lite spec as plain JSON (checked by compiling it: test/report/compile.test.ts). */
export type VegaLiteSpec = Record<string, unknown>;

export interface Chart {
  /** Stable, file-name-safe id: the container id in HTML and `chart-<id>.svg`. */
  id: string;
  title: string;
  /** One sentence on how to read it, under the chart. */
  caption: string;
  spec: VegaLiteSpec;
}

/** The words of a line chart: the time charts of a run and the load charts of a sweep alike. */
export interface LineChartText {
  id: string;
  title: string;
  subtitle?: string;
  caption: string;
  yTitle: string;
  /** Legend title of the line styles (dash), e.g. "application". */
  dashTitle: string;
}

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** One colour per system on every chart (Kinesis orange, Kafka blue; a workload-only run grey). */
export const SYSTEM_COLOURS: Record<string, string> = { kinesis: '#d9730d', kafka: '#2f6fde', workload: '#6b7280' };

/** The marker for a value over a limit (hot shards). */
export const OVER_LIMIT_COLOUR = '#c81e1e';

/** Plot width: with the axis and legend it fits the page's 872 px column. */
export const CHART_WIDTH_PX = 760;
export const CHART_HEIGHT_PX = 220;

/** A chart of layers at the full width, titled and captioned by its words. */
export function layeredChart(text: LineChartText, caption: string, layers: VegaLiteSpec[]): Chart {
  return {
    id: text.id,
    title: text.title,
    caption,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: { text: text.title, ...(text.subtitle ? { subtitle: text.subtitle } : {}) },
      width: CHART_WIDTH_PX,
      height: CHART_HEIGHT_PX,
      config: CHART_CONFIG,
      layer: layers,
    },
  };
}

/** Look shared by every chart, so the SVG exports match the page. */
export const CHART_CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  view: { stroke: null },
  title: { anchor: 'start', fontSize: 14, fontWeight: 600, subtitleColor: '#4b5563', subtitleFontSize: 11, offset: 8 },
  axis: { labelColor: '#374151', titleColor: '#374151', titleFontWeight: 500, gridColor: '#eceef1', domainColor: '#9ca3af', tickColor: '#9ca3af' },
  legend: { labelColor: '#374151', titleColor: '#374151', orient: 'top', direction: 'horizontal', titleFontWeight: 500 },
  line: { strokeWidth: 1.6 },
} as const;

export function systemColourScale(systems: string[]) {
  return { domain: systems, range: systems.map((s) => SYSTEM_COLOURS[s] ?? '#111827') };
}

/** A timeline action for the charts: when (in the x axis unit) and what. */
export interface TimelineMark {
  time: number;
  label: string;
  /** Vertical position of the label in px, staggered so neighbouring labels do not overlap. */
  labelY: number;
}

const LABEL_LANES = 3;
const LABEL_LANE_PX = 12;
const MAX_LABEL_CHARS = 48;

export function timelineMarks(timeline: { atSeconds: number; label: string }[], unit: TimeUnit, durationSeconds: number): TimelineMark[] {
  return timeline
    .filter((e) => e.atSeconds >= 0 && e.atSeconds <= durationSeconds)
    .map((e, i) => ({
      time: e.atSeconds / unit.seconds,
      label: e.label.length > MAX_LABEL_CHARS ? `${e.label.slice(0, MAX_LABEL_CHARS - 1)}…` : e.label,
      labelY: 2 + (i % LABEL_LANES) * LABEL_LANE_PX,
    }));
}

/** The x channel of every time chart: the run from 0 to its end, in `unit`. */
export function timeX(unit: TimeUnit, endTime: number, field = 'time') {
  return { field, type: 'quantitative', title: unit.title, scale: { domain: [0, endTime], nice: false, zero: true } };
}

/** Labelled vertical rules for the timeline actions, to layer over a time chart. */
export function timelineLayers(marks: TimelineMark[], unit: TimeUnit, endTime: number): VegaLiteSpec[] {
  if (marks.length === 0) return [];
  const x = timeX(unit, endTime);
  return [
    { data: { values: marks }, mark: { type: 'rule', color: '#4b5563', strokeDash: [4, 3], strokeWidth: 1 }, encoding: { x } },
    // The label twice: a white outline first, so it stays readable over lines and heatmap cells.
    ...[{ stroke: '#ffffff', strokeWidth: 3, strokeOpacity: 0.85 }, {}].map((halo) => ({
      data: { values: marks },
      mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, fontSize: 10, color: '#1f2937', ...halo },
      encoding: { x, y: { field: 'labelY', type: 'quantitative', scale: null }, text: { field: 'label', type: 'nominal' } },
    })),
  ];
}

/** A unit for milliseconds that keeps the axis numbers short, chosen from the largest value. */
export function millisUnit(maxMs: number): { divisor: number; name: string } {
  if (maxMs >= 2 * 3_600_000) return { divisor: 3_600_000, name: 'h' };
  if (maxMs >= 2 * 60_000) return { divisor: 60_000, name: 'min' };
  if (maxMs >= 10_000) return { divisor: 1000, name: 's' };
  return { divisor: 1, name: 'ms' };
}
