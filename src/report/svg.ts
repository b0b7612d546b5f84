import type { Chart, VegaLiteSpec } from './chart-parts.ts';

/** Collects Vega and Vega-Lite warnings instead of printing them; errors throw. */
export class CollectingLogger {
  readonly warnings: string[] = [];
  private current = 2; // vega's Warn level
  level(l?: number): any {
    if (l === undefined) return this.current;
    this.current = l;
    return this;
  }
  error(...args: unknown[]): any {
    throw new Error(args.map(String).join(' '));
  }
  warn(...args: unknown[]): any {
    this.warnings.push(args.map(String).join(' '));
    return this;
  }
  info(): any {
    return this;
  }
  debug(): any {
    return this;
  }
}

/**
 * Compiles a Vega-Lite spec and renders it to an SVG string in Node with vega's headless renderer
 * (no canvas package: text widths are estimated, so labels may sit slightly differently than in a
 * browser; vega's View API, renderer 'none' and toSVG). vega and vega-lite are loaded on first use: `require` of
 * them fails (top-level await), and a run without SVG output should not pay for loading them.
 */
export async function renderSvg(spec: VegaLiteSpec, logger = new CollectingLogger()): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const { spec: vegaSpec } = vegaLite.compile(spec as any, { logger });
  const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none', logger: logger as any });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface SvgChart {
  chart: Chart;
  /** File name beside report.md: `chart-<id>.svg`. */
  file: string;
  svg: string;
}

export const svgFileName = (chart: Chart) => `chart-${chart.id}.svg`;

export async function renderChartsSvg(charts: Chart[]): Promise<SvgChart[]> {
  const out: SvgChart[] = [];
  for (const chart of charts) out.push({ chart, file: svgFileName(chart), svg: await renderSvg(chart.spec) });
  return out;
}
