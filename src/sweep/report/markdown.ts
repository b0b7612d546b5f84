import { escapeMarkdown as md } from '../../report/escape.ts';
import { chartsMarkdown } from '../../report/markdown.ts';
import { renderChartsSvg } from '../../report/svg.ts';
import type { OutputFile } from '../../output/write.ts';
import type { SweepResult } from '../sweep-result.ts';
import { buildSweepCharts } from './charts.ts';
import { buildView } from './curves.ts';
import { describeAxis, failureLines, sweepFacts } from './header.ts';
import { kneeSentences, kneeTable } from './knee-table.ts';

/**
 * sweep.md for a pull request: the knees as sentences and as a table, then each chart as an SVG
 * file beside it (`chart-<id>.svg`). Strings from the sweep are escaped (no HTML, no table breaks).
 */
export async function renderSweepMarkdown(result: SweepResult): Promise<OutputFile[]> {
  const view = buildView(result);
  const table = kneeTable(view);
  const svgs = await renderChartsSvg(buildSweepCharts(view));
  const failures = failureLines(view);
  const lines = [
    `# ${md(result.name)}`,
    '',
    ...(result.description ? [md(result.description), ''] : []),
    `- ${sweepFacts(view)
      .map(([k, v]) => `**${md(k)}** ${md(v)}`)
      .join(', ')}`,
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
