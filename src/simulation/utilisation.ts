import type { Micros } from '../engine/time.ts';

/**
 * Utilisation of the resources that can cap a system's throughput, and their ranking as bottlenecks.
 * A model reports, at each sample, how busy each of its resources was over the interval (a broker's
 * disk, a shard's write records, a producer's in-flight requests, …; 1 = the whole interval at its
 * limit). Both models feed one tracker; it writes the series columns and ranks the resources for
 * summary.json (design in docs/saturation.md).
 */

/** A resource counts as saturated from this utilisation on (the issue's and the docs' 90 %). */
export const SATURATED = 0.9;
/** The share of busiest sample intervals a resource's sustained utilisation is averaged over. */
export const BUSIEST_SHARE = 0.1;

/** One resource in summary.json's `bottlenecks`, ranked by `utilisation`. */
export interface Bottleneck {
  /** e.g. `broker 0 disk`, `shardId-000000000003 write records`, `producer clicks in-flight requests`. */
  name: string;
  /** Mean utilisation over the busiest 10 % of sample intervals (the busiest sustained share). */
  utilisation: number;
  /** Mean utilisation over the whole run. */
  meanUtilisation: number;
  /** Fraction of the run's sample intervals in which the resource was at least 90 % busy. */
  shareAbove90: number;
}

/** Series column of a resource's utilisation (the runner prefixes the system name). */
export function utilisationColumn(resource: string): string {
  return `utilisation.${resource}`;
}

/**
 * Where a resource sits on the write path, from the system's own hardware and limits (0) up through
 * the client machine's network (1) and the client's request limits (2) to its buffer (3). A full resource makes those upstream of it fill
 * too (requests wait longer, so in-flight slots and buffer stay taken), so among resources past 90 %
 * the one furthest downstream is the cause and ranks first.
 */
export const DEPTH = { system: 0, clientNetwork: 1, clientRequests: 2, clientBuffer: 3 } as const;

/** Records each resource's utilisation per sample interval; ranks them at the end. */
export class UtilisationTracker {
  private readonly history = new Map<string, number[]>();
  private readonly depths = new Map<string, number>();
  private intervals = 0;

  /** Declares a resource's place on the write path (DEPTH; resources not declared are the system's own). */
  setDepth(resource: string, depth: number): void {
    this.depths.set(resource, depth);
  }

  /**
   * Records one sample interval: every resource's utilisation (clamped to [0, 1]: work queued beyond
   * the interval counts once). Writes the series columns into `row`. A resource first seen late
   * counts as idle before.
   */
  record(samples: ReadonlyMap<string, number>, row: Record<string, number>): void {
    for (const [name, value] of samples) {
      const u = Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));
      let h = this.history.get(name);
      if (!h) this.history.set(name, (h = new Array<number>(this.intervals).fill(0)));
      h.push(u);
      row[utilisationColumn(name)] = u;
    }
    this.intervals++;
    for (const h of this.history.values()) if (h.length < this.intervals) h.push(0);
  }

  /**
   * Every resource: those past 90 % first, furthest downstream first (see DEPTH), then by busiest
   * sustained share, mean, and name (so the order is deterministic).
   */
  ranked(): Bottleneck[] {
    const out: Bottleneck[] = [];
    for (const [name, h] of this.history) out.push(rank(name, h));
    const depth = (b: Bottleneck) => (b.utilisation >= SATURATED ? (this.depths.get(b.name) ?? DEPTH.system) : 0);
    const saturated = (b: Bottleneck) => (b.utilisation >= SATURATED ? 0 : 1);
    out.sort(
      (a, b) =>
        saturated(a) - saturated(b) || depth(a) - depth(b) || b.utilisation - a.utilisation || b.meanUtilisation - a.meanUtilisation ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
    return out;
  }
}

function rank(name: string, h: readonly number[]): Bottleneck {
  const sorted = [...h].sort((a, b) => b - a);
  const busiest = Math.max(1, Math.ceil(sorted.length * BUSIEST_SHARE));
  let top = 0;
  for (let i = 0; i < busiest && i < sorted.length; i++) top += sorted[i];
  const mean = h.reduce((a, b) => a + b, 0) / Math.max(1, h.length);
  const above = h.filter((u) => u >= SATURATED).length;
  return { name, utilisation: top / Math.min(busiest, Math.max(1, sorted.length)), meanUtilisation: mean, shareAbove90: h.length > 0 ? above / h.length : 0 };
}

/** The resources that passed 90 % (busiest sustained share), as "limited by …" names them; empty when none did. */
export function limitingResources(bottlenecks: readonly Bottleneck[]): string[] {
  return bottlenecks.filter((b) => b.utilisation >= SATURATED).map((b) => b.name);
}

/**
 * The time average of a level that changes at events (requests in flight, buffer bytes held):
 * `set` at each change, `takeMean` at each sample gives the mean over the interval.
 */
export class TimeAverage {
  private level = 0;
  private since: Micros = 0;
  private area = 0;
  private intervalStart: Micros = 0;

  set(level: number, now: Micros): void {
    this.area += this.level * (now - this.since);
    this.level = level;
    this.since = now;
  }

  get value(): number {
    return this.level;
  }

  /** Mean level since the previous call (or the start). */
  takeMean(now: Micros): number {
    this.area += this.level * (now - this.since);
    this.since = now;
    const span = now - this.intervalStart;
    const mean = span > 0 ? this.area / span : this.level;
    this.area = 0;
    this.intervalStart = now;
    return mean;
  }
}

/** How many saturated resources "limited by …" names before it says "and N more". */
const NAMED_LIMITS = 3;

/**
 * "limited by broker 0 disk (100 %), …" when a resource passed 90 % (busiest sustained share), else
 * "not saturated (busiest: X at 62 %)"; "–" for a run that reports no resources.
 */
export function limitedByText(bottlenecks: readonly Bottleneck[] | undefined): string {
  if (!bottlenecks || bottlenecks.length === 0) return '–';
  const pct = (u: number) => `${Math.round(u * 100)} %`;
  const saturated = bottlenecks.filter((b) => b.utilisation >= SATURATED);
  if (saturated.length === 0) return `not saturated (busiest: ${bottlenecks[0].name} at ${pct(bottlenecks[0].utilisation)})`;
  const named = saturated.slice(0, NAMED_LIMITS).map((b) => `${b.name} (${pct(b.utilisation)})`).join(', ');
  const more = saturated.length > NAMED_LIMITS ? ` and ${saturated.length - NAMED_LIMITS} more` : '';
  return `limited by ${named}${more}`;
}
