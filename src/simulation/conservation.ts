import type { RunSummary, SystemSummary } from './result.ts';

/**
 * The conservation identities (docs/design.md#conservation), which must hold exactly in every run:
 *   offered = accepted + rejected + pending
 *   for each application: accepted − lost = delivered + expired + backlog (+ skipped, for one that
 *   started from `latest` and never had a chance to read the records before it started).
 * Returns one line per violated identity; empty when all hold.
 */
export function conservationViolations(system: string, s: SystemSummary): string[] {
  const violations: string[] = [];
  const r = s.records;
  if (r.offered !== r.accepted + r.rejected + r.pending)
    violations.push(`${system}: offered ${r.offered} ≠ accepted ${r.accepted} + rejected ${r.rejected} + pending ${r.pending}`);
  for (const [app, c] of Object.entries(s.consumers)) {
    const skipped = typeof c.skipped === 'number' ? c.skipped : 0;
    if (r.accepted - r.lost !== c.delivered + c.expired + c.backlog + skipped)
      violations.push(
        `${system}/${app}: accepted ${r.accepted} − lost ${r.lost} ≠ delivered ${c.delivered} + expired ${c.expired} + backlog ${c.backlog}${skipped ? ` + skipped ${skipped}` : ''}`,
      );
  }
  return violations;
}

export function runConservationViolations(summary: RunSummary): string[] {
  return Object.entries(summary.systems).flatMap(([name, s]) => conservationViolations(name, s!));
}
