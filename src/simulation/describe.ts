import { formatDuration } from '../engine/time.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { TimelineEntry } from '../scenario/timeline-schema.ts';
import type { ProducerSpec } from '../scenario/workload-schema.ts';
import { meanRecordSize } from '../workload/record-size.ts';
import { formatSize } from '../scenario/units.ts';

const n = (x: number) => Math.round(x).toLocaleString('en-US');

function describeRate(p: ProducerSpec): string {
  const r = p.rate;
  const one = (rate: { recordsPerSecond: number } | { bytesPerSecond: number }) =>
    'recordsPerSecond' in rate ? `${n(rate.recordsPerSecond)} records/s` : `${formatSize(rate.bytesPerSecond)}/s`;
  if ('schedule' in r) return `scheduled ${r.schedule.map((s) => `${one(s.rate)} from ${formatDuration(s.at)}`).join(', ')}`;
  if ('diurnal' in r) return `diurnal, mean ${one(r.diurnal.mean)} ±${Math.round(r.diurnal.amplitude * 100)}% peaking at ${formatDuration(r.diurnal.peakAt)}`;
  return one(r);
}

function describeSize(p: ProducerSpec): string {
  const s = p.recordSize;
  if (typeof s === 'number') return formatSize(s);
  if (s.dist === 'fixed') return formatSize(s.size);
  if (s.dist === 'lognormal') return `lognormal median ${formatSize(s.median)}, p99 ${formatSize(s.p99)}`;
  return `${formatSize(s.min)}–${formatSize(s.max)} uniform (mean ${formatSize(meanRecordSize(s))})`;
}

/** The workload in one readable line, for the report header and the terminal. */
export function describeWorkload(s: Scenario): string {
  const producers = s.workload.producers.map(
    (p) =>
      `${p.name}: ${describeRate(p)} (${p.arrivals}) of ${describeSize(p)}, ${n(p.keys.count)} keys${p.keys.dist === 'zipf' ? ` (Zipf ${p.keys.exponent})` : ''}${p.instances > 1 ? `, ${p.instances} client instances` : ''}`,
  );
  const apps = s.workload.consumers.length;
  return `${producers.join('; ')}; ${apps} consumer app${apps === 1 ? '' : 's'}${apps ? ` (${s.workload.consumers.map((c) => `${c.name} ×${c.instances}`).join(', ')})` : ''}`;
}

/** One setting of a timeline action in words, with its unit where the schema parsed one away. */
function describeDetail(key: string, value: unknown): string {
  if (typeof value === 'object') return `${key} ${JSON.stringify(value)}`;
  if (typeof value !== 'number') return `${key} ${value}`;
  if (key === 'for' || key === 'retention') return `${key} ${formatDuration(value)}`;
  if (key === 'throttle') return `throttle ${formatSize(value)}/s`; // bytes per second
  return `${key} ${value}`;
}

/** A timeline entry in words, e.g. "kinesis: updateShardCount 8; zoneOutage zone 2 for 10m". */
export function describeTimelineEntry(entry: TimelineEntry): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(entry)) {
    if (key === 'at' || value === undefined) continue;
    const details = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => describeDetail(k, v))
      .join(', ');
    parts.push(`${key}${details ? `: ${details}` : ''}`);
  }
  return parts.join('; ');
}
