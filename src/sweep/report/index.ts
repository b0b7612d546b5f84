/** The sweep report: sweep.html, and sweep.md with the SVG charts it shows. */
export { renderSweepHtml } from './html.ts';
export { renderSweepMarkdown } from './markdown.ts';
