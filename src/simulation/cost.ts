import { HOUR, type Micros } from '../engine/time.ts';
import type { CostSummary } from './result.ts';

/** AWS bills a month as 730 hours (the convention of its pricing pages and calculator). */
export const HOURS_PER_MONTH = 730;
const BYTES_PER_GB = 1e9;

/**
 * The cost summary both models report: line items over the simulated duration, the total, the total
 * projected to a 730-hour month, and cost per unit of work (per million records and per GB accepted).
 */
export function costSummary(items: Record<string, number>, duration: Micros, acceptedRecords: number, acceptedBytes: number): CostSummary {
  const total = Object.values(items).reduce((a, b) => a + b, 0);
  const hours = duration / HOUR;
  const monthly = hours > 0 ? HOURS_PER_MONTH / hours : 0;
  return {
    currency: 'USD',
    total,
    perMonth: total * monthly,
    ...(acceptedRecords > 0 ? { perMillionRecords: (total / acceptedRecords) * 1e6 } : {}),
    ...(acceptedBytes > 0 ? { perGB: (total / acceptedBytes) * BYTES_PER_GB } : {}),
    items,
    itemsPerMonth: Object.fromEntries(Object.entries(items).map(([k, v]) => [k, v * monthly])),
  };
}
