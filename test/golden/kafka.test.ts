import { checkGoldenRuns } from './check.ts';
import { scenarioFiles } from './golden.ts';

checkGoldenRuns('golden runs: the Kafka scenarios', scenarioFiles().filter((f) => f.startsWith('kafka-')));
