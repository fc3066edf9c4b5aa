/**
 * The only input I/O: files (plain or gzip), `-` or nothing for standard input.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { jsonDocumentSource } from './json-document.js';

export interface Source {
  readonly name: string;
  readonly stream: Readable;
  /** give a chunk of `stream` back once nothing refers to its bytes: the next read may reuse it */
  readonly recycle?: (chunk: Buffer) => void;
  /** bytes, when known (a regular file) */
  readonly size?: number;
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
 * Open one input. `.gz` files (by name or by magic bytes) are decompressed; a whole JSON
 * document (a log store's export) comes out as one record per line (json-document.ts).
 */
export async function openSource(name: string, stdin?: Readable): Promise<Source> {
  return jsonDocumentSource(await openBytes(name, stdin));
}

async function openBytes(name: string, stdin?: Readable): Promise<Source> {
  if (name === '-') {
    if (!stdin) throw new InputError(name, '-: standard input is not available here; name a file');
    return { name: '-', stream: stdin };
  }
  let size: number;
  try {
    const st = await stat(name);
    if (st.isDirectory()) throw new InputError(name, `${name}: is a directory; give the journal files in it, or pipe journalctl output`);
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
  if (name.endsWith('.gz')) {
    const raw = createReadStream(name, { highWaterMark: CHUNK });
    const gunzip = createGunzip();
    raw.on('error', (err) => gunzip.destroy(err));
    return { name, stream: raw.pipe(gunzip), size };
  }
  return { name, ...readAhead(name), size };
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
