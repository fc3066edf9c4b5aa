/**
 * Damaged bytes inside lines (reproductions of issue 14): a time outside any date, NUL padding
 * glued to the next line. The entry that cannot be placed in time is skipped with a reason;
 * nothing else changes, in any output format, and nothing throws.
 */
import { describe, expect, it } from 'vitest';
import { decodeJournalLine, journalEntry } from '../src/journal/decode.js';
import { decodeKlog } from '../src/klog/decode.js';
import { isoOrNull, wall } from '../src/render/format.js';
import { isDateMs, zone } from '../src/time/zone.js';
import { read, ROOT, runCli } from './helpers.js';

const REPRO = (f: string) => `${ROOT}test/fixtures/repro/${f}`;
const GOOD_JSON =
  '{"__REALTIME_TIMESTAMP":"1710408067118203","_HOSTNAME":"n1","SYSLOG_IDENTIFIER":"kubelet","MESSAGE":"I0314 09:21:07.118203    2716 eviction_manager.go:366] \\"Eviction manager: attempting to reclaim\\" resourceName=\\"memory\\""}';
const GOOD_TS = '{"ts":1710408067118.203,"msg":"Eviction manager: attempting to reclaim","resourceName":"memory","v":0}';

describe('a time outside any date', () => {
  it('the range: years 0000 to 9999, never NaN or Infinity', () => {
    expect(isDateMs(Date.UTC(2017, 9, 16))).toBe(true);
    expect(isDateMs(0)).toBe(true); // 1970: a node without a real-time clock
    for (const x of [NaN, Infinity, -Infinity, 8.64e15, -8.64e15, 1e17, Date.UTC(10000, 0, 1)]) expect(isDateMs(x), String(x)).toBe(false);
    expect(isoOrNull(1e17)).toBeNull();
    expect(wall(zone('UTC'), -8.7e15)).toBe('(no time)');
  });
  it('journal json/export: __REALTIME_TIMESTAMP with an extra digit is an entry that cannot be read', () => {
    expect(journalEntry({ __REALTIME_TIMESTAMP: '99999999999999999999', MESSAGE: 'x' }, 'json')).toMatchObject({
      type: 'undecodable',
      reason: expect.stringMatching(/__REALTIME_TIMESTAMP is outside any date/),
    });
    expect(journalEntry({ __REALTIME_TIMESTAMP: '1710408067118203', MESSAGE: 'x' }, 'json')).toMatchObject({ type: 'entry' });
    expect(decodeJournalLine(read('test/fixtures/repro/huge-realtime.json.log').split('\n')[0]!)).toMatchObject({ type: 'undecodable' });
  });
  it.each([['161639832465678054'], ['1e400'], ['-8.7e15'], ['-8.64e15']])('JSON logging: "ts":%s gives its reason', (ts) => {
    const r = decodeKlog(`{"ts":${ts},"msg":"Eviction manager: attempting to reclaim","resourceName":"memory","v":0}`);
    expect(r.badTime).toMatch(/"ts" \(JSON logging\) is outside any date/);
    expect(r.time).toBeUndefined();
    expect(decodeKlog(GOOD_TS).badTime).toBeUndefined();
  });
  const files = ['huge-realtime.json.log', 'huge-ts.jsonlog', 'inf-ts.jsonlog', 'neg-ts.jsonlog', 'crash-invalid-time.log'];
  it.each(files)('%s: every format runs to the end, the entry skipped with its reason, no NaN, no stack trace', async (f) => {
    const bad = read(`test/fixtures/repro/${f}`).split('\n').filter(Boolean).length - (f === 'crash-invalid-time.log' ? 1 : 0);
    // the bad entries, then good ones after them: they are still read (ndjson stopped there)
    const good = f.endsWith('.jsonlog') || f === 'crash-invalid-time.log' ? GOOD_TS : GOOD_JSON;
    const stdin = `${read(`test/fixtures/repro/${f}`)}\n${good}\n`;
    for (const o of ['json', 'ndjson', 'text', 'markdown', 'html']) {
      const r = await runCli(['-o', o, '--timezone', 'UTC'], stdin);
      expect(r.code, `${f} -o ${o}: ${r.stderr}`).toBe(0);
      expect(r.stdout).not.toMatch(/NaN|Invalid (?:time|Date)/);
      expect(r.stderr).not.toMatch(/RangeError|internal error|\n\s+at /);
      expect(r.stderr).toMatch(/skipped \d+ lines? \(first at line \d+\): .* is outside any date/);
      if (o === 'json') {
        const rep = JSON.parse(r.stdout);
        expect(rep.summary.skipped).toBe(bad);
        expect(rep.incidents.map((i: { resources: string[] }) => i.resources)).toEqual([['memory']]);
        expect(rep.incidents[0].start).toBe('2024-03-14T09:21:07.118Z');
      }
      if (o === 'ndjson') expect(r.stdout.trim().split('\n').pop()).toMatch(/^\{"kind":"summary"/);
    }
  });
});

describe('NUL padding glued to the next line', () => {
  it('the line after the NULs is read (nul-glued.log reads as nul-glued-control.log)', async () => {
    const a = await runCli(['-o', 'json', '--timezone', 'UTC', REPRO('nul-glued.log')]);
    const b = await runCli(['-o', 'json', '--timezone', 'UTC', REPRO('nul-glued-control.log')]);
    const strip = (s: string) => JSON.parse(s.replace(/nul-glued(?:-control)?\.log/g, 'x'));
    expect(strip(a.stdout)).toEqual(strip(b.stdout));
    expect(strip(a.stdout).summary).toMatchObject({ kubeletLines: 2, skipped: 0, rejections: 2 });
  });
  it('NULs in the middle of a line still make it unreadable (said, not guessed)', () => {
    expect(decodeJournalLine('Oct 16 09:50:55 n kubelet[1]: I1016 x\u0000\u0000y')).toEqual({
      type: 'undecodable',
      reason: 'NUL byte in line',
    });
    expect(decodeJournalLine('\u0000\u0000\u0000')).toMatchObject({ type: 'blank' });
  });
  it('a BOM at the start of a line (files concatenated: cat a.log b.log) is not part of it', () => {
    const line = read('test/fixtures/repro/nobom-first-line.log').trimEnd();
    expect(decodeJournalLine(`\ufeff${line}`)).toEqual(decodeJournalLine(line));
  });
});
