/** Report formats: the page, one SVG per chart, and report.md (which shows those SVGs). */
export const REPORT_FORMATS = ['html', 'svg', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Reads `--format svg,md`; throws with the allowed names on an unknown one. */
export function parseReportFormats(text: string): ReportFormat[] {
  const names = text
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  const unknown = names.filter((n) => !(REPORT_FORMATS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new Error(`unknown report format ${unknown.join(', ')}: choose from ${REPORT_FORMATS.join(', ')}`);
  return REPORT_FORMATS.filter((f) => names.includes(f));
}
