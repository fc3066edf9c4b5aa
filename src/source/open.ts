/**
 * The only input I/O: files, `-` or nothing for standard input. What the bytes are
 * (compressed, UTF-16, ...) is told by them, not by the name: src/source/detect.ts.
 */
import { close, closeSync, fstat, fstatSync, open, openSync, read, statSync, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Socket, type OnReadOpts, type SocketConstructorOpts } from 'node:net';
import { Readable } from 'node:stream';
import { isatty } from 'node:tty';
import { detect } from './detect.js';
import { jsonDocumentSource } from './json-document.js';

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
 * detect.ts); a whole JSON document (a log store's export) comes out as one record per line
 * (json-document.ts). A FILE that is not a regular file (a pipe: `<(journalctl -u kubelet)`,
 * `/dev/stdin`, a FIFO) is read as a stream. `signal` stops waiting for a silent pipe's first
 * bytes.
 */
export async function openSource(name: string, stdin?: Readable, signal?: AbortSignal): Promise<Source> {
  return jsonDocumentSource(await detect(await openRaw(name, stdin), signal));
}

async function openRaw(name: string, stdin: Readable | undefined): Promise<Source> {
  if (name === '-') {
    if (!stdin) throw new InputError(name, '-: standard input is not available here; name a file');
    const recycle = RECYCLE.get(stdin);
    return { name: '-', stream: stdin, ...(recycle ? { recycle } : {}) };
  }
  let size: number | undefined;
  try {
    const st = await stat(name);
    if (st.isDirectory()) throw new InputError(name, `${name}: is a directory; give the journal files in it, or pipe journalctl output`);
    if (st.isCharacterDevice() && isTerminal(name))
      throw new InputError(name, `${name}: is a terminal; pipe a journal in (journalctl -u kubelet | klog-eviction) or name a file`);
    // (a pipe, a FIFO or a device has no size: it is read in order, as it comes)
    if (st.isFile()) size = st.size;
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
  return { name, ...readAhead(name), ...(size !== undefined ? { size } : {}) };
}

/** Is the character device `name` a terminal (`/dev/tty`, `/dev/pts/3`)? */
function isTerminal(name: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(name, 'r');
    return isatty(fd);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * 256 KiB reads instead of the default 64 KiB: a quarter of the round trips to libuv's
 * thread pool (1 MiB saved no more time and cost 14 MiB of RSS).
 */
const CHUNK = 256 * 1024;
/** chunks read ahead of the analysis at most (and buffers kept for reuse) */
const AHEAD = 3;

/** What a reader gives `openSource`: the bytes, and a way to give a chunk back for reuse. */
interface Reader {
  readonly stream: Readable;
  readonly recycle: (chunk: Buffer) => void;
}

/** The recycle function of each stream `processStdin` made. */
const RECYCLE = new WeakMap<Readable, (chunk: Buffer) => void>();

/**
 * 256 KiB buffers that go round: chunks given back with `recycle` are read into again (a
 * new buffer for every read made V8 run a full garbage collection every ~100 ms for its
 * external memory: ~0.45 s of a 6 s run on the 512 MiB bench journal).
 */
class BufferPool {
  private readonly ours = new WeakSet<object>();
  private readonly free: Buffer[] = [];
  take(): Buffer {
    const b = this.free.pop();
    if (b) return b;
    const fresh = Buffer.allocUnsafeSlow(CHUNK);
    this.ours.add(fresh.buffer);
    return fresh;
  }
  readonly recycle = (chunk: Buffer): void => {
    if (this.ours.has(chunk.buffer) && chunk.byteOffset === 0 && this.free.length < AHEAD)
      this.free.push(Buffer.from(chunk.buffer, 0, CHUNK));
  };
}

const openFd = (name: string) => new Promise<number>((ok, fail) => open(name, 'r', (e, fd) => (e ? fail(e) : ok(fd))));
const statFd = (fd: number) => new Promise<Stats | undefined>((ok) => fstat(fd, (e, st) => ok(e ? undefined : st)));
const closeFd = (fd: number) => new Promise<void>((ok) => close(fd, () => ok()));
const readAt = (fd: number, buf: Buffer, pos: number | null) =>
  new Promise<number>((ok, fail) => read(fd, buf, 0, CHUNK, pos, (e, n) => (e ? fail(e) : ok(n))));

/**
 * A named input: a regular file read ahead at explicit positions, a FIFO
 * (`<(journalctl …)`) as a pipe is read (`pipeStream`), a device from where it stands.
 */
function readAhead(name: string): Reader {
  const pool = new BufferPool();
  let fifo = false;
  try {
    fifo = statSync(name).isFIFO();
  } catch {
    // gone since openSource looked: the open below says why
  }
  if (fifo) return { stream: pipeStream(() => openFd(name), pool), recycle: pool.recycle };
  async function* chunks(): AsyncGenerator<Buffer> {
    const fd = await openFd(name);
    try {
      const st = await statFd(fd);
      yield* st?.isFile() ? positionedChunks(fd, pool) : sequentialChunks(fd, pool);
    } finally {
      await closeFd(fd);
    }
  }
  return { stream: Readable.from(chunks(), { objectMode: false }), recycle: pool.recycle };
}

/**
 * This process's standard input, for the CLI. A pipe, a FIFO or a file (`journalctl |
 * klog-eviction`, `klog-eviction < saved.log`) is read from fd 0 into recycled 256 KiB
 * buffers as a named input is; `process.stdin` (64 KiB reads, a new buffer each) is made only
 * for a terminal or a socket, or when fd 0 cannot be examined. It must not be made otherwise:
 * for a pipe it switches fd 0 to non-blocking, and a read of fd 0 in the thread pool then
 * fails with EAGAIN. A file on standard input is read from where it stands (it may have been
 * read in part: `(head -1; klog-eviction) < file`). `isTTY` says whether fd 0 is a terminal,
 * as on `process.stdin`.
 */
export function processStdin(): Readable & { isTTY?: boolean } {
  let st: Stats;
  try {
    st = fstatSync(0);
  } catch {
    return process.stdin;
  }
  if (isatty(0) || st.isSocket()) return process.stdin;
  const pool = new BufferPool();
  const stream = st.isFIFO() ? pipeStream(() => Promise.resolve(0), pool) : Readable.from(sequentialChunks(0, pool), { objectMode: false });
  RECYCLE.set(stream, pool.recycle);
  return Object.assign(stream, { isTTY: false });
}

/**
 * A regular file, read ahead of the analysis (`fs.createReadStream` asks for the next chunk
 * only once the previous one has been handled, so the analysis waited for every read: 0.8 s
 * of 6.2 s idle on the 512 MiB bench journal): at explicit positions, several reads under way.
 */
async function* positionedChunks(fd: number, pool: BufferPool): AsyncGenerator<Buffer> {
  const ahead: Array<{ buf: Buffer; done: Promise<number> }> = [];
  let pos = 0;
  let eof = false;
  const more = () => {
    while (!eof && ahead.length < AHEAD) {
      const buf = pool.take();
      ahead.push({ buf, done: readAt(fd, buf, pos) });
      pos += CHUNK;
    }
  };
  try {
    for (;;) {
      more();
      const r = ahead.shift()!;
      const n = await r.done;
      if (n === 0) return;
      if (n < CHUNK) eof = true;
      yield n === CHUNK ? r.buf : r.buf.subarray(0, n);
    }
  } finally {
    // stopped early (an interrupt, a binary journal) or at the end: let the reads under way end first
    for (const r of ahead) await r.done.catch(() => undefined);
  }
}

/**
 * Reads from the fd's current position (a file on standard input, a device), one at a time
 * (reads without a position could complete out of order), each started as soon as the one
 * before ended rather than when its chunk has been analysed, up to `AHEAD` chunks ahead.
 */
async function* sequentialChunks(fd: number, pool: BufferPool): AsyncGenerator<Buffer> {
  const ready: Buffer[] = [];
  let reading: Promise<void> | undefined;
  let ended = false;
  let failed: unknown;
  let stopped = false;
  let wake: (() => void) | undefined;
  const next = () => {
    if (reading || ended || stopped || ready.length >= AHEAD) return;
    const buf = pool.take();
    reading = readAt(fd, buf, null).then(
      (n) => {
        if (n === 0) ended = true;
        else ready.push(n === CHUNK ? buf : buf.subarray(0, n));
      },
      (e: unknown) => {
        failed = e;
        ended = true;
      },
    );
    void reading.then(() => {
      reading = undefined;
      wake?.();
      next();
    });
  };
  try {
    for (;;) {
      next();
      const b = ready.shift();
      if (b) {
        yield b;
        continue;
      }
      if (ended) {
        if (failed) throw failed;
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    stopped = true;
    await reading;
  }
}

/** a pipe holds 64 KiB (Linux's default): a read that returns less found it empty */
const PIPE_FULL = 64 * 1024;

/**
 * A FIFO (a pipe on standard input, `<(journalctl …)`), read as libuv reads `process.stdin`:
 * non-blocking, woken by epoll. (A read waiting in the thread pool could not be stopped, and
 * `journalctl -f | klog-eviction` must end on SIGINT while the pipe stays open; for the same
 * reason this is a stream of its own, whose `destroy` closes the pipe at once, not an async
 * generator, which would end only after its next chunk.) The bytes go into recycled 256 KiB
 * buffers: a pipe gives at most 64 KiB a read, so while the writer keeps the pipe full a chunk
 * is filled by several reads; it is handed on when it is full, when a read found the pipe
 * drained (a live journal's line is not held back), and at the end. (Only in the read's
 * callback: where the next read lands is fixed when it returns.) `fd` is called on the first
 * read; the pipe is closed at the end.
 */
function pipeStream(fd: () => Promise<number>, pool: BufferPool): Readable {
  let socket: Socket | undefined;
  let cur: Buffer | undefined;
  let fill = 0;
  let reading = true;
  let opening = false;
  const flush = () => {
    if (fill === 0 || !cur) return;
    const chunk = fill === CHUNK ? cur : cur.subarray(0, fill);
    cur = pool.take();
    fill = 0;
    if (!stream.push(chunk) && reading) {
      reading = false;
      socket?.pause();
    }
  };
  const start = (n: number) => {
    if (stream.destroyed) return void close(n, () => undefined);
    cur = pool.take();
    // (`onread` works in Node 20's Socket constructor, as in `net.connect`; @types/node 20 lists it only there)
    const options: SocketConstructorOpts & { onread: OnReadOpts } = {
      fd: n,
      readable: true,
      writable: false,
      onread: {
        buffer: () => cur!.subarray(fill),
        callback: (got: number) => {
          fill += got;
          if (got < PIPE_FULL || CHUNK - fill < PIPE_FULL) flush();
          return true;
        },
      },
    };
    socket = new Socket(options);
    socket.on('end', () => {
      flush();
      stream.push(null);
    });
    socket.on('error', (e) => stream.destroy(e));
    // flowing, so that 'end' is emitted (no data reaches the socket's stream side: it goes to `onread`)
    socket.resume();
    if (!reading) socket.pause();
  };
  const stream = new Readable({
    read() {
      if (!socket) {
        if (!opening) fd().then(start, (e: Error) => stream.destroy(e));
        opening = true;
        return;
      }
      if (!reading) {
        reading = true;
        socket.resume();
      }
    },
    destroy(err, cb) {
      socket?.destroy();
      cb(err);
    },
  });
  return stream;
}
