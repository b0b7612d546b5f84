import type { RunSummary } from '../simulation/result.ts';

/** summary.json text: two-space indented, key order as built, newline at the end. */
export function summaryToJson(summary: RunSummary): string {
  return JSON.stringify(summary, null, 2) + '\n';
}
