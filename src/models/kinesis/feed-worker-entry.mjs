// The entry of a record feed worker thread, a plain JavaScript module so that a worker can start it
// both from dist/ and from the sources. `workerModule` is feed-worker's module beside the reader:
// compiled JavaScript from dist/, TypeScript from the sources (development and tests), which the
// worker then loads through tsx (a development dependency). Anything that fails is reported to the
// reader, which is waiting.
import { workerData } from 'node:worker_threads';

try {
  if (workerData.workerModule.endsWith('.ts')) (await import('tsx/esm/api')).register();
  const { runFeedWorker } = await import(workerData.workerModule);
  runFeedWorker(workerData);
} catch (error) {
  workerData.port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  const control = new Int32Array(workerData.control);
  Atomics.add(control, 0, 1); // POSTED (feed-block.ts)
  Atomics.notify(control, 0);
}
