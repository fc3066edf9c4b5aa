/**
 * Stage 4: the timeline builder. Events in (in time order per node), a
 * `Timeline` out. A reducer: state grows with incidents, pods and thresholds,
 * never with lines (the 10-second loop becomes counters on one incident).
 */
import type { Counters, SkipReason, UnrecognizedLine } from '../analyze/analyzer.js';
import { assertNever, KIND_INFO, type EventOf, type KubeletEvent, type Threshold } from '../model/events.js';
import { goDurationSeconds, flagMap } from '../classify/values.js';
import type { EvictionCause, EvictionDetail } from '../model/events.js';
import { explain } from './explain.js';
import type {
  EvictionKind,
  Incident,
  ObservationSeries,
  ObservedLow,
  KubeletStart,
  NodeReport,
  Note,
  Ref,
  RejectedPod,
  Step,
  ThresholdStatement,
  Timeline,
} from './model.js';
import { conditionOf, DEFAULT_HARD, formatThreshold, signalsOf } from './signals.js';

export interface BuildOptions {
  /** an incident closes after this long without a pressure sign (`--gap`) */
  readonly gapMs: number;
}

/** How long after a start a "condition cleared" is just the kubelet's initial status. */
const STARTUP_GRACE_MS = 60_000;
/** How long a systemd `Started` waits for the new kubelet's PID to show. */
const SYSTEMD_PID_WINDOW_MS = 120_000;
const MAX_EVIDENCE = 200;
/** After a restart, this long without pressure lines means the pressure is not reported any more. */
const RESTART_SETTLE_MS = 60_000;
/** Points kept per signal per node; when full, every other point is dropped. */
export const MAX_POINTS = 240;

interface PendingFlags {
  at: number;
  epoch: number;
  pid: number | undefined;
  evidence: Ref;
  values: Map<string, string>;
}

interface NodeAcc {
  report: NodeReport;
  open: Incident | undefined;
  active: Set<string>;
  steps: Map<string, Step>;
  count: number;
  current: KubeletStart | undefined;
  epochOf: Map<ThresholdStatement, number>;
  flags: PendingFlags | undefined;
  /** B8 debug thresholds per kubelet start (epoch) */
  debug: Map<number, { at: number; evidence: Ref; pid: number | undefined; thresholds: Map<string, Threshold> }>;
  /** the eviction message seen for a pod just before its `evicted successfully` */
  lastDetail: Map<string, EvictionDetail & { message: string }>;
  /** the open incident's lowest observation per signal */
  lows: Map<string, ObservedLow>;
  /** the open incident's pods, by name: constant-time lookups (its lists keep the order) */
  pods: PodIndex;
}

/**
 * The open incident's pod lists as sets and maps, so that each event costs the same however
 * many pods the incident has named (a list scan per pod made a long ranking loop quadratic:
 * 32k rejected pods took 89 s). The lists on the incident stay the report's order.
 */
interface PodIndex {
  ranked: Set<string>;
  critical: Set<string>;
  rejected: Map<string, RejectedPod>;
  /** evicted entries per pod (a pod can be evicted again later in the incident) */
  evicted: Map<string, Incident['evictedPods']>;
  /** pods named by each step */
  stepPods: Map<Step, Set<string>>;
}

function newPodIndex(): PodIndex {
  return { ranked: new Set(), critical: new Set(), rejected: new Map(), evicted: new Map(), stepPods: new Map() };
}

export interface FinishInput {
  readonly counters: Counters;
  readonly unrecognized: readonly UnrecognizedLine[];
  readonly skipped: readonly SkipReason[];
  readonly yearInferred: boolean;
  /** V3 lines seen at all (observations, housekeeping ...) */
  /** nodes with lines only logged at --v>=3; absent when not known (a merge of reports) */
  readonly verboseNodes?: ReadonlySet<string>;
  /** last time any kubelet line was seen per node */
  readonly lastSeen: ReadonlyMap<string, number>;
  /** notes of the stages before (the order of the inputs, dates), said as they are */
  readonly notes?: readonly Note[];
}

const ref = (e: KubeletEvent): Ref => ({ input: e.src.input, line: e.src.line });

export class TimelineBuilder {
  private readonly nodes = new Map<string, NodeAcc>();
  private readonly incidents: Incident[] = [];
  private readonly notes: Note[] = [];

  constructor(private readonly opts: BuildOptions) {}

  add(e: KubeletEvent): void {
    const n = this.node(e.node);
    if (Number.isFinite(e.at)) {
      if (!(n.report.firstSeen <= e.at)) n.report.firstSeen = e.at;
      if (!(n.report.lastSeen >= e.at)) n.report.lastSeen = e.at;
    }
    if (n.flags && e.kind !== 'eviction-flag') this.flushFlags(n);
    switch (e.kind) {
      case 'kubelet-start':
        return this.onStart(n, e);
      case 'kubelet-stop':
        n.report.kubeletStops.push({ at: e.at, detail: e.detail, evidence: ref(e) });
        return;
      case 'thresholds-stated': {
        const st: ThresholdStatement = {
          at: e.at,
          source: e.source,
          hard: e.hard,
          ...(e.soft ? { soft: e.soft } : {}),
          ...(e.truncated ? { truncated: true } : {}),
          ...(n.current?.pid !== undefined ? { pid: n.current.pid } : {}),
          evidence: ref(e),
        };
        n.report.thresholds.push(st);
        n.epochOf.set(st, n.report.kubeletStarts.length);
        return;
      }
      case 'eviction-flag': {
        n.flags ??= {
          at: e.at,
          epoch: n.report.kubeletStarts.length,
          pid: n.current?.pid,
          evidence: ref(e),
          values: new Map(),
        };
        n.flags.values.set(e.flag.replace(/^experimental-/, ''), e.value);
        return;
      }
      case 'journal-marker':
        if (e.marker === 'boot' || e.marker === 'reboot') {
          this.notes.push({
            kind: 'journal-boot',
            node: e.node,
            at: e.at,
            text: `The journal marks a new boot (${e.detail}); the kubelet restarted with the machine.`,
            evidence: [ref(e)],
          });
        }
        return;
      case 'node-pressure-cleared':
        return this.onClear(n, e);
      case 'observation':
        return this.onObservation(n, e);
      case 'no-observation':
      case 'signal-error': {
        const u = (n.report.unobserved[e.signal] ??= { signal: e.signal, count: 0, first: e.at, last: e.at, evidence: ref(e) });
        u.count++;
        if (Number.isFinite(e.at)) u.last = e.at;
        if (e.kind === 'signal-error') u.error = e.error;
        return;
      }
      case 'journal-suppressed':
        this.notes.push({
          kind: 'journal-suppressed',
          node: e.node,
          at: e.at,
          text: `systemd-journald suppressed ${e.count.toLocaleString('en-US')} kubelet line(s) (${e.unit}, rate limit): the journal is incomplete around this time, so counts are lower bounds and some lines are missing.`,
          evidence: [ref(e)],
        });
        return;
      case 'journal-gap': {
        const inc = n.open;
        if (inc && e.from - inc.end <= this.opts.gapMs) {
          this.notes.push({
            kind: 'journal-silence',
            node: e.node,
            at: e.from,
            text: `No kubelet line at all for ${Math.round(e.seconds / 60)} min while incident ${inc.id} was open: the journal has a hole here (rotation, vacuum, a stopped or hung kubelet), so what happened in it cannot be told.`,
            evidence: [ref(e)],
          });
        }
        return;
      }
      case 'no-resources-starved':
      case 'memcg-notifier':
        return;
      case 'stats-failed':
      case 'node-not-ready':
      case 'gc-failed':
      case 'kube-event':
      case 'eviction-manager-error':
        return this.onDetail(n, e);
      case 'reclaim-attempt':
      case 'reclaim-without-eviction':
      case 'must-evict':
      case 'pods-ranked':
      case 'pod-evicted':
      case 'pod-evict-failed':
      case 'critical-pod':
      case 'unable-to-evict':
      case 'no-pods-to-evict':
      case 'no-ranking-function':
      case 'admission-rejected':
      case 'node-conditions':
      case 'node-pressure-reported':
      case 'no-reclaim-for-threshold':
      case 'transition-period':
      case 'grace-period-pending':
      case 'node-reclaim':
      case 'reclaim-error':
      case 'evicting-pod':
      case 'cleanup-wait':
      case 'cleanup-timeout':
      case 'cleanup-done':
      case 'threshold-met':
      case 'memcg-crossed':
      case 'image-gc-over-threshold':
      case 'image-removed':
      case 'image-gc-insufficient':
      case 'evicted-event':
        return this.onPressure(n, e);
      default:
        return assertNever(e);
    }
  }

  private node(name: string): NodeAcc {
    let n = this.nodes.get(name);
    if (!n) {
      n = {
        report: {
          name,
          kubeletStarts: [],
          kubeletStops: [],
          thresholds: [],
          thresholdChanges: [],
          droppedDefaults: [],
          observations: {},
          unobserved: {},
          firstSeen: NaN,
          lastSeen: NaN,
        },
        open: undefined,
        active: new Set(),
        steps: new Map(),
        count: 0,
        current: undefined,
        epochOf: new Map(),
        flags: undefined,
        debug: new Map(),
        lastDetail: new Map(),
        lows: new Map(),
        pods: newPodIndex(),
      };
      this.nodes.set(name, n);
    }
    return n;
  }

  private onStart(n: NodeAcc, e: EventOf<'kubelet-start'>): void {
    const cur = n.current;
    if (cur) {
      const samePid = e.pid !== undefined && cur.pid === e.pid;
      const awaiting = cur.pid === undefined && e.via !== 'systemd' && e.at - cur.at <= SYSTEMD_PID_WINDOW_MS;
      if (samePid || awaiting) {
        if (e.pid !== undefined) cur.pid = e.pid;
        if (e.version && !cur.version) cur.version = e.version;
        return;
      }
    }
    const start: KubeletStart = {
      at: e.at,
      via: e.via,
      ...(e.pid !== undefined ? { pid: e.pid } : {}),
      ...(e.version ? { version: e.version } : {}),
      evidence: ref(e),
    };
    n.current = start;
    n.report.kubeletStarts.push(start);
    if (n.open) {
      n.open.restarts.push(start);
      this.evidence(n.open, start.evidence);
    }
  }

  private flushFlags(n: NodeAcc): void {
    const f = n.flags!;
    n.flags = undefined;
    const hardFlag = f.values.get('eviction-hard');
    const softFlag = f.values.get('eviction-soft');
    const maxGrace = f.values.get('eviction-max-pod-grace-period');
    const transition = f.values.get('eviction-pressure-transition-period');
    const graceFlag = f.values.get('eviction-soft-grace-period');
    const minFlag = f.values.get('eviction-minimum-reclaim');
    if ([hardFlag, softFlag, maxGrace, transition, graceFlag, minFlag].every((x) => x === undefined)) return;
    const maxGraceS = maxGrace !== undefined ? goDurationSeconds(maxGrace) : NaN;
    const transitionS = transition !== undefined ? goDurationSeconds(transition) : NaN;
    const grace = new Map(flagMap(f.values.get('eviction-soft-grace-period') ?? '').map((x) => [x.signal, x.value]));
    const minReclaim = new Map(flagMap(f.values.get('eviction-minimum-reclaim') ?? '').map((x) => [x.signal, x.value]));
    const withMin = (t: Threshold): Threshold => {
      const mr = minReclaim.get(t.signal);
      return mr ? { ...t, minReclaim: mr } : t;
    };
    const hard = flagMap(hardFlag ?? '').map(withMin);
    const soft = flagMap(softFlag ?? '').map((t) => {
      const g = grace.get(t.signal);
      const s = g !== undefined ? goDurationSeconds(g) : NaN;
      return withMin(Number.isFinite(s) ? { ...t, gracePeriodSeconds: s } : t);
    });
    const st: ThresholdStatement = {
      at: f.at,
      source: 'flags',
      hard,
      ...(softFlag !== undefined ? { soft } : {}),
      // FLAG lines without --eviction-hard (an excerpt) do not say what the hard set is
      ...(hardFlag === undefined ? { partial: true } : {}),
      ...(Number.isFinite(maxGraceS) ? { maxPodGracePeriodSeconds: maxGraceS } : {}),
      ...(Number.isFinite(transitionS) ? { pressureTransitionSeconds: transitionS } : {}),
      ...(f.pid !== undefined ? { pid: f.pid } : {}),
      evidence: f.evidence,
    };
    n.report.thresholds.push(st);
    n.epochOf.set(st, f.epoch);
  }

  private onPressure(n: NodeAcc, e: KubeletEvent): void {
    // (events come in time order; one that came too late to be put in order and lies far
    // before the open incident does not belong to it either)
    if (n.open && Number.isFinite(e.at) && (e.at - n.open.end > this.opts.gapMs || n.open.start - e.at > this.opts.gapMs))
      this.close(n, 'quiet');
    if (!n.open) {
      n.count++;
      n.open = newIncident(`${e.node}#${n.count}`, e.node, e.at);
      n.steps = new Map();
      n.lows = new Map();
      n.pods = newPodIndex();
      this.incidents.push(n.open);
    }
    const inc = n.open;
    if (Number.isFinite(e.at) && !(inc.end >= e.at)) inc.end = e.at;
    // A line out of order (a paste, merged files) can be earlier than the first one seen.
    if (Number.isFinite(e.at) && (!Number.isFinite(inc.start) || e.at < inc.start)) inc.start = e.at;
    let key = '';
    const pods: string[] = [];
    switch (e.kind) {
      case 'reclaim-attempt':
        inc.reclaimAttempts++;
        key = e.resource;
        this.resource(n, inc, e.resource);
        break;
      case 'reclaim-without-eviction':
        inc.reclaimedWithoutEviction++;
        key = e.resource;
        this.resource(n, inc, e.resource);
        addUnique(inc.evictionKinds, 'node-level-reclaim');
        break;
      case 'must-evict':
        addUnique(inc.evictionKinds, 'node-pressure');
        inc.mustEvict++;
        key = e.resource;
        this.resource(n, inc, e.resource);
        break;
      case 'no-ranking-function':
        addUnique(inc.evictionKinds, 'node-pressure');
        key = e.resource;
        addUnique(inc.noRankingFunction, e.resource);
        this.resource(n, inc, e.resource);
        break;
      case 'pods-ranked':
        addUnique(inc.evictionKinds, 'node-pressure');
        for (const p of e.pods) addToSet(n.pods.ranked, inc.rankedPods, p);
        pods.push(...e.pods);
        break;
      case 'pod-evicted': {
        const d = n.lastDetail.get(e.pod);
        n.lastDetail.delete(e.pod);
        this.evicted(n, inc, e.pod, e.at, d);
        key = e.pod;
        pods.push(e.pod);
        break;
      }
      case 'evicting-pod':
      case 'evicted-event': {
        const d = { ...e.detail, message: e.message };
        key = e.pod;
        pods.push(e.pod);
        if (d.cause === 'admission') {
          addUnique(inc.evictionKinds, 'admission-rejection');
          for (const c of d.conditions ?? []) this.condition(n, inc, c);
          break;
        }
        if (d.resource) this.resource(n, inc, d.resource);
        if (d.cause === 'node-pressure' || d.cause === 'local-storage') addUnique(inc.evictionKinds, kindOfCause(d.cause));
        if (d.available && d.resource) {
          const signal = signalsOf(d.resource)[0] ?? d.resource;
          this.low(n, {
            signal,
            available: d.available.text,
            value: d.available.value,
            ...(d.threshold ? { threshold: d.threshold.text } : {}),
            at: e.at,
            evidence: ref(e),
            via: 'eviction-message',
          });
        }
        // the event echo can come after `evicted successfully`: complete that entry
        const done = n.pods.evicted.get(e.pod)?.find((x) => x.cause === undefined);
        if (done) {
          done.cause = d.cause;
          done.message = d.message;
        } else n.lastDetail.set(e.pod, d);
        break;
      }
      case 'threshold-met':
        key = e.signal;
        this.resource(n, inc, e.resource ?? e.signal);
        this.low(n, {
          signal: e.signal,
          available: e.available.text,
          value: e.available.value,
          threshold: e.threshold.text,
          at: e.at,
          evidence: ref(e),
          via: 'threshold-check',
        });
        break;
      case 'no-reclaim-for-threshold':
        key = e.signal;
        this.resource(n, inc, e.signal);
        break;
      case 'transition-period':
        key = e.conditions.join(',');
        for (const c of e.conditions) this.condition(n, inc, c);
        break;
      case 'grace-period-pending': {
        key = e.threshold.signal;
        this.resource(n, inc, e.threshold.signal);
        if (!inc.softThresholdsMet.some((t) => t.signal === e.threshold.signal && t.value === e.threshold.value)) {
          inc.softThresholdsMet.push(e.threshold);
        }
        const ep = n.report.kubeletStarts.length;
        const dbg = n.debug.get(ep) ?? { at: e.at, evidence: ref(e), pid: n.current?.pid, thresholds: new Map() };
        dbg.thresholds.set(`${e.threshold.signal}\u0000${e.threshold.gracePeriodSeconds ?? 0}`, e.threshold);
        n.debug.set(ep, dbg);
        break;
      }
      case 'node-reclaim':
        key = e.target;
        addUnique(inc.evictionKinds, 'node-level-reclaim');
        break;
      case 'reclaim-error':
        key = e.resource;
        this.resource(n, inc, e.resource);
        addUnique(inc.evictionKinds, 'node-level-reclaim');
        inc.reclaimFailure ??= {
          error: e.error,
          ...(e.wantedBytes !== undefined ? { wantedBytes: e.wantedBytes, freedBytes: e.freedBytes ?? 0 } : {}),
          evidence: ref(e),
        };
        break;
      case 'image-gc-over-threshold':
        addUnique(inc.resources, 'imagefs');
        addUnique(inc.evictionKinds, 'node-level-reclaim');
        if (!inc.imageGc || e.usagePercent > inc.imageGc.usagePercent) {
          inc.imageGc = {
            usagePercent: e.usagePercent,
            highPercent: e.highPercent,
            ...(e.lowPercent !== undefined ? { lowPercent: e.lowPercent } : {}),
            bytesToFree: e.bytesToFree,
            evidence: ref(e),
          };
        }
        break;
      case 'image-gc-insufficient':
        addUnique(inc.resources, 'imagefs');
        addUnique(inc.evictionKinds, 'node-level-reclaim');
        inc.reclaimFailure ??= { error: e.error, wantedBytes: e.wantedBytes, freedBytes: e.freedBytes, evidence: ref(e) };
        break;
      case 'image-removed':
        if (inc.resources.length === 0) addUnique(inc.resources, 'imagefs');
        inc.imagesRemoved++;
        if (Number.isFinite(e.bytes)) inc.bytesFreed += e.bytes;
        addUnique(inc.evictionKinds, 'node-level-reclaim');
        break;
      case 'memcg-crossed':
        key = e.description;
        this.resource(n, inc, 'memory');
        break;
      case 'cleanup-wait':
      case 'cleanup-timeout':
      case 'cleanup-done':
        key = e.pods.join(',');
        pods.push(...e.pods);
        break;
      case 'pod-evict-failed':
        inc.evictFailures.push({ pod: e.pod, at: e.at, ...(e.error ? { error: e.error } : {}) });
        key = e.pod;
        pods.push(e.pod);
        break;
      case 'critical-pod':
        addUnique(inc.evictionKinds, 'node-pressure');
        addToSet(n.pods.critical, inc.criticalPods, e.pod);
        pods.push(e.pod);
        break;
      case 'unable-to-evict':
        addUnique(inc.evictionKinds, 'node-pressure');
        inc.unableToEvict++;
        break;
      case 'no-pods-to-evict':
        addUnique(inc.evictionKinds, 'node-pressure');
        inc.noPodsToEvict++;
        break;
      case 'admission-rejected': {
        addUnique(inc.evictionKinds, 'admission-rejection');
        key = e.conditions.join(',');
        for (const c of e.conditions) this.condition(n, inc, c);
        let r = n.pods.rejected.get(e.pod);
        if (!r) {
          r = { pod: e.pod, conditions: [...e.conditions], count: 0, first: e.at, last: e.at };
          inc.rejectedPods.push(r);
          n.pods.rejected.set(e.pod, r);
        }
        r.count++;
        if (!(r.last >= e.at)) r.last = e.at;
        if (!(r.first <= e.at)) r.first = e.at;
        for (const c of e.conditions) addUnique(r.conditions, c);
        pods.push(e.pod);
        break;
      }
      case 'node-conditions':
        key = e.conditions.join(',');
        for (const c of e.conditions) this.condition(n, inc, c);
        break;
      case 'node-pressure-reported':
        key = e.condition;
        this.condition(n, inc, e.condition);
        break;
      default:
        break;
    }
    this.step(n, inc, e, key, pods);
  }

  private evicted(n: NodeAcc, inc: Incident, pod: string, at: number, d: (EvictionDetail & { message: string }) | undefined): void {
    addUnique(inc.evictionKinds, d && d.cause === 'local-storage' ? 'local-storage' : 'node-pressure');
    let mine = n.pods.evicted.get(pod);
    if (mine?.some((x) => Math.abs(x.at - at) < 1000)) return;
    const entry = { pod, at, ...(d && d.cause !== 'unknown' ? { cause: d.cause } : {}), ...(d ? { message: d.message } : {}) };
    inc.evictedPods.push(entry);
    if (!mine) n.pods.evicted.set(pod, (mine = []));
    mine.push(entry);
  }

  /** Keep the lowest available value per signal for the open incident. */
  private low(n: NodeAcc, o: ObservedLow): void {
    const inc = n.open;
    if (!inc || !Number.isFinite(o.value)) return;
    const prev = n.lows.get(o.signal);
    if (!prev || o.value < prev.value) {
      const merged: ObservedLow = { ...o, ...(prev?.threshold && !o.threshold ? { threshold: prev.threshold } : {}) };
      n.lows.set(o.signal, merged);
      const i = inc.observed.findIndex((x) => x.signal === o.signal);
      if (i === -1) inc.observed.push(merged);
      else inc.observed[i] = merged;
    } else if (!prev.threshold && o.threshold) prev.threshold = o.threshold;
  }

  private onObservation(n: NodeAcc, e: EventOf<'observation'>): void {
    const v = e.available.value;
    const c = e.capacity.value;
    if (!Number.isFinite(v)) return;
    const p = { at: e.at, available: v, capacity: c };
    let s = n.report.observations[e.signal];
    if (!s) {
      s = { signal: e.signal, count: 0, points: [], stride: 1, min: { ...p, evidence: ref(e) }, last: { ...p, evidence: ref(e) } };
      n.report.observations[e.signal] = s;
    }
    addPoint(s, p);
    if (v < s.min.available) s.min = { ...p, evidence: ref(e) };
    s.last = { ...p, evidence: ref(e) };
    const inc = n.open;
    if (inc && Number.isFinite(e.at) && e.at - inc.end <= this.opts.gapMs && relevant(inc, e.signal)) {
      this.low(n, {
        signal: e.signal,
        available: e.available.text,
        value: v,
        ...(Number.isFinite(c) ? { capacity: c } : {}),
        at: e.at,
        evidence: ref(e),
        via: 'observation',
      });
    }
  }

  /** A detail line (GC failure, stats failure, event): a row on the open incident, if one is live. */
  private onDetail(n: NodeAcc, e: KubeletEvent): void {
    const inc = n.open;
    if (!inc || !Number.isFinite(e.at) || e.at - inc.end > this.opts.gapMs) return;
    // `Image garbage collection failed once ... invalid capacity 0` is logged at almost every start
    if (e.kind === 'gc-failed' && e.once) return;
    let key = '';
    if (e.kind === 'kube-event') key = `${e.reason}`;
    else if (e.kind === 'stats-failed') key = e.phase;
    else if (e.kind === 'gc-failed') key = e.target;
    this.step(n, inc, e, key, []);
  }

  private resource(n: NodeAcc, inc: Incident, resource: string): void {
    addUnique(inc.resources, resource);
    this.condition(n, inc, conditionOf(resource));
  }

  private condition(n: NodeAcc, inc: Incident, c: string): void {
    addUnique(inc.conditions, c);
    n.active.add(c);
  }

  private step(n: NodeAcc, inc: Incident, e: KubeletEvent, key: string, pods: string[]): void {
    const id = `${e.kind}\u0000${key}`;
    let s = n.steps.get(id);
    if (!s) {
      s = { kind: e.kind, key, count: 0, first: e.at, last: e.at, evidence: ref(e), pods: [] };
      n.steps.set(id, s);
      inc.steps.push(s);
      this.evidence(inc, s.evidence);
    }
    s.count++;
    if (Number.isFinite(e.at) && !(s.last >= e.at)) s.last = e.at;
    if (Number.isFinite(e.at) && !(s.first <= e.at)) s.first = e.at;
    if (pods.length > 0) {
      let set = n.pods.stepPods.get(s);
      if (!set) n.pods.stepPods.set(s, (set = new Set()));
      for (const p of pods) addToSet(set, s.pods, p);
    }
  }

  private evidence(inc: Incident, r: Ref): void {
    if (inc.evidence.length < MAX_EVIDENCE && !inc.evidence.some((x) => x.input === r.input && x.line === r.line)) {
      inc.evidence.push(r);
    }
  }

  private onClear(n: NodeAcc, e: EventOf<'node-pressure-cleared'>): void {
    const inc = n.open;
    if (!inc) return;
    // At start-up the kubelet records the initial status of every condition.
    if (n.current && e.at - n.current.at < STARTUP_GRACE_MS) return;
    if (!n.active.delete(e.condition)) return;
    this.step(n, inc, e, e.condition, []);
    if (n.active.size === 0) {
      if (Number.isFinite(e.at) && e.at > inc.end) inc.end = e.at;
      this.close(n, 'condition-cleared');
    }
  }

  private close(n: NodeAcc, by: Incident['closedBy']): void {
    const inc = n.open!;
    inc.closedBy = by;
    n.open = undefined;
    n.active.clear();
  }

  /** Everything seen: close what is left, compare thresholds, explain. */
  finish(input: FinishInput): Timeline {
    for (const n of this.nodes.values()) {
      if (n.flags) this.flushFlags(n);
      for (const [ep, d] of n.debug) {
        const all = [...d.thresholds.values()];
        const st: ThresholdStatement = {
          at: d.at,
          source: 'threshold-debug',
          hard: all.filter((t) => !t.gracePeriodSeconds),
          soft: all.filter((t) => t.gracePeriodSeconds),
          partial: true,
          ...(d.pid !== undefined ? { pid: d.pid } : {}),
          evidence: d.evidence,
        };
        n.report.thresholds.push(st);
        n.epochOf.set(st, ep);
      }
      n.report.thresholds.sort((a, b) => (Number.isNaN(a.at) || Number.isNaN(b.at) ? 0 : a.at - b.at));
      const seen = Math.max(n.report.lastSeen, input.lastSeen.get(n.report.name) ?? -Infinity);
      if (Number.isFinite(seen)) n.report.lastSeen = seen;
      if (n.open) {
        const inc = n.open;
        // A kubelet that restarted after the last pressure sign and then ran
        // for a minute of loops (every 10 s) without reporting any is past it.
        const restartedSince = n.report.kubeletStarts.some((s) => s.at > inc.end && seen - s.at >= RESTART_SETTLE_MS);
        if (seen - inc.end > this.opts.gapMs || restartedSince) this.close(n, 'quiet');
        else {
          inc.ongoing = true;
          this.close(n, 'ongoing');
        }
      }
      this.compareThresholds(n);
    }
    for (const inc of this.incidents) {
      const n = this.nodes.get(inc.node)!;
      const eff = this.inForce(n, inc);
      if (eff) {
        inc.thresholds = eff.hard;
        inc.thresholdsStatedAt = eff.at;
      }
      // An observation's threshold is the one in force for its signal (a percentage of capacity).
      for (const o of inc.observed) {
        if (o.threshold) continue;
        const t = inc.thresholds.find((x) => x.signal === o.signal);
        if (t) o.threshold = t.value;
      }
      if (inc.closedBy === 'quiet') {
        const change = n.report.thresholdChanges.find(
          (c) => c.at >= inc.end && c.at - inc.end <= this.opts.gapMs && relevant(inc, c.signal),
        );
        if (change) inc.closedBy = 'threshold-change';
      }
      // A restart right after the last pressure sign belongs to how it ended, not to what happened during.
      inc.restarts = inc.restarts.filter((r) => r.at <= inc.end);
      inc.statements = explain(inc, n.report, this.opts.gapMs);
    }
    this.globalNotes(input);
    // Nodes by when they were first seen, incidents by when they began: each node's events come
    // in time order, but nodes and inputs are passed on as they allow (src/analyze/order.ts),
    // so the order they were met in is not the report's.
    const nodes = byTime(
      [...this.nodes.values()].map((n) => n.report),
      (n) => n.firstSeen,
      (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
    const pos = new Map(nodes.map((n, i) => [n.name, i]));
    const incidents = byTime(
      this.incidents,
      (i) => i.start,
      (a, b) => pos.get(a.node)! - pos.get(b.node)!,
    );
    return {
      counters: input.counters,
      nodes,
      incidents,
      notes: orderNotes(
        this.notes,
        nodes.map((n) => n.name),
      ),
      unrecognized: [...input.unrecognized],
      skipped: [...input.skipped],
      yearInferred: input.yearInferred,
      gapMs: this.opts.gapMs,
    };
  }

  /** The hard set in force per kubelet start: the Node Config line wins over FLAG lines. */
  private effective(n: NodeAcc): ThresholdStatement[] {
    const byEpoch = new Map<number, ThresholdStatement>();
    for (const st of n.report.thresholds) {
      if ((st.truncated && st.hard.length === 0) || st.partial) continue;
      const ep = n.epochOf.get(st) ?? 0;
      const prev = byEpoch.get(ep);
      if (!prev || prev.source === 'flags' || st.source === 'node-config') byEpoch.set(ep, st);
    }
    return [...byEpoch.entries()].sort((a, b) => a[0] - b[0]).map((x) => x[1]);
  }

  private compareThresholds(n: NodeAcc): void {
    const eff = this.effective(n);
    for (let i = 1; i < eff.length; i++) {
      const a = eff[i - 1]!;
      const b = eff[i]!;
      const before = new Map(a.hard.map((t) => [t.signal, t.value]));
      const after = new Map(b.hard.map((t) => [t.signal, t.value]));
      for (const [signal, to] of after) {
        const from = before.get(signal) ?? null;
        if (from !== to) n.report.thresholdChanges.push({ at: b.at, kind: 'hard', signal, from, to, evidence: b.evidence });
      }
      if (b.truncated) continue; // a cut list cannot say what disappeared
      const dropped: Threshold[] = [];
      for (const [signal, from] of before) {
        if (!after.has(signal)) {
          n.report.thresholdChanges.push({ at: b.at, kind: 'hard', signal, from, to: null, evidence: b.evidence });
          if (DEFAULT_HARD.some((d) => d.signal === signal && d.value === from)) dropped.push({ signal, value: from });
        }
      }
      if (dropped.length > 0 && b.hard.length > 0) {
        n.report.droppedDefaults.push({ at: b.at, signals: dropped, evidence: b.evidence });
      }
    }
  }

  private inForce(n: NodeAcc, inc: Incident): ThresholdStatement | undefined {
    const eff = this.effective(n);
    let best: ThresholdStatement | undefined;
    for (const st of eff) if (st.at <= inc.start) best = st;
    return best ?? eff.find((st) => st.at <= inc.end);
  }

  private globalNotes(input: FinishInput): void {
    this.notes.push(...(input.notes ?? []));
    if (input.yearInferred) {
      this.notes.push({
        kind: 'year-inferred',
        text: 'The timestamps carry no year; the year was inferred as the latest one that does not put them in the future. Pass --year to set it.',
      });
    }
    for (const n of this.nodes.values()) {
      const name = n.report.name;
      const incs = this.incidents.filter((i) => i.node === name);
      if (incs.length > 0 && this.effective(n).length === 0) {
        this.notes.push({
          kind: 'thresholds-unknown',
          node: name,
          text: 'No kubelet start-up line in the input states the eviction thresholds (the container manager "Node Config" line or FLAG lines); include the kubelet start in the journal to see them.',
        });
      }
      if (incs.length > 0 && !n.report.thresholds.some((t) => t.soft !== undefined)) {
        this.notes.push({
          kind: 'soft-thresholds-unknown',
          node: name,
          text: 'No line in the journal shows the soft eviction thresholds (FLAG --eviction-soft, a configuration dump or a V2 "eviction criteria not yet met" line), so whether a soft threshold with a grace period applied cannot be told from it.',
        });
      }
      if (incs.length > 0 && input.verboseNodes && !input.verboseNodes.has(name)) {
        this.notes.push({
          kind: 'low-verbosity',
          node: name,
          text: `The journal of ${name} has pressure lines but no verbosity-3 lines at all (observations, "no resources are starved"): its kubelet ran with --v below 3, so the observed values behind each decision are not in the journal.`,
        });
      }
      for (const u of Object.values(n.report.unobserved)) {
        this.notes.push({
          kind: 'signal-unobserved',
          node: name,
          at: u.first,
          text: `The kubelet found no observation for ${u.signal} ${u.count.toLocaleString('en-US')} time(s)${u.error ? ` (${u.error})` : ''}: a threshold on that signal cannot be enforced while this lasts.${/^allocatableNodeFs/.test(u.signal) ? ' (v1.7–1.9 logged this for allocatableNodeFs.available on every loop.)' : ''}`,
          evidence: [u.evidence],
        });
      }
    }
    const c = input.counters;
    if (c.kubeletLines === 0) {
      this.notes.push({
        kind: 'no-kubelet-lines',
        text:
          c.lines === 0
            ? 'The input is empty: the file has no lines, or journalctl found no entries. Check the unit: journalctl -u kubelet (k3s: -u k3s or -u k3s-agent).'
            : `None of the ${c.lines.toLocaleString('en-US')} lines read is kubelet output. Give the kubelet's journal: journalctl -u kubelet (k3s: -u k3s or -u k3s-agent; OpenShift 3: -u atomic-openshift-node), or a kubelet.log.`,
      });
    }
    if (c.unrecognized > 0) {
      this.notes.push({
        kind: 'unrecognized-lines',
        text: `${c.unrecognized} eviction-related line(s) matched no known kubelet message; they are listed under "unrecognized".`,
      });
    }
    if (c.skipped > 0) {
      for (const s of input.skipped) {
        this.notes.push({
          kind: 'skipped-lines',
          text: `${s.input}: ${s.count} line(s) skipped from line ${s.line}: ${s.reason}.`,
          evidence: [{ input: s.input, line: s.line }],
        });
      }
    }
    if (c.duplicates > 0) {
      this.notes.push({
        kind: 'duplicates',
        text: `${c.duplicates.toLocaleString('en-US')} entr${c.duplicates === 1 ? 'y was' : 'ies were'} read more than once (overlapping inputs, one journal in two formats, or a paste that repeats itself) and counted once.`,
      });
    }
  }
}

/**
 * The one order of notes, so a report and a merge of reports agree: the
 * inferred year first; then per node (in node order) its notes, timed ones by
 * time; then global notes with a time, by time; then the counters' notes.
 */
export function orderNotes(notes: readonly Note[], nodeOrder: readonly string[]): Note[] {
  const pos = new Map(nodeOrder.map((n, i) => [n, i]));
  const group = (n: Note) => (n.kind === 'year-inferred' ? 0 : n.node !== undefined ? 1 : n.at !== undefined ? 2 : 3);
  const time = (n: Note) => (n.at !== undefined && Number.isFinite(n.at) ? n.at : -Infinity);
  return notes
    .map((n, i) => ({ n, i }))
    .sort(
      (a, b) =>
        group(a.n) - group(b.n) || (pos.get(a.n.node ?? '') ?? 0) - (pos.get(b.n.node ?? '') ?? 0) || time(a.n) - time(b.n) || a.i - b.i,
    )
    .map((x) => x.n);
}

/** Stable sort by a time (unknown times last), then by `tie`. */
function byTime<T>(xs: readonly T[], at: (x: T) => number, tie: (a: T, b: T) => number): T[] {
  return xs
    .map((x, i) => ({ x, i, t: at(x) }))
    .sort((a, b) => {
      const an = Number.isNaN(a.t);
      const bn = Number.isNaN(b.t);
      if (an || bn) return an === bn ? tie(a.x, b.x) || a.i - b.i : an ? 1 : -1;
      return a.t - b.t || tie(a.x, b.x) || a.i - b.i;
    })
    .map((e) => e.x);
}

function newIncident(id: string, node: string, at: number): Incident {
  return {
    id,
    node,
    start: at,
    end: at,
    ongoing: false,
    closedBy: 'quiet',
    resources: [],
    conditions: [],
    reclaimAttempts: 0,
    mustEvict: 0,
    rankedPods: [],
    evictedPods: [],
    evictFailures: [],
    criticalPods: [],
    rejectedPods: [],
    noPodsToEvict: 0,
    unableToEvict: 0,
    noRankingFunction: [],
    reclaimedWithoutEviction: 0,
    evictionKinds: [],
    observed: [],
    imagesRemoved: 0,
    bytesFreed: 0,
    softThresholdsMet: [],
    thresholds: [],
    thresholdsStatedAt: NaN,
    restarts: [],
    steps: [],
    statements: [],
    evidence: [],
  };
}

/** Append a point, thinning the series by half when it is full (bounded memory). */
function addPoint(s: ObservationSeries, p: { at: number; available: number; capacity: number }): void {
  s.count++;
  if ((s.count - 1) % s.stride !== 0) return;
  s.points.push(p);
  if (s.points.length >= MAX_POINTS) {
    s.points = s.points.filter((_, i) => i % 2 === 0);
    s.stride *= 2;
  }
}

function kindOfCause(c: EvictionCause): EvictionKind {
  return c === 'local-storage' ? 'local-storage' : c === 'admission' ? 'admission-rejection' : 'node-pressure';
}

function addUnique<T>(list: T[], x: T): void {
  if (!list.includes(x)) list.push(x);
}

/** `addUnique` for lists that can grow long (pods): the set answers, the list keeps the order. */
function addToSet<T>(set: Set<T>, list: T[], x: T): void {
  if (set.has(x)) return;
  set.add(x);
  list.push(x);
}

/** Does a threshold on `signal` bear on this incident? */
function relevant(inc: Incident, signal: string): boolean {
  if (inc.resources.length === 0) return inc.conditions.includes(conditionOf(signal));
  return inc.resources.some((r) => signalsOf(r).includes(signal));
}

export { formatThreshold, KIND_INFO };
