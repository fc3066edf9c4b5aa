/**
 * `-o ndjson`: one record per line, written as soon as its event is recognised, so
 * `journalctl -fu kubelet | klog-eviction -o ndjson` streams; one `kubelet-start` per start (the
 * report's), incident records (opened, a bounded number of updates, closed as the report closes
 * it); the last line is a `{"kind":"summary"}` record.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../src/analyze/pipeline.js';
import type { KubeletEvent } from '../src/model/events.js';
import { toJsonReport } from '../src/render/json.js';
import { NdjsonStream } from '../src/render/ndjson.js';
import { TimelineBuilder } from '../src/timeline/builder.js';
import { newCounters } from '../src/analyze/analyzer.js';
import { main } from '../src/cli/main.js';
import { opts, read, ROOT, runCli } from './helpers.js';
import { SAMPLE_ARGS, sampleFiles } from '../scripts/sample-args.mjs';

type Rec = Record<string, unknown> & { kind: string };
const parse = (out: string): Rec[] =>
  out
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Rec);
const INCIDENT_KINDS = ['incident-opened', 'incident-updated', 'incident-closed'];

describe('ndjson', () => {
  it('each record has at, node, kind, input and line; the summary comes last', async () => {
    const r = await runCli(['--timezone', 'UTC', '-o', 'ndjson', 'samples/modern-memory-eviction.log']);
    expect(r.code).toBe(0);
    const recs = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const all = recs.slice(0, -1);
    for (const e of all) {
      expect(Object.keys(e)).toEqual(expect.arrayContaining(['at', 'node', 'kind', 'input', 'line']));
      expect(e['kind']).toMatch(/^[a-z]+(-[a-z]+)*$/);
    }
    const json = JSON.parse((await runCli(['--timezone', 'UTC', '-o', 'json', 'samples/modern-memory-eviction.log'])).stdout);
    // every event is written once, but the many signs of one kubelet start are one record
    const raw: KubeletEvent[] = [];
    analyzeText(
      [{ name: 'samples/modern-memory-eviction.log', text: read('samples/modern-memory-eviction.log') }],
      opts({ onEvent: (e) => raw.push(e) }),
    );
    const events = all.filter((e) => !INCIDENT_KINDS.includes(e.kind as string));
    const startSigns = raw.filter((e) => e.kind === 'kubelet-start').length;
    expect(startSigns).toBeGreaterThan(2);
    expect(events.length).toBe(json.summary.events - startSigns + 2);
    expect(events.filter((e) => e.kind === 'kubelet-start')).toHaveLength(2);
    expect(recs.at(-1)).toEqual({ kind: 'summary', ...json.summary });
    expect(events.filter((e) => e['kind'] === 'pod-evicted').map((e) => e['pod'])).toContain('default/memhog-7c9d8b6f5-x2x7l');
  });

  it('streams: an event is written before the input ends', async () => {
    const lines = read('samples/modern-memory-eviction.log').split('\n');
    const child = spawn(process.execPath, ['bin/klog-eviction.js', '-o', 'ndjson', '--timezone', 'UTC'], { cwd: ROOT });
    let out = '';
    const first = new Promise<string>((resolve) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve(out);
      });
    });
    // The reclaim loop of incident 1 (lines 37-41), then hold the pipe open like `journalctl -f`.
    child.stdin.write(`${lines.slice(36, 41).join('\n')}\n`);
    const got = await Promise.race([
      first,
      new Promise<string>((_, rej) => setTimeout(() => rej(new Error('no output while input open')), 10_000)),
    ]);
    expect(child.exitCode).toBeNull();
    expect(JSON.parse(got.split('\n')[0]!)).toMatchObject({ kind: 'reclaim-attempt', resource: 'memory', line: 1, input: '-' });
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(JSON.parse(out.trimEnd().split('\n').at(-1)!)).toMatchObject({ kind: 'summary', incidents: 1 });
  });
});

describe('ndjson: a start waits for its version line', () => {
  const SAMPLE = 'samples/modern-memory-eviction.log';
  const lines = read(SAMPLE).split('\n');
  const version = lines.findIndex((l) => l.includes('kubeletVersion='));
  /**
   * The sample on standard input in two writes, cut after `cut` lines, the input pausing between
   * them (with no cut, in one write); `fd` is what standard input says it is (a file: `< journal.log`).
   */
  async function twoReads(cut: number | undefined, fd?: number): Promise<Array<Record<string, unknown>>> {
    const input = Object.assign(new PassThrough(), fd === undefined ? {} : { fd });
    const out = new PassThrough();
    let stdout = '';
    out.on('data', (c: Buffer) => (stdout += c.toString()));
    const text = lines.join('\n');
    const at = cut === undefined ? text.length : lines.slice(0, cut).join('\n').length + 1;
    input.write(text.slice(0, at));
    const done = main(['-o', 'ndjson', '--timezone', 'UTC'], {
      stdin: input,
      stdout: out,
      stderr: new PassThrough(),
      env: {},
      now: () => Date.UTC(2024, 5, 1),
      localZone: 'UTC',
    });
    await new Promise((r) => setTimeout(r, 100));
    input.end(text.slice(at));
    expect(await done).toBe(0);
    return stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }
  const firstStart = (recs: Array<Record<string, unknown>>) => recs.find((r) => r['kind'] === 'kubelet-start')!;

  it('from a file, a pause between reads changes nothing: the start has the version read after it', async () => {
    expect(version).toBeGreaterThan(2);
    const fd = openSync(`${ROOT}/${SAMPLE}`, 'r');
    try {
      const whole = await twoReads(undefined, fd);
      expect(firstStart(whole)).toMatchObject({ pid: 2716, version: 'v1.29.2' });
      // cut between the start (and its PID) and its version line
      expect(await twoReads(version - 2, fd)).toEqual(whole);
    } finally {
      closeSync(fd);
    }
  });

  it('from a pipe, the start is written when the input pauses, with what had been read', async () => {
    const recs = await twoReads(version - 2);
    expect(firstStart(recs)).toMatchObject({ pid: 2716 });
    expect(firstStart(recs)).not.toHaveProperty('version');
  });
});

const files = sampleFiles((d: string) => readdirSync(`${ROOT}/${d}`)) as string[];

describe('ndjson says what the report says', () => {
  for (const file of files) {
    it(`${file}: one kubelet-start per start, incident records as the report has them`, async () => {
      const args = [...((SAMPLE_ARGS as Record<string, string[]>)[file] ?? []), `samples/${file}`];
      const recs = parse((await runCli([...args, '-o', 'ndjson'])).stdout);
      const report = JSON.parse((await runCli([...args, '-o', 'json'])).stdout) as ReturnType<typeof toJsonReport>;
      const starts = recs.filter((r) => r.kind === 'kubelet-start');
      const want = report.nodes.flatMap((n) =>
        n.kubeletStarts.map((s) => ({
          at: s.at,
          node: n.name,
          kind: 'kubelet-start',
          via: s.via,
          ...(s.pid !== null ? { pid: s.pid } : {}),
          ...(s.version ? { version: s.version } : {}),
          input: s.evidence.input,
          line: s.evidence.line,
        })),
      );
      expect(starts.sort((a, b) => String(a['node']).localeCompare(String(b['node'])) || Number(a['line']) - Number(b['line']))).toEqual(
        want.sort((a, b) => a.node.localeCompare(b.node) || a.line - b.line),
      );
      const opened = recs.filter((r) => r.kind === 'incident-opened').map((r) => r['id']);
      const closed = recs.filter((r) => r.kind === 'incident-closed');
      expect(opened).toEqual(report.incidents.map((i) => i.id));
      expect(closed.map((r) => r['id']).sort()).toEqual(report.incidents.map((i) => i.id).sort());
      for (const inc of report.incidents) {
        const c = closed.find((r) => r['id'] === inc.id)!;
        expect(c).toMatchObject({
          closedBy: inc.closedBy,
          start: inc.start,
          end: inc.end,
          resources: inc.resources,
          conditions: inc.conditions,
        });
        expect(c['counts']).toEqual({
          reclaimAttempts: inc.reclaimAttempts,
          noPodsToEvict: inc.noPodsToEvict,
          evictedPods: inc.evictedPods.length,
          rejections: inc.rejectedPods.reduce((a, r) => a + r.count, 0),
          rejectedPods: inc.rejectedPods.length,
        });
        // bounded: each reason once, threshold changes once per restart, never per loop
        const updates = recs.filter((r) => r.kind === 'incident-updated' && r['id'] === inc.id);
        const reasons = updates.flatMap((u) => u['reasons'] as string[]);
        for (const r of ['first-eviction', 'first-rejection']) expect(reasons.filter((x) => x === r).length).toBeLessThanOrEqual(1);
        expect(reasons.filter((x) => x === 'new-resource').length).toBeLessThanOrEqual(inc.resources.length);
        expect(reasons.filter((x) => x === 'threshold-change').length).toBeLessThanOrEqual(inc.restarts.length + 1);
        // the records of an incident come in order: opened, updates, closed
        const order = recs.filter((r) => r['id'] === inc.id).map((r) => r.kind);
        expect(order[0]).toBe('incident-opened');
        expect(order.at(-1)).toBe('incident-closed');
      }
    });
  }

  it('seed: the threshold change of the restart that ended it is an update, then it closes as threshold-change', async () => {
    const recs = parse(
      (await runCli(['--year', '2017', '--timezone', 'Asia/Shanghai', '-o', 'ndjson', 'samples/seed-ubuntu-k8s-3.log'])).stdout,
    );
    const mine = recs.filter((r) => r['id'] === 'ubuntu-k8s-3#1');
    expect(mine.map((r) => [r.kind, r['reasons']])).toEqual([
      ['incident-opened', undefined],
      ['incident-updated', ['first-rejection']],
      ['incident-updated', ['threshold-change']],
      ['incident-closed', undefined],
    ]);
    expect(mine[2]!['thresholdChanges']).toEqual([
      { signal: 'nodefs.available', from: '10%', to: '5%' },
      { signal: 'memory.available', from: '100Mi', to: null },
      { signal: 'nodefs.inodesFree', from: '5%', to: null },
    ]);
    expect(mine[3]).toMatchObject({ closedBy: 'threshold-change', counts: { noPodsToEvict: 3935, rejections: 2118 } });
    expect(recs.filter((r) => r.kind === 'kubelet-start').map((r) => [r['pid'], r['version'], r['line']])).toEqual([
      [12844, 'v1.7.5', 5206],
      [7394, 'v1.7.5', 14366],
    ]);
  });
});

describe('NdjsonStream over any sequence of events (fast-check)', () => {
  const MIN = 60_000;
  const src = (line: number) => ({ input: '-', line });
  type Step = { node: string; dt: number; what: string; pid: number };
  const stepArb = fc.record({
    node: fc.constantFrom('a', 'b', 'c'),
    dt: fc.oneof(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 4 * MIN, max: 12 * MIN })),
    what: fc.constantFrom('systemd', 'pid', 'version', 'reclaim', 'loop', 'evict', 'reject', 'clear', 'thresholds', 'other'),
    pid: fc.integer({ min: 100, max: 104 }),
  });
  const event = (s: Step, at: number, line: number, k: number): KubeletEvent => {
    const b = { at, node: s.node, src: src(line) };
    switch (s.what) {
      case 'systemd':
        return { ...b, kind: 'kubelet-start', via: 'systemd' };
      case 'pid':
        return { ...b, kind: 'kubelet-start', via: 'pid-change', pid: s.pid };
      case 'version':
        return { ...b, kind: 'kubelet-start', via: 'startup-line', pid: s.pid, version: 'v1.29.2' };
      case 'reclaim':
        return { ...b, kind: 'reclaim-attempt', resource: k % 2 ? 'nodefs' : 'imagefs' };
      case 'loop':
        return { ...b, kind: 'no-pods-to-evict' } as KubeletEvent;
      case 'evict':
        return { ...b, kind: 'pod-evicted', pod: `ns/p-${k}` };
      case 'reject':
        return { ...b, kind: 'admission-rejected', pod: `ns/r-${k % 3}`, conditions: ['DiskPressure'] };
      case 'clear':
        return { ...b, kind: 'node-pressure-cleared', condition: 'DiskPressure', event: 'NodeHasNoDiskPressure' };
      case 'thresholds':
        return { ...b, kind: 'thresholds-stated', source: 'node-config', hard: [{ signal: 'nodefs.available', value: `${5 + (k % 3)}%` }] };
      default:
        return { ...b, kind: 'kube-event', object: 'x', objectKind: 'Pod', type: 'Normal', reason: 'Pulled', message: 'm' };
    }
  };

  /** Steps of node a, PID 100, at ms from 2024-01-01, through the builder and the stream side by side. */
  const runCase = (steps: Array<[number, Step['what']]>) => {
    const t0 = Date.UTC(2024, 0, 1);
    const stream = new NdjsonStream(5 * MIN);
    const builder = new TimelineBuilder({ gapMs: 5 * MIN });
    const out: Array<Record<string, unknown>> = [];
    steps.forEach(([dt, what], k) => {
      const e = event({ node: 'a', dt: 0, what, pid: 100 }, t0 + dt, k + 1, k);
      builder.add(e);
      out.push(...(stream.add(e) as unknown as Array<Record<string, unknown>>));
    });
    const t = builder.finish({ counters: newCounters(), unrecognized: [], skipped: [], yearInferred: false, lastSeen: new Map() });
    out.push(...(stream.finish(t) as unknown as Array<Record<string, unknown>>));
    return { out, t };
  };

  it('an incident that named no resource is closed by a threshold change only when the change answers to its conditions, as the report says', () => {
    // (a case the property below found: an eviction alone opens an incident with no resource and
    // no condition; thresholds stated again at its end answer to none of them, so it closed
    // quiet in the report, and ndjson, which took any change when no resource was named, said
    // threshold-change)
    const steps: Array<[number, Step['what']]> = [
      [0, 'thresholds'],
      [4 * MIN, 'evict'],
      [4 * MIN, 'thresholds'],
      [9 * MIN + 1, 'reject'],
    ];
    const { out, t } = runCase(steps);
    const closed = out.filter((r) => r['kind'] === 'incident-closed').map((r) => [r['id'], r['closedBy']]);
    expect(closed).toEqual(t.incidents.map((i) => [i.id, i.closedBy]));
    expect(t.incidents[0]!.closedBy).toBe('quiet');
  });

  it('a second statement of the same start replaces its set: the change is the one in force when the incident ends', () => {
    // (a case the property below found: thresholds, a restart, the new start's set, a rejection,
    // then the same start states another set; the report compares the start's last set with the
    // one before, dated by it, so the change came at the incident's end and closed it; ndjson had
    // compared only the first set of the start, dated before the incident began, and said quiet)
    const steps: Array<[number, Step['what']]> = [
      [0, 'thresholds'],
      [240000, 'systemd'],
      [240000, 'thresholds'],
      [240001, 'reject'],
      [240001, 'thresholds'],
      [540002, 'evict'],
    ];
    const { out, t } = runCase(steps);
    const closed = out.filter((r) => r['kind'] === 'incident-closed').map((r) => [r['id'], r['closedBy']]);
    expect(closed).toEqual(t.incidents.map((i) => [i.id, i.closedBy]));
    expect(t.incidents[0]!.closedBy).toBe('threshold-change');
    const updates = out.filter((r) => r['kind'] === 'incident-updated' && (r['reasons'] as string[]).includes('threshold-change'));
    expect(updates.map((r) => r['thresholdChanges'])).toEqual([[{ signal: 'nodefs.available', from: '5%', to: '6%' }]]);
  });

  it("starts are the timeline's starts, every incident is opened once and closed as the timeline closes it", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 80 }), (steps) => {
        const gapMs = 5 * MIN;
        const stream = new NdjsonStream(gapMs);
        const builder = new TimelineBuilder({ gapMs });
        const out: Array<Record<string, unknown>> = [];
        let at = Date.UTC(2024, 0, 1);
        steps.forEach((s, k) => {
          at += s.dt;
          const e = event(s, at, k + 1, k);
          builder.add(e);
          out.push(...(stream.add(e) as unknown as Array<Record<string, unknown>>));
        });
        const t = builder.finish({ counters: newCounters(), unrecognized: [], skipped: [], yearInferred: false, lastSeen: new Map() });
        out.push(...(stream.finish(t) as unknown as Array<Record<string, unknown>>));
        // one record per start; its PID the timeline's, unless pressure came before the PID did
        const starts = out.filter((r) => r['kind'] === 'kubelet-start');
        const want = t.nodes.flatMap((n) => n.kubeletStarts.map((s) => ({ key: `${n.name}@${s.evidence.line}`, pid: s.pid })));
        expect(starts.map((r) => `${r['node']}@${r['line']}`).sort()).toEqual(want.map((w) => w.key).sort());
        for (const r of starts)
          if (r['pid'] !== undefined) expect(r['pid']).toBe(want.find((w) => w.key === `${r['node']}@${r['line']}`)!.pid);
        // (in order per node; a node's records wait while its start waits for its PID)
        expect(out.filter((r) => r['kind'] === 'incident-opened').map((r) => r['id'])).toEqual(
          expect.arrayContaining(t.incidents.map((i) => i.id)),
        );
        expect(out.filter((r) => r['kind'] === 'incident-opened')).toHaveLength(t.incidents.length);
        for (const node of ['a', 'b', 'c']) {
          const lines = out.filter((r) => r['node'] === node && !String(r['kind']).startsWith('incident-')).map((r) => Number(r['line']));
          expect(lines).toEqual([...lines].sort((x, y) => x - y));
        }
        const closed = new Map(out.filter((r) => r['kind'] === 'incident-closed').map((r) => [r['id'], r['closedBy']]));
        expect(closed.size).toBe(t.incidents.length);
        for (const i of t.incidents) expect(closed.get(i.id)).toBe(i.closedBy);
        // every event but the signs of a start is written, once
        const written = out.filter((r) => !String(r['kind']).startsWith('incident-') && r['kind'] !== 'kubelet-start').length;
        expect(written).toBe(steps.filter((s) => !['systemd', 'pid', 'version'].includes(s.what)).length);
      }),
      { numRuns: 300 },
    );
  });
});
