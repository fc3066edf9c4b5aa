/**
 * `--output ndjson` as a live stream people can alert on: every recognised event as it comes,
 * except that the kubelet's many signs of one start (systemd's `Started`, a new PID, the version
 * line, `Started kubelet`) become the one `kubelet-start` the timeline records; and incident
 * records — `incident-opened`, `incident-updated` (a new resource or condition, the first
 * eviction, the first rejection, a threshold change: never the 10-second loop) and
 * `incident-closed` — read from a timeline builder fed the same events in the same order, so
 * the stream says what the report says.
 */
import { KIND_INFO, type KubeletEvent } from '../model/events.js';
import { TimelineBuilder } from '../timeline/builder.js';
import type { Incident, KubeletStart, ThresholdStatement, Timeline } from '../timeline/model.js';
import { relevant } from '../timeline/signals.js';
import { isoOrNull } from './format.js';
import { eventRecord } from './json.js';
import type { NdjsonIncidentCounts, NdjsonIncidentRecord, NdjsonRecord, NdjsonUpdateReason } from './json-report.js';

/** How long a start waits for its PID (systemd's `Started` comes before the kubelet's first line). */
const START_PID_WINDOW_MS = 120_000;
/** How long a start with its PID waits for its version (start-up lines take about a second). */
const START_VERSION_WINDOW_MS = 10_000;
/** Records of a node held back while its start waits for the PID, at most. */
const MAX_HELD = 10_000;

interface Announced {
  readonly inc: Incident;
  resources: number;
  conditions: number;
  evicted: boolean;
  rejected: boolean;
}

interface NodeLive {
  starts: number;
  /** the start recorded but not yet written: it waits for its PID (and version) */
  pending: KubeletStart | undefined;
  /** this node's records since `pending`, written after it to keep the order */
  held: NdjsonRecord[];
  announced: Announced | undefined;
  statements: number;
  /** hard sets per start already compared */
  compared: number;
  /** the last start's hard set, as compared: a later statement of the same start replaces it */
  last: ThresholdStatement | undefined;
  /** threshold changes seen so far: when, and of which signal (the last start's at the end) */
  changes: Array<{ at: number; signal: string }>;
  /** how many of `changes` are the last start's, and what they were */
  lastChanges: number;
  lastDiff: string;
}

/** A start is written once it has its PID and version, or when waiting longer would be guessing. */
function ready(s: KubeletStart, at: number): boolean {
  const waited = at - s.at;
  // (the JSON logging format has no PID: the version line says the kubelet is up)
  if (s.pid === undefined) return s.version !== undefined || waited > START_PID_WINDOW_MS;
  return s.version !== undefined || !Number.isFinite(waited) || waited > START_VERSION_WINDOW_MS;
}

function counts(i: Incident): NdjsonIncidentCounts {
  return {
    reclaimAttempts: i.reclaimAttempts,
    noPodsToEvict: i.noPodsToEvict,
    evictedPods: i.evictedPods.length,
    rejections: i.rejectedPods.reduce((a, r) => a + r.count, 0),
    rejectedPods: i.rejectedPods.length,
  };
}

const base = (i: Incident) => ({ id: i.id, node: i.node, resources: [...i.resources], conditions: [...i.conditions], counts: counts(i) });

function startRecord(node: string, s: KubeletStart): NdjsonRecord {
  return {
    at: isoOrNull(s.at),
    node,
    kind: 'kubelet-start',
    via: s.via,
    ...(s.pid !== undefined ? { pid: s.pid } : {}),
    ...(s.version ? { version: s.version } : {}),
    input: s.evidence.input,
    line: s.evidence.line,
  };
}

/** The hard-threshold differences between two statements. */
function diff(a: ThresholdStatement, b: ThresholdStatement): Array<{ signal: string; from: string | null; to: string | null }> {
  const before = new Map(a.hard.map((t) => [t.signal, t.value]));
  const after = new Map(b.hard.map((t) => [t.signal, t.value]));
  const out: Array<{ signal: string; from: string | null; to: string | null }> = [];
  for (const [signal, to] of after) if (before.get(signal) !== to) out.push({ signal, from: before.get(signal) ?? null, to });
  if (!b.truncated) for (const [signal, from] of before) if (!after.has(signal)) out.push({ signal, from, to: null });
  return out;
}

/** The live stream: `add` each event as the analysis recognises it, `finish` with the final timeline. */
export class NdjsonStream {
  private readonly builder: TimelineBuilder;
  private readonly nodes = new Map<string, NodeLive>();

  /** @param gapMs the quiet time that ends an incident, as the analysis uses it */
  constructor(private readonly gapMs: number) {
    this.builder = new TimelineBuilder({ gapMs });
  }

  /** The records this event makes, in the order to write them. */
  add(e: KubeletEvent): NdjsonRecord[] {
    const n = this.node(e.node);
    const before = this.builder.peek(e.node)?.open;
    this.builder.add(e);
    const st = this.builder.peek(e.node)!;
    const out: NdjsonRecord[] = [];
    const emit = (r: NdjsonRecord) => {
      if (n.pending && n.held.length >= MAX_HELD) this.release(e.node, n, out);
      if (n.pending) n.held.push(r);
      else out.push(r);
    };

    // A start waits for its PID; a second start, or the window passing, writes it as it is.
    if (st.starts.length > n.starts) {
      if (n.pending) this.release(e.node, n, out);
      n.starts = st.starts.length;
      n.pending = st.starts[st.starts.length - 1];
    }
    // (pressure is not held back to learn a PID: an alert comes first)
    if (n.pending && e.kind !== 'kubelet-start' && (ready(n.pending, e.at) || KIND_INFO[e.kind].role === 'pressure')) {
      this.release(e.node, n, out);
    }

    const ann = n.announced;
    if (ann && ann.inc !== st.open) {
      // The builder closed it: the condition cleared, or pressure came back after the gap.
      emit(this.closed(ann.inc, n, e));
      n.announced = undefined;
    }
    if (e.kind !== 'kubelet-start') emit(eventRecord(e));
    const open = st.open;
    if (open && !n.announced) {
      n.announced = {
        inc: open,
        resources: open.resources.length,
        conditions: open.conditions.length,
        evicted: open.evictedPods.length > 0,
        rejected: open.rejectedPods.length > 0,
      };
      emit({ kind: 'incident-opened', at: isoOrNull(open.start), ...base(open), input: e.src.input, line: e.src.line });
    } else if (open && open === before) {
      const a = n.announced!;
      const reasons: NdjsonUpdateReason[] = [];
      if (open.resources.length > a.resources) reasons.push('new-resource');
      if (open.conditions.length > a.conditions) reasons.push('new-condition');
      if (!a.evicted && open.evictedPods.length > 0) reasons.push('first-eviction');
      if (!a.rejected && open.rejectedPods.length > 0) reasons.push('first-rejection');
      a.resources = open.resources.length;
      a.conditions = open.conditions.length;
      a.evicted ||= open.evictedPods.length > 0;
      a.rejected ||= open.rejectedPods.length > 0;
      if (reasons.length > 0) {
        emit({ kind: 'incident-updated', at: isoOrNull(e.at), ...base(open), reasons, input: e.src.input, line: e.src.line });
      }
    }
    // A restart with other hard thresholds: known once its statement is in. A later statement of
    // the same start (the container manager's line after the flags) replaces its set, and its
    // comparison with the start before, as the timeline's `thresholdChanges` has it at the end.
    if (st.statements !== n.statements) {
      n.statements = st.statements;
      const eff = st.effective();
      const last = eff[eff.length - 1];
      if (eff.length >= 2 && (eff.length > n.compared || last !== n.last)) {
        if (eff.length === n.compared) n.changes.length -= n.lastChanges;
        else n.lastDiff = '';
        const changes = diff(eff[eff.length - 2]!, last!);
        for (const c of changes) n.changes.push({ at: last!.at, signal: c.signal });
        n.lastChanges = changes.length;
        const said = JSON.stringify(changes);
        const inc = n.announced?.inc;
        if (inc && changes.length > 0 && said !== n.lastDiff) {
          emit({
            kind: 'incident-updated',
            at: isoOrNull(e.at),
            ...base(inc),
            reasons: ['threshold-change'],
            thresholdChanges: changes,
            input: e.src.input,
            line: e.src.line,
          });
        }
        n.lastDiff = said;
      }
      n.compared = eff.length;
      n.last = last;
    }
    return out;
  }

  /** A start is waiting for its PID (its node's records behind it): `flush` when the input pauses. */
  waiting(): boolean {
    for (const n of this.nodes.values()) if (n.pending) return true;
    return false;
  }

  /**
   * Write the starts still waiting for their PID, as they are: the caller calls it when the input
   * pauses (what has been read so far is all there is for now), so that a live stream is never
   * held back; within a read, the start-up lines that give the PID and version have come.
   */
  flush(): NdjsonRecord[] {
    const out: NdjsonRecord[] = [];
    for (const [name, n] of this.nodes) if (n.pending) this.release(name, n, out);
    return out;
  }

  /**
   * The records at the end of input: starts still waiting, and `incident-closed` for every
   * incident still open, as the final timeline closed it (`ongoing`, `quiet`, `threshold-change`).
   */
  finish(t: Timeline): NdjsonRecord[] {
    const out: NdjsonRecord[] = [];
    const byId = new Map(t.incidents.map((i) => [i.id, i]));
    for (const [name, n] of this.nodes) {
      if (n.pending) this.release(name, n, out);
      const ann = n.announced;
      if (!ann) continue;
      const inc = byId.get(ann.inc.id) ?? ann.inc;
      out.push(this.closedRecord(inc, inc.closedBy));
      n.announced = undefined;
    }
    return out;
  }

  private node(name: string): NodeLive {
    let n = this.nodes.get(name);
    if (!n) {
      n = {
        starts: 0,
        pending: undefined,
        held: [],
        announced: undefined,
        statements: 0,
        compared: 0,
        last: undefined,
        changes: [],
        lastChanges: 0,
        lastDiff: '',
      };
      this.nodes.set(name, n);
    }
    return n;
  }

  /** Write the waiting start, then what was held behind it. */
  private release(node: string, n: NodeLive, out: NdjsonRecord[]): void {
    out.push(startRecord(node, n.pending!));
    out.push(...n.held);
    n.pending = undefined;
    n.held = [];
  }

  private closed(inc: Incident, n: NodeLive, e: KubeletEvent): NdjsonIncidentRecord {
    // Closed as quiet, with a restart that changed a threshold it answers to right after its end:
    // the change ended it (the report says so too).
    const changed =
      inc.closedBy === 'quiet' && n.changes.some((c) => c.at >= inc.end && c.at - inc.end <= this.gapMs && relevant(inc, c.signal));
    return { ...this.closedRecord(inc, changed ? 'threshold-change' : inc.closedBy), input: e.src.input, line: e.src.line };
  }

  private closedRecord(inc: Incident, closedBy: Incident['closedBy']): NdjsonIncidentRecord {
    return {
      kind: 'incident-closed',
      at: isoOrNull(inc.end),
      ...base(inc),
      start: isoOrNull(inc.start),
      end: isoOrNull(inc.end),
      durationSeconds: Number.isFinite(inc.end - inc.start) ? Math.round((inc.end - inc.start) / 1000) : null,
      closedBy,
    };
  }
}
