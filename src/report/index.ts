/** The report: charts built from a run's series, as an HTML page, SVG files and Markdown. */
export { buildCharts } from './charts.ts';
export type { Chart, VegaLiteSpec } from './chart-parts.ts';
export { renderReportHtml } from './html.ts';
export { renderReportMarkdown } from './markdown.ts';
export { renderSvg, renderChartsSvg, CollectingLogger } from './svg.ts';
export { compareSystems } from './comparison.ts';
export { renderReport } from './outputs.ts';
export { parseReportFormats, REPORT_FORMATS, type ReportFormat } from './formats.ts';
export { readRunOutputs } from './read-run.ts';
