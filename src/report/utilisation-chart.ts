import type { RunResult } from '../simulation/result.ts';
import { SATURATED, utilisationColumn, type Bottleneck } from '../simulation/utilisation.ts';
import { line, timeChart, type ChartContext } from './charts.ts';
import type { Chart } from './chart-parts.ts';

/** Resources drawn per system: its top bottlenecks (more lines would not be readable). */
const TOP_RESOURCES = 4;

/**
 * Utilisation over time of each system's busiest resources (the head of summary `bottlenecks`), in
 * percent: a line at 90 % or more for a while is what limited the run.
 */
export function utilisationChart(ctx: ChartContext, result: RunResult): Chart | undefined {
  const points = ctx.systems.flatMap((system) => {
    const summary = result.summary.systems[system as keyof RunResult['summary']['systems']];
    const top = ((summary?.bottlenecks ?? []) as Bottleneck[]).slice(0, TOP_RESOURCES);
    return top.flatMap((b) => line(ctx, system, utilisationColumn(b.name), 'max', b.name, 0.01));
  });
  return timeChart(ctx, {
    id: 'utilisation',
    title: 'Busiest resources (utilisation, %)',
    subtitle: `Each system's ${TOP_RESOURCES} busiest resources by their busiest sustained share; the highest value in each bucket.`,
    caption: `A resource at ${SATURATED * 100} % or more for much of the run is what limits throughput: queues grow in front of it and latency rises.`,
    yTitle: 'utilisation (%)',
    dashTitle: 'resource',
    points,
  });
}
