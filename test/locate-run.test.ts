/**
 * A line located as a line of the run before it (`locateInRun`) is located as `locate` locates
 * it, field for field, or not at all: the run is a shortcut of the locator, never a second
 * reading of a line. The lines are built from journalctl's stamp shapes, a host, an identifier
 * and a klog header, then a second line from the first with other digits, another message and
 * bytes of its envelope changed, inserted or cut.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Env, locate, locateInRun, newLocated, newRun, runOf, type Located } from '../src/locate/locate.js';

/** The fields `locate` sets for a line of `env` (the others keep what an earlier line left). */
function fields(v: Located): Record<string, number> {
  const f: Record<string, number> = {
    start: v.start,
    lineStart: v.lineStart,
    damage: v.damage,
    env: v.env,
    msgStart: v.msgStart,
    hdr: v.hdr,
    hdrStart: v.hdrStart,
    kSev: v.kSev,
    kMonth: v.kMonth,
    kDay: v.kDay,
    kHour: v.kHour,
    kMinute: v.kMinute,
    kSecond: v.kSecond,
    kMicros: v.kMicros,
    kPid: v.kPid,
    fileStart: v.fileStart,
    fileEnd: v.fileEnd,
    textStart: v.textStart,
    pid: v.pid,
  };
  if (v.env !== Env.None) {
    Object.assign(f, {
      month: v.month,
      day: v.day,
      hour: v.hour,
      minute: v.minute,
      second: v.second,
      micros: v.micros,
      fracDigits: v.fracDigits,
      offset: Number.isNaN(v.offset) ? -9999 : v.offset,
      hostStart: v.hostStart,
      hostEnd: v.hostEnd,
      hostHash: v.hostHash,
      identStart: v.identStart,
      identEnd: v.identEnd,
    });
    if (v.env === Env.Iso || v.env === Env.Full) f['year'] = v.year;
    // (the zone token of a short-full stamp; a short-unix stamp's seconds)
    if (v.env === Env.Full) Object.assign(f, { tokenStart: v.tokenStart, tokenEnd: v.tokenEnd });
    if (v.env === Env.Unix) f['seconds'] = v.seconds;
  }
  return f;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Oct', 'Dec', 'janv.', '10月', 'Mär'];
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const SHAPES = [
  'short',
  'short-precise',
  'syslog',
  'iso',
  'iso-precise',
  'iso-colon',
  'iso-z',
  'full',
  'full-precise',
  'with-zone',
  'unix',
  'unix-short',
  'bare',
] as const;
const clock = fc.record({
  mo: fc.integer({ min: 1, max: 12 }),
  day: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 33 })),
  h: fc.oneof(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 25 })),
  m: fc.oneof(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 61 })),
  s: fc.integer({ min: 0, max: 61 }),
  us: fc.integer({ min: 0, max: 999999 }),
});

/** A stamp of one of journalctl's shapes (and rsyslog's), from the numbers given. */
function stampOf(
  shape: (typeof SHAPES)[number],
  month: string,
  c: { mo: number; day: number; h: number; m: number; s: number; us: number },
): string {
  const t = `${pad(c.h)}:${pad(c.m)}:${pad(c.s)}`;
  switch (shape) {
    case 'short':
      return `${month} ${pad(c.day)} ${t}`;
    case 'short-precise':
      return `${month} ${pad(c.day)} ${t}.${pad(c.us, 6)}`;
    case 'syslog':
      return `${month} ${String(c.day).padStart(2, ' ')} ${t}`;
    case 'iso':
      return `2024-${pad(c.mo)}-${pad(c.day)}T${t}+0800`;
    case 'iso-precise':
      return `2024-${pad(c.mo)}-${pad(c.day)}T${t}.${pad(c.us, 6)}-0500`;
    case 'iso-colon':
      return `2024-${pad(c.mo)}-${pad(c.day)}T${t}+05:30`;
    case 'iso-z':
      return `2024-${pad(c.mo)}-${pad(c.day)}T${t}.${pad(c.us, 6)}Z`;
    // `-o short-full` / `-o with-unit`: a weekday, a date, a zone (an abbreviation pins no instant)
    case 'full':
      return `${WEEKDAYS[c.day % 7]} 2024-${pad(c.mo)}-${pad(c.day)} ${t} UTC`;
    case 'full-precise':
      return `${WEEKDAYS[c.day % 7]} 2024-${pad(c.mo)}-${pad(c.day)} ${t}.${pad(c.us, 6)} +0800`;
    case 'with-zone':
      return `${WEEKDAYS[c.day % 3]} 2024-${pad(c.mo)}-${pad(c.day)} ${t} ${['CST', 'GMT', '-05:30'][c.s % 3]}`;
    // `-o short-unix`
    case 'unix':
      return `${1709373055 + c.h * 3600 + c.m * 60 + c.s}.${pad(c.us, 6)}`;
    case 'unix-short':
      return `${170937305 + c.m * 60 + c.s}.${String(c.us).slice(0, 1 + (c.h % 6))}`;
    default:
      return '';
  }
}

/** Two stamps of one shape (most often one month token). */
const stamps = fc
  .record({
    shape: fc.constantFrom(...SHAPES),
    month1: fc.constantFrom(...MONTHS),
    month2: fc.option(fc.constantFrom(...MONTHS), { freq: 4 }),
    c1: clock,
    c2: clock,
  })
  .map(({ shape, month1, month2, c1, c2 }) => [stampOf(shape, month1, c1), stampOf(shape, month2 ?? month1, c2)] as const);

const header = fc
  .record({
    sev: fc.constantFrom('I', 'W', 'E', 'F', 'I', 'I', 'X'),
    mo: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 12 }), weight: 5 }, { arbitrary: fc.integer({ min: 0, max: 13 }), weight: 1 }),
    day: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 31 }), weight: 5 }, { arbitrary: fc.integer({ min: 0, max: 32 }), weight: 1 }),
    pid: fc.integer({ min: 1, max: 99999999 }),
    file: fc.constantFrom('eviction_manager.go', 'kubelet.go', 'helpers.go', 'x'),
    line: fc.integer({ min: 1, max: 2000 }),
    frac: fc.constantFrom(6, 6, 6, 6, 6, 3),
  })
  .map(
    ({ sev, mo, day, pid, file, line, frac }) =>
      `${sev}${pad(mo)}${pad(day)} 09:50:55.${'1234567'.slice(0, frac)} ${String(pid).padStart(7)} ${file}:${line}] `,
  );

const message = fc.oneof(
  { arbitrary: header.map((h) => `${h}Skipping pod synchronization`), weight: 3 },
  header.chain((h) =>
    fc.constantFrom(`${h}Skipping pod synchronization`, `${h}"Eviction manager: attempting to reclaim" resourceName="memory"`, h.trimEnd()),
  ),
  header.map((h) => `[wrapper] ${h}Skipping pod synchronization`),
  header.map((h) => `${h.replace(/^./, '')}damaged`),
  fc.constantFrom('Started kubelet.', 'time="2024" level=info', '', 'x 09:50:55 y eviction_manager.go:340] z'),
);

/** `host ident[pid]: ` */
const tail = fc
  .record({
    host: fc.constantFrom('ubuntu-k8s-3', 'node-1', 'ip-10-0-0-1.ec2.internal', 'h'),
    ident: fc.constantFrom('kubelet', 'k3s', 'containerd', 'systemd'),
    pid: fc.option(fc.integer({ min: 1, max: 4194304 }), { nil: undefined }),
  })
  .map(({ host, ident, pid }) => `${host} ${ident}${pid === undefined ? '' : `[${pid}]`}: `);

/** One change to a line's bytes: a byte replaced, inserted or cut somewhere in its first 64. */
const edit = fc.record({
  kind: fc.constantFrom('set', 'insert', 'cut'),
  at: fc.nat({ max: 63 }),
  byte: fc.constantFrom(0x20, 0x09, 0x3a, 0x5b, 0x5d, 0x2e, 0x2b, 0x5a, 0x54, 0x30, 0x35, 0x39, 0x61, 0x49, 0x00, 0xe6),
});

function apply(line: Buffer, edits: ReadonlyArray<{ kind: string; at: number; byte: number }>): Buffer {
  let b = line;
  for (const { kind, at, byte } of edits) {
    const i = Math.min(at, b.length);
    if (kind === 'set' && i < b.length) b = Buffer.concat([b.subarray(0, i), Buffer.from([byte]), b.subarray(i + 1)]);
    else if (kind === 'insert') b = Buffer.concat([b.subarray(0, i), Buffer.from([byte]), b.subarray(i)]);
    else if (kind === 'cut' && i < b.length) b = Buffer.concat([b.subarray(0, i), b.subarray(i + 1)]);
  }
  return b;
}

const lineOf = (st: string, t: string, msg: string) => Buffer.from(st === '' ? msg : `${st} ${t}${msg}`, 'utf8');

describe('a line of a run is located as locate locates it', () => {
  it('whenever locateInRun takes a line, every field the fast path reads is locate’s', () => {
    let taken = 0;
    fc.assert(
      fc.property(
        stamps,
        tail,
        message,
        message,
        fc.oneof(fc.constant([]), fc.array(edit, { minLength: 1, maxLength: 3 })),
        fc.nat({ max: 40 }),
        ([st1, st2], t, m1, m2, edits, lead) => {
          // the first line, as the fast path takes it; the run is made of it
          const pre = Buffer.alloc(lead, 0x41);
          const first = Buffer.concat([pre, lineOf(st1, t, m1)]);
          const v1 = newLocated();
          locate(first, lead, first.length, v1);
          const run = newRun();
          if (!runOf(first, v1, run)) return;
          // the next line: the same shape (the stamp's digits and the message changed), then damaged
          const next = apply(lineOf(st2, t, m2), edits);
          const buf = Buffer.concat([pre, next]);
          const inRun = newLocated();
          const whole = newLocated();
          locate(buf, lead, buf.length, whole);
          if (!locateInRun(buf, lead, buf.length, inRun, run)) return;
          taken++;
          expect(fields(inRun)).toEqual(fields(whole));
        },
      ),
      { numRuns: 20000 },
    );
    // (the property says nothing if the run takes nothing)
    expect(taken).toBeGreaterThan(1000);
  });

  it('takes the next line of the same envelope whenever locate finds its whole klog header at the message', () => {
    const shapes = [
      ['Oct 16 09:50:55', 'Oct 16 09:50:56'],
      ['Mar  2 00:00:00', 'Mar  2 23:59:59'],
      ['10月 16 09:50:55', '10月 16 09:51:00'],
      ['Oct 16 09:50:55.056703', 'Oct 17 10:00:00.000001'],
      ['2017-10-16T09:50:55+0800', '2017-10-17T00:00:01+0800'],
      ['2017-10-16T09:50:55.056703+08:00', '2017-11-30T23:59:59.999999+08:00'],
      ['Mon 2017-10-16 09:50:55 UTC', 'Mon 2017-10-16 23:59:59 UTC'],
      ['Mon 2017-10-16 09:50:55.056703 +0800', 'Mon 2017-10-16 09:50:56.000001 +0800'],
      ['1508118655.056703', '1508122255.999999'],
      ['', ''],
    ];
    for (const [a, b] of shapes) {
      const msg = 'I1016 09:50:55.056703   17144 eviction_manager.go:340] eviction manager: must evict pod(s) to reclaim nodefs';
      const first = lineOf(a!, 'ubuntu-k8s-3 kubelet[17144]: ', msg);
      const v1 = newLocated();
      locate(first, 0, first.length, v1);
      const run = newRun();
      expect({ a, run: runOf(first, v1, run) }).toEqual({ a, run: true });
      const next = lineOf(b!, 'ubuntu-k8s-3 kubelet[17144]: ', msg.replace('17144', '  123'));
      const v = newLocated();
      expect({ b, inRun: locateInRun(next, 0, next.length, v, run) }).toEqual({ b, inRun: true });
      const whole = newLocated();
      locate(next, 0, next.length, whole);
      expect(fields(v)).toEqual(fields(whole));
    }
  });
});
