/**
 * Merge the timelines of DISJOINT sets of nodes into one, as if their journals
 * had been analysed together: nodes and incidents are per node, so merging is
 * putting them side by side in time order and adding up the counters. The
 * result does not depend on how reports were grouped before
 * (merge(merge(a, b), c) = merge(a, merge(b, c))), which is what lets a fleet
 * be analysed node by node and combined in any tree (docs/at-scale.md). Pure.
 */
import type { Counters } from '../analyze/analyzer.js';
import { TimelineBuilder } from './builder.js';
import type { Note, Timeline } from './model.js';

/** The inputs cannot be merged (the same node twice, different --gap). */
export class MergeError extends Error {
  override name = 'MergeError';
}

/** Stable sort by a time, unknown times (NaN) last. */
function byTime<T>(xs: T[], at: (x: T) => number): T[] {
  return xs
    .map((x, i) => ({ x, i, t: at(x) }))
    .sort((a, b) => {
      const an = Number.isNaN(a.t);
      const bn = Number.isNaN(b.t);
      if (an || bn) return an === bn ? a.i - b.i : an ? 1 : -1;
      return a.t - b.t || a.i - b.i;
    })
    .map((e) => e.x);
}

/** Notes the builder derives from the counters alone; they are made again for the sum. */
const DERIVED = new Set<Note['kind']>(['year-inferred', 'unrecognized-lines', 'skipped-lines', 'duplicates']);

/** Merge timelines of disjoint node sets, in the order given (ties keep that order). */
export function mergeTimelines(ts: readonly Timeline[]): Timeline {
  if (ts.length === 0) throw new MergeError('nothing to merge');
  if (ts.length === 1) return ts[0]!;
  const gapMs = ts[0]!.gapMs;
  if (ts.some((t) => t.gapMs !== gapMs)) throw new MergeError('the reports were made with different --gap values');
  const seen = new Set<string>();
  for (const t of ts) {
    for (const n of t.nodes) {
      if (seen.has(n.name)) throw new MergeError(`node ${n.name} is in more than one report; merge takes reports of different nodes (analyse one node's journals together)`);
      seen.add(n.name);
    }
  }
  const counters: Counters = { lines: 0, kubeletLines: 0, events: 0, unrecognized: 0, skipped: 0, duplicates: 0, otherLines: 0 };
  for (const t of ts) for (const k of Object.keys(counters) as Array<keyof Counters>) counters[k] += t.counters[k];
  const yearInferred = ts.some((t) => t.yearInferred);
  const nodes = byTime(ts.flatMap((t) => t.nodes), (n) => n.firstSeen);
  const incidents = byTime(ts.flatMap((t) => t.incidents), (i) => i.start);

  // Notes in the order one analysis writes them: those of events (a boot) in time order,
  // then the year, then the per-node ones in node order, then the counters'.
  const all = ts.flatMap((t) => t.notes);
  const derived = new TimelineBuilder({ gapMs }).finish({ counters, unrecognized: [], skipped: [], yearInferred, lastSeen: new Map() }).notes;
  const eventNotes = byTime(all.filter((n) => n.at !== undefined && !DERIVED.has(n.kind)), (n) => n.at ?? NaN);
  const order = new Map(nodes.map((n, i) => [n.name, i]));
  const nodeNotes = all
    .filter((n) => n.at === undefined && n.node !== undefined && !DERIVED.has(n.kind))
    .map((n, i) => ({ n, i }))
    .sort((a, b) => (order.get(a.n.node!) ?? 0) - (order.get(b.n.node!) ?? 0) || a.i - b.i)
    .map((x) => x.n);
  const otherTexts = new Set<string>();
  const other = all.filter((n) => n.at === undefined && n.node === undefined && !DERIVED.has(n.kind) && !otherTexts.has(n.text) && otherTexts.add(n.text));
  const year = derived.filter((n) => n.kind === 'year-inferred');
  const rest = derived.filter((n) => n.kind !== 'year-inferred');

  return {
    counters,
    nodes,
    incidents,
    notes: [...eventNotes, ...year, ...nodeNotes, ...other, ...rest],
    unrecognized: ts.flatMap((t) => t.unrecognized),
    skipped: ts.flatMap((t) => t.skipped),
    yearInferred,
    gapMs,
  };
}
