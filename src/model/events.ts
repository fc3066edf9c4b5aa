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
  /** The whole input line, as read (already stripped of its line end). */
  readonly raw: string;
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
  | 'flags';

/** What a kind of event means on the timeline. */
export type Role =
  /** opens or extends an incident of resource pressure */
  | 'pressure'
  /** says pressure is over for the node (a condition cleared) */
  | 'clear'
  /** configuration, restarts and evidence: never opens an incident */
  | 'context';

export type Severity = 'info' | 'notice' | 'warning' | 'critical';

/** The fields each kind of event carries, keyed by kind. */
export interface EventFields {
  'kubelet-start': { pid?: number; via: 'systemd' | 'pid-change' | 'startup-line'; version?: string };
  'kubelet-stop': { detail: string };
  'thresholds-stated': {
    source: ThresholdSource;
    hard: Threshold[];
    soft?: Threshold[];
    /** the line was cut (pager `>` or paste) before the list ended */
    truncated?: boolean;
  };
  'eviction-flag': { flag: string; value: string };
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
  'node-conditions': { conditions: string[] };
  /** K1 `Recording NodeHasDiskPressure event message for node` and its kin */
  'node-pressure-reported': { condition: string; event: string };
  /** K1 `Recording NodeHasNoDiskPressure event message for node` and its kin */
  'node-pressure-cleared': { condition: string; event: string };
  'journal-marker': { marker: 'logs-begin' | 'boot' | 'reboot' | 'no-entries'; detail: string };
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
  'node-conditions': { title: 'Node conditions observed', severity: 'warning', role: 'pressure' },
  'node-pressure-reported': { title: 'Node reported pressure', severity: 'warning', role: 'pressure' },
  'node-pressure-cleared': { title: 'Node pressure cleared', severity: 'notice', role: 'clear' },
  'journal-marker': { title: 'Journal marker', severity: 'info', role: 'context' },
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
