/**
 * `--since`, `--until`, `--node`: a pure function from a timeline to the part
 * of it the user asked about, so every renderer (and `--fail-on`) sees the
 * same filtered view. Incidents are kept whole when they overlap the window:
 * an incident that began before `--since` and is still going inside it is the
 * incident the user is looking for.
 */
import type { NodeReport, Timeline } from './model.js';

export interface TimelineFilter {
  /** keep what happened at or after this instant (UTC epoch ms) */
  readonly since?: number;
  /** keep what happened at or before this instant (UTC epoch ms) */
  readonly until?: number;
  /** keep only these nodes (exact names); empty or absent: all */
  readonly nodes?: readonly string[];
}

/** True when the filter would keep everything (no copy needed). */
export function isEmptyFilter(f: TimelineFilter): boolean {
  return f.since === undefined && f.until === undefined && (f.nodes === undefined || f.nodes.length === 0);
}

/** The timeline restricted to the window and nodes of `f`. Counters (lines read) are left as they were. */
export function filterTimeline(t: Timeline, f: TimelineFilter): Timeline {
  if (isEmptyFilter(f)) return t;
  const lo = f.since ?? -Infinity;
  const hi = f.until ?? Infinity;
  const windowed = f.since !== undefined || f.until !== undefined;
  const names = f.nodes && f.nodes.length > 0 ? new Set(f.nodes) : undefined;
  // An instant with no time (NaN) cannot be placed in a window: it is kept only when there is none.
  const inWin = (at: number) => (windowed ? at >= lo && at <= hi : true);
  const overlaps = (a: number, b: number) => {
    if (!windowed) return true;
    const start = Number.isFinite(a) ? a : b;
    const end = Number.isFinite(b) ? b : a;
    return start <= hi && end >= lo;
  };
  const nodes: NodeReport[] = [];
  for (const n of t.nodes) {
    if (names && !names.has(n.name)) continue;
    if (windowed && !overlaps(n.firstSeen, n.lastSeen)) continue;
    // The thresholds in force at `since` were stated before it: keep the last such statement.
    const before = n.thresholds.filter((s) => s.at < lo);
    const lastBefore = before[before.length - 1];
    nodes.push({
      ...n,
      kubeletStarts: n.kubeletStarts.filter((s) => inWin(s.at)),
      kubeletStops: n.kubeletStops.filter((s) => inWin(s.at)),
      admissionFailures: n.admissionFailures.filter((a) => overlaps(a.first, a.last)),
      thresholds: n.thresholds.filter((s) => s === lastBefore || inWin(s.at)),
      thresholdChanges: n.thresholdChanges.filter((c) => inWin(c.at)),
      droppedDefaults: n.droppedDefaults.filter((d) => inWin(d.at)),
      firstSeen: windowed && Number.isFinite(n.firstSeen) ? Math.max(n.firstSeen, lo) : n.firstSeen,
      lastSeen: windowed && Number.isFinite(n.lastSeen) ? Math.min(n.lastSeen, hi) : n.lastSeen,
    });
  }
  const kept = new Set(nodes.map((n) => n.name));
  return {
    ...t,
    nodes,
    incidents: t.incidents.filter((i) => kept.has(i.node) && overlaps(i.start, i.end)),
    notes: t.notes.filter((n) => (n.node === undefined || kept.has(n.node)) && (n.at === undefined || !windowed || inWin(n.at))),
  };
}
