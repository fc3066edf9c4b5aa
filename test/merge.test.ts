/**
 * `klog-eviction merge`: JSON reports of disjoint node sets → one report. It
 * must equal analysing all the journals together, and not depend on grouping.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderJson } from '../src/render/json.js';
import parser from 'stream-json/parser.js';
import { ReportAssembler, ReportReader, timelineFromJson, type JsonToken } from '../src/timeline/from-json.js';
import { mergeTimelines } from '../src/timeline/merge.js';
import { SAMPLE_ARGS } from '../scripts/sample-args.mjs';
import { read, runCli } from './helpers.js';

const ARGS = ['--year', '2017', '--timezone', 'Asia/Shanghai'];
const dir = mkdtempSync(join(tmpdir(), 'klog-merge-'));
// A third node: the modern sample's journal as if from worker-7, an hour later.
const worker7 = join(dir, 'worker-7.log');
writeFileSync(
  worker7,
  read('samples/modern-memory-eviction.log').replaceAll(' worker-3 ', ' worker-7 ').replaceAll('2024-03-14T09:', '2024-03-14T10:'),
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SEED = 'samples/seed-ubuntu-k8s-3.log';
const MODERN = 'samples/modern-memory-eviction.log';

async function report(files: string[], format = 'json'): Promise<string> {
  const r = await runCli([...ARGS, '-o', format, ...files]);
  expect(r.stderr).toBe('');
  return r.stdout;
}
async function save(name: string, text: string): Promise<string> {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
async function merge(files: string[], format = 'json'): Promise<string> {
  const r = await runCli(['merge', '-o', format, ...(format === 'text' ? ['--timezone', 'Asia/Shanghai'] : []), ...files]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

describe('from-json: a report read back renders to itself', () => {
  for (const file of Object.keys(SAMPLE_ARGS)) {
    it(file, async () => {
      const json = (await runCli([...SAMPLE_ARGS[file]!, '-o', 'json', `samples/${file}`])).stdout;
      const { timeline, timezone } = timelineFromJson(JSON.parse(json));
      const gen = JSON.parse(json) as { generator: { version?: string } };
      expect(renderJson(timeline, { timezone, ...(gen.generator.version ? { version: gen.generator.version } : {}) })).toBe(json);
    });
  }
});

describe('merge equals analysing together', () => {
  it('seed node + worker-3: json and text', async () => {
    const a = await save('a.json', await report([SEED]));
    const b = await save('b.json', await report([MODERN]));
    const together = await report([SEED, MODERN]);
    expect(JSON.parse(together).summary.nodes).toBe(2);
    expect(await merge([a, b])).toBe(together);
    expect(await merge([a, b], 'text')).toBe(await report([SEED, MODERN], 'text'));
  });
  it('is associative: merge(merge(a,b),c) = merge(a,merge(b,c)) = all three together', async () => {
    const [a, b, c] = await Promise.all([report([SEED]), report([MODERN]), report([worker7])]);
    const pa = await save('pa.json', a);
    const pb = await save('pb.json', b);
    const pc = await save('pc.json', c);
    const left = await merge([await save('ab.json', await merge([pa, pb])), pc]);
    const right = await merge([pa, await save('bc.json', await merge([pb, pc]))]);
    expect(left).toBe(right);
    expect(left).toBe(await report([SEED, MODERN, worker7]));
    // and as pure functions on timelines
    const t = (s: string) => timelineFromJson(JSON.parse(s)).timeline;
    const j = (x: ReturnType<typeof t>) => renderJson(x, { timezone: 'Asia/Shanghai' });
    expect(j(mergeTimelines([mergeTimelines([t(a), t(b)]), t(c)]))).toBe(j(mergeTimelines([t(a), mergeTimelines([t(b), t(c)])])));
  });
});

describe('merge refuses what it cannot merge (one line, exit 2)', () => {
  it.each([
    [
      'the same node twice',
      async () => [await save('s1.json', await report([SEED])), await save('s2.json', await report([SEED]))],
      /node ubuntu-k8s-3 is in more than one report/,
    ],
    ['not JSON', async () => [await save('x.json', 'hello')], /x\.json: not JSON/],
    ['not a report', async () => [await save('y.json', '{"a":1}')], /not a klog-eviction JSON report/],
    ['a missing file', async () => [join(dir, 'nope.json')], /nope\.json: cannot read \(ENOENT\)/],
  ])('%s', async (_name, files, msg) => {
    const r = await runCli(['merge', ...(await files())]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(msg);
  });
});

describe('merge streams its reports: no report is one string', () => {
  it('hands each node and incident over as soon as its tokens end, before the rest of the report is read', async () => {
    const json = await report([SEED, MODERN]);
    const seen: string[] = [];
    const asm = new ReportAssembler(new ReportReader((where) => seen.push(where)));
    const tokens = parser.asStream({ packValues: true, streamValues: false });
    const at: Record<string, number> = {};
    let read = 0;
    tokens.on('data', (t: JsonToken) => {
      asm.token(t);
      for (const w of seen.splice(0)) at[w] ??= read;
    });
    const done = new Promise((resolve) => tokens.on('end', resolve));
    const bytes = Buffer.from(json);
    for (let p = 0; p < bytes.length; p += 4096) {
      read = p;
      tokens.write(bytes.subarray(p, p + 4096));
      await new Promise((r) => setImmediate(r));
    }
    tokens.end();
    await done;
    const { timeline } = asm.end();
    const last = `incidents[${timeline.incidents.length - 1}]`;
    expect(timeline.incidents.length).toBeGreaterThan(1);
    // each piece was handed over while later ones were still to come
    expect(at['nodes[0]']).toBeLessThan(at['incidents[0]']!);
    expect(at['incidents[0]']).toBeLessThan(at[last]!);
    expect(at[last]).toBeLessThan(bytes.length);
    expect(renderJson(timeline, { timezone: 'Asia/Shanghai', version: JSON.parse(json).generator.version })).toBe(json);
  });

  it('a report of 32,000 rejected pods merges to itself, read in 64 KiB chunks', async () => {
    const lines = Array.from({ length: 32_000 }, (_, i) => {
      const d = new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString();
      const kh = `${d.slice(5, 7)}${d.slice(8, 10)} ${d.slice(11, 19)}`;
      return `${d.slice(0, 19)}+0000 n1 kubelet[4100]: I${kh}.100000    4100 eviction_manager.go:169] "Failed to admit pod to node" pod="default/p-${String(i).padStart(6, '0')}" nodeCondition=["DiskPressure"]`;
    });
    const big = await save('big.log', lines.join('\n') + '\n');
    const r = await runCli(['--timezone', 'UTC', '-o', 'json', big]);
    const file = await save('big.json', r.stdout);
    expect(r.stdout.length).toBeGreaterThan(4_000_000);
    const m = await runCli(['merge', '-o', 'json', file]);
    expect(m.code).toBe(0);
    expect(m.stdout).toBe(r.stdout);
  });

  it.each([
    ['cut short', (j: string) => j.slice(0, j.length / 2), /not JSON \(the report is cut short\)/],
    ['with something after it', (j: string) => `${j} {}`, /not JSON/],
    ['an array', () => '[1, 2]', /not a klog-eviction JSON report/],
  ])('a report %s: one line, exit 2', async (_name, damage, msg) => {
    const f = await save('d.json', damage(await report([MODERN])));
    const r = await runCli(['merge', f]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(msg);
  });
});
