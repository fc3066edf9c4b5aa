/**
 * `--since`, `--until`, `--node`, `--fail-on`: the time forms journalctl takes,
 * the pure timeline filter, and the exit codes.
 */
import { describe, expect, it } from 'vitest';
import { filterTimeline } from '../src/timeline/filter.js';
import { parseWhen, spanMs } from '../src/time/when.js';
import { zone } from '../src/time/zone.js';
import { analyzeString, NOW, read, runCli } from './helpers.js';

const SH = zone('Asia/Shanghai');
const ctx = { now: NOW, zone: SH }; // NOW = 2026-11-26T12:00:00Z = 20:00 in Shanghai

describe('parseWhen', () => {
  const cases: Array<[string, string]> = [
    ['now', '2026-11-26T12:00:00.000Z'],
    ['today', '2026-11-25T16:00:00.000Z'],
    ['yesterday', '2026-11-24T16:00:00.000Z'],
    ['tomorrow', '2026-11-26T16:00:00.000Z'],
    ['2h ago', '2026-11-26T10:00:00.000Z'],
    ['30 min ago', '2026-11-26T11:30:00.000Z'],
    ['1h 30min ago', '2026-11-26T10:30:00.000Z'],
    ['1d ago', '2026-11-25T12:00:00.000Z'],
    ['-90min', '2026-11-26T10:30:00.000Z'],
    ['+15m', '2026-11-26T12:15:00.000Z'],
    ['2017-10-16 09:50:55', '2017-10-16T01:50:55.000Z'],
    ['2017-10-16 09:50', '2017-10-16T01:50:00.000Z'],
    ['2017-10-16', '2017-10-15T16:00:00.000Z'],
    ['2017-10-16T09:50:55', '2017-10-16T01:50:55.000Z'],
    ['2017-10-16T01:50:55Z', '2017-10-16T01:50:55.000Z'],
    ['2017-10-16T09:50:55.5+08:00', '2017-10-16T01:50:55.500Z'],
    ['2017-10-16 09:50:55 UTC', '2017-10-16T09:50:55.000Z'],
    ['09:50', '2026-11-26T01:50:00.000Z'],
  ];
  for (const [input, want] of cases) {
    it(`${input} (Asia/Shanghai) → ${want}`, () => expect(new Date(parseWhen(input, ctx)).toISOString()).toBe(want));
  }
  for (const bad of ['', 'soon', '2h', 'ago', '2017-13-01', '2017-10-16 25:00', '5 parsecs ago']) {
    it(`rejects ${JSON.stringify(bad)}`, () => expect(() => parseWhen(bad, ctx)).toThrow(RangeError));
  }
  it('spanMs reads systemd spans', () => {
    expect(spanMs('1h30m')).toBe(5_400_000);
    expect(spanMs('90')).toBe(90_000);
    expect(spanMs('2 weeks')).toBe(14 * 86_400_000);
    expect(spanMs('3 fortnights')).toBeNaN();
  });
});

describe('filterTimeline', () => {
  const t = analyzeString(read('samples/modern-memory-eviction.log'));
  const at = (s: string) => Date.parse(s);
  it('keeps incidents overlapping the window, whole', () => {
    const f = filterTimeline(t, { since: at('2024-03-14T09:25:00Z'), until: at('2024-03-14T09:35:00Z') });
    expect(f.incidents.map((i) => i.id)).toEqual(['worker-3#1']);
    expect(f.incidents[0]!.start).toBe(t.incidents[0]!.start);
    expect(f.nodes[0]!.kubeletStarts.map((s) => s.pid)).toEqual([3120]);
    // the statement in force at --since (09:15) is kept, with the 09:30 ones
    expect(f.nodes[0]!.thresholds.length).toBe(3);
    expect(f.nodes[0]!.firstSeen).toBe(at('2024-03-14T09:25:00Z'));
  });
  it('since only / until only', () => {
    expect(filterTimeline(t, { since: at('2024-03-14T09:30:00Z') }).incidents.map((i) => i.id)).toEqual(['worker-3#2']);
    expect(filterTimeline(t, { until: at('2024-03-14T09:21:06Z') }).incidents).toEqual([]);
    expect(filterTimeline(t, { until: at('2024-03-14T09:21:08Z') }).incidents.length).toBe(1);
  });
  it('nodes', () => {
    expect(filterTimeline(t, { nodes: ['worker-3'] }).incidents.length).toBe(2);
    const none = filterTimeline(t, { nodes: ['worker-9'] });
    expect(none.nodes).toEqual([]);
    expect(none.incidents).toEqual([]);
  });
  it('an empty filter returns the timeline itself', () => expect(filterTimeline(t, {})).toBe(t));
});

describe('CLI filters and exit codes', () => {
  const modern = ['--timezone', 'UTC', 'samples/modern-memory-eviction.log'];
  const cases: Array<[string, string[], number]> = [
    ['no --fail-on', [], 0],
    ['--fail-on pressure', ['--fail-on', 'pressure'], 1],
    ['--fail-on eviction', ['--fail-on', 'eviction'], 1],
    ['--fail-on rejection', ['--fail-on', 'rejection'], 1],
    ['--fail-on rejection, window after the rejections', ['--fail-on', 'rejection', '--since', '2024-03-14 09:30'], 0],
    ['--fail-on eviction, window after the rejections', ['--fail-on', 'eviction', '--since', '2024-03-14 09:30'], 1],
    ['--fail-on pressure, another node', ['--fail-on', 'pressure', '--node', 'worker-9'], 0],
    ['--fail-on pressure,eviction list', ['--fail-on', 'pressure,eviction', '--node', 'worker-3'], 1],
    ['bad --fail-on', ['--fail-on', 'panic'], 2],
    ['bad --since', ['--since', 'last tuesday'], 2],
    ['--since after --until', ['--since', '2024-03-14 10:00', '--until', '2024-03-14 09:00'], 2],
  ];
  for (const [name, args, code] of cases) {
    it(`${name} → exit ${code}`, async () => {
      const r = await runCli([...args, '-o', 'json', ...modern]);
      expect(r.code).toBe(code);
      if (code === 2) expect(r.stderr).toMatch(/^(klog-eviction: |error: )/);
      if (code === 1) expect(r.stderr).toMatch(/--fail-on: the input shows/);
    });
  }
  it('the window applies to every format', async () => {
    const args = ['--since', '2024-03-14 09:30', ...modern];
    for (const o of ['json', 'text', 'markdown', 'html']) {
      const r = await runCli(['-o', o, ...args]);
      expect(r.stdout).toContain('worker-3#2');
      expect(r.stdout).not.toContain('worker-3#1');
    }
    const nd = await runCli(['-o', 'ndjson', ...args]);
    const recs = nd.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { at?: string; kind: string });
    expect(recs.slice(0, -1).every((x) => x.at! >= '2024-03-14T09:30:00.000Z')).toBe(true);
    expect(recs.at(-1)).toMatchObject({ kind: 'summary', incidents: 1 });
  });
  it('relative times use the injected clock', async () => {
    // NOW is 2026: "2h ago" excludes a 2024 journal entirely.
    const r = await runCli(['-o', 'json', '--since', '2h ago', ...modern]);
    expect(JSON.parse(r.stdout).summary.incidents).toBe(0);
  });
  it('--help documents the flags with examples', async () => {
    const r = await runCli(['--help']);
    for (const s of [
      '--since',
      '--until',
      '--node',
      '--fail-on',
      '2h ago',
      'yesterday',
      '-o markdown',
      '-o html',
      '-o ndjson',
      'Exit codes: 0',
    ]) {
      expect(r.stdout).toContain(s);
    }
  });
});
