/**
 * The order stage (src/analyze/order.ts, coverage.ts, identity.ts): each entry counted once
 * however it arrives, newest-first and out-of-order input read as oldest-first, clocks and
 * calendars read as a careful reader would, and memory that does not grow with the input.
 * Reproductions of the defects are in test/fixtures/repro/ (see its README).
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Analysis, analyzeText } from '../src/analyze/pipeline.js';
import { Coverage } from '../src/analyze/coverage.js';
import { isWholeSecond, messageId, messageIdOf, provenance, TICK_US } from '../src/analyze/identity.js';
import { EventOrder, HOLD_MS, PAUSE_AT } from '../src/analyze/order.js';
import type { KubeletEvent } from '../src/model/events.js';
import { paced } from '../src/pace.js';
import { toJsonReport } from '../src/render/json.js';
import { feed } from '../src/stream.js';
import type { Timeline } from '../src/timeline/model.js';
import { zone } from '../src/time/zone.js';
import { FIXTURES, NOW, opts, read } from './helpers.js';
import { readFileSync } from 'node:fs';

const SEED = read('samples/seed-ubuntu-k8s-3.log').split('\n');
if (SEED.at(-1) === '') SEED.pop();
const SEED_OPTS = { zone: zone('Asia/Shanghai'), year: 2017 };

/**
 * Analyse inputs as the command does: all started first, then read together as streams of small
 * chunks (so that events are passed on while reading, not only at the end), paced when several.
 */
async function analyze(
  inputs: Array<{ name: string; text: string }>,
  extra: Parameters<typeof opts>[0] = {},
  chunk = 2048,
): Promise<Timeline> {
  const an = new Analysis(opts(extra));
  const sinks = inputs.map(({ name }) => an.input(name));
  await Promise.all(
    inputs.map(({ text }, i) => {
      const bytes = Buffer.from(text);
      const chunks = Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, k) => bytes.subarray(k * chunk, (k + 1) * chunk));
      const src = Readable.from(chunks, { objectMode: false });
      return feed(inputs.length > 1 ? paced(src, sinks[i]!.pace) : src, sinks[i]!);
    }),
  );
  return an.finish();
}
const one = (text: string, extra: Parameters<typeof opts>[0] = {}) => analyze([{ name: 'a.log', text }], extra);

/**
 * What must not depend on how the entries arrived: the report without the line counters
 * (more lines are read when entries come twice), without provenance (other inputs, other line
 * numbers), without the notes about the arrival itself; times to the second where renderings
 * of different precision are mixed.
 */
function story(t: Timeline, seconds = false): unknown {
  const r = toJsonReport(t, { timezone: 'UTC' }) as unknown as Record<string, unknown>;
  const s = { ...(r['summary'] as Record<string, unknown>) };
  for (const k of ['lines', 'kubeletLines', 'otherLines', 'verboseLines', 'duplicates', 'skipped']) delete s[k];
  const arrival = new Set(['duplicates', 'newest-first', 'out-of-order', 'clock-step', 'skipped-lines', 'late-entries']);
  const notes = (r['notes'] as Array<{ kind: string }>).filter((n) => !arrival.has(n.kind));
  const rest = { ...r, summary: s, notes, skipped: [] };
  return JSON.parse(
    JSON.stringify(rest, (k, v: unknown) => {
      if (k === 'evidence' || k === 'input' || k === 'line') return undefined;
      if (seconds && typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(v)) return v.slice(0, 19);
      if (typeof v === 'string') return v.replace(/line [\d,]+/g, 'line N');
      return v;
    }),
  );
}

// ---- the seed story, given twice, in pieces, backwards ----

const wholeSeed = () => analyze([{ name: 'seed.log', text: SEED.join('\n') }], SEED_OPTS);

describe('each entry once', () => {
  it('the seed story given twice: 3,935 loops, not 7,870, and every sentence once', async () => {
    const whole = await wholeSeed();
    const text = SEED.join('\n');
    const twice = await analyze(
      [
        { name: 'a.log', text },
        { name: 'b.log', text },
      ],
      SEED_OPTS,
    );
    expect(twice.incidents[0]!.reclaimAttempts).toBe(3935);
    expect(twice.counters.events).toBe(whole.counters.events);
    // every event of a line came twice; the restarts told from the lines' PIDs were told once
    let told = 0;
    await analyze([{ name: 'seed.log', text }], { ...SEED_OPTS, onEvent: (e) => void (e.src.id === undefined && told++) });
    expect(told).toBe(2);
    expect(twice.counters.duplicates).toBe(whole.counters.events - told);
    expect(twice.incidents[0]!.statements.map((s) => s.text)).toEqual(whole.incidents[0]!.statements.map((s) => s.text));
    expect(story(twice)).toEqual(story(whole));
  });

  it('two overlapping saves (--since yesterday, then --since 2h ago), as two files or concatenated', async () => {
    const whole = await wholeSeed();
    const a = SEED.slice(0, 9000).join('\n');
    const b = SEED.slice(5000).join('\n');
    const files = await analyze(
      [
        { name: 'a.log', text: a },
        { name: 'b.log', text: b },
      ],
      SEED_OPTS,
    );
    const cat = await analyze([{ name: 'ab.log', text: `${a}\n${b}` }], SEED_OPTS);
    expect(files.counters.duplicates).toBe(cat.counters.duplicates);
    expect(files.counters.duplicates).toBeGreaterThan(3000);
    expect(story(files)).toEqual(story(whole));
    expect(story(cat)).toEqual(story(whole));
    expect(cat.notes.map((n) => n.kind)).toContain('duplicates');
  });

  it('the same journal in two formats (short-iso and json, real journalctl renderings) is counted once', async () => {
    const json = readFileSync(new URL('json/any.txt', FIXTURES), 'utf8');
    const iso = readFileSync(new URL('short-iso/C.UTF-8__UTC.txt', FIXTURES), 'utf8');
    const alone = await one(json);
    const both = await analyze([
      { name: 'j.log', text: json },
      { name: 'i.log', text: iso },
    ]);
    expect(both.counters.events).toBe(alone.counters.events);
    expect(both.counters.duplicates).toBeGreaterThan(0);
    // the finer time is kept (json's microseconds, not short-iso's whole seconds)
    expect(story(both)).toEqual(story(alone));
  });

  it('the 10-second loop repeats its message with a new time: never a duplicate', async () => {
    const loop = (s: number) =>
      `2024-05-01T10:00:${String(s).padStart(2, '0')}+0000 n1 kubelet[1]: W0501 10:00:${String(s).padStart(2, '0')}.000000       1 eviction_manager.go:331] eviction manager: attempting to reclaim nodefs`;
    const t = await one([0, 10, 20, 30].map(loop).join('\n'));
    expect(t.incidents[0]!.reclaimAttempts).toBe(4);
    expect(t.counters.duplicates).toBe(0);
  });
});

describe('each entry once, whatever order its fields were made in', () => {
  // events as the line stage makes them: a repeat of one classification every 10 s
  const at0 = Date.UTC(2024, 9, 16, 9, 50, 55) + 56.703;
  const cleared = (k: number, input: string, reordered: boolean): KubeletEvent => {
    const src = provenance(input, k + 1, 0x5eed, TICK_US, 0);
    const e = reordered
      ? { event: 'NodeHasNoDiskPressure', condition: 'DiskPressure', src, node: 'n1', at: at0 + k * 10_000, kind: 'node-pressure-cleared' }
      : { at: at0 + k * 10_000, node: 'n1', kind: 'node-pressure-cleared', condition: 'DiskPressure', event: 'NodeHasNoDiskPressure', src };
    return e as KubeletEvent;
  };
  it('the same repeats from two inputs, one with its fields in another order: each counted once', () => {
    for (const reordered of [false, true]) {
      const got: KubeletEvent[] = [];
      const o = new EventOrder({ deliver: (e) => got.push(e), notify: () => undefined });
      const a = o.addInput('a', new Coverage(0, (s) => o.stretch(s)));
      const b = o.addInput('b', new Coverage(1, (s) => o.stretch(s)));
      // (held as a run: the same fields again and again)
      for (let k = 0; k < 50; k++) o.add(a, cleared(k, 'a', false));
      for (let k = 0; k < 50; k++) o.add(b, cleared(k, 'b', reordered));
      o.end(a);
      o.end(b);
      o.pump();
      expect({ reordered, delivered: got.length, duplicates: o.duplicates }).toEqual({ reordered, delivered: 50, duplicates: 50 });
    }
  });
  it('a whole second is what the remainder says, on any time', () => {
    const times = fc.oneof(
      fc.double({ noNaN: false }),
      fc.integer({ min: -1e12, max: 4e12 }).map((s) => s * 1000),
      fc.tuple(fc.integer({ min: 0, max: 4e9 }), fc.integer({ min: 0, max: 999_999 })).map(([s, us]) => s * 1000 + us / 1000),
    );
    fc.assert(
      fc.property(times, (t) => {
        expect([t, isWholeSecond(t)]).toEqual([t, t % 1000 === 0]);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe("an entry's identity (its message's hash)", () => {
  it('is the same from the ASCII bytes as from the string, at every length and tail', () => {
    const ascii = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 300 });
    fc.assert(
      fc.property(ascii, fc.nat(8), (m, pad) => {
        // (at any offset in a larger buffer)
        const b = Buffer.from(`${'x'.repeat(pad)}${m}yz`, 'latin1');
        expect(messageIdOf(b, pad, pad + m.length)).toBe(messageId(m));
      }),
      { numRuns: 5_000 },
    );
  });

  it('tells apart messages that differ in one code unit anywhere, any bit of it, or in length', () => {
    // (a control loop's line, and text with code units above 0xFF: CJK, and code units that
    // differ from an ASCII one only above its low byte)
    const bases = [
      'eviction manager: eviction thresholds have been met, but no pods are active to evict',
      '"Eviction manager: attempting to reclaim" resourceName="ephemeral-storage" 节点',
      'abc',
      '',
    ];
    for (const base of bases) {
      const ids = new Map<number, string>();
      const add = (m: string) => {
        const id = messageId(m);
        expect([m, ids.get(id) ?? m]).toEqual([m, m]);
        ids.set(id, m);
      };
      add(base);
      for (let i = 0; i <= base.length; i++) {
        add(base.slice(0, i));
        add(`${base.slice(0, i)}\u0000${base.slice(i)}`);
        for (let bit = 0; bit < 16; bit++) {
          if (i === base.length) continue;
          const c = base.charCodeAt(i) ^ (1 << bit);
          if (c >= 0xd800 && c <= 0xdfff) continue;
          add(`${base.slice(0, i)}${String.fromCharCode(c)}${base.slice(i + 1)}`);
        }
      }
      expect(ids.size).toBeGreaterThan(base.length * 10);
    }
  });
});

describe('held stretches of kubelet lines are told in time order', () => {
  it("a stretch whose lines come out of order begins earlier than the one before it: told first (the new PID's start is the other's)", () => {
    // (pid 200's stretch opens at 10:00:10, then its line of 09:59:59 comes: it begins before pid 100's)
    const text = [
      'Oct 01 10:00:00 node-1 kubelet[100]: I1001 10:00:00.000000     100 kubelet.go:1] a',
      'Oct 01 10:00:05 node-1 kubelet[100]: I1001 10:00:05.000000     100 kubelet.go:1] b',
      'Oct 01 10:00:10 node-1 kubelet[200]: I1001 10:00:10.000000     200 kubelet.go:1] c',
      'Oct 01 09:59:59 node-1 kubelet[200]: I1001 09:59:59.000000     200 kubelet.go:1] d',
    ].join('\n');
    const t = analyzeText([{ name: 'moved.log', text: `${text}\n` }], opts({ year: 2017 }));
    expect(t.nodes[0]!.kubeletStarts.map((s) => [s.pid, s.via, s.evidence.line])).toEqual([[100, 'pid-change', 1]]);
  });

  it('a kubelet crash-looping for a day: one stretch per start, each start told once and in order', () => {
    const lines: string[] = [];
    for (let k = 0; k < 8640; k++) {
      const t = new Date(Date.UTC(2017, 9, 1) + k * 10_000);
      const clock = t.toISOString().slice(11, 19);
      const pid = 1000 + k;
      lines.push(`Oct 01 ${clock} node-1 kubelet[${pid}]: E1001 ${clock}.300000 ${pid} run.go:74] "command failed" err="boom"`);
    }
    const t = analyzeText([{ name: 'loop.log', text: `${lines.join('\n')}\n` }], opts({ year: 2017 }));
    const starts = t.nodes[0]!.kubeletStarts;
    // (the first told by its failed start-up line, every other by its new PID)
    expect(starts.length).toBe(8640);
    expect(starts[0]!.via).toBe('startup-line');
    expect(starts.every((s, i) => s.pid === 1000 + i && s.evidence.line === i + 1 && (i === 0 || s.via === 'pid-change'))).toBe(true);
  });
});

describe('newest-first and out-of-order input give the oldest-first timeline', () => {
  it('journalctl -r: the seed story reversed, with a note on how to export it forwards', async () => {
    const whole = await wholeSeed();
    const rev = await analyze([{ name: 'seed.log', text: [...SEED].reverse().join('\n') }], SEED_OPTS);
    expect(story(rev)).toEqual(story(whole));
    const note = rev.notes.find((n) => n.kind === 'newest-first')!;
    expect(note.text).toMatch(/journalctl -r/);
    expect(note.text).toMatch(/journalctl without -r/);
    expect(note.text).toMatch(/logcli query --forward/);
    expect(note.text).toMatch(/--order=asc/);
    expect(whole.notes.map((n) => n.kind)).not.toContain('newest-first');
  });

  it('the restarts of a reversed journal are the same (told from coverage, in time order)', async () => {
    const whole = await wholeSeed();
    const rev = await analyze([{ name: 'seed.log', text: [...SEED].reverse().join('\n') }], SEED_OPTS);
    expect(rev.nodes[0]!.kubeletStarts).toEqual(whole.nodes[0]!.kubeletStarts.map((s) => ({ ...s, evidence: expect.anything() })));
  });

  it('every sample reversed tells the same story (the ones with times)', async () => {
    for (const [file, extra] of [
      ['samples/modern-memory-eviction.log', {}],
      ['samples/hostile-names.log', {}],
      ['samples/real/17-glog-journal-cest-unable-to-evict-then-reclaim-again.log', { zone: zone('Europe/Berlin'), year: 2019 }],
      ['samples/real/23-glog-journal-minikube-admit-reject-diskpressure-evicted.log', { year: 2019 }],
    ] as const) {
      const lines = read(file).split('\n');
      expect(story(await analyze([{ name: 'x.log', text: [...lines].reverse().join('\n') }], extra)), file).toEqual(
        story(await analyze([{ name: 'x.log', text: lines.join('\n') }], extra)),
      );
    }
  });
});

// ---- clocks and calendars (test/fixtures/repro/) ----

const REPRO = (f: string) => read(`test/fixtures/repro/${f}`);

describe('clocks and calendars, read as a careful reader would', () => {
  it('a clock stepped back: two bursts are two incidents, and an empty second input changes nothing', async () => {
    const text = REPRO('clockback.log');
    const t = await one(text);
    expect(t.incidents.map((i) => [new Date(i.start).toISOString(), (i.end - i.start) / 1000])).toEqual([
      ['2024-05-01T09:00:00.000Z', 290.002],
      ['2024-05-01T10:00:00.000Z', 290.002],
    ]);
    const note = t.notes.find((n) => n.kind === 'clock-step')!;
    expect(note.text).toMatch(/goes back by 1h 4m 50s at line 91/);
    const withEmpty = await analyze([
      { name: 'a.log', text },
      { name: '/dev/null', text: '' },
    ]);
    expect(toJsonReport(withEmpty, { timezone: 'UTC' })).toEqual(toJsonReport(t, { timezone: 'UTC' }));
  });

  it('the repeated hour of a DST fall-back in a year-less format: 10 minutes, not an hour', async () => {
    const text = REPRO('dst-fall-back.log');
    const o = { zone: zone('America/New_York'), year: 2024 };
    const t = await one(text, o);
    expect(t.incidents).toHaveLength(1);
    const i = t.incidents[0]!;
    // 01:55 EDT (05:55Z) … the second 01:04:50, EST (06:04:50Z)
    expect(new Date(i.start).toISOString()).toBe('2024-11-03T05:55:00.000Z');
    expect(new Date(i.end).toISOString()).toBe('2024-11-03T06:04:50.002Z');
    expect(i.reclaimAttempts).toBe(60);
    const withEmpty = await analyze(
      [
        { name: 'a.log', text },
        { name: '/dev/null', text: '' },
      ],
      o,
    );
    expect(toJsonReport(withEmpty, { timezone: 'UTC' })).toEqual(toJsonReport(t, { timezone: 'UTC' }));
  });

  it('the same hour newest first reads the same', async () => {
    // with a line after the repeated hour (02:10 EST), so that a newest-first reader meets an
    // unambiguous time first (a first line inside the hour is read as its first pass)
    const after = 'Nov 03 02:10:00 n1 kubelet[4242]: I1103 02:10:00.000000    4242 kubelet.go:2280] "SyncLoop (housekeeping)"';
    const lines = [...REPRO('dst-fall-back.log').trimEnd().split('\n'), after];
    const o = { zone: zone('America/New_York'), year: 2024 };
    const fwd = await one(lines.join('\n'), o);
    const rev = await one([...lines].reverse().join('\n'), o);
    expect(rev.incidents.map((i) => [i.start, i.end])).toEqual(fwd.incidents.map((i) => [i.start, i.end]));
  });

  it('Feb 29 without --year is inferred into a leap year, never shown as Mar 1', async () => {
    const t = await one(REPRO('feb29.log')); // NOW is 2026-11-26: 2026 has no Feb 29
    expect(new Date(t.incidents[0]!.start).toISOString()).toBe('2024-02-29T10:00:00.000Z');
    expect(t.yearInferred).toBe(true);
    expect(t.notes.map((n) => n.kind)).not.toContain('no-leap-day');
    const withEmpty = await analyze([
      { name: 'a.log', text: REPRO('feb29.log') },
      { name: '/dev/null', text: '' },
    ]);
    expect(toJsonReport(withEmpty, { timezone: 'UTC' })).toEqual(toJsonReport(t, { timezone: 'UTC' }));
  });

  it('Feb 29 in a --year without one is said so', async () => {
    const t = await one(REPRO('feb29.log'), { year: 2023 });
    const note = t.notes.find((n) => n.kind === 'no-leap-day')!;
    expect(note.text).toMatch(/dated Feb 29 in 2023, which has no Feb 29/);
    expect(note.text).toMatch(/--year/);
  });
});

// ---- memory: what is held does not grow with the input ----

/** `n` 10-second loops of node `node`, from `start` (epoch ms), as short-iso lines. */
function loops(n: number, node = 'n1', start = Date.UTC(2024, 0, 1)): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = new Date(start + i * 10_000);
    const iso = d.toISOString().slice(0, 19);
    const kh = `${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 19)}`;
    const p = `${iso}+0000 ${node} kubelet[4242]: `;
    out.push(
      `${p}W${kh}.000000    4242 eviction_manager.go:331] eviction manager: attempting to reclaim nodefs`,
      `${p}I${kh}.001000    4242 eviction_manager.go:345] eviction manager: must evict pod(s) to reclaim nodefs`,
      `${p}E${kh}.002000    4242 eviction_manager.go:356] eviction manager: eviction thresholds have been met, but no pods are active to evict`,
    );
  }
  return out.join('\n') + '\n';
}

/** Feed inputs as streams, paced as the CLI does, and say how many events were held at most. */
async function heldAtMost(texts: string[]): Promise<{ max: number; t: Timeline }> {
  const an = new Analysis(opts());
  await Promise.all(
    texts.map((text, i) => {
      const sink = an.input(`in${i}.log`);
      const bytes = Buffer.from(text);
      const chunks = Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, k) => bytes.subarray(k * 65536, (k + 1) * 65536));
      const src = Readable.from(chunks, { objectMode: false });
      return feed(texts.length > 1 ? paced(src, sink.pace) : src, sink);
    }),
  );
  const max = an.held.max;
  return { max, t: an.finish() };
}

describe('memory grows with incidents and pods, not with lines or events', () => {
  const DAY_OF_LOOPS = (HOLD_MS / 10_000) * 3; // what a forward input may hold: a day of events

  it('a forward journal holds a day of events at most, however long (N against 4N loops), alone or with an empty input', async () => {
    for (const n of [12_000, 48_000]) {
      const alone = await heldAtMost([loops(n)]);
      expect(alone.t.incidents[0]!.reclaimAttempts).toBe(n);
      expect(alone.max).toBeLessThanOrEqual(DAY_OF_LOOPS + 3 * 2048);
      // an input that has shown nothing yet may still bring anything: the other waits for it once
      // it holds PAUSE_AT events (here /dev/null ends at once when read from a file)
      const withEmpty = await heldAtMost([loops(n), '']);
      expect(withEmpty.max).toBeLessThanOrEqual(Math.max(DAY_OF_LOOPS, PAUSE_AT) + 3 * 2048);
      expect(withEmpty.t.incidents[0]!.reclaimAttempts).toBe(n);
    }
  });

  it('two inputs of different months: the one ahead waits for the one behind', async () => {
    const jan = loops(30_000, 'n1', Date.UTC(2024, 0, 1));
    const feb = loops(30_000, 'n2', Date.UTC(2024, 1, 1));
    const { max, t } = await heldAtMost([jan, feb]);
    expect(t.incidents.map((i) => [i.node, i.reclaimAttempts])).toEqual([
      ['n1', 30_000],
      ['n2', 30_000],
    ]);
    // without pacing, all of February (90,000 events) would wait for January to end
    expect(max).toBeLessThan(PAUSE_AT + DAY_OF_LOOPS + 20_000);
  });

  it('a newest-first journal is held until its end, as runs: its repeats stay 17 bytes an event', async () => {
    const text = loops(30_000).trimEnd().split('\n').reverse().join('\n');
    const { max, t } = await heldAtMost([text]);
    expect(max).toBe(90_000); // all of it, as it must be
    expect(t.incidents[0]!.reclaimAttempts).toBe(30_000);
    expect(t.notes.map((n) => n.kind)).toContain('newest-first');
  });
});

// ---- properties ----

describe('properties', () => {
  /** Overlapping pieces covering all of `n` items: cut points, then each piece widened a little either side. */
  const piecesArb = (n: number) =>
    fc
      .tuple(
        fc.uniqueArray(fc.integer({ min: 1, max: n - 1 }), { maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(n), fc.nat(n)), { minLength: 5, maxLength: 5 }),
        fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
        fc.boolean(),
      )
      .map(([cuts, widen, keys, concatenated]) => {
        const b = [0, ...cuts.sort((x, y) => x - y), n];
        const pieces = b.slice(0, -1).map((s, i) => {
          const [l, r] = widen[i]!;
          return [Math.max(0, s - (l % 40)), Math.min(n, b[i + 1]! + (r % 40))] as const;
        });
        const order = pieces.map((p, i) => ({ p, k: keys[i]! })).sort((x, y) => x.k - y.k);
        return { pieces: order.map((o) => o.p), concatenated };
      });

  /** Is a cut before line k of a short-format journal between two seconds (the stamp is its first three fields)? */
  const betweenSeconds = (lines: readonly string[], k: number) =>
    k === 0 || k === lines.length || lines[k - 1]!.split(' ', 3).join(' ') !== lines[k]!.split(' ', 3).join(' ');

  it('any split of the seed story into overlapping pieces, in any order, concatenated or as files, gives the story of the whole', async () => {
    // a window of the seed journal around its first restart (line 5206)
    const window = SEED.slice(4600, 6400);
    const want = story(await analyze([{ name: 'w.log', text: window.join('\n') }], SEED_OPTS));
    await fc.assert(
      fc.asyncProperty(piecesArb(window.length), async ({ pieces, concatenated }) => {
        // (a concatenation cut inside a second keeps its lines' order within that second, as
        // the next property says: its cuts fall between seconds)
        if (concatenated) for (const [s, e] of pieces) fc.pre(betweenSeconds(window, s) && betweenSeconds(window, e));
        const texts = pieces.map(([s, e]) => window.slice(s, e).join('\n'));
        const inputs = concatenated ? [{ name: 'all.log', text: texts.join('\n') }] : texts.map((text, i) => ({ name: `p${i}.log`, text }));
        expect(story(await analyze(inputs, SEED_OPTS))).toEqual(want);
      }),
      { numRuns: 40 },
    );
  });

  it('any split of a real journal into pieces of any journalctl format, in any order, gives the story of the whole', async () => {
    // Real renderings of one journal (test/fixtures/journalctl/), entry by entry, in the formats
    // that carry a full time and the host (short/short-precise have no year, short-monotonic
    // and cat no wall time). Entry 7 is not text: journalctl prints "[61B blob data]" for it in
    // the text formats and its bytes in json, so it is left out.
    const fmts = {
      'short-iso': 'short-iso/C.UTF-8__UTC.txt',
      'short-iso-precise': 'short-iso-precise/C.UTF-8__Asia-Shanghai.txt',
      // (short-full names the zone by its abbreviation, EDT or CST, which is read in --timezone)
      'short-full': 'short-full/C.UTF-8__UTC.txt',
      'with-unit': 'with-unit/C.UTF-8__UTC.txt',
      'short-unix': 'short-unix/any.txt',
      json: 'json/any.txt',
      'json-seq': 'json-seq/any.txt',
      export: 'export/any.txt',
    };
    const entries: Record<string, string[]> = {};
    for (const [f, path] of Object.entries(fmts)) {
      const text = readFileSync(new URL(path, FIXTURES), 'latin1');
      const items = f === 'export' ? text.split(/\n\n/).filter((r) => r.length > 0) : text.split('\n').filter((l) => l.length > 0);
      expect(items, f).toHaveLength(9);
      entries[f] = items.filter((_, i) => i !== 6);
    }
    const second = entries['short-iso']!.map((l) => l.slice(0, 19));
    const join = (f: string, xs: string[]) => xs.join(f === 'export' ? '\n\n' : '\n') + (f === 'export' ? '\n\n' : '\n');
    const latin1 = (s: string) => Buffer.from(s, 'latin1').toString('utf8');
    const want = story(await one(latin1(join('json', entries['json']!))), true);
    const names = Object.keys(fmts);
    await fc.assert(
      fc.asyncProperty(
        piecesArb(8),
        fc.array(fc.constantFrom(...names), { minLength: 5, maxLength: 5 }),
        async ({ pieces, concatenated }, picks) => {
          // Concatenated pieces cut inside a second: at whole seconds (systemd's lines in the
          // text formats) the order within a second is the lines' order, which the concatenation
          // changed, and a stretch repeated straight after itself within its second, with no step
          // back in time, is what systemd restarting the kubelet twice in a second writes too
          // (research pastes/28, test/timeline-semantics.test.ts). Nothing tells those apart
          // (docs/performance.md), so the cuts of a concatenation fall between seconds here.
          if (concatenated)
            for (const [s, e] of pieces) fc.pre((s === 0 || second[s - 1] !== second[s]) && (e === 8 || second[e - 1] !== second[e]));
          const texts = pieces.map(([s, e], i) => latin1(join(picks[i]!, entries[picks[i]!]!.slice(s, e))));
          const inputs = concatenated ? [{ name: 'all.log', text: texts.join('') }] : texts.map((text, i) => ({ name: `p${i}.log`, text }));
          expect(story(await analyze(inputs), true)).toEqual(want);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("a node whose first lines are systemd's, after another node's lines of a later year, is put in order", async () => {
    // (a case the property above found: one input of worker-3's lines of 2018, then ubuntu-k8s-3's
    // restart at 01:54:09 as journal JSON, then its loop at 01:50:55. The start came before any
    // kubelet line of its node, and was passed on at once by worker-3's time, so the loop after
    // it was too late to be put before it: the restart was lost.)
    const lines = (path: string) =>
      Buffer.from(readFileSync(new URL(path, FIXTURES)))
        .toString('utf8')
        .split('\n')
        .filter((l) => l.length > 0)
        .filter((_, i) => i !== 6);
    const iso = lines('short-iso/C.UTF-8__UTC.txt');
    const seq = lines('json-seq/any.txt');
    const text = [...iso.slice(6, 8), ...seq.slice(3, 8), ...iso.slice(0, 3)].join('\n') + '\n';
    const t = await one(text);
    const inc = t.incidents.find((i) => i.node === 'ubuntu-k8s-3')!;
    expect(inc.restarts.map((r) => r.pid)).toEqual([12844]);
    expect(story(t, true)).toEqual(story(await one([...iso.slice(0, 6), ...iso.slice(6, 8)].join('\n') + '\n'), true));
  });

  it('any stretch of the seed story reversed gives the same timeline, with the note', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: SEED.length - 2000 }), fc.integer({ min: 200, max: 2000 }), async (start, len) => {
        const part = SEED.slice(start, start + len);
        const fwd = await analyze([{ name: 'x.log', text: part.join('\n') }], SEED_OPTS);
        const rev = await analyze([{ name: 'x.log', text: [...part].reverse().join('\n') }], SEED_OPTS);
        expect(story(rev)).toEqual(story(fwd));
        if (fwd.counters.events > 1) expect(rev.notes.map((n) => n.kind)).toContain('newest-first');
      }),
      { numRuns: 30 },
    );
  });
});

describe('the analysis API still streams', () => {
  it('ndjson hears each event once, as it is accepted, duplicates left out', async () => {
    const heard: string[] = [];
    const text = SEED.slice(0, 300).join('\n');
    const t = analyzeText(
      [
        { name: 'a.log', text },
        { name: 'b.log', text },
      ],
      { ...opts(SEED_OPTS), now: NOW, onEvent: (e) => heard.push(e.kind) },
    );
    expect(heard).toHaveLength(t.counters.events);
  });
});
