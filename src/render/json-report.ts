/**
 * The types of `--output json` and `--output ndjson`: the contract scripts rely on
 * (docs/report-contract.md). `schema/report.schema.json` and `schema/ndjson.schema.json`
 * are generated from these types (`npm run schema`), and a test checks that they are
 * current and that every sample's report validates against them.
 *
 * Every time is an ISO 8601 UTC string ending in `Z`, or `null` where the journal gave none.
 */
import type { EventFields, EventKind, EvictionCause, Threshold, ThresholdSource } from '../model/events.js';
import type { ClosedBy, EvictionKind, NoteKind } from '../timeline/model.js';

/**
 * An ISO 8601 UTC time (`2017-10-16T01:54:09.123Z`), or null where the journal gave none.
 * @pattern ^[+-]?\d{4,6}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$
 */
export type JsonTime = string | null;

/** A citation of one input line: the input as named on the command line (`-` for standard input), 1-based. */
export interface JsonRef {
  input: string;
  line: number;
}

/** The counts of the whole run. */
export interface JsonSummary {
  /** input lines read */
  lines: number;
  /** lines recognised as kubelet output (or systemd's lines about its unit) */
  kubeletLines: number;
  /** lines that became timeline events */
  events: number;
  /** eviction-related lines that no rule recognised (see `unrecognized`) */
  unrecognized: number;
  /** lines that could not be read at all (see `skipped`) */
  skipped: number;
  /** pasted duplicates of an entry already read, counted once */
  duplicates: number;
  /** text that is neither kubelet output nor a journal marker */
  otherLines: number;
  /** lines the kubelet logs only at --v>=3 */
  verboseLines: number;
  nodes: number;
  incidents: number;
  /** pods evicted, over all incidents */
  evictedPods: number;
  /** distinct pods rejected at admission */
  rejectedPods: number;
  /** admissions rejected (a pod retried is counted each time) */
  rejections: number;
  /**
   * reading was interrupted (SIGINT, SIGTERM) before the input ended: the report covers what
   * was read (an `interrupted` note says when); absent when the input was read to its end
   */
  partial?: true;
}

export interface JsonKubeletStart {
  at: JsonTime;
  pid: number | null;
  version?: string;
  /** how the start was seen: systemd's `Started`, a new PID, or a start-up line */
  via: 'systemd' | 'pid-change' | 'startup-line';
  evidence: JsonRef;
}

export interface JsonKubeletStop {
  at: JsonTime;
  detail: string;
  evidence: JsonRef;
}

/** A statement of the eviction thresholds, each time the kubelet made one. */
export interface JsonThresholdStatement {
  at: JsonTime;
  source: ThresholdSource;
  hard: Threshold[];
  soft?: Threshold[];
  /** the line was cut (a pager's `>`, a paste) before the list ended */
  truncated?: true;
  /** the statement does not show the whole hard set: never used to say what was removed */
  partial?: true;
  maxPodGracePeriodSeconds?: number;
  pressureTransitionSeconds?: number;
  pid?: number;
  evidence: JsonRef;
}

export interface JsonThresholdChange {
  at: JsonTime;
  kind: 'hard' | 'soft';
  signal: string;
  /** null: the signal had no threshold before */
  from: string | null;
  /** null: the signal has no threshold after */
  to: string | null;
  evidence: JsonRef;
}

/** Kubelet defaults that vanished because `--eviction-hard` replaced the whole default map. */
export interface JsonDroppedDefaults {
  at: JsonTime;
  signals: Threshold[];
  evidence: JsonRef;
}

/** One value of an observed signal: bytes, or counts for inodes and PIDs; null when unparseable. */
export interface JsonObservationValue {
  at: JsonTime;
  available: number | null;
  capacity: number | null;
}

/** The `--v=3` observations of one signal (points thinned when long; min and last never). */
export interface JsonObservationSeries {
  signal: string;
  count: number;
  min: JsonObservationValue & { evidence: JsonRef };
  last: JsonObservationValue & { evidence: JsonRef };
  points: JsonObservationValue[];
}

/** A configured signal the kubelet could not observe: its threshold was not enforced meanwhile. */
export interface JsonUnobservedSignal {
  signal: string;
  count: number;
  first: JsonTime;
  last: JsonTime;
  error?: string;
  evidence: JsonRef;
}

export interface JsonNode {
  /** the host as the journal names it; `unknown` when the input names none */
  name: string;
  firstSeen: JsonTime;
  lastSeen: JsonTime;
  kubeletStarts: JsonKubeletStart[];
  kubeletStops: JsonKubeletStop[];
  thresholds: JsonThresholdStatement[];
  thresholdChanges: JsonThresholdChange[];
  droppedDefaults: JsonDroppedDefaults[];
  observations: JsonObservationSeries[];
  unobservedSignals: JsonUnobservedSignal[];
}

export interface JsonEvictedPod {
  /** `namespace/name` */
  pod: string;
  at: JsonTime;
  cause?: EvictionCause;
  message?: string;
}

export interface JsonRejectedPod {
  /** `namespace/name` */
  pod: string;
  conditions: string[];
  count: number;
  first: JsonTime;
  last: JsonTime;
}

/** The lowest value of a signal seen during an incident. */
export interface JsonObservedLow {
  signal: string;
  /** as logged, e.g. `91520Ki` */
  available: string;
  /** bytes or counts; null when unparseable */
  availableValue: number | null;
  capacity?: number | null;
  threshold?: string;
  at: JsonTime;
  via: 'observation' | 'threshold-check' | 'eviction-message';
  evidence: JsonRef;
}

/** One collapsed row of an incident's timeline: the same thing, counted. */
export interface JsonStep {
  kind: EventKind;
  title: string;
  /** what tells rows of one kind apart: the resource, the pod, the conditions */
  key: string;
  count: number;
  first: JsonTime;
  last: JsonTime;
  pods: string[];
  evidence: JsonRef;
}

/** A sentence of the explanation, with the lines it rests on. */
export interface JsonStatement {
  text: string;
  evidence: JsonRef[];
}

export interface JsonIncident {
  /** `<node>#<n>` */
  id: string;
  node: string;
  start: JsonTime;
  end: JsonTime;
  ongoing: boolean;
  closedBy: ClosedBy;
  durationSeconds: number | null;
  /** as the kubelet named them: memory, nodefs, imagefs, ephemeral-storage, pids ... */
  resources: string[];
  /** MemoryPressure, DiskPressure, PIDPressure */
  conditions: string[];
  reclaimAttempts: number;
  mustEvict: number;
  rankedPods: string[];
  evictedPods: JsonEvictedPod[];
  evictFailures: Array<{ pod: string; at: JsonTime; error?: string }>;
  /** ranked but refused as critical */
  criticalPods: string[];
  rejectedPods: JsonRejectedPod[];
  /** "no pods are active to evict" occurrences */
  noPodsToEvict: number;
  /** "unable to evict any pods from the node" occurrences */
  unableToEvict: number;
  noRankingFunction: string[];
  reclaimedWithoutEviction: number;
  evictionKinds: EvictionKind[];
  observed: JsonObservedLow[];
  imagesRemoved: number;
  bytesFreed: number;
  imageGc?: { usagePercent: number; highPercent: number; lowPercent?: number; bytesToFree: number; evidence: JsonRef };
  reclaimFailure?: { error: string; wantedBytes?: number; freedBytes?: number; evidence: JsonRef };
  softThresholdsMet: Threshold[];
  /** the hard thresholds in force */
  thresholds: Threshold[];
  thresholdsStatedAt: JsonTime;
  restarts: Array<{ at: JsonTime; pid: number | null }>;
  steps: JsonStep[];
  /** one paragraph, plain language: the statements joined */
  explanation: string;
  statements: JsonStatement[];
  evidence: JsonRef[];
}

/** Something the reader should know about the evidence itself (a gap, a guess, a skip). */
export interface JsonNote {
  kind: NoteKind;
  node?: string;
  at?: JsonTime;
  text: string;
  evidence?: JsonRef[];
}

/** The `--output json` report. */
export interface JsonReport {
  schemaVersion: 1;
  generator: { name: 'klog-eviction'; version?: string };
  summary: JsonSummary;
  /** the zone year-less, zone-less stamps were read in */
  timezone: string;
  /** some year had to be guessed (no --year, no dated entry) */
  yearInferred: boolean;
  /** quiet time that ends an incident */
  gapSeconds: number;
  nodes: JsonNode[];
  incidents: JsonIncident[];
  notes: JsonNote[];
  /** eviction-related lines no rule recognised (the first 1,000) */
  unrecognized: Array<{ input: string; line: number; text: string }>;
  /** what could not be read, once per input and reason */
  skipped: Array<{ input: string; line: number; count: number; reason: string }>;
}

/**
 * One `--output ndjson` event record: the event's own fields, plus where and when. (A
 * `journal-gap`'s `from` is epoch milliseconds.)
 */
export type NdjsonEventRecord = {
  [K in EventKind]: { at: JsonTime; node: string; kind: K; input: string; line: number } & EventFields[K];
}[EventKind];

/** The last `--output ndjson` record: the stream ended normally, with the run's counts. */
export type NdjsonSummaryRecord = { kind: 'summary' } & JsonSummary;

/** Any `--output ndjson` line. */
export type NdjsonRecord = NdjsonEventRecord | NdjsonSummaryRecord;
