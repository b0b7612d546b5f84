/**
 * Pins the golden runs (test/golden/runs/) to what the scenarios write now: run it after a change
 * that is meant to move outputs, and say in the commit which outputs moved and why.
 *
 *   npm run golden:update                   every file in scenarios/
 *   npm run golden:update -- default.yaml   only the files named
 */
import { goldenChange, readGolden, runGolden, scenarioFiles, writeGolden } from '../test/golden/golden.ts';

const named = process.argv.slice(2);
const files = named.length > 0 ? named : scenarioFiles();
for (const file of files) {
  if (!scenarioFiles().includes(file)) {
    console.error(`scenarios/${file}: no such scenario`);
    process.exit(2);
  }
  const now = runGolden(file);
  const change = goldenChange(readGolden(file), now);
  writeGolden(now);
  console.log(change ?? `${file}: unchanged`);
}
