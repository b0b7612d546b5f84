export { kafkaSystem } from './model.ts';
export { kafkaConfigSchema, kafkaActionSchema, type KafkaConfig, type KafkaAction } from './config.ts';
