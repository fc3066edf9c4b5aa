/**
 * The timeline: what the builder makes of the events, and what every renderer
 * reads. Times are UTC epoch milliseconds (NaN when the journal gave none);
 * zones are applied only by the renderers.
 */
import type { Counters, SkipReason, UnrecognizedLine } from '../analyze/analyzer.js';
import type { EvictionCause, EventKind, Threshold, ThresholdSource } from '../model/events.js';

/** A citation of one journal line. */
export interface Ref {
  readonly input: string;
  readonly line: number;
}

export interface KubeletStart {
  at: number;
  pid?: number;
  version?: string;
  /** how the start was seen: systemd's `Starting`/`Started`, a new PID, a start-up line, or the FLAG dump */
  via: 'systemd' | 'pid-change' | 'startup-line' | 'flag-dump';
  evidence: Ref;
  /** the start failed: the kubelet's fatal start-up error (or systemd's `Failed to start`) */
  failed?: { at: number; error: string; evidence: Ref };
}

/** A stop of the kubelet: systemd's exit lines of one stop, merged. */
export interface KubeletStop {
  at: number;
  detail: string;
  /** systemd's exit status, `255/n/a`, `1/FAILURE`, `203/EXEC` */
  status?: string;
  evidence: Ref;
}

/** Pods the kubelet did not admit for a cause other than pressure (J2, J4, J5), per pod and reason. */
export interface AdmissionFailure {
  readonly pod: string;
  /** `OutOfcpu`, `NodeAffinity`, `UnexpectedAdmissionError` … */
  reason: string;
  message: string;
  count: number;
  first: number;
  last: number;
  readonly evidence: Ref;
}

export interface ThresholdStatement {
  readonly at: number;
  readonly source: ThresholdSource;
  readonly hard: Threshold[];
  readonly soft?: Threshold[];
  readonly truncated?: boolean;
  /**
   * the statement does not show the whole hard set (FLAG lines without
   * `--eviction-hard`, B8 debug lines that name only the thresholds met):
   * never used to say what was added or removed
   */
  readonly partial?: boolean;
  /** `--eviction-max-pod-grace-period` (seconds), when a source shows it */
  readonly maxPodGracePeriodSeconds?: number;
  /** `--eviction-pressure-transition-period` (seconds), when a source shows it */
  readonly pressureTransitionSeconds?: number;
  readonly pid?: number;
  readonly evidence: Ref;
}

export interface ThresholdChange {
  readonly at: number;
  readonly kind: 'hard' | 'soft';
  readonly signal: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly evidence: Ref;
}

/** Kubelet defaults that vanished because `--eviction-hard` replaced the whole map. */
export interface DroppedDefaults {
  readonly at: number;
  readonly signals: Threshold[];
  readonly evidence: Ref;
}

/** One point of an observed signal (H1): bytes or counts. */
export interface ObservationPoint {
  readonly at: number;
  readonly available: number;
  readonly capacity: number;
}

/**
 * The observations of one signal on one node, bounded in memory: at most
 * `MAX_POINTS` points (older ones are thinned by halving when full), plus the
 * lowest and the last value, which are never thinned away.
 */
export interface ObservationSeries {
  readonly signal: string;
  count: number;
  points: ObservationPoint[];
  /** keep one point in `stride` (grows as the series is thinned) */
  stride: number;
  min: ObservationPoint & { evidence: Ref };
  last: ObservationPoint & { evidence: Ref };
}

/** A configured signal the kubelet could not observe (H3, H2 `had no observation`, C4, H4). */
export interface UnobservedSignal {
  readonly signal: string;
  count: number;
  readonly first: number;
  last: number;
  readonly evidence: Ref;
  /** H4's error, when the signal failed to be constructed */
  error?: string;
}

/** Something that tells the journal itself is incomplete (suppression, silence). */
export interface JournalGap {
  readonly at: number;
  readonly kind: 'suppressed' | 'silence';
  /** suppressed lines, or seconds of silence */
  readonly amount: number;
  readonly evidence: Ref;
}

export interface NodeReport {
  readonly name: string;
  readonly kubeletStarts: KubeletStart[];
  readonly kubeletStops: KubeletStop[];
  /** admission failures that are not pressure (never part of an incident) */
  readonly admissionFailures: AdmissionFailure[];
  readonly thresholds: ThresholdStatement[];
  readonly thresholdChanges: ThresholdChange[];
  readonly droppedDefaults: DroppedDefaults[];
  /** H1 observations per signal (V3), for plotting available vs threshold */
  readonly observations: Record<string, ObservationSeries>;
  /** signals the kubelet could not observe, per signal */
  readonly unobserved: Record<string, UnobservedSignal>;
  firstSeen: number;
  lastSeen: number;
}

/** One collapsed row of an incident's timeline: the same thing, counted. */
export interface Step {
  readonly kind: EventKind;
  /** what distinguishes rows of one kind: the resource, the pod, the condition set */
  readonly key: string;
  count: number;
  first: number;
  last: number;
  readonly evidence: Ref;
  /** pods named by this row (ranked, evicted, rejected ...) */
  pods: string[];
}

export interface RejectedPod {
  readonly pod: string;
  conditions: string[];
  count: number;
  first: number;
  last: number;
}

/** A sentence of the explanation, with the lines that support it. */
export interface Statement {
  readonly text: string;
  readonly evidence: Ref[];
}

/** The kinds of eviction an incident shows. */
export type EvictionKind =
  /** threshold (node-pressure) eviction: reclaim, rank, evict */
  | 'node-pressure'
  /** a pod over its emptyDir / pod / container ephemeral-storage limit (4.F) */
  | 'local-storage'
  /** new pods rejected at admission while a condition held */
  | 'admission-rejection'
  /** image / container garbage collection (by the eviction manager or periodic GC) */
  | 'node-level-reclaim'
  /** pods killed to admit a critical pod that did not fit (`pkg/kubelet/preemption`), not pressure */
  | 'critical-pod-preemption';

/** The lowest value of a signal seen during an incident, and the threshold it answered to. */
export interface ObservedLow {
  readonly signal: string;
  /** as logged, e.g. `91520Ki` */
  available: string;
  /** bytes or counts */
  value: number;
  capacity?: number;
  /** the threshold as the same line stated it (H2 `quantity=`, D4 `Threshold quantity:`) */
  threshold?: string;
  at: number;
  evidence: Ref;
  via: 'observation' | 'threshold-check' | 'eviction-message';
}

/** What a step of the remediation is about (src/timeline/remediation.ts). */
export type RemedyKind =
  /** a threshold change ended the incident, or lowering one is the stop-gap: nothing was freed */
  | 'stop-gap'
  /** the node's own files (or processes) fill the resource: which filesystem, the commands that find what fills it */
  | 'find-usage'
  /** the thresholds in force lack kubelet defaults (`--eviction-hard` replaces the whole map): the value that keeps them */
  | 'keep-defaults'
  /** image garbage collection freed less than it wanted: the images are in use */
  | 'image-gc'
  /** memory pressure with evictions: who was evicted, their requests, what reclaim looked like */
  | 'memory'
  /** pods evicted for exceeding their own ephemeral-storage limit, not for node pressure */
  | 'local-storage';

/** Hard thresholds to set, written in the forms a kubelet takes them. */
export interface SuggestedThresholds {
  /** how this kubelet takes its thresholds, as far as the journal tells */
  readonly form: 'flags' | 'config-file' | 'unknown';
  /** sorted by signal */
  readonly hard: Threshold[];
  /** `--eviction-hard=imagefs.available<15%,memory.available<100Mi,...` */
  readonly flag: string;
  /** the `evictionHard:` map of a KubeletConfiguration file (YAML, newline-separated) */
  readonly config: string;
  /** the kubelet version whose defaults are kept, when the journal shows it */
  readonly defaultsOf?: string;
}

/** One step of what to do next about an incident, with the lines it rests on. */
export interface Remedy {
  readonly kind: RemedyKind;
  /** a few words, for the short answer: `Free space on nodefs` */
  readonly title: string;
  /** what the evidence says and what to do, in plain words */
  readonly text: string;
  /** shell commands to run on the node, each possibly with a `# comment` */
  readonly commands?: string[];
  readonly suggested?: SuggestedThresholds;
  readonly evidence: Ref[];
}

export type ClosedBy =
  /** the kubelet stopped reporting pressure for longer than the gap */
  | 'quiet'
  /** a node condition cleared (`NodeHasNoDiskPressure` ...) */
  | 'condition-cleared'
  /** the kubelet restarted with other thresholds and reported no pressure since */
  | 'threshold-change'
  /** the kubelet said `no resources are starved` (B5, --v=3) after the last pressure sign */
  | 'no-resources-starved'
  /**
   * the eviction manager's last cycle said `able to reduce <resource> pressure without evicting
   * pods` (B2) and no pressure sign followed: node-level reclaim ended it
   */
  | 'reclaimed'
  /** the input ends while pressure is still reported */
  | 'ongoing';

export interface Incident {
  readonly id: string;
  readonly node: string;
  /** the earliest pressure sign (pasted journals are not always in order) */
  start: number;
  end: number;
  ongoing: boolean;
  closedBy: ClosedBy;
  resources: string[];
  conditions: string[];
  reclaimAttempts: number;
  mustEvict: number;
  rankedPods: string[];
  evictedPods: Array<{ pod: string; at: number; cause?: EvictionCause; message?: string }>;
  evictFailures: Array<{ pod: string; at: number; error?: string; cause?: 'preemption' }>;
  criticalPods: string[];
  rejectedPods: RejectedPod[];
  noPodsToEvict: number;
  unableToEvict: number;
  noRankingFunction: string[];
  reclaimedWithoutEviction: number;
  /** kinds of eviction seen, in order of first appearance */
  evictionKinds: EvictionKind[];
  /** lowest available value per signal seen during the incident (V3 lines, eviction messages) */
  observed: ObservedLow[];
  /** node-level reclaim: images removed and bytes they freed (L2) */
  imagesRemoved: number;
  bytesFreed: number;
  /**
   * image removals the runtime refused (L7, e.g. `image is in use by a container`): not counted
   * in `imagesRemoved` nor `bytesFreed`; the first error
   */
  imageRemovalFailures?: { count: number; error: string; evidence: Ref };
  /**
   * critical-pod admission preemption (P1–P3): the resources that did not fit (`cpu`) and the
   * critical pods it made room for, when the kubelet names them (≈1.34+ `requestingPod`)
   */
  preemption?: { resources: string[]; for: string[]; evidence: Ref };
  /** image GC over its high threshold (L1): the worst run seen */
  imageGc?: { usagePercent: number; highPercent: number; lowPercent?: number; bytesToFree: number; evidence: Ref };
  /** node-level reclaim that could not free what it wanted (C2, L3/L5): the first seen */
  reclaimFailure?: { error: string; wantedBytes?: number; freedBytes?: number; evidence: Ref };
  /** soft thresholds met (B8), with their grace periods */
  softThresholdsMet: Threshold[];
  /** hard thresholds in force (as last stated before or during the incident) */
  thresholds: Threshold[];
  /** when the thresholds above were stated; NaN when never */
  thresholdsStatedAt: number;
  restarts: KubeletStart[];
  steps: Step[];
  statements: Statement[];
  /** what to do next, derived from the evidence */
  remediation: Remedy[];
  evidence: Ref[];
}

export type NoteKind =
  | 'year-inferred'
  | 'thresholds-unknown'
  | 'soft-thresholds-unknown'
  | 'journal-boot'
  | 'unrecognized-lines'
  | 'skipped-lines'
  | 'duplicates'
  /** systemd-journald suppressed kubelet lines (rate limit): the journal is incomplete */
  | 'journal-suppressed'
  /** no kubelet line at all for a long time while an incident was open */
  | 'journal-silence'
  /** pressure lines but no V3 lines: observations and thresholds-vs-observed are not in the journal */
  | 'low-verbosity'
  /** the kubelet could not observe a configured signal: that threshold is not enforced */
  | 'signal-unobserved'
  /** the eviction manager had not started: no threshold was enforced meanwhile */
  | 'eviction-manager-down'
  /** the input holds no kubelet output at all (the wrong unit, the wrong file, empty) */
  | 'no-kubelet-lines'
  /** lines with the eviction manager's words that no landmark placed as kubelet output */
  | 'unplaced-lines'
  /** every kubelet line is an eviction line (`| grep eviction_manager`): silences are the filter's */
  | 'filtered-input'
  /** reading was interrupted (SIGINT, SIGTERM): the report covers what was read before */
  | 'interrupted'
  /** an input runs newest first (`journalctl -r`, logcli, gcloud logging read): put in order */
  | 'newest-first'
  /** an input is out of time order throughout: put in order */
  | 'out-of-order'
  /** the time goes back within an input (a clock stepped back, journals joined out of order) */
  | 'clock-step'
  /** entries that came too late to be put in order (more than a day after later ones) */
  | 'late-entries'
  /** Feb 29 in a year without one (given or carried on): shown on Mar 1 */
  | 'no-leap-day'
  /** the kubelet's own clock (an observation's stats time) puts a node's lines in another year or zone than the report */
  | 'clock-mismatch'
  /** the journal says which zone its stamps are printed in (`-- Logs begin at … CEST --`), and they were read in another */
  | 'journal-zone'
  /** a node's journal stamps and its klog headers were written in zones apart (`21:16:07 … I1225 13:16:07`), and the stamps were read in neither's offset from UTC */
  | 'header-zone'
  /** the eviction manager logged observations after a node-level reclaim, and no line of that pressure is in the journal */
  | 'reclaim-without-incident'
  /** the journal's hostname changed under one kubelet process: one node, shown under each name (`node` is the new name) */
  | 'host-renamed';

/** Something the reader should know about the evidence itself. */
export interface Note {
  readonly kind: NoteKind;
  readonly node?: string;
  readonly at?: number;
  readonly text: string;
  readonly evidence?: Ref[];
}

export interface Timeline {
  readonly counters: Counters;
  readonly nodes: NodeReport[];
  readonly incidents: Incident[];
  readonly notes: Note[];
  readonly unrecognized: UnrecognizedLine[];
  readonly skipped: SkipReason[];
  /** the year of year-less stamps was inferred (no --year, no dated entry) */
  readonly yearInferred: boolean;
  readonly gapMs: number;
}
