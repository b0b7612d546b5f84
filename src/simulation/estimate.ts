import { EventLimitExceeded } from '../engine/simulator.ts';
import { SECOND, type Micros } from '../engine/time.ts';
import type { Scenario } from '../scenario/schema.ts';
import { expectedOfferedRecords } from '../workload/rate-profile.ts';
import { meanRecordSize } from '../workload/record-size.ts';
import { runScenario } from './run.ts';

/** The first stretch of a run that is simulated to measure its pace. */
export const PILOT_DURATION: Micros = 10 * SECOND;
/** Events the pilot may take: a run that needs more for its first 10 s is measured by how far it got. */
export const PILOT_EVENT_LIMIT = 1_000_000;

/** Fewer records than this in the pilot say little about the pace per record. */
const MIN_PILOT_RECORDS = 1000;

export interface EventEstimate {
  /** Events the whole run is expected to execute (Infinity: it makes no progress in simulated time). */
  events: number;
  /** Simulated time the pilot covered, and the events it took. */
  pilotMicros: Micros;
  pilotEvents: number;
}

/**
 * Estimates the events a run will execute by simulating its beginning (a pilot of 10 s, or the
 * whole run if shorter, within a budget of events) and scaling the pace found to the whole run: by
 * simulated time, or by records offered where the workload offers relatively more later on (a
 * schedule or a daily cycle that starts low). Events come from requests, batches and timers, so the
 * pace, not the record count, is what says how long a run takes.
 */
export function estimateEvents(scenario: Scenario): EventEstimate {
  const pilotMicros = Math.min(scenario.duration, PILOT_DURATION);
  const pilot: Scenario = { ...scenario, duration: pilotMicros, sampleInterval: pilotMicros, timeline: scenario.timeline.filter((e) => e.at < pilotMicros) };
  let events: number;
  let covered = pilotMicros;
  try {
    events = runScenario(pilot, { eventLimit: PILOT_EVENT_LIMIT }).events;
  } catch (error) {
    if (!(error instanceof EventLimitExceeded)) throw error;
    events = error.limit;
    covered = error.at;
  }
  if (covered <= 0) return { events: Number.POSITIVE_INFINITY, pilotMicros: covered, pilotEvents: events };
  const byTime = scenario.duration / covered;
  const early = offered(scenario, covered);
  const byRecords = early >= MIN_PILOT_RECORDS ? offered(scenario, scenario.duration) / early : 0;
  return { events: events * Math.max(byTime, byRecords), pilotMicros: covered, pilotEvents: events };
}

function offered(scenario: Scenario, until: Micros): number {
  return scenario.workload.producers.reduce((acc, p) => acc + expectedOfferedRecords(p.rate, meanRecordSize(p.recordSize), until), 0);
}
