import type { Chart } from './chart-parts.ts';
import { SYSTEM_COLOURS } from './chart-parts.ts';
import { BUNDLE_NOTICE, chartBundles } from './bundles.ts';
import { escapeHtml as esc, jsonForScript } from './escape.ts';
import { PAGE_STYLE } from './page-style.ts';
import { UNPACK_SCRIPT, packCharts, type PackedCharts } from './pack.ts';

/** A chart page: the report of a run and the report of a sweep share this frame and its scripts. */
export interface ChartPage {
  /** The document title, as plain text. */
  title: string;
  /** Extra style rules for this page, after the shared stylesheet. */
  style?: string;
  /** The page header, as HTML (its strings already escaped). */
  header: string;
  /** Sections before the charts, as HTML. */
  sections: string;
  charts: Chart[];
  /** Said in place of the charts when there are none, as plain text. */
  noCharts: string;
  /** The footer's first sentences, as plain text (the licence notice of the inlined bundles follows). */
  footer: string;
  /** The run the page shows (summary.json's runId), named in a meta tag so that a page can be matched with its data. */
  runId?: string;
}

export function swatch(colour: string): string {
  return `<span class="swatch" style="background:${esc(colour)}"></span>`;
}

export const systemSwatch = (system: string) => swatch(SYSTEM_COLOURS[system] ?? '#111827');

/** Facts of the header as `name value` pairs on one wrapping line. */
export function factList(facts: [string, string][]): string {
  return `<dl class="facts">${facts.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>`;
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
 * The page around the charts. Self-contained: the chart libraries and the data are inlined, so it
 * opens from file:// with no network request. Same input, same bytes (no dates, no random ids).
 */
export function renderChartPage(page: ChartPage): string {
  const packed = packCharts(page.charts.map((c) => c.spec));
  const nav = page.charts.length > 1 ? `<nav><ol>${page.charts.map((c) => `<li><a href="#${esc(c.id)}">${esc(c.title)}</a></li>`).join('')}</ol></nav>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="streamsim">${page.runId ? `\n<meta name="streamsim-run" content="${esc(page.runId)}">` : ''}
<title>${esc(page.title)}</title>
<style>${PAGE_STYLE}${page.style ?? ''}</style>
</head>
<body>
${page.header}
<main>
${page.sections}
<section id="charts"><h2>Charts</h2>
${nav}
${page.charts.length > 0 ? page.charts.map((c, i) => figure(c, packed.specs[i])).join('\n') : `<p class="note">${esc(page.noCharts)}</p>`}
</section>
</main>
<footer>${esc(page.footer)} ${esc(BUNDLE_NOTICE)}</footer>
${chartBundles()
  .map((code) => `<script>${code}</script>`)
  .join('\n')}
<script type="application/json" id="chart-data">${jsonForScript(packed.datasets)}</script>
<script>${EMBED_SCRIPT}</script>
</body>
</html>
`;
}
