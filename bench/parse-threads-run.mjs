// What two busy threads give on this machine, measured on COPY's own work: a reading slice's split +
// convert + deal (copy-parse-pipeline.mjs) over the whole lineitem text in one worker thread, then
// over each half of it in two worker threads at once — the parse part of a 1-file load against a
// 2-file (or 4-file) load on two compute nodes, without the build, the leader or the object store.
// Rounds alternate the two so that a drift in the machine's speed reaches both.
//   node bench/parse-threads-run.mjs <lineitem.tbl.gz> <rounds>   prints JSON
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { cases, loadText, timed } from './copy-parse-pipeline.mjs';

if (isMainThread) {
  const [file, roundsArg] = process.argv.slice(2);
  const rounds = Number(roundsArg);
  const text = loadText(file);
  const shared = new Uint8Array(new SharedArrayBuffer(text.length));
  shared.set(text);
  // Halves cut after a line feed, so each is whole records.
  const middle = shared.indexOf(0x0a, shared.length >> 1) + 1;
  const workers = [0, 1].map(() => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { shared, middle } });
    worker.on('error', (err) => {
      console.error(err);
      process.exit(1);
    });
    return worker;
  });
  const ask = (worker, part) => new Promise((resolve) => {
    worker.once('message', resolve);
    worker.postMessage(part);
  });
  const alone = [];
  const together = [];
  // One untimed round first: both threads' code warm, as a compute node's is after its first load.
  for (let round = 0; round <= rounds; round++) {
    const one = await ask(workers[0], 'whole');
    const two = await Promise.all([ask(workers[0], 'first'), ask(workers[1], 'second')]);
    if (two[0].rows + two[1].rows !== one.rows) throw new Error(`halves parsed ${two[0].rows} + ${two[1].rows} rows, the whole ${one.rows}`);
    if (round === 0) continue;
    alone.push(one.wallMs);
    together.push(Math.max(two[0].wallMs, two[1].wallMs));
  }
  await Promise.all(workers.map((w) => w.terminate()));
  console.log(JSON.stringify({ bytes: text.length, alone, together }));
} else {
  const { shared, middle } = workerData;
  const parts = { whole: shared, first: shared.subarray(0, middle), second: shared.subarray(middle) };
  parentPort.on('message', (part) => parentPort.postMessage(timed(() => cases.deal(parts[part]))));
}
