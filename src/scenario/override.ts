/**
 * A `--set PATH=VALUE` override: PATH is dotted (`systems.kinesis.shards`, `workload.producers.0.rate`),
 * VALUE is read as YAML, so it takes the same units as the file (`2h`, `5MB/s`) and flow
 * collections (`{name: b, rate: 10/s}`). `label` names it in messages (default `--set PATH=VALUE`).
 */
export interface Override {
  path: string;
  value: string;
  label?: string;
  /** Where in the file problems this override causes are shown (default: the key it overrides, as for --set). */
  at?: readonly (string | number)[];
}

/** Reads `PATH=VALUE` (as written after `--set`); undefined when the text is not of that form. */
export function parseOverride(text: string): Override | undefined {
  const eq = text.indexOf('=');
  if (eq <= 0) return undefined;
  const path = text.slice(0, eq).trim();
  if (path.split('.').some((part) => part.length === 0)) return undefined;
  return { path, value: text.slice(eq + 1) };
}
