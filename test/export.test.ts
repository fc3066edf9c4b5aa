/**
 * `journalctl -o export` and `-o json-seq`: the real renderings in
 * test/fixtures/journalctl/ (made by systemd-journal-remote + journalctl),
 * reassembled from lines and decoded to the same entries and the same story.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analyze/pipeline.js';
import { journalEntry, type JournalLine } from '../src/journal/decode.js';
import { ExportAssembler, type ExportRecord } from '../src/journal/export.js';
import { toJsonReport } from '../src/render/json.js';
import { feed } from '../src/stream.js';
import { FIXTURES as DIR, fixtureEntries, opts } from './helpers.js';

const truth = fixtureEntries();

/** Lines as the stream adapter sees them: bytes decoded as UTF-8, split at \n. */
function linesOf(buf: Buffer): string[] {
  const l = buf.toString('utf8').split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

function assemble(lines: string[]): ExportRecord[] {
  const a = new ExportAssembler();
  const out: ExportRecord[] = [];
  lines.forEach((l, i) => {
    const r = a.push(l, i + 1);
    if (r.record) out.push(r.record);
    expect(r.consumed).toBe(true);
  });
  const last = a.flush();
  if (last) out.push(last);
  return out;
}

/** A binary export field: NAME\n + le64 size + bytes + \n. */
function binField(name: string, bytes: Buffer): Buffer {
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(bytes.length));
  return Buffer.concat([Buffer.from(`${name}\n`), len, bytes, Buffer.from('\n')]);
}

describe('journalctl -o export (real rendering)', () => {
  const buf = readFileSync(new URL('export/any.txt', DIR));
  const records = assemble(linesOf(buf));

  it('reassembles one record per entry, starting at its __CURSOR= line', () => {
    expect(records).toHaveLength(truth.length);
    expect(records[0]!.firstLine).toBe(1);
    for (const r of records) expect(r.fields['__CURSOR']).toMatch(/^s=[0-9a-f]+;i=/);
  });

  it.each(truth.map((t, i) => [i + 1, t] as const))('entry %i decodes to the ground truth', (i, t) => {
    const r = records[i - 1]!;
    const e = journalEntry(r.fields, 'export', r.lossy.includes('MESSAGE')) as Extract<JournalLine, { type: 'entry' }>;
    expect(e).toMatchObject({ type: 'entry', format: 'export', host: t.hostname, ident: t.identifier, pid: t.pid });
    expect(e.time).toEqual({ kind: 'instant', ms: Number(t.realtimeUsec) / 1000, precise: true });
    if (t.message !== undefined) {
      expect(e.message).toBe(t.message);
      expect(e.lossy).toBeUndefined();
    } else {
      // entry 7: MESSAGE holds byte 0xFF, so journalctl wrote the binary form
      // (`MESSAGE\n` + le64 61 + bytes); it decodes with U+FFFD and is flagged.
      const bytes = Buffer.from(t.messageBytesHex!, 'hex');
      expect(e.message).toBe(new TextDecoder().decode(bytes));
      expect(e.lossy).toBe(true);
    }
  });

  it('tells the same story as -o json, fed as bytes through the stream adapter', async () => {
    const report = async (b: Buffer) => {
      const an = new Analysis(opts());
      await feed(Readable.from([b]), an.input('x'));
      const r = toJsonReport(an.finish(), { timezone: 'UTC' });
      // Line numbers differ (an export record is ~20 lines): compare without them.
      const { lines: _lines, ...summary } = r.summary;
      return JSON.parse(JSON.stringify({ ...r, summary }, (k, v: unknown) => (k === 'line' ? undefined : v))) as unknown;
    };
    const want = await report(readFileSync(new URL('json/any.txt', DIR)));
    expect((want as { incidents: unknown[] }).incidents).toHaveLength(2);
    expect(await report(buf)).toEqual(want);
  });
});

describe('export records built by hand (the binary field form)', () => {
  it('a multi-line MESSAGE (a klog `key=<` block) spans several lines and stays one entry', () => {
    const msg = 'I0314 09:21:07.000001    2716 x.go:1] "multi" data=<\n\tline one\n\n\tline three\n >';
    const b = Buffer.concat([
      Buffer.from('__REALTIME_TIMESTAMP=1710408067000001\n_HOSTNAME=w1\n'),
      binField('MESSAGE', Buffer.from(msg)),
      Buffer.from('SYSLOG_IDENTIFIER=kubelet\n\n'),
    ]);
    const [r, ...rest] = assemble(linesOf(b));
    expect(rest).toEqual([]);
    expect(r!.fields['MESSAGE']).toBe(msg);
    expect(r!.fields['SYSLOG_IDENTIFIER']).toBe('kubelet');
    expect(r!.lossy).toEqual([]);
  });
  it('a size whose bytes contain 0x0A (10 bytes) is read across the split', () => {
    const b = Buffer.concat([Buffer.from('__CURSOR=c\n'), binField('MESSAGE', Buffer.from('0123456789')), Buffer.from('_PID=7\n\n')]);
    const [r] = assemble(linesOf(b));
    expect(r!.fields).toMatchObject({ MESSAGE: '0123456789', _PID: '7' });
  });
  it('a size byte that is not ASCII (200 bytes) is flagged, and the record still ends', () => {
    const b = Buffer.concat([
      Buffer.from('__CURSOR=c\n'),
      binField('MESSAGE', Buffer.alloc(200, 0x41)),
      Buffer.from('_PID=7\n\n__CURSOR=d\n_PID=8\n\n'),
    ]);
    const rs = assemble(linesOf(b));
    expect(rs.map((r) => r.fields['_PID'])).toEqual(['7', '8']);
    expect(rs[0]!.lossy).toEqual(['MESSAGE']);
  });
  it('a line that is not export syntax ends the record and is decoded on its own', () => {
    const a = new ExportAssembler();
    expect(a.push('__CURSOR=c', 1)).toEqual({ consumed: true });
    expect(a.push('MESSAGE=hi', 2)).toEqual({ consumed: true });
    const r = a.push('Oct 16 09:50:55 n kubelet[1]: x', 3);
    expect(r.consumed).toBe(false);
    expect(r.record?.fields['MESSAGE']).toBe('hi');
    expect(a.active).toBe(false);
  });
});

describe('a binary field whose size is wrong', () => {
  /** the real export rendering, its records repeated `n` times */
  const real = readFileSync(new URL('export/any.txt', DIR));
  const recordsIn = (b: Buffer) => assemble(linesOf(b)).length;
  const perCopy = recordsIn(real);
  /** a record with MESSAGE given `size` bytes but holding `payload` */
  const bogus = (size: Buffer, payload: string) =>
    Buffer.concat([
      Buffer.from('__REALTIME_TIMESTAMP=1508104805063842\n_HOSTNAME=ubuntu-k8s-3\nMESSAGE\n'),
      size,
      Buffer.from(`${payload}\n\n`),
    ]);
  const le = (n: number) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    return b;
  };

  it('a size no record can have (reproduction: `~~~~~~~~`, 9e18 bytes) swallows nothing after it', () => {
    const b = Buffer.concat([bogus(Buffer.from('~~~~~~~~'), 'hello'), real, real]);
    const rs = assemble(linesOf(b));
    expect(rs).toHaveLength(1 + 2 * perCopy);
    expect(rs[0]!.fields['MESSAGE']).toBe('hello');
    expect(rs[0]!.lossy).toEqual(['MESSAGE']);
  });
  it('a plausible but wrong size (100 KB for 5 bytes) costs that field only: the next record starts where it starts', () => {
    const b = Buffer.concat([bogus(le(100_000), 'hello'), real]);
    const rs = assemble(linesOf(b));
    expect(rs).toHaveLength(1 + perCopy);
    expect(rs[0]!.fields).toMatchObject({ MESSAGE: 'hello', _HOSTNAME: 'ubuntu-k8s-3' });
    expect(rs[0]!.lossy).toEqual(['MESSAGE']);
    expect(rs[1]!.fields['__CURSOR']).toMatch(/^s=/);
    expect(rs.slice(1).map((r) => r.fields['MESSAGE'])).toEqual(assemble(linesOf(real)).map((r) => r.fields['MESSAGE']));
  });
  it("the fields after a wrong-sized payload are still the record's", () => {
    const b = Buffer.concat([
      Buffer.from('__CURSOR=c\nMESSAGE\n'),
      le(50_000),
      Buffer.from('hi\n_PID=7\nSYSLOG_IDENTIFIER=kubelet\n\n__CURSOR=d\n_PID=8\n\n'),
    ]);
    const rs = assemble(linesOf(b));
    expect(rs.map((r) => [r.fields['MESSAGE'], r.fields['_PID'], r.fields['SYSLOG_IDENTIFIER']])).toEqual([
      ['hi', '7', 'kubelet'],
      [undefined, '8', undefined],
    ]);
  });
  it('through the analyzer: the records after the bad one are all analysed', async () => {
    const an = new Analysis(opts());
    const copies = Array.from({ length: 20 }, () => real);
    await feed(Readable.from([Buffer.concat([bogus(Buffer.from('~~~~~~~~'), 'hello'), ...copies])]), an.input('x'));
    const t = an.finish();
    expect(t.counters.kubeletLines).toBe(20 * truth.length);
  });
  it('the size check is linear: a 6 MB payload of 3 million short lines takes well under a second', () => {
    // (a size whose 8 bytes are ASCII, as sizes must be to survive UTF-8 decoding: 0x5a5a5b)
    const lines = (0x5a5a5b + 1) / 2;
    const payload = Buffer.alloc(lines * 2, 'x\n');
    const b = Buffer.concat([Buffer.from('__CURSOR=c\nMESSAGE\n'), le(payload.length - 1), payload, Buffer.from('_PID=7\n\n')]);
    const split = linesOf(b);
    const a = new ExportAssembler();
    const t0 = performance.now();
    let rec: ExportRecord | undefined;
    split.forEach((l, i) => (rec = a.push(l, i + 1).record ?? rec));
    rec = a.flush() ?? rec;
    const ms = performance.now() - t0;
    expect(rec!.fields['_PID']).toBe('7');
    expect(rec!.fields['MESSAGE']!.length).toBe(payload.length - 1);
    // quadratic (re-measuring the payload on every line) took minutes at this size
    expect(ms).toBeLessThan(3000);
  });
});

describe('journalctl -o json-seq (real rendering)', () => {
  it('RS-prefixed records decode like json', async () => {
    const an = new Analysis(opts());
    await feed(Readable.from([readFileSync(new URL('json-seq/any.txt', DIR))]), an.input('x'));
    const t = an.finish();
    expect(t.counters.kubeletLines).toBe(truth.length);
    expect(t.nodes.map((n) => n.name)).toEqual(['ubuntu-k8s-3', 'worker-3']);
  });
});
