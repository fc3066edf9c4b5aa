/**
 * Property tests (fast-check) over the decoders and the whole pipeline:
 * arbitrary input never throws, re-chunking never changes the result,
 * interleaving the journals of different nodes never changes any node's
 * result, and the text renderer never lets a control character through.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analyze/pipeline.js';
import { classify, classifySystemd } from '../src/classify/classify.js';
import { conditionList, flagMap, goDurationSeconds, nodeConfigThresholds, normalizePod, podList } from '../src/classify/values.js';
import { decodeJournalLine } from '../src/journal/decode.js';
import { decodeKlog, kvOf } from '../src/klog/decode.js';
import { parseKv } from '../src/klog/kv.js';
import { renderJson, toJsonReport } from '../src/render/json.js';
import { renderText } from '../src/render/text.js';
import { feed } from '../src/stream.js';
import { zone } from '../src/time/zone.js';
import { analyzeString, NOW, read } from './helpers.js';

const RUNS = 300;
const seedLines = read('samples/seed-ubuntu-k8s-3.log').split('\n').slice(0, 40);
const modernLines = read('samples/modern-memory-eviction.log')
  .split('\n')
  .filter((l) => l.length > 0);

/** Strings shaped like kubelet lines with arbitrary damage, plus plain noise. */
const lineArb = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(...seedLines, ...modernLines),
  fc
    .tuple(fc.constantFrom(...seedLines, ...modernLines), fc.nat(), fc.string({ unit: 'binary', maxLength: 20 }))
    .map(([l, cut, junk]) => l.slice(0, cut % (l.length + 1)) + junk),
);

describe('arbitrary input never throws', () => {
  it('decoders and value parsers', () => {
    fc.assert(
      fc.property(lineArb, (s) => {
        const j = decodeJournalLine(s);
        const r = decodeKlog(j.type === 'entry' ? j.message : s);
        kvOf(r);
        classify(r);
        classifySystemd(s);
        parseKv(s);
        podList(s);
        normalizePod(s);
        conditionList(s);
        nodeConfigThresholds(s);
        flagMap(s);
        goDurationSeconds(s);
      }),
      { numRuns: RUNS * 3 },
    );
  });
  it('the whole pipeline and both renderers', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 60 }), (lines) => {
        const t = analyzeString(lines.join('\n'), { year: 2017 });
        JSON.parse(renderJson(t, { timezone: 'UTC' }));
        renderText(t, { zone: zone('UTC'), color: true });
      }),
      { numRuns: RUNS },
    );
  });
});

async function viaChunks(bytes: Buffer, cuts: number[]): Promise<string> {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    if (p > prev) chunks.push(bytes.subarray(prev, p));
    prev = p;
  }
  const an = new Analysis({ zone: zone('Asia/Shanghai'), year: 2017, now: NOW });
  await feed(Readable.from(chunks), an.input('-'));
  return renderJson(an.finish(), { timezone: 'Asia/Shanghai' });
}

describe('re-chunking the same bytes at random boundaries never changes the result', () => {
  const bytes = Buffer.concat([
    Buffer.from(seedLines.join('\r\n') + '\n', 'utf8'),
    Buffer.from([0xff, 0xfe, 0x0a, 0xe6, 0x9c, 0x0a]), // invalid UTF-8, a cut multi-byte char
    Buffer.from(modernLines.slice(30, 60).join('\n'), 'utf8'),
  ]);
  it('random cut points', async () => {
    const whole = await viaChunks(bytes, []);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 12 }), async (cuts) => {
        expect(await viaChunks(bytes, cuts)).toBe(whole);
      }),
      { numRuns: 150 },
    );
  });
});

describe('interleaving the journals of different nodes never changes per-node results', () => {
  const a = read('samples/seed-ubuntu-k8s-3.log')
    .split('\n')
    .filter((l) => l.length > 0)
    .slice(5150, 5400); // around the restart
  const b = modernLines;
  // Line numbers are positions in the merged input: they change, the story must not.
  const withoutLines = (v: unknown): unknown =>
    JSON.parse(
      JSON.stringify(v, (k, x) =>
        k === 'evidence' || k === 'line' ? undefined : typeof x === 'string' ? x.replace(/line \d+/g, 'line N') : x,
      ),
    );
  const perNode = (text: string) => {
    const r = withoutLines(toJsonReport(analyzeString(text, { year: 2017 }), { timezone: 'UTC' })) as ReturnType<typeof toJsonReport>;
    return {
      nodes: [...r.nodes].sort((x, y) => x.name.localeCompare(y.name)),
      incidents: [...r.incidents].sort((x, y) => x.id.localeCompare(y.id)),
    };
  };
  const want = perNode([...a, ...b].join('\n'));
  it('random merges that keep each node in its own order', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: a.length + b.length, maxLength: a.length + b.length }), (picks) => {
        const out: string[] = [];
        let i = 0;
        let k = 0;
        for (const p of picks) {
          if ((p && i < a.length) || k >= b.length) out.push(a[i++]!);
          else out.push(b[k++]!);
        }
        expect(perNode(out.join('\n'))).toEqual(want);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the text renderer never emits a control character or escape sequence from the input', () => {
  const hostile = fc.string({ unit: fc.integer({ min: 0, max: 0x20ff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 40 });
  it('in pod names, node names, resources and unrecognised lines', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, (pod, host, res) => {
        const h = host.replace(/\s/g, '_');
        const lines = [
          `Oct 16 09:54:14 ${h} kubelet[1]: W1016 09:54:14.823152       1 eviction_manager.go:142] Failed to admit pod ${pod.replace(/\s/g, '')}_ns(u) - node has conditions: [DiskPressure]`,
          `Oct 16 09:54:15 ${h} kubelet[1]: I1016 09:54:15.000001       1 eviction_manager.go:1] "Eviction manager: attempting to reclaim" resourceName=${JSON.stringify(res)}`,
          `Oct 16 09:54:16 ${h} kubelet[1]: I1016 09:54:16.000001       1 eviction_manager.go:1] eviction manager: something new ${pod}`,
        ];
        const t = analyzeString(lines.join('\n'), { year: 2017 });
        const out = renderText(t, { zone: zone('UTC'), color: false, showUnrecognized: true });
        expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: RUNS },
    );
  });
});
