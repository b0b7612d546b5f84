import { escapeMarkdown as md } from '../../report/escape.ts';
import { chartsMarkdown } from '../../report/markdown.ts';
import { renderChartsSvg } from '../../report/svg.ts';
import type { OutputFile } from '../../output/write.ts';
import type { SweepResult } from '../sweep-result.ts';
import { buildSweepCharts } from './charts.ts';
import { buildView } from './curves.ts';
import { describeAxis, failureLines, sweepFacts } from './header.ts';
import { kneeSentences, kneeTable } from './knee-table.ts';
import { pointTable } from './point-table.ts';

/**
 * sweep.md for a pull request: the knees as sentences and as a table, then each chart as an SVG
 * file beside it (`chart-<id>.svg`). Strings from the sweep are escaped (no HTML, no table breaks).
 */
export async function renderSweepMarkdown(result: SweepResult): Promise<OutputFile[]> {
  if (result.axes.length === 0) return [{ name: 'sweep.md', content: pointMarkdown(result) }];
  const view = buildView(result);
  const table = kneeTable(view);
  const svgs = await renderChartsSvg(buildSweepCharts(view));
  const failures = failureLines(result);
  const lines = [
    ...headerLines(result),
    ...result.axes.map((a) => `- **Varied** ${md(describeAxis(a))}`),
    '',
    '## Where each system stops keeping up',
    '',
    ...kneeSentences(view).map((text) => `- ${md(text)}`),
    ...(kneeSentences(view).length > 0 ? [''] : []),
    `| ${table.columns.map(md).join(' | ')} |`,
    `| --- | ${table.columns.slice(1).map(() => '---:').join(' | ')} |`,
    ...table.rows.map((r) => `| ${md(r.curve)} | ${r.cells.map(md).join(' | ')} |`),
    '',
    md(table.legend.join(' ')),
    '',
    ...(failures.length > 0 ? ['Failed runs are left out of the means (their errors are in the `error` column of sweep.csv):', '', ...failures.map((f) => `- ${md(f)}`), ''] : []),
    ...chartsMarkdown(svgs),
  ];
  return [{ name: 'sweep.md', content: lines.join('\n').replace(/\n+$/, '\n') }, ...svgs.map((s) => ({ name: s.file, content: s.svg }))];
}

/** The title, description and facts of the sweep. */
function headerLines(result: SweepResult): string[] {
  const facts = sweepFacts(result)
    .map(([k, v]) => `**${md(k)}** ${md(v)}`)
    .join(', ');
  return [`# ${md(result.name)}`, '', ...(result.description ? [md(result.description), ''] : []), `- ${facts}`];
}

/** sweep.md of a sweep without `vary`: each metric's mean and interval per system. */
function pointMarkdown(result: SweepResult): string {
  const table = pointTable(result);
  const lines = [
    ...headerLines(result),
    '',
    `| ${table.columns.map(md).join(' | ')} |`,
    `| --- | ${table.columns.slice(1).map(() => '---:').join(' | ')} |`,
    ...table.rows.map((r) => `| ${r.map(md).join(' | ')} |`),
    '',
    'Means over the replications, with their 95 % confidence intervals (Student t) in brackets.',
    ...failureLines(result).map((f) => `- ${md(f)}`),
  ];
  return `${lines.join('\n')}\n`;
}
