/**
 * The thin stream adapter: a Node readable → whole lines, as bytes → an input of the
 * core `Analysis`. csv-parse's chunk discipline: a chunk is cut after its last `\n`; the
 * rest waits for the next chunk, so a line (or a UTF-8 sequence) split across chunks is
 * seen whole, and the lines of a chunk reach the analyzer without becoming strings (the
 * analyzer decodes only the lines it must read). What cannot become a line is not dropped
 * silently: a line longer than `maxLength` (skipped, like split2's `skipOverflow`), a
 * binary journal file passed by mistake, a stream that fails half-way (a truncated .gz)
 * are each reported to the sink as skipped, with the reason, and the rest is analysed.
 */
import type { Readable } from 'node:stream';
import type { LineSink } from './analyze/pipeline.js';

export type { LineSink };

export interface FeedOptions {
  /** longest line kept, in bytes; longer ones are skipped and counted */
  readonly maxLength?: number;
  /** stop early (SIGINT): resolves as if the input had ended */
  readonly signal?: AbortSignal;
  /** the input's name, for messages that tell the user what to run */
  readonly name?: string;
  /** called with each chunk once nothing refers to its bytes any more (a reader may then reuse it) */
  readonly recycle?: (chunk: Buffer) => void;
}

/** 1 MiB: ten times the longest kubelet line seen (a `pods ranked` list on a dense node). */
export const DEFAULT_MAX_LINE = 1024 * 1024;

/** The 8-byte signature of a systemd journal file (`LPKSHHRH`). */
const JOURNAL_MAGIC = Buffer.from('LPKSHHRH');

export const binaryJournal = (name = 'FILE') =>
  `this is a binary journal file, not journalctl output; use: journalctl --file ${name} | klog-eviction`;

/** For a sink without `bytes`: each line decoded and given to `line` (a CR before the `\n` cut). */
function linesOf(sink: LineSink, b: Buffer, start: number, end: number): void {
  let p = start;
  while (p < end) {
    let nl = b.indexOf(0x0a, p);
    if (nl === -1 || nl > end) nl = end;
    sink.line(b.toString('utf8', p, nl > p && b[nl - 1] === 0x0d ? nl - 1 : nl));
    p = nl + 1;
  }
}

/**
 * Pump a byte stream into a sink line by line. Resolves at the end of input,
 * on abort, and after a read error (the error is reported to the sink as a
 * skipped stretch; the lines before it stay analysed).
 */
export function feed(readable: Readable, sink: LineSink, opts: FeedOptions = {}): Promise<void> {
  const maxLength = opts.maxLength ?? DEFAULT_MAX_LINE;
  const deliver = (b: Buffer, start: number, end: number) => (sink.bytes ? sink.bytes(b, start, end) : linesOf(sink, b, start, end));
  return new Promise<void>((resolve) => {
    let done = false;
    let first = true;
    /** the start of a line whose end has not arrived yet */
    let carry: Buffer[] = [];
    let carried = 0;
    /** skipping the rest of a line longer than maxLength */
    let overflow = false;
    const finish = () => {
      if (done) return;
      done = true;
      opts.signal?.removeEventListener('abort', onAbort);
      readable.off('data', onData);
      // what was read is analysed, also when stopped early
      sink.end();
      resolve();
    };
    const onAbort = () => {
      readable.destroy();
      finish();
    };
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const onData = (chunk: Buffer | string) => {
      if (done) return;
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (first) {
        first = false;
        if (b.subarray(0, 8).equals(JOURNAL_MAGIC)) {
          sink.skip(binaryJournal(opts.name));
          readable.destroy();
          finish();
          return;
        }
      }
      take(b);
      // a chunk that ends at a line end: the writer paused between lines (a live journal), or
      // wrote whole lines: nothing waits for a next line that may be long in coming
      if (carried === 0 && !overflow && b.length > 0 && b[b.length - 1] === 0x0a) sink.idle?.();
      // nothing refers to the chunk now (the sink keeps none of it; a held part was copied)
      if (b === chunk) opts.recycle?.(b);
    };
    const take = (b: Buffer) => {
      let p = 0;
      if (overflow || carried > 0) {
        const nl = b.indexOf(0x0a);
        if (nl === -1) {
          if (!overflow) hold(b);
          return;
        }
        if (!overflow) {
          carry.push(b.subarray(0, nl + 1));
          const line = Buffer.concat(carry);
          carry = [];
          carried = 0;
          deliver(line, 0, line.length);
        }
        overflow = false;
        p = nl + 1;
      }
      const last = b.lastIndexOf(0x0a);
      if (last >= p) {
        deliver(b, p, last + 1);
        p = last + 1;
      }
      if (p < b.length) hold(b.subarray(p));
    };
    /**
     * Keep (a copy of) the start of an unfinished line; past maxLength it is dropped and
     * skipped once.
     */
    const hold = (part: Buffer) => {
      if (carried + part.length > maxLength) {
        carry = [];
        carried = 0;
        overflow = true;
        sink.skip(`a line longer than ${maxLength} bytes (no line end within the limit)`);
        return;
      }
      carry.push(Buffer.from(part));
      carried += part.length;
    };
    readable.on('data', onData);
    readable.on('end', () => {
      if (done) return;
      // a last line without a line end (unless it was too long: already skipped)
      if (!overflow && carried > 0) {
        const line = Buffer.concat(carry);
        carry = [];
        carried = 0;
        deliver(line, 0, line.length);
      }
      finish();
    });
    readable.on('error', (err: NodeJS.ErrnoException) => {
      if (done) return;
      const gz = err.code === 'Z_BUF_ERROR' || err.code === 'Z_DATA_ERROR';
      sink.skip(
        gz
          ? `the compressed data is ${err.code === 'Z_BUF_ERROR' ? 'truncated' : 'corrupt'} (${err.message}); the lines before it were analysed`
          : `reading stopped: ${err.message}; the lines before it were analysed`,
      );
      finish();
    });
  });
}
