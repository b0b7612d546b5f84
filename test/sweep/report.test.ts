import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Chart } from '../../src/report/chart-parts.ts';
import { renderWarnings } from '../report/compile-check.ts';
import { chartBundles } from '../../src/report/bundles.ts';
import { renderSweepHtml, renderSweepMarkdown } from '../../src/sweep/report/index.ts';
import { buildSweepCharts } from '../../src/sweep/report/charts.ts';
import { buildView } from '../../src/sweep/report/curves.ts';
import type { SweepResult } from '../../src/sweep/sweep-result.ts';
import { HOSTILE_NAME, LOG_RATES, RATE, SHARDS, failingSweep, logLoadSweep, twoAxisSweep } from './report-fixtures.ts';

type Node = any;
const chartsOf = (result: SweepResult) => buildSweepCharts(buildView(result));
const byId = (charts: Chart[], id: string) => charts.find((c) => c.id === id)!;
const layers = (chart: Chart): Node[] => (chart.spec.layer as Node[]) ?? [];
const lineLayer = (chart: Chart) => layers(chart).find((l) => l.mark.type === 'line' && l.encoding.color)!;

describe('a one-axis log sweep of the write rate on a 2-shard Kinesis stream and on Kafka', () => {
  const result = logLoadSweep();
  const charts = chartsOf(result);

  it('has the saturation curve, throttling, latency, lag and cost charts, in that order', () => {
    expect(charts.map((c) => c.id)).toEqual(['saturation', 'throttled-writes', 'throttled-reads', 'latency-1', 'lag', 'cost-month', 'cost-gb']);
  });

  it('leaves out the quota delay chart, since no Kafka client was ever delayed, but draws zero throttled reads on a 0-1 axis', () => {
    const reads = lineLayer(byId(charts, 'throttled-reads'));
    expect(reads.data.values.every((r: Node) => r.mean === 0)).toBe(true);
    expect(reads.encoding.y.scale).toEqual({ domain: [0, 1] });
  });

  it('plots the rate on a log axis from 500 to 8,000 records/s with round ticks', () => {
    const x = lineLayer(byId(charts, 'saturation')).encoding.x;
    expect(x.scale).toEqual({ type: 'log', domain: [500, 8000], nice: false, padding: 8 });
    expect(x.axis.values).toEqual([500, 1000, 2000, 5000]);
    expect(x.title).toBe('workload.producers[0].rate (records/s)');
  });

  it('the saturation curve: Kinesis accepts at most 2 × 1,000 records/s, Kafka all, over the offered line', () => {
    const chart = byId(charts, 'saturation');
    const rows: Node[] = lineLayer(chart).data.values;
    const kinesisTop = rows.filter((r) => r.curve === 'kinesis').at(-1);
    const kafkaTop = rows.filter((r) => r.curve === 'kafka').at(-1);
    expect(kinesisTop.x).toBe(8000);
    expect(kinesisTop.mean).toBeLessThanOrEqual(2000);
    expect(kafkaTop.mean).toBe(8000);
    const reference = layers(chart).find((l) => l.mark.type === 'line' && l.mark.strokeDash)!;
    expect(reference.data.values.map((p: Node) => p.y)).toEqual(LOG_RATES);
    expect(lineLayer(chart).encoding.y.scale.type).toBe('log');
  });

  it('every line chart has a 95 % band from low to high under its lines', () => {
    for (const chart of charts) {
      const band = layers(chart).find((l) => l.mark.type === 'area');
      const zero = lineLayer(chart).data.values.every((r: Node) => r.low === r.high);
      if (zero) continue; // nothing varies (all zero): no band to draw
      expect(band, chart.id).toBeDefined();
      expect(band.encoding.y.field).toBe('low');
      expect(band.encoding.y2.field).toBe('high');
    }
    const p99 = lineLayer(byId(charts, 'latency-1')).data.values.find((r: Node) => r.curve === 'kinesis' && r.series === 'p99' && r.x === 8000);
    expect([p99.low, p99.mean, p99.high]).toEqual([17000, 21000, 25000]);
  });

  it('marks the Kinesis knee at 1,900 records/s (where throttling starts) on every chart, and none for Kafka', () => {
    for (const chart of charts) {
      const rule = layers(chart).find((l) => l.mark.type === 'rule');
      expect(rule.data.values.map((k: Node) => k.x), chart.id).toEqual([1900]);
      const labels = layers(chart).filter((l) => l.mark.type === 'text').flatMap((l) => l.data.values.map((k: Node) => k.label));
      expect(labels).toContain('kinesis knee, throttling: 1,900 records/s');
    }
  });

  it('throttled writes per second are counts over the 120 s runs, and counters that never fire are named, not drawn', () => {
    const chart = byId(charts, 'throttled-writes');
    const rows: Node[] = lineLayer(chart).data.values;
    expect([...new Set(rows.map((r) => `${r.curve} ${r.series}`))]).toEqual(['kinesis WriteProvisionedThroughputExceeded']);
    const top = rows.at(-1);
    // (8,000 − 0.95 × 2,000) × 0.6 records/s throttled, as the fixture counts them over 120 s.
    expect(top.mean).toBeCloseTo((8000 - 1900) * 0.6, 6);
    expect(chart.caption).toContain('kafka produceRequestsThrottled; kafka bufferExhausted');
  });

  it('the page lists the knees at the top, explains the columns and escapes nothing it should not', () => {
    const html = renderSweepHtml(result);
    const knees = html.slice(html.indexOf('<section id="knees">'), html.indexOf('<section id="charts">'));
    expect(knees).toContain('Kinesis: throttling starts at 1,900 records/s; accepted below 99 % of offered from 2,050 records/s');
    expect(knees).toMatch(/<tr data-curve="kinesis" data-system="kinesis">.*<td>1,900 records\/s<\/td><td>2,050 records\/s<\/td><\/tr>/);
    expect(knees).toMatch(/<tr data-curve="kafka" data-system="kafka">.*<td>none up to 8,000 records\/s<\/td><td>none up to 8,000 records\/s<\/td><\/tr>/);
    expect(knees).toContain('Throttling starts at: the load (workload.producers[0].rate)');
    expect(html.indexOf('id="knees"')).toBeLessThan(html.indexOf('id="charts"'));
  });
});

describe('a two-axis sweep: the rate × 2, 4 or 8 Kinesis shards', () => {
  const result = twoAxisSweep();
  const charts = chartsOf(result);

  it('draws one curve per system and shard count, in shades of the system colour, light to dark', () => {
    const color = lineLayer(byId(charts, 'saturation')).encoding.color;
    expect(color.scale.domain).toEqual(['kinesis, shards 2', 'kinesis, shards 4', 'kinesis, shards 8', 'kafka']);
    const [light, mid, dark] = color.scale.range.slice(0, 3).map((hex: string) => parseInt(hex.slice(1, 3), 16) + parseInt(hex.slice(3, 5), 16) + parseInt(hex.slice(5, 7), 16));
    expect(light).toBeGreaterThan(mid);
    expect(mid).toBeGreaterThan(dark);
  });

  it('Kafka, whose results the Kinesis shard count does not change, is one curve with one knee row and no heatmap', () => {
    const view = buildView(result);
    expect(view.curves.filter((c) => c.system === 'kafka').map((c) => c.sameAcross)).toEqual([[SHARDS]]);
    const html = renderSweepHtml(result);
    expect(html.match(/<tr data-curve="kafka"/g)).toHaveLength(1);
    expect(html).toContain('kafka is the same at every value of systems.kinesis.shards: one curve.');
  });

  it('the linear axis has no log scale, and each shard count has its knee: 1,900, 3,800 and 7,600 records/s', () => {
    const chart = byId(charts, 'saturation');
    expect(lineLayer(chart).encoding.x.scale).toEqual({ domain: [1000, 10000], nice: false, zero: false, padding: 8 });
    const rule = layers(chart).find((l) => l.mark.type === 'rule');
    expect(rule.data.values.map((k: Node) => k.x)).toEqual([1900, 3800, 7600]);
  });

  it('Kinesis gets a heatmap of accepted share and p99 over rate × shards; 2 shards at 4,000 records/s accept about half', () => {
    expect(charts.filter((c) => c.id.startsWith('heatmap-')).map((c) => c.title)).toEqual(['kinesis: workload.producers[0].rate × systems.kinesis.shards']);
    const [share, p99] = byId(charts, 'heatmap-1').spec.vconcat as Node[];
    const cell = share.data.values.find((c: Node) => c.x === '4,000' && c.y === '2');
    expect(cell.acceptedPercent).toBeCloseTo((100 * 1990) / 4000, 6);
    expect(share.layer[0].encoding.color.scale.domain).toEqual([50, 90, 99]);
    expect(p99.layer[0].encoding.color.field).toBe('p99Ms');
  });

  it('the knee table has the p99 column of the sweep file’s 2,000 ms threshold', () => {
    const html = renderSweepHtml(result);
    expect(html).toContain('<th scope="col">p99 above 2,000 ms from</th>');
    expect(html).toMatch(/<tr data-curve="kinesis, shards 4" data-system="kinesis">.*<td>3,800 records\/s<\/td><td>4,000 records\/s<\/td><td>4,000 records\/s<\/td><\/tr>/);
  });
});

describe('a sweep with failed runs and no consumer applications', () => {
  const result = failingSweep();
  const charts = chartsOf(result);

  it('leaves out the latency and lag charts rather than drawing them empty', () => {
    expect(charts.map((c) => c.id)).toEqual(['saturation', 'throttled-writes', 'throttled-reads', 'cost-month', 'cost-gb']);
  });

  it('a point whose every replication failed has no value on any chart; the partial one keeps its two', () => {
    for (const chart of charts) {
      const rows: Node[] = lineLayer(chart).data.values;
      expect(rows.some((r) => r.x === 8000), chart.id).toBe(false);
    }
    const partial = lineLayer(byId(charts, 'saturation')).data.values.find((r: Node) => r.x === 4000);
    expect(partial.n).toBe(2);
  });

  it('the header counts the failures and names the points where they happened', () => {
    const html = renderSweepHtml(result);
    expect(html).toContain('<dt>runs</dt><dd>12, 4 failed</dd>');
    expect(html).toContain('kinesis at workload.producers[0].rate = 4,000 records/s: 1 of 3 replications failed');
    expect(html).toContain('kinesis at workload.producers[0].rate = 8,000 records/s: 3 of 3 replications failed');
  });

  it('escapes every string of the sweep: the name, the description and the knee text stay text', () => {
    const html = renderSweepHtml(result);
    expect(html).toContain('<h1>&#60;script&#62;alert(1)&#60;/script&#62;</h1>');
    expect(html).not.toContain(HOSTILE_NAME);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('Kinesis &#60;b&#62;bold&#60;/b&#62;');
  });
});

describe('real runs: the default clickstream from 1,000 to 32,000 records/s (scripts/sweep-readme-example.ts)', () => {
  const result = JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures', 'clickstream-load.json'), 'utf8')) as SweepResult;
  const charts = chartsOf(result);

  it('has a latency chart for each of its two applications, and no quota chart (no quotas configured)', () => {
    expect(charts.map((c) => c.id)).toEqual(['saturation', 'throttled-writes', 'throttled-reads', 'latency-1', 'latency-2', 'lag', 'cost-month', 'cost-gb']);
    expect(charts.filter((c) => c.id.startsWith('latency-')).map((c) => c.title)).toEqual([
      'End-to-end latency of analytics (ms, log scale)',
      'End-to-end latency of archiver (ms, log scale)',
    ]);
  });

  it('marks each system’s first condition: Kinesis falls below 99 % accepted, Kafka’s consumers pass the p99 threshold', () => {
    const rule = layers(byId(charts, 'saturation')).find((l) => l.mark.type === 'rule');
    const kinesis = result.knees.find((k) => k.system === 'kinesis')!;
    const kafka = result.knees.find((k) => k.system === 'kafka')!;
    expect(rule.data.values.map((k: Node) => k.x)).toEqual([kinesis.acceptedBelowShareFrom, kafka.latencyAboveFrom]);
  });
});

describe('sweep.html is self-contained and every chart compiles', () => {
  for (const [name, make] of Object.entries({ logLoadSweep, twoAxisSweep, failingSweep })) {
    it(`${name}: no external resource in the page`, () => {
      let html = renderSweepHtml(make());
      for (const code of chartBundles()) html = html.replace(code, ''); // the libraries' own code, not the page
      expect(html).not.toMatch(/<(script|img|iframe|link)[^>]+(src|href)\s*=/i);
      expect(html).not.toMatch(/@import|url\(\s*['"]?https?:/i);
      expect(html).toContain('<script type="application/json" id="chart-data">');
    });

    it(`${name}: every chart compiles and renders with no warning`, async () => {
      for (const chart of chartsOf(make())) {
        expect(await renderWarnings(chart.spec), chart.id).toEqual([]);
      }
    });
  }

  it('the same result gives the same bytes', () => {
    expect(renderSweepHtml(logLoadSweep())).toBe(renderSweepHtml(logLoadSweep()));
  });
});

describe('sweep.md', () => {
  it('lists the knees as sentences and as a table, and links an SVG file for every chart', async () => {
    const files = await renderSweepMarkdown(twoAxisSweep());
    const md = files.find((f) => f.name === 'sweep.md')!.content;
    expect(md).toContain('- Kinesis, 4 shards: throttling starts at 3,800 records/s');
    expect(md).toContain('| kinesis, shards 4 | 3,800 records/s | 4,000 records/s | 4,000 records/s |');
    const links = [...md.matchAll(/\]\((chart-[^)]+\.svg)\)/g)].map((m) => m[1]);
    expect(links).toEqual(chartsOf(twoAxisSweep()).map((c) => `chart-${c.id}.svg`));
    for (const link of links) expect(files.find((f) => f.name === link)?.content, link).toMatch(/^<svg/);
  }, 60_000);

  it('escapes the sweep’s strings for Markdown', async () => {
    const md = (await renderSweepMarkdown(failingSweep())).find((f) => f.name === 'sweep.md')!.content;
    expect(md.split('\n')[0]).toBe('# &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).not.toContain('<b>');
    expect(md).toContain('- kinesis at workload.producers\\[0\\].rate = 8,000 records/s: 3 of 3 replications failed');
  }, 60_000);
});

// The rate path is the one the fixtures vary; a typo there would make every test above vacuous.
it('the fixtures vary the producer rate', () => expect(logLoadSweep().axes[0].path).toBe(RATE));

describe('a sweep that varies nothing (a scenario and its replications)', () => {
  const stat = (mean: number, low: number, high: number) => ({ mean, low, high, n: 3 });
  const result: SweepResult = {
    name: 'one point',
    durationSeconds: 60,
    axes: [],
    combine: 'grid',
    points: [
      { system: 'kinesis', params: {}, failed: 0, metrics: { 'records.offered': stat(60_000, 59_500, 60_500), 'cost.perMonth': stat(21.9, 21.9, 21.9) } },
      { system: 'kafka', params: {}, failed: 0, metrics: { 'records.offered': stat(60_000, 59_500, 60_500), 'cost.perMonth': stat(1098, 1097, 1099) } },
    ],
    knees: [],
    runs: { total: 3, failed: 0 },
  };

  it('reports each metric per system with its interval, and draws no curves', async () => {
    const html = renderSweepHtml(result);
    expect(html).toContain('<th scope="col">kinesis</th><th scope="col">kafka</th>');
    expect(html).toContain('<td>records.offered</td><td>60,000 (59,500 to 60,500)</td>');
    expect(html).not.toContain('data-chart=');
    const [md] = await renderSweepMarkdown(result);
    expect(md.content).toContain('| cost.perMonth | 21.9 | 1,098 (1,097 to 1,099) |');
  });
});
