/**
 * What an input's bytes are, told by its first bytes and not by its name: compressed (gzip,
 * zstd, xz; bzip2 and zip named with the command that opens them), UTF-16 (PowerShell's `>`
 * writes UTF-16 LE with a BOM), a UTF-8 BOM, lone-CR line ends; and the stream wrapped in
 * the decoder that turns it into the UTF-8, LF-ended text the line cutter (src/stream.ts)
 * reads. Plain UTF-8 text, the common case, is handed on as it came, untouched: the bytes
 * looked at are put back (`unshift`), so the reader's buffers are still recycled.
 *
 * Looking is `sniff` (pure, tested on its own); `detect` does the reading.
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError, type Source } from './open.js';

/** What the first bytes say. */
export type Sniffed =
  | { readonly kind: 'gzip' | 'zstd' | 'xz' }
  | { readonly kind: 'bzip2' | 'zip' | 'tar' }
  | { readonly kind: 'utf16le' | 'utf16be' }
  /** UTF-8 text; `bom` bytes of a byte-order mark to drop; `loneCr`: lines end with CR alone */
  | { readonly kind: 'text'; readonly bom: number; readonly loneCr: boolean };

/** Enough bytes to tell every kind: a tar header's `ustar` is at 257. */
const TAR_AT = 257;
/** Text is decided within this many bytes even without a line end in them. */
export const SNIFF_LIMIT = 64 * 1024;

const MAGIC: ReadonlyArray<readonly [Sniffed['kind'], readonly number[]]> = [
  ['gzip', [0x1f, 0x8b]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  // `BZh` and the block size digit 1-9
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
];

const startsWith = (b: Uint8Array, m: readonly number[]) => b.length >= m.length && m.every((x, i) => b[i] === x);
/** `b` is shorter than `m` and could still turn out to be it */
const couldBe = (b: Uint8Array, m: readonly number[]) => b.length < m.length && [...b].every((x, i) => m[i] === x);

/**
 * Tell what `head` (the first bytes of an input) is, or undefined when more bytes are needed
 * to tell (`ended`: there are no more). Decided as early as possible, so that a slow pipe
 * (`journalctl -f | klog-eviction`) is not held up: a magic number, a BOM, or, for text, the
 * first line end.
 */
export function sniff(head: Uint8Array, ended: boolean): Sniffed | undefined {
  for (const [kind, m] of MAGIC) {
    if (startsWith(head, m)) {
      if (kind !== 'bzip2' || (head.length > 3 && head[3]! >= 0x31 && head[3]! <= 0x39)) return { kind } as Sniffed;
      if (head.length === 3 && !ended) return undefined;
    } else if (!ended && couldBe(head, m)) return undefined;
  }
  if (head[0] === 0xff && head[1] === 0xfe) return { kind: 'utf16le' };
  if (head[0] === 0xfe && head[1] === 0xff) return { kind: 'utf16be' };
  if (head.length < 2 && !ended) return undefined;
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  if (bom === 0 && head[0] === 0xef && head.length < 3 && !ended) return undefined;
  // UTF-16 without a BOM: journal text is ASCII, so every other byte is NUL. (A NUL-padded
  // UTF-8 file has NULs at both places and is text.)
  const u16 = utf16Guess(head);
  if (u16 === 'short' && !ended) return undefined;
  if (u16 === 'utf16le' || u16 === 'utf16be') return { kind: u16 };
  if (head.length > TAR_AT + 5 && head[TAR_AT] === 0x75 && String.fromCharCode(...head.subarray(TAR_AT, TAR_AT + 5)) === 'ustar') {
    return { kind: 'tar' };
  }
  // Line ends: the first CR or LF tells. A CR followed by anything but LF is a lone CR.
  for (let i = bom; i < head.length; i++) {
    const c = head[i];
    if (c === 0x0a) return { kind: 'text', bom, loneCr: false };
    if (c === 0x0d) {
      if (i + 1 < head.length) return { kind: 'text', bom, loneCr: head[i + 1] !== 0x0a };
      if (!ended) return undefined;
      return { kind: 'text', bom, loneCr: true };
    }
  }
  if (!ended && head.length < Math.max(SNIFF_LIMIT, TAR_AT + 6)) return undefined;
  return { kind: 'text', bom, loneCr: false };
}

/** UTF-16 told by where the NULs are in the first code units (at least 4, up to 64). */
function utf16Guess(head: Uint8Array): 'utf16le' | 'utf16be' | 'short' | undefined {
  const n = Math.min(head.length, 128) & ~1;
  if (n < 8) return head.length >= 2 && head[0] !== 0 && head[1] !== 0 ? undefined : 'short';
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const units = n / 2;
  // ASCII text in UTF-16: the high byte of almost every unit is NUL, the low byte never is
  // (CJK text has NULs in neither; `一` is U+4E00, a NUL in the other half)
  if (head[1] === 0 && head[0] !== 0 && oddNul >= units * 0.75 && evenNul <= units * 0.1) return 'utf16le';
  if (head[0] === 0 && head[1] !== 0 && evenNul >= units * 0.75 && oddNul <= units * 0.1) return 'utf16be';
  return undefined;
}

/** The command a user runs for a format the tool does not open itself. */
function unsupported(kind: 'bzip2' | 'zip' | 'tar', name: string): InputError {
  const file = name === '-' ? 'FILE' : name;
  const what = name === '-' ? 'standard input' : name;
  switch (kind) {
    case 'bzip2':
      return new InputError(
        name,
        `${what}: bzip2-compressed, which klog-eviction does not decompress; run: ${name === '-' ? '… | bzip2 -dc | klog-eviction' : `bzip2 -dc ${file} | klog-eviction`}`,
      );
    case 'zip':
      return new InputError(name, `${what}: a zip archive; run: unzip -p ${file} | klog-eviction (or name the file in it)`);
    case 'tar':
      return new InputError(name, `${what}: a tar archive; extract it (tar -xf ${file}) and give the journal files in it`);
  }
}

/**
 * Look at an input's first bytes and return it decoded: decompressed (as often as it was
 * compressed), UTF-16 as UTF-8, a UTF-8 BOM dropped, lone CRs made line ends. Throws an
 * InputError naming the command to run for bzip2, zip and tar. `signal`: stop waiting for
 * the first bytes (an interrupt while a pipe is still silent).
 *
 * Decoders pull: each is an async generator over the bytes under it, so nothing is read or
 * decoded before the consumer asks, and a failure (a truncated .zst) comes after the last
 * bytes decoded before it, never before the consumer listens.
 */
export async function detect(src: Source, signal?: AbortSignal): Promise<Source> {
  let s = src;
  for (let depth = 0; depth < 4; depth++) {
    const { head, stream } = await peek(s.stream, signal);
    const what = sniff(head, true) ?? { kind: 'text', bom: 0, loneCr: false };
    const name = s.name;
    switch (what.kind) {
      case 'gzip':
      case 'zstd':
      case 'xz': {
        // (what the decompressor has taken in of the file is what a progress line counts)
        const read = { n: 0 };
        const consumed = s.consumed ?? (() => read.n);
        s = {
          name,
          stream: Readable.from(DECOMPRESS[what.kind](counted(stream, read)), { objectMode: false }),
          ...(s.size !== undefined ? { size: s.size } : {}),
          consumed,
        };
        continue;
      }
      case 'bzip2':
      case 'zip':
      case 'tar':
        stream.destroy();
        throw unsupported(what.kind, name);
      case 'utf16le':
      case 'utf16be':
        return { name, stream: Readable.from(utf16(what.kind, stream), { objectMode: false }) };
      case 'text':
        if (what.bom > 0 || what.loneCr) {
          // (chunks that went through a decoder are new buffers: the reader's are not recycled)
          const body = what.bom > 0 ? dropped(stream, what.bom) : stream;
          const out = what.loneCr ? loneCr(body) : body;
          return { name, stream: Readable.from(out, { objectMode: false }), ...(s.size !== undefined ? { size: s.size } : {}) };
        }
        return { ...s, stream };
    }
  }
  return s;
}

type Bytes = AsyncIterable<Buffer>;

/** The bytes as they are, counted into `read.n` as they pass. */
async function* counted(src: Bytes, read: { n: number }): Bytes {
  for await (const chunk of src) {
    read.n += chunk.length;
    yield chunk;
  }
}

/**
 * Read from `stream` until `sniff` can tell (or the input ended, failed, or `signal`
 * aborted), and give back a stream that starts with the bytes read: the same stream, with
 * them put back, unless it already ended or failed.
 */
function peek(stream: Readable, signal?: AbortSignal): Promise<{ head: Buffer; stream: Readable }> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let size = 0;
    const joined = () => (parts.length === 1 ? parts[0]! : Buffer.concat(parts, size));
    const cleanup = () => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const putBack = () => {
      cleanup();
      const head = joined();
      if (head.length > 0) stream.unshift(head);
      resolve({ head, stream });
    };
    const onReadable = () => {
      for (;;) {
        const c = stream.read() as Buffer | string | null;
        if (c === null) return;
        const b = typeof c === 'string' ? Buffer.from(c) : c;
        parts.push(b);
        size += b.length;
        if (sniff(parts.length === 1 ? b : joined(), false) !== undefined) return putBack();
      }
    };
    const onEnd = () => {
      cleanup();
      const head = joined();
      resolve({ head, stream: Readable.from(head.length > 0 ? [head] : [], { objectMode: false }) });
    };
    const onError = (err: Error) => {
      cleanup();
      const head = joined();
      // the bytes before the failure, then the failure (src/stream.ts reports it as skipped)
      async function* replay() {
        if (head.length > 0) yield head;
        throw err;
      }
      resolve({ head, stream: Readable.from(replay(), { objectMode: false }) });
    };
    const onAbort = () => putBack();
    if (signal?.aborted) return resolve({ head: Buffer.alloc(0), stream });
    signal?.addEventListener('abort', onAbort, { once: true });
    stream.on('readable', onReadable);
    stream.once('end', onEnd);
    stream.once('error', onError);
  });
}

/** The bytes without their first `n` (all of them in the first chunk: the peeked head). */
async function* dropped(src: Bytes, n: number): Bytes {
  let left = n;
  for await (const chunk of src) {
    const k = Math.min(left, chunk.length);
    left -= k;
    if (k < chunk.length) yield k === 0 ? chunk : chunk.subarray(k);
  }
}

/** UTF-16 (either byte order) → UTF-8. A BOM is dropped; a code unit split across chunks is kept whole. */
async function* utf16(kind: 'utf16le' | 'utf16be', src: Bytes): Bytes {
  const dec = new TextDecoder(kind === 'utf16le' ? 'utf-16le' : 'utf-16be');
  for await (const chunk of src) {
    const s = dec.decode(chunk, { stream: true });
    if (s.length > 0) yield Buffer.from(s, 'utf8');
  }
  const s = dec.decode();
  if (s.length > 0) yield Buffer.from(s, 'utf8');
}

/** Lone-CR line ends (`\r`) → `\n`; a `\r\n` among them stays one line end, also split across chunks. */
async function* loneCr(src: Bytes): Bytes {
  let afterCr = false;
  for await (const chunk of src) {
    const out = Buffer.allocUnsafe(chunk.length);
    let n = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (c === 0x0a && afterCr) {
        afterCr = false;
        continue;
      }
      afterCr = c === 0x0d;
      out[n++] = afterCr ? 0x0a : c;
    }
    if (n > 0) yield out.subarray(0, n);
  }
}

/** An error of a decompressor, with the codes src/stream.ts reports as truncated or corrupt data. */
function compressedError(format: string, truncated: boolean, detail: string): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error(`${format}: ${detail}`);
  e.code = truncated ? 'Z_BUF_ERROR' : 'Z_DATA_ERROR';
  return e;
}

/** The decompressors, by format. zstd and xz are loaded only when an input needs them. */
const DECOMPRESS: Record<'gzip' | 'zstd' | 'xz', (src: Bytes) => Bytes> = {
  /** zlib's gunzip (concatenated members too), one input chunk at a time */
  async *gzip(src) {
    const z = createGunzip();
    const out: Buffer[] = [];
    let failed: Error | undefined;
    // settled by the next write's callback, the end, or a failure (after which no callback comes)
    let wake: () => void = () => undefined;
    z.on('data', (c: Buffer) => out.push(c));
    z.on('error', (e) => {
      failed ??= e;
      wake();
    });
    const ended = new Promise<void>((res) => z.once('end', res));
    for await (const chunk of src) {
      await new Promise<void>((res) => {
        wake = res;
        z.write(chunk, () => res());
      });
      yield* out.splice(0);
      if (failed) throw failed;
    }
    z.end();
    await Promise.race([ended, new Promise<void>((res) => (failed ? res() : (wake = res)))]);
    yield* out.splice(0);
    if (failed) throw failed;
  },
  /** Node 20's zlib has no zstd (22.15 added it): fzstd, pure JavaScript */
  async *zstd(src) {
    const { Decompress } = await import('fzstd');
    const out: Buffer[] = [];
    const d = new Decompress((data) => {
      if (data.length > 0) out.push(Buffer.from(data.buffer, data.byteOffset, data.length));
    });
    // fzstd's error code 5 is "unexpected EOF"
    const fail = (e: unknown) => compressedError('zstd', (e as { code?: number }).code === 5, (e as Error).message);
    for await (const chunk of src) {
      try {
        d.push(chunk);
      } catch (e) {
        yield* out.splice(0);
        throw fail(e);
      }
      yield* out.splice(0);
    }
    try {
      d.push(new Uint8Array(0), true);
    } catch (e) {
      yield* out.splice(0);
      throw fail(e);
    }
    yield* out.splice(0);
  },
  /** xz-decompress: xz-embedded compiled to WebAssembly, on web streams */
  async *xz(src) {
    const mod = (await import('xz-decompress')) as unknown as { default?: XzModule } & XzModule;
    const { XzReadableStream } = mod.default ?? mod;
    const web = Readable.toWeb(Readable.from(src, { objectMode: false })) as unknown as ReadableStream<Uint8Array>;
    try {
      for await (const c of new XzReadableStream(web) as unknown as AsyncIterable<Uint8Array>) {
        yield Buffer.from(c.buffer, c.byteOffset, c.length);
      }
    } catch (e) {
      // "get_next_output failed with error code N": xz-embedded's codes, 8 is XZ_BUF_ERROR (the data ended)
      const code = /error code (\d+)/.exec((e as Error).message)?.[1];
      if (code === undefined) throw e;
      throw compressedError('xz', code === '8', code === '8' ? 'unexpected end of data' : `corrupt data (${(e as Error).message})`);
    }
  },
};

interface XzModule {
  XzReadableStream: new (s: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array>;
}
