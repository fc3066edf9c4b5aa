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

describe('journalctl -o json-seq (real rendering)', () => {
  it('RS-prefixed records decode like json', async () => {
    const an = new Analysis(opts());
    await feed(Readable.from([readFileSync(new URL('json-seq/any.txt', DIR))]), an.input('x'));
    const t = an.finish();
    expect(t.counters.kubeletLines).toBe(truth.length);
    expect(t.nodes.map((n) => n.name)).toEqual(['ubuntu-k8s-3', 'worker-3']);
  });
});
