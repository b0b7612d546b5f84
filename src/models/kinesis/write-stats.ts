import { Counter } from '../../engine/metrics.ts';

/** Why producers gave records up, as the summary's `rejectedBy` names them. */
export interface RejectedBy {
  /** Larger than the stream's maximum record size (data + partition key). */
  tooLarge: number;
  /** KPL: not put within RecordTtl ("Expired"). */
  expired: number;
  /** SDK application: still throttled after its last attempt. */
  retriesExhausted: number;
  /** SDK application: its buffer was full. */
  bufferFull: number;
  /** KPL with FailIfThrottled: failed at the first throttling. */
  throttled: number;
}

/** Totals of the write path, shared by every producer client of a stream. */
export class WriteStats {
  /** User records and bytes (KDS bytes, keys and aggregation framing included) the stream accepted. */
  readonly acceptedRecords = new Counter();
  readonly acceptedBytes = new Counter();
  readonly acceptedKdsRecords = new Counter();
  /** KDS records that failed with ProvisionedThroughputExceeded (CloudWatch WriteProvisionedThroughputExceeded). */
  readonly throttledKdsRecords = new Counter();
  /** KDS records sent in PutRecords calls (PutRecords.TotalRecords) and calls made. */
  readonly sentKdsRecords = new Counter();
  readonly putCalls = new Counter();
  /** Billing units of accepted records: PUT payload units (provisioned) and 1 KB-rounded bytes (on-demand). */
  putPayloadUnits = 0;
  onDemandBilledBytes = 0;
  /** Bytes offered to the stream (accepted or throttled), for on-demand and autoscaling demand. */
  readonly demandBytes = new Counter();
  readonly rejectedBy: RejectedBy = { tooLarge: 0, expired: 0, retriesExhausted: 0, bufferFull: 0, throttled: 0 };

  get rejected(): number {
    const r = this.rejectedBy;
    return r.tooLarge + r.expired + r.retriesExhausted + r.bufferFull + r.throttled;
  }
}
