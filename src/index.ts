/**
 * streamsim as a library: what the CLI uses, and what other programs and tests can call
 * (`import { loadScenarioFile, runScenario } from 'streamsim'`; see docs/library.md).
 * The data flows one way: a scenario file, a Scenario, a RunResult, then its output files.
 */

// Scenarios: read a file (YAML or JSON) or text, check it, fill in the defaults. Invalid input
// throws a ScenarioError that holds every problem with its file:line:col.
export { loadScenarioFile, parseScenario, type LoadOptions } from './scenario/load.ts';
export { parseOverride, type Override } from './scenario/override.ts';
export { scenarioSchema, scenarioJsonSchema, scenarioJsonSchemaText, type Scenario } from './scenario/schema.ts';
export { ScenarioError, formatProblem, type Problem } from './scenario/problem.ts';

// Runs: a scenario in, a summary and a time series out; the same scenario and seed give the same result.
export { runScenario, type RunOptions, type RunProgress } from './simulation/run.ts';
export type { RunResult, RunSummary, SystemSummary, RecordCounts, ConsumerSummary, CostSummary, WorkloadSummary, SeriesTable } from './simulation/result.ts';
export { conservationViolations, runConservationViolations } from './simulation/conservation.ts';

// Outputs: summary.json, series.csv, the terminal table, and writing files so that a failure leaves
// the previous outputs in place.
export { summaryToJson } from './output/summary-json.ts';
export { seriesToCsv, csvToSeries } from './output/csv.ts';
export { summaryTable } from './output/table.ts';
export { writeOutputsAtomically, defaultOutputDir, OutputWriteError, type OutputFile } from './output/write.ts';
export { runDataFiles } from './output/run-id.ts';
export { writeFilesInFolder } from './output/shared-folder.ts';

// The report: report.html (self-contained, works offline), SVG charts and report.md, from a run's
// result or from the summary.json and series.csv of an earlier run.
export { renderReport } from './report/outputs.ts';
export { parseReportFormats, REPORT_FORMATS, type ReportFormat } from './report/formats.ts';
export { renderReportHtml, renderReportMarkdown, readRunOutputs } from './report/index.ts';

// Sweeps: a scenario across loads and configurations (plan, run on workers or batch tasks, collect).
export {
  loadSweepFile,
  parseSweep,
  planSweep,
  runScenarioOf,
  planJsonl,
  runsOfShare,
  writePlan,
  readPlan,
  runSweepRuns,
  collectSweep,
  sweepOutputs,
  findKnees,
  shareFromEnvironment,
  emitJob,
  type SweepDefinition,
  type SweepPlan,
  type PlannedRun,
  type SweepResult,
  type Knee,
} from './sweep/index.ts';
export { renderSweepHtml, renderSweepMarkdown } from './sweep/report/index.ts';
