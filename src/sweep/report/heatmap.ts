import { CHART_CONFIG, CHART_WIDTH_PX, VEGA_LITE_SCHEMA, type Chart, type VegaLiteSpec } from '../../report/chart-parts.ts';
import { formatMillis } from '../../report/format.ts';
import { compact } from '../../report/resample.ts';
import { consumerApps, kneeThresholds, recordsPerSecond, stat, type SweepView } from './curves.ts';
import { axisTitle, formatAxisNumber } from './load-axis.ts';

const CELL_HEIGHT_PX = 24;

interface Cell {
  x: string;
  y: string;
  acceptedPercent?: number;
  acceptedText?: string;
  p99Ms?: number;
  p99Text?: string;
}

function panel(view: SweepView, cells: Cell[], field: 'acceptedPercent' | 'p99Ms', colour: VegaLiteSpec, title: string): VegaLiteSpec {
  const [load, other] = [view.load, view.curveAxes[0]];
  const text = field === 'acceptedPercent' ? 'acceptedText' : 'p99Text';
  const values = cells.filter((c) => c[field] !== undefined);
  const x = { field: 'x', type: 'ordinal', title: axisTitle(load), sort: load.values.map((v) => formatAxisNumber(load, v)), axis: { labelAngle: -40 } };
  const y = { field: 'y', type: 'ordinal', title: axisTitle(other), sort: other.values.map((v) => formatAxisNumber(other, v)) };
  return {
    title: { text: title, fontSize: 12, fontWeight: 500 },
    width: CHART_WIDTH_PX - 140,
    height: other.values.length * CELL_HEIGHT_PX,
    data: { values },
    encoding: { x, y },
    layer: [
      {
        mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 1 },
        encoding: {
          color: colour,
          tooltip: [
            { field: 'x', type: 'ordinal', title: axisTitle(load) },
            { field: 'y', type: 'ordinal', title: axisTitle(other) },
            { field: text, type: 'nominal', title },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 9 },
        encoding: {
          text: { field: text, type: 'nominal' },
          // Light text on the dark cells: the lowest accepted shares, the highest latencies.
          color: { condition: { test: field === 'acceptedPercent' ? 'datum.acceptedPercent < 90' : `datum.p99Ms >= ${darkFrom(values)}`, value: '#ffffff' }, value: '#111827' },
        },
      },
    ],
  };
}

/** The p99 from which a cell of the log colour scale is dark: past 70 % of the way from the lowest to the highest. */
function darkFrom(cells: Cell[]): number {
  const logs = cells.map((c) => Math.log10(c.p99Ms!));
  const [lo, hi] = [Math.min(...logs), Math.max(...logs)];
  return compact(10 ** (lo + 0.7 * (hi - lo)));
}

function heatmap(view: SweepView, system: string, index: number, apps: string[]): Chart | undefined {
  const [load, other] = [view.load, view.curveAxes[0]];
  const { share } = kneeThresholds(view);
  const cells: Cell[] = [];
  for (const curve of view.curves.filter((c) => c.system === system)) {
    for (const p of curve.points) {
      const offered = recordsPerSecond(view, p, 'offered');
      const accepted = recordsPerSecond(view, p, 'accepted');
      const p99s = apps.map((app) => stat(p, `consumers.${app}.latencyMs.p99`)?.mean).filter((v): v is number => v !== undefined && v > 0);
      const cell: Cell = { x: formatAxisNumber(load, p.params[load.path]), y: formatAxisNumber(other, curve.fixed[other.path]) };
      if (offered && accepted && offered.mean > 0) {
        cell.acceptedPercent = compact((100 * accepted.mean) / offered.mean);
        cell.acceptedText = `${Number(cell.acceptedPercent.toFixed(1))}`;
      }
      if (p99s.length > 0) {
        cell.p99Ms = compact(Math.max(...p99s));
        cell.p99Text = formatMillis(cell.p99Ms).replace(/ (ms|s|min)$/, '$1');
      }
      cells.push(cell);
    }
  }
  const panels: VegaLiteSpec[] = [];
  const pct = compact(100 * share);
  if (cells.some((c) => c.acceptedPercent !== undefined)) {
    // Pale where the system keeps up (at or above the knee's share), then darker reds the more it refuses.
    const colour = {
      field: 'acceptedPercent',
      type: 'quantitative',
      title: 'accepted %',
      scale: { type: 'threshold', domain: [50, 90, pct], range: ['#7f1d1d', '#e02424', '#f8b4b4', '#e1effe'] },
      legend: { orient: 'right', direction: 'vertical' },
    };
    panels.push(panel(view, cells, 'acceptedPercent', colour, `Accepted share of offered records (%; below ${pct} % in red)`));
  }
  if (cells.some((c) => c.p99Ms !== undefined)) {
    const colour = { field: 'p99Ms', type: 'quantitative', title: 'p99 (ms)', scale: { type: 'log', scheme: 'orangered' }, legend: { orient: 'right', direction: 'vertical', format: ',~g' } };
    panels.push(panel(view, cells, 'p99Ms', colour, 'p99 end-to-end latency of the slowest application'));
  }
  if (panels.length === 0) return undefined;
  const title = `${system}: ${load.path} × ${other.path}`;
  return {
    id: `heatmap-${index + 1}`,
    title,
    caption: `Each cell is one point of the sweep for ${system}, averaged over its replications; a blank cell had no successful run.`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: { text: title, subtitle: 'Where the system keeps up across both varied parameters' },
      config: CHART_CONFIG,
      vconcat: panels,
      spacing: 18,
      resolve: { scale: { color: 'independent' } },
    },
  };
}

/** A two-parameter grid gets one heatmap per system over both axes; other sweeps get none. */
export function heatmapCharts(view: SweepView): Chart[] {
  if (view.curveAxes.length !== 1) return [];
  const apps = consumerApps(view);
  // A system whose results do not depend on the second axis has nothing to show over it.
  const systems = view.systems.filter((s) => !view.curves.some((c) => c.system === s && c.sameAcross));
  return systems.map((s, i) => heatmap(view, s, i, apps)).filter((c): c is Chart => c !== undefined);
}
