import type { SystemDefinition } from '../../simulation/model.ts';
import type { KafkaConfig } from './config.ts';

/** The Kafka model. */
export const kafkaSystem: SystemDefinition<KafkaConfig> = {
  name: 'kafka',
  create() {
    throw new Error('the kafka model is not implemented yet');
  },
};
