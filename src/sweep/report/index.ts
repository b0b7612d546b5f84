import { escapeHtml, escapeMarkdown } from '../../report/escape.ts';
import type { OutputFile } from '../../output/write.ts';
import { formatAxisValue } from '../knee.ts';
import type { SweepResult } from '../sweep-result.ts';

/**
 * The sweep report: sweep.html and, for pull requests, sweep.md. This page lists the knees and each
 * point's headline metrics in plain tables.
 */
export function renderSweepHtml(result: SweepResult): string {
  const columns = headline(result);
  const head = ['system', ...result.axes.map((a) => a.path), ...columns].map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const rows = result.points
    .map((p) => {
      const cells = [p.system, ...result.axes.map((a) => formatAxisValue(p.params[a.path], a.unit)), ...columns.map((c) => (p.metrics[c] ? formatMean(p.metrics[c].mean) : ''))];
      return `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
    })
    .join('\n');
  const knees = result.knees.map((k) => `<li>${escapeHtml(k.text)}</li>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(result.name)}: sweep</title></head>
<body>
<h1>${escapeHtml(result.name)}: sweep</h1>
${result.description ? `<p>${escapeHtml(result.description)}</p>` : ''}
<p>${result.runs.total} runs, ${result.runs.failed} failed or not run.</p>
<ul>
${knees}
</ul>
<table>
<thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body></html>
`;
}

export async function renderSweepMarkdown(result: SweepResult): Promise<OutputFile[]> {
  const columns = headline(result);
  const header = ['system', ...result.axes.map((a) => a.path), ...columns];
  const lines = [
    `# ${escapeMarkdown(result.name)}: sweep`,
    '',
    ...result.knees.map((k) => `- ${escapeMarkdown(k.text)}`),
    '',
    `| ${header.map(escapeMarkdown).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...result.points.map(
      (p) =>
        `| ${[p.system, ...result.axes.map((a) => formatAxisValue(p.params[a.path], a.unit)), ...columns.map((c) => (p.metrics[c] ? formatMean(p.metrics[c].mean) : ''))].map(escapeMarkdown).join(' | ')} |`,
    ),
    '',
  ];
  return [{ name: 'sweep.md', content: lines.join('\n') }];
}

function headline(result: SweepResult): string[] {
  const names = new Set(result.points.flatMap((p) => Object.keys(p.metrics)));
  return ['records.offeredPerSec', 'records.acceptedPerSec', 'throttled.WriteProvisionedThroughputExceeded', 'throttled.produceRequestsThrottled', 'cost.perMonth'].filter((n) => names.has(n));
}

const formatMean = (value: number): string => Number(value.toPrecision(4)).toLocaleString('en-US');
