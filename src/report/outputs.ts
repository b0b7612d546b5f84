import type { OutputFile } from '../output/write.ts';
import type { RunResult } from '../simulation/result.ts';
import { buildCharts } from './charts.ts';
import { renderReportHtml } from './html.ts';
import { renderReportMarkdown } from './markdown.ts';
import { renderChartsSvg } from './svg.ts';
import type { ReportFormat } from './formats.ts';

/**
 * The report files of a run in the given formats: report.html; chart-<id>.svg for each chart; and
 * report.md, which links those SVGs (so `md` writes them too). Charts are built once for all.
 */
export async function renderReport(result: RunResult, formats: readonly ReportFormat[] = ['html']): Promise<OutputFile[]> {
  const charts = buildCharts(result);
  const files: OutputFile[] = [];
  if (formats.includes('html')) files.push({ name: 'report.html', content: renderReportHtml(result, charts) });
  if (formats.includes('svg') || formats.includes('md')) {
    const svgs = await renderChartsSvg(charts);
    files.push(...svgs.map((s) => ({ name: s.file, content: s.svg })));
    if (formats.includes('md')) files.push({ name: 'report.md', content: renderReportMarkdown(result.summary, svgs) });
  }
  return files;
}
