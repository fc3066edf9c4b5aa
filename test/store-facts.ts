/** What a reader takes from a report, for comparing the reading of one story in different shapes. */
import type { JsonReport } from '../src/index.js';

/** Notes on how the entries arrived (their order, their repeats), not on what they say. */
const ARRIVAL = new Set(['newest-first', 'out-of-order', 'duplicates', 'clock-step', 'late-entries']);

const sec = (t: string | null | undefined) => (t ? t.slice(0, 19) : null);

/** What a reader takes from a report, to the second; nothing that cites a line of the input. */
export function facts(r: JsonReport) {
  return {
    yearInferred: r.yearInferred,
    summary: r.summary,
    nodes: r.nodes.map((n) => ({
      name: n.name,
      seen: [sec(n.firstSeen), sec(n.lastSeen)],
      starts: n.kubeletStarts.map((s) => [sec(s.at), s.pid, s.version, s.via]),
      stops: n.kubeletStops.map((s) => sec(s.at)),
      thresholds: n.thresholds.map((t) => [
        sec(t.at),
        t.source,
        t.hard.map((h) => `${h.signal}<${h.value}`),
        (t.soft ?? []).map((h) => `${h.signal}<${h.value}`),
      ]),
      changes: n.thresholdChanges.map((c) => [sec(c.at), c.kind, c.signal, c.from, c.to]),
      dropped: n.droppedDefaults.map((d) => [sec(d.at), d.signals.map((s) => s.signal)]),
    })),
    incidents: r.incidents.map((i) => ({
      id: i.id,
      span: [sec(i.start), sec(i.end), i.closedBy],
      resources: i.resources,
      conditions: i.conditions,
      counts: [i.reclaimAttempts, i.mustEvict, i.noPodsToEvict, i.unableToEvict],
      ranked: i.rankedPods,
      evicted: i.evictedPods.map((p) => [p.pod, sec(p.at), p.cause]),
      rejected: i.rejectedPods.map((p) => [p.pod, p.count, p.conditions]),
      thresholds: i.thresholds,
      restarts: i.restarts.map((s) => [sec(s.at), s.pid]),
      explanation: i.statements.map((s) => s.text),
    })),
    notes: r.notes.filter((n) => !ARRIVAL.has(n.kind)).map((n) => [n.kind, n.node ?? null, n.text]),
  };
}
