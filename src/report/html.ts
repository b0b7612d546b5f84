import type { RunResult } from '../simulation/result.ts';
import { summaryTable } from '../output/table.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The report page. (Charts come with the report issue; for now the summary table.) */
export function renderReportHtml(result: RunResult): string {
  const s = result.summary;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(s.scenario)} – streamsim</title></head>
<body><h1>${escapeHtml(s.scenario)}</h1><p>${escapeHtml(s.description)}</p><p>${escapeHtml(s.workload.text)}</p>
<pre>${escapeHtml(summaryTable(s))}</pre></body></html>
`;
}
