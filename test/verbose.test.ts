/**
 * `journalctl -o verbose`, as the real journalctl prints it (a record with a two-line MESSAGE and
 * a binary field, built by systemd-journal-remote), and as pastes bring it: double-spaced, the
 * fields' indent lost, followed by other lines.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VerboseAssembler } from '../src/journal/verbose.js';
import type { ExportRecord } from '../src/journal/export.js';
import { analyzeString } from './helpers.js';
import { buildJournal, journalctl, requireSystemdTools } from './journal-tools.js';

const dir = mkdtempSync(join(tmpdir(), 'klog-verbose-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const le64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};
const USEC = 1740922337535129; // 2025-03-02T13:32:17.535129Z
const EVICT =
  'I0302 13:32:17.535129   32481 eviction_manager.go:369] "Eviction manager: attempting to reclaim" resourceName="ephemeral-storage"';
/** Two entries in the Journal Export Format: an eviction line, and a message with a line end and a binary field. */
function exportStream(): Buffer {
  const head = (i: number) =>
    `__CURSOR=s=1;i=${i}\n__REALTIME_TIMESTAMP=${USEC + i * 1000}\n__MONOTONIC_TIMESTAMP=${i}\n_BOOT_ID=0dcb5a9839c0b0fb8fbd8d72a3e013b3\n_HOSTNAME=node-a\nSYSLOG_IDENTIFIER=kubelet\n_PID=32481\n`;
  const two = Buffer.from('I0302 13:32:17.600000   32481 kubelet.go:2433] first line\nsecond line of it');
  return Buffer.concat([
    Buffer.from(`${head(1)}MESSAGE=${EVICT}\n\n`),
    Buffer.from(`${head(2)}MESSAGE\n`),
    le64(two.length),
    two,
    Buffer.from('\nBIN\n'),
    le64(3),
    Buffer.from([1, 2, 3]),
    Buffer.from('\n\n'),
  ]);
}

function records(text: string): ExportRecord[] {
  const a = new VerboseAssembler();
  const out: ExportRecord[] = [];
  text.split('\n').forEach((l, i) => {
    const r = a.push(l, i + 1);
    if (r.record) out.push(r.record);
  });
  const last = a.flush();
  if (last) out.push(last);
  return out;
}

describe('journalctl -o verbose', () => {
  it.runIf(requireSystemdTools('verbose'))(
    'the real journalctl: each record its fields, the instant from the cursor, a value with line ends whole',
    () => {
      const journal = join(dir, 'v.journal');
      buildJournal(exportStream(), journal);
      for (const env of [
        {},
        { LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8', TZ: 'Asia/Tokyo' },
        { LANG: 'zh_CN.UTF-8', LC_ALL: 'zh_CN.UTF-8' },
      ]) {
        const text = journalctl(['--file', journal, '-o', 'verbose'], env).toString('utf8');
        const rs = records(text);
        expect(rs).toHaveLength(2);
        expect(rs.map((r) => r.fields['__REALTIME_TIMESTAMP'])).toEqual([String(USEC + 1000), String(USEC + 2000)]);
        expect(rs[0]!.fields['MESSAGE']).toBe(EVICT);
        expect(rs[1]!.fields['MESSAGE']).toBe('I0302 13:32:17.600000   32481 kubelet.go:2433] first line\nsecond line of it');
        expect(rs[1]!.lossy).toEqual(['BIN']);
        const t = analyzeString(text);
        expect(t.nodes.map((n) => n.name)).toEqual(['node-a']);
        expect(t.incidents).toHaveLength(1);
        expect(t.incidents[0]!.start).toBe((USEC + 1000) / 1000);
        expect(t.yearInferred).toBe(false);
      }
    },
  );

  const header = (i: number) =>
    `Sun 2025-03-02 13:32:17.535129 UTC [s=6cf3da08af1e49568f52599bbd3c1025;i=${i};b=0dcb5a9839c0b0fb8fbd8d72a3e013b3;m=1;t=${(USEC + i * 1000).toString(16)};x=3edb3ed37979570f]`;
  const rec = (i: number, indent: string) => [
    header(i),
    `${indent}_HOSTNAME=node-a`,
    `${indent}SYSLOG_IDENTIFIER=kubelet`,
    `${indent}_PID=32481`,
    `${indent}MESSAGE=${EVICT}`,
  ];
  it('a paste: double-spaced, or its fields without their indent, reads as the same records', () => {
    const plain = [...rec(1, '    '), ...rec(2, '    ')];
    const want = records(plain.join('\n')).map((r) => r.fields);
    expect(want).toHaveLength(2);
    expect(records(plain.join('\n\n')).map((r) => r.fields)).toEqual(want);
    expect(records([...rec(1, ''), ...rec(2, '')].join('\n')).map((r) => r.fields)).toEqual(want);
    const t = analyzeString(plain.join('\n\n'));
    expect(t.nodes.map((n) => n.name)).toEqual(['node-a']);
    expect(t.incidents[0]!.start).toBe((USEC + 1000) / 1000);
  });

  it("a line that is not the record's ends it and is read as it is; the tail of a field alone is no record", () => {
    const text = [
      ...rec(1, '    '),
      'Mar 02 13:40:00 node-b kubelet[900]: ' + EVICT.replace('13:32:17', '13:40:00').replace('32481', '  900'),
    ].join('\n');
    expect(records(text)).toHaveLength(1);
    const t = analyzeString(text, { year: 2025 });
    expect(t.nodes.map((n) => n.name).sort()).toEqual(['node-a', 'node-b']);
    expect(t.counters.kubeletLines).toBe(2);
    expect(records(rec(1, '    ').slice(1).join('\n'))).toHaveLength(0);
  });
});
