import type { SystemDefinition } from '../../simulation/model.ts';
import type { KinesisConfig } from './config.ts';
import { KinesisModel } from './model.ts';
import { validateKinesis } from './resharding.ts';

/** The Amazon Kinesis Data Streams model (what it covers, and its sources: docs/models/kinesis.md). */
export const kinesisSystem: SystemDefinition<KinesisConfig> = {
  name: 'kinesis',
  create: (ctx, config) => new KinesisModel(ctx, config),
  validate: validateKinesis,
};
