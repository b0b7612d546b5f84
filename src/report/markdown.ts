import type { RunSummary } from '../simulation/result.ts';
import { compareSystems } from './comparison.ts';
import { escapeMarkdown as md } from './escape.ts';
import { formatCount, formatSeconds } from './format.ts';
import type { SvgChart } from './svg.ts';

function summaryTable(s: RunSummary): string[] {
  const c = compareSystems(s);
  if (c.systems.length === 0) {
    return [
      '| producer | records offered | bytes offered |',
      '| --- | ---: | ---: |',
      ...Object.entries(s.workload.producers).map(([name, p]) => `| ${md(name)} | ${formatCount(p.offeredRecords)} | ${formatCount(p.offeredBytes)} |`),
      '',
      'No system is configured in this scenario: the run simulated the workload alone.',
    ];
  }
  return [
    `| metric | ${c.systems.map(md).join(' | ')} |`,
    `| --- | ${c.systems.map(() => '---:').join(' | ')} |`,
    ...c.rows.map((row) => `| ${md(row.label)} | ${row.cells.map((cell) => (cell.worse ? `**${md(cell.text)}** ▲` : md(cell.text))).join(' | ')} |`),
    '',
    '▲ marks the worse value of each row where the systems differ. Latency and lag are of the worst consumer application; cost per month is projected to 730 hours.',
  ];
}

/** The charts section: each chart's title, its SVG file beside the Markdown, and its caption. */
export function chartsMarkdown(charts: SvgChart[]): string[] {
  return [
    ...(charts.length > 0 ? ['## Charts', ''] : []),
    ...charts.flatMap(({ chart, file }) => [`### ${md(chart.title)}`, '', `![${md(chart.title)}](${file})`, '', md(chart.caption), '']),
  ];
}

/**
 * report.md: the header, the summary table and the charts as SVG images beside it, for a design
 * document or a pull request. Scenario strings are escaped (no HTML, no table breaks).
 */
export function renderReportMarkdown(s: RunSummary, charts: SvgChart[]): string {
  const lines = [
    `# ${md(s.scenario)}`,
    '',
    ...(s.description ? [md(s.description), ''] : []),
    `- **Duration** ${formatSeconds(s.durationSeconds)}, **seed** ${md(String(s.seed))}, **sample interval** ${formatSeconds(s.sampleIntervalSeconds)}${s.runId ? `, **run** ${md(s.runId)}` : ''}`,
    `- **Workload** ${md(s.workload.text)}`,
    ...s.timeline.map((e) => `- **At ${formatSeconds(e.atSeconds)}** ${md(e.label)}`),
    '',
    '## Summary',
    '',
    ...summaryTable(s),
    '',
    ...chartsMarkdown(charts),
  ];
  return lines.join('\n').replace(/\n+$/, '\n');
}
