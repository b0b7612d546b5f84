import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CHROMIUM, hasChromium, launchBrowser, openChartPage } from './browser.ts';
import { renderReportHtml } from '../../src/report/html.ts';
import { buildCharts } from '../../src/report/charts.ts';
import { compareSystems } from '../../src/report/comparison.ts';
import { parse as parseYaml } from 'yaml';
import { loadScenarioFile } from '../../src/scenario/load.ts';
import type { Override } from '../../src/scenario/override.ts';
import { ScenarioError } from '../../src/scenario/problem.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { runScenario } from '../../src/simulation/run.ts';
import { parseScenario } from '../../src/scenario/load.ts';
import type { RunResult } from '../../src/simulation/result.ts';
import { syntheticResult, tempDir } from './fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCREENSHOTS = path.join(ROOT, 'test-output', 'report');
const SCENARIOS = path.join(ROOT, 'scenarios');
/** Scenario files are run this long in the test (their timeline and rate steps scaled to fit). */
const SHORT_RUN_SECONDS = 240;
/** Simulating both systems for those minutes takes tens of seconds on a busy 2-core machine. */
const SCENARIO_TIMEOUT_MS = 300_000;

if (!hasChromium) {
  console.warn(`report.e2e: SKIPPED: no Chromium at ${CHROMIUM}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
}

/**
 * A scenario file shortened to `seconds`, every time in it (timeline actions, rate steps, consumer
 * start times) scaled by the same factor, so the short run keeps its shape and its timeline rules.
 * Actions that the scaled times make impossible (a second reshard while the first is still under
 * way) are left out, since the real system would refuse them too.
 */
function loadShortened(file: string, seconds: number): Scenario {
  const s = loadScenarioFile(file);
  const factor = Math.min(1, (seconds * 1e6) / s.duration);
  const at = (micros: number) => `${Math.round((micros * factor) / 1000)}ms`;
  const overrides: Override[] = [
    { path: 'duration', value: `${Math.round((s.duration * factor) / 1000)}ms` },
    { path: 'sampleInterval', value: `${Math.max(1, Math.round(seconds / 120))}s` },
  ];
  s.workload.consumers.forEach((c, i) => c.startAt > 0 && overrides.push({ path: `workload.consumers.${i}.startAt`, value: at(c.startAt) }));
  s.workload.producers.forEach((p, i) => {
    if ('schedule' in p.rate) p.rate.schedule.forEach((step, j) => overrides.push({ path: `workload.producers.${i}.rate.schedule.${j}.at`, value: at(step.at) }));
  });
  const raw = (parseYaml(readFileSync(file, 'utf8')) as { timeline?: Record<string, unknown>[] }).timeline ?? [];
  let timeline = raw.map((entry, i) => ({ ...entry, at: at(s.timeline[i].at) }));
  for (;;) {
    try {
      return loadScenarioFile(file, [...overrides, { path: 'timeline', value: JSON.stringify(timeline) }]);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      const indices = error.problems.map((p) => /^timeline\.(\d+)\./.exec(p.path)?.[1]);
      if (indices.some((i) => i === undefined)) throw error;
      const refused = new Set(indices.map(Number));
      timeline = timeline.filter((_, i) => !refused.has(i));
    }
  }
}

interface PageCheck {
  problems: string[];
  containers: number;
  rendered: number;
  systemHeaders: string[];
  metricRows: number;
  cellsPerRow: number[];
  heading: string;
}

describe.skipIf(!hasChromium)('report pages in a real browser (Chromium)', () => {
  let browser: Browser;
  const dir = tempDir('e2e');

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  async function open(result: RunResult, name: string): Promise<PageCheck> {
    const file = path.join(dir, `${name}.html`);
    writeFileSync(file, renderReportHtml(result));
    const { page, problems } = await openChartPage(browser, file);
    const check: PageCheck = {
      problems,
      containers: await page.locator('[data-chart]').count(),
      rendered: await page.locator('[data-chart][data-rendered="ok"] svg.marks').count(),
      systemHeaders: await page.locator('table.comparison thead th[data-system]').allTextContents(),
      metricRows: await page.locator('table.comparison tbody tr[data-metric]').count(),
      cellsPerRow: await page.locator('table.comparison tbody tr[data-metric]').evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td').length)),
      heading: (await page.locator('h1').textContent()) ?? '',
    };
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    await page.close();
    return check;
  }

  function expectComplete(check: PageCheck, result: RunResult) {
    expect(check.problems).toEqual([]);
    expect(check.containers).toBe(buildCharts(result).length);
    expect(check.rendered).toBe(check.containers);
    const table = compareSystems(result.summary);
    expect(check.systemHeaders).toEqual(table.systems);
    expect(check.metricRows).toBe(table.rows.length);
    for (const cells of check.cellsPerRow) expect(cells).toBe(1 + table.systems.length);
  }

  it('a run of both systems renders every chart and the side-by-side table, offline and without a warning', async () => {
    const result = syntheticResult();
    const check = await open(result, 'synthetic-both-systems');
    expect(check.containers).toBe(12);
    expectComplete(check, result);
  });

  it('a workload-only run renders its throughput charts and the producer table', async () => {
    const text = 'name: workload only\nduration: 10m\nworkload:\n  producers:\n    - {name: clicks, rate: 1000/s}\n  consumers:\n    - {name: analytics}\n';
    const result = runScenario(parseScenario(text, 'w.yaml'));
    const check = await open(result, 'workload-only');
    expect(check.problems).toEqual([]);
    expect(check.containers).toBe(2);
    expect(check.rendered).toBe(2);
    expect(check.systemHeaders).toEqual([]);
  });

  it('a scenario named <script>alert(1)</script> shows that text as its title and runs no script of it', async () => {
    const result = syntheticResult({ name: '<script>alert(1)</script>', apps: ['</script><script>alert(2)</script>'] });
    const check = await open(result, 'escaping');
    expect(check.heading).toBe('<script>alert(1)</script>');
    expectComplete(check, result); // no dialog, no error, every chart drawn
  });

  const files = existsSync(SCENARIOS) ? readdirSync(SCENARIOS).filter((f) => /\.(ya?ml|json)$/.test(f)).sort() : [];
  it('scenarios/ holds the default scenario', () => expect(files).toContain('default.yaml'));

  for (const name of files) {
    it(`scenarios/${name}, shortened to ${SHORT_RUN_SECONDS / 60} min, renders a complete report`, async (ctx) => {
      const file = path.join(SCENARIOS, name);
      let result: RunResult;
      try {
        result = runScenario(loadShortened(file, SHORT_RUN_SECONDS));
      } catch (error) {
        // Until both system models have landed, a scenario that uses a missing one cannot run yet.
        if (/not implemented yet/.test((error as Error).message)) return ctx.skip(`scenarios/${name}: ${(error as Error).message}`);
        throw error;
      }
      const check = await open(result, `scenario-${name.replace(/\.\w+$/, '')}`);
      expect(check.containers).toBeGreaterThan(0);
      expectComplete(check, result);
    }, SCENARIO_TIMEOUT_MS);
  }
});
