/** The library API: what the CLI uses, and what other programs and tests can call. */
export { loadScenarioFile, parseScenario, parseOverride, type Override } from './scenario/load.ts';
export { scenarioSchema, scenarioJsonSchema, type Scenario } from './scenario/schema.ts';
export { ScenarioError, formatProblem, type Problem } from './scenario/problem.ts';
export { runScenario, type RunOptions } from './simulation/run.ts';
export type { RunResult, RunSummary, SystemSummary, SeriesTable } from './simulation/result.ts';
export { seriesToCsv, csvToSeries } from './output/csv.ts';
export { runDataFiles } from './output/run-id.ts';
export { summaryToJson } from './output/summary-json.ts';
export { writeOutputsAtomically, defaultOutputDir } from './output/write.ts';
export { summaryTable } from './output/table.ts';
export { renderReportHtml, renderReportMarkdown, reportOutputs, readRunOutputs, parseReportFormats, type ReportFormat } from './report/index.ts';
export { conservationViolations, runConservationViolations } from './simulation/conservation.ts';
