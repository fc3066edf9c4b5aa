/**
 * Properties of reading log-store exports (fast-check): records are detected one by one, so any
 * mix of shapes reads as the journal; nodes are read apart, so any interleaving of the nodes'
 * entries gives the same timeline; and (with the order branch's reordering) any order of one
 * export does too.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../src/analyze/pipeline.js';
import { decodeRecordLine } from '../src/records/decode.js';
import { toReport } from '../src/index.js';
import { opts } from './helpers.js';
import { facts } from './store-facts.js';

const DIR = new URL('fixtures/stores/fleet/', import.meta.url);
const lines = (f: string) =>
  gunzipSync(readFileSync(new URL(`${f}.gz`, DIR)))
    .toString('utf8')
    .split('\n')
    .slice(0, -1);
// exports with one record per line, row i of each being the journal's entry i
const SHAPES = [
  'journal.json',
  'logcli.jsonl',
  'logcli-promtail-json.jsonl',
  'logcli-forward.txt',
  'vector.ndjson',
  'fluentd.log',
  'fluentd-stripped.log',
];
const ROWS = SHAPES.map(lines);
const N = ROWS[0]!.length;
const HOSTS = ROWS[0]!.map((l) => (JSON.parse(l) as { _HOSTNAME: string })._HOSTNAME);
/**
 * The facts, per node: the report lists nodes, incidents and notes in the order their first
 * line arrived, which an interleaving changes without changing any node's timeline.
 */
function perNode(f: ReturnType<typeof facts>) {
  const by = <T>(xs: T[], key: (x: T) => string) => [...xs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return {
    ...f,
    nodes: by(f.nodes, (n) => n.name),
    incidents: by(f.incidents, (i) => i.id),
    notes: by(f.notes, (n) => JSON.stringify(n)),
  };
}
/** The shapes whose records give the time below the second (the others have whole seconds). */
const PRECISE = SHAPES.map((_, s) => s).filter((s) => !['logcli-forward.txt', 'fluentd.log', 'fluentd-stripped.log'].includes(SHAPES[s]!));
const read = (text: string) => perNode(facts(toReport(analyzeText([{ name: 'fleet', text }], opts()))));
const REF = read(ROWS[0]!.join('\n'));

/** An order of the entries that keeps each node's own order: node runs interleaved by `keys`. */
function interleave(keys: number[]): number[] {
  const byHost = new Map<string, number[]>();
  HOSTS.forEach((h, i) => byHost.set(h, [...(byHost.get(h) ?? []), i]));
  const rank = new Array<number>(N);
  let k = 0;
  for (const idx of byHost.values()) {
    const ks = keys.slice(k, k + idx.length).sort((a, b) => a - b);
    idx.forEach((row, j) => (rank[row] = ks[j]! + j / N));
    k += idx.length;
  }
  return [...Array(N).keys()].sort((a, b) => rank[a]! - rank[b]! || a - b);
}

describe('reading a fleet export', () => {
  it('every row of every line shape is one entry of the journal (the same host, PID and message)', () => {
    for (let s = 1; s < SHAPES.length; s++)
      for (let i = 0; i < N; i++) {
        const a = decodeRecordLine(ROWS[0]![i]!);
        const b = decodeRecordLine(ROWS[s]![i]!);
        expect([SHAPES[s], i, b && 'message' in b ? [b.host, b.message] : b]).toEqual([
          SHAPES[s],
          i,
          a && 'message' in a ? [a.host, a.message] : a,
        ]);
      }
  });

  it('any mix of shapes, record by record, and any interleaving of the nodes give the journal timeline', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(SHAPES.length - 1), { minLength: N, maxLength: N }),
        fc.array(fc.nat(1_000_000), { minLength: N, maxLength: N }),
        (shapeOf, keys) => {
          const text = interleave(keys)
            .map((i) => ROWS[shapeOf[i]!]![i])
            .join('\n');
          expect(read(text)).toEqual(REF);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('any order of one export gives the same timeline (entries are put in order per node)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1_000_000), { minLength: N, maxLength: N }), fc.constantFrom(...PRECISE), (keys, s) => {
        // (shapes whose record times have whole seconds — logcli's default output, Fluentd's
        // out_file — are left out: reordered, nothing in them orders the lines of one second,
        // systemd's `Started` and the new kubelet's first lines: docs/log-stores.md)
        const order = [...Array(N).keys()].sort((a, b) => keys[a]! - keys[b]! || a - b);
        expect(read(order.map((i) => ROWS[s]![i]).join('\n'))).toEqual(REF);
      }),
      { numRuns: 20 },
    );
  });

  it('newest first (the whole export reversed) gives the same timeline', () => {
    expect(read([...ROWS[1]!].reverse().join('\n'))).toEqual(REF);
  });
});
