import { checkGoldenRuns } from './check.ts';
import { scenarioFiles } from './golden.ts';

checkGoldenRuns('golden runs: the scenarios of both systems', scenarioFiles().filter((f) => !/^(kafka|kinesis)-/.test(f)));
