/**
 * The types of `--output json` and `--output ndjson`: the contract scripts rely on
 * (docs/report-contract.md). `schema/report.schema.json` and `schema/ndjson.schema.json`
 * are generated from these types (`npm run schema`), and a test checks that they are
 * current and that every sample's report validates against them.
 *
 * Every time is an ISO 8601 UTC string ending in `Z`, or `null` where the journal gave none.
 */
import type { EventFields, EventKind, EvictionCause, Threshold, ThresholdSource } from '../model/events.js';
import type { ClosedBy, EvictionKind, NoteKind, RemedyKind } from '../timeline/model.js';

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
  /** how the start was seen: systemd's `Starting`/`Started`, a new PID, a start-up line, or the FLAG dump */
  via: 'systemd' | 'pid-change' | 'startup-line' | 'flag-dump';
  evidence: JsonRef;
  /** the start failed: the kubelet's fatal start-up error, systemd's `Failed to start`, or an exit soon after */
  failed?: { at: JsonTime; error: string; evidence: JsonRef };
}

export interface JsonKubeletStop {
  at: JsonTime;
  detail: string;
  /** systemd's exit status: `255/n/a`, `1/FAILURE`, `203/EXEC` */
  status?: string;
  evidence: JsonRef;
}

/** Pods not admitted for a cause other than pressure (never part of an incident), per pod and reason. */
export interface JsonAdmissionFailure {
  /** `namespace/name`, or as the line wrote it */
  pod: string;
  /** `OutOfcpu`, `NodeAffinity`, `UnexpectedAdmissionError` …; `unknown` when the line does not say */
  reason: string;
  message: string;
  count: number;
  first: JsonTime;
  last: JsonTime;
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
  admissionFailures: JsonAdmissionFailure[];
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

/** Hard thresholds to set, in the forms a kubelet takes them. */
export interface JsonSuggestedThresholds {
  /** how this kubelet takes its thresholds, as far as the journal tells (`unknown`: either form) */
  form: 'flags' | 'config-file' | 'unknown';
  /** the thresholds, sorted by signal */
  hard: Threshold[];
  /** the command-line flag: `--eviction-hard=memory.available<100Mi,nodefs.available<5%,...` */
  flag: string;
  /** the `evictionHard:` map of a KubeletConfiguration file (YAML lines joined by `\n`) */
  config: string;
  /** the kubelet version whose defaults are kept, when the journal shows it */
  defaultsOf?: string;
}

/** One step of what to do next, derived from the evidence, with the lines it rests on. */
export interface JsonRemedy {
  kind: RemedyKind;
  /** a few words: `Free space on nodefs` */
  title: string;
  text: string;
  /** shell commands to run on the node, in order (a `# comment` may follow) */
  commands?: string[];
  /** the threshold setting, where the step suggests one */
  suggested?: JsonSuggestedThresholds;
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
  evictFailures: Array<{ pod: string; at: JsonTime; error?: string; cause?: 'preemption' }>;
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
  /** images removed by GC (without the removals the runtime refused) */
  imagesRemoved: number;
  bytesFreed: number;
  /** image removals the runtime refused (`image is in use by a container`): they freed nothing */
  imageRemovalFailures?: { count: number; error: string; evidence: JsonRef };
  /** critical-pod admission preemption: the resources that did not fit, the critical pods it was for */
  preemption?: { resources: string[]; for: string[]; evidence: JsonRef };
  /** `highPercent` and `bytesToFree` are absent when the paste cut them from the line (a pager's `highThre>`) */
  imageGc?: { usagePercent: number; highPercent?: number; lowPercent?: number; bytesToFree?: number; evidence: JsonRef };
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
  /** what to do next, each step with its evidence (may be empty) */
  remediation: JsonRemedy[];
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

/** An incident's counts so far, in its ndjson records. */
export interface NdjsonIncidentCounts {
  reclaimAttempts: number;
  /** "no pods are active to evict" occurrences */
  noPodsToEvict: number;
  evictedPods: number;
  /** admissions rejected (a pod retried is counted each time) */
  rejections: number;
  /** distinct pods rejected */
  rejectedPods: number;
}

/** What every incident record says: which incident, on which node, what it is so far. */
interface NdjsonIncidentBase {
  /** `<node>#<n>`, as in the JSON report */
  id: string;
  node: string;
  resources: string[];
  conditions: string[];
  counts: NdjsonIncidentCounts;
}

/** The first pressure sign of an incident was recognised (`at`: the incident's start). */
export interface NdjsonIncidentOpened extends NdjsonIncidentBase {
  kind: 'incident-opened';
  at: JsonTime;
  /** the line that opened it */
  input: string;
  line: number;
}

/** Why an `incident-updated` record was written: a few things, never the 10-second loop. */
export type NdjsonUpdateReason =
  /** a resource the incident did not name yet (`nodefs`, then `imagefs`) */
  | 'new-resource'
  /** a node condition it did not name yet */
  | 'new-condition'
  /** its first pod evicted */
  | 'first-eviction'
  /** its first admission rejected */
  | 'first-rejection'
  /** the kubelet restarted with other hard thresholds while it was open */
  | 'threshold-change';

/** Something an alert may care about changed in an open incident. */
export interface NdjsonIncidentUpdated extends NdjsonIncidentBase {
  kind: 'incident-updated';
  at: JsonTime;
  reasons: NdjsonUpdateReason[];
  /** with `threshold-change`: what changed (from or to null when absent) */
  thresholdChanges?: Array<{ signal: string; from: string | null; to: string | null }>;
  /** the line that brought the change */
  input: string;
  line: number;
}

/** The incident ended (or the input did, `closedBy: "ongoing"`): its final counts. */
export interface NdjsonIncidentClosed extends NdjsonIncidentBase {
  kind: 'incident-closed';
  /** the incident's end: its last pressure sign, or the condition cleared */
  at: JsonTime;
  start: JsonTime;
  end: JsonTime;
  durationSeconds: number | null;
  closedBy: ClosedBy;
  /** the line that showed it closed (the condition cleared, pressure again after the gap); absent at the end of input */
  input?: string;
  line?: number;
}

export type NdjsonIncidentRecord = NdjsonIncidentOpened | NdjsonIncidentUpdated | NdjsonIncidentClosed;

/** The last `--output ndjson` record: the stream ended normally, with the run's counts. */
export type NdjsonSummaryRecord = { kind: 'summary' } & JsonSummary;

/** Any `--output ndjson` line. */
export type NdjsonRecord = NdjsonEventRecord | NdjsonIncidentRecord | NdjsonSummaryRecord;
