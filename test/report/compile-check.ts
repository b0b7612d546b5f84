import { compile } from 'vega-lite';
import * as vega from 'vega';
import type { VegaLiteSpec } from '../../src/report/chart-parts.ts';
import { CollectingLogger } from '../../src/report/svg.ts';

/** Compiles a Vega-Lite spec and runs it headless; the warnings of both (an error throws). */
export async function renderWarnings(chartSpec: VegaLiteSpec): Promise<string[]> {
  const logger = new CollectingLogger();
  const { spec } = compile(chartSpec as any, { logger });
  const view = new vega.View(vega.parse(spec), { renderer: 'none', logger: logger as any });
  await view.runAsync();
  view.finalize();
  return logger.warnings;
}
