/**
 * The timeline: what the builder makes of the events, and what every renderer
 * reads. Times are UTC epoch milliseconds (NaN when the journal gave none);
 * zones are applied only by the renderers.
 */
import type { Counters, SkipReason, UnrecognizedLine } from '../analyze/analyzer.js';
import type { EventKind, Threshold, ThresholdSource } from '../model/events.js';

/** A citation of one journal line. */
export interface Ref {
  readonly input: string;
  readonly line: number;
}

export interface KubeletStart {
  at: number;
  pid?: number;
  version?: string;
  /** how the start was seen: systemd's `Started`, a new PID, or a start-up line */
  via: 'systemd' | 'pid-change' | 'startup-line';
  evidence: Ref;
}

export interface ThresholdStatement {
  readonly at: number;
  readonly source: ThresholdSource;
  readonly hard: Threshold[];
  readonly soft?: Threshold[];
  readonly truncated?: boolean;
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

export interface NodeReport {
  readonly name: string;
  readonly kubeletStarts: KubeletStart[];
  readonly kubeletStops: Array<{ at: number; detail: string; evidence: Ref }>;
  readonly thresholds: ThresholdStatement[];
  readonly thresholdChanges: ThresholdChange[];
  readonly droppedDefaults: DroppedDefaults[];
  firstSeen: number;
  lastSeen: number;
}

/** One collapsed row of an incident's timeline: the same thing, counted. */
export interface Step {
  readonly kind: EventKind;
  /** what distinguishes rows of one kind: the resource, the pod, the condition set */
  readonly key: string;
  count: number;
  readonly first: number;
  last: number;
  readonly evidence: Ref;
  /** pods named by this row (ranked, evicted, rejected ...) */
  pods: string[];
}

export interface RejectedPod {
  readonly pod: string;
  conditions: string[];
  count: number;
  readonly first: number;
  last: number;
}

/** A sentence of the explanation, with the lines that support it. */
export interface Statement {
  readonly text: string;
  readonly evidence: Ref[];
}

export type ClosedBy =
  /** the kubelet stopped reporting pressure for longer than the gap */
  | 'quiet'
  /** a node condition cleared (`NodeHasNoDiskPressure` ...) */
  | 'condition-cleared'
  /** the kubelet restarted with other thresholds and reported no pressure since */
  | 'threshold-change'
  /** the input ends while pressure is still reported */
  | 'ongoing';

export interface Incident {
  readonly id: string;
  readonly node: string;
  readonly start: number;
  end: number;
  ongoing: boolean;
  closedBy: ClosedBy;
  resources: string[];
  conditions: string[];
  reclaimAttempts: number;
  mustEvict: number;
  rankedPods: string[];
  evictedPods: Array<{ pod: string; at: number }>;
  evictFailures: Array<{ pod: string; at: number; error?: string }>;
  criticalPods: string[];
  rejectedPods: RejectedPod[];
  noPodsToEvict: number;
  unableToEvict: number;
  noRankingFunction: string[];
  reclaimedWithoutEviction: number;
  /** hard thresholds in force (as last stated before or during the incident) */
  thresholds: Threshold[];
  /** when the thresholds above were stated; NaN when never */
  thresholdsStatedAt: number;
  restarts: KubeletStart[];
  steps: Step[];
  statements: Statement[];
  evidence: Ref[];
}

export type NoteKind =
  | 'year-inferred'
  | 'thresholds-unknown'
  | 'soft-thresholds-unknown'
  | 'journal-boot'
  | 'unrecognized-lines'
  | 'skipped-lines'
  | 'duplicates';

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
