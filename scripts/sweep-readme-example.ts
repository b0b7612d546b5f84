/**
 * The README's sweep picture, from a real sweep: the default clickstream (scenarios/default.yaml,
 * its timeline removed, at a constant rate) at 11 rates from 1,000 to 32,000 records/s on a log
 * scale, 3 replications each, 2 simulated minutes per run. Writes the sweep result, which the
 * report tests also read (test/sweep/fixtures/clickstream-load.json), and the saturation chart
 * (docs/images/sweep-saturation.svg).
 *
 *   npx tsx scripts/sweep-readme-example.ts              runs the sweep (a few minutes), then draws
 *   npx tsx scripts/sweep-readme-example.ts --from F     draws the picture from the sweep result in F
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { collectSweep, defaultWorkers, parseSweep, planSweep, runSweepRuns, writePlan, type SweepResult } from '../src/sweep/index.ts';
import { renderSvg } from '../src/report/svg.ts';
import { buildSweepCharts } from '../src/sweep/report/charts.ts';
import { buildView } from '../src/sweep/report/curves.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SCENARIO = 'scenarios/default.yaml';
const RESULT_FILE = path.join(ROOT, 'test/sweep/fixtures/clickstream-load.json');
const PICTURE_FILE = path.join(ROOT, 'docs/images/sweep-saturation.svg');

/** The default scenario as a sweep file: a constant rate, no timeline, and the sweep section. */
function sweepText(): string {
  const doc = parseDocument(readFileSync(path.join(ROOT, SCENARIO), 'utf8'));
  doc.set('name', 'default clickstream under increasing load');
  doc.set('description', `${SCENARIO} at a constant rate from 1,000 to 32,000 records/s, without its timeline: Kinesis with 8 shards and the KPL, Kafka with 3 brokers, two consumer applications.`);
  doc.set('duration', '2m');
  doc.delete('timeline');
  doc.setIn(['workload', 'producers', 0, 'rate'], '1000/s');
  doc.set('sweep', {
    seed: 1,
    replications: 3,
    vary: { 'workload.producers[0].rate': { from: '1000/s', to: '32000/s', steps: 11, scale: 'log' } },
    knee: { acceptedShare: 0.99, p99LatencyMs: 5000 },
  });
  return String(doc);
}

async function runSweep(): Promise<SweepResult> {
  const plan = planSweep(parseSweep(sweepText(), SCENARIO));
  const dir = mkdtempSync(path.join(tmpdir(), 'streamsim-readme-sweep-'));
  try {
    writePlan(dir, plan);
    const outcome = await runSweepRuns(dir, plan, plan.runs, { workers: defaultWorkers() });
    if (outcome.failed.length > 0) throw new Error(`runs failed: ${outcome.failed.join(', ')}`);
    return collectSweep(dir, plan).result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const from = process.argv.indexOf('--from');
const result: SweepResult = from > 0 ? JSON.parse(readFileSync(process.argv[from + 1], 'utf8')) : await runSweep();
if (from < 0) writeFileSync(RESULT_FILE, `${JSON.stringify(result, null, 1)}\n`);
const chart = buildSweepCharts(buildView(result)).find((c) => c.id === 'saturation')!;
// An opaque background: the README is also read in dark mode.
mkdirSync(path.dirname(PICTURE_FILE), { recursive: true });
writeFileSync(PICTURE_FILE, await renderSvg({ ...chart.spec, background: '#ffffff', padding: 12 }));
process.stderr.write(`wrote ${path.relative(ROOT, PICTURE_FILE)}${from < 0 ? ` and ${path.relative(ROOT, RESULT_FILE)}` : ''}\n`);
