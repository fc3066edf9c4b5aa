/**
 * The readers of src/source/open.ts: standard input that is a pipe, a FIFO or a file is read
 * from fd 0 into recycled 256 KiB buffers, as a named file is, and a named FIFO
 * (`klog-eviction <(journalctl …)`) is read as a pipe. These tests give the real bin/ each
 * kind of standard input (a FIFO through a shell, a file at an offset, /dev/null) and read
 * FIFOs in-process through `openSource`, checking the bytes, the chunk sizes, the buffer
 * reuse, and that a pipe that stays open does not keep the process from ending on SIGINT.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, createWriteStream, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openSource } from '../src/source/open.js';
import { ROOT } from './helpers.js';

const BIN = fileURLToPath(new URL('../bin/klog-eviction.js', import.meta.url));
const SEED = join(ROOT, 'samples/seed-ubuntu-k8s-3.log');
const ARGS = ['--year', '2017', '--timezone', 'Asia/Shanghai', '-o', 'json'];
const dir = mkdtempSync(join(tmpdir(), 'klog-readers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fifos = 0;
function mkfifo(): string {
  const p = join(dir, `fifo-${fifos++}`);
  const r = spawnSync('mkfifo', [p]);
  if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr.toString()}`);
  return p;
}

/** The summary and incidents of a JSON report (the input's name left out). */
const story = (json: string) => {
  const j = JSON.parse(json) as { summary: unknown; incidents: unknown };
  return JSON.stringify({ summary: j.summary, incidents: j.incidents }).replace(/"input":"[^"]*"/g, '');
};
const fromFile = story(spawnSync(process.execPath, [BIN, ...ARGS, SEED], { encoding: 'utf8' }).stdout);

/** Run bin/ with `stdio[0]` as standard input (`sh -c 'exec … < FIFO'` for a FIFO). */
function run(stdin: number | 'fifo', args: string[] = ARGS) {
  const fd = typeof stdin === 'number' ? stdin : 'ignore';
  const fifo = stdin === 'fifo' ? mkfifo() : undefined;
  const child = fifo
    ? spawn('sh', ['-c', 'exec "$0" "$@" < "$FIFO"', process.execPath, BIN, ...args], { env: { ...process.env, FIFO: fifo } })
    : spawn(process.execPath, [BIN, ...args], { stdio: [fd, 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const events: Array<{ at: number; text: string }> = [];
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
    events.push({ at: performance.now(), text: c.toString() });
  });
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
  // opening the FIFO for writing waits for the shell to open it for reading
  const writer = fifo ? createWriteStream(fifo) : undefined;
  return { child, writer, exit, out: () => out, err: () => err, events };
}

const write = (w: NodeJS.WritableStream, text: string | Buffer) =>
  new Promise<void>((resolve, reject) => w.write(text, (e) => (e ? reject(e) : resolve())));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('standard input', () => {
  it('a FIFO: the same story as the file', async () => {
    const c = run('fifo');
    await write(c.writer!, readFileSync(SEED));
    c.writer!.end();
    expect(await c.exit).toBe(0);
    expect(c.err()).toBe('');
    expect(story(c.out())).toBe(fromFile);
  });

  it('a FIFO that stays open: each event is written as its line arrives, and SIGINT ends it with the report', async () => {
    const c = run('fifo', ['--year', '2024', '--timezone', 'UTC', '-o', 'ndjson']);
    const line = (s: number) =>
      `Mar 14 09:21:${String(s).padStart(2, '0')} worker-3 kubelet[2716]: I0314 09:21:${String(s).padStart(2, '0')}.110044    2716 eviction_manager.go:349] "Eviction manager: attempting to reclaim" resourceName="memory"\n`;
    const lag: number[] = [];
    for (let s = 0; s < 5; s++) {
      const before = c.events.length;
      const sent = performance.now();
      await write(c.writer!, line(s));
      for (let waited = 0; c.events.length === before && waited < 10_000; waited += 5) await sleep(5);
      lag.push(c.events[before]!.at - sent);
    }
    // the first waits for start-up; then each event follows its line closely (the pipe is not drained into a fuller chunk first)
    expect(lag.slice(1).every((ms) => ms < 200)).toBe(true);
    c.child.kill('SIGINT');
    expect(await c.exit).toBe(130);
    expect(c.err()).toMatch(/^klog-eviction: interrupted \(SIGINT\): the report covers the 5 lines read before it\.\n$/);
    expect(c.out()).toMatch(/"kind":"summary"/);
    c.writer!.destroy();
  });

  it('a FIFO or a file is read from fd 0 into recycled 256 KiB buffers, not through process.stdin', async () => {
    // a child that reads its standard input as the CLI does and says what it got
    const probe = join(dir, 'probe.mjs');
    writeFileSync(
      probe,
      `import { processStdin } from ${JSON.stringify(join(ROOT, 'dist/source/open.js'))};
       import { openSource } from ${JSON.stringify(join(ROOT, 'dist/source/open.js'))};
       const src = await openSource('-', processStdin());
       const seen = new Set(); let chunks = 0, max = 0, bytes = 0;
       for await (const c of src.stream) { chunks++; max = Math.max(max, c.length); bytes += c.length; seen.add(c.buffer); src.recycle?.(c); }
       console.log(JSON.stringify({ chunks, max, bytes, buffers: seen.size }));`,
    );
    const data = Buffer.alloc(8 * 1024 * 1024, 'abcdefghijklmnopqrstuvwxyz\n');
    const file = join(dir, 'data.log');
    writeFileSync(file, data);
    const probeWith = (shell: string) =>
      JSON.parse(spawnSync('sh', ['-c', shell, 'sh', process.execPath, probe, file], { encoding: 'utf8' }).stdout) as Record<
        string,
        number
      >;
    for (const shell of ['cat "$3" | "$1" "$2"', '"$1" "$2" < "$3"']) {
      const got = probeWith(shell);
      expect([shell, got.bytes]).toEqual([shell, data.length]);
      expect([shell, got.max]).toEqual([shell, 256 * 1024]);
      expect([shell, got.buffers! <= 4]).toEqual([shell, true]);
    }
  });

  it('a file, read from where it stands (part of it was read before)', async () => {
    const text = readFileSync(SEED);
    const skip = text.indexOf(0x0a, text.length >> 1) + 1;
    const fd = openSync(SEED, 'r');
    readSync(fd, Buffer.alloc(skip), 0, skip, null); // moves the file offset the child inherits
    const c = run(fd);
    closeSync(fd);
    expect(await c.exit).toBe(0);
    const rest = join(dir, 'rest.log');
    writeFileSync(rest, text.subarray(skip));
    const want = story(spawnSync(process.execPath, [BIN, ...ARGS, rest], { encoding: 'utf8' }).stdout);
    expect(story(c.out())).toBe(want);
    expect(JSON.parse(c.out()).summary.lines).toBe(text.subarray(skip).toString().split('\n').length - 1);
  });

  it('/dev/null: an empty report, exit 3 (no kubelet output to give a verdict on)', async () => {
    const fd = openSync('/dev/null', 'r');
    const c = run(fd);
    closeSync(fd);
    expect(await c.exit).toBe(3);
    expect(JSON.parse(c.out()).summary.lines).toBe(0);
  });
});

describe('a named FIFO (`klog-eviction <(journalctl …)`)', () => {
  async function readAll(path: string, write: (w: NodeJS.WritableStream) => Promise<void>) {
    // (opening waits for the first bytes, which tell what they are: the writer comes first)
    const opening = openSource(path);
    const w = createWriteStream(path);
    const writing = write(w).then(() => new Promise<void>((r) => w.end(r)));
    const src = await opening;
    const chunks: Buffer[] = [];
    const buffers = new Set<ArrayBufferLike>();
    let reused = 0;
    for await (const c of src.stream as AsyncIterable<Buffer>) {
      chunks.push(Buffer.from(c));
      if (buffers.has(c.buffer)) reused++;
      buffers.add(c.buffer);
      src.recycle?.(c);
    }
    await writing;
    return { bytes: Buffer.concat(chunks), sizes: chunks.map((c) => c.length), reused, buffers: buffers.size };
  }

  it('is read whole, in chunks fuller than one 64 KiB pipe read, into buffers that go round', async () => {
    const data = Buffer.alloc(8 * 1024 * 1024);
    for (let i = 0; i < data.length; i++) data[i] = i % 251 === 250 ? 0x0a : 0x61 + (i % 26);
    const path = mkfifo();
    const r = await readAll(path, async (w) => {
      for (let o = 0; o < data.length; o += 128 * 1024) await write(w, data.subarray(o, o + 128 * 1024));
    });
    expect(r.bytes.equals(data)).toBe(true);
    expect(Math.max(...r.sizes)).toBeGreaterThan(64 * 1024);
    expect(Math.max(...r.sizes)).toBeLessThanOrEqual(256 * 1024);
    // 32+ chunks through a handful of buffers
    expect(r.buffers).toBeLessThanOrEqual(4);
    expect(r.reused).toBeGreaterThan(r.sizes.length / 2);
  });

  it('hands on what a slow writer wrote without waiting for a full chunk', async () => {
    const path = mkfifo();
    const r = await readAll(path, async (w) => {
      for (let i = 0; i < 5; i++) {
        await write(w, `line ${i}\n`);
        await sleep(30);
      }
    });
    expect(r.bytes.toString()).toBe('line 0\nline 1\nline 2\nline 3\nline 4\n');
    expect(r.sizes.length).toBe(5);
  });
});
