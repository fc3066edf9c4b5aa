/**
 * The thin stream adapter: a Node readable → lines (split2) → an input of the
 * core `Analysis`. Lines longer than `maxLength` are skipped by split2 and
 * reported, so one runaway line cannot take the memory.
 */
import type { Readable } from 'node:stream';
import split2 from 'split2';

export interface LineSink {
  line(text: string): void;
  end(): void;
}

export interface FeedOptions {
  /** longest line kept, in characters; longer ones are dropped and counted */
  readonly maxLength?: number;
  /** stop early (SIGINT): resolves as if the input had ended */
  readonly signal?: AbortSignal;
}

export const DEFAULT_MAX_LINE = 8 * 1024 * 1024;

/** Pump a byte stream into a sink line by line. Resolves at the end of input. */
export function feed(readable: Readable, sink: LineSink, opts: FeedOptions = {}): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let done = false;
    // split2 4.x knows `skipOverflow`; its typings do not yet.
    const lines = split2({ maxLength: opts.maxLength ?? DEFAULT_MAX_LINE, skipOverflow: true } as split2.Options);
    const finish = (err?: unknown) => {
      if (done) return;
      done = true;
      opts.signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else {
        sink.end();
        resolve();
      }
    };
    const onAbort = () => {
      readable.unpipe(lines);
      readable.destroy();
      finish();
    };
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    lines.on('data', (l: string) => {
      if (!done) sink.line(l);
    });
    lines.on('end', () => finish());
    lines.on('error', finish);
    readable.on('error', finish);
    readable.pipe(lines);
  });
}
