/**
 * Parsers for the values kubelet lines carry, in every rendering the kubelet
 * has used: pods, pod lists, node conditions, thresholds, flag values.
 * Pure functions, never throw; unknown shapes give empty results.
 */
import type { EvictionDetail, Threshold } from '../model/events.js';

// format.Pod(pod) in printf eras: `name_namespace(uid)`. Pod names and
// namespaces never contain `_`, so the split is at the last `_` before `(`.
// Found by scanning for `(uid)` and reading the token before it backwards:
// linear, where a regex such as /([^_]+)_([^_]+)\(/g backtracks quadratically
// on a long line without `_`. A UID broken by copy damage (a soft wrap that left
// a run of spaces inside it) is still one, when without the spaces it has a UID's shape.
const UID = /\(([0-9A-Za-z-]*(?: +[0-9A-Za-z-]+){0,4})\)/g;
const UID_SHAPE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;
const POD_DELIMS = new Set([' ', '\t', ',', '[', ']', '"', '(', ')', '{', '}', '=']);
/** Closers of a redaction in a pod name (`kube-proxy-[node IP]`, `web-<node IP>`), kept as written. */
const OPENER: Readonly<Record<string, string>> = { ']': '[', '>': '<', '}': '{' };

function printfPods(s: string): string[] {
  const out: string[] = [];
  let floor = 0;
  for (const m of s.matchAll(UID)) {
    if (m[1]!.includes(' ') && !UID_SHAPE.test(m[1]!.replace(/ +/g, ''))) continue;
    const end = m.index;
    const start = redacted(s, backToken(s, end, floor), end, floor);
    floor = end + m[0].length;
    const token = s.slice(start, end);
    const us = token.lastIndexOf('_');
    if (us > 0 && us < token.length - 1) out.push(`${token.slice(us + 1)}/${token.slice(0, us)}`);
  }
  return out;
}

/** Where the token that ends at `end` begins (no delimiter in it, not before `floor`). */
function backToken(s: string, end: number, floor: number): number {
  let start = end;
  while (start > floor && !POD_DELIMS.has(s[start - 1]!)) start--;
  return start;
}

/**
 * A name the author redacted (`kube-proxy-[node IP]_kube-system(…)`) stops the backward scan at
 * the redaction's closer (`]`) or inside it (at the space of `<node IP>`): take the redaction
 * and the name before it, when its opener is near and nothing but name text is between.
 */
function redacted(s: string, start: number, end: number, floor: number): number {
  const before = s[start - 1] ?? '';
  const inside = /[>\]}]/.exec(s.slice(start, end));
  const closer = OPENER[before] ? before : inside && !s.slice(start, start + inside.index).includes(OPENER[inside[0]]!) ? inside[0] : '';
  if (!closer) return start;
  const from = closer === before ? start - 1 : start + inside!.index;
  // (looked for within 64 characters only: a line of `]_ns(uid)` without openers stays linear)
  const opener = OPENER[closer]!;
  let open = from - 1;
  while (open >= floor && from - open <= 64 && s[open] !== opener) open--;
  if (open < floor || from - open > 64 || /[(),"]/.test(s.slice(open, from))) return start;
  return backToken(s, open, floor);
}

/** One pod reference in any rendering → `namespace/name` (or the bare name). */
export function normalizePod(s: string): string {
  const t = s.trim().replace(/^"|"$/g, '');
  const p = printfPods(t);
  if (p.length > 0) return p[0]!;
  if (t.startsWith('{')) {
    const o = safeJson(t);
    if (o && typeof o === 'object' && 'name' in o) {
      const r = o as { name?: unknown; namespace?: unknown };
      return typeof r.namespace === 'string' && r.namespace ? `${r.namespace}/${String(r.name)}` : String(r.name);
    }
  }
  return t;
}

/**
 * A list of pods: `a_ns(uid), b_ns(uid)` (format.Pods), `[ns/a ns/b]` (KObjs %+v),
 * `"[ns/a ns/b]"` (KObjSlice Stringer), `["ns/a","ns/b"]` (KObjSlice text writer),
 * `[{"name":"a","namespace":"ns"}]` (JSON logging format).
 */
export function podList(s: string): string[] {
  const t = s.trim();
  if (t.length === 0) return [];
  const printf = printfPods(t);
  if (printf.length > 0) return printf;
  if (t.startsWith('[')) {
    const j = safeJson(t);
    if (Array.isArray(j)) {
      return j.map((x) => (typeof x === 'string' ? normalizePod(x) : normalizePod(JSON.stringify(x))));
    }
    // %+v of []ObjectRef: `[ns/a ns/b]`; a cut line may lack the `]`.
    return t
      .slice(1, t.endsWith(']') ? -1 : undefined)
      .split(' ')
      .filter((x) => x.length > 0)
      .map(normalizePod);
  }
  return t
    .split(/,\s*/)
    .filter((x) => x.length > 0)
    .map(normalizePod);
}

// Capitalised words, kept when they name a condition; matching `[A-Z][A-Za-z]*Pressure`
// directly would backtrack quadratically on a long run of letters.
const WORD = /\b[A-Z][A-Za-z]*\b/g;

/**
 * Node conditions in any rendering: `[DiskPressure]`, `[MemoryPressure DiskPressure]`,
 * `["DiskPressure"]`, and v1.6's `%v%!(EXTRA []v1.NodeConditionType=[MemoryPressure])`.
 */
export function conditionList(s: string): string[] {
  const out = new Set<string>();
  for (const m of s.matchAll(WORD)) {
    const w = m[0];
    if (w.endsWith('Pressure') || w === 'OutOfDisk') out.add(w);
  }
  return [...out];
}

/** A `Percentage` fraction as users write it: 0.1 → `10%`, 0.075 → `7.5%`. */
export function percent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(4))}%`;
}

export interface ParsedThresholds {
  readonly hard: Threshold[];
  /** the list was cut before its end (pager-ellipsized or pasted line) */
  readonly truncated: boolean;
  /** the line holds no HardEvictionThresholds at all (cut before it) */
  readonly absent: boolean;
}

// `%+v` rendering (printf era and S21): {Signal:memory.available Operator:LessThan
// Value:{Quantity:100Mi Percentage:0} GracePeriod:0s MinReclaim:<nil>}
const T_GO =
  /\{Signal:([\w.]+) Operator:(\w+) Value:\{Quantity:([^\s{}]+) Percentage:([-\d.eE+]+)\} GracePeriod:([^\s{}]+) MinReclaim:([^\s}]+)\}/g;
// JSON rendering (S28+): {"Signal":"memory.available","Operator":"LessThan",
// "Value":{"Quantity":"100Mi","Percentage":0},"GracePeriod":0,"MinReclaim":null}
const T_JSON =
  /\{"Signal":"([^"]+)","Operator":"(\w+)","Value":\{"Quantity":(null|"[^"]*"),"Percentage":([-\d.eE+]+)\},"GracePeriod":(\d+),"MinReclaim":(null|\{[^}]*\})\}/g;

/** The hard thresholds of a container-manager Node Config line (A1), any rendering. */
export function nodeConfigThresholds(text: string): ParsedThresholds {
  const at = text.indexOf('HardEvictionThresholds');
  if (at === -1) return { hard: [], truncated: true, absent: true };
  const tail = text.slice(at);
  const hard: Threshold[] = [];
  const json = tail.startsWith('HardEvictionThresholds"');
  for (const m of tail.matchAll(json ? T_JSON : T_GO)) {
    const q = m[3]!;
    const quantity = q === 'null' || q === '<nil>' ? undefined : q.replace(/^"|"$/g, '');
    hard.push({ signal: m[1]!, value: quantity ?? percent(Number(m[4])) });
  }
  // The list ends at the first `]` that closes it: `}]` or an empty `[]`/`null`.
  const closed = /^HardEvictionThresholds"?:(?:\[\]|null|\[.*?\}\])/.test(tail);
  return { hard, truncated: !closed, absent: false };
}

/**
 * A map-typed eviction flag value: `memory.available<100Mi,nodefs.available<10%`
 * (hard/soft) or `memory.available=1m30s` (grace period, minimum reclaim).
 */
export function flagMap(value: string): Array<{ signal: string; value: string }> {
  const out: Array<{ signal: string; value: string }> = [];
  for (const part of value.split(',')) {
    if (part.length < 3 || (part.indexOf('<') === -1 && part.indexOf('=') === -1)) continue;
    const m = /^\s*([\w.]+)\s*[<=]\s*(\S+?)\s*$/.exec(part);
    if (m) out.push({ signal: m[1]!, value: m[2]! });
  }
  return out;
}

/** Go duration (`1m30s`, `90s`, `2h0m0s`, `100ms`) → seconds; NaN when not one. */
export function goDurationSeconds(s: string): number {
  const t = s.trim();
  if (/^\d+$/.test(t)) return Number(t); // plain seconds, as --eviction-max-pod-grace-period
  // Token by token from the start (sticky): one attempt per token keeps this
  // linear, where a global /([\d.]+)(h|...)/g rescans from every offset.
  const re = /(\d+(?:\.\d*)?|\.\d+)(h|ms|us|µs|ns|m|s)/y;
  let total = 0;
  let n = 0;
  while (re.lastIndex < t.length) {
    const m = re.exec(t);
    if (!m) return NaN;
    const unit = m[2]!;
    const f = unit === 'h' ? 3600 : unit === 'm' ? 60 : unit === 's' ? 1 : unit === 'ms' ? 1e-3 : unit === 'ns' ? 1e-9 : 1e-6;
    total += Number(m[1]) * f;
    n++;
  }
  return n > 0 ? total : NaN;
}

/**
 * `JSON.parse`, or undefined when the text is no JSON. Text whose first value cannot start
 * JSON (`[ns/a ns/b]`, the %+v form of every pod list since 1.24) is answered without a try:
 * a thrown SyntaxError costs tens of microseconds, and these lines come every 10 s.
 */
function safeJson(s: string): unknown {
  if (!mayBeJson(s)) return undefined;
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** Could `s` (starting with `[` or `{`) be JSON? False only when its first value token is none. */
function mayBeJson(s: string): boolean {
  let i = 1;
  while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  const c = s[i];
  if (c === undefined) return false;
  if (s[0] === '{') return c === '"' || c === '}';
  if (c === '"' || c === '{' || c === '[' || c === ']' || c === '-' || (c >= '0' && c <= '9')) return true;
  return s.startsWith('true', i) || s.startsWith('false', i) || s.startsWith('null', i);
}

/** A number as the kubelet printed it, and its value (NaN when it is not one). */
export interface Parsed {
  /** the text as logged: `91520Ki`, `10%`, `1m30s` */
  readonly text: string;
  /** bytes or counts for quantities, a fraction for percentages, seconds for durations */
  readonly value: number;
}

const QUANTITY_SUFFIX: Readonly<Record<string, number>> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};
// resource.Quantity.String(): sign, digits, optional fraction, then a binary or
// decimal suffix, or an exponent (`1e3`, `5E-2`): `100Mi`, `-9112137624`,
// `-2097758044639028Ki`, `110m`, `32Ki` (pid capacity). No nested quantifiers.
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/;

/** `resource.Quantity` text → its value (bytes, counts, cores); NaN when not a quantity. */
export function parseQuantity(s: string): Parsed {
  const text = s.trim().replace(/^"|"$/g, '');
  const m = text.length <= 64 ? QUANTITY.exec(text) : null;
  if (!m) return { text, value: NaN };
  const base = Number(m[1]);
  const value = m[2] !== undefined ? base * 10 ** Number(m[2]) : base * QUANTITY_SUFFIX[m[3] ?? '']!;
  return { text, value };
}

/**
 * A percentage in any rendering → a fraction: `10%` (flags, config), `0.1`
 * (`Percentage:` in Node Config and `{<nil> 0.1}`), `10.000000%` (memcg descriptions).
 */
export function parsePercent(s: string): Parsed {
  const t = s.trim().replace(/^"|"$/g, '');
  const m = /^([+-]?\d*\.?\d+)(%?)$/.exec(t.length <= 32 ? t : '');
  if (!m) return { text: t, value: NaN };
  const n = Number(m[1]);
  const value = m[2] === '%' ? n / 100 : n;
  return { text: m[2] === '%' ? percent(value) : percent(n), value };
}

/**
 * A threshold value as users write it (`100Mi`, `10%`) → `{text, value}` where value
 * is bytes/counts for a quantity and a fraction for a percentage (`isPercent`).
 */
export function thresholdValue(s: string): Parsed & { percent: boolean } {
  const t = s.trim();
  if (t.endsWith('%')) return { ...parsePercent(t), percent: true };
  return { ...parseQuantity(t), percent: false };
}

/**
 * A duration: Go `time.Duration.String()` (`1m30s`, `10.012345678s`, `-5s`, `1µs`)
 * or, from JSON (`"GracePeriod":90000000000`), integer nanoseconds. → seconds.
 */
export function parseDuration(s: string | number): Parsed {
  if (typeof s === 'number') return { text: `${s / 1e9}s`, value: s / 1e9 };
  const t = s.trim().replace(/^"|"$/g, '');
  if (/^-?\d+$/.test(t) && t.length > 9) return { text: t, value: Number(t) / 1e9 };
  const neg = t.startsWith('-');
  const v = goDurationSeconds(neg ? t.slice(1) : t);
  return { text: t, value: neg ? -v : v };
}

/**
 * `formatThreshold` debug text (B8): G8+ `threshold(signal=memory.available,
 * operator=LessThan, value={100Mi 0}, gracePeriod=1m30s)`; G6 swapped operator and
 * value: `threshold(signal=memory.available, operator=100Mi, value=LessThan, ...)`,
 * percentages `operator=10.000000%` or `value={<nil> 0.1}`.
 */
export function debugThreshold(s: string): Threshold | undefined {
  const m = /threshold\(signal=([\w.]{1,80}), operator=([^,]{0,80}), value=(\{[^}]{0,80}\}|[^,]{0,80}), gracePeriod=([^)\s]{0,40})\)/.exec(
    s,
  );
  if (!m) return undefined;
  let raw = m[2] === 'LessThan' ? m[3]! : m[2]!;
  let value: string;
  const braced = /^\{(\S+) ([-\d.eE+]+)\}$/.exec(raw);
  if (braced) value = braced[1] === '<nil>' ? percent(Number(braced[2])) : braced[1]!;
  else {
    raw = raw.trim();
    value = raw.endsWith('%') ? parsePercent(raw).text : raw;
  }
  const g = goDurationSeconds(m[4]!);
  return { signal: m[1]!, value, ...(Number.isFinite(g) && g > 0 ? { gracePeriodSeconds: g } : {}) };
}

// Local-storage eviction messages (catalog 4.F), every era.
const LOCAL_STORAGE: ReadonlyArray<[RegExp, 'emptydir' | 'pod' | 'container']> = [
  // G10+ `Usage of EmptyDir volume %q exceeds the limit %q. `; G7–G8 `emptyDir usage exceeds the limit %q`
  [/usage of emptydir volume "[^"]*" exceeds the limit "([^"]*)"|emptydir usage exceeds the limit "([^"]*)"/i, 'emptydir'],
  // `Pod ephemeral local storage usage exceeds the total limit of containers %s. ` (G8+)
  [/pod ephemeral local storage usage exceeds the total limit of containers (\S+?)\.?(?: |$)/i, 'pod'],
  // G10+ `Container %s exceeded its local ephemeral storage limit %q. `; G8 `container's ephemeral
  // local storage usage exceeds the limit %q`; G7 `container's overlay usage exceeds the limit %q`
  [
    /exceeded its local ephemeral storage limit "([^"]*)"|container's (?:ephemeral local storage|overlay) usage exceeds the limit "([^"]*)"/i,
    'container',
  ],
];

/**
 * What an eviction or rejection message says (catalog section 5): the cause
 * (threshold, local-storage limit, admission), the resource, and, from ≈1.26,
 * `Threshold quantity: 100Mi, available: 91520Ki`.
 */
export function evictionDetail(message: string): EvictionDetail {
  const msg = message.length > 4096 ? message.slice(0, 4096) : message;
  for (const [re, scope] of LOCAL_STORAGE) {
    const m = re.exec(msg);
    if (m) {
      const limit = m[1] ?? m[2];
      return { cause: 'local-storage', resource: 'ephemeral-storage', scope, ...(limit ? { limit } : {}) };
    }
  }
  // ≈1.13+ admission: `The node had condition: [DiskPressure]. `
  const had = /The node had condition: (\[[^\]]*\])/.exec(msg);
  if (had) return { cause: 'admission', conditions: conditionList(had[1]!) };
  const low = /The node was low on resource: (\[[^\]]*\]|[\w-]+)/.exec(msg);
  if (low) {
    // G6–G8 admission printed the condition list: `low on resource: [MemoryPressure].`
    if (low[1]!.startsWith('[')) return { cause: 'admission', conditions: conditionList(low[1]!) };
    const q = /Threshold quantity: ([^\s,]+), available: ([^\s,]+?)\.?(?:\s|$)/.exec(msg);
    const resource = resourceName(low[1]!);
    return {
      cause: 'node-pressure',
      ...(resource ? { resource } : {}),
      ...(q ? { threshold: parseQuantity(q[1]!), available: parseQuantity(q[2]!) } : {}),
    };
  }
  // pkg/kubelet/preemption: the message of the `Preempting` event and of the pod's status
  if (msg.includes('Preempted in order to admit critical pod')) return { cause: 'preemption' };
  return { cause: 'unknown' };
}

/**
 * Eviction keys inside a kubelet configuration dump (A3), in the three shapes it
 * takes: YAML (`evictionHard:` then indented `signal: value` lines), JSON
 * (`"evictionHard": {...}` or, internal struct, `"EvictionHard":{...}`) and `%+v`
 * (`EvictionHard:map[memory.available:100Mi ...]`). Returns the maps found.
 */
export function configEviction(text: string): {
  hard?: Map<string, string>;
  soft?: Map<string, string>;
  grace?: Map<string, string>;
  minReclaim?: Map<string, string>;
} {
  const out: ReturnType<typeof configEviction> = {};
  const keys: ReadonlyArray<[string, 'hard' | 'soft' | 'grace' | 'minReclaim']> = [
    ['evictionhard', 'hard'],
    ['evictionsoft', 'soft'],
    ['evictionsoftgraceperiod', 'grace'],
    ['evictionminimumreclaim', 'minReclaim'],
  ];
  const t = text.length > 1_000_000 ? text.slice(0, 1_000_000) : text;
  // YAML: a key line, then deeper-indented `k: v` lines.
  const lines = t.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)(eviction(?:Hard|Soft|SoftGracePeriod|MinimumReclaim)):\s*(\{\})?$/.exec(lines[i]!.trimEnd());
    if (!m) continue;
    const which = keys.find((k) => k[0] === m[2]!.toLowerCase())![1];
    const map = new Map<string, string>();
    const indent = m[1]!.length;
    for (let j = i + 1; j < lines.length; j++) {
      const e = /^(\s*)"?([\w.]+)"?:\s*"?([^"\s]*)"?$/.exec(lines[j]!.trimEnd());
      if (!e || e[1]!.length <= indent) break;
      map.set(e[2]!, e[3]!);
    }
    out[which] = map;
  }
  // JSON (either case) and %+v maps.
  for (const [lower, which] of keys) {
    if (out[which]) continue;
    const re = new RegExp(`"${lower}"\\s*:\\s*(\\{[^{}]*\\}|null)|\\b${lower}:map\\[([^\\]]*)\\]`, 'i');
    const m = re.exec(t);
    if (!m) continue;
    const map = new Map<string, string>();
    if (m[1] !== undefined) {
      for (const e of m[1].matchAll(/"([\w.]+)"\s*:\s*"([^"]*)"/g)) map.set(e[1]!, e[2]!);
    } else {
      for (const e of m[2]!.split(' ')) {
        const k = e.indexOf(':');
        if (k > 0) map.set(e.slice(0, k), e.slice(k + 1));
      }
    }
    out[which] = map;
  }
  return out;
}

/**
 * The resource names the eviction manager logs in reclaim lines (B1–B3, C2), eviction messages
 * and `no ranking function for resource` (E2, G6–G8), per era (docs §3.1): G6–G8 `nodefs`,
 * `nodefsInodes`, `imagefs`, `imagefsInodes`; G10+ `ephemeral-storage`, `inodes`, `pids`;
 * `memory` always. A closed set: a name is never made up from a cut or glued line.
 */
export const RESOURCE_NAMES: readonly string[] = [
  'memory',
  'nodefs',
  'nodefsInodes',
  'imagefs',
  'imagefsInodes',
  'ephemeral-storage',
  'inodes',
  'pids',
];
/** The eviction signals (E2 names a signal from G10 on; B4, B8, H2 name one). */
export const SIGNAL_NAMES: readonly string[] = [
  'memory.available',
  'allocatableMemory.available',
  'nodefs.available',
  'nodefs.inodesFree',
  'imagefs.available',
  'imagefs.inodesFree',
  'allocatableNodeFs.available',
  'containerfs.available',
  'containerfs.inodesFree',
  'pid.available',
];
const BY_LENGTH = (xs: readonly string[]) => [...xs].sort((a, b) => b.length - a.length);
const RESOURCES_LONGEST_FIRST = BY_LENGTH(RESOURCE_NAMES);
const NAMES_LONGEST_FIRST = BY_LENGTH([...RESOURCE_NAMES, ...SIGNAL_NAMES]);

/**
 * The resource a token names: the longest known name it starts with, when what follows is not
 * part of a name (`nodefs","_HOSTNAME":…` of a line glued to a JSON record → `nodefs`); `''`
 * when it names none (`nod`, a line cut short). `signals` also accepts signal names (E2).
 */
export function resourceName(token: string, signals = false): string {
  const t = token.trim().replace(/^"/, '');
  for (const name of signals ? NAMES_LONGEST_FIRST : RESOURCES_LONGEST_FIRST) {
    if (t.startsWith(name) && !/^[\w.-]/.test(t.slice(name.length))) return name;
  }
  return '';
}

/**
 * The resources of preemption's `insufficientResources` (`toString()` of its list:
 * `[(res: cpu, q: 2550), (res: memory, q: 104857600), ]`); none from the pointer (`[0xc000…]`)
 * or JSON (`[{}]`) renderings, which do not show them.
 */
export function preemptionResources(s: string): string[] {
  const out: string[] = [];
  for (const m of s.slice(0, 4096).matchAll(/\(res: ([\w./-]{1,80}), q: -?\d+\)/g)) if (!out.includes(m[1]!)) out.push(m[1]!);
  return out;
}

/**
 * The pods of a `%v` of `[]*v1.Pod` (preemption, P1): the generated `(*Pod).String()`, G7
 * `&Pod{ObjectMeta:k8s_io_apimachinery_pkg_apis_meta_v1.ObjectMeta{Name:x,GenerateName:…,Namespace:ns,`
 * and ≈1.19+ `&Pod{ObjectMeta:{x x- ns …` (positional: name, generateName, namespace).
 */
export function dumpedPods(s: string): string[] {
  const out: string[] = [];
  const t = s.length > 1_000_000 ? s.slice(0, 1_000_000) : s;
  for (const m of t.matchAll(/ObjectMeta\{Name:([^,{}\s]{1,253}),GenerateName:[^,{}\s]{0,253},Namespace:([^,{}\s]{1,63}),/g)) {
    out.push(`${m[2]!}/${m[1]!}`);
  }
  if (out.length > 0) return out;
  for (const m of t.matchAll(/&Pod\{ObjectMeta:\{([^\s{}]{1,253}) ([^\s{}]{0,253}) ([^\s{}]{1,63}) /g)) out.push(`${m[3]!}/${m[1]!}`);
  return out;
}

/**
 * The reason of an admission failure that is not pressure, read from its message the way
 * predicate.go builds it (J4, J5): `Node didn't have enough resource: cpu, …` → `OutOfcpu`;
 * `Predicate NodeAffinity failed` → `NodeAffinity`; a failed recovery (preemption) or an
 * unexpected predicate error → `UnexpectedAdmissionError`; else `unknown`.
 */
export function admissionReason(message: string): string {
  const m = message.length > 4096 ? message.slice(0, 4096) : message;
  const res = /Node didn't have enough resource: ([\w./-]+)/.exec(m);
  if (res) return `OutOf${res[1]!}`;
  const pred = /Predicate (\w+) failed/.exec(m);
  if (pred) return pred[1]!;
  if (/unknown reason, which is unexpected/.test(m)) return 'UnknownReason';
  if (/attempting to recover from admission failure|which is unexpected/i.test(m)) return 'UnexpectedAdmissionError';
  if (/Init container "[^"]*" may not have a non-default restartPolicy/.test(m)) return 'InitContainerRestartPolicyForbidden';
  return 'unknown';
}
