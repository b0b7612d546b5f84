import { describe, expect, it } from 'vitest';
import { runConservationViolations } from '../../src/index.ts';
import { goldenChange, readGolden, runGolden } from './golden.ts';

/**
 * Runs each scenario in full: its records are all accounted for (docs/design.md#conservation), and
 * it writes what its golden run pins, event for event. A change prints one line per scenario; if it
 * is meant, `npm run golden:update` pins the new runs.
 */
/** A full scenario takes seconds on a quiet machine; a shared one can be many times slower. */
const RUN_TIMEOUT_MS = 600_000;

export function checkGoldenRuns(title: string, files: readonly string[]): void {
  describe(title, () => {
    for (const file of files) {
      it(`scenarios/${file} conserves records and writes its golden run`, () => {
        const now = runGolden(file);
        expect(runConservationViolations(now.summary)).toEqual([]);
        const change = goldenChange(readGolden(file), now);
        if (change) console.log(`golden: ${change}`);
        expect(change, 'if the change is meant: npm run golden:update').toBeUndefined();
      }, RUN_TIMEOUT_MS);
    }
  });
}
