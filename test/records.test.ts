/** The record stage (src/records): every documented record shape read into a journal entry. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JournalLine, Stamp } from '../src/journal/decode.js';
import { decodeRecordLine, parseFieldMap } from '../src/records/decode.js';
import { FORWARDS_HINT, SHAPE_NAMES } from '../src/records/shapes.js';
import { goUnquote, lokiLabels } from '../src/records/text.js';
import { isoStamp, rfc3339, rfc3339At, stampOf } from '../src/records/time.js';
import { read } from './helpers.js';

type Entry = Extract<JournalLine, { type: 'entry' }>;
const iso = (t: Stamp | undefined) => (t?.kind === 'instant' ? new Date(Math.floor(t.ms)).toISOString() : undefined);
const entry = (line: string): Entry => {
  const j = decodeRecordLine(line);
  if (j?.type !== 'entry') throw new Error(`not read: ${line.slice(0, 80)}`);
  return j;
};

// test/fixtures/stores/documented-records.txt: the literal records of docs/log-stores.md's sources, in order
const DOC = read('test/fixtures/stores/documented-records.txt').split('\n').filter(Boolean);
const M1 = 'I1016 09:50:55.056703   17144 eviction_manager.go:338] eviction manager: attempting to reclaim nodefs';
const M3 = 'I1016 09:51:05.101234   17144 eviction_manager.go:369] "Eviction manager: attempting to reclaim" resourceName="memory"';
const NODE = 'ip-10-0-1-23';
const FULL = { host: NODE, pid: 17144, unit: 'kubelet.service', ident: 'kubelet' };

describe('documented records', () => {
  it.each([
    ['logcli default output', 0, { ...FULL, pid: undefined, message: M1, time: '2024-10-16T09:50:55.000Z', precise: false }],
    [
      'logcli default output (structured klog)',
      1,
      { ...FULL, pid: undefined, message: M3, time: '2024-10-16T09:51:05.000Z', precise: false },
    ],
    ['logcli jsonl', 2, { ...FULL, pid: undefined, message: M1, time: '2024-10-16T09:50:55.056Z', precise: true }],
    ['logcli jsonl (quotes escaped)', 3, { ...FULL, pid: undefined, message: M3, time: '2024-10-16T09:51:05.101Z' }],
    ['logcli jsonl, common labels stripped', 4, { host: undefined, unit: undefined, time: '2024-10-16T09:51:05.202Z' }],
    ['logcli jsonl, promtail json: true (a journal entry in the line)', 5, { ...FULL, message: M3, time: '2024-10-16T09:51:05.101Z' }],
    ['Elasticsearch hit, Fluent Bit raw journal keys', 6, { ...FULL, message: M1, time: '2024-10-16T09:50:55.056Z' }],
    ['Fluent Bit Strip_Underscores + Lowercase', 7, { ...FULL, message: M3, time: '2024-10-16T09:51:05.101Z' }],
    ['Elasticsearch hit, Filebeat journald (ECS)', 8, { ...FULL, message: M3, time: '2024-10-16T09:51:05.101Z' }],
    ['elasticdump line', 9, { ...FULL, message: M3, time: '2024-10-16T09:51:05.101Z' }],
    ['elasticdump --sourceOnly', 10, { ...FULL, message: M3, time: '2024-10-16T09:51:05.101Z' }],
    ['Vector journald', 11, { ...FULL, message: M1, time: '2024-10-16T09:50:55.056Z' }],
    ['Vector journald (quotes)', 12, { ...FULL, message: M3, time: '2024-10-16T09:51:05.101Z' }],
    ['Fluentd out_file, raw keys', 13, { ...FULL, message: M1, time: '2024-10-16T09:50:55.000Z', precise: false }],
    ['Fluentd out_file, strip + lowercase', 14, { ...FULL, message: M3, time: '2024-10-16T09:51:05.000Z', precise: false }],
  ] as const)('%s', (_name, i, want) => {
    const e = entry(DOC[i]!);
    if ('message' in want) expect(e.message).toBe(want.message);
    expect(e.host).toBe(want.host);
    expect(e.unit).toBe(want.unit);
    if ('ident' in want) expect(e.ident).toBe(want.ident);
    if ('pid' in want) expect(e.pid).toBe(want.pid);
    expect(iso(e.time)).toBe(want.time);
    if ('precise' in want) expect(e.time).toMatchObject({ precise: want.precise });
  });

  it('Fluent Bit with Strip_Underscores alone, or Lowercase alone', () => {
    const strip = {
      '@timestamp': '2024-10-16T09:51:05.101Z',
      HOSTNAME: NODE,
      PID: '17144',
      SYSTEMD_UNIT: 'kubelet.service',
      SYSLOG_IDENTIFIER: 'kubelet',
      MESSAGE: M3,
    };
    const lower = {
      '@timestamp': '2024-10-16T09:51:05.101Z',
      _hostname: NODE,
      _pid: '17144',
      _systemd_unit: 'kubelet.service',
      syslog_identifier: 'kubelet',
      message: M3,
    };
    for (const r of [strip, lower]) expect(entry(JSON.stringify(r))).toMatchObject({ ...FULL, message: M3 });
  });
  it('Fluentd out_file without the tag (output_tag false), and with ns times (time_format %N%z)', () => {
    const rec = JSON.stringify({ hostname: NODE, pid: '17144', systemd_unit: 'kubelet.service', message: M1 });
    expect(entry(`2024-10-16T09:50:55+00:00\t${rec}`)).toMatchObject({ ...FULL, message: M1 });
    expect(iso(entry(`2024-10-16T09:50:55.056821123+0000\tkubelet\t${rec}`).time)).toBe('2024-10-16T09:50:55.056Z');
  });
  it('un-escapes Go-style HTML escaping before the klog header is read', () => {
    expect(entry(DOC[4]!).message).toContain('{Quantity:<nil> Percentage:0.05}}" & more');
  });
});

describe('times in every store form', () => {
  it.each([
    ['1729072255056821000', '2024-10-16T09:50:55.056Z', 1729072255056.821], // Loki ns string
    ['1729072255056821', '2024-10-16T09:50:55.056Z', 1729072255056.821], // __REALTIME_TIMESTAMP µs
    [1729072255056, '2024-10-16T09:50:55.056Z', 1729072255056], // CloudWatch ms number
    [1729072255.056821, '2024-10-16T09:50:55.056Z', 1729072255056.821], // Fluent Bit date (s)
    ['1729072255', '2024-10-16T09:50:55.000Z', 1729072255000],
    ['2024-10-16T09:50:55.056821123Z', '2024-10-16T09:50:55.056Z', 1729072255056.821], // RFC3339Nano
    ['2024-10-16T11:50:55.056821+02:00', '2024-10-16T09:50:55.056Z', 1729072255056.821], // logcli Local zone
    ['2024-10-16T09:50:55.0568210Z', '2024-10-16T09:50:55.056Z', 1729072255056.821], // Azure, 7 digits
    ['2024-10-16T18:50:55+09:00', '2024-10-16T09:50:55.000Z', 1729072255000], // Fluentd out_file
    ['2014-08-25 00:00:00 +0000', '2014-08-25T00:00:00.000Z', Date.UTC(2014, 7, 25)], // Fluentd docs
  ] as const)('%s', (v, isoWant, ms) => {
    const t = stampOf(v);
    expect(iso(t)).toBe(isoWant);
    expect(t?.kind === 'instant' ? t.ms : NaN).toBeCloseTo(ms, 3);
  });
  it('keeps the µs of ns and µs strings (cut before they become Numbers)', () => {
    expect(stampOf('1729072255056821999')).toMatchObject({ kind: 'instant', precise: true });
    expect((stampOf('1729072255056821999') as { ms: number }).ms - 1729072255056).toBeCloseTo(0.822, 3);
    expect((stampOf('1729072255000001') as { ms: number }).ms - 1729072255000).toBeCloseTo(0.001, 3);
  });
  it('the common RFC 3339 shape is read without the regex, to the same stamp', () => {
    // strings near `2024-10-16T09:50:55.056821Z`: digits, separators, fraction lengths, zones changed
    const piece = fc.oneof(fc.constantFrom(...'0123456789'), fc.constantFrom('-', ':', 'T', ' ', '.', 'Z', 'z', '+', 'x', ''));
    const near = fc
      .tuple(
        fc.integer({ min: 0, max: Date.UTC(9999, 11, 31) }),
        fc.nat(12),
        fc.constantFrom('Z', '+08:00', '-05:30', '+14:00', '-00:00', '+0800', '', 'z', ' UTC'),
        fc.array(fc.tuple(fc.nat(40), piece), { maxLength: 2 }),
      )
      .map(([ms, digits, zone, edits]) => {
        let v = new Date(ms).toISOString().slice(0, 19) + (digits ? `.${String(ms).padStart(12, '3').slice(0, digits)}` : '') + zone;
        for (const [at, c] of edits) v = v.slice(0, at % (v.length + 1)) + c + v.slice((at % (v.length + 1)) + 1);
        return v;
      });
    let read = 0;
    fc.assert(
      fc.property(near, (v) => {
        const fast = rfc3339(v);
        if (fast !== undefined) read++;
        expect([v, fast ?? isoStamp(v)]).toEqual([v, isoStamp(v)]);
        expect([v, stampOf(v)]).toEqual([v, isoStamp(v)]);
      }),
      { numRuns: 5000 },
    );
    // (about a fifth are in the shape it reads: the other zones, long fractions and edits are not)
    expect(read).toBeGreaterThan(500);
  });
  it('the same shape read in place from bytes (a record value between others) is the same time', () => {
    // the value between bytes that would extend it (digits, a `Z`, an offset's `:`): only [s, e) is read
    const around = fc.stringMatching(/^[0-9Z:.+-]{0,8}$/);
    const value = fc.oneof(
      fc
        .date({ min: new Date(0), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true })
        .chain((d) =>
          fc
            .tuple(fc.nat(12), fc.constantFrom('Z', '+08:00', '-05:30', 'z', '+0800', ''), fc.stringMatching(/^[0-9]{0,12}$/))
            .map(([n, zone, frac]) => d.toISOString().slice(0, 19) + (n ? `.${frac.slice(0, n)}` : '') + zone),
        ),
      fc.stringMatching(/^[0-9T:.Z+-]{18,36}$/),
    );
    let read = 0;
    fc.assert(
      fc.property(around, value, around, (before, v, after) => {
        const b = Buffer.from(before + v + after, 'latin1');
        const s = before.length;
        const e = s + v.length;
        const want = rfc3339(v);
        const ms = rfc3339At(b, s, e);
        if (want !== undefined) read++;
        expect([v, Number.isNaN(ms) ? undefined : { kind: 'instant', ms, precise: b[s + 19] === 0x2e }]).toEqual([v, want]);
      }),
      { numRuns: 5000 },
    );
    expect(read).toBeGreaterThan(1000);
  });
  it('a value with a character outside ASCII is no RFC 3339 time (none of its bytes is read as a digit)', () => {
    // (U+0130 and U+0660 in place of a digit: their low bytes would be `0` and `\`)
    for (const v of ['2024-10-16T09:50:5\u0130Z', '2024-10-16T09:50:55.0568\u0660Z', '2024-10-16T09:50:55Z\u0130'])
      expect([v, rfc3339(v)]).toEqual([v, undefined]);
    expect(rfc3339('2024-10-16T09:50:55Z')).toEqual({ kind: 'instant', ms: Date.UTC(2024, 9, 16, 9, 50, 55), precise: false });
  });
  it('a date without a zone is a wall time (resolved in --timezone); nonsense is no time', () => {
    expect(stampOf('2024-10-16 09:50:55')).toEqual({ kind: 'wall', year: 2024, month: 10, day: 16, hour: 9, minute: 50, second: 55 });
    for (const v of ['None', '', 'yesterday', '12', '2024-13-01T00:00:00Z', null, true, {}, NaN, -5]) expect(stampOf(v)).toBeUndefined();
  });
});

describe('text framings', () => {
  it('Go-quoted label values (strconv.Quote) and padded label blocks', () => {
    expect(goUnquote('"a\\"b\\\\c\\n\\t\\xc3\\xa9\\u00e9\\U0001F600"', 0)).toEqual({ value: 'a"b\\c\n\té\u00e9😀', end: 37 });
    expect(lokiLabels('{host="n1", unit="kubelet.service"}   I1016')).toEqual({ labels: { host: 'n1', unit: 'kubelet.service' }, end: 35 });
    expect(lokiLabels('{}')).toEqual({ labels: {}, end: 2 });
    expect(lokiLabels('{"MESSAGE":"x"}')).toBeUndefined();
    const e = entry(`2024-10-16T09:50:55Z {host="n1", odd="a}, b=\\"c\\""}      ${M1}`);
    expect([e.host, e.message]).toEqual(['n1', M1]);
  });
  it('logcli --no-labels: the time and the line (a klog header or a promtail JSON entry)', () => {
    expect(entry(`2024-10-16T09:50:55.056821Z ${M1}`)).toMatchObject({ message: M1 });
    expect(entry(`2024-10-16T09:50:55Z {"MESSAGE":"${M1}","_HOSTNAME":"n2","_PID":"17144"}`)).toMatchObject({
      host: 'n2',
      pid: 17144,
      message: M1,
    });
  });
  // research pastes/47 (Loki logcli over promtail scraping /var/log/messages): the record's line is
  // the syslog file's whole line, whose envelope is the only place that names the node
  it('a record whose line is a syslog or journal line: its envelope names the node, identifier and PID', () => {
    const klog = 'W0918 11:48:50.468511   30889 eviction_manager.go:330] eviction manager: attempting to reclaim memory';
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][a-z0-9-]{0,20}(?:\.[a-z0-9-]{1,10}){0,2}$/),
        fc.constantFrom('kubelet', 'k3s', 'hyperkube', 'atomic-openshift-node'),
        fc.option(fc.integer({ min: 1, max: 4194304 }), { nil: undefined }),
        fc.constantFrom('Sep 18 11:48:50', 'Sep  8 11:48:50', '2020-09-18T11:48:50+08:00', '2020-09-18T11:48:50.468511+0800'),
        fc.constantFrom('{filename="/var/log/host/messages"}          ', '{job="varlogs"} ', '{} '),
        (host, ident, pid, stamp, labels) => {
          const e = entry(`2020-09-18T11:48:50+08:00 ${labels}${stamp} ${host} ${ident}${pid !== undefined ? `[${pid}]` : ''}: ${klog}`);
          expect(e).toMatchObject({ host, ident, message: klog, time: { kind: 'instant' } });
          expect(e.pid).toBe(pid);
        },
      ),
    );
    // a host the record names is kept, and a line with no envelope stays as it is
    expect(entry(`2024-10-16T09:50:55Z {host="n1"} Sep 18 11:48:50 master-1 kubelet: ${M1}`).host).toBe('n1');
    expect(entry(`2024-10-16T09:50:55Z {job="x"} ${M1}`)).toMatchObject({ message: M1 });
    expect(entry(`2024-10-16T09:50:55Z {job="x"} ${M1}`).host).toBeUndefined();
  });
  it('journalctl lines that look alike are left to the journal decoder', () => {
    for (const l of [
      '2024-03-14T09:21:07+0000 worker-3 kubelet[2716]: I0314 09:21:07.100000    2716 x.go:1] y',
      '2024-03-14T09:21:07+00:00 worker-3 kubelet[2716]: I0314 09:21:07.100000    2716 x.go:1] y',
      '1508118655.056703 ubuntu-k8s-3 kubelet[17144]: W1016 01:50:55.056703   17144 x.go:1] y',
      'I1016 09:50:55.056703   17144 eviction_manager.go:338] eviction manager: attempting to reclaim nodefs',
      '{"ts":1616398324656.7524,"caller":"eviction/eviction_manager.go:351","msg":"Eviction manager: attempting to reclaim","v":0}',
      '{"level":"info","msg":"not a store record"}',
      '{not json',
    ])
      expect(decodeRecordLine(l)).toBeUndefined();
  });
});

describe('--from and --field', () => {
  const rec = JSON.stringify({
    at: { t: '2024-10-16T09:50:55.056821Z' },
    m: M1,
    where: { node: 'n9' },
    svc: 'kubelet.service',
    p: '17144',
  });
  it('--field maps a shape of the user own (dotted paths)', () => {
    const fields = parseFieldMap('message=m,host=where.node,time=at.t,unit=svc,pid=p');
    expect(decodeRecordLine(rec)).toBeUndefined();
    expect(decodeRecordLine(rec, { fields })).toMatchObject({
      host: 'n9',
      message: M1,
      unit: 'kubelet.service',
      ident: 'kubelet',
      pid: 17144,
    });
    expect(iso((decodeRecordLine(rec, { fields }) as Entry).time)).toBe('2024-10-16T09:50:55.056Z');
  });
  it('--field: bad specs are errors that say what is expected', () => {
    expect(() => parseFieldMap('msg=x')).toThrow(/unknown field "msg"/);
    expect(() => parseFieldMap('host=')).toThrow(/dotted path/);
  });
  it('--from forces a shape on records it would not recognise', () => {
    // a row that also has gcloud's keys: detected as gcloud (tested first), read right only with --from azure
    const odd = JSON.stringify({ SyslogMessage: M1, Computer: 'aks-1', TimeGenerated: '2024-10-16T09:50:55Z', logName: 'x', resource: {} });
    expect(decodeRecordLine(odd)).toMatchObject({ message: '' });
    expect(decodeRecordLine(odd, { from: 'azure' })).toMatchObject({ host: 'aks-1', message: M1 });
    expect(SHAPE_NAMES).toContain('azure');
  });
});

describe('no ReDoS in the record stage (as test/redos.test.ts: 1 MB lines, time relative to a line count)', () => {
  const MB = 1 << 20;
  const pump = (p: string) => p.repeat(Math.ceil(MB / p.length));
  const count = (s: string) => {
    let n = 0;
    for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
    return n;
  };
  const time = (f: () => void) => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  };
  const lines = [
    `2024-10-16T09:50:55Z {${pump('a="b", ')}`,
    `2024-10-16T09:50:55Z {a="${pump('\\\\x')}`,
    `2024-10-16T09:50:55Z ${pump('{"')}`,
    `2024-10-16T09:50:55+00:00\tkubelet\t{${pump('}')}x`,
    `2024-10-16T09:50:55+00:00\t${pump('\t')}`,
    `${pump('2024-10-16T')}`,
    `{${pump('"a":{')}`,
    `{"line":"${pump('{\\"')}","timestamp":"2024-10-16T09:50:55Z"}`,
  ];
  it.each(lines.map((l, i) => [i, l] as const))('line %i', (_i, line) => {
    const base = Math.max(
      time(() => count(line)),
      0.05,
    );
    const t = time(() => decodeRecordLine(line));
    expect(t / base).toBeLessThan(2000);
  });
});

it('the hint for newest-first exports names each store and how to export forwards', () => {
  expect(FORWARDS_HINT).toMatch(/logcli query --forward/);
  expect(FORWARDS_HINT).toMatch(/direction=forward/);
  expect(FORWARDS_HINT).toMatch(/gcloud logging read --order=asc/);
  expect(FORWARDS_HINT).toMatch(/--start-from-head/);
});

describe('property: any host, message and time survive every shape', () => {
  const goJson = (v: unknown) =>
    JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const rfc = (us: bigint, digits: number, offsetMin = 0) => {
    const d = new Date(Number(us / 1000n) + offsetMin * 60_000);
    const frac = String(us % 1_000_000n)
      .padStart(6, '0')
      .slice(0, digits);
    const off =
      offsetMin === 0 ? 'Z' : `${offsetMin < 0 ? '-' : '+'}${p2(Math.floor(Math.abs(offsetMin) / 60))}:${p2(Math.abs(offsetMin) % 60)}`;
    return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}${frac ? `.${frac}` : ''}${off}`;
  };
  type E = { host: string; message: string; us: bigint; pid: number };
  /** each shape: a line for the entry, and the time precision it keeps (decimals of a second) */
  const SHAPES: Array<[string, (e: E) => string, number]> = [
    [
      'journal',
      (e) =>
        JSON.stringify({
          __REALTIME_TIMESTAMP: String(e.us),
          _HOSTNAME: e.host,
          _PID: String(e.pid),
          SYSLOG_IDENTIFIER: 'kubelet',
          MESSAGE: e.message,
        }),
      6,
    ],
    [
      'logcli jsonl',
      (e) => goJson({ labels: { host: e.host, unit: 'kubelet.service' }, line: e.message, timestamp: rfc(e.us, 6, 120) }),
      6,
    ],
    [
      'promtail json',
      (e) =>
        goJson({
          labels: { job: 'j' },
          line: goJson({ MESSAGE: e.message, _HOSTNAME: e.host, _PID: String(e.pid) }),
          timestamp: rfc(e.us, 6),
        }),
      6,
    ],
    ['logcli text', (e) => `${rfc(e.us, 0)} {host=${JSON.stringify(e.host)}, unit="kubelet.service"} ${e.message}`, 0],
    ['loki api', (e) => JSON.stringify({ stream: { nodename: e.host }, value: [`${e.us}123`, e.message] }), 6],
    [
      'es fluent bit',
      (e) =>
        JSON.stringify({
          _index: 'i',
          _id: 'x',
          _source: { '@timestamp': rfc(e.us, 3), _HOSTNAME: e.host, _PID: String(e.pid), MESSAGE: e.message },
        }),
      3,
    ],
    [
      'filebeat',
      (e) =>
        JSON.stringify({
          '@timestamp': rfc(e.us, 3),
          message: e.message,
          host: { hostname: e.host },
          process: { pid: e.pid },
          systemd: { unit: 'kubelet.service' },
        }),
      3,
    ],
    [
      'vector',
      (e) =>
        JSON.stringify({
          __REALTIME_TIMESTAMP: String(e.us),
          host: e.host,
          message: e.message,
          source_type: 'journald',
          _PID: String(e.pid),
        }),
      6,
    ],
    [
      'fluentd',
      (e) => `${rfc(e.us, 0, -300)}\tkubelet\t${JSON.stringify({ hostname: e.host, pid: String(e.pid), message: e.message })}`,
      0,
    ],
    [
      'gcloud',
      (e) =>
        JSON.stringify({
          logName: 'projects/p/logs/kubelet',
          timestamp: rfc(e.us, 6),
          resource: { labels: { node_name: e.host } },
          jsonPayload: { MESSAGE: e.message, _PID: String(e.pid) },
        }),
      6,
    ],
    [
      'cloudwatch',
      (e) =>
        JSON.stringify({
          timestamp: Number(e.us / 1000n),
          ingestionTime: 1,
          message: JSON.stringify({ hostname: e.host, systemd_unit: 'kubelet.service', message: e.message }),
        }),
      3,
    ],
    [
      'azure',
      (e) =>
        JSON.stringify({
          Computer: e.host,
          ProcessID: String(e.pid),
          ProcessName: 'kubelet',
          SyslogMessage: e.message,
          TimeGenerated: rfc(e.us, 3).replace('Z', '0000Z'),
        }),
      3,
    ],
  ];
  // hosts as nodes are named; messages with everything a store escapes (quotes, backslashes, <>&, non-ASCII, U+2028)
  const host = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,40}$/);
  const message = fc
    .tuple(
      fc.constantFrom(M1, M3, 'I1016 09:50:55.056703   17144 x.go:1] '),
      fc.string({ unit: fc.constantFrom('"', '\\', '<', '>', '&', 'é', '\u2028', '{', '}', 'a', ' ', '=', 'ü', '😀'), maxLength: 30 }),
    )
    .map(([a, b]) => a + b);
  const us = fc.bigInt({ min: 1_500_000_000_000_000n, max: 1_900_000_000_000_000n });
  it.each(SHAPES)('%s', (_name, encode, decimals) => {
    fc.assert(
      fc.property(host, message, us, fc.integer({ min: 1, max: 4_000_000 }), (h, m, t, pid) => {
        const e = entry(encode({ host: h, message: m, us: t, pid }));
        expect(e.host).toBe(h);
        expect(e.message).toBe(m);
        const ms = e.time?.kind === 'instant' ? e.time.ms : NaN;
        const want = Number(t / 1000n) + Number(t % 1000n) / 1000;
        expect(Math.abs(ms - want)).toBeLessThan(10 ** (3 - decimals) + 0.001);
      }),
      { numRuns: 150 },
    );
  });
});
