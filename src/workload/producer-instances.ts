import type { RandomStreams } from '../engine/random.ts';
import type { Rate } from '../scenario/units.ts';
import type { ProducerSpec, RateProfileSpec } from '../scenario/workload-schema.ts';
import { RecordSource } from './record-source.ts';

/**
 * A workload producer runs on `instances` client machines, each with its own client (accumulator,
 * buffer, in-flight requests, KPL or SDK limits). Each instance offers 1/instances of the rate, with
 * the producer's key and size distributions, from its own named random streams: the split is
 * deterministic, and every system of the run builds the same instances, so all receive the same
 * records. One instance keeps the producer's own name (and streams); more are named `name#i`.
 */
export function instanceSpecs(producer: ProducerSpec): ProducerSpec[] {
  const n = producer.instances;
  if (n === 1) return [producer];
  return Array.from({ length: n }, (_, i) => ({ ...producer, name: `${producer.name}#${i}`, instances: 1, rate: scaleProfile(producer.rate, 1 / n) }));
}

/** One record source per producer instance, in workload order (the index spreads instances over zones). */
export function createSources(producers: readonly ProducerSpec[], random: RandomStreams): RecordSource[] {
  const sources: RecordSource[] = [];
  for (const producer of producers) {
    for (const spec of instanceSpecs(producer)) sources.push(new RecordSource(spec, random, sources.length, producer.name));
  }
  return sources;
}

function scaleRate(rate: Rate, factor: number): Rate {
  return 'recordsPerSecond' in rate ? { recordsPerSecond: rate.recordsPerSecond * factor } : { bytesPerSecond: rate.bytesPerSecond * factor };
}

function scaleProfile(profile: RateProfileSpec, factor: number): RateProfileSpec {
  if ('schedule' in profile) return { schedule: profile.schedule.map((s) => ({ ...s, rate: scaleRate(s.rate, factor) })) };
  if ('diurnal' in profile) return { diurnal: { ...profile.diurnal, mean: scaleRate(profile.diurnal.mean, factor) } };
  return scaleRate(profile, factor);
}
