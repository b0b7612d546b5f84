// The entry of a record feed worker thread. The worker loads the TypeScript sources through tsx, as
// bin/streamsim.js does for the CLI; anything that fails is reported to the reader, which is waiting.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

try {
  register();
  const { runFeedWorker } = await import('./feed-worker.ts');
  runFeedWorker(workerData);
} catch (error) {
  workerData.port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  const control = new Int32Array(workerData.control);
  Atomics.add(control, 0, 1); // POSTED (feed-block.ts)
  Atomics.notify(control, 0);
}
