/** Stage 1, the journal-line decoder: table-driven, on real renderings. */
import { describe, expect, it } from 'vitest';
import { decodeJournalLine, type JournalLine } from '../src/journal/decode.js';
import { monthFromToken } from '../src/journal/months.js';

type Entry = Extract<JournalLine, { type: 'entry' }>;
const entry = (line: string): Entry => {
  const j = decodeJournalLine(line);
  if (j.type !== 'entry') throw new Error(`not an entry: ${JSON.stringify(j)}`);
  return j;
};

describe('month tokens as journalctl prints them in each locale', () => {
  // Tokens measured from real journalctl output (test/fixtures/journalctl/README.md)
  // plus the other months of the same locales (glibc abmon).
  it.each([
    ['Oct', 10],
    ['Jun', 6],
    ['10月', 10],
    [' 6月', 6],
    ['6月', 6],
    ['10월', 10],
    [' 6월', 6],
    ['Okt', 10],
    ['Mär', 3],
    ['Dez', 12],
    ['oct.', 10],
    ['juin', 6],
    ['févr.', 2],
    ['déc.', 12],
    ['août', 8],
    ['окт', 10],
    ['янв', 1],
    ['июн', 6],
    ['мая', 5],
    ['oct', 10],
    ['ene', 1],
    ['dic', 12],
    ['ago', 8],
    ['janv.', 1],
    ['Sep', 9],
    ['sept.', 9],
  ])('%j → %i', (tok, month) => {
    expect(monthFromToken(tok)).toBe(month);
  });
  it.each(['I1016', 'foo', '13月', '0월', ''])('%j is not a month', (tok) => {
    expect(monthFromToken(tok)).toBe(0);
  });
});

describe('envelopes', () => {
  it('short, Chinese months (the seed story)', () => {
    const j = entry(
      '10月 16 09:50:55 ubuntu-k8s-3 kubelet[17144]: W1016 09:50:55.056703   17144 eviction_manager.go:331] eviction manager: attempting to reclaim nodefs',
    );
    expect(j).toMatchObject({ format: 'short', host: 'ubuntu-k8s-3', ident: 'kubelet', pid: 17144 });
    expect(j.time).toEqual({ kind: 'wall', month: 10, day: 16, hour: 9, minute: 50, second: 55 });
    expect(j.message).toMatch(/^W1016 09:50:55\.056703/);
  });
  it('short with a leading-space month (ja_JP, ko_KR single-digit months)', () => {
    const j = entry(' 6월 03 12:00:01 worker-3 kubelet[812]: I0603 12:00:01.123456     812 eviction_manager.go:338] "x"');
    expect(j.time).toMatchObject({ month: 6, day: 3 });
    expect(j.host).toBe('worker-3');
  });
  it('short-precise, French month with a dot', () => {
    const j = entry('oct. 16 09:50:55.056703 ubuntu-k8s-3 kubelet[17144]: hello');
    expect(j).toMatchObject({ format: 'short-precise', message: 'hello' });
    expect(j.time).toMatchObject({ month: 10, micros: 56703 });
  });
  it('short-iso with a numeric offset is an instant', () => {
    const j = entry('2017-10-15T21:50:55-0400 ubuntu-k8s-3 kubelet[17144]: x');
    expect(j.time).toEqual({ kind: 'instant', ms: Date.UTC(2017, 9, 16, 1, 50, 55), precise: false });
  });
  it('short-iso-precise with a colon offset', () => {
    const j = entry('2024-03-14T09:21:07.118203+00:00 worker-3 kubelet[2716]: x');
    expect(j).toMatchObject({ format: 'short-iso-precise' });
    expect(j.time).toMatchObject({ kind: 'instant', precise: true });
    expect((j.time as { ms: number }).ms).toBeCloseTo(Date.UTC(2024, 2, 14, 9, 21, 7) + 118.203, 3);
  });
  it('short-full keeps an ambiguous zone abbreviation as wall time with a year', () => {
    const j = entry('Mon 2017-10-16 09:50:55 CST ubuntu-k8s-3 kubelet[17144]: x');
    expect(j.time).toMatchObject({ kind: 'wall', year: 2017, month: 10, day: 16, hour: 9 });
  });
  it('short-full in UTC is an instant', () => {
    const j = entry('Mon 2017-10-16 01:50:55 UTC ubuntu-k8s-3 kubelet[17144]: x');
    expect(j.time).toMatchObject({ kind: 'instant', ms: Date.UTC(2017, 9, 16, 1, 50, 55) });
  });
  it('with-unit names the unit instead of the identifier', () => {
    const j = entry('Mon 2017-10-16 01:50:55 UTC ubuntu-k8s-3 kubelet.service[17144]: x');
    expect(j).toMatchObject({ ident: 'kubelet', unit: 'kubelet.service', pid: 17144 });
  });
  it('short-unix', () => {
    const j = entry('1508118655.056703 ubuntu-k8s-3 kubelet[17144]: x');
    expect(j.time).toMatchObject({ kind: 'instant', precise: true });
    expect((j.time as { ms: number }).ms).toBeCloseTo(1508118655056.703, 3);
  });
  it('short-monotonic has no wall time', () => {
    const j = entry('[ 6655.056703] ubuntu-k8s-3 kubelet[17144]: x');
    expect(j.time).toBeUndefined();
    expect(j).toMatchObject({ format: 'short-monotonic', host: 'ubuntu-k8s-3', pid: 17144 });
  });
  it('identifiers the kubelet hides behind', () => {
    for (const ident of ['kubelet-wrapper', 'hyperkube', 'origin-node', 'k3s', 'dockerd-current', 'microk8s.daemon-kubelite']) {
      expect(entry(`Apr 26 08:59:27 node-2-vm ${ident}[1064]: I0426 x`).ident).toBe(ident);
    }
  });
  it('an identifier without a pid and an empty message', () => {
    expect(entry('Oct 16 09:50:55 host kubelet:')).toMatchObject({ ident: 'kubelet', message: '' });
  });
  it('minikube logs bullets (`* `) before a journal line', () => {
    expect(entry('* Sep 12 15:14:53 archer kubelet[13069]: E0912 x')).toMatchObject({ format: 'short', host: 'archer' });
  });
  it('a bare kubelet.log line', () => {
    expect(entry('I0822 23:51:03.731889    2684 eviction_manager.go:211] eviction manager: attempting to reclaim imagefs')).toMatchObject({
      format: 'bare',
    });
  });
  it('Rancher UI time glued to the header stays bare (the klog decoder finds the header)', () => {
    expect(entry('7/29/2017 11:23:35 PMW0729 21:23:35.409653   14475 helpers.go:771] x').format).toBe('bare');
  });
});

describe('journalctl -o json', () => {
  it('fields, realtime and pid', () => {
    const j = entry(
      '{"_HOSTNAME":"worker-3","__REALTIME_TIMESTAMP":"1528027201123456","_PID":"812","SYSLOG_IDENTIFIER":"kubelet","_SYSTEMD_UNIT":"kubelet.service","MESSAGE":"I0603 hello"}',
    );
    expect(j).toMatchObject({
      format: 'json',
      host: 'worker-3',
      pid: 812,
      ident: 'kubelet',
      unit: 'kubelet.service',
      message: 'I0603 hello',
    });
    expect((j.time as { ms: number }).ms).toBeCloseTo(1528027201123.456, 3);
  });
  it('MESSAGE as a byte array (not UTF-8) is decoded lossily and flagged', () => {
    const j = entry('{"__REALTIME_TIMESTAMP":"1","MESSAGE":[73,49,255,104]}');
    expect(j.message).toBe('I1\ufffdh');
    expect(j.lossy).toBe(true);
  });
  it('json-seq record separator', () => {
    expect(entry('\u001e{"__REALTIME_TIMESTAMP":"1","MESSAGE":"m"}').message).toBe('m');
  });
  it('the kubelet JSON logging format is not a journal object', () => {
    expect(entry('{"ts":1616398324656.7524,"msg":"FLAG: --eviction-soft=\\"\\"\\n","v":1}').format).toBe('bare');
  });
  it('broken JSON stays text', () => {
    expect(entry('{"MESSAGE": "cut').format).toBe('bare');
  });
});

describe('markers and non-entries', () => {
  it.each([
    ['-- Logs begin at Sun 2019-04-28 18:40:28 CEST, end at Sat 2019-09-14 23:56:07 CEST. --', 'logs-begin'],
    ['-- Logs begin at 六 2017-10-07 08:12:03 CST, end at 一 2017-10-16 17:10:00 CST. --', 'logs-begin'],
    ['-- Journal begins at Mon 2024-06-10 17:39:17 UTC. --', 'logs-begin'],
    ['-- Boot 0123456789abcdef0123456789abcdef --', 'boot'],
    ['-- Reboot --', 'reboot'],
    ['-- No entries --', 'no-entries'],
  ])('%s', (line, marker) => {
    expect(decodeJournalLine(line)).toMatchObject({ type: 'marker', marker });
  });
  it('blank and NUL', () => {
    expect(decodeJournalLine('   ')).toEqual({ type: 'blank' });
    expect(decodeJournalLine('ab\u0000cd').type).toBe('undecodable');
  });
});
