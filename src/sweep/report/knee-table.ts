import { kneeThresholds, type SweepView } from './curves.ts';
import { formatAxisValue } from './load-axis.ts';

/** The knee table as plain text cells, for the page and for sweep.md alike. */
export interface KneeTable {
  columns: string[];
  /** What each column means, one sentence per column after the first. */
  legend: string[];
  rows: { curve: string; system: string; cells: string[] }[];
}

export function kneeTable(view: SweepView): KneeTable {
  const { load } = view;
  const { share, p99LatencyMs: p99 } = kneeThresholds(view);
  const sharePct = `${Number((100 * share).toFixed(2))} %`;
  const values = load.values.filter((v): v is number => typeof v === 'number');
  const top = values.length > 0 ? formatAxisValue(load, Math.max(...values)) : undefined;
  const none = top ? `none up to ${top}` : 'none in the sweep';
  const at = (v: number | undefined) => (v === undefined ? none : formatAxisValue(load, v));
  const columns = ['curve', 'throttling starts at', `accepted below ${sharePct} from`, ...(p99 !== undefined ? [`p99 above ${p99.toLocaleString('en-US')} ms from`] : [])];
  const legend = [
    `Throttling starts at: the load (${load.path}) where throttled writes or quota delays first appear.`,
    `Accepted below ${sharePct}: where accepted records fall below ${sharePct} of those offered.`,
    ...(p99 !== undefined ? [`p99 above ${p99.toLocaleString('en-US')} ms: where the slowest application's p99 end-to-end latency passes that threshold.`] : []),
    'Each is interpolated between the two sweep points around it.',
    ...view.curves.filter((c) => c.sameAcross).map((c) => `${c.label} is the same at every value of ${c.sameAcross!.join(' and ')}: one curve.`),
  ];
  const rows = view.curves.map((curve) => {
    const k = curve.knee;
    // A curve that collect found no knee for (none of its points succeeded) has nothing to say.
    const cell = (v: number | undefined) => (k ? at(v) : '–');
    return {
      curve: curve.label,
      system: curve.system,
      cells: [cell(k?.throttlingStartsAt), cell(k?.acceptedBelowShareFrom), ...(p99 !== undefined ? [cell(k?.latencyAboveFrom)] : [])],
    };
  });
  return { columns, legend, rows };
}

/** Collect's sentence for each curve's knee, once per curve drawn (a merged curve has one). */
export function kneeSentences(view: SweepView): string[] {
  return view.curves.flatMap((c) => (c.knee ? [c.knee.text] : []));
}
