/**
 * Inputs told by their bytes, not their names (src/source/detect.ts): compressed (gzip, zstd,
 * xz; bzip2 named with the command to run), UTF-16 with and without a BOM (PowerShell's `>`),
 * a UTF-8 BOM, lone-CR line ends; on standard input and in any file name; and split at every
 * byte offset without changing the result. Pipes named as FILEs are read as streams.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyzeStream } from '../src/api.js';
import { toJsonReport } from '../src/render/json.js';
import { sniff } from '../src/source/detect.js';
import { openSource } from '../src/source/open.js';
import { NOW, ROOT, read, runCli } from './helpers.js';

const REPRO = (f: string) => join(ROOT, 'test/fixtures/repro', f);
const MODERN = 'samples/modern-memory-eviction.log';
const modern = readFileSync(join(ROOT, MODERN));
const dir = mkdtempSync(join(tmpdir(), 'klog-detect-'));
const ARGS = ['-o', 'json', '--year', '2024', '--timezone', 'UTC'];

/** The report without what names the input (so differently stored copies compare equal). */
async function story(args: string[], stdin: string | Buffer = '') {
  const r = await runCli([...ARGS, ...args], stdin as string);
  expect(r.stderr).toBe('');
  const rep = JSON.parse(r.stdout);
  return JSON.parse(
    JSON.stringify({ summary: rep.summary, nodes: rep.nodes, incidents: rep.incidents }).replace(/"input":"[^"]*"/g, '"input":"x"'),
  );
}

describe('sniff: what the first bytes say', () => {
  const b = (...xs: Array<number | string>) => Buffer.concat(xs.map((x) => (typeof x === 'string' ? Buffer.from(x) : Buffer.from([x]))));
  it.each([
    ['gzip', b(0x1f, 0x8b, 8, 0, 'xxxx')],
    ['zstd', b(0x28, 0xb5, 0x2f, 0xfd, 'xx')],
    ['xz', b(0xfd, '7zXZ', 0, 'x')],
    ['bzip2', b('BZh9', 0x31, 0x41)],
    ['zip', b('PK', 3, 4, 'xx')],
    ['utf16le', b(0xff, 0xfe, '2', 0)],
    ['utf16be', b(0xfe, 0xff, 0, '2')],
    ['utf16le', Buffer.from('2024-03-14T09:15:00+0000 worker-3 systemd[1]: Started kubelet\n', 'utf16le')],
    ['utf16be', Buffer.from('2024-03-14T09:15:00+0000 worker-3 systemd[1]: Started kubelet\n', 'utf16le').swap16()],
    // CJK months in the first line: NULs in neither half for those characters
    ['utf16le', Buffer.from('-- Logs begin at 六 2017-10-07 08:12:03 CST, end at 一 2017-10-16 17:10:00 CST. --\n', 'utf16le')],
  ] as const)('%s', (kind, head) => {
    expect(sniff(head, false)?.kind).toBe(kind);
  });
  it('text: its BOM, and whether lines end with a lone CR', () => {
    expect(sniff(b(0xef, 0xbb, 0xbf, 'Oct 16 x\n'), false)).toEqual({ kind: 'text', bom: 3, loneCr: false });
    expect(sniff(b('Oct 16 x\rOct 16 y\r'), false)).toEqual({ kind: 'text', bom: 0, loneCr: true });
    expect(sniff(b('Oct 16 x\r\nOct 16 y\r\n'), false)).toEqual({ kind: 'text', bom: 0, loneCr: false });
    expect(sniff(b('BZh is not bzip2 without its digit\n'), false)).toEqual({ kind: 'text', bom: 0, loneCr: false });
  });
  it('NUL padding is not UTF-16', () => {
    expect(sniff(Buffer.concat([Buffer.alloc(4096), Buffer.from('Oct 16 x\n')]), false)?.kind).toBe('text');
    expect(sniff(Buffer.concat([Buffer.from('Oct 16 x\n'), Buffer.alloc(4096)]), false)?.kind).toBe('text');
  });
  it('waits for more bytes only while they could change the answer', () => {
    expect(sniff(b(0x1f), false)).toBeUndefined();
    expect(sniff(b(0x28, 0xb5), false)).toBeUndefined();
    expect(sniff(b('Oct 16 09:50:55 n kubelet[1]: no line end yet'), false)).toBeUndefined();
    expect(sniff(b('Oct 16 x\r'), false)).toBeUndefined();
    expect(sniff(b('Oct 16 x\r'), true)).toEqual({ kind: 'text', bom: 0, loneCr: true });
    expect(sniff(b('x'), true)).toEqual({ kind: 'text', bom: 0, loneCr: false });
    expect(sniff(Buffer.alloc(0), true)).toEqual({ kind: 'text', bom: 0, loneCr: false });
  });
});

describe('inputs told by their bytes (reproductions)', () => {
  it('UTF-16 LE with a BOM and CRLF (PowerShell `>`): the same story as the UTF-8 file', async () => {
    expect(await story([REPRO('utf16le.log')])).toEqual(await story([MODERN]));
  });
  it('gzip without a .gz name, on standard input too', async () => {
    const want = await story([MODERN]);
    expect(await story([REPRO('gzip-without-suffix.log')])).toEqual(want);
    expect(await story([], readFileSync(REPRO('gzip-without-suffix.log')) as unknown as string)).toEqual(want);
  });
  it('a file named .gz that is plain text is read as text', async () => {
    const p = join(dir, 'plain.log.gz');
    copyFileSync(join(ROOT, MODERN), p);
    expect(await story([p])).toEqual(await story([MODERN]));
  });
  it.each(['modern.log.zst', 'modern.log.xz'])('%s (made by the real tool)', async (f) => {
    const want = await story([MODERN]);
    expect(await story([REPRO(f)])).toEqual(want);
    const renamed = join(dir, `${f}.log`);
    copyFileSync(REPRO(f), renamed);
    expect(await story([renamed])).toEqual(want);
    expect(await story([], readFileSync(REPRO(f)) as unknown as string)).toEqual(want);
  });
  it('compressed twice, and UTF-16 inside gzip', async () => {
    const want = await story([MODERN]);
    const p = join(dir, 'twice');
    writeFileSync(p, gzipSync(readFileSync(REPRO('modern.log.zst'))));
    expect(await story([p])).toEqual(want);
    const q = join(dir, 'u16.gz');
    writeFileSync(q, gzipSync(readFileSync(REPRO('utf16le.log'))));
    expect(await story([q])).toEqual(want);
  });
  it('a truncated .zst: the lines before the cut are analysed, the cut named once', async () => {
    // two frames (as `cat a.zst b.zst` makes); the cut is in the second
    const p = join(dir, 'cut.zst');
    const frame = readFileSync(REPRO('modern.log.zst'));
    writeFileSync(p, Buffer.concat([frame, frame.subarray(0, frame.length >> 1)]));
    const r = await runCli([...ARGS, p]);
    const rep = JSON.parse(r.stdout);
    expect(rep.summary.kubeletLines).toBe(126);
    expect(rep.summary.skipped).toBe(1);
    expect(r.stderr.match(/compressed data is truncated \(zstd/g)).toHaveLength(1);
  });
  it('a truncated .xz: the same', async () => {
    const p = join(dir, 'cut.xz');
    const whole = readFileSync(REPRO('modern.log.xz'));
    writeFileSync(p, whole.subarray(0, Math.floor(whole.length * 0.7)));
    const r = await runCli([...ARGS, p]);
    expect(JSON.parse(r.stdout).summary.skipped).toBe(1);
    expect(r.stderr).toMatch(/compressed data is truncated \(xz/);
  });
  it('bzip2: one line naming the command to run, exit 2', async () => {
    const r = await runCli([...ARGS, REPRO('modern.log.bz2')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `klog-eviction: ${REPRO('modern.log.bz2')}: bzip2-compressed, which klog-eviction does not decompress; run: bzip2 -dc ${REPRO('modern.log.bz2')} | klog-eviction\n`,
    );
    const s = await runCli(ARGS, readFileSync(REPRO('modern.log.bz2')) as unknown as string);
    expect(s.stderr).toMatch(/standard input: bzip2-compressed.*\| bzip2 -dc \| klog-eviction/);
  });
  it('a tar archive inside gzip (a must-gather): what to do instead, exit 2', async () => {
    const p = join(dir, 'gather.tar.gz');
    const header = Buffer.alloc(512);
    header.write('var/log/kubelet.log');
    header.write('ustar', 257);
    writeFileSync(p, gzipSync(Buffer.concat([header, modern])));
    const r = await runCli([...ARGS, p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a tar archive; extract it \(tar -xf .*gather\.tar\.gz\)/);
  });
  it('a UTF-8 BOM does not hide the first line: bom-first-line.log reads as nobom-first-line.log', async () => {
    const a = await story([REPRO('bom-first-line.log')]);
    expect(a).toEqual(await story([REPRO('nobom-first-line.log')]));
    expect(a.nodes.map((n: { name: string }) => n.name)).toEqual(['worker-3']);
  });
  it('lone-CR line ends: every line read, as with LF', async () => {
    const crlf = read('test/fixtures/repro/lone-cr.log');
    expect(crlf).not.toMatch(/\n/);
    const lf = join(dir, 'lf.log');
    writeFileSync(lf, crlf.replace(/\r/g, '\n'));
    const got = await story([REPRO('lone-cr.log')]);
    expect(got).toEqual(await story([lf]));
    expect(got.summary.lines).toBe(crlf.split('\r').filter(Boolean).length);
  });
});

describe('chunk boundaries in the decoders', () => {
  // a few lines with a CJK month (multi-byte in UTF-8, a surrogate-free BMP unit in UTF-16)
  const TEXT = [
    '10月 16 09:50:55 ubuntu-k8s-3 kubelet[17144]: W1016 09:50:55.056703   17144 eviction_manager.go:331] eviction manager: attempting to reclaim nodefs',
    '10月 16 09:50:55 ubuntu-k8s-3 kubelet[17144]: E1016 09:50:55.058307   17144 eviction_manager.go:356] eviction manager: eviction thresholds have been met, but no pods are active to evict',
    '10月 16 09:54:14 ubuntu-k8s-3 kubelet[12844]: W1016 09:54:14.823152   12844 eviction_manager.go:142] Failed to admit pod weave-net-3svfg_kube-system(e5a5) - node has conditions: [DiskPressure]',
  ];
  const of = async (chunks: Buffer[]) =>
    JSON.stringify(
      toJsonReport(await analyzeStream(Readable.from(chunks, { objectMode: false }), { timezone: 'Asia/Shanghai', year: 2017, now: NOW }), {
        timezone: 'Asia/Shanghai',
      }),
    );
  const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT.join('\r\n') + '\r\n', 'utf16le')]);
  const cases: Array<[string, Buffer]> = [
    ['UTF-16 LE with a BOM', utf16le],
    ['UTF-16 BE without a BOM', Buffer.from(TEXT.join('\n') + '\n', 'utf16le').swap16()],
    ['a UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT.join('\n') + '\n')])],
    ['lone CRs, and a CRLF among them', Buffer.from(`${TEXT[0]}\r${TEXT[1]}\r\n${TEXT[2]}\r`)],
    ['gzip', gzipSync(TEXT.join('\n') + '\n')],
    ['gzip of UTF-16', gzipSync(utf16le)],
  ];
  it.each(cases)(
    '%s: split at every byte offset, one byte at a time: the same report',
    async (_name, bytes) => {
      const whole = await of([bytes]);
      expect(JSON.parse(whole).summary).toMatchObject({ kubeletLines: 3, incidents: 1, skipped: 0 });
      for (let i = 1; i < bytes.length; i++) {
        const got = await of([bytes.subarray(0, i), bytes.subarray(i)]);
        if (got !== whole) expect.fail(`split at byte ${i} changed the report`);
      }
      expect(await of([...bytes].map((x) => Buffer.from([x])))).toBe(whole);
    },
    60_000,
  );
  it('zstd: split at every byte offset of a real .zst', async () => {
    const bytes = readFileSync(REPRO('modern.log.zst'));
    const whole = await of([bytes]);
    for (let i = 1; i < bytes.length; i += 7) {
      const got = await of([bytes.subarray(0, i), bytes.subarray(i)]);
      if (got !== whole) expect.fail(`split at byte ${i} changed the report`);
    }
  }, 60_000);
});

describe('a FILE that is a pipe is read as a stream', () => {
  it('a FIFO', async () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const w = createWriteStream(fifo);
    w.end(modern);
    expect(await story([fifo])).toEqual(await story([MODERN]));
  });
  it('a named pipe gets its size told as unknown, and the stream is not read with positions', async () => {
    const fifo = join(dir, 'fifo2');
    execFileSync('mkfifo', [fifo]);
    createWriteStream(fifo).end(gzipSync(modern));
    const s = await openSource(fifo);
    expect(s.size).toBeUndefined();
    let n = 0;
    for await (const c of s.stream) n += (c as Buffer).length;
    expect(n).toBe(modern.length);
  });
  it('bash process substitution <(…) and /dev/stdin (spawned)', () => {
    const bin = join(ROOT, 'bin/klog-eviction.js');
    const sub = spawnSync('bash', ['-c', `node ${bin} ${ARGS.join(' ')} <(cat ${MODERN})`], { cwd: ROOT, encoding: 'utf8' });
    expect(sub.stderr, sub.stderr).toBe('');
    expect(JSON.parse(sub.stdout).summary.kubeletLines).toBe(126);
    const dev = spawnSync('bash', ['-c', `cat ${MODERN} | node ${bin} ${ARGS.join(' ')} /dev/stdin`], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(dev.stdout).summary.kubeletLines).toBe(126);
  });
});
