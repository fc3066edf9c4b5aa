/**
 * The only input I/O: files, `-` or nothing for standard input. What the bytes are
 * (compressed, UTF-16, ...) is told by them, not by the name: src/source/detect.ts.
 */
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { isatty } from 'node:tty';
import { detect } from './detect.js';

export interface Source {
  readonly name: string;
  readonly stream: Readable;
  /** give a chunk of `stream` back once nothing refers to its bytes: the next read may reuse it */
  readonly recycle?: (chunk: Buffer) => void;
  /** bytes, when known (a regular file) */
  readonly size?: number;
  /**
   * bytes of the file consumed so far, when `stream` gives out other bytes than it reads (a
   * decompressor): what a progress line counts against `size`
   */
  readonly consumed?: () => number;
}

/** A problem with an input the user must fix (exit code 2). */
export class InputError extends Error {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/**
 * Open one input, decoded by what its first bytes are (gzip, zstd, xz, UTF-16 ...: see
 * detect.ts). A FILE that is not a regular file (a pipe: `<(journalctl -u kubelet)`,
 * `/dev/stdin`, a FIFO) is read as a stream. `signal` stops waiting for a silent pipe's
 * first bytes.
 */
export async function openSource(name: string, stdin?: Readable, signal?: AbortSignal): Promise<Source> {
  return detect(await openRaw(name, stdin), signal);
}

async function openRaw(name: string, stdin: Readable | undefined): Promise<Source> {
  if (name === '-') {
    if (!stdin) throw new InputError(name, '-: standard input is not available here; name a file');
    return { name: '-', stream: stdin };
  }
  let size: number;
  try {
    const st = await stat(name);
    if (st.isDirectory()) throw new InputError(name, `${name}: is a directory; give the journal files in it, or pipe journalctl output`);
    if (!st.isFile()) return { name, stream: await streamOf(name) };
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      name,
      code === 'ENOENT'
        ? `${name}: no such file`
        : code === 'EACCES'
          ? `${name}: permission denied (try sudo, or pipe it: sudo cat ${name} | klog-eviction)`
          : `${name}: cannot read (${code ?? String(e)})`,
    );
  }
  return { name, ...readAhead(name), size };
}

/**
 * A pipe, FIFO, socket or device named as a FILE: read in order (positional reads, as
 * `readAhead` makes them, fail on a pipe with ESPIPE). A terminal is refused as standard
 * input is.
 */
async function streamOf(name: string): Promise<Readable> {
  const fh = await open(name, 'r');
  if (isatty(fh.fd)) {
    await fh.close();
    throw new InputError(name, `${name}: is a terminal; pipe a journal in (journalctl -u kubelet | klog-eviction) or name a file`);
  }
  return fh.createReadStream({ highWaterMark: CHUNK });
}

/**
 * 256 KiB reads instead of the default 64 KiB: a quarter of the round trips to libuv's
 * thread pool (1 MiB saved no more time and cost 14 MiB of RSS).
 */
const CHUNK = 256 * 1024;
/** reads under way at once */
const AHEAD = 3;

/**
 * A plain file's bytes, with the next read already under way while a chunk is analysed.
 * `fs.createReadStream` asks for the next chunk only once the previous one has been
 * handled, so the analysis waited for every read: on the 512 MiB bench journal the CPU
 * profile showed 0.8 s of 6.2 s idle. Chunks given back with `recycle` are read into
 * again: a new 256 KiB buffer for every read made V8 run a full garbage collection
 * every ~100 ms (external memory), ~0.45 s of that run.
 */
function readAhead(name: string): { stream: Readable; recycle: (chunk: Buffer) => void } {
  const ours = new WeakSet<object>();
  const free: Buffer[] = [];
  const take = (): Buffer => {
    const b = free.pop();
    if (b) return b;
    const fresh = Buffer.allocUnsafeSlow(CHUNK);
    ours.add(fresh.buffer);
    return fresh;
  };
  async function* chunks(): AsyncGenerator<Buffer> {
    const fh = await open(name, 'r');
    // reads under way, in file order (at explicit positions, so that several can be)
    const ahead: Array<{ buf: Buffer; done: Promise<{ bytesRead: number }> }> = [];
    let pos = 0;
    let eof = false;
    const more = () => {
      while (!eof && ahead.length < AHEAD) {
        const buf = take();
        ahead.push({ buf, done: fh.read(buf, 0, CHUNK, pos) });
        pos += CHUNK;
      }
    };
    try {
      for (;;) {
        more();
        const r = ahead.shift()!;
        const { bytesRead } = await r.done;
        if (bytesRead === 0) return;
        if (bytesRead < CHUNK) eof = true;
        yield bytesRead === CHUNK ? r.buf : r.buf.subarray(0, bytesRead);
      }
    } finally {
      // stopped early (an interrupt, a binary journal) or at the end: let the reads under way end first
      for (const r of ahead) await r.done.catch(() => undefined);
      await fh.close();
    }
  }
  const recycle = (chunk: Buffer) => {
    if (ours.has(chunk.buffer) && chunk.byteOffset === 0 && free.length < AHEAD) free.push(Buffer.from(chunk.buffer, 0, CHUNK));
  };
  return { stream: Readable.from(chunks(), { objectMode: false }), recycle };
}
