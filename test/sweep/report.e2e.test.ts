import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CHROMIUM, hasChromium, launchBrowser, openChartPage } from '../report/browser.ts';
import { tempDir } from '../report/fixtures.ts';
import { renderSweepHtml } from '../../src/sweep/report/index.ts';
import { buildSweepCharts } from '../../src/sweep/report/charts.ts';
import { buildView } from '../../src/sweep/report/curves.ts';
import type { SweepResult } from '../../src/sweep/sweep-result.ts';
import { HOSTILE_NAME, failingSweep, logLoadSweep, twoAxisSweep } from './report-fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCREENSHOTS = path.join(ROOT, 'test-output', 'sweep');
/** Real runs of the default clickstream at 11 rates (scripts/sweep-readme-example.ts). */
const CLICKSTREAM = path.join(import.meta.dirname, 'fixtures', 'clickstream-load.json');

if (!hasChromium) console.warn(`sweep report.e2e: SKIPPED: no Chromium at ${CHROMIUM}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);

interface SweepPageCheck {
  problems: string[];
  heading: string;
  containers: number;
  /** Per chart: how many line, area and rect marks it drew (every view of a chart must draw some). */
  marksPerChart: { id: string; rendered: boolean; views: number; emptyViews: number }[];
  kneeRows: number;
}

describe.skipIf(!hasChromium)('sweep.html in a real browser (Chromium)', () => {
  let browser: Browser;
  const dir = tempDir('sweep-e2e');

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  async function open(result: SweepResult, name: string): Promise<SweepPageCheck> {
    const file = path.join(dir, `${name}.html`);
    writeFileSync(file, renderSweepHtml(result));
    const { page, problems } = await openChartPage(browser, file);
    const check: SweepPageCheck = {
      problems,
      heading: (await page.locator('h1').textContent()) ?? '',
      containers: await page.locator('[data-chart]').count(),
      // A view is a group of marks with its own axes (one per chart, two per heatmap panel pair).
      marksPerChart: await page.locator('[data-chart]').evaluateAll((charts) =>
        charts.map((el) => {
          const scopes = [...el.querySelectorAll('svg.marks g.mark-group.role-scope')];
          const views = scopes.length > 0 ? scopes : [...el.querySelectorAll('svg.marks g.mark-group.role-frame')];
          const drawn = (g: Element) => g.querySelectorAll('g.mark-line path, g.mark-area path, g.mark-rect path, g.mark-symbol path').length > 0;
          return { id: el.getAttribute('data-chart') ?? '', rendered: el.getAttribute('data-rendered') === 'ok' && el.querySelector('svg.marks') !== null, views: views.length, emptyViews: views.filter((g) => !drawn(g)).length };
        }),
      ),
      kneeRows: await page.locator('table.knees tbody tr').count(),
    };
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    await page.close();
    return check;
  }

  function expectComplete(check: SweepPageCheck, result: SweepResult) {
    expect(check.problems).toEqual([]);
    const view = buildView(result);
    expect(check.marksPerChart.map((c) => c.id)).toEqual(buildSweepCharts(view).map((c) => c.id));
    for (const chart of check.marksPerChart) {
      expect(chart.rendered, chart.id).toBe(true);
      expect(chart.views, chart.id).toBeGreaterThan(0);
      expect(chart.emptyViews, chart.id).toBe(0);
    }
    expect(check.kneeRows).toBe(view.curves.length);
  }

  it('a one-axis log sweep of both systems draws its 7 charts with their lines, offline and without a warning', async () => {
    const result = logLoadSweep();
    const check = await open(result, 'log-load');
    expect(check.containers).toBe(7);
    expectComplete(check, result);
  });

  it('a two-axis sweep draws its line charts and a two-panel heatmap for Kinesis (Kafka does not depend on its shards)', async () => {
    const result = twoAxisSweep();
    const check = await open(result, 'two-axis');
    const heatmaps = check.marksPerChart.filter((c) => c.id.startsWith('heatmap-'));
    expect(heatmaps.map((h) => h.views)).toEqual([2]);
    expectComplete(check, result);
  });

  it(`a sweep named ${HOSTILE_NAME} with failed runs shows the name as text and runs no script of it`, async () => {
    const result = failingSweep();
    const check = await open(result, 'failures-escaping');
    expect(check.heading).toBe(HOSTILE_NAME);
    expectComplete(check, result); // no dialog, no error, every chart drawn
  });

  it.skipIf(!existsSync(CLICKSTREAM))('the default clickstream swept from 1,000 to 32,000 records/s (real runs) renders completely', async () => {
    const result = JSON.parse(readFileSync(CLICKSTREAM, 'utf8')) as SweepResult;
    const check = await open(result, 'clickstream-load');
    expect(check.containers).toBeGreaterThanOrEqual(8);
    expectComplete(check, result);
  });
});
