/**
 * The thin stream adapter: a Node readable → lines (split2) → an input of the
 * core `Analysis`. What cannot become a text line is not dropped silently:
 * a line longer than `maxLength` (split2 skips it), a binary journal file
 * passed by mistake, a stream that fails half-way (a truncated .gz) are each
 * reported to the sink as skipped, with the reason, and the rest is analysed.
 */
import type { Readable } from 'node:stream';
import split2 from 'split2';
import type { LineSink } from './analyze/pipeline.js';

export type { LineSink };

export interface FeedOptions {
  /** longest line kept, in characters; longer ones are skipped and counted */
  readonly maxLength?: number;
  /** stop early (SIGINT): resolves as if the input had ended */
  readonly signal?: AbortSignal;
  /** the input's name, for messages that tell the user what to run */
  readonly name?: string;
}

/** 1 MiB: ten times the longest kubelet line seen (a `pods ranked` list on a dense node). */
export const DEFAULT_MAX_LINE = 1024 * 1024;

const stripCr = (l: string): string => (l.charCodeAt(l.length - 1) === 0x0d ? l.slice(0, -1) : l);

/** The 8-byte signature of a systemd journal file (`LPKSHHRH`). */
const JOURNAL_MAGIC = Buffer.from('LPKSHHRH');

export const binaryJournal = (name = 'FILE') =>
  `this is a binary journal file, not journalctl output; use: journalctl --file ${name} | klog-eviction`;

/**
 * Pump a byte stream into a sink line by line. Resolves at the end of input,
 * on abort, and after a read error (the error is reported to the sink as a
 * skipped stretch; the lines before it stay analysed).
 */
export function feed(readable: Readable, sink: LineSink, opts: FeedOptions = {}): Promise<void> {
  const maxLength = opts.maxLength ?? DEFAULT_MAX_LINE;
  return new Promise<void>((resolve) => {
    let done = false;
    let first = true;
    let binary = false;
    let wasOverflowing = false;
    let dropFlushedTail = false;
    // A string matcher splits faster than split2's default `/\r?\n/`; the CR of a CRLF
    // line end (which may arrive in the chunk before its LF) is cut per line instead.
    const lines = split2('\n', stripCr, { maxLength, skipOverflow: true } as split2.Options) as ReturnType<typeof split2> & {
      overflow: boolean;
    };
    const overflowed = () => {
      wasOverflowing = true;
      sink.skip(`a line longer than ${maxLength} characters (no line end within the limit)`);
    };
    const finish = () => {
      if (done) return;
      done = true;
      opts.signal?.removeEventListener('abort', onAbort);
      sink.end();
      resolve();
    };
    const onAbort = () => {
      readable.unpipe(lines);
      readable.destroy();
      finish();
    };
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    readable.on('data', (chunk: Buffer | string) => {
      if (!first) return;
      first = false;
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (b.subarray(0, 8).equals(JOURNAL_MAGIC)) {
        binary = true;
        sink.skip(binaryJournal(opts.name));
        readable.unpipe(lines);
        readable.destroy();
        finish();
      }
    });
    // Registered before pipe(), so it runs before split2's flush: a line still
    // overflowing at the end must not come out as a truncated line.
    readable.on('end', () => {
      if (lines.overflow) {
        if (!wasOverflowing) overflowed();
        dropFlushedTail = true;
      }
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
    lines.on('data', (l: string) => {
      if (done || binary) return;
      if (dropFlushedTail) {
        dropFlushedTail = false;
        return;
      }
      sink.line(l);
    });
    lines.on('end', finish);
    lines.on('error', finish);
    readable.pipe(lines);
    // After pipe(), so it runs once split2 has taken the chunk: split2 sets
    // `overflow` while it discards a line over maxLength.
    readable.on('data', () => {
      if (lines.overflow && !wasOverflowing) overflowed();
      wasOverflowing = lines.overflow;
    });
  });
}
