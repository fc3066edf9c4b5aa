/**
 * How much of real kubelet chatter the byte path clears without decoding it. The lines of the
 * real excerpts in samples/real/ that carry a klog header and that no rule recognises and no
 * watch flags are the chatter; `clearedLines` (the byte prefilter, src/classify/bytescan.ts)
 * says which lines the byte path need not decode. Nothing is timed. The first part does not
 * depend on where the analyzer's locator takes lines: a prefilter that lets chatter through (a
 * window hit taken for a match, a needle as common as `pod`) fails there. The second renders the
 * same chatter in each shape and asks the analyzer itself: a shape sent down the full path fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classify, isInert, isWatched, PREFILTER_KEYS, PREFILTER_NEEDLES, WATCHED_FILE_NAMES } from '../src/classify/classify.js';
import { clearedLines } from '../src/classify/bytescan.js';
import { decodeKlog } from '../src/klog/decode.js';
import { LineAnalyzer } from '../src/analyze/analyzer.js';
import { opts } from './helpers.js';

const DIR = new URL('../samples/real/', import.meta.url);
const HEADER = /[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ ([^\s:\]]+):\d+\] /;
const NEEDLES = [...PREFILTER_NEEDLES, ...PREFILTER_KEYS].map((n) => n.toLowerCase());
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

interface Line {
  file: string;
  text: string;
  cleared: boolean;
  /** a rule recognises it or a watch flags it (the full path's own verdict) */
  wanted: boolean;
  /** the payload holds a needle or a key, the file is watched, or the message has an escape: the prefilter must keep it */
  needle: boolean;
}

function lines(): Line[] {
  const out: Line[] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.log'))) {
    const b = readFileSync(new URL(file, DIR));
    const cleared = clearedLines(b, 0, b.length);
    const texts = b.toString('utf8').replace(/\n$/, '').split('\n');
    expect(cleared.length).toBe(texts.length);
    texts.forEach((raw, i) => {
      const text = raw.replace(/\r$/, '');
      const m = HEADER.exec(text);
      if (!m) return;
      const rec = decodeKlog(text.slice(m.index));
      const c = classify(rec);
      const payload = text.slice(m.index + m[0].length);
      out.push({
        file,
        text,
        cleared: cleared[i] === 1,
        wanted: (c !== undefined && !isInert(c.rule)) || isWatched(rec),
        needle:
          NEEDLES.some((n) => asciiLower(payload).includes(n)) ||
          WATCHED_FILE_NAMES.includes(m[1]!) ||
          /^"[^"]*\\/.test(payload) ||
          /[^\x00-\x7f]/.test(payload),
      });
    });
  }
  return out;
}

describe('the fast-path share of real chatter (samples/real)', () => {
  const all = lines();
  const chatter = all.filter((l) => !l.wanted);

  it('clears no line a rule or a watch wants', () => {
    expect(all.filter((l) => l.wanted).length).toBeGreaterThan(50);
    expect(all.filter((l) => l.wanted && l.cleared).map((l) => l.text)).toEqual([]);
  });

  it('clears every chatter line that holds no needle: a window hit alone passes nothing', () => {
    expect(chatter.filter((l) => !l.needle && !l.cleared).map((l) => l.text)).toEqual([]);
  });

  it('clears at least 95% of the chatter', () => {
    // 47 chatter lines today, all cleared. 95% leaves room for two lines of a new excerpt that
    // hold a needle no rule then reads (`Unable to register node`), while a needle as common
    // in chatter as `pod` or `container` would take most of them.
    expect(chatter.length).toBeGreaterThan(40);
    const kept = chatter.filter((l) => !l.cleared);
    expect({ share: 1 - kept.length / chatter.length, kept: kept.map((l) => l.text) }).toEqual({
      share: expect.toSatisfy((s: number) => s >= 0.95),
      kept: expect.any(Array),
    });
  });
});

/**
 * The same chatter as each shape carries it (the envelopes of test/fixtures/journalctl, a real
 * journalctl's renderings): the share of its lines the analyzer takes on its fast path, with
 * every decision of the analyzer's own (locating, the prefilter, the identifier, the record
 * read in place). A shape that falls back to the full path fails here, without timing anything.
 */
describe('the fast-path share of real chatter in every shape the analyzer reads', () => {
  const chatter = lines().filter((l) => !l.wanted && l.cleared);
  const klog = chatter.map((l) => l.text.slice(HEADER.exec(l.text)!.index));
  const template = JSON.parse(readFileSync(new URL('fixtures/journalctl/json/any.txt', import.meta.url), 'utf8').split('\n')[0]!) as Record<
    string,
    string
  >;
  const t0 = Date.UTC(2017, 9, 16, 9, 50, 55);
  const iso = (i: number) => new Date(t0 + i * 1000).toISOString().replace('Z', '000+0000');
  const full = (i: number) => {
    const d = new Date(t0 + i * 1000);
    return `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]} ${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)} UTC`;
  };
  const SHAPES: Record<string, (k: string, i: number) => string> = {
    short: (k, i) =>
      `Oct 16 09:${String(50 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} ubuntu-k8s-3 kubelet[17144]: ${k}`,
    'short-iso-precise': (k, i) => `${iso(i)} ubuntu-k8s-3 kubelet[17144]: ${k}`,
    'short-unix': (k, i) => `${(t0 / 1000 + i).toFixed(0)}.056703 ubuntu-k8s-3 kubelet[17144]: ${k}`,
    'short-monotonic': (k, i) => `[${String(4711 + i).padStart(6)}.056703] ubuntu-k8s-3 kubelet[17144]: ${k}`,
    // `-o short-full` and `-o with-unit` (the program named by its unit), in UTC
    'short-full': (k, i) => `${full(i)} ubuntu-k8s-3 kubelet[17144]: ${k}`,
    'with-unit': (k, i) => `${full(i)} ubuntu-k8s-3 kubelet.service[17144]: ${k}`,
    bare: (k) => k,
    json: (k, i) => JSON.stringify({ ...template, __REALTIME_TIMESTAMP: String((t0 + i * 1000) * 1000 + 56703), MESSAGE: k }),
    // (`-o json-seq`: RFC 7464's record separator before each record)
    'json-seq': (k, i) =>
      '\x1e' + JSON.stringify({ ...template, __REALTIME_TIMESTAMP: String((t0 + i * 1000) * 1000 + 56703), MESSAGE: k }),
    // (the same fields, as `-o export` prints them: a line each, a blank line after the record)
    export: (k, i) =>
      Object.entries({ ...template, __REALTIME_TIMESTAMP: String((t0 + i * 1000) * 1000 + 56703), MESSAGE: k })
        .map(([f, v]) => `${f}=${v}`)
        .join('\n') + '\n',
    // log stores' line-per-record exports of the same entries (docs/log-stores.md): Loki's
    // logcli (Go's JSON: `<` as \u003c), an elasticdump of Filebeat's ECS hits, Fluentd's out_file
    logcli: (k, i) =>
      JSON.stringify({
        labels: { host: 'ubuntu-k8s-3', job: 'systemd-journal', unit: 'kubelet.service' },
        line: k,
        timestamp: new Date(t0 + i * 1000).toISOString().replace('Z', '056703Z'),
      }).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`),
    elasticdump: (k, i) =>
      JSON.stringify({
        _index: 'filebeat-8.15.0',
        _id: `eb${i}`,
        _source: {
          '@timestamp': new Date(t0 + i * 1000 + 56).toISOString(),
          message: k,
          host: { hostname: 'ubuntu-k8s-3' },
          systemd: { unit: 'kubelet.service' },
        },
      }),
    fluentd: (k, i) =>
      `${new Date(t0 + i * 1000).toISOString().replace('.000Z', '+00:00')}\tkubelet\t${JSON.stringify({ ...template, MESSAGE: k })}`,
  };

  const RUN_SHAPES = new Set(['short', 'short-iso-precise', 'short-unix', 'short-full', 'with-unit', 'bare']);
  it.each(Object.keys(SHAPES))('%s', (shape) => {
    expect(klog.length).toBeGreaterThan(40);
    const text = klog.map((k, i) => SHAPES[shape]!(k, i)).join('\n') + '\n';
    const a = new LineAnalyzer('-', opts(shape === 'bare' ? { defaultNode: 'ubuntu-k8s-3' } : {}));
    const b = Buffer.from(text);
    a.pushBytes(b, 0, b.length, 1, []);
    a.end();
    expect(a.counters.lines).toBe(text.split('\n').length - 1);
    // (the widest line so far waits a line in case a terminal wrapped it: it may go the full path)
    expect({ shape, share: a.fastLines / a.counters.lines }).toEqual({ shape, share: expect.toSatisfy((s: number) => s >= 0.95) });
    // the lines of one envelope are located as its run's (locateInRun), not scanned line by line (but
    // the first, the widest so far, which wait in case a terminal wrapped them, and those the prefilter keeps)
    if (RUN_SHAPES.has(shape))
      expect({ shape, run: a.runLines / a.counters.lines }).toEqual({ shape, run: expect.toSatisfy((s: number) => s >= 0.85) });
  });

  // The seed's control loop (a turn a second here): its widest line waits at every turn in case a
  // terminal wrapped it, and it and the lines after it are still the run's.
  it.each(['short', 'short-iso-precise', 'short-full'])('%s: a loop whose widest line comes again at every turn', (shape) => {
    const loop = [
      'W1016 09:50:55.056703   17144 eviction_manager.go:331] eviction manager: attempting to reclaim nodefs',
      'I1016 09:50:55.057322   17144 eviction_manager.go:345] eviction manager: must evict pod(s) to reclaim nodefs',
      'E1016 09:50:55.058307   17144 eviction_manager.go:356] eviction manager: eviction thresholds have been met, but no pods are active to evict',
    ];
    const text = Array.from({ length: 900 }, (_, i) => SHAPES[shape]!(loop[i % 3]!, Math.floor(i / 3))).join('\n') + '\n';
    const a = new LineAnalyzer('-', opts());
    const b = Buffer.from(text);
    a.pushBytes(b, 0, b.length, 1, []);
    a.end();
    // (what the full path makes of it: test/catalog.test.ts asks the same of any order of such lines)
    const full = new LineAnalyzer('-', opts({ fastPath: false }));
    text
      .trimEnd()
      .split('\n')
      .forEach((l, i) => full.push(l, i + 1));
    full.end();
    expect(a.counters.events).toBe(full.counters.events);
    expect(a.counters.events).toBeGreaterThan(600);
    // (every line but the first as the run's: the widest, a third, waits located as the run's and
    // is read as the run's when the next line does not go on it; the line after it is located once)
    expect({ shape, run: a.runLines / a.counters.lines }).toEqual({ shape, run: expect.toSatisfy((s: number) => s >= 0.99) });
  });

  // The real lines that make an event (not an observation: its first sets the node's clock), each
  // four times more, as a control loop repeats them: the repeats are the fast path's
  // (`classifiedBefore`), with the same events as the full path makes (test/catalog.test.ts).
  const events = [
    ...new Set(
      lines()
        .filter((l) => l.wanted && /^[\x20-\x7e]*$/.test(l.text))
        .map((l) => l.text.slice(HEADER.exec(l.text)!.index)),
    ),
  ].filter((k) => {
    const c = classify(decodeKlog(k));
    return c !== undefined && c.rule.kind !== 'known' && c.rule.kind !== 'observation' && k.length < 1000;
  });
  const COPIES = 5;
  it.each(['short', 'short-iso-precise', 'bare', 'json', 'export'])('%s: repeats of real event lines', (shape) => {
    expect(events.length).toBeGreaterThan(40);
    // (the shapes' stamps count seconds from 09:50: the copies of a hundred lines, then again)
    const text =
      events.flatMap((k, t) => Array.from({ length: COPIES }, (_, c) => SHAPES[shape]!(k, (t % 100) * COPIES + c))).join('\n') + '\n';
    const a = new LineAnalyzer('-', opts(shape === 'bare' ? { defaultNode: 'ubuntu-k8s-3' } : {}));
    const b = Buffer.from(text);
    a.pushBytes(b, 0, b.length, 1, []);
    a.end();
    const records = events.length * COPIES;
    const repeats = events.length * (COPIES - 1);
    expect({ shape, taken: a.fastLines / repeats }).toEqual({ shape, taken: expect.toSatisfy((s: number) => s >= 0.9) });
    expect(a.counters.events).toBeGreaterThanOrEqual(records);
  });
});
