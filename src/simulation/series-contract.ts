/**
 * Columns every system model emits in each sample row, with the same names and meanings in both
 * models, so the report can set the systems side by side. (The runner prefixes each with the
 * system name: `kinesis.throughput.inBytes`.) Models also emit their native metrics under the names
 * users know (CloudWatch's `IncomingBytes`, Kafka's `BytesInPerSec`, …).
 *
 * Unless noted, a value is a total over the sample interval that ends at the row's time.
 */
export const COMMON = {
  /** Records and bytes the system accepted (acknowledged) in the interval. */
  inRecords: 'throughput.inRecords',
  inBytes: 'throughput.inBytes',
  /** Records and bytes delivered to consumer applications in the interval (all applications, re-reads included). */
  outRecords: 'throughput.outRecords',
  outBytes: 'throughput.outBytes',
  /** Write throttling in the interval: Kinesis records rejected with ProvisionedThroughputExceeded; Kafka produce requests delayed by a quota. */
  throttledWrites: 'throttle.writes',
  /** Read throttling in the interval: Kinesis GetRecords calls throttled; Kafka fetch requests delayed by a quota. */
  throttledReads: 'throttle.reads',
  /** Acknowledged records destroyed by failures in the interval. */
  lost: 'records.lost',
  /** Dollars spent from the start of the run to the row's time (cumulative). */
  cumulativeCost: 'cost.cumulative',
} as const;

/** Per consumer application `app`. */
export const appColumn = {
  /** Largest lag in records seen in the interval (Kafka records-lag-max; Kinesis records behind the tip). */
  lagRecords: (app: string) => `app.${app}.lagRecords`,
  /** Largest lag in time seen in the interval, ms (Kinesis MillisBehindLatest; Kafka time lag). */
  lagMs: (app: string) => `app.${app}.lagMs`,
  /** End-to-end latency percentiles (produce time to processed) of the records delivered in the interval, ms. Absent when none. */
  latencyP50Ms: (app: string) => `app.${app}.latencyP50Ms`,
  latencyP99Ms: (app: string) => `app.${app}.latencyP99Ms`,
  latencyP999Ms: (app: string) => `app.${app}.latencyP999Ms`,
  /** Records removed by retention before this application read them, in the interval. */
  expired: (app: string) => `app.${app}.expired`,
};

/** Per shard (Kinesis) or partition (Kafka) `id`: bytes accepted in the interval, for the heatmap. */
export const unitInBytes = (id: string) => `unit.${id}.inBytes`;
/** The per-shard write limit in bytes per second (Kinesis); absent where there is none (Kafka). */
export const UNIT_LIMIT_BYTES_PER_SEC = 'unit.limitBytesPerSec';
