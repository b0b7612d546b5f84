import fc from 'fast-check';
import { describe, it } from 'vitest';
import { caseInput, mutationArbitrary, runCase } from './scenario-fuzz.ts';

describe('the scenario fuzzer (fixed seed)', () => {
  it('mutated scenarios end in exit 0 with whole, finite, conserving outputs, or exit 2 with located problems', () => {
    fc.assert(
      fc.property(mutationArbitrary(), (c) => {
        const { text, overrides } = caseInput(c);
        runCase(text, overrides);
      }),
      { seed: 20261204, numRuns: 200 },
    );
  }, 120_000);
});
