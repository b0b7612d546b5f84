import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

/**
 * The browser builds of vega, vega-lite and vega-embed, to inline in the page so it works offline
 * from file://. The packages' export maps block deep paths, so each package's entry point (which
 * sits in its build/ folder) is resolved and the UMD file read beside it (docs/reports.md#how-it-is-built).
 */
const BUNDLES = [
  { pkg: 'vega', file: 'vega.min.js' },
  { pkg: 'vega-lite', file: 'vega-lite.min.js' },
  { pkg: 'vega-embed', file: 'vega-embed.min.js' },
] as const;

let cached: string[] | undefined;

function readBundle(pkg: string, file: string): string {
  const dir = path.dirname(createRequire(import.meta.url).resolve(pkg));
  return readFileSync(path.join(dir, file), 'utf8')
    .replace(/\/\/# sourceMappingURL=\S+\s*$/m, '') // the maps are not shipped: a reference would be a failed request
    .replace(/<\/(script)/gi, '<\\/$1'); // a "</script" would end the inline tag early (none today; defensive)
}

/** The three scripts in load order (vega, then vega-lite, then vega-embed), read once per process. */
export function chartBundles(): string[] {
  cached ??= BUNDLES.map((b) => readBundle(b.pkg, b.file));
  return cached;
}

export const BUNDLE_NOTICE =
  'vega, vega-lite and vega-embed are inlined below: Copyright (c) the University of Washington Interactive Data Lab, BSD-3-Clause licence (https://github.com/vega).';
