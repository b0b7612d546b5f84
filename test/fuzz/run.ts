// `npm run fuzz -- --runs N [--seed S]`: the fuzzer of test/fuzz/fuzz.test.ts, with more cases.
import fc from 'fast-check';
import { caseInput, mutationArbitrary, runCase } from './scenario-fuzz.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('runs', 1000);
const seed = arg('seed', Date.now() % 2 ** 31);
let exit0 = 0;
let exit2 = 0;
const started = performance.now();
const result = fc.check(
  fc.property(mutationArbitrary(), (c) => {
    const { text, overrides } = caseInput(c);
    if (runCase(text, overrides).exit === 0) exit0++;
    else exit2++;
  }),
  { seed, numRuns: runs },
);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(`fuzz: seed ${seed}, ${result.numRuns} cases in ${seconds} s (exit 0: ${exit0}, exit 2: ${exit2}), failures: ${result.failed ? 1 : 0}\n`);
if (result.failed) {
  process.stdout.write(`${fc.defaultReportMessage(result)}\n`);
  process.exitCode = 1;
}
