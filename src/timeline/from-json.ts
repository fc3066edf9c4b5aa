/**
 * A JSON report (`-o json`, schemaVersion 1) back into a `Timeline`, so that
 * reports made elsewhere (one per node, by a DaemonSet or `kubectl debug`) can
 * be merged and rendered by the same renderers. Pure.
 *
 * Exact except for one thing the JSON does not carry: which pods each
 * collapsed step names (text shows them per row). They are rebuilt from the
 * incident: ranked pods for the ranking row, critical pods for the critical
 * row, the pod itself for an eviction row, and for an admission row the
 * rejected pods whose conditions are the row's (exact unless one pod was
 * rejected under two different condition sets).
 *
 * A report is read piece by piece (`ReportReader`: its head fields, then each node and each
 * incident), so a report of any size is never one string or one parsed tree: `ReportAssembler`
 * builds those pieces from a JSON tokenizer's tokens (stream-json's, in src/cli/merge.ts).
 */
import type { toJsonReport } from '../render/json.js';
import type { EventKind, Threshold } from '../model/events.js';
import type { Incident, KubeletStart, NodeReport, Note, Ref, Step, Timeline } from './model.js';

/** The JSON report as parsed. */
export type JsonReport = ReturnType<typeof toJsonReport>;

/** Not a report this version can read. */
export class ReportError extends Error {
  override name = 'ReportError';
}

const ms = (iso: string | null | undefined): number => (typeof iso === 'string' ? Date.parse(iso) : NaN);
/** JSON writes non-finite numbers as null. */
const numOf = (x: number | null | undefined): number => (typeof x === 'number' ? x : NaN);
const ref = (r: { input: string; line: number }): Ref => ({ input: r.input, line: r.line });

function node(n: JsonReport['nodes'][number]): NodeReport {
  return {
    name: n.name,
    firstSeen: ms(n.firstSeen),
    lastSeen: ms(n.lastSeen),
    kubeletStarts: n.kubeletStarts.map((s): KubeletStart => ({
      at: ms(s.at),
      ...(s.pid !== null ? { pid: s.pid } : {}),
      ...(s.version ? { version: s.version } : {}),
      via: s.via,
      evidence: ref(s.evidence),
      ...('failed' in s && s.failed ? { failed: { at: ms(s.failed.at), error: s.failed.error, evidence: ref(s.failed.evidence) } } : {}),
    })),
    kubeletStops: n.kubeletStops.map((s) => ({
      at: ms(s.at),
      detail: s.detail,
      ...('status' in s && s.status ? { status: s.status } : {}),
      evidence: ref(s.evidence),
    })),
    // reports before admissionFailures: none
    admissionFailures: (n.admissionFailures ?? []).map((a) => ({
      pod: a.pod,
      reason: a.reason,
      message: a.message,
      count: a.count,
      first: ms(a.first),
      last: ms(a.last),
      evidence: ref(a.evidence),
    })),
    thresholds: n.thresholds.map((t) => ({
      at: ms(t.at),
      source: t.source,
      hard: t.hard,
      ...(t.soft ? { soft: t.soft } : {}),
      ...(t.truncated ? { truncated: true } : {}),
      ...(t.partial ? { partial: true } : {}),
      ...(t.maxPodGracePeriodSeconds !== undefined ? { maxPodGracePeriodSeconds: t.maxPodGracePeriodSeconds } : {}),
      ...(t.pressureTransitionSeconds !== undefined ? { pressureTransitionSeconds: t.pressureTransitionSeconds } : {}),
      ...(t.pid !== undefined ? { pid: t.pid } : {}),
      evidence: ref(t.evidence),
    })),
    thresholdChanges: n.thresholdChanges.map((c) => ({
      at: ms(c.at),
      kind: c.kind,
      signal: c.signal,
      from: c.from,
      to: c.to,
      evidence: ref(c.evidence),
    })),
    droppedDefaults: n.droppedDefaults.map((d) => ({ at: ms(d.at), signals: d.signals as Threshold[], evidence: ref(d.evidence) })),
    observations: Object.fromEntries(
      n.observations.map((o) => {
        const point = (p: { at: string | null; available: number | null; capacity: number | null }) => ({
          at: ms(p.at),
          available: numOf(p.available),
          capacity: numOf(p.capacity),
        });
        return [
          o.signal,
          {
            signal: o.signal,
            count: o.count,
            points: o.points.map(point),
            // the thinning stride is the builder's working state; a merged report adds no points
            stride: 1,
            min: { ...point(o.min), evidence: ref(o.min.evidence) },
            last: { ...point(o.last), evidence: ref(o.last.evidence) },
          },
        ];
      }),
    ),
    unobserved: Object.fromEntries(
      n.unobservedSignals.map((u) => [
        u.signal,
        {
          signal: u.signal,
          count: u.count,
          first: ms(u.first),
          last: ms(u.last),
          evidence: ref(u.evidence),
          ...(u.error ? { error: u.error } : {}),
        },
      ]),
    ),
  };
}

function stepPods(kind: EventKind, key: string, i: JsonReport['incidents'][number]): string[] {
  switch (kind) {
    case 'pods-ranked':
      return [...i.rankedPods];
    case 'critical-pod':
      return [...i.criticalPods];
    case 'pod-evicted':
    case 'pod-evict-failed':
      return [key];
    case 'admission-rejected': {
      const exact = i.rejectedPods.filter((r) => r.conditions.join(',') === key).map((r) => r.pod);
      if (exact.length > 0) return exact;
      const want = key.split(',');
      return i.rejectedPods.filter((r) => want.every((c) => r.conditions.includes(c))).map((r) => r.pod);
    }
    default:
      return [];
  }
}

function incident(i: JsonReport['incidents'][number], n: NodeReport | undefined): Incident {
  const steps: Step[] = i.steps.map((s) => ({
    kind: s.kind,
    key: s.key,
    count: s.count,
    first: ms(s.first),
    last: ms(s.last),
    evidence: ref(s.evidence),
    // reports since `steps[].pods` carry them; older ones: rebuilt from the incident
    pods: 'pods' in s && Array.isArray(s.pods) ? [...s.pods] : stepPods(s.kind, s.key, i),
  }));
  // A restart is one of the node's starts (the same object, as the builder makes it).
  const restarts = i.restarts.map(
    (r): KubeletStart =>
      n?.kubeletStarts.find((s) => (s.pid ?? null) === r.pid && (s.at === ms(r.at) || (Number.isNaN(s.at) && r.at === null))) ?? {
        at: ms(r.at),
        ...(r.pid !== null ? { pid: r.pid } : {}),
        via: 'pid-change',
        evidence: { input: '', line: 0 },
      },
  );
  return {
    id: i.id,
    node: i.node,
    start: ms(i.start),
    end: ms(i.end),
    ongoing: i.ongoing,
    closedBy: i.closedBy,
    resources: [...i.resources],
    conditions: [...i.conditions],
    reclaimAttempts: i.reclaimAttempts,
    mustEvict: i.mustEvict,
    rankedPods: [...i.rankedPods],
    evictedPods: i.evictedPods.map((p) => ({
      pod: p.pod,
      at: ms(p.at),
      ...('cause' in p && p.cause ? { cause: p.cause } : {}),
      ...('message' in p && p.message ? { message: p.message } : {}),
    })),
    evictFailures: i.evictFailures.map((f) => ({
      pod: f.pod,
      at: ms(f.at),
      ...('error' in f && f.error ? { error: f.error } : {}),
      ...('cause' in f && f.cause ? { cause: f.cause } : {}),
    })),
    criticalPods: [...i.criticalPods],
    rejectedPods: i.rejectedPods.map((r) => ({
      pod: r.pod,
      conditions: [...r.conditions],
      count: r.count,
      first: ms(r.first),
      last: ms(r.last),
    })),
    noPodsToEvict: i.noPodsToEvict,
    unableToEvict: i.unableToEvict,
    noRankingFunction: [...i.noRankingFunction],
    reclaimedWithoutEviction: i.reclaimedWithoutEviction,
    evictionKinds: [...i.evictionKinds],
    observed: i.observed.map((o) => ({
      signal: o.signal,
      available: o.available,
      value: numOf(o.availableValue),
      ...('capacity' in o && o.capacity !== undefined ? { capacity: numOf(o.capacity) } : {}),
      ...('threshold' in o && o.threshold ? { threshold: o.threshold } : {}),
      at: ms(o.at),
      via: o.via,
      evidence: ref(o.evidence),
    })),
    imagesRemoved: i.imagesRemoved,
    bytesFreed: i.bytesFreed,
    ...('imageRemovalFailures' in i && i.imageRemovalFailures
      ? { imageRemovalFailures: { ...i.imageRemovalFailures, evidence: ref(i.imageRemovalFailures.evidence) } }
      : {}),
    ...('preemption' in i && i.preemption
      ? { preemption: { resources: [...i.preemption.resources], for: [...i.preemption.for], evidence: ref(i.preemption.evidence) } }
      : {}),
    ...('imageGc' in i && i.imageGc
      ? {
          imageGc: {
            ...i.imageGc,
            highPercent: i.imageGc.highPercent ?? NaN,
            bytesToFree: i.imageGc.bytesToFree ?? NaN,
            evidence: ref(i.imageGc.evidence),
          },
        }
      : {}),
    ...('reclaimFailure' in i && i.reclaimFailure
      ? { reclaimFailure: { ...i.reclaimFailure, evidence: ref(i.reclaimFailure.evidence) } }
      : {}),
    softThresholdsMet: i.softThresholdsMet,
    thresholds: i.thresholds,
    thresholdsStatedAt: ms(i.thresholdsStatedAt),
    restarts,
    steps,
    statements: i.statements.map((s) => ({ text: s.text, evidence: s.evidence.map(ref) })),
    // (reports of versions before remediation have none)
    remediation: (i.remediation ?? []).map((m) => ({ ...m, evidence: m.evidence.map(ref) })),
    evidence: i.evidence.map(ref),
  };
}

/**
 * A report read piece by piece into its Timeline. `check`, when given, sees every piece first
 * (`where` is `nodes[3]`, `incidents[0]`, or a head field's name) and may throw a `ReportError`
 * saying what is wrong with it: the place for checking a report against its schema.
 */
export class ReportReader {
  private readonly head: Record<string, unknown> = {};
  private readonly nodes: NodeReport[] = [];
  private readonly byName = new Map<string, NodeReport>();
  private readonly incidents: Incident[] = [];
  /** incidents met before their node (a report whose fields were reordered) */
  private readonly early: Array<JsonReport['incidents'][number]> = [];
  private readonly arrays = new Set<string>();
  private nNodes = 0;
  private nIncidents = 0;

  constructor(private readonly check?: (where: string, value: unknown) => void) {}

  /** A field of the report other than a node or an incident. */
  field(key: string, value: unknown): void {
    this.check?.(key, value);
    if (key === 'schemaVersion' && value !== 1) throw notReport();
    if ((key === 'nodes' || key === 'incidents') && Array.isArray(value)) {
      this.arrays.add(key);
      for (const x of value) (key === 'nodes' ? this.node : this.incident).call(this, x);
      return;
    }
    this.head[key] = value;
  }

  /** `nodes` or `incidents` is an array, whose elements come one by one. */
  array(key: 'nodes' | 'incidents'): void {
    this.arrays.add(key);
  }

  node(v: unknown): void {
    this.arrays.add('nodes');
    this.check?.(`nodes[${this.nNodes++}]`, v);
    const n = node(v as JsonReport['nodes'][number]);
    this.nodes.push(n);
    this.byName.set(n.name, n);
  }

  incident(v: unknown): void {
    this.arrays.add('incidents');
    this.check?.(`incidents[${this.nIncidents++}]`, v);
    const i = v as JsonReport['incidents'][number];
    const n = this.byName.get(i.node);
    if (n) this.incidents.push(incident(i, n));
    else this.early.push(i);
  }

  /** The whole report read: its Timeline, and the zone it names. */
  finish(): { timeline: Timeline; timezone: string } {
    const r = this.head as Partial<JsonReport>;
    if (r.schemaVersion !== 1 || !this.arrays.has('nodes') || !this.arrays.has('incidents') || !r.summary) throw notReport();
    for (const i of this.early) this.incidents.push(incident(i, this.byName.get(i.node)));
    const s = r.summary;
    const timeline: Timeline = {
      counters: {
        lines: s.lines,
        kubeletLines: s.kubeletLines,
        events: s.events,
        unrecognized: s.unrecognized,
        skipped: s.skipped,
        duplicates: s.duplicates,
        otherLines: s.otherLines,
        verboseLines: s.verboseLines,
      },
      nodes: this.nodes,
      incidents: this.incidents,
      notes: (r.notes ?? []).map((n): Note => ({
        kind: n.kind,
        ...(n.node !== undefined ? { node: n.node } : {}),
        ...(n.at !== undefined ? { at: ms(n.at) } : {}),
        text: n.text,
        ...(n.evidence ? { evidence: n.evidence.map(ref) } : {}),
      })),
      unrecognized: (r.unrecognized ?? []).map((u) => ({ input: u.input, line: u.line, text: u.text })),
      skipped: (r.skipped ?? []).map((k) => ({ input: k.input, line: k.line, reason: k.reason, count: k.count })),
      yearInferred: r.yearInferred ?? false,
      gapMs: (r.gapSeconds ?? NaN) * 1000,
    };
    return { timeline, timezone: r.timezone ?? 'UTC' };
  }
}

function notReport(): ReportError {
  return new ReportError('not a klog-eviction JSON report (schemaVersion 1, from klog-eviction -o json)');
}

/** A parsed JSON report → the Timeline it was rendered from, and the zone it names. */
export function timelineFromJson(v: unknown, check?: (where: string, value: unknown) => void): { timeline: Timeline; timezone: string } {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw notReport();
  const r = new ReportReader(check);
  for (const [k, x] of Object.entries(v)) r.field(k, x);
  return r.finish();
}

/** The input is not JSON (or is cut short). */
export class NotJsonError extends Error {
  override name = 'NotJsonError';
}

type Frame = { v: unknown[] | Record<string, unknown>; key: string | undefined; stream: 'nodes' | 'incidents' | undefined };

/** A token of a JSON tokenizer (stream-json's, with values packed): `startObject`, `keyValue` ... */
export interface JsonToken {
  readonly name: string;
  readonly value?: string;
}

/**
 * A JSON report's tokens, as they stream in, into `ReportReader` pieces: each top-level field,
 * node and incident is built on its own and handed over when it is complete, so only one of
 * them is ever held. Pure: `token` after token, then `end`.
 */
export class ReportAssembler {
  private readonly stack: Frame[] = [];
  private root = false;

  constructor(private readonly reader: ReportReader) {}

  /** The last token came: the report's Timeline (a `NotJsonError` if the JSON was cut short). */
  end(): { timeline: Timeline; timezone: string } {
    if (!this.root || this.stack.length > 0) throw new NotJsonError('not JSON (the report is cut short)');
    return this.reader.finish();
  }

  token(t: JsonToken): void {
    const top = this.stack[this.stack.length - 1];
    switch (t.name) {
      case 'startObject':
        if (!top && this.root) throw new NotJsonError('not JSON (more after the report)');
        this.stack.push({ v: {}, key: undefined, stream: undefined });
        return;
      case 'startArray': {
        if (!top) throw notReport();
        const stream = this.stack.length === 1 && (top.key === 'nodes' || top.key === 'incidents') ? top.key : undefined;
        if (stream) this.reader.array(stream);
        this.stack.push({ v: [], key: undefined, stream });
        return;
      }
      case 'endObject':
      case 'endArray': {
        const f = this.stack.pop()!;
        if (f.stream) return; // its elements were handed over one by one
        this.value(f.v);
        return;
      }
      case 'keyValue':
        top!.key = t.value;
        return;
      case 'stringValue':
        return this.value(t.value);
      case 'numberValue':
        return this.value(Number(t.value));
      case 'nullValue':
        return this.value(null);
      case 'trueValue':
        return this.value(true);
      case 'falseValue':
        return this.value(false);
      default:
        return;
    }
  }

  private value(x: unknown): void {
    const f = this.stack[this.stack.length - 1];
    if (!f) {
      if (this.root) throw new NotJsonError('not JSON (more after the report)');
      this.root = true;
      if (typeof x !== 'object' || x === null || Array.isArray(x)) throw notReport();
      return;
    }
    if (Array.isArray(f.v)) {
      if (f.stream === 'nodes') this.reader.node(x);
      else if (f.stream === 'incidents') this.reader.incident(x);
      else f.v.push(x);
      return;
    }
    if (this.stack.length === 1) {
      // a field of the report: handed over, not kept here
      this.reader.field(f.key!, x);
      return;
    }
    // (as JSON.parse: a key "__proto__" is a field, not the object's prototype)
    if (f.key === '__proto__') Object.defineProperty(f.v, f.key, { value: x, writable: true, enumerable: true, configurable: true });
    else f.v[f.key!] = x;
  }
}
