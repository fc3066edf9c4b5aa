/**
 * The benchmark's instruments (scripts/bench/): the synthetic journal must be deterministic
 * and realistic enough to exercise the whole pipeline, and the runner's arithmetic must be
 * right. No timing is asserted anywhere: `npm run bench` reports numbers, tests never judge them.
 */
import { describe, expect, it } from 'vitest';
import { journalChunks, journalName, GENERATOR_VERSION, type GeneratorStats } from '../scripts/bench/generate.mjs';
import { median, selfTimes, table, type CpuProfile } from '../scripts/bench/lib.mjs';
import { analyzeString } from './helpers.js';

const KiB = 1024;
const gen = (seed: number, bytes: number, stats: GeneratorStats = {}) => [...journalChunks({ seed, bytes, stats })].join('');

describe('synthetic journal', () => {
  it('is the same bytes for the same seed and size, different for another seed', () => {
    const a = gen(7, 1536 * KiB);
    expect(gen(7, 1536 * KiB)).toBe(a);
    expect(gen(8, 1536 * KiB)).not.toBe(a);
  });

  it.each([100 * KiB, 1024 * KiB, 2500 * KiB])('fills %i bytes with whole lines, to within one line', (bytes) => {
    const text = gen(1, bytes);
    expect(text.length).toBeLessThanOrEqual(bytes);
    expect(text.length).toBeGreaterThan(bytes - 2 * KiB);
    expect(text.endsWith('\n')).toBe(true);
    expect(/^[\x20-\x7e\n]*$/.test(text)).toBe(true); // ASCII, so characters are bytes
  });

  it('names its cache file after everything that changes its bytes', () => {
    expect(journalName(3, 64)).toBe(`journal-s3-64MiB-g${GENERATOR_VERSION}.log`);
  });

  it('is journalctl short output from three hosts, mostly chatter, with incidents the analyzer finds', () => {
    const stats: GeneratorStats = {};
    const text = gen(1, 8 * 1024 * KiB, stats);
    const lines = text.split('\n').filter(Boolean);
    expect(stats.lines).toBe(lines.length);
    const share = stats.evictionLines! / stats.lines!;
    expect(share).toBeGreaterThan(0.005);
    expect(share).toBeLessThan(0.06);
    // `Mar 02 00:00:00 worker-1 kubelet[2716]: I0302 00:00:00.000112    2716 flags.go:64] ...`
    const short =
      /^[A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d worker-[123] (?:kubelet\[\d+\]: [IWE]\d{4} \d\d:\d\d:\d\d\.\d{6} [ \d]{7} [\w.]+:\d+\] |systemd\[1\]: )/;
    expect(lines.filter((l) => !short.test(l))).toEqual([]);
    expect(lines.some((l) => /\] "SyncLoop UPDATE" source="api" pods=\["/.test(l))).toBe(true); // S28 JSON values
    expect(lines.some((l) => /\] "SyncLoop UPDATE" source="api" pods=\[[a-z]/.test(l))).toBe(true); // S21 %+v values
    expect(lines.some((l) => /\] SyncLoop \(PLEG\): "/.test(l))).toBe(true); // printf

    const t = analyzeString(text, { year: 2025 });
    expect(t.nodes.map((n) => n.name).sort()).toEqual(['worker-1', 'worker-2', 'worker-3']);
    expect(t.counters.lines).toBe(lines.length);
    expect(t.incidents.length).toBeGreaterThan(0);
    expect(t.incidents.some((i) => i.evictedPods.length > 0)).toBe(true);
    // a restart with a new PID after the first start, and thresholds in %+v and JSON forms
    expect(t.nodes.some((n) => n.kubeletStarts.length > 1)).toBe(true);
    expect(t.nodes.every((n) => n.thresholds.some((s) => s.source === 'node-config'))).toBe(true);
  });
});

describe('runner arithmetic', () => {
  it.each([
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
    [[], NaN],
  ])('median(%j) = %d', (xs, want) => {
    expect(median(xs)).toBe(want);
  });

  it('charges each sample time to its function, merging call paths and keeping lines apart', () => {
    const cf = (functionName: string, lineNumber: number) => ({ functionName, url: 'file:///x/dist/a.js', lineNumber });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: cf('(root)', -1) },
        { id: 2, callFrame: cf('decode', 9) },
        { id: 3, callFrame: cf('classify', 19) },
        { id: 4, callFrame: cf('decode', 9) }, // the same function reached by another path
        { id: 5, callFrame: cf('', 29) },
      ],
      samples: [2, 3, 4, 3, 5, 1],
      timeDeltas: [1000, 2000, 3000, 4000, 500, 1500],
    };
    const got = selfTimes(profile);
    expect(got.map((g) => [g.name, g.line, g.selfMs])).toEqual([
      ['classify', 20, 6],
      ['decode', 10, 4],
      ['(root)', 0, 1.5],
      ['(anonymous)', 30, 0.5],
    ]);
    expect(got.reduce((s, g) => s + g.percent, 0)).toBeCloseTo(100);
  });

  it('aligns numbers right and words left', () => {
    expect(
      table([
        ['tool', 's'],
        ['grep', '0.25'],
        ['klog-eviction', 12],
      ]),
    ).toBe('tool              s\ngrep           0.25\nklog-eviction    12');
  });
});
