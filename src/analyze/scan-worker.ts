/**
 * The worker thread of a `ScanPool`: runs `scanLines` (the stateless half of the fast path)
 * on the stretches of lines the main thread copies into shared slots, and writes each line's
 * record into the slot's shared record area. No state of its own between stretches.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LineScan, scanLines, STRIDE } from './scan.js';

export interface ScanWorkerData {
  /** one shared buffer per slot: the stretch's bytes */
  readonly bytes: readonly SharedArrayBuffer[];
  /** one shared buffer per slot: `maxLines` records of STRIDE doubles */
  readonly records: readonly SharedArrayBuffer[];
  /**
   * per slot (Int32): the number of the request posted for it, its negation once this worker
   * has taken it, 0 once the main thread has taken it back to scan itself
   */
  readonly claims: SharedArrayBuffer;
  readonly maxLines: number;
}

/**
 * A request: scan `slot`'s first `length` bytes (request number `seq`). The reply: how many
 * lines, and where the scan stopped. A request the main thread took back gets no reply.
 */
export interface ScanRequest {
  readonly slot: number;
  readonly seq: number;
  readonly length: number;
}
export interface ScanReply {
  readonly slot: number;
  readonly seq: number;
  readonly count: number;
  readonly next: number;
}

const data = workerData as ScanWorkerData;
const bytes = data.bytes.map((sab) => Buffer.from(sab));
const scans = data.records.map((sab) => {
  const s = new LineScan();
  s.data = new Float64Array(sab);
  return s;
});
if (scans.some((s) => s.data.length < data.maxLines * STRIDE)) throw new Error('scan worker: record areas too small');

const claims = new Int32Array(data.claims);

parentPort!.on('message', (m: ScanRequest) => {
  // taken back by the main thread meanwhile (or an old request): nothing to do
  if (Atomics.compareExchange(claims, m.slot, m.seq, -m.seq) !== m.seq) return;
  const scan = scans[m.slot]!;
  scanLines(bytes[m.slot]!, 0, m.length, scan, data.maxLines);
  parentPort!.postMessage({ slot: m.slot, seq: m.seq, count: scan.count, next: scan.next } satisfies ScanReply);
});
parentPort!.postMessage('ready');
