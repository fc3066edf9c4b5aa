/**
 * The typed events of the timeline: one discriminated union on `kind`, plus a
 * `Record<EventKind, KindInfo>` table, so a new kind without its title,
 * severity and role does not compile (the arethetypeswrong pattern).
 *
 * Where a kubelet line is *recognised* lives in `src/classify/rules.ts`;
 * this file only says what the resulting events are.
 */

/** Where a line came from, so every report item can cite the journal. */
export interface Provenance {
  /** File name as given on the command line, or `-` for standard input. */
  readonly input: string;
  /** 1-based line number in that input. */
  readonly line: number;
  /**
   * The entry's identity, to count an entry read twice once (src/analyze/identity.ts): a hash
   * of its message. Absent on what no single entry says (a hole in the journal, a new PID).
   */
  readonly id?: number;
  /** How precise the entry's time is, ms: 0.001 (microseconds) or 1000 (whole seconds). */
  readonly tick?: number;
  /**
   * How many times the kubelet lines of its input had gone back in time before it (absent: 0).
   * An entry repeated within one pass is the kubelet's (systemd restarting it twice in one
   * second); one repeated after a step back is the input's (a paste that repeats itself).
   */
  readonly pass?: number;
  // No copy of the line itself: events live until the report is written, and reports
  // cite lines by number (memory must grow with events, not with line lengths).
}

/** An eviction threshold the way users write it: `memory.available<100Mi`. */
export interface Threshold {
  /** Eviction signal: `memory.available`, `nodefs.available`, `nodefs.inodesFree`, ... */
  readonly signal: string;
  /** Value as users write it: `100Mi`, `10%`. */
  readonly value: string;
  /** Soft thresholds only: `--eviction-soft-grace-period` for this signal. */
  readonly gracePeriodSeconds?: number;
  /** `--eviction-minimum-reclaim` for this signal, when a source shows it. */
  readonly minReclaim?: string;
}

/** Where a statement of thresholds came from. */
export type ThresholdSource =
  /** container manager `Creating Container Manager object based on Node Config` (A1) */
  | 'node-config'
  /** `FLAG: --eviction-*` start-up dump (A2); blind to the config file */
  | 'flags'
  /** A3 master: `"Effective KubeletConfiguration" config=<` YAML block (hard, soft, grace, min-reclaim) */
  | 'effective-config'
  /** A3 V5: `"KubeletConfiguration" configuration=` dump (indented JSON, or a `%+v` struct) */
  | 'config-dump'
  /**
   * B8 V2 `threshold(signal=..., gracePeriod=...)` debug lines: only the thresholds
   * the kubelet found met, so a partial statement (never used to say what was removed)
   */
  | 'threshold-debug';

/** A value as logged and as a number (see `parseQuantity` in classify/values.ts). */
export interface Amount {
  /** as logged: `91520Ki`, `-9112137624`, `10%` */
  readonly text: string;
  /** bytes or counts (quantities), a fraction (percentages); NaN when unparseable */
  readonly value: number;
}

/** Why a pod was evicted or rejected, read from the eviction message (catalog 4.F and 5). */
export type EvictionCause =
  /** `The node was low on resource: memory. ...` (threshold eviction) */
  | 'node-pressure'
  /** emptyDir / pod / container ephemeral-storage limit exceeded (4.F) */
  | 'local-storage'
  /** `The node had condition: [DiskPressure]. ` (admission under pressure) */
  | 'admission'
  /**
   * critical-pod admission preemption (`pkg/kubelet/preemption`): the kubelet killed the pod
   * to make room for a critical pod that did not fit (`Preempted in order to admit critical pod`)
   */
  | 'preemption'
  | 'unknown';

/** What an eviction message says, beyond its cause. */
export interface EvictionDetail {
  readonly cause: EvictionCause;
  /** `memory`, `ephemeral-storage`, ... (node-pressure) */
  readonly resource?: string;
  /** `Threshold quantity: 100Mi` (≈1.26+) */
  readonly threshold?: Amount;
  /** `available: 91520Ki` (≈1.26+) */
  readonly available?: Amount;
  /** local storage: which limit (`emptydir`, `pod`, `container`) */
  readonly scope?: 'emptydir' | 'pod' | 'container';
  /** local storage: the limit that was exceeded */
  readonly limit?: string;
  /** node conditions named (admission) */
  readonly conditions?: string[];
}

/** What a kind of event means on the timeline. */
export type Role =
  /** opens or extends an incident of resource pressure */
  | 'pressure'
  /** says pressure is over for the node (a condition cleared) */
  | 'clear'
  /** detail of an open incident (a GC step, a stats failure): recorded on it, never opens one */
  | 'detail'
  /** configuration, restarts and evidence: never opens an incident */
  | 'context';

export type Severity = 'info' | 'notice' | 'warning' | 'critical';

/** The fields each kind of event carries, keyed by kind. */
export interface EventFields {
  /** `starting`: systemd's `Starting …...` (the job began; `Started` follows when the unit is up) */
  'kubelet-start': { pid?: number; via: 'systemd' | 'pid-change' | 'startup-line' | 'flag-dump'; version?: string; starting?: boolean };
  /**
   * M8 systemd's exit and stop lines (`Main process exited, code=exited, status=255/n/a`,
   * `Unit kubelet.service entered failed state.`, `Stopped …`); `status` as systemd wrote it
   */
  'kubelet-stop': { detail: string; status?: string };
  /**
   * M10 a start that failed: the kubelet's fatal start-up error (`failed to run Kubelet: …`,
   * `"command failed" err=…`) or systemd's `Failed to start <unit>.`; `pid` from the klog header
   */
  'kubelet-start-failed': { error: string; by: 'kubelet' | 'systemd'; pid?: number };
  'thresholds-stated': {
    source: ThresholdSource;
    hard: Threshold[];
    soft?: Threshold[];
    /** the line was cut (pager `>` or paste) before the list ended */
    truncated?: boolean;
    /** the klog header's pid: these lines are logged once, at the start of the process */
    pid?: number;
  };
  /** A2 one eviction flag of the start-up FLAG dump; `pid` from the klog header (the dump is a start) */
  'eviction-flag': {
    flag: string;
    value: string;
    /** the line was cut inside the value: `value` holds its whole items only */
    truncated?: boolean;
    pid?: number;
  };
  // `resource` in B1–B3, C2, E2: one of the kubelet's names (docs §3.1, `resourceName` in
  // classify/values.ts), or '' when the line was cut or glued before the name could be read.
  'reclaim-attempt': { resource: string };
  'reclaim-without-eviction': { resource: string };
  'must-evict': { resource: string };
  'pods-ranked': { pods: string[] };
  'pod-evicted': { pod: string };
  'pod-evict-failed': { pod: string; error?: string };
  'critical-pod': { pod: string; static?: boolean };
  'unable-to-evict': Record<string, never>;
  'no-pods-to-evict': Record<string, never>;
  'no-ranking-function': { resource: string };
  'admission-rejected': { pod: string; conditions: string[]; reason?: string };
  /**
   * J2, J4, J5 a pod the kubelet did not admit for a cause other than pressure (a resource-fit
   * predicate `OutOfcpu`, `NodeAffinity`, a failed preemption `UnexpectedAdmissionError` …);
   * `stated`: the reason is the kubelet's own (J2 `reason=`), not read from the message
   */
  'admission-failed': { pod: string; reason: string; message: string; stated?: boolean };
  'node-conditions': { conditions: string[] };
  /** K1 `Recording NodeHasDiskPressure event message for node` and its kin */
  'node-pressure-reported': { condition: string; event: string };
  /** K1 `Recording NodeHasNoDiskPressure event message for node` and its kin */
  'node-pressure-cleared': { condition: string; event: string };
  'journal-marker': { marker: 'logs-begin' | 'boot' | 'reboot' | 'no-entries'; detail: string };
  /** B4 `threshold %s was crossed, but reclaim is not implemented for this threshold` */
  'no-reclaim-for-threshold': { signal: string };
  /** B5 V3 `no resources are starved` */
  'no-resources-starved': Record<string, never>;
  /** B6 V3 `node conditions - transition period not met`: a condition held after the signal recovered */
  'transition-period': { conditions: string[] };
  /** B8 V2 a soft threshold met, waiting out its grace period */
  'grace-period-pending': { threshold: Threshold; durationSeconds: number };
  /** C1 the eviction manager's node-level reclaim: delete unused containers / images */
  'node-reclaim': { target: 'containers' | 'images' };
  /** C2 `unexpected error when attempting to reduce %v pressure` */
  'reclaim-error': { resource: string; error: string; wantedBytes?: number; freedBytes?: number };
  /** C3, O, 4.F: summary stats (or pod disk usage) could not be read: the loop was blind */
  'stats-failed': { phase: 'sync' | 'after-reclaim' | 'pod-disk-usage' | 'summary-provider'; error: string };
  /** C4, H2, H3 a configured signal with no observation (never enforced while it lasts) */
  'no-observation': { signal: string; phase?: string };
  /** H4 `failed to construct signal` */
  'signal-error': { signal: string; error: string };
  /** D4 V3 `Evicting pod` with the eviction message */
  'evicting-pod': { pod: string; uid?: string; message: string; detail: EvictionDetail };
  /** G1 `pods evicted, waiting for pod to be cleaned up` */
  'cleanup-wait': { pods: string[] };
  /** G2 `timed out waiting for pods to be cleaned up` (30 s) */
  'cleanup-timeout': { pods: string[] };
  /** G3 `pods successfully cleaned up` */
  'cleanup-done': { pods: string[] };
  /** H1 V3 observation of a signal: available vs capacity */
  observation: {
    phase: string;
    signal: string;
    resource?: string;
    available: Amount;
    capacity: Amount;
    /** the stats time the kubelet printed, as logged (Go time string) */
    statsTime?: string;
  };
  /** H2 V3 a threshold met: `threshold [signal=..., quantity=100Mi] observed -2097758044639028Ki` */
  'threshold-met': { phase: string; signal: string; threshold: Amount; available: Amount; resource?: string };
  /** I1–I3 the kernel memcg notifier fired: `hard memory eviction threshold crossed` */
  'memcg-crossed': { description: string; hard?: boolean; allocatable?: boolean; value?: string };
  /** I1–I4 memory threshold notifier (Linux memcg, Windows) set-up, failures */
  'memcg-notifier': { status: 'integrating' | 'created' | 'started' | 'setting' | 'failed' | 'error' | 'stopped'; detail: string };
  /**
   * P1 critical-pod admission preemption begins: the pods the kubelet will kill to admit a critical
   * pod, and the resources that did not fit (`[(res: cpu, q: 2550), ]` → `cpu`)
   */
  'preemption-attempt': { pods: string[]; resources: string[]; requestingPod?: string };
  /** P2 `preemption: pod %s evicted successfully`, `"Pod evicted successfully"`, a `Preempting` event */
  'pod-preempted': { pod: string };
  /** P3 `preemption: pod %s failed to evict %v`, `"Failed to evict pod"` */
  'pod-preempt-failed': { pod: string; error?: string };
  /** K2 `Node became not ready` */
  'node-not-ready': { reason?: string; message?: string };
  /** L1 periodic image GC: image filesystem over the high threshold */
  /** (a value the paste cut from the line, a pager's `highThre>`, is absent) */
  'image-gc-over-threshold': { usagePercent: number; highPercent?: number; lowPercent?: number; bytesToFree?: number; device?: string };
  /** L2 `Removing image to free bytes` */
  'image-removed': { image: string; bytes?: number };
  /** L3 via L5/C2: GC could not free the amount wanted */
  'image-gc-insufficient': { wantedBytes: number; freedBytes: number; error: string };
  /**
   * L7 the runtime could not remove an image GC chose (`RemoveImage "<id>" from image service
   * failed: … conflict …`, `"Failed to remove image"`): its bytes were not freed; `image` empty
   * when the line names none
   */
  'image-remove-failed': { image: string; error: string };
  /** L5/L6 GC failures other than "not enough freed" (e.g. `invalid capacity 0` at start) */
  'gc-failed': { target: 'images' | 'containers'; error: string; once?: boolean };
  /** 4.N V3 an event the kubelet recorded, echoed in its log (pod `Evicted` has its own kind) */
  'kube-event': { object: string; objectKind: string; type: string; reason: string; message: string };
  /** 4.N a pod `Evicted` event: the eviction message with its cause */
  'evicted-event': { pod: string; message: string; detail: EvictionDetail };
  /** O other eviction-manager errors (`failed to synchronize`, `HasDedicatedImageFs`) */
  'eviction-manager-error': { error: string; detail: string };
  /** systemd-journald `Suppressed N messages from kubelet.service`: lines are missing */
  'journal-suppressed': { count: number; unit: string };
  /** no kubelet line at all for a long time (found by the line stage) */
  'journal-gap': { from: number; seconds: number };
}

export type EventKind = keyof EventFields;

/** Static description of a kind: the one table renderers and the builder read. */
export interface KindInfo {
  readonly title: string;
  readonly severity: Severity;
  readonly role: Role;
}

export const KIND_INFO: { readonly [K in EventKind]: KindInfo } = {
  'kubelet-start': { title: 'Kubelet started', severity: 'notice', role: 'context' },
  'kubelet-stop': { title: 'Kubelet stopped', severity: 'notice', role: 'context' },
  'kubelet-start-failed': { title: 'Kubelet start failed', severity: 'warning', role: 'context' },
  'thresholds-stated': { title: 'Eviction thresholds stated', severity: 'info', role: 'context' },
  'eviction-flag': { title: 'Eviction flag', severity: 'info', role: 'context' },
  'reclaim-attempt': { title: 'Attempting to reclaim', severity: 'warning', role: 'pressure' },
  'reclaim-without-eviction': {
    title: 'Reclaimed without evicting pods',
    severity: 'notice',
    role: 'pressure',
  },
  'must-evict': { title: 'Must evict pods', severity: 'warning', role: 'pressure' },
  'pods-ranked': { title: 'Pods ranked for eviction', severity: 'warning', role: 'pressure' },
  'pod-evicted': { title: 'Pod evicted', severity: 'critical', role: 'pressure' },
  'pod-evict-failed': { title: 'Pod failed to evict', severity: 'critical', role: 'pressure' },
  'critical-pod': { title: 'Critical pod not evicted', severity: 'warning', role: 'pressure' },
  'unable-to-evict': { title: 'Unable to evict any pod', severity: 'critical', role: 'pressure' },
  'no-pods-to-evict': {
    title: 'Thresholds met but no pods are active to evict',
    severity: 'critical',
    role: 'pressure',
  },
  'no-ranking-function': { title: 'No ranking function', severity: 'critical', role: 'pressure' },
  'admission-rejected': { title: 'Pod rejected at admission', severity: 'warning', role: 'pressure' },
  'admission-failed': { title: 'Pod not admitted (not pressure)', severity: 'notice', role: 'context' },
  'node-conditions': { title: 'Node conditions observed', severity: 'warning', role: 'pressure' },
  'node-pressure-reported': { title: 'Node reported pressure', severity: 'warning', role: 'pressure' },
  'node-pressure-cleared': { title: 'Node pressure cleared', severity: 'notice', role: 'clear' },
  'journal-marker': { title: 'Journal marker', severity: 'info', role: 'context' },
  'no-reclaim-for-threshold': { title: 'Threshold crossed, no reclaim implemented', severity: 'warning', role: 'pressure' },
  'no-resources-starved': { title: 'No resources are starved', severity: 'info', role: 'context' },
  'transition-period': { title: 'Condition held by the transition period', severity: 'notice', role: 'pressure' },
  'grace-period-pending': { title: 'Soft threshold met, grace period running', severity: 'notice', role: 'pressure' },
  'node-reclaim': { title: 'Node-level reclaim, deleting unused', severity: 'notice', role: 'pressure' },
  'reclaim-error': { title: 'Node-level reclaim failed', severity: 'warning', role: 'pressure' },
  'stats-failed': { title: 'Summary stats unavailable', severity: 'warning', role: 'detail' },
  'no-observation': { title: 'No observation for signal', severity: 'notice', role: 'context' },
  'signal-error': { title: 'Signal could not be computed', severity: 'warning', role: 'context' },
  'evicting-pod': { title: 'Evicting pod', severity: 'warning', role: 'pressure' },
  'cleanup-wait': { title: 'Waiting for evicted pods to be cleaned up', severity: 'info', role: 'pressure' },
  'cleanup-timeout': { title: 'Timed out waiting for pod cleanup', severity: 'warning', role: 'pressure' },
  'cleanup-done': { title: 'Evicted pods cleaned up', severity: 'info', role: 'pressure' },
  observation: { title: 'Observation', severity: 'info', role: 'context' },
  'threshold-met': { title: 'Threshold met', severity: 'warning', role: 'pressure' },
  'memcg-crossed': { title: 'Memory threshold crossed (memcg notifier)', severity: 'warning', role: 'pressure' },
  'memcg-notifier': { title: 'Memory threshold notifier', severity: 'info', role: 'context' },
  'preemption-attempt': { title: 'Preempting pods to admit a critical pod', severity: 'warning', role: 'pressure' },
  'pod-preempted': { title: 'Pod preempted for a critical pod', severity: 'critical', role: 'pressure' },
  'pod-preempt-failed': { title: 'Pod failed to preempt', severity: 'critical', role: 'pressure' },
  'node-not-ready': { title: 'Node became not ready', severity: 'warning', role: 'detail' },
  'image-gc-over-threshold': { title: 'Image filesystem over the GC high threshold', severity: 'warning', role: 'pressure' },
  'image-removed': { title: 'Image removed', severity: 'info', role: 'detail' },
  'image-remove-failed': { title: 'Image removal failed', severity: 'warning', role: 'detail' },
  'image-gc-insufficient': { title: 'Image GC could not free enough', severity: 'warning', role: 'pressure' },
  'gc-failed': { title: 'Garbage collection failed', severity: 'notice', role: 'detail' },
  'kube-event': { title: 'Event', severity: 'info', role: 'detail' },
  'evicted-event': { title: 'Evicted event', severity: 'warning', role: 'pressure' },
  'eviction-manager-error': { title: 'Eviction manager error', severity: 'warning', role: 'detail' },
  'journal-suppressed': { title: 'Journal suppressed kubelet lines', severity: 'warning', role: 'context' },
  'journal-gap': { title: 'No kubelet lines for a while', severity: 'notice', role: 'context' },
};

/** One recognised event. `at` is a UTC instant in epoch milliseconds. */
export type KubeletEvent = {
  [K in EventKind]: { kind: K; at: number; node: string; src: Provenance } & EventFields[K];
}[EventKind];

/** The event of one kind, for code that handles a single kind. */
export type EventOf<K extends EventKind> = Extract<KubeletEvent, { kind: K }>;

/** For `switch (event.kind)`: a compile error when a kind is not handled. */
export function assertNever(x: never): never {
  throw new Error(`internal error: unhandled ${JSON.stringify(x)}`);
}
