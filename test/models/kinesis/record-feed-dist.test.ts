import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

/**
 * The compiled package runs the record feed's worker thread from dist/: the worker's entry (a .mjs
 * file the build copies) loads the compiled feed-worker.js beside it, with no TypeScript loader. A Node process (not Vitest) imports the compiled modules,
 * runs the hot-key scenario for ten minutes with and without a feed, and prints both summaries.
 */
const SCRIPT = `
import { RecordFeed } from './dist/models/kinesis/record-feed.js';
import { loadScenarioFile, runScenario, summaryToJson } from './dist/index.js';
const scenario = loadScenarioFile('scenarios/kinesis-hot-key.yaml', [{ path: 'duration', value: '10m' }]);
RecordFeed.minRecords = Number.POSITIVE_INFINITY;
const alone = summaryToJson(runScenario(scenario).summary);
RecordFeed.minRecords = 0;
const groupsUntil = RecordFeed.prototype.groupsUntil;
let fedWindows = 0;
RecordFeed.prototype.groupsUntil = function (...args) {
  const fed = groupsUntil.apply(this, args);
  if (fed) fedWindows++;
  return fed;
};
const fed = summaryToJson(runScenario(scenario).summary);
console.log(JSON.stringify({ same: fed === alone, fedWindows }));
`;

describe('the record feed worker from the compiled dist/', () => {
  it('runs compiled JavaScript and gives the summary of the run without a feed', () => {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    const { same, fedWindows } = JSON.parse(result.stdout) as { same: boolean; fedWindows: number };
    expect(fedWindows).toBeGreaterThan(0);
    expect(same).toBe(true);
  });
});
