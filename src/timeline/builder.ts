/**
 * Stage 4: the timeline builder. Events in (in time order per node), a
 * `Timeline` out. A reducer: state grows with incidents, pods and thresholds,
 * never with lines (the 10-second loop becomes counters on one incident).
 */
import type { Counters, SkipReason, UnplacedLines, UnrecognizedLine } from '../analyze/analyzer.js';
import { SILENCE_MS } from '../analyze/coverage.js';
import { assertNever, KIND_INFO, type EventOf, type KubeletEvent, type Threshold } from '../model/events.js';
import { goDurationSeconds, flagMap } from '../classify/values.js';
import type { EvictionCause, EvictionDetail } from '../model/events.js';
import { explain } from './explain.js';
import { remediate } from './remediation.js';
import type {
  AdmissionFailure,
  EvictionKind,
  Incident,
  ObservationSeries,
  ObservedLow,
  KubeletStart,
  KubeletStop,
  NodeReport,
  Note,
  Ref,
  RejectedPod,
  Step,
  ThresholdStatement,
  Timeline,
} from './model.js';
import { conditionOf, formatThreshold, relevant, signalsOf } from './signals.js';
import { isDefault, osOf } from './defaults.js';
import { num } from '../model/number.js';

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
/** systemd's lines of one stop (`Main process exited`, `Failed with result`, `Stopped`) come within this. */
const STOP_MERGE_MS = 60_000;
/** A fatal start-up error or an exit this soon after a start is that start failing. */
const START_FAIL_MS = 10 * 60_000;
/** Starvation again this soon after `no resources are starved` is the same incident flapping. */
const RESUME_MS = 60_000;
/** Two lines of one eviction (`is evicted successfully`, then `pods … evicted, waiting …`) or of one rejection. */
const SAME_EVICTION_MS = 10_000;
/** An `Evicted` or `Preempting` event is recorded before the kill, which waits out the pod's grace period. */
const KILL_GRACE_MS = 5 * 60_000;
const SAME_REJECTION_MS = 1_000;
/** An image removal and the runtime's failure for it (the CRI call's timeout is 2 min). */
const REMOVAL_FAIL_MS = 5 * 60_000;
const MAX_REMOVALS = 512;
/**
 * Kinds that say a resource is starved right now (a loop of the eviction manager that found a
 * threshold met): after `no resources are starved` they start pressure again. The rest of the
 * pressure kinds (rejections while a condition is held by the transition period, cleanup waits,
 * event echoes, image GC) are its tail.
 */
const STARVING = new Set<KubeletEvent['kind']>([
  'reclaim-attempt',
  'reclaim-without-eviction',
  'must-evict',
  'pods-ranked',
  'no-pods-to-evict',
  'unable-to-evict',
  'no-ranking-function',
  'threshold-met',
  'memcg-crossed',
  'grace-period-pending',
  'no-reclaim-for-threshold',
  'node-reclaim',
  'reclaim-error',
]);

interface PendingFlags {
  at: number;
  epoch: number;
  pid: number | undefined;
  evidence: Ref;
  values: Map<string, string>;
  /** the flags whose line was cut inside their value */
  cut: Set<string>;
}

interface NodeAcc {
  report: NodeReport;
  open: Incident | undefined;
  active: Set<string>;
  /** the open incident's steps, by kind and then key */
  steps: Map<string, Map<string, Step>>;
  count: number;
  current: KubeletStart | undefined;
  /** the PIDs of its starts: a new PID the order stage tells late (ndjson) is a start already known */
  startPids: Set<number>;
  epochOf: Map<ThresholdStatement, number>;
  flags: PendingFlags | undefined;
  /** B8 debug thresholds per kubelet start (epoch) */
  debug: Map<number, { at: number; evidence: Ref; pid: number | undefined; thresholds: Map<string, Threshold> }>;
  /** observations the eviction manager logged after a node-level reclaim, with no incident open: the first, and how many */
  reclaimed: { at: number; evidence: Ref; count: number } | undefined;
  /** the eviction message seen for a pod just before its `evicted successfully` */
  lastDetail: Map<string, EvictionDetail & { message: string }>;
  /** the open incident's lowest observation per signal */
  lows: Map<string, ObservedLow>;
  /** a stop since the current start (the next start is a new one, whatever its time) */
  stopped: boolean;
  /** what said the current start failed: the kubelet's own error, systemd, an exit status */
  failedBy: 'kubelet' | 'systemd' | 'exit' | undefined;
  /** systemd's last word on the current start: `Starting …` or `Started …` */
  systemd: 'starting' | 'started' | undefined;
  lastStop: KubeletStop | undefined;
  /** the first `no resources are starved` after the open incident's last pressure sign */
  starved: { at: number; evidence: Ref } | undefined;
  /** the open incident's last sign was a relief (B2 `able to reduce …`, B5): it had ended for now */
  relieved: boolean;
  /** the open incident's image removals (L2), for the runtime's failures (L7) */
  removals: Array<{ image: string; bytes: number; at: number; failedAt?: number }>;
  /** non-pressure admission failures per pod and reason; the last one per pod, to merge two lines of one */
  admission: Map<string, AdmissionFailure>;
  lastAdmission: Map<string, { at: number; stated: boolean; entry: AdmissionFailure }>;
  /** the eviction manager had not started (v1.4's sync loop says so) */
  managerDown?: { count: number; first: number; error: string; evidence: Ref };
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
  /** per input, its lines with eviction words that nothing placed (src/analyze/analyzer.ts) */
  readonly unplaced?: readonly UnplacedLines[];
  readonly unrecognized: readonly UnrecognizedLine[];
  readonly skipped: readonly SkipReason[];
  readonly yearInferred: boolean;
  /** what each input that needed a year inferred took it from (undefined: the clock) */
  readonly yearBasis?: ReadonlyArray<string | undefined>;
  /** V3 lines seen at all (observations, housekeeping ...) */
  /** nodes with lines only logged at --v>=3; absent when not known (a merge of reports) */
  readonly verboseNodes?: ReadonlySet<string>;
  /** last time any kubelet line was seen per node */
  readonly lastSeen: ReadonlyMap<string, number>;
  /** first time any kubelet line was seen per node: a node whose lines made no event is still reported */
  readonly firstSeen?: ReadonlyMap<string, number>;
  /** notes of the stages before (the order of the inputs, dates), said as they are */
  readonly notes?: readonly Note[];
}

const ref = (e: KubeletEvent): Ref => ({ input: e.src.input, line: e.src.line });

export class TimelineBuilder {
  private readonly nodes = new Map<string, NodeAcc>();
  private readonly incidents: Incident[] = [];
  private readonly notes: Note[] = [];
  /** silences while an incident was open: said at the end, unless the input looks filtered */
  private readonly silences: Note[] = [];
  private gaps = 0;
  private longestGapSeconds = 0;
  /** input lines that made an event of their own (for "is every line an eviction line?") */
  private linesWithEvents = 0;
  private lastInput = '';
  private lastLine = -1;
  /** evictions only an `Evicted` event has shown so far (taken back when the kill fails) */
  private readonly byEvent = new WeakSet<object>();

  constructor(private readonly opts: BuildOptions) {}

  add(e: KubeletEvent): void {
    if (e.kind !== 'journal-gap' && e.kind !== 'journal-marker' && !(e.kind === 'kubelet-start' && e.via === 'pid-change')) {
      if (e.src.line !== this.lastLine || e.src.input !== this.lastInput) this.linesWithEvents++;
      this.lastInput = e.src.input;
      this.lastLine = e.src.line;
    }
    const n = this.node(e.node);
    if (Number.isFinite(e.at)) {
      if (!(n.report.firstSeen <= e.at)) n.report.firstSeen = e.at;
      if (!(n.report.lastSeen >= e.at)) n.report.lastSeen = e.at;
    }
    if (n.flags && e.kind !== 'eviction-flag') this.flushFlags(n);
    switch (e.kind) {
      case 'kubelet-start':
        return this.onStart(n, e.at, e.via, e.pid, e.version, ref(e), e.starting);
      case 'kubelet-stop':
        return this.onStop(n, e);
      case 'kubelet-start-failed':
        return this.onStartFailed(n, e);
      case 'admission-failed':
        return this.onAdmissionFailed(n, e);
      case 'thresholds-stated': {
        // (logged once, at the start of the process: a start, or the PID of the one just seen)
        this.onStart(n, e.at, 'startup-line', e.pid, undefined, ref(e));
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
        // The FLAG dump is printed once, at the start of the process: it is a start.
        if (!n.flags) this.onStart(n, e.at, 'flag-dump', e.pid, undefined, ref(e));
        n.flags ??= {
          at: e.at,
          epoch: n.report.kubeletStarts.length,
          pid: n.current?.pid,
          evidence: ref(e),
          values: new Map(),
          cut: new Set(),
        };
        const flag = e.flag.replace(/^experimental-/, '');
        n.flags.values.set(flag, e.value);
        if (e.truncated) n.flags.cut.add(flag);
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
          text: `systemd-journald suppressed ${num(e.count)} kubelet line(s) (${e.unit}, rate limit): the journal is incomplete around this time, so counts are lower bounds and some lines are missing.`,
          evidence: [ref(e)],
        });
        return;
      case 'journal-gap': {
        this.gaps++;
        if (e.seconds > this.longestGapSeconds) this.longestGapSeconds = e.seconds;
        const inc = n.open;
        // (after `able to reduce … pressure` or `no resources are starved` the incident had ended)
        if (inc && e.from - inc.end <= this.opts.gapMs && !n.relieved) {
          this.silences.push({
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
        return this.onNotStarved(n, e);
      case 'memcg-notifier':
        return;
      case 'stats-failed':
      case 'node-not-ready':
      case 'gc-failed':
      case 'kube-event':
        return this.onDetail(n, e);
      case 'eviction-manager-error':
        // v1.4: `skipping pod synchronization - [failed to start eviction manager …]`, every sync
        if (/failed to start eviction manager/i.test(e.error)) {
          const d = (n.managerDown ??= { count: 0, first: e.at, error: e.error, evidence: ref(e) });
          d.count++;
        }
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
      case 'image-remove-failed':
      case 'evicted-event':
      case 'preemption-attempt':
      case 'pod-preempted':
      case 'pod-preempt-failed':
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
          admissionFailures: [],
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
        startPids: new Set(),
        epochOf: new Map(),
        flags: undefined,
        debug: new Map(),
        reclaimed: undefined,
        lastDetail: new Map(),
        lows: new Map(),
        stopped: false,
        failedBy: undefined,
        systemd: undefined,
        lastStop: undefined,
        starved: undefined,
        relieved: false,
        removals: [],
        admission: new Map(),
        lastAdmission: new Map(),
        pods: newPodIndex(),
      };
      this.nodes.set(name, n);
    }
    return n;
  }

  /**
   * A sign of a start (systemd's `Starting`/`Started`, a start-up line, a new PID, the FLAG dump):
   * the current start again when nothing says otherwise (the same PID; or one PID unknown, no
   * stop since and within the window), else a new one.
   */
  private onStart(
    n: NodeAcc,
    at: number,
    via: KubeletStart['via'],
    pid: number | undefined,
    version: string | undefined,
    evidence: Ref,
    starting = false,
  ): void {
    // (the order stage tells a new PID when its stretch of lines is released, which for a live
    // listener can be after later starts: one of a start already known is that start)
    if (via === 'pid-change' && pid !== undefined && n.startPids.has(pid)) return;
    const cur = n.current;
    if (cur) {
      const samePid = pid !== undefined && cur.pid === pid;
      // two of systemd's lines are one start only as `Starting …`, then `Started …`
      const systemdAgain = via === 'systemd' && n.systemd !== undefined && !(n.systemd === 'starting' && !starting);
      const oneUnknown =
        (pid === undefined || cur.pid === undefined) &&
        !n.stopped &&
        !cur.failed &&
        !systemdAgain &&
        !(at - cur.at > SYSTEMD_PID_WINDOW_MS); // (a paste that lost its times: the order of the lines is all there is)
      if (samePid || oneUnknown) {
        if (pid !== undefined && cur.pid === undefined) {
          cur.pid = pid;
          n.startPids.add(pid);
        }
        if (version && !cur.version) cur.version = version;
        if (via === 'systemd') n.systemd = starting ? 'starting' : 'started';
        return;
      }
    }
    this.newStart(n, { at, via, ...(pid !== undefined ? { pid } : {}), ...(version ? { version } : {}), evidence });
    if (via === 'systemd') n.systemd = starting ? 'starting' : 'started';
  }

  private newStart(n: NodeAcc, start: KubeletStart): void {
    n.current = start;
    if (start.pid !== undefined) n.startPids.add(start.pid);
    n.stopped = false;
    n.failedBy = undefined;
    n.systemd = undefined;
    n.report.kubeletStarts.push(start);
    if (n.open) {
      n.open.restarts.push(start);
      this.evidence(n.open, start.evidence);
    }
  }

  /** systemd's lines of one stop are one stop; an exit with a failure status soon after a start fails it. */
  private onStop(n: NodeAcc, e: EventOf<'kubelet-stop'>): void {
    const last = n.lastStop;
    if (last && n.stopped && !(e.at - last.at > STOP_MERGE_MS)) {
      if (!last.status && e.status) last.status = e.status;
    } else {
      const stop: KubeletStop = { at: e.at, detail: e.detail, ...(e.status ? { status: e.status } : {}), evidence: ref(e) };
      n.report.kubeletStops.push(stop);
      n.lastStop = stop;
    }
    const cur = n.current;
    const failure = /code=(?:exited|dumped)/.test(e.detail) && e.status !== undefined && !/^0(?:\/|$)/.test(e.status);
    if (cur && !n.stopped && !cur.failed && failure && !(e.at - cur.at > START_FAIL_MS)) {
      cur.failed = { at: e.at, error: e.detail, evidence: ref(e) };
      n.failedBy = 'exit';
    }
    n.stopped = true;
  }

  /**
   * A start that failed: the current start (the same PID or one unknown, within the window),
   * or a start the failure itself shows. The kubelet's error comes before its exit, systemd's
   * `Failed to start` after it; the kubelet's own error is the one kept.
   */
  private onStartFailed(n: NodeAcc, e: EventOf<'kubelet-start-failed'>): void {
    const failed = { at: e.at, error: e.error, evidence: ref(e) };
    const cur = n.current;
    const ours = cur && !(e.at - cur.at > START_FAIL_MS) && (e.pid === undefined || cur.pid === undefined || cur.pid === e.pid);
    if (cur && ours && (e.by === 'systemd' || !n.stopped)) {
      if (e.by === 'kubelet') {
        if (n.failedBy !== 'kubelet') {
          cur.failed = failed;
          n.failedBy = 'kubelet';
        }
        if (e.pid !== undefined && cur.pid === undefined) {
          cur.pid = e.pid;
          n.startPids.add(e.pid);
        }
      } else {
        if (!cur.failed) {
          cur.failed = failed;
          n.failedBy = 'systemd';
        }
        n.stopped = true;
      }
      return;
    }
    this.newStart(n, {
      at: e.at,
      via: e.by === 'systemd' ? 'systemd' : 'startup-line',
      ...(e.pid !== undefined ? { pid: e.pid } : {}),
      evidence: ref(e),
      failed,
    });
    n.failedBy = e.by;
    // systemd says it after the exit
    if (e.by === 'systemd') n.stopped = true;
  }

  /** A pod not admitted for a cause other than pressure: listed per node, never an incident. */
  private onAdmissionFailed(n: NodeAcc, e: EventOf<'admission-failed'>): void {
    const prev = n.lastAdmission.get(e.pod);
    // predicate.go's own line and v1.31+'s `Pod admission denied` for one rejection: the kubelet's stated reason wins
    if (prev && prev.stated !== !!e.stated && Math.abs(e.at - prev.at) <= SAME_REJECTION_MS) {
      if (e.stated && prev.entry.reason !== e.reason) {
        prev.entry.count--;
        if (prev.entry.count === 0) {
          n.admission.delete(`${e.pod}\u0000${prev.entry.reason}`);
          n.report.admissionFailures.splice(n.report.admissionFailures.indexOf(prev.entry), 1);
        }
        n.lastAdmission.set(e.pod, { at: e.at, stated: true, entry: this.admissionEntry(n, e) });
      } else prev.stated = true;
      return;
    }
    n.lastAdmission.set(e.pod, { at: e.at, stated: !!e.stated, entry: this.admissionEntry(n, e) });
  }

  private admissionEntry(n: NodeAcc, e: EventOf<'admission-failed'>): AdmissionFailure {
    const key = `${e.pod}\u0000${e.reason}`;
    let a = n.admission.get(key);
    if (!a) {
      a = { pod: e.pod, reason: e.reason, message: e.message, count: 0, first: e.at, last: e.at, evidence: ref(e) };
      n.admission.set(key, a);
      n.report.admissionFailures.push(a);
    }
    a.count++;
    if (Number.isFinite(e.at) && !(a.last >= e.at)) a.last = e.at;
    if (Number.isFinite(e.at) && !(a.first <= e.at)) a.first = e.at;
    return a;
  }

  /** B5 after the open incident's last pressure sign: the kubelet says pressure is over. */
  private onNotStarved(n: NodeAcc, e: EventOf<'no-resources-starved'>): void {
    const inc = n.open;
    // (a paste without times has only the order of its lines: this one comes after the last sign)
    if (!inc || e.at < inc.end || e.at - inc.end > this.opts.gapMs) return;
    n.relieved = true;
    if (n.starved) return;
    n.starved = { at: e.at, evidence: ref(e) };
    this.step(n, inc, e, '', []);
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
      // (a line cut inside the hard or soft list: what it has is whole, what it lost is not known)
      ...(f.cut.has('eviction-hard') || f.cut.has('eviction-soft') ? { truncated: true } : {}),
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
    // Starving again after `no resources are starved`: a new incident, unless it is the loop flapping.
    // (without times, only the order of the lines tells: the same incident)
    if (n.open && n.starved && STARVING.has(e.kind)) {
      if (e.at - n.starved.at > RESUME_MS) this.close(n, 'no-resources-starved');
      else n.starved = undefined;
    }
    if (!n.open) {
      n.count++;
      n.open = newIncident(`${e.node}#${n.count}`, e.node, e.at);
      n.steps = new Map();
      n.lows = new Map();
      n.removals = [];
      n.pods = newPodIndex();
      this.incidents.push(n.open);
    }
    if (STARVING.has(e.kind)) n.relieved = e.kind === 'reclaim-without-eviction';
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
        if (e.resource) addUnique(inc.noRankingFunction, e.resource);
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
        this.byEvent.delete(this.evicted(n, inc, e.pod, e.at, d)[0]);
        key = e.pod;
        pods.push(e.pod);
        break;
      }
      case 'pod-preempted':
        this.evicted(n, inc, e.pod, e.at, { cause: 'preemption', message: 'Preempted in order to admit critical pod' }, KILL_GRACE_MS);
        key = e.pod;
        pods.push(e.pod);
        break;
      case 'pod-preempt-failed':
        addUnique(inc.evictionKinds, 'critical-pod-preemption');
        inc.evictFailures.push({ pod: e.pod, at: e.at, ...(e.error ? { error: e.error } : {}), cause: 'preemption' });
        key = e.pod;
        pods.push(e.pod);
        break;
      case 'preemption-attempt': {
        addUnique(inc.evictionKinds, 'critical-pod-preemption');
        const p = (inc.preemption ??= { resources: [], for: [], evidence: ref(e) });
        for (const r of e.resources) addUnique(p.resources, r);
        if (e.requestingPod) addUnique(p.for, e.requestingPod);
        pods.push(...e.pods);
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
        if (e.kind === 'evicted-event' && d.cause !== 'unknown') {
          // the pod's `Evicted` event is recorded as it is killed (often the only sign of it at
          // --v=3 when a paste lost the other lines); one eviction with the kubelet's own line,
          // which comes after the kill's grace period; taken back if the kill failed
          const [x, added] = this.evicted(n, inc, e.pod, e.at, d, KILL_GRACE_MS);
          if (added) this.byEvent.add(x);
          break;
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
            // (NaN: the paste cut the value from the line)
            highPercent: e.highPercent ?? NaN,
            ...(e.lowPercent !== undefined ? { lowPercent: e.lowPercent } : {}),
            bytesToFree: e.bytesToFree ?? NaN,
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
        if (e.bytes !== undefined && Number.isFinite(e.bytes)) inc.bytesFreed += e.bytes;
        addUnique(inc.evictionKinds, 'node-level-reclaim');
        n.removals.push({ image: e.image, bytes: e.bytes ?? NaN, at: e.at });
        if (n.removals.length > MAX_REMOVALS) n.removals.shift();
        break;
      case 'image-remove-failed':
        if (inc.resources.length === 0) addUnique(inc.resources, 'imagefs');
        addUnique(inc.evictionKinds, 'node-level-reclaim');
        key = e.image;
        this.removalFailed(n, inc, e);
        break;
      case 'memcg-crossed':
        key = e.description;
        this.resource(n, inc, 'memory');
        break;
      case 'cleanup-wait':
        // v1.7–1.9 log no line of their own when the threshold path evicts a pod: this one is
        // the eviction (later versions log `is evicted successfully` just before it; the kill
        // that failed logs `error while evicting pod` before it, and is no eviction)
        for (const p of e.pods) {
          if (inc.evictFailures.some((f) => f.pod === p && sameTime(f.at, e.at, SAME_EVICTION_MS))) continue;
          const d = n.lastDetail.get(p);
          n.lastDetail.delete(p);
          this.byEvent.delete(this.evicted(n, inc, p, e.at, d, SAME_EVICTION_MS)[0]);
        }
        key = e.pods.join(',');
        pods.push(...e.pods);
        break;
      case 'cleanup-timeout':
      case 'cleanup-done':
        key = e.pods.join(',');
        pods.push(...e.pods);
        break;
      case 'pod-evict-failed': {
        inc.evictFailures.push({ pod: e.pod, at: e.at, ...(e.error ? { error: e.error } : {}) });
        // an eviction its event announced, whose kill then failed, did not happen
        const i = inc.evictedPods.findIndex((x) => x.pod === e.pod && this.byEvent.has(x) && sameTime(x.at, e.at, KILL_GRACE_MS));
        if (i !== -1) {
          const [gone] = inc.evictedPods.splice(i, 1);
          const mine = n.pods.evicted.get(e.pod);
          if (mine) mine.splice(mine.indexOf(gone!), 1);
        }
        key = e.pod;
        pods.push(e.pod);
        break;
      }
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

  /**
   * A pod evicted (or preempted), once: two lines for one eviction within `window` (the kubelet's
   * and its cleanup wait; an event echo) add its cause but no second eviction.
   */
  private evicted(
    n: NodeAcc,
    inc: Incident,
    pod: string,
    at: number,
    d: (Pick<EvictionDetail, 'cause'> & { message: string }) | undefined,
    window = 1000,
  ): [Incident['evictedPods'][number], boolean] {
    addUnique(inc.evictionKinds, kindOfCause(d?.cause ?? 'node-pressure'));
    const last = inc.evictedPods[inc.evictedPods.length - 1];
    // (an event is recorded before the kill, which waits out the pod's grace period)
    const prev = n.pods.evicted
      .get(pod)
      ?.find(
        (x) => sameTime(x.at, at, this.byEvent.has(x) ? KILL_GRACE_MS : window) || (x === last && Number.isNaN(x.at) && Number.isNaN(at)),
      );
    if (prev) {
      if (prev.cause === undefined && d && d.cause !== 'unknown') {
        prev.cause = d.cause;
        prev.message = d.message;
      }
      return [prev, false];
    }
    const x = { pod, at, ...(d && d.cause !== 'unknown' ? { cause: d.cause } : {}), ...(d ? { message: d.message } : {}) };
    inc.evictedPods.push(x);
    const mine = n.pods.evicted.get(pod);
    if (mine) mine.push(x);
    else n.pods.evicted.set(pod, [x]);
    return [x, true];
  }

  /**
   * The runtime refused to remove an image GC chose: the removal of that image (the newest one
   * when the line names none) freed nothing. Its two lines (CRI client, kuberuntime) are one failure.
   */
  private removalFailed(n: NodeAcc, inc: Incident, e: EventOf<'image-remove-failed'>): void {
    const id = imageKey(e.image);
    let r: NodeAcc['removals'][number] | undefined;
    for (let i = n.removals.length - 1; i >= 0 && !r; i--) {
      const x = n.removals[i]!;
      // (without times, the order of the lines tells: the removal just before the failure)
      const near = sameTime(x.at, e.at, REMOVAL_FAIL_MS) || (i === n.removals.length - 1 && Number.isNaN(x.at) && Number.isNaN(e.at));
      if (near && (id === '' || sameImage(imageKey(x.image), id))) r = x;
    }
    const f = (inc.imageRemovalFailures ??= { count: 0, error: e.error, evidence: ref(e) });
    if (r?.failedAt !== undefined) return; // the second line of that failure
    if (r) {
      r.failedAt = e.at;
      inc.imagesRemoved--;
      if (Number.isFinite(r.bytes)) inc.bytesFreed -= r.bytes;
    } else {
      // no removal line for it in the input: count it once for both its lines
      n.removals.push({ image: e.image, bytes: NaN, at: e.at, failedAt: e.at });
      if (n.removals.length > MAX_REMOVALS) n.removals.shift();
    }
    f.count++;
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
    const live = inc !== undefined && Number.isFinite(e.at) && e.at - inc.end <= this.opts.gapMs;
    // `observations after resource reclaim`: logged only once the eviction manager has reclaimed
    // at node level (image and container GC), for a signal that met its threshold
    if (!live && /after resource reclaim/i.test(e.phase)) (n.reclaimed ??= { at: e.at, evidence: ref(e), count: 0 }).count++;
    if (live && relevant(inc, e.signal)) {
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
    if (resource === '') return; // cut before the name: it cannot be told
    addUnique(inc.resources, resource);
    this.condition(n, inc, conditionOf(resource));
  }

  private condition(n: NodeAcc, inc: Incident, c: string): void {
    addUnique(inc.conditions, c);
    n.active.add(c);
  }

  private step(n: NodeAcc, inc: Incident, e: KubeletEvent, key: string, pods: string[]): void {
    // (by kind, then key: both strings the event shares with its repeats, whose hashes V8 keeps;
    // a key made of the two would be a new string to hash at every event)
    let byKey = n.steps.get(e.kind);
    if (!byKey) n.steps.set(e.kind, (byKey = new Map()));
    let s = byKey.get(key);
    if (!s) {
      s = { kind: e.kind, key, count: 0, first: e.at, last: e.at, evidence: ref(e), pods: [] };
      byKey.set(key, s);
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
    // the kubelet said so: a better end than a silence, or the end of the input
    if (n.starved && (by === 'quiet' || by === 'ongoing' || by === 'no-resources-starved')) {
      by = 'no-resources-starved';
      if (!(inc.end >= n.starved.at)) inc.end = n.starved.at;
    } else if (n.relieved && (by === 'quiet' || by === 'ongoing')) {
      // the last cycle ended in `able to reduce … without evicting pods` (a paste without times
      // has only that order to go by): reclaim ended it, not a silence or the end of the input
      by = 'reclaimed';
    }
    inc.closedBy = by;
    inc.ongoing = by === 'ongoing';
    n.open = undefined;
    n.active.clear();
    n.starved = undefined;
    n.relieved = false;
    n.removals = [];
  }

  /** Everything seen: close what is left, compare thresholds, explain. */
  finish(input: FinishInput): Timeline {
    for (const [name, at] of input.firstSeen ?? []) {
      const n = this.node(name);
      if (!(n.report.firstSeen <= at)) n.report.firstSeen = at;
    }
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
      // (a node with no event of its own has no lastSeen yet: NaN must not swallow the input's)
      const seen = Math.max(...[n.report.lastSeen, input.lastSeen.get(n.report.name) ?? NaN].filter((x) => Number.isFinite(x)), -Infinity);
      if (Number.isFinite(seen)) n.report.lastSeen = seen;
      if (n.open) {
        const inc = n.open;
        // A kubelet that restarted after the last pressure sign and then ran
        // for a minute of loops (every 10 s) without reporting any is past it.
        const restartedSince = n.report.kubeletStarts.some((s) => s.at > inc.end && seen - s.at >= RESTART_SETTLE_MS);
        // Quiet is the kubelet's own silence: its lines going on without a pressure sign. systemd's
        // lines after it (a stop, a pasted `systemctl status`) say the kubelet went away, not
        // that the pressure ended.
        const heard = input.lastSeen.get(n.report.name) ?? seen;
        // (preemption is done when its lines are: no pressure goes on after it)
        this.close(n, heard - inc.end > this.opts.gapMs || restartedSince || isPreemptionOnly(inc) ? 'quiet' : 'ongoing');
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
      inc.remediation = remediate(inc, n.report, this.opts.gapMs);
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

  /**
   * What the live stream (`-o ndjson`) reads after each event: the node's open incident, its
   * kubelet starts, and the hard threshold set in force per start so far. Read-only views of the
   * builder's state; nothing is computed that `finish` would not.
   */
  peek(
    node: string,
  ):
    { open: Incident | undefined; starts: readonly KubeletStart[]; statements: number; effective: () => ThresholdStatement[] } | undefined {
    const n = this.nodes.get(node);
    if (!n) return undefined;
    return { open: n.open, starts: n.report.kubeletStarts, statements: n.report.thresholds.length, effective: () => this.effective(n) };
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
      // the defaults of the kubelet that stated `b` (of any version when the journal shows none)
      const version = n.report.kubeletStarts[(n.epochOf.get(b) ?? 0) - 1]?.version;
      const os = osOf(
        eff.map((s) => s.hard),
        version,
      );
      const dropped: Threshold[] = [];
      for (const [signal, from] of before) {
        if (!after.has(signal)) {
          n.report.thresholdChanges.push({ at: b.at, kind: 'hard', signal, from, to: null, evidence: b.evidence });
          if (isDefault(signal, from, version, os)) dropped.push({ signal, value: from });
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
      // (one input dated by its own first lines: said so; else the clock's rule)
      const basis = input.yearBasis?.length === 1 ? input.yearBasis[0] : undefined;
      this.notes.push({
        kind: 'year-inferred',
        text:
          basis !== undefined
            ? `The timestamps carry no year; the year was taken from ${basis}, which does not settle it (it names no end, or a span of more than a year). Pass --year to set it.`
            : 'The timestamps carry no year; the year was inferred as the latest one that does not put them in the future. Pass --year to set it.',
      });
    }
    for (const n of this.nodes.values()) {
      const name = n.report.name;
      // (preemption to admit a critical pod is no pressure: thresholds and verbosity do not bear on it)
      const incs = this.incidents.filter((i) => i.node === name && !isPreemptionOnly(i));
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
      if (n.reclaimed && !this.incidents.some((i) => i.node === name)) {
        const r = n.reclaimed;
        this.notes.push({
          kind: 'reclaim-without-incident',
          node: name,
          at: r.at,
          text: `The eviction manager logged ${num(r.count)} observation(s) after a resource reclaim: it reclaims at node level (image and container garbage collection) only when a disk signal has met its eviction threshold, so there was pressure, but the lines that tell of it (which signal, when it began) are not in the input. Include the journal from before the first of these lines.`,
          evidence: [r.evidence],
        });
      }
      if (n.managerDown) {
        const d = n.managerDown;
        this.notes.push({
          kind: 'eviction-manager-down',
          node: name,
          at: d.first,
          text: `The kubelet said ${num(d.count)} time(s) that its eviction manager had not started (${d.error}): while that lasted no eviction threshold was enforced and no pod was evicted for pressure.`,
          evidence: [d.evidence],
        });
      }
      for (const u of Object.values(n.report.unobserved)) {
        this.notes.push({
          kind: 'signal-unobserved',
          node: name,
          at: u.first,
          text: `The kubelet found no observation for ${u.signal} ${num(u.count)} time(s)${u.error ? ` (${u.error})` : ''}: a threshold on that signal cannot be enforced while this lasts.${/^allocatableNodeFs/.test(u.signal) ? ' (v1.7–1.9 logged this for allocatableNodeFs.available on every loop.)' : ''}`,
          evidence: [u.evidence],
        });
      }
    }
    const c = input.counters;
    // `journalctl -u kubelet | grep eviction_manager`: every kubelet line read made an event (no
    // chatter at all, none of the lines a kubelet logs between its eviction lines), so a silence
    // between them is the filter's, not a hole in the journal: said once, for all of them.
    const chatter = c.kubeletLines - c.duplicates - c.unrecognized - this.linesWithEvents;
    if (this.gaps > 0 && c.kubeletLines > 1 && chatter * 50 <= c.kubeletLines) {
      this.notes.push({
        kind: 'filtered-input',
        text: `Every kubelet line in the input is an eviction line, with none of the other lines a kubelet logs between them: the input looks filtered (e.g. journalctl -u kubelet | grep eviction_manager), so its ${num(this.gaps)} silence(s) of more than ${Math.round(SILENCE_MS / 60_000)} min (the longest ${num(Math.round(this.longestGapSeconds / 60))} min) are the filter's, not holes in the journal. Kubelet restarts, start-up thresholds and other lines the filter dropped are not in it.`,
      });
    } else this.notes.push(...this.silences);
    const unplaced = (input.unplaced ?? []).filter((u) => u.count > 0);
    for (const u of unplaced) {
      const where = `${u.input ?? 'the input'}, line ${num(u.line)}`;
      this.notes.push({
        kind: 'unplaced-lines',
        text: `${num(u.count)} line(s) have the eviction manager's words but nothing that says they are the kubelet's — no journal prefix, no klog header, no wording the tool knows — so they were not read (the first, ${where}: "${u.text.length > 160 ? `${u.text.slice(0, 160)}…` : u.text}"). Paste the lines with their journal or klog prefix, or give the journal itself (journalctl -u kubelet).`,
      });
    }
    if (c.kubeletLines === 0 && unplaced.length === 0) {
      this.notes.push({
        kind: 'no-kubelet-lines',
        text:
          c.lines === 0
            ? 'The input is empty: the file has no lines, or journalctl found no entries. Check the unit: journalctl -u kubelet (k3s: -u k3s or -u k3s-agent).'
            : `None of the ${num(c.lines)} lines read is kubelet output. Give the kubelet's journal: journalctl -u kubelet (k3s: -u k3s or -u k3s-agent; OpenShift 3: -u atomic-openshift-node), or a kubelet.log.`,
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
        text: `${num(c.duplicates)} entr${c.duplicates === 1 ? 'y was' : 'ies were'} read more than once (overlapping inputs, one journal in two formats, or a paste that repeats itself) and counted once.`,
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
    remediation: [],
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
  switch (c) {
    case 'local-storage':
      return 'local-storage';
    case 'admission':
      return 'admission-rejection';
    case 'preemption':
      return 'critical-pod-preemption';
    case 'node-pressure':
    case 'unknown':
      return 'node-pressure';
    default:
      return assertNever(c);
  }
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

export { formatThreshold, KIND_INFO };

/** Two times within `window` of each other (unknown times are never close). */
function sameTime(a: number, b: number, window: number): boolean {
  return Math.abs(a - b) <= window;
}

/** An image ID as pastes write it: `sha256:4f380adf…`, `4dae2...` → the hex, unabridged part. */
function imageKey(image: string): string {
  return image
    .trim()
    .replace(/^sha256:/, '')
    .replace(/(?:\.\.\.|…)$/, '');
}

/** The same image, when one key is the other or an abbreviation of it. */
function sameImage(a: string, b: string): boolean {
  return a.length > 0 && b.length > 0 && (a.startsWith(b) || b.startsWith(a));
}

/** An incident of critical-pod admission preemption only (no pressure sign in it). */
export function isPreemptionOnly(inc: Incident): boolean {
  return inc.evictionKinds.length > 0 && inc.evictionKinds.every((k) => k === 'critical-pod-preemption');
}
