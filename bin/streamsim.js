#!/usr/bin/env node
// Runs the compiled CLI in dist/, which `npm ci` (through the `prepare` script) or `npm run build` makes.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (existsSync(cli)) {
  await import(cli.href);
} else {
  process.stderr.write('streamsim: the compiled CLI (dist/) is missing: run npm ci or npm run build\n');
  process.exitCode = 1;
}
