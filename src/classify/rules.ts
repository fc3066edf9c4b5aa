/**
 * Where every kubelet message is recognised: one table, one entry per wording.
 *
 * Each rule names the event kind it produces, the catalog id in
 * `docs/kubelet-messages.md` section 4, and how to match it:
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
import type { EventFields, EventKind, Threshold } from '../model/events.js';
import {
  admissionReason,
  configEviction,
  conditionList,
  debugThreshold,
  dumpedPods,
  evictionDetail,
  goDurationSeconds,
  nodeConfigThresholds,
  normalizePod,
  parseDuration,
  parseQuantity,
  podList,
  preemptionResources,
  resourceName,
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
  /** the klog header's process id (the kubelet's), when the line has one */
  readonly pid?: number;
}

export type RuleKind = EventKind | 'known';

export interface Rule<K extends RuleKind = RuleKind> {
  readonly kind: K;
  /** catalog id (`B1`, `J1` ...) in docs/kubelet-messages.md */
  readonly id: string;
  /** structured-era message texts */
  readonly msg?: readonly string[];
  /** printf-era pattern; tried only when `anchor` occurs in the lower-cased text */
  readonly re?: RegExp;
  readonly anchor?: string;
  /**
   * What a printf line must hold (lower-case, in any ASCII case) for `fields` to make anything of
   * it, when that is narrower than the anchor: a line the rule's `re` matches but that lacks it
   * gets `null`. Where an inert rule reads a line by its start (classify.ts `INERT_PREFIXES`),
   * the prefilter looks for this in place of the anchor (bytescan.ts `inertLine`).
   */
  readonly needs?: string;
  /** systemd's own lines about the kubelet unit, not the kubelet's */
  readonly systemd?: boolean;
  /** klog verbosity that gates the line (`V(3)`): its presence tells the journal's verbosity */
  readonly v?: number;
  readonly fields: (m: Match) => (K extends EventKind ? EventFields[K] : Record<string, never>) | null;
}

/** Typed constructor: the fields function must return the kind's fields. */
function rule<K extends RuleKind>(r: Rule<K>): Rule {
  return r as unknown as Rule;
}

/** The fields of a `known` line: none (and never `null`: every match is one) */
export const none = () => ({}) as Record<string, never>;
/** first printf group, else the structured key */
const g1 = (m: Match, key: string) => m.groups[1] ?? m.kv(key) ?? '';
/** printf group `i` when the line is printf, else the structured key */
const gk = (m: Match, i: number, key: string) => (m.structured ? m.kv(key) : m.groups[i]) ?? '';
/** `err` of a structured line, else printf group `i` */
const errOf = (m: Match, i: number) => (m.structured ? (m.kv('err') ?? '') : (m.groups[i] ?? ''));
/** optional field helper: `{k: v}` only when v is set */
const opt = <K extends string, V>(k: K, v: V | undefined | '') => (v === undefined || v === '' ? {} : { [k]: v }) as { [P in K]?: V };

// `wanted to free 9223372036854775807 bytes, but freed 0 bytes` (G10+), `wanted to free %d,
// but freed %d` (G6–G8), S21+ `Attempted to free %d bytes, but only found %d bytes eligible`.
const FREED = /(?:wanted|attempted) to free (\d+)(?: bytes)?, but (?:freed|only found) (\d+)/i;
function freed(err: string): { wantedBytes: number; freedBytes: number } | undefined {
  const m = FREED.exec(err.length > 2000 ? err.slice(0, 2000) : err);
  return m ? { wantedBytes: Number(m[1]), freedBytes: Number(m[2]) } : undefined;
}

/** Thresholds from a configuration dump (A3): hard, soft with grace periods, min-reclaim. */
function configThresholds(text: string): EventFields['thresholds-stated'] | null {
  const c = configEviction(text);
  if (!c.hard && !c.soft) return null;
  const withMin = (t: Threshold): Threshold => {
    const mr = c.minReclaim?.get(t.signal);
    return mr ? { ...t, minReclaim: mr } : t;
  };
  const hard = [...(c.hard ?? new Map<string, string>())].map(([signal, value]) => withMin({ signal, value }));
  const soft = [...(c.soft ?? new Map<string, string>())].map(([signal, value]) => {
    const g = c.grace?.get(signal);
    const s = g !== undefined ? goDurationSeconds(g) : NaN;
    return withMin(Number.isFinite(s) ? { signal, value, gracePeriodSeconds: s } : { signal, value });
  });
  return { source: 'effective-config', hard, ...(c.soft ? { soft } : {}) };
}

/** The text of a multi-line block value `key=<` ... ` >` (or the plain value in JSON format). */
function blockValue(m: Match, key: string): string {
  const v = m.kv(key);
  if (v !== undefined && !v.startsWith('<')) return v;
  const at = m.text.indexOf(`${key}=<`);
  return at === -1 ? m.text : m.text.slice(at + key.length + 2);
}

// The memcg notifier descriptions (I2): `hard memory eviction threshold`, `soft allocatable ...`.
// Windows (I4) prints `Description()` as `%s %s memory eviction threshold`: `hard  memory …`, two spaces.
const MEMCG_DESC = '((?:hard|soft) +(?:allocatable +)?memory eviction threshold)';
function memcg(description: string, value?: string): EventFields['memcg-crossed'] {
  const d = description.toLowerCase();
  return {
    description: description.replace(/ {2,}/g, ' '),
    ...(d.includes('hard') ? { hard: true } : d.includes('soft') ? { hard: false } : {}),
    ...(d.includes('allocatable') ? { allocatable: true } : {}),
    ...opt('value', value),
  };
}

// K2: `Reason:KubeletNotReady Message:PLEG is not healthy: ...}` (%+v) or JSON `"reason":"..."`.
function notReady(cond: string): EventFields['node-not-ready'] {
  const r = /(?:Reason:|"reason":")(\w+)/.exec(cond);
  const msg = /(?:Message:|"message":")([^"]*)/.exec(cond);
  const message = msg ? msg[1]!.replace(/\}$/, '') : undefined;
  return { ...opt('reason', r?.[1]), ...opt('message', message) };
}

/** Events worth a timeline row when the kubelet echoes them (4.N); others are just known. */
const PRESSURE_EVENTS = new Set([
  'EvictionThresholdMet',
  'FreeDiskSpaceFailed',
  'ImageGCFailed',
  'ContainerGCFailed',
  'InvalidDiskCapacity',
  'NodeHasDiskPressure',
  'NodeHasNoDiskPressure',
  'NodeHasInsufficientMemory',
  'NodeHasSufficientMemory',
  'NodeHasInsufficientPID',
  'NodeHasSufficientPID',
  'NodeOutOfDisk',
  'NodeNotReady',
  'Starting',
]);

// printf `Event(v1.ObjectReference{Kind:"Pod", Namespace:"default", Name:"x", ...}): type: 'Warning' reason: 'Evicted' msg`
const EVENT_PRINTF =
  /^Event\(v1\.ObjectReference\{Kind:"(\w*)", Namespace:"([^"]*)", Name:"([^"]*)".*?\}\): type: '(\w*)' reason: '(\w*)' ?(.*)$/s;
interface EventLine {
  objectKind: string;
  object: string;
  type: string;
  reason: string;
  message: string;
}
function eventOf(m: Match): EventLine {
  if (m.structured) {
    return {
      objectKind: m.kv('kind') ?? '',
      object: normalizePod(m.kv('object') ?? ''),
      type: m.kv('type') ?? '',
      reason: m.kv('reason') ?? '',
      message: m.kv('message') ?? '',
    };
  }
  const ns = m.groups[2] ?? '';
  return {
    objectKind: m.groups[1] ?? '',
    object: ns ? `${ns}/${m.groups[3] ?? ''}` : (m.groups[3] ?? ''),
    type: m.groups[4] ?? '',
    reason: m.groups[5] ?? '',
    message: m.groups[6] ?? '',
  };
}

/** How K1 lines are matched (shared by its three rules). */
const K1 = {
  id: 'K1',
  msg: ['Recording event message for node'],
  re: /Recording (Node\w+) event message for node/,
  anchor: 'event message for node',
} as const;

/** How N event echoes are matched (shared by its three rules: eviction, pressure events, the rest). */
const N_EVENT = {
  id: 'N',
  msg: ['Event occurred'],
  re: EVENT_PRINTF,
  anchor: 'event(v1.objectreference',
  v: 3,
} as const;

export const RULES: readonly Rule[] = [
  // ---- forks: extra lines that are not upstream's (tolerated, catalog 6.19); first, as
  // `load eviction manager: pods %s evicted, ...` would otherwise read as G1
  rule({
    kind: 'known',
    id: 'fork',
    // OpenShift development fork: `"POD EPHEMERAL EVICTION ..."`, `"CTR EPHEMERAL EVICTION ..."`
    re: /^"?(?:POD|CTR) EPHEMERAL EVICTION/,
    anchor: 'ephemeral eviction',
    fields: none,
  }),
  rule({
    kind: 'known',
    id: 'fork',
    // KubeWharf: `load eviction manager: pods %s evicted, ...`
    re: /^"?load eviction manager: /i,
    anchor: 'load eviction manager',
    fields: none,
  }),

  // ---- A. thresholds at start-up -------------------------------------------------
  rule({
    kind: 'thresholds-stated',
    id: 'A1',
    msg: ['Creating Container Manager object based on Node Config'],
    re: /Creating Container Manager object based on Node Config: /,
    anchor: 'creating container manager object',
    fields: (m) => {
      const p = nodeConfigThresholds(m.structured ? (m.kv('nodeConfig') ?? m.text) : m.text);
      return { source: 'node-config', hard: p.hard, ...(p.truncated ? { truncated: true } : {}), ...opt('pid', m.pid) };
    },
  }),
  rule({
    kind: 'eviction-flag',
    id: 'A2',
    // `FLAG: --%s=%q`, never converted to structured logging.
    re: /^FLAG: --((?:experimental-)?(?:eviction-[\w-]+|allocatable-ignore-eviction|kernel-memcg-notification)|enforce-node-allocatable|image-gc-(?:high|low)-threshold|kube-reserved|system-reserved)=(".*)$/,
    anchor: 'flag: --',
    fields: (m) => {
      const [value, , closed] = readQuoted(m.groups[2]!, 0);
      if (closed) return { flag: m.groups[1]!, value, ...opt('pid', m.pid) };
      // A value the line ends inside (a pager or a terminal cut it): the items before its last
      // comma are whole, the last one is not (`memory.available<100` of `<100Mi`) and is left out
      // rather than read as a value; with no whole item the flag is only known.
      const k = value.lastIndexOf(',');
      return k > 0 ? { flag: m.groups[1]!, value: value.slice(0, k), truncated: true, ...opt('pid', m.pid) } : null;
    },
  }),
  rule({ kind: 'known', id: 'A2', re: /^FLAG: --/, anchor: 'flag: --', fields: none }),

  rule({
    kind: 'thresholds-stated',
    id: 'A3',
    // master: `"Effective KubeletConfiguration" config=<` + YAML lines + ` >` (joined by the analyzer)
    msg: ['Effective KubeletConfiguration'],
    fields: (m) => {
      const t = configThresholds(blockValue(m, 'config'));
      return t ? { ...t, ...opt('pid', m.pid) } : null;
    },
  }),
  rule({
    kind: 'thresholds-stated',
    id: 'A3',
    // V5 `"KubeletConfiguration" configuration=<` indented JSON (klog.Format), or a `%+v` struct
    msg: ['KubeletConfiguration'],
    v: 5,
    fields: (m) => {
      const t = configThresholds(blockValue(m, 'configuration'));
      return t ? { ...t, source: 'config-dump', ...opt('pid', m.pid) } : null;
    },
  }),
  rule({ kind: 'known', id: 'A3', msg: ['Effective KubeletConfiguration', 'KubeletConfiguration'], fields: none }),
  rule({
    kind: 'known',
    id: 'A1',
    // companion of A1: `container manager verified user specified cgroup-root exists: %v`
    msg: ['Container manager verified user specified cgroup-root exists'],
    re: /container manager verified user specified cgroup-root exists/i,
    anchor: 'verified user specified cgroup-root',
    fields: none,
  }),

  // ---- B. pressure detected, reclaim ---------------------------------------------
  rule({
    kind: 'reclaim-attempt',
    id: 'B1',
    msg: ['Eviction manager: attempting to reclaim'],
    re: /eviction manager: attempting to reclaim (\S+)/i,
    anchor: 'attempting to reclaim',
    fields: (m) => ({ resource: resourceName(g1(m, 'resourceName')) }),
  }),
  rule({
    kind: 'reclaim-without-eviction',
    id: 'B2',
    msg: ['Eviction manager: able to reduce resource pressure without evicting pods.'],
    re: /eviction manager: able to reduce (\S+) pressure without evicting pods/i,
    anchor: 'without evicting pods',
    fields: (m) => ({ resource: resourceName(g1(m, 'resourceName')) }),
  }),
  rule({
    kind: 'must-evict',
    id: 'B3',
    msg: ['Eviction manager: must evict pod(s) to reclaim'],
    re: /eviction manager: must evict pod\(s\) to reclaim (\S+)/i,
    anchor: 'must evict pod(s)',
    fields: (m) => ({ resource: resourceName(g1(m, 'resourceName')) }),
  }),
  rule({
    kind: 'node-conditions',
    id: 'B6',
    msg: ['Eviction manager: node conditions - observed'],
    re: /eviction manager: node conditions - observed: (.*)$/i,
    anchor: 'node conditions - observed',
    v: 3,
    fields: (m) => {
      const conditions = conditionList(g1(m, 'nodeCondition'));
      return conditions.length > 0 ? { conditions } : null;
    },
  }),
  rule({
    kind: 'transition-period',
    id: 'B6',
    msg: ['Eviction manager: node conditions - transition period not met'],
    re: /eviction manager: node conditions - transition period not met: (.*)$/i,
    anchor: 'transition period not met',
    v: 3,
    fields: (m) => ({ conditions: conditionList(g1(m, 'nodeCondition')) }),
  }),
  rule({
    kind: 'no-reclaim-for-threshold',
    id: 'B4',
    msg: ['Eviction manager: threshold was crossed, but reclaim is not implemented for this threshold.'],
    re: /threshold (\S+) was crossed, but reclaim is not implemented/i,
    anchor: 'reclaim is not implemented',
    v: 3,
    fields: (m) => ({ signal: g1(m, 'threshold') }),
  }),
  rule({
    kind: 'no-resources-starved',
    id: 'B5',
    msg: ['Eviction manager: no resources are starved'],
    re: /eviction manager: no resources are starved/i,
    anchor: 'no resources are starved',
    v: 3,
    fields: none,
  }),
  rule({
    kind: 'known',
    id: 'B7',
    msg: ['Eviction manager: synchronize housekeeping'],
    re: /eviction manager: synchronize housekeeping/i,
    anchor: 'synchronize housekeeping',
    v: 3,
    fields: none,
  }),
  rule({
    kind: 'grace-period-pending',
    id: 'B8',
    msg: ['Eviction manager: eviction criteria not yet met'],
    // bounded: formatThreshold output is short, and an unbounded `.*` here is quadratic on junk
    re: /eviction criteria not yet met for (threshold\([^)]{0,400}\)), duration: (\S+)/i,
    anchor: 'eviction criteria not yet met',
    v: 2,
    fields: (m) => {
      const threshold = debugThreshold(g1(m, 'threshold'));
      if (!threshold) return null;
      const d = parseDuration(gk(m, 2, 'duration')).value;
      return { threshold, durationSeconds: Number.isFinite(d) ? d : NaN };
    },
  }),
  rule({
    kind: 'known',
    id: 'B8',
    msg: ['Eviction manager: eviction criteria not yet met'],
    re: /eviction criteria not yet met/i,
    anchor: 'eviction criteria not yet met',
    v: 2,
    fields: none,
  }),
  rule({
    kind: 'known',
    id: 'B10',
    msg: ['FileSystem detection'],
    v: 3,
    fields: none,
  }),
  rule({
    kind: 'kubelet-start',
    id: 'B9',
    msg: ['Eviction manager: starting control loop'],
    fields: () => ({ via: 'startup-line' }),
  }),

  // ---- C. node-level reclaim by the eviction manager ------------------------------
  rule({
    kind: 'node-reclaim',
    id: 'C1',
    msg: ['Attempting to delete unused containers', 'Attempting to delete unused images'],
    // G6–G8 `eviction manager: attempting to delete unused images` (helpers.go); G10+ without prefix
    re: /^(?:eviction manager: )?attempting to delete unused (containers|images)$/i,
    anchor: 'delete unused',
    fields: (m) => ({ target: /containers/i.test(m.groups[1] ?? m.text) ? 'containers' : 'images' }),
  }),
  rule({
    kind: 'reclaim-error',
    id: 'C2',
    msg: ['Eviction manager: unexpected error when attempting to reduce resource pressure'],
    re: /unexpected error when attempting to reduce (\S+) pressure: (.*)$/is,
    anchor: 'unexpected error when attempting to reduce',
    fields: (m) => {
      const error = errOf(m, 2);
      return { resource: resourceName(g1(m, 'resourceName')), error, ...(freed(error) ?? {}) };
    },
  }),
  rule({
    kind: 'stats-failed',
    id: 'C3',
    msg: ['Eviction manager: failed to get summary stats after resource reclaim'],
    // G10 has the typo `failed to get get summary stats after resource reclaim`
    re: /eviction manager: failed to get (?:get )?summary stats after resource reclaim: (.*)$/is,
    anchor: 'summary stats after resource reclaim',
    fields: (m) => ({ phase: 'after-reclaim', error: errOf(m, 1) }),
  }),
  rule({
    kind: 'no-observation',
    id: 'C4',
    re: /eviction manager: unable to find value associated with signal (\S+)/i,
    anchor: 'unable to find value associated with signal',
    fields: (m) => ({ signal: m.groups[1]! }),
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
    kind: 'evicting-pod',
    id: 'D4',
    msg: ['Evicting pod'],
    v: 3,
    fields: (m) => {
      const message = m.kv('message') ?? '';
      return {
        pod: normalizePod(m.kv('pod') ?? ''),
        ...opt('uid', m.kv('podUID')),
        message,
        detail: evictionDetail(message),
      };
    },
  }),
  rule({
    kind: 'unable-to-evict',
    id: 'D5',
    msg: ['Eviction manager: unable to evict any pods from the node'],
    re: /eviction manager: unable to evict any pods from the node/i,
    anchor: 'unable to evict any pods',
    fields: none,
  }),

  rule({
    kind: 'critical-pod',
    id: 'D6',
    // v1.6: `eviction manager: NOT evicting static pod %v` (the pod name only)
    re: /eviction manager: NOT evicting static pod (\S+)/i,
    anchor: 'not evicting static pod',
    fields: (m) => ({ pod: normalizePod(m.groups[1]!), static: true }),
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
    fields: (m) => ({ resource: resourceName(g1(m, 'threshold'), true) }),
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

  rule({
    kind: 'critical-pod',
    id: 'E3',
    // ≈1.13–1.15: `eviction manager: cannot get mirror pod from static pod %s, so cannot evict it`
    re: /eviction manager: cannot get mirror pod from static pod (\S+), so cannot evict it/i,
    anchor: 'cannot get mirror pod from static pod',
    fields: (m) => ({ pod: normalizePod(m.groups[1]!), static: true }),
  }),

  // ---- F. local-storage eviction: no line of its own; related errors --------------
  rule({
    kind: 'stats-failed',
    id: 'F',
    re: /^Could not get summary provider/,
    anchor: 'could not get summary provider',
    fields: (m) => ({ phase: 'summary-provider', error: m.text }),
  }),
  rule({
    kind: 'stats-failed',
    id: 'F',
    re: /eviction manager: error getting pod disk usage (.*)$/is,
    anchor: 'error getting pod disk usage',
    fields: (m) => ({ phase: 'pod-disk-usage', error: m.groups[1]! }),
  }),

  // ---- G. post-eviction wait / cleanup -------------------------------------------
  rule({
    kind: 'cleanup-wait',
    id: 'G1',
    msg: ['Eviction manager: pods evicted, waiting for pod to be cleaned up'],
    re: /eviction manager: pods (.*) evicted, waiting for pod to be cleaned up/is,
    anchor: 'waiting for pod to be cleaned up',
    fields: (m) => ({ pods: podList(g1(m, 'pods')) }),
  }),
  rule({
    kind: 'cleanup-timeout',
    id: 'G2',
    msg: ['Eviction manager: timed out waiting for pods to be cleaned up'],
    re: /eviction manager: timed out waiting for pods (.*) to be cleaned up/is,
    anchor: 'timed out waiting for pods',
    fields: (m) => ({ pods: podList(g1(m, 'pods')) }),
  }),
  rule({
    kind: 'cleanup-done',
    id: 'G3',
    msg: ['Eviction manager: pods successfully cleaned up'],
    re: /eviction manager: pods (.*) successfully cleaned up/is,
    anchor: 'successfully cleaned up',
    fields: (m) => ({ pods: podList(g1(m, 'pods')) }),
  }),

  // ---- H. helpers.go debug: observations and thresholds (V3) ----------------------
  rule({
    kind: 'observation',
    id: 'H1',
    msg: ['Eviction manager:'],
    // `eviction manager: observations: signal=memory.available, available: 15314304Ki,
    //  capacity: 16300784Ki, time: 2019-04-11 14:25:34.570171022 +0800 CST m=+0.301067428`
    re: /eviction manager: ([^:]+): signal=([\w.]+), available: (\S+?), capacity: ([^,\s]+)(?:, time: (.*))?$/i,
    anchor: ', capacity: ',
    v: 3,
    fields: (m) => {
      const signal = gk(m, 2, 'signal');
      if (!signal) return null;
      const resource = m.kv('resourceName');
      const time = gk(m, 5, 'time');
      return {
        phase: gk(m, 1, 'log'),
        signal,
        ...opt('resource', resource),
        available: parseQuantity(gk(m, 3, 'available')),
        capacity: parseQuantity(gk(m, 4, 'capacity')),
        ...opt('statsTime', time),
      };
    },
  }),
  rule({
    kind: 'threshold-met',
    id: 'H2',
    msg: ['Eviction manager: threshold observed resource'],
    // `eviction manager: thresholds - reclaim not satisfied: threshold [signal=memory.available,
    //  quantity=100Mi] observed -2097758044639028Ki`
    re: /eviction manager: ([^:]+): threshold \[signal=([\w.]+), quantity=([^\]\s]+)\] observed (\S+)/i,
    anchor: '] observed ',
    v: 3,
    fields: (m) => ({
      phase: gk(m, 1, 'log'),
      signal: gk(m, 2, 'signal'),
      threshold: parseQuantity(gk(m, 3, 'quantity')),
      available: parseQuantity(gk(m, 4, 'available')),
      ...opt('resource', m.kv('resourceName')),
    }),
  }),
  rule({
    kind: 'no-observation',
    id: 'H2',
    msg: ['Eviction manager: threshold had no observation'],
    re: /eviction manager: ([^:]+): threshold \[signal=([\w.]+)\] had no observation/i,
    anchor: 'had no observation',
    v: 3,
    fields: (m) => ({ signal: gk(m, 2, 'signal'), ...opt('phase', gk(m, 1, 'log')) }),
  }),
  rule({
    kind: 'no-observation',
    id: 'H3',
    msg: ['Eviction manager: no observation found for eviction signal'],
    re: /no observation found for eviction signal (\S+)/i,
    anchor: 'no observation found for eviction signal',
    fields: (m) => ({ signal: g1(m, 'signal') }),
  }),
  rule({
    kind: 'signal-error',
    id: 'H4',
    msg: ['Eviction manager: failed to construct signal'],
    re: /eviction manager: failed to construct signal: "?([^"\s]+)"? error: (.*)$/is,
    anchor: 'failed to construct signal',
    fields: (m) => ({ signal: g1(m, 'signal'), error: errOf(m, 2) }),
  }),

  // ---- I. memcg threshold notifier -------------------------------------------------
  rule({
    kind: 'memcg-crossed',
    id: 'I1',
    // v1.5–1.10: `hard memory eviction threshold crossed at <100Mi available`
    re: /(hard|soft) memory eviction threshold crossed at (\S+)/i,
    anchor: 'threshold crossed at',
    fields: (m) => memcg(`${m.groups[1]!.toLowerCase()} memory eviction threshold`, m.groups[2]!.replace(/^</, '')),
  }),
  rule({
    kind: 'memcg-crossed',
    id: 'I2',
    // ≈1.11+: the handler logs `eviction manager: <description> crossed` (also in S21+, as the message)
    re: new RegExp(`eviction manager: ${MEMCG_DESC} crossed`, 'i'),
    anchor: 'eviction threshold crossed',
    fields: (m) => memcg(m.groups[1]!),
  }),
  rule({
    kind: 'memcg-crossed',
    id: 'I1',
    re: /^eviction: threshold crossed$/,
    anchor: 'eviction: threshold crossed',
    v: 2,
    fields: () => ({ description: 'memory eviction threshold' }),
  }),
  rule({
    kind: 'memcg-notifier',
    id: 'I1',
    re: /^eviction manager attempting to integrate with kernel memcg notification api/i,
    anchor: 'kernel memcg notification',
    fields: (m) => ({ status: 'integrating', detail: m.text }),
  }),
  rule({
    kind: 'memcg-notifier',
    id: 'I3',
    msg: ['Eviction manager: created memoryThresholdNotifier'],
    re: new RegExp(`eviction manager: created ${MEMCG_DESC}`, 'i'),
    anchor: 'eviction manager: created ',
    fields: (m) => ({ status: 'created', detail: gk(m, 1, 'notifier') }),
  }),
  rule({
    kind: 'memcg-notifier',
    id: 'I3',
    msg: ['Eviction manager: setting notifier to capacity'],
    re: /^eviction manager: setting (.*) to (\S+)$/i,
    anchor: 'eviction manager: setting ',
    v: 3,
    fields: (m) => ({
      status: 'setting',
      detail: m.structured ? `${m.kv('notifier') ?? ''} ${m.kv('capacity') ?? ''}`.trim() : m.text,
    }),
  }),
  rule({
    kind: 'memcg-notifier',
    id: 'I1',
    // v1.5–1.10 threshold_notifier_linux.go, V2: `eviction: setting notification threshold to %s`
    re: /^eviction: setting notification threshold to (.*)$/i,
    anchor: 'eviction: setting notification threshold',
    v: 2,
    fields: (m) => ({ status: 'setting', detail: m.text }),
  }),
  rule({
    kind: 'memcg-notifier',
    id: 'I3',
    msg: ['Eviction manager: failed to create memory threshold notifier', 'Eviction manager: failed to update notifier'],
    // I1 `failed to create hard|soft memory threshold notifier: %v` (labels swapped in the source),
    // I2 `failed to create memory threshold notifier: %v`, `failed to update %s: %v`
    re: /eviction manager: failed to (?:create (?:hard |soft )?memory threshold notifier|update .*? eviction threshold): (.*)$/is,
    anchor: 'eviction manager: failed to ',
    fields: (m) => ({ status: 'failed', detail: m.structured ? `${m.kv('notifier') ?? ''} ${m.kv('err') ?? ''}`.trim() : m.text }),
  }),
  rule({
    kind: 'memcg-notifier',
    id: 'I3',
    msg: [
      'Eviction manager: error adding epoll eventfd',
      'Eviction manager: error while waiting for memcg events',
      'Eviction manager: error reading memcg events',
    ],
    re: /eviction manager: error (?:adding epoll eventfd|while waiting for memcg events|reading memcg events)/i,
    anchor: 'eviction manager: error ',
    fields: (m) => ({ status: 'error', detail: m.structured ? `${m.text.slice(0, 80)}` : m.text }),
  }),
  rule({
    kind: 'memcg-notifier',
    id: 'I1',
    re: /^eviction: stopping threshold notifier/,
    anchor: 'stopping threshold notifier',
    v: 2,
    fields: (m) => ({ status: 'stopped', detail: m.text }),
  }),
  rule({
    kind: 'memcg-notifier',
    id: 'I4',
    // v1.31+ Windows (memory_threshold_notifier_windows.go): polls global commit memory
    msg: ['Eviction manager: creating new WindowsMemoryThresholdNotifier'],
    fields: () => ({ status: 'created', detail: 'WindowsMemoryThresholdNotifier' }),
  }),
  rule({
    kind: 'memcg-notifier',
    id: 'I4',
    msg: ['Eviction manager: starting windowsMemoryThresholdNotifier'],
    fields: (m) => ({ status: 'started', detail: (m.kv('notifier') ?? '').replace(/ {2,}/g, ' ') }),
  }),
  rule({
    kind: 'memcg-notifier',
    id: 'I4',
    msg: ['Eviction manager: error getting global memory status for node'],
    fields: (m) => ({ status: 'error', detail: m.kv('err') ?? '' }),
  }),
  rule({
    kind: 'known',
    id: 'H5',
    // v1.31+ Windows helpers_windows.go, V4
    msg: ['Eviction manager: building memory signal observations for windows'],
    v: 4,
    fields: none,
  }),
  rule({
    kind: 'observation',
    id: 'H5',
    // `Available=412316860 Usage=16760020992` (bytes of commit memory; capacity is their sum)
    msg: ['Eviction manager: memory signal observations for windows'],
    v: 4,
    fields: (m) => {
      const available = parseQuantity(m.kv('Available') ?? '');
      const usage = parseQuantity(m.kv('Usage') ?? '');
      if (!Number.isFinite(available.value)) return null;
      const capacity = available.value + usage.value;
      return {
        phase: 'windows',
        signal: 'memory.available',
        available,
        capacity: { text: Number.isFinite(capacity) ? String(capacity) : '', value: capacity },
      };
    },
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
    id: 'J1',
    // G7 kubelet.go `canAdmitPod`: `Failed to admit pod %v - predicate fails due to OutOfDisk`
    re: /Failed to admit pod (\S+) - predicate fails due to OutOfDisk/,
    anchor: 'failed to admit pod',
    fields: (m) => ({ pod: normalizePod(m.groups[1]!), conditions: ['OutOfDisk'], reason: 'OutOfDisk' }),
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
  rule({
    kind: 'admission-failed',
    id: 'J2',
    // every other admit handler: OutOfcpu, NodeAffinity, UnexpectedAdmissionError, NodeShutdown …
    msg: ['Pod admission denied'],
    fields: (m) => {
      const message = m.kv('message') ?? '';
      return { pod: normalizePod(m.kv('pod') ?? ''), reason: m.kv('reason') || admissionReason(message), message, stated: true };
    },
  }),

  rule({
    kind: 'admission-failed',
    id: 'J4',
    // resource-fit and other predicates (V2): an admission failure, but not pressure
    msg: ['Predicate failed on Pod'],
    re: /^Predicate failed on Pod: (\S+), for reason: (.*)$/s,
    anchor: 'predicate failed on pod',
    v: 2,
    fields: (m) => {
      const message = m.structured ? (m.kv('err') ?? '') : m.groups[2]!;
      return { pod: normalizePod(m.structured ? (m.kv('pod') ?? '') : m.groups[1]!), reason: admissionReason(message), message };
    },
  }),
  rule({
    kind: 'admission-failed',
    id: 'J5',
    // predicate.go, G7–K13: `Failed to admit pod %v - %s` with `Unexpected error while attempting
    // to recover from admission failure: …` (a failed preemption), `GeneralPredicates failed due
    // to …, which is unexpected.`, `Update plugin resources failed due to …` (J1's `- node has
    // conditions:` is tried first)
    re: /Failed to admit pod (\S+) - (.*)$/s,
    anchor: 'failed to admit pod',
    fields: (m) => ({ pod: normalizePod(m.groups[1]!), reason: admissionReason(m.groups[2]!), message: m.groups[2]! }),
  }),
  rule({
    kind: 'admission-failed',
    id: 'J5',
    // S21+ predicate.go (InfoS): the failed recovery (a preemption that found or killed nothing)
    msg: ['Failed to admit pod, unexpected error while attempting to recover from admission failure'],
    fields: (m) => ({ pod: normalizePod(m.kv('pod') ?? ''), reason: 'UnexpectedAdmissionError', message: m.kv('err') ?? '' }),
  }),
  rule({
    kind: 'admission-failed',
    id: 'J5',
    msg: ['Failed to admit pod: GeneralPredicates failed due to unknown reason, which is unexpected'],
    fields: (m) => ({ pod: normalizePod(m.kv('pod') ?? ''), reason: 'UnknownReason', message: '' }),
  }),
  rule({
    kind: 'admission-failed',
    id: 'J5',
    // `message` for device plugins (`UnexpectedAdmissionError`) and init containers; `err` for an
    // unexpected predicate failure type
    msg: ['Failed to admit pod'],
    fields: (m) => {
      const message = m.kv('message');
      if (message === undefined)
        return { pod: normalizePod(m.kv('pod') ?? ''), reason: 'UnexpectedPredicateFailureType', message: m.kv('err') ?? '' };
      const reason = admissionReason(message);
      return { pod: normalizePod(m.kv('pod') ?? ''), reason: reason === 'unknown' ? 'UnexpectedAdmissionError' : reason, message };
    },
  }),
  rule({
    kind: 'known',
    id: 'J5',
    // predicate.go when the node object is not there yet (start-up): no pod is named
    msg: ['Cannot get Node info'],
    re: /^Cannot get Node info: /,
    anchor: 'cannot get node info',
    fields: none,
  }),

  // ---- P. critical-pod admission preemption (pkg/kubelet/preemption) --------------
  // The admit handler kills pods to make room for a critical pod that does not fit. Its
  // `evicted successfully` and `failed to evict` share words with D2/D3, whose patterns
  // need the `eviction manager: ` prefix, so these lines never read as pressure evictions.
  rule({
    kind: 'preemption-attempt',
    id: 'P1',
    // G7–K13 `preemption: attempting to evict pods %v, in order to free up resources: %s`
    // (the pods as `&Pod{…}` dumps, one very long line)
    re: /^preemption: attempting to evict pods (.*), in order to free up resources: (.*)$/s,
    anchor: 'in order to free up resources',
    fields: (m) => ({ pods: dumpedPods(m.groups[1]!), resources: preemptionResources(m.groups[2]!) }),
  }),
  rule({
    kind: 'preemption-attempt',
    id: 'P1',
    // S21 `"Attempting to evict pods in order to free up resources" pods=[&Pod{…}] insufficientResources=…`;
    // ≈1.22+ V3 (C: V2) one line per victim `"Preempting pod to free up resources" pod=… podUID=…
    // insufficientResources=… [requestingPod=…]`
    msg: ['Attempting to evict pods in order to free up resources', 'Preempting pod to free up resources'],
    fields: (m) => {
      const pod = m.kv('pod');
      const requesting = m.kv('requestingPod');
      return {
        pods: pod !== undefined ? [normalizePod(pod)] : dumpedPods(m.text),
        resources: preemptionResources(m.kv('insufficientResources') ?? ''),
        ...(requesting ? { requestingPod: normalizePod(requesting) } : {}),
      };
    },
  }),
  rule({
    kind: 'known',
    id: 'P1',
    // debug lines of one indexed version (a development commit): each dumps the whole pod
    msg: ['HandleAdmissionFailure', 'evictPodsToFreeRequests'],
    fields: none,
  }),
  rule({
    kind: 'pod-preempted',
    id: 'P2',
    // G7–K13 `preemption: pod %s evicted successfully`; S21+ `"Pod evicted successfully" pod=…`
    msg: ['Pod evicted successfully'],
    re: /^preemption: pod (\S+) evicted successfully/,
    anchor: 'preemption: pod ',
    fields: (m) => ({ pod: normalizePod(g1(m, 'pod')) }),
  }),
  rule({
    kind: 'pod-preempt-failed',
    id: 'P3',
    // K13 (W) `preemption: pod %s failed to evict %v`; ≤1.14 the same text is only an error,
    // seen inside J5's `Unexpected error while attempting to recover from admission failure: …`
    // (and alone, when a paste keeps just that message); S21+ `"Failed to evict pod" err=… pod=…`
    msg: ['Failed to evict pod'],
    re: /(?:^|: )preemption: pod (\S+) failed to evict ?(.*)$/s,
    anchor: 'preemption: pod ',
    fields: (m) => {
      const error = m.structured ? m.kv('err') : m.groups[2];
      return { pod: normalizePod(g1(m, 'pod')), ...opt('error', error?.trim()) };
    },
  }),

  // ---- K. node condition transitions ---------------------------------------------
  // K1 `Recording NodeHasDiskPressure event message for node worker-3` (printf) /
  // `"Recording event message for node" node="worker-3" event="NodeHasDiskPressure"`:
  // one wording, three meanings by the event it records.
  rule({ kind: 'node-pressure-reported', ...K1, fields: (m) => nodeEvent(m, PRESSURE_ON) }),
  rule({ kind: 'node-pressure-cleared', ...K1, fields: (m) => nodeEvent(m, PRESSURE_OFF) }),
  rule({ kind: 'known', ...K1, fields: none }),

  rule({
    kind: 'node-not-ready',
    id: 'K2',
    msg: ['Node became not ready'],
    re: /^Node became not ready: (.*)$/s,
    anchor: 'node became not ready',
    fields: (m) => notReady(g1(m, 'condition')),
  }),

  // ---- L. periodic garbage collection ---------------------------------------------
  rule({
    kind: 'image-gc-over-threshold',
    id: 'L1',
    msg: ['Disk usage on image filesystem is over the high threshold, trying to free bytes down to the low threshold'],
    // G6–G8: `[imageGCManager]: Disk usage on "/dev/sda1" (/) is at 85% which is over the high
    // threshold (85%). Trying to free 6713175244 bytes`
    re: /Disk usage on "([^"]*)" \(([^)]*)\) is at (\d+)% which is over the high threshold \((\d+)%\)\. Trying to free (\d+) bytes/,
    anchor: 'over the high threshold',
    fields: (m) => {
      if (m.structured) {
        const low = Number(m.kv('lowThreshold'));
        const high = Number(m.kv('highThreshold'));
        const toFree = Number(m.kv('amountToFree'));
        const usage = Number(m.kv('usage'));
        // (a value a pager cut, `highThre>`, is left out rather than made up)
        if (!Number.isFinite(usage)) return null;
        return {
          usagePercent: usage,
          ...(Number.isFinite(high) ? { highPercent: high } : {}),
          ...(Number.isFinite(low) ? { lowPercent: low } : {}),
          ...(Number.isFinite(toFree) ? { bytesToFree: toFree } : {}),
        };
      }
      return {
        device: `${m.groups[1]!} (${m.groups[2]!})`,
        usagePercent: Number(m.groups[3]),
        highPercent: Number(m.groups[4]),
        bytesToFree: Number(m.groups[5]),
      };
    },
  }),
  rule({
    kind: 'image-gc-over-threshold',
    id: 'L1',
    // G10–K13: `... on image filesystem is at 85% which is over the high threshold (85%).
    // Trying to free 5487241625 bytes down to the low threshold (80%).`
    re: /Disk usage on image filesystem is at (\d+)% which is over the high threshold \((\d+)%\)\. Trying to free (\d+) bytes(?: down to the low threshold \((\d+)%\))?/,
    anchor: 'over the high threshold',
    fields: (m) => ({
      usagePercent: Number(m.groups[1]),
      highPercent: Number(m.groups[2]),
      bytesToFree: Number(m.groups[3]),
      ...(m.groups[4] !== undefined ? { lowPercent: Number(m.groups[4]) } : {}),
    }),
  }),
  rule({
    kind: 'image-removed',
    id: 'L2',
    msg: ['Removing image to free bytes'],
    re: /\[imageGCManager\]: Removing image "([^"]*)" to free (\d+) bytes/,
    anchor: 'removing image',
    fields: (m) => {
      const bytes = Number(gk(m, 2, 'size'));
      // (a size a pager cut, `size=1042721>`, is left out: the removal is known, its bytes are not)
      return { image: gk(m, 1, 'imageID'), ...(Number.isFinite(bytes) ? { bytes } : {}) };
    },
  }),
  rule({
    kind: 'image-gc-insufficient',
    id: 'L5',
    msg: [
      'Image garbage collection failed once. Stats initialization may not have completed yet',
      'Image garbage collection failed multiple times in a row',
    ],
    re: /^Image garbage collection failed(?: once\. Stats initialization may not have completed yet| multiple times in a row)?: (.*)$/s,
    anchor: 'image garbage collection failed',
    fields: (m) => {
      const error = errOf(m, 1);
      const f = freed(error);
      return f ? { ...f, error } : null;
    },
  }),
  rule({
    kind: 'gc-failed',
    id: 'L5',
    msg: [
      'Image garbage collection failed once. Stats initialization may not have completed yet',
      'Image garbage collection failed multiple times in a row',
    ],
    re: /^Image garbage collection failed( once\. Stats initialization may not have completed yet| multiple times in a row)?: (.*)$/s,
    anchor: 'image garbage collection failed',
    fields: (m) => ({
      target: 'images',
      error: errOf(m, 2),
      ...(/failed once/i.test(m.text) ? { once: true } : {}),
    }),
  }),
  rule({
    kind: 'gc-failed',
    id: 'L5',
    msg: ['Container garbage collection failed'],
    re: /^Container garbage collection failed: (.*)$/s,
    anchor: 'container garbage collection failed',
    fields: (m) => ({ target: 'containers', error: errOf(m, 1) }),
  }),
  rule({
    kind: 'gc-failed',
    id: 'L6',
    msg: ['Failed to monitor images', 'Failed to update image list'],
    re: /^\[imageGCManager\]:? Failed to (?:monitor images|update image list): (.*)$/s,
    anchor: 'imagegcmanager',
    fields: (m) => ({ target: 'images', error: errOf(m, 1) }),
  }),
  rule({
    kind: 'known',
    id: 'L5',
    msg: [
      'Image garbage collection succeeded',
      'Container garbage collection succeeded',
      'Availability is larger than capacity',
      'ImageGCHighThresholdPercent is set 100, Disable image GC',
      'ImageGCHighThresholdPercent is set 100 and ImageMaximumGCAge is 0, Disable image GC',
    ],
    re: /^(?:Image|Container) garbage collection succeeded/,
    anchor: 'garbage collection succeeded',
    fields: none,
  }),
  rule({
    kind: 'known',
    id: 'L5',
    re: /^ImageGCHighThresholdPercent is set 100/,
    anchor: 'imagegchighthresholdpercent',
    fields: none,
  }),
  rule({
    kind: 'known',
    id: 'L6',
    re: /^(?:\[imageGCManager\]:? )?available -?\d+ is larger than capacity/,
    anchor: 'is larger than capacity',
    fields: none,
  }),
  // V5 image-GC debug (detectImages, freeSpace), G7–K13 printf: `Adding image ID %s to
  // currentImages`, `Image ID %s is new`, `Setting Image ID %s lastUsed to %v`, `Image ID %s has
  // size %d`, `Image ID %s is being used`, `Evaluating image ID %s for possible garbage
  // collection`, `Image ID %s has lastUsed=… which is >= freeTime=…`, `Image ID %s has age %v which
  // is less than the policy's minAge …`, `Image ID %s is no longer present; …`, `Pod %s/%s,
  // container %s uses image %s(%s)` (one anchor per wording, so the prefilter does not let
  // every line naming an image through)
  rule({
    kind: 'known',
    id: 'L6',
    // (S21+ the same texts as messages: `"Image ID is new" imageID=…`, `"Image ID's age is less than
    // the policy's minAge, …"`, which no rule has as a key and so reach this pattern, quote first)
    re: /^"?(?:\[imageGCManager\]:? )?(?:Evaluating image ID|Image ID\b|Adding (?:old )?image ID|Setting Image ID)/,
    anchor: 'image id',
    v: 5,
    fields: none,
  }),
  rule({
    kind: 'known',
    id: 'L6',
    re: /^Pod [^\s,]+, container \S+ uses image /,
    anchor: ' uses image ',
    v: 5,
    fields: none,
  }),
  rule({
    kind: 'known',
    id: 'L6',
    // S21+ the two V5 lines whose message names no image ID
    msg: ['Container uses image', 'Image is pinned, skipping garbage collection'],
    v: 5,
    fields: none,
  }),

  rule({
    kind: 'image-remove-failed',
    id: 'L7',
    // the runtime's failure to remove an image GC chose (L2), two lines per image: the CRI client
    // (G7–K13 remote_image.go `RemoveImage %q from image service failed: %v`; S21+ `"RemoveImage
    // from image service failed" err=… image=…`, header file `log.go` from ≈1.31) and kuberuntime
    // (`Remove image %q failed: %v`; `"Failed to remove image" err=… image=…`)
    msg: ['RemoveImage from image service failed', 'Failed to remove image'],
    re: /^RemoveImage "([^"]*)" from image service failed: (.*)$/s,
    anchor: 'removeimage "',
    fields: (m) => ({ image: gk(m, 1, 'image'), error: errOf(m, 2) }),
  }),
  rule({
    kind: 'image-remove-failed',
    id: 'L7',
    re: /^Remove image "([^"]*)" failed: (.*)$/s,
    anchor: 'remove image "',
    fields: (m) => ({ image: m.groups[1]!, error: m.groups[2]! }),
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

  rule({ kind: 'known', id: 'M2', msg: ['Golang settings'], fields: none }),
  rule({
    kind: 'known',
    id: 'M7',
    // server.go start-up warning about the sandbox image and image GC (its end is often cut by a pager)
    re: /--pod-infra-container-image will not be pruned by the image garbage collector/,
    anchor: 'will not be pruned',
    fields: none,
  }),
  rule({
    kind: 'known',
    id: 'M4',
    msg: ['Starting kubelet main sync loop'],
    re: /^Starting kubelet main sync loop/,
    anchor: 'main sync loop',
    fields: none,
  }),
  rule({
    kind: 'known',
    id: 'M5',
    msg: ['Attempting to register node', 'Successfully registered node', 'Node was previously registered'],
    re: /^(?:Attempting to register node|Successfully registered node|Node \S+ was previously registered)/,
    anchor: 'register',
    fields: none,
  }),
  rule({
    kind: 'known',
    id: 'M7',
    msg: [
      '--cgroups-per-qos enabled, but --cgroup-root was not specified.  defaulting to /',
      '--cgroups-per-qos enabled, but --cgroup-root was not specified.  Defaulting to /',
    ],
    re: /^--cgroups-per-qos enabled, but --cgroup-root was not specified/,
    anchor: 'cgroups-per-qos',
    fields: none,
  }),
  rule({
    kind: 'known',
    id: 'M9',
    // cobra/pflag straight to stderr, no klog header
    re: /^Flag --\S+ has been deprecated/,
    anchor: 'has been deprecated',
    fields: none,
  }),

  // ---- M10: a start that failed: the kubelet's fatal start-up error, in each era --------
  rule({
    kind: 'kubelet-start-failed',
    id: 'M10',
    // G7 (stderr, no header) `error: failed to run Kubelet: %v`; ≈1.9–1.20 `F… server.go] failed to
    // run Kubelet: %v` (klog.Fatal, exit 255); 1.24 (stderr) `Error: failed to run Kubelet: %v`
    re: /^(?:error: )?failed to run Kubelet: (.*)$/is,
    anchor: 'failed to run kubelet',
    fields: (m) => ({ error: m.groups[1]!, by: 'kubelet', ...opt('pid', m.pid) }),
  }),
  rule({
    kind: 'kubelet-start-failed',
    id: 'M10',
    // ≈1.10–1.20 `F… server.go] failed to load Kubelet config file %s, error %v` (klog.Fatal)
    re: /^failed to load Kubelet config file .*$/s,
    anchor: 'failed to load kubelet config file',
    fields: (m) => ({ error: m.text, by: 'kubelet', ...opt('pid', m.pid) }),
  }),
  rule({
    kind: 'kubelet-start-failed',
    id: 'M10',
    // 1.21–1.23 `E… server.go] "Failed to run kubelet" err=…`; ≥1.25 component-base `E… run.go]
    // "command failed" err=…` (both then exit 1)
    msg: ['Failed to run kubelet', 'command failed'],
    fields: (m) => ({ error: (m.kv('err') ?? '').replace(/^failed to run Kubelet: /i, ''), by: 'kubelet', ...opt('pid', m.pid) }),
  }),

  // ---- N. events echoed at V3 ------------------------------------------------------
  rule({
    kind: 'evicted-event',
    ...N_EVENT,
    fields: (m) => {
      const e = eventOf(m);
      if (e.reason !== 'Evicted' || e.objectKind !== 'Pod') return null;
      return { pod: e.object, message: e.message, detail: evictionDetail(e.message) };
    },
  }),
  rule({
    kind: 'pod-preempted',
    ...N_EVENT,
    // P2's event: reason `Preempting`, `Preempted in order to admit critical pod`
    fields: (m) => {
      const e = eventOf(m);
      return e.reason === 'Preempting' && e.objectKind === 'Pod' ? { pod: e.object } : null;
    },
  }),
  rule({
    kind: 'kube-event',
    ...N_EVENT,
    fields: (m) => {
      const e = eventOf(m);
      return PRESSURE_EVENTS.has(e.reason) ? e : null;
    },
  }),
  rule({ kind: 'known', ...N_EVENT, fields: none }),

  // ---- O. other eviction-manager errors --------------------------------------------
  rule({
    kind: 'stats-failed',
    id: 'O',
    msg: ['Eviction manager: failed to get summary stats'],
    // G6–G8 `unexpected err: %v`; G10 `failed to get get summary stats: %v` (sic); K13 `failed to get summary stats: %v`
    re: /eviction manager: (?:unexpected err|failed to get (?:get )?summary stats): (.*)$/is,
    anchor: 'eviction manager: ',
    fields: (m) => ({ phase: 'sync', error: errOf(m, 1) }),
  }),
  rule({
    kind: 'eviction-manager-error',
    id: 'O',
    msg: [
      'Eviction manager: failed to get HasDedicatedImageFs',
      'eviction manager: found conflicting containerfs eviction. Ignoring.',
      'Eviction manager: failed to synchronize',
    ],
    fields: (m) => ({ detail: m.text.slice(1, m.text.indexOf('"', 1)), error: m.kv('err') ?? '' }),
  }),
  rule({
    kind: 'known',
    id: 'O',
    // logged at almost every start: err="no imagefs label for configured runtime"
    msg: ['eviction manager: failed to check if we have separate container filesystem. Ignoring.'],
    fields: none,
  }),
  rule({
    kind: 'eviction-manager-error',
    id: 'O',
    // kubelet.go syncLoop while the runtime is not ready: `skipping pod synchronization - [%v]`
    // (S21+ `"Skipping pod synchronization" err=…`); v1.4 lists `failed to start eviction
    // manager …` there: the eviction manager is not running, so no threshold is enforced
    msg: ['Skipping pod synchronization'],
    re: /^skipping pod synchronization - (.*)$/is,
    anchor: 'skipping pod synchronization',
    needs: 'eviction manager',
    fields: (m) => {
      const error = errOf(m, 1);
      return /eviction manager/i.test(error) ? { detail: 'skipping pod synchronization', error } : null;
    },
  }),
  rule({
    kind: 'known',
    id: 'O',
    // the other reasons (`PLEG is not healthy: … threshold is 3m0s`, `container runtime is down`)
    msg: ['Skipping pod synchronization'],
    re: /^skipping pod synchronization - /i,
    anchor: 'skipping pod synchronization',
    fields: none,
  }),

  // ---- systemd's lines about the kubelet unit (M8) -------------------------------
  // Wordings of systemd ≤219 (CentOS 7) to ≥252, for any unit KUBELET_UNIT names: `Starting
  // <description>...` (Type=notify units log it before the kubelet's lines, `Started` when it is
  // ready), `Started <description>.` (≥252: `Started kubelet.service - <description>.`).
  rule({
    kind: 'kubelet-start',
    id: 'M8',
    systemd: true,
    re: /^Start(ed|ing) (.*?)(?:\.\.\.|\.)?$/,
    anchor: 'start',
    fields: (m) => (KUBELET_UNIT.test(m.groups[2]!) ? { via: 'systemd', ...(m.groups[1] === 'ing' ? { starting: true } : {}) } : null),
  }),
  rule({
    kind: 'kubelet-start-failed',
    id: 'M8',
    systemd: true,
    re: /^Failed to start (.*?)\.?$/,
    anchor: 'failed to start ',
    fields: (m) => (KUBELET_UNIT.test(m.groups[1]!) ? { error: m.text, by: 'systemd' } : null),
  }),
  rule({
    kind: 'kubelet-stop',
    id: 'M8',
    systemd: true,
    // `Stopped <description>.`; `<unit>: Main process exited, …` (≤219: `main`), `Failed with
    // result …`, `Killing process …`, `Succeeded.`, `Deactivated successfully.`, ≈226–231 `Unit
    // entered failed state.`, `Control process exited, …`; ≤219 `Unit <unit> entered failed state.`,
    // `<unit> failed.`
    re: /^(?:Stopped (.*?)\.?|Unit ([\w@.\\-]+\.service) entered failed state\.|([\w@.\\-]+\.service) failed\.|([\w@.\\-]+\.service): (?:[Mm]ain process exited, .*|Failed with result .*|Killing process .*|Succeeded\.|Deactivated successfully\.|Unit entered failed state\.|[Cc]ontrol process exited, .*))$/,
    anchor: '',
    fields: (m) => {
      const what = m.groups[1] ?? m.groups[2] ?? m.groups[3] ?? m.groups[4] ?? '';
      if (!KUBELET_UNIT.test(what)) return null;
      const status = /\bstatus=([^\s,]+)/.exec(m.text)?.[1];
      return { detail: m.text, ...opt('status', status) };
    },
  }),
  rule({
    kind: 'known',
    id: 'M8',
    systemd: true,
    // the rest of a stop and restart: `Stopping …...`, `<unit>: Scheduled restart job, restart
    // counter is at N.`, `holdoff time over, scheduling restart.` (≤219, no colon), `Service
    // hold-off time over, …`, `Service RestartSec=10s expired, …`, `Consumed 1.8s CPU time.`,
    // `Start request repeated too quickly.` (≤219: `start request repeated too quickly for <unit>`)
    re: /^(?:Stopping (.*?)\.\.\.|([\w@.\\-]+\.service):? (?:[Hh]oldoff time over, scheduling restart|Service hold-off time over, scheduling restart|Service RestartSec=\S+ expired, scheduling restart|Scheduled restart job, restart counter is at \d+|Consumed .*|Start request repeated too quickly|Current command vanished from the unit file.*|Found left-over process .*)\.?|start request repeated too quickly for (\S+))$/,
    anchor: '',
    fields: (m) => (KUBELET_UNIT.test(m.groups[1] ?? m.groups[2] ?? m.groups[3] ?? '') ? {} : null),
  }),
  rule({
    kind: 'journal-suppressed',
    id: 'M8',
    systemd: true,
    // systemd-journald rate limit: `Suppressed 1234 messages from kubelet.service` (older) or
    // `Suppressed 1234 messages from /system.slice/kubelet.service`
    re: /^Suppressed (\d+) messages from (\S+)/,
    anchor: 'suppressed ',
    fields: (m) => (KUBELET_UNIT.test(m.groups[2]!) ? { count: Number(m.groups[1]), unit: m.groups[2]! } : null),
  }),
];

/** Unit names and descriptions that are the kubelet. */
export const KUBELET_UNIT =
  /kubelet|kubernetes node agent|lightweight kubernetes|\bk3s|kubelite|rke2|rancher kubernetes engine|origin-node|openshift-node|openshift node|k0sworker|zero friction kubernetes/i;

/** The condition a K1 node event reports or clears, per `table`. */
function nodeEvent(m: Match, table: Readonly<Record<string, string>>): { condition: string; event: string } | null {
  const event = g1(m, 'event');
  const condition = table[event];
  return condition ? { condition, event } : null;
}

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
