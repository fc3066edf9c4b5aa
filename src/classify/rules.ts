/**
 * Where every kubelet message is recognised: one table, one entry per wording.
 *
 * Each rule names the event kind it produces, the catalog id in
 * `kubelet-messages.md` section 4, and how to match it:
 *  - `msg`: the structured-era message(s) (`"Eviction manager: attempting to reclaim"`),
 *    compared case-insensitively with the unquoted message of a structured line;
 *  - `re`: the printf-era pattern, tried on the text of unstructured lines that
 *    contain the lower-case `anchor`.
 * `fields` turns the match into the event's fields, or `null` to let the line
 * fall through to the next rule. A rule of kind `known` recognises a line that
 * carries no timeline event (so it is not reported as unrecognised).
 *
 * To recognise a new wording: add one entry here (and, for a new kind, its
 * fields and title in `src/model/events.ts`).
 */
import type { EventFields, EventKind } from '../model/events.js';
import {
  conditionList,
  flagMap,
  nodeConfigThresholds,
  normalizePod,
  podList,
} from './values.js';
import { readQuoted } from '../klog/kv.js';

/** What a rule sees of a line. */
export interface Match {
  /** printf match groups (index 1..n); empty for structured matches */
  readonly groups: ReadonlyArray<string | undefined>;
  /** the value of a structured key (unquoted), or undefined */
  kv(key: string): string | undefined;
  /** the whole payload text */
  readonly text: string;
  readonly structured: boolean;
}

export type RuleKind = EventKind | 'known';

export interface Rule<K extends RuleKind = RuleKind> {
  readonly kind: K;
  /** catalog id (`B1`, `J1` ...) in kubelet-messages.md */
  readonly id: string;
  /** structured-era message texts */
  readonly msg?: readonly string[];
  /** printf-era pattern; tried only when `anchor` occurs in the lower-cased text */
  readonly re?: RegExp;
  readonly anchor?: string;
  /** systemd's own lines about the kubelet unit, not the kubelet's */
  readonly systemd?: boolean;
  readonly fields: (m: Match) => (K extends EventKind ? EventFields[K] : Record<string, never>) | null;
}

/** Typed constructor: the fields function must return the kind's fields. */
function rule<K extends RuleKind>(r: Rule<K>): Rule {
  return r as unknown as Rule;
}

const none = () => ({}) as Record<string, never>;
/** first printf group, else the structured key */
const g1 = (m: Match, key: string) => m.groups[1] ?? m.kv(key) ?? '';

export const RULES: readonly Rule[] = [
  // ---- A. thresholds at start-up -------------------------------------------------
  rule({
    kind: 'thresholds-stated',
    id: 'A1',
    msg: ['Creating Container Manager object based on Node Config'],
    re: /Creating Container Manager object based on Node Config: /,
    anchor: 'creating container manager object',
    fields: (m) => {
      const p = nodeConfigThresholds(m.structured ? (m.kv('nodeConfig') ?? m.text) : m.text);
      return { source: 'node-config', hard: p.hard, ...(p.truncated ? { truncated: true } : {}) };
    },
  }),
  rule({
    kind: 'eviction-flag',
    id: 'A2',
    // `FLAG: --%s=%q`, never converted to structured logging.
    re: /^FLAG: --((?:experimental-)?(?:eviction-[\w-]+|allocatable-ignore-eviction|kernel-memcg-notification)|enforce-node-allocatable|image-gc-(?:high|low)-threshold|kube-reserved|system-reserved)=(".*)$/,
    anchor: 'flag: --',
    fields: (m) => ({ flag: m.groups[1]!, value: readQuoted(m.groups[2]!, 0)[0] }),
  }),
  rule({ kind: 'known', id: 'A2', re: /^FLAG: --/, anchor: 'flag: --', fields: none }),

  // ---- B. pressure detected, reclaim ---------------------------------------------
  rule({
    kind: 'reclaim-attempt',
    id: 'B1',
    msg: ['Eviction manager: attempting to reclaim'],
    re: /eviction manager: attempting to reclaim (\S+)/i,
    anchor: 'attempting to reclaim',
    fields: (m) => ({ resource: g1(m, 'resourceName') }),
  }),
  rule({
    kind: 'reclaim-without-eviction',
    id: 'B2',
    msg: ['Eviction manager: able to reduce resource pressure without evicting pods.'],
    re: /eviction manager: able to reduce (\S+) pressure without evicting pods/i,
    anchor: 'without evicting pods',
    fields: (m) => ({ resource: g1(m, 'resourceName') }),
  }),
  rule({
    kind: 'must-evict',
    id: 'B3',
    msg: ['Eviction manager: must evict pod(s) to reclaim'],
    re: /eviction manager: must evict pod\(s\) to reclaim (\S+)/i,
    anchor: 'must evict pod(s)',
    fields: (m) => ({ resource: g1(m, 'resourceName') }),
  }),
  rule({
    kind: 'node-conditions',
    id: 'B6',
    msg: ['Eviction manager: node conditions - observed'],
    re: /eviction manager: node conditions - observed: (.*)$/i,
    anchor: 'node conditions - observed',
    fields: (m) => {
      const conditions = conditionList(g1(m, 'nodeCondition'));
      return conditions.length > 0 ? { conditions } : null;
    },
  }),
  rule({
    kind: 'kubelet-start',
    id: 'B9',
    msg: ['Eviction manager: starting control loop'],
    fields: () => ({ via: 'startup-line' }),
  }),

  // ---- D. ranking and eviction ---------------------------------------------------
  rule({
    kind: 'pods-ranked',
    id: 'D1',
    msg: ['Eviction manager: pods ranked for eviction'],
    re: /eviction manager: pods ranked for eviction: (.*)$/i,
    anchor: 'pods ranked for eviction',
    fields: (m) => ({ pods: podList(g1(m, 'pods')) }),
  }),
  rule({
    kind: 'pod-evicted',
    id: 'D2',
    msg: ['Eviction manager: pod is evicted successfully'],
    re: /eviction manager: pod (\S+) (?:is )?evicted successfully/i,
    anchor: 'evicted successfully',
    fields: (m) => ({ pod: normalizePod(g1(m, 'pod')) }),
  }),
  rule({
    kind: 'pod-evict-failed',
    id: 'D3',
    msg: ['Eviction manager: pod failed to evict'],
    re: /eviction manager: pod (\S+) failed to evict ?(.*)$/i,
    anchor: 'failed to evict',
    fields: (m) => {
      const err = m.structured ? m.kv('err') : m.groups[2];
      return { pod: normalizePod(g1(m, 'pod')), ...(err ? { error: err } : {}) };
    },
  }),
  rule({
    kind: 'pod-evict-failed',
    id: 'D3',
    re: /eviction manager: error while evicting pod (\S+): (.*)$/i,
    anchor: 'error while evicting pod',
    fields: (m) => ({ pod: normalizePod(m.groups[1]!), error: m.groups[2]! }),
  }),
  rule({
    kind: 'known',
    id: 'D4',
    // V3 detail of the eviction D2 reports; its message repeats the threshold.
    msg: ['Evicting pod'],
    fields: none,
  }),
  rule({
    kind: 'unable-to-evict',
    id: 'D5',
    msg: ['Eviction manager: unable to evict any pods from the node'],
    re: /eviction manager: unable to evict any pods from the node/i,
    anchor: 'unable to evict any pods',
    fields: none,
  }),

  // ---- E. nothing to evict -------------------------------------------------------
  rule({
    kind: 'no-pods-to-evict',
    id: 'E1',
    msg: ['Eviction manager: eviction thresholds have been met, but no pods are active to evict'],
    re: /eviction thresholds have been met, but no pods are active to evict/i,
    anchor: 'no pods are active to evict',
    fields: none,
  }),
  rule({
    kind: 'no-ranking-function',
    id: 'E2',
    msg: ['Eviction manager: no ranking function for signal'],
    re: /eviction manager: no ranking function for (?:resource|signal) (\S+)/i,
    anchor: 'no ranking function',
    fields: (m) => ({ resource: g1(m, 'threshold') }),
  }),
  rule({
    kind: 'critical-pod',
    id: 'E3',
    msg: ['Eviction manager: cannot evict a critical pod'],
    re: /eviction manager: cannot evict a critical (static )?pod (\S+)/i,
    anchor: 'cannot evict a critical',
    fields: (m) =>
      m.structured
        ? { pod: normalizePod(m.kv('pod') ?? '') }
        : { pod: normalizePod(m.groups[2]!), ...(m.groups[1] ? { static: true } : {}) },
  }),

  // ---- G. post-eviction wait (the pod was already counted by D2) ------------------
  rule({
    kind: 'known',
    id: 'G1',
    msg: [
      'Eviction manager: pods evicted, waiting for pod to be cleaned up',
      'Eviction manager: timed out waiting for pods to be cleaned up',
      'Eviction manager: pods successfully cleaned up',
    ],
    re: /eviction manager: (?:pods .* evicted, waiting for pod to be cleaned up|timed out waiting for pods .* to be cleaned up|pods .* successfully cleaned up)/i,
    anchor: 'cleaned up',
    fields: none,
  }),

  // ---- J. admission rejected under pressure --------------------------------------
  rule({
    kind: 'admission-rejected',
    id: 'J1',
    msg: ['Failed to admit pod to node'],
    re: /Failed to admit pod (\S+) - node has conditions: (.*)$/,
    anchor: 'failed to admit pod',
    fields: (m) => ({
      pod: normalizePod(m.structured ? (m.kv('pod') ?? '') : m.groups[1]!),
      conditions: conditionList(m.structured ? (m.kv('nodeCondition') ?? '') : m.groups[2]!),
    }),
  }),
  rule({
    kind: 'admission-rejected',
    id: 'J2',
    // The generic admission log (v1.31+); only reason="Evicted" is pressure.
    msg: ['Pod admission denied'],
    fields: (m) =>
      m.kv('reason') === 'Evicted'
        ? {
            pod: normalizePod(m.kv('pod') ?? ''),
            conditions: conditionList(m.kv('message') ?? ''),
            reason: 'Evicted',
          }
        : null,
  }),
  rule({ kind: 'known', id: 'J2', msg: ['Pod admission denied'], fields: none }),

  // ---- K. node condition transitions ---------------------------------------------
  rule({
    kind: 'node-pressure-reported',
    id: 'K1',
    msg: ['Recording event message for node'],
    re: /Recording (Node\w+) event message for node/,
    anchor: 'event message for node',
    fields: (m) => {
      const event = g1(m, 'event');
      const condition = PRESSURE_ON[event];
      return condition ? { condition, event } : null;
    },
  }),
  rule({
    kind: 'node-pressure-cleared',
    id: 'K1',
    msg: ['Recording event message for node'],
    re: /Recording (Node\w+) event message for node/,
    anchor: 'event message for node',
    fields: (m) => {
      const event = g1(m, 'event');
      const condition = PRESSURE_OFF[event];
      return condition ? { condition, event } : null;
    },
  }),
  rule({
    kind: 'known',
    id: 'K1',
    msg: ['Recording event message for node'],
    re: /Recording (Node\w+) event message for node/,
    anchor: 'event message for node',
    fields: none,
  }),

  // ---- M. start-up markers -------------------------------------------------------
  rule({
    kind: 'kubelet-start',
    id: 'M1',
    msg: ['Kubelet version'],
    re: /^Version: (v\S+)$/,
    anchor: 'version: v',
    fields: (m) => {
      const version = g1(m, 'kubeletVersion');
      return { via: 'startup-line', ...(version ? { version } : {}) };
    },
  }),
  rule({
    kind: 'kubelet-start',
    id: 'M3',
    msg: ['Started kubelet', 'Started kubelet as runonce'],
    re: /^Started kubelet(?: (v\S+))?$/,
    anchor: 'started kubelet',
    fields: (m) => ({ via: 'startup-line', ...(m.groups[1] ? { version: m.groups[1] } : {}) }),
  }),

  // ---- systemd's lines about the kubelet unit (M8) -------------------------------
  rule({
    kind: 'kubelet-start',
    id: 'M8',
    systemd: true,
    re: /^Started (.*)$/,
    anchor: 'started ',
    fields: (m) => (KUBELET_UNIT.test(m.groups[1]!) ? { via: 'systemd' } : null),
  }),
  rule({
    kind: 'kubelet-stop',
    id: 'M8',
    systemd: true,
    re: /^(?:Stopped (.*)|([\w@.-]+\.service): (Main process exited, .*|Failed with result .*|Killing process .*|Deactivated successfully\.))$/,
    anchor: '',
    fields: (m) => {
      const what = m.groups[1] ?? m.groups[2] ?? '';
      return KUBELET_UNIT.test(what) ? { detail: m.text } : null;
    },
  }),
];

/** Unit names and descriptions that are the kubelet. */
export const KUBELET_UNIT = /kubelet|kubernetes node agent|lightweight kubernetes|\bk3s|kubelite|rke2|origin-node|openshift-node|k0sworker/i;

const PRESSURE_ON: Readonly<Record<string, string>> = {
  NodeHasDiskPressure: 'DiskPressure',
  NodeHasInsufficientMemory: 'MemoryPressure',
  NodeHasInsufficientPID: 'PIDPressure',
  NodeOutOfDisk: 'OutOfDisk',
};
const PRESSURE_OFF: Readonly<Record<string, string>> = {
  NodeHasNoDiskPressure: 'DiskPressure',
  NodeHasSufficientMemory: 'MemoryPressure',
  NodeHasSufficientPID: 'PIDPressure',
  NodeHasSufficientDisk: 'OutOfDisk',
};
