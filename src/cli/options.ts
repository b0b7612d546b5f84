import { InvalidArgumentError } from '@commander-js/extra-typings';
import { parseOverride, type Override } from '../scenario/override.ts';
import { FILE } from '../scenario/messages.ts';

/** `--set PATH=VALUE`, repeatable: each adds an override, applied in order (the last one wins). */
export function collectOverride(text: string, previous: Override[] | undefined): Override[] {
  const override = parseOverride(text);
  if (!override) throw new InvalidArgumentError(FILE.overrideSyntax);
  return [...(previous ?? []), override];
}

/** `--seed N`: a whole number, 0 or more. */
export function parseSeed(text: string): number {
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(Number(text))) throw new InvalidArgumentError('expected a whole number, 0 or more, e.g. --seed 42');
  return Number(text);
}

/** The overrides of `--set` and `--seed` (the seed applies last, so it wins over --set seed=…). */
export function scenarioOverrides(opts: { set: Override[]; seed?: number }): Override[] {
  return opts.seed === undefined ? opts.set : [...opts.set, { path: 'seed', value: String(opts.seed), label: `--seed ${opts.seed}` }];
}
