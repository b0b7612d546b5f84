export * from './time.ts';
export * from './simulator.ts';
export * from './random.ts';
export * from './distributions.ts';
export * from './token-bucket.ts';
export * from './bandwidth-link.ts';
export * from './bounded-buffer.ts';
export * from './metrics.ts';
