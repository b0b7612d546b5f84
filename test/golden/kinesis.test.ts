import { checkGoldenRuns } from './check.ts';
import { scenarioFiles } from './golden.ts';

checkGoldenRuns('golden runs: the Kinesis scenarios', scenarioFiles().filter((f) => f.startsWith('kinesis-')));
