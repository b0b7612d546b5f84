import type { RunResult, RunSummary } from '../simulation/result.ts';
import { buildCharts } from './charts.ts';
import type { Chart } from './chart-parts.ts';
import { SYSTEM_COLOURS } from './chart-parts.ts';
import { compareSystems, type Comparison } from './comparison.ts';
import { BUNDLE_NOTICE, chartBundles } from './bundles.ts';
import { escapeHtml as esc, jsonForScript } from './escape.ts';
import { formatCount, formatSeconds } from './format.ts';
import { PAGE_STYLE } from './page-style.ts';
import { MAX_POINTS_PER_LINE } from './resample.ts';
import { UNPACK_SCRIPT, packCharts, type PackedCharts } from './pack.ts';

function swatch(system: string): string {
  return `<span class="swatch" style="background:${SYSTEM_COLOURS[system] ?? '#111827'}"></span>`;
}

function header(s: RunSummary): string {
  const systems = Object.keys(s.systems);
  const facts: [string, string][] = [
    ['duration', formatSeconds(s.durationSeconds)],
    ['seed', String(s.seed)],
    ['sample interval', formatSeconds(s.sampleIntervalSeconds)],
    ['systems', systems.length > 0 ? systems.join(' and ') : 'none (workload only)'],
  ];
  const timeline =
    s.timeline.length === 0
      ? ''
      : `<p class="label">Timeline</p><ol class="timeline">${s.timeline.map((e) => `<li><strong>${esc(formatSeconds(e.atSeconds))}</strong> ${esc(e.label)}</li>`).join('')}</ol>`;
  return `<header>
<p class="kicker">streamsim report</p>
<h1>${esc(s.scenario)}</h1>
${s.description ? `<p class="description">${esc(s.description)}</p>` : ''}
<dl class="facts">${facts.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>
<p class="workload"><span class="label">Workload</span>${esc(s.workload.text)}</p>
${timeline}
</header>`;
}

function comparisonTable(c: Comparison): string {
  const head = `<thead><tr><th scope="col">metric</th>${c.systems.map((s) => `<th scope="col" data-system="${esc(s)}">${swatch(s)}${esc(s)}</th>`).join('')}</tr></thead>`;
  let section = '';
  const body: string[] = [];
  for (const row of c.rows) {
    if (row.section !== section) {
      section = row.section;
      body.push(`<tr><th scope="rowgroup" colspan="${c.systems.length + 1}">${esc(section)}</th></tr>`);
    }
    const cells = row.cells.map((cell) => (cell.worse ? `<td class="worse" title="the worse value">${esc(cell.text)}</td>` : `<td>${esc(cell.text)}</td>`));
    body.push(`<tr data-metric="${esc(row.label)}"><td>${esc(row.label)}</td>${cells.join('')}</tr>`);
  }
  return `<table class="comparison">${head}<tbody>${body.join('\n')}</tbody></table>
<p class="note">▲ marks the worse value of each row where the systems differ. Latency and lag are of the worst consumer application; cost per month is projected to 730 hours.</p>`;
}

function workloadTable(s: RunSummary): string {
  const rows = Object.entries(s.workload.producers).map(
    ([name, p]) => `<tr data-metric="${esc(name)}"><td>${esc(name)}</td><td>${formatCount(p.offeredRecords)}</td><td>${formatCount(p.offeredBytes)}</td></tr>`,
  );
  return `<table class="workload-only"><thead><tr><th scope="col">producer</th><th scope="col">records offered</th><th scope="col">bytes offered</th></tr></thead><tbody>${rows.join('')}</tbody></table>
<p class="note">No system is configured in this scenario: the run simulated the workload alone.</p>`;
}

function figure(chart: Chart, packed: PackedCharts['specs'][number]): string {
  return `<figure id="${esc(chart.id)}"><div class="chart" data-chart="${esc(chart.id)}" data-datasets="${esc(packed.datasets.join(' '))}" role="img" aria-label="${esc(chart.title)}"></div>
<figcaption>${esc(chart.caption)}</figcaption>
<script type="application/json" id="spec-${esc(chart.id)}">${jsonForScript(packed.spec)}</script></figure>`;
}

/**
 * Unpacks each chart's data into its spec and renders it with vega-embed (no actions menu: its
 * "Open in Vega Editor" is a network link); `window.__charts` settles when every chart is drawn.
 */
const EMBED_SCRIPT = `${UNPACK_SCRIPT}
var streamsimData = JSON.parse(document.getElementById('chart-data').textContent);
window.__charts = Promise.all(Array.prototype.map.call(document.querySelectorAll('[data-chart]'), function (el) {
  var spec = JSON.parse(document.getElementById('spec-' + el.getAttribute('data-chart')).textContent);
  spec.datasets = {};
  el.getAttribute('data-datasets').split(' ').filter(Boolean).forEach(function (name) { spec.datasets[name] = streamsimUnpack(streamsimData[name]); });
  return vegaEmbed(el, spec, { actions: false, renderer: 'svg' }).then(
    function () { el.setAttribute('data-rendered', 'ok'); return true; },
    function (error) { el.setAttribute('data-rendered', 'error'); console.error(error); throw error; });
}));`;

/**
 * The report page: header, side-by-side summary, and the charts. Self-contained: the chart
 * libraries and the data are inlined, so it opens from file:// with no network request. Every
 * string from the scenario is escaped. Same result, same bytes (no dates, no random ids).
 */
export function renderReportHtml(result: RunResult, charts: Chart[] = buildCharts(result)): string {
  const s = result.summary;
  const comparison = compareSystems(s);
  const packed = packCharts(charts.map((c) => c.spec));
  const nav = charts.length > 1 ? `<nav><ol>${charts.map((c) => `<li><a href="#${esc(c.id)}">${esc(c.title)}</a></li>`).join('')}</ol></nav>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="streamsim">${s.runId ? `\n<meta name="streamsim-run" content="${esc(s.runId)}">` : ''}
<title>${esc(s.scenario)} – streamsim report</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
${header(s)}
<main>
<section id="summary"><h2>Summary</h2>
${comparison.systems.length > 0 ? comparisonTable(comparison) : workloadTable(s)}
</section>
<section id="charts"><h2>Charts</h2>
${nav}
${charts.length > 0 ? charts.map((c, i) => figure(c, packed.specs[i])).join('\n') : '<p class="note">The run produced no time series to chart.</p>'}
</section>
</main>
<footer>Generated by streamsim from summary.json and series.csv. Time charts show at most ${MAX_POINTS_PER_LINE} points per line; dashed vertical lines are timeline actions. ${esc(BUNDLE_NOTICE)}</footer>
${chartBundles()
  .map((code) => `<script>${code}</script>`)
  .join('\n')}
<script type="application/json" id="chart-data">${jsonForScript(packed.datasets)}</script>
<script>${EMBED_SCRIPT}</script>
</body>
</html>
`;
}
