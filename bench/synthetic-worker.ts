// The synthetic corpus made on a second core: a worker thread generates each batch and encodes its
// rows (bulkRows) while the main thread writes the previous one into SQLite, which is single-threaded
// per connection. Made in line, the generating took about 20 s of a million claims' 70 s of rows.
// The bulk load runs in one synchronous transaction, so batches are taken from the worker synchronously:
// receiveMessageOnPort, and Atomics.wait on a shared counter while none is ready.
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { bulkRows, type RowRun } from '../src/annotations/store.js';
import { syntheticCorpus, type SyntheticOptions } from './synthetic.js';

// Slots of the shared counters: batches the worker has posted, batches the main thread has taken.
const POSTED = 0;
const TAKEN = 1;
// Batches the worker may make ahead of the writer: enough to never leave it waiting, few enough that
// memory stays bounded (a batch of 10,000 claims is about 20 MB of rows).
const AHEAD = 2;
// How long the writer waits for one batch before deciding the worker is gone.
const BATCH_TIMEOUT_MS = 60_000;

type Message = { runs: RowRun[] } | { done: true } | { error: string };
interface Setup { options: SyntheticOptions; port: MessagePort; counters: Int32Array }

/** The synthetic corpus's batches as bulkStoreRows takes them, generated on a worker thread. */
export function* syntheticRowsInWorker(options: SyntheticOptions): Generator<RowRun[]> {
  const { port1, port2 } = new MessageChannel();
  const counters = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  const setup: Setup = { options, port: port2, counters };
  const worker = new Worker(BOOTSTRAP, {
    eval: true, transferList: [port2],
    workerData: { setup, module: import.meta.url, tsx: import.meta.resolve('tsx/esm/api') },
  });
  // Never what keeps the process alive: a reader that stops early ends it through terminate() below.
  worker.unref();
  try {
    for (let taken = 0; ; taken++) {
      if (Atomics.wait(counters, POSTED, taken, BATCH_TIMEOUT_MS) === 'timed-out') {
        throw new Error(`synthetic corpus: no batch from the worker thread in ${BATCH_TIMEOUT_MS / 1000} s`);
      }
      const received = receiveMessageOnPort(port1);
      if (!received) throw new Error('synthetic corpus: the worker counted a batch it had not posted');
      const message = received.message as Message;
      Atomics.add(counters, TAKEN, 1);
      Atomics.notify(counters, TAKEN);
      if ('error' in message) throw new Error(`synthetic corpus worker: ${message.error}`);
      if ('done' in message) return;
      yield message.runs;
    }
  } finally {
    // Lets a worker waiting for the writer go on, so that terminate() finds it running.
    Atomics.store(counters, TAKEN, 2 ** 30);
    Atomics.notify(counters, TAKEN);
    port1.close();
    void worker.terminate();
  }
}

// A worker does not inherit tsx's loader (tsx issue #354), so it starts as plain JavaScript that
// imports this file through tsx's own API; a failure to load is posted like any other.
const BOOTSTRAP = `
  const { workerData: { setup, module, tsx } } = require('node:worker_threads');
  import(tsx).then((api) => api.tsImport(module, module)).then((m) => m.produce(setup)).catch((error) => {
    setup.port.postMessage({ error: error.stack });
    Atomics.add(setup.counters, ${POSTED}, 1);
    Atomics.notify(setup.counters, ${POSTED});
  });`;

/** The worker's side: generates and encodes batches, posting each as the writer makes room. */
export function produce({ options, port, counters }: Setup): void {
  const post = (message: Message) => {
    port.postMessage(message);
    Atomics.add(counters, POSTED, 1);
    Atomics.notify(counters, POSTED);
  };
  try {
    let posted = 0;
    for (const batch of syntheticCorpus(options)) {
      const runs = bulkRows(batch);
      // Waits while the writer is AHEAD batches behind, so unwritten batches never pile up.
      for (let taken = Atomics.load(counters, TAKEN); posted - taken >= AHEAD; taken = Atomics.load(counters, TAKEN)) {
        Atomics.wait(counters, TAKEN, taken);
      }
      post({ runs });
      posted++;
    }
    post({ done: true });
  } catch (error) {
    post({ error: (error as Error).stack ?? String(error) });
  }
}
