// How Kinesis bills records by size (pricing.ts prices them). A module of its own, free of the
// scenario schemas, so a record feed worker can load it quickly.

/**
 * A PUT payload unit is a 25 KB chunk of a record, counted per record and rounded up: "a 5KB record
 * contains one PUT Payload Unit, a 45KB record contains two ..., and a 1000KB record contains 40"
 * ([PRICE-OLD]). AWS does not say whether this KB is 1000 or 1024 bytes; we
 * take 1024 (Kinesis quotas are in binary units: the API reference says MiB). Overridable per call.
 */
export const PUT_PAYLOAD_UNIT_BYTES = 25 * 1024;

/** On-demand ingest is billed with "each record rounded up to the nearest 1 KB" ([PRICE]); 1 KB taken as 1024 bytes. */
export const ON_DEMAND_BILLING_INCREMENT_BYTES = 1024;

/** PUT payload units one record of `recordBytes` costs (at least one, even for an empty record). */
export function putPayloadUnits(recordBytes: number, unitBytes: number = PUT_PAYLOAD_UNIT_BYTES): number {
  return Math.max(1, Math.ceil(recordBytes / unitBytes));
}

/** Bytes an on-demand stream bills for one record of `recordBytes`: rounded up to a whole KB. */
export function onDemandBilledBytes(recordBytes: number, incrementBytes: number = ON_DEMAND_BILLING_INCREMENT_BYTES): number {
  return Math.max(1, Math.ceil(recordBytes / incrementBytes)) * incrementBytes;
}
