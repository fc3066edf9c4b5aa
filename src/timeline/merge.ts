/**
 * Merge the timelines of DISJOINT sets of nodes into one, as if their journals
 * had been analysed together: nodes and incidents are per node, so merging is
 * putting them side by side in time order and adding up the counters. The
 * result does not depend on how reports were grouped before
 * (merge(merge(a, b), c) = merge(a, merge(b, c))), which is what lets a fleet
 * be analysed node by node and combined in any tree (docs/at-scale.md). Pure.
 */
import { addCounters, newCounters } from '../analyze/analyzer.js';
import { orderNotes, TimelineBuilder } from './builder.js';
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
const DERIVED = new Set<Note['kind']>(['year-inferred', 'unrecognized-lines', 'skipped-lines', 'duplicates', 'no-kubelet-lines']);

/** Merge timelines of disjoint node sets, in the order given (ties keep that order). */
export function mergeTimelines(ts: readonly Timeline[]): Timeline {
  if (ts.length === 0) throw new MergeError('nothing to merge');
  if (ts.length === 1) return ts[0]!;
  const gapMs = ts[0]!.gapMs;
  if (ts.some((t) => t.gapMs !== gapMs)) throw new MergeError('the reports were made with different --gap values');
  const seen = new Set<string>();
  for (const t of ts) {
    for (const n of t.nodes) {
      if (seen.has(n.name))
        throw new MergeError(
          `node ${n.name} is in more than one report; merge takes reports of different nodes (analyse one node's journals together)`,
        );
      seen.add(n.name);
    }
  }
  const counters = newCounters();
  for (const t of ts) addCounters(counters, t.counters);
  const yearInferred = ts.some((t) => t.yearInferred);
  const nodes = byTime(
    ts.flatMap((t) => t.nodes),
    (n) => n.firstSeen,
  );
  const incidents = byTime(
    ts.flatMap((t) => t.incidents),
    (i) => i.start,
  );

  // The notes of the counters are made again for the sum; the others are kept, and
  // all are put in the one order an analysis uses (orderNotes).
  const all = ts.flatMap((t) => t.notes);
  const unrecognized = ts.flatMap((t) => t.unrecognized);
  const skipped = ts.flatMap((t) => t.skipped);
  const derived = new TimelineBuilder({ gapMs }).finish({ counters, unrecognized, skipped, yearInferred, lastSeen: new Map() }).notes;
  const kept = all.filter((n) => !DERIVED.has(n.kind));
  // A global note without a time (several reports can carry the same one) is said once.
  const texts = new Set<string>();
  const once = kept.filter((n) => n.node !== undefined || n.at !== undefined || (!texts.has(n.text) && texts.add(n.text)));
  const notes = orderNotes(
    [...derived, ...once],
    nodes.map((n) => n.name),
  );

  return {
    counters,
    nodes,
    incidents,
    notes,
    unrecognized,
    skipped,
    yearInferred,
    gapMs,
  };
}
