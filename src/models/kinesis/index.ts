import type { SystemDefinition } from '../../simulation/model.ts';
import type { KinesisConfig } from './config.ts';

/** The Kinesis model. */
export const kinesisSystem: SystemDefinition<KinesisConfig> = {
  name: 'kinesis',
  create() {
    throw new Error('the kinesis model is not implemented yet');
  },
};
