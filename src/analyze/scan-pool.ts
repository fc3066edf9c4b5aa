/**
 * The fast path on two threads: a worker runs `scanLines` (stateless: where each line is, and
 * whether the fast path may take it) on one stretch of lines while this thread applies the
 * records of the stretch before (`LineSink.scanned`: duplicates, times, PIDs, events), so a
 * long journal is read at the speed of the slower half instead of the sum of both.
 *
 * `LineDelivery` keeps the order: stretches go to the worker through shared slots (copied in,
 * as the reader reuses its buffers), and whatever does not (no worker yet, a stretch too small
 * or too large for a slot, a skipped line, a worker that failed) is queued behind them and
 * handed over here, in turn. While every slot is taken the main thread takes back work the
 * worker has not begun (`help`).
 */
import { Worker } from 'node:worker_threads';
import type { LineSink } from './pipeline.js';
import { LineScan, scanLines, STRIDE } from './scan.js';
import type { ScanReply, ScanRequest, ScanWorkerData } from './scan-worker.js';

const SLOTS = 6;
/** a stretch smaller than this (a line carried over from the chunk before) is scanned here */
const SMALL = 16 * 1024;
/** bytes per slot: a 256 KiB read's lines, or a line carried over from the chunk before */
const SLOT_BYTES = 512 * 1024;
/** lines per slot (a stretch with more has the rest applied here) */
const SLOT_LINES = 8192;

/** A worker thread scanning stretches of lines in shared slots. */
export class ScanPool {
  readonly bytes: Buffer[];
  readonly records: LineScan[];
  /** see ScanWorkerData.claims */
  readonly claims: Int32Array;
  private seq = 0;
  ready = false;
  broken = false;
  onReply: (r: ScanReply) => void = () => undefined;
  onFail: () => void = () => undefined;
  private readonly worker: Worker;

  private constructor(url: URL) {
    const byteSabs = Array.from({ length: SLOTS }, () => new SharedArrayBuffer(SLOT_BYTES));
    const recordSabs = Array.from({ length: SLOTS }, () => new SharedArrayBuffer(SLOT_LINES * STRIDE * 8));
    this.bytes = byteSabs.map((s) => Buffer.from(s));
    this.records = recordSabs.map((s) => {
      const r = new LineScan();
      r.data = new Float64Array(s);
      return r;
    });
    const claimSab = new SharedArrayBuffer(4 * SLOTS);
    this.claims = new Int32Array(claimSab);
    const data: ScanWorkerData = { bytes: byteSabs, records: recordSabs, maxLines: SLOT_LINES, claims: claimSab };
    // a small young generation, as the command's own (bin/klog-eviction.js)
    this.worker = new Worker(url, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    this.worker.on('message', (m: ScanReply | 'ready') => {
      if (m === 'ready') this.ready = true;
      else this.onReply(m);
    });
    const fail = () => {
      if (this.broken) return;
      this.broken = true;
      this.ready = false;
      this.onFail();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', fail);
  }

  /** pools open in this process: one at a time (inputs read together share the main thread anyway) */
  private static open = 0;

  /**
   * A pool, or undefined: where no worker can run this code (the TypeScript sources under
   * test), or while another input has the worker (`klog-eviction a.log b.log ...`).
   */
  static start(): ScanPool | undefined {
    if (!import.meta.url.endsWith('.js') || ScanPool.open > 0) return undefined;
    try {
      const pool = new ScanPool(new URL('./scan-worker.js', import.meta.url));
      ScanPool.open++;
      return pool;
    } catch {
      return undefined;
    }
  }

  /** Ask the worker to scan a slot's first `length` bytes; returns the request's number. */
  post(slot: number, length: number): number {
    const seq = ++this.seq;
    Atomics.store(this.claims, slot, seq);
    this.worker.postMessage({ slot, seq, length } satisfies ScanRequest);
    return seq;
  }

  /**
   * Scan a slot here instead, if the worker has not taken it yet: the main thread has nothing
   * else to do (every slot taken) and the worker is behind. True when it was scanned here.
   */
  takeBack(slot: number, seq: number, length: number): boolean {
    if (Atomics.compareExchange(this.claims, slot, seq, 0) !== seq) return false;
    scanLines(this.bytes[slot]!, 0, length, this.records[slot]!, SLOT_LINES);
    return true;
  }

  close(): void {
    if (!this.closed) ScanPool.open--;
    this.closed = true;
    this.broken = true;
    void this.worker.terminate();
  }
  private closed = false;
}

type Item =
  | { readonly kind: 'here'; readonly b: Buffer; readonly start: number; readonly end: number }
  | { readonly kind: 'skip'; readonly reason: string; readonly count: number }
  | { readonly kind: 'slot'; readonly slot: number; readonly seq: number; readonly length: number; reply?: ScanReply }
  /** for the worker, when a slot is free (a copy of the lines) */
  | { readonly kind: 'wait'; readonly b: Buffer };

/** Stretches of whole lines to a sink, in order, scanned by a pool's worker when it can. */
export class LineDelivery {
  private readonly queue: Item[] = [];
  private readonly free: number[] = [];
  private pool: ScanPool | undefined;
  /** called when a slot is free again (the reader may go on) */
  onSlotFree: () => void = () => undefined;
  private drained: (() => void) | undefined;

  /** `here` hands lines to the sink on this thread (`sink.bytes`, or line by line) */
  constructor(
    private readonly sink: LineSink,
    private readonly here: (b: Buffer, start: number, end: number) => void,
  ) {}

  /** Use a pool's worker from now on (when it is ready). */
  use(pool: ScanPool): void {
    this.pool = pool;
    for (let i = SLOTS - 1; i >= 0; i--) this.free.push(i);
    pool.onReply = (r) => {
      const it = this.queue.find((x) => x.kind === 'slot' && x.seq === r.seq);
      if (it && it.kind === 'slot') it.reply = r;
      this.deliver();
    };
    // the worker died: its stretches are still in the slots; scan them here, in order
    pool.onFail = () => this.deliver();
  }

  /** Are all slots taken (the reader should wait for `onSlotFree`)? */
  get full(): boolean {
    return this.pool !== undefined && this.pool.ready && !this.pool.broken && this.free.length === 0;
  }

  /** Lines `b[start, end)`; `b` may be reused once this returns. */
  add(b: Buffer, start: number, end: number): void {
    const pool = this.pool;
    if (pool && pool.ready && !pool.broken && this.sink.scanned && end - start <= SLOT_BYTES && end - start >= SMALL) {
      if (this.free.length > 0) this.post(b, start, end);
      else this.queue.push({ kind: 'wait', b: Buffer.from(b.subarray(start, end)) });
      return;
    }
    if (this.queue.length === 0) this.here(b, start, end);
    else this.queue.push({ kind: 'here', b: Buffer.from(b.subarray(start, end)), start: 0, end: end - start });
  }

  /** Copy lines into a free slot and have the worker scan them. */
  private post(b: Buffer, start: number, end: number, at = this.queue.length): void {
    const pool = this.pool!;
    const slot = this.free.pop()!;
    b.copy(pool.bytes[slot]!, 0, start, end);
    this.queue.splice(at, 0, { kind: 'slot', slot, seq: pool.post(slot, end - start), length: end - start });
  }

  /** Lines that never became lines (too long, unreadable), in their place among the others. */
  skip(reason: string, count?: number): void {
    if (this.queue.length === 0) this.sink.skip(reason, count);
    else this.queue.push({ kind: 'skip', reason, count: count ?? 1 });
  }

  /** Resolves once everything added has reached the sink. */
  flush(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => (this.drained = resolve));
  }

  close(): void {
    this.pool?.close();
  }

  /**
   * The reader waits (every slot taken) and no reply is in: rather than idle, scan the newest
   * stretch the worker has not begun (one: then the worker's replies get their turn), and hand
   * over what is ready. False when there was nothing to take.
   */
  help(): boolean {
    const pool = this.pool;
    if (!pool || pool.broken) return false;
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const it = this.queue[i]!;
      if (it.kind !== 'slot' || it.reply) continue;
      if (!pool.takeBack(it.slot, it.seq, it.length)) return false; // the worker has it (and the ones before)
      const scan = pool.records[it.slot]!;
      it.reply = { slot: it.slot, seq: it.seq, count: scan.count, next: scan.next };
      this.deliver();
      return true;
    }
    return false;
  }

  /** Hand over, in order, what is ready at the head of the queue; give freed slots to waiting lines. */
  private deliver(): void {
    const pool = this.pool;
    while (this.queue.length > 0 && pool) {
      const it = this.queue[0]!;
      if (it.kind === 'here') this.here(it.b, it.start, it.end);
      else if (it.kind === 'skip') this.sink.skip(it.reason, it.count);
      else if (it.kind === 'wait') {
        if (!pool.broken) break; // (posted below, once a slot is free)
        this.here(it.b, 0, it.b.length);
      } else if (it.reply) {
        const scan = pool.records[it.slot]!;
        scan.count = it.reply.count;
        scan.next = it.reply.next;
        const bytes = pool.bytes[it.slot]!;
        this.sink.scanned!(bytes, scan);
        // more lines than a slot's records: the rest is scanned here
        if (it.reply.next < it.length) this.here(bytes, it.reply.next, it.length);
        this.free.push(it.slot);
      } else if (pool.broken) {
        this.here(pool.bytes[it.slot]!, 0, it.length);
        this.free.push(it.slot);
      } else break;
      this.queue.shift();
    }
    // lines waiting for a slot take the free ones, in their place in the queue
    for (let i = 0; i < this.queue.length && this.free.length > 0 && !pool?.broken; i++) {
      const it = this.queue[i]!;
      if (it.kind !== 'wait') continue;
      this.queue.splice(i, 1);
      this.post(it.b, 0, it.b.length, i);
    }
    if (this.queue.length === 0) {
      this.drained?.();
      this.drained = undefined;
    }
    if (!this.full) this.onSlotFree();
  }
}
