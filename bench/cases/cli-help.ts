import buildDist from '../../test/build-dist.ts';
import { commandCase } from '../case.ts';

// The compiled CLI is what is timed: build it first if a source changed since the last build.
buildDist();

/**
 * How long `streamsim --help` takes to answer, the first thing a new user runs: a fresh Node process
 * that loads the compiled CLI and only what its help needs. `npx streamsim` adds npm's own start,
 * which is npm's, not the CLI's.
 */
export default commandCase({
  name: 'cli-help',
  description: '`streamsim --help`: Node starts, loads the compiled CLI, prints the help',
  wallSeconds: 0.3,
  args: ['--help'],
  count: 15,
});
