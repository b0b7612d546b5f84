export * from './record-source.ts';
export * from './rate-profile.ts';
export * from './record-size.ts';
