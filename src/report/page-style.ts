/** The page's stylesheet: readable on screen and in print, one colour per system as in the charts. */
export const PAGE_STYLE = `
:root { --ink: #111827; --muted: #4b5563; --line: #e5e7eb; --panel: #f8fafc; --worse: #fde8e8; --worse-ink: #9b1c1c; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header, main, footer { max-width: 920px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 28px; padding-bottom: 8px; border-bottom: 1px solid var(--line); }
.kicker { margin: 0; color: var(--muted); font-size: 12px; letter-spacing: .06em; text-transform: uppercase; }
h1 { margin: 2px 0 6px; font-size: 26px; line-height: 1.25; overflow-wrap: anywhere; }
h2 { margin: 28px 0 10px; font-size: 18px; }
.description { margin: 0 0 12px; color: #1f2937; max-width: 70ch; overflow-wrap: anywhere; }
.facts { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 0 0 10px; padding: 0; }
.facts div { display: flex; gap: 6px; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
.workload, .timeline { margin: 0 0 10px; overflow-wrap: anywhere; }
.timeline { padding-left: 20px; margin-top: 2px; }
p.label { margin: 0; }
.label { color: var(--muted); margin-right: 6px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: right; }
th:first-child, td:first-child { text-align: left; }
thead th { font-size: 13px; border-bottom: 2px solid #d1d5db; text-transform: capitalize; }
tbody th[scope=rowgroup] { text-align: left; background: var(--panel); color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .05em; }
tbody td:first-child { padding-left: 18px; }
td.worse { background: var(--worse); color: var(--worse-ink); font-weight: 600; }
td.worse::after { content: " ▲"; font-size: 10px; }
.note { color: var(--muted); font-size: 12px; margin: 6px 0 0; }
nav ol { columns: 2; margin: 0; padding-left: 20px; color: var(--muted); }
nav a { color: #1d4ed8; text-decoration: none; }
figure { margin: 18px 0 26px; break-inside: avoid; }
.chart { min-height: 60px; overflow-x: auto; }
figcaption { color: var(--muted); font-size: 12px; margin-top: 4px; max-width: 80ch; }
footer { margin-top: 24px; padding-top: 10px; padding-bottom: 28px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
@media print { header, main, footer { max-width: none; } }
`;
