/**
 * The only input I/O: files (plain or gzip), `-` or nothing for standard input.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export interface Source {
  readonly name: string;
  readonly stream: Readable;
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

/** Open one input. `.gz` files (by name or by magic bytes) are decompressed. */
export async function openSource(name: string, stdin: Readable): Promise<Source> {
  if (name === '-') return { name: '-', stream: stdin };
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
  // 256 KiB reads instead of the default 64 KiB: a quarter of the round trips to libuv's
  // thread pool. On the 64 MiB bench journal with a busy machine, the main thread sat idle
  // waiting for reads ~0.28 s of 2.1 s with 64 KiB (CPU profile); 256 KiB cut the wall time
  // ~10 % (side by side, same CPU time) for ~3 MiB more peak RSS; 1 MiB saved no more and cost 14 MiB.
  const raw = createReadStream(name, { highWaterMark: 256 * 1024 });
  if (name.endsWith('.gz')) {
    const gunzip = createGunzip();
    raw.on('error', (err) => gunzip.destroy(err));
    return { name, stream: raw.pipe(gunzip), size };
  }
  return { name, stream: raw, size };
}
