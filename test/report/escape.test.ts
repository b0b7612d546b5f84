import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/report/html.ts';
import { renderReportMarkdown } from '../../src/report/markdown.ts';
import { buildCharts } from '../../src/report/charts.ts';
import { renderChartsSvg } from '../../src/report/svg.ts';
import { escapeHtml, jsonForScript } from '../../src/report/escape.ts';
import { syntheticResult } from './fixtures.ts';

const ATTACK = '<script>alert(1)</script>';

describe('escaping every string that comes from a scenario', () => {
  const result = syntheticResult({
    name: ATTACK,
    description: `a "quoted" & <b>bold</b> description ${ATTACK}`,
    apps: ['</script><script>alert(2)</script>', 'ok'],
    timeline: [{ atSeconds: 600, label: `kafka: failBroker 1 ${ATTACK}` }],
  });
  result.summary.workload.text = `clicks ${ATTACK}`;
  const html = renderReportHtml(result);

  it('a scenario named <script>alert(1)</script> appears as text, never as a tag', () => {
    expect(html).toContain('<h1>&#60;script&#62;alert(1)&#60;/script&#62;</h1>');
    expect(html).toContain('<title>&#60;script&#62;alert(1)&#60;/script&#62; – streamsim report</title>');
    expect(html).not.toContain('alert(1)</script>');
    expect(html).not.toContain('<b>bold</b>');
  });

  it('names inside chart data cannot close the JSON script tag', () => {
    expect(html).not.toMatch(/<\/script><script>alert\(2\)/);
    expect(html).toContain('\\u003c/script>\\u003cscript>alert(2)\\u003c/script>');
    // Every <script> the page opens is one of ours: 3 libraries, 1 data block, 1 per chart, 1 bootstrap.
    const opened = html.match(/<script[ >]/g)!.length;
    expect(opened).toBe(3 + 1 + buildCharts(result).length + 1);
  });

  it('the JSON round-trips: escaping changes the bytes, not the value', () => {
    const value = { name: ATTACK, sep: '\u2028' };
    expect(JSON.parse(jsonForScript(value))).toEqual(value);
    expect(escapeHtml(`"'&<>`)).toBe('&#34;&#39;&#38;&#60;&#62;');
  });

  it('report.md and the SVG charts carry the names as text', async () => {
    const svgs = await renderChartsSvg(buildCharts(result).filter((c) => c.id.startsWith('latency') || c.id === 'throttling'));
    const md = renderReportMarkdown(result.summary, svgs);
    expect(md).toContain('# &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).not.toContain('<script>');
    for (const { svg } of svgs) expect(svg).not.toMatch(/<script/i);
    expect(svgs.find((s) => s.chart.id === 'latency-1')!.svg).toContain('&lt;/script&gt;&lt;script&gt;alert(2)');
  });
});
