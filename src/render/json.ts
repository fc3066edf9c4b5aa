/**
 * `--output json`: one JSON document of the type `JsonReport` (json-report.ts; the contract
 * is docs/report-contract.md). Every time is ISO 8601 UTC (`...Z`) or null when the journal
 * gave none.
 */
import { KIND_INFO, type KubeletEvent } from '../model/events.js';
import type { Incident, NodeReport, Ref, Timeline } from '../timeline/model.js';
import { isoOrNull } from './format.js';
import type { JsonIncident, JsonNode, JsonRef, JsonReport, NdjsonEventRecord } from './json-report.js';

export const SCHEMA_VERSION = 1;

export interface JsonOptions {
  /** the zone year-less timestamps were read in */
  readonly timezone: string;
  readonly version?: string;
}

/** Makes a list of the report: `map` for `toJsonReport`, a `Deferred` one for `renderJsonChunks`. */
type ListOf = <X, Y>(xs: readonly X[], f: (x: X) => Y) => Y[];

/**
 * A list written element by element, each built only when it is written (`chunks`). Inside a
 * value written whole it is the list it stands for (`toJSON`).
 */
class Deferred<X, Y> {
  constructor(
    readonly xs: readonly X[],
    readonly f: (x: X) => Y,
  ) {}
  toJSON(): Y[] {
    return this.xs.map(this.f);
  }
}

/** The report as a plain object (what `JSON.stringify` writes). */
export function toJsonReport(t: Timeline, opts: JsonOptions): JsonReport {
  return report(t, opts, (xs, f) => xs.map(f));
}

function report(t: Timeline, opts: JsonOptions, list: ListOf): JsonReport {
  const evicted = t.incidents.reduce((a, i) => a + i.evictedPods.length, 0);
  const rejectedPods = new Set(t.incidents.flatMap((i) => i.rejectedPods.map((r) => `${i.node}\u0000${r.pod}`))).size;
  const rejections = t.incidents.reduce((a, i) => a + i.rejectedPods.reduce((b, r) => b + r.count, 0), 0);
  return {
    schemaVersion: SCHEMA_VERSION,
    generator: { name: 'klog-eviction', ...(opts.version ? { version: opts.version } : {}) },
    summary: {
      lines: t.counters.lines,
      kubeletLines: t.counters.kubeletLines,
      events: t.counters.events,
      unrecognized: t.counters.unrecognized,
      skipped: t.counters.skipped,
      duplicates: t.counters.duplicates,
      otherLines: t.counters.otherLines,
      verboseLines: t.counters.verboseLines,
      nodes: t.nodes.length,
      incidents: t.incidents.length,
      evictedPods: evicted,
      rejectedPods,
      rejections,
      ...(t.notes.some((n) => n.kind === 'interrupted') ? { partial: true as const } : {}),
    },
    timezone: opts.timezone,
    yearInferred: t.yearInferred,
    gapSeconds: t.gapMs / 1000,
    nodes: list(t.nodes, (n) => node(n, list)),
    incidents: list(t.incidents, incident),
    notes: t.notes.map((n) => ({
      kind: n.kind,
      ...(n.node !== undefined ? { node: n.node } : {}),
      ...(n.at !== undefined ? { at: isoOrNull(n.at) } : {}),
      text: n.text,
      ...(n.evidence ? { evidence: n.evidence.map(refOut) } : {}),
    })),
    unrecognized: t.unrecognized.map((u) => ({ input: u.input, line: u.line, text: u.text })),
    skipped: t.skipped.map((s) => ({ input: s.input, line: s.line, count: s.count, reason: s.reason })),
  };
}

const refOut = (r: Ref): JsonRef => ({ input: r.input, line: r.line });
/** JSON has no NaN: unknown numbers are null. */
const num = (x: number) => (Number.isFinite(x) ? x : null);

function node(n: NodeReport, list: ListOf): JsonNode {
  return {
    name: n.name,
    firstSeen: isoOrNull(n.firstSeen),
    lastSeen: isoOrNull(n.lastSeen),
    // (a kubelet that crash-loops starts every 10 s: a list of its own, written a start at a time)
    kubeletStarts: list(n.kubeletStarts, (s) => ({
      at: isoOrNull(s.at),
      pid: s.pid ?? null,
      ...(s.version ? { version: s.version } : {}),
      via: s.via,
      evidence: refOut(s.evidence),
      ...(s.failed ? { failed: { at: isoOrNull(s.failed.at), error: s.failed.error, evidence: refOut(s.failed.evidence) } } : {}),
    })),
    kubeletStops: list(n.kubeletStops, (s) => ({
      at: isoOrNull(s.at),
      detail: s.detail,
      ...(s.status ? { status: s.status } : {}),
      evidence: refOut(s.evidence),
    })),
    admissionFailures: n.admissionFailures.map((a) => ({
      pod: a.pod,
      reason: a.reason,
      message: a.message,
      count: a.count,
      first: isoOrNull(a.first),
      last: isoOrNull(a.last),
      evidence: refOut(a.evidence),
    })),
    thresholds: n.thresholds.map((t) => ({
      at: isoOrNull(t.at),
      source: t.source,
      hard: t.hard,
      ...(t.soft ? { soft: t.soft } : {}),
      ...(t.truncated ? { truncated: true } : {}),
      ...(t.partial ? { partial: true } : {}),
      ...(t.maxPodGracePeriodSeconds !== undefined ? { maxPodGracePeriodSeconds: t.maxPodGracePeriodSeconds } : {}),
      ...(t.pressureTransitionSeconds !== undefined ? { pressureTransitionSeconds: t.pressureTransitionSeconds } : {}),
      ...(t.pid !== undefined ? { pid: t.pid } : {}),
      evidence: refOut(t.evidence),
    })),
    thresholdChanges: n.thresholdChanges.map((c) => ({
      at: isoOrNull(c.at),
      kind: c.kind,
      signal: c.signal,
      from: c.from,
      to: c.to,
      evidence: refOut(c.evidence),
    })),
    droppedDefaults: n.droppedDefaults.map((d) => ({
      at: isoOrNull(d.at),
      signals: d.signals,
      evidence: refOut(d.evidence),
    })),
    // H1 series: values in bytes (or counts for inodes/pids); `points` are thinned when long
    observations: Object.values(n.observations).map((s) => ({
      signal: s.signal,
      count: s.count,
      min: { at: isoOrNull(s.min.at), available: num(s.min.available), capacity: num(s.min.capacity), evidence: refOut(s.min.evidence) },
      last: {
        at: isoOrNull(s.last.at),
        available: num(s.last.available),
        capacity: num(s.last.capacity),
        evidence: refOut(s.last.evidence),
      },
      points: s.points.map((x) => ({ at: isoOrNull(x.at), available: num(x.available), capacity: num(x.capacity) })),
    })),
    unobservedSignals: Object.values(n.unobserved).map((u) => ({
      signal: u.signal,
      count: u.count,
      first: isoOrNull(u.first),
      last: isoOrNull(u.last),
      ...(u.error ? { error: u.error } : {}),
      evidence: refOut(u.evidence),
    })),
  };
}

function incident(i: Incident): JsonIncident {
  return {
    id: i.id,
    node: i.node,
    start: isoOrNull(i.start),
    end: isoOrNull(i.end),
    ongoing: i.ongoing,
    closedBy: i.closedBy,
    durationSeconds: Number.isFinite(i.end - i.start) ? Math.round((i.end - i.start) / 1000) : null,
    resources: i.resources,
    conditions: i.conditions,
    reclaimAttempts: i.reclaimAttempts,
    mustEvict: i.mustEvict,
    rankedPods: i.rankedPods,
    evictedPods: i.evictedPods.map((p) => ({
      pod: p.pod,
      at: isoOrNull(p.at),
      ...(p.cause ? { cause: p.cause } : {}),
      ...(p.message ? { message: p.message } : {}),
    })),
    evictFailures: i.evictFailures.map((f) => ({
      pod: f.pod,
      at: isoOrNull(f.at),
      ...(f.error ? { error: f.error } : {}),
      ...(f.cause ? { cause: f.cause } : {}),
    })),
    criticalPods: i.criticalPods,
    rejectedPods: i.rejectedPods.map((r) => ({
      pod: r.pod,
      conditions: r.conditions,
      count: r.count,
      first: isoOrNull(r.first),
      last: isoOrNull(r.last),
    })),
    noPodsToEvict: i.noPodsToEvict,
    unableToEvict: i.unableToEvict,
    noRankingFunction: i.noRankingFunction,
    reclaimedWithoutEviction: i.reclaimedWithoutEviction,
    evictionKinds: i.evictionKinds,
    observed: i.observed.map((o) => ({
      signal: o.signal,
      available: o.available,
      availableValue: num(o.value),
      ...(o.capacity !== undefined ? { capacity: num(o.capacity) } : {}),
      ...(o.threshold ? { threshold: o.threshold } : {}),
      at: isoOrNull(o.at),
      via: o.via,
      evidence: refOut(o.evidence),
    })),
    imagesRemoved: i.imagesRemoved,
    bytesFreed: i.bytesFreed,
    ...(i.imageRemovalFailures
      ? { imageRemovalFailures: { ...i.imageRemovalFailures, evidence: refOut(i.imageRemovalFailures.evidence) } }
      : {}),
    ...(i.preemption
      ? { preemption: { resources: i.preemption.resources, for: i.preemption.for, evidence: refOut(i.preemption.evidence) } }
      : {}),
    ...(i.imageGc
      ? {
          imageGc: {
            usagePercent: i.imageGc.usagePercent,
            ...(Number.isFinite(i.imageGc.highPercent) ? { highPercent: i.imageGc.highPercent } : {}),
            ...(i.imageGc.lowPercent !== undefined ? { lowPercent: i.imageGc.lowPercent } : {}),
            ...(Number.isFinite(i.imageGc.bytesToFree) ? { bytesToFree: i.imageGc.bytesToFree } : {}),
            evidence: refOut(i.imageGc.evidence),
          },
        }
      : {}),
    ...(i.reclaimFailure ? { reclaimFailure: { ...i.reclaimFailure, evidence: refOut(i.reclaimFailure.evidence) } } : {}),
    softThresholdsMet: i.softThresholdsMet,
    thresholds: i.thresholds,
    thresholdsStatedAt: isoOrNull(i.thresholdsStatedAt),
    restarts: i.restarts.map((s) => ({ at: isoOrNull(s.at), pid: s.pid ?? null })),
    steps: i.steps.map((s) => ({
      kind: s.kind,
      title: KIND_INFO[s.kind].title,
      key: s.key,
      count: s.count,
      first: isoOrNull(s.first),
      last: isoOrNull(s.last),
      // the pods this row names (for ranking, eviction, cleanup and admission rows)
      pods: s.pods,
      evidence: refOut(s.evidence),
    })),
    explanation: i.statements.map((s) => s.text).join(' '),
    statements: i.statements.map((s) => ({ text: s.text, evidence: s.evidence.map(refOut) })),
    remediation: i.remediation.map((m) => ({
      kind: m.kind,
      title: m.title,
      text: m.text,
      ...(m.commands ? { commands: m.commands } : {}),
      ...(m.suggested ? { suggested: { ...m.suggested, hard: m.suggested.hard.map((t) => ({ signal: t.signal, value: t.value })) } } : {}),
      evidence: m.evidence.map(refOut),
    })),
    evidence: i.evidence.map(refOut),
  };
}

export function renderJson(t: Timeline, opts: JsonOptions): string {
  return [...renderJsonChunks(t, opts)].join('');
}

/**
 * The text of `JSON.stringify(toJsonReport(t, opts), null, 2)` plus a newline, in pieces:
 * the nodes and incidents, and a node's kubelet starts and stops, are built and written one at
 * a time, so a large report (10 MB for a week of a busy node, 60 MB for nine days of a kubelet
 * that crash-loops) never exists whole in memory, as objects or as one string.
 */
export function* renderJsonChunks(t: Timeline, opts: JsonOptions): Generator<string> {
  yield* chunks(
    report(t, opts, (xs, f) => new Deferred(xs, f) as unknown as ReturnType<typeof f>[]),
    '',
  );
  yield '\n';
}

/**
 * `JSON.stringify(value, null, 2)` indented by `pad`, in pieces: a `Deferred` list an element at
 * a time, an object holding one a member at a time, anything else whole.
 */
function* chunks(value: unknown, pad: string): Generator<string> {
  const inner = `${pad}  `;
  if (value instanceof Deferred) {
    const d = value as Deferred<unknown, unknown>;
    if (d.xs.length === 0) {
      yield '[]';
      return;
    }
    // (every element is an object: JSON.stringify never leaves one out)
    for (let i = 0; i < d.xs.length; i++) {
      yield `${i === 0 ? '[' : ','}\n${inner}`;
      yield* chunks(d.f(d.xs[i]), inner);
    }
    yield `\n${pad}]`;
    return;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).some((v) => v instanceof Deferred)) {
    let first = true;
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) continue; // as JSON.stringify leaves it out
      yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
      first = false;
      yield* chunks(v, inner);
    }
    yield first ? '{}' : `\n${pad}}`;
    return;
  }
  // (JSON strings hold no raw newline: every newline of a stringified value is indentation)
  const json = JSON.stringify(value, null, 2);
  yield pad === '' ? json : json.replace(/\n/g, `\n${pad}`);
}

/** One ndjson record for an event, as soon as it is recognised. */
export function eventRecord(e: KubeletEvent): NdjsonEventRecord {
  const { kind, at, node, src, ...fields } = e;
  return { at: isoOrNull(at), node, kind, ...fields, input: src.input, line: src.line } as NdjsonEventRecord;
}
