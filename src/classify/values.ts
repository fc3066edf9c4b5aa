/**
 * Parsers for the values kubelet lines carry, in every rendering the kubelet
 * has used: pods, pod lists, node conditions, thresholds, flag values.
 * Pure functions, never throw; unknown shapes give empty results.
 */
import type { Threshold } from '../model/events.js';

// format.Pod(pod) in printf eras: `name_namespace(uid)`. Pod names and
// namespaces never contain `_`, so the split is at the last `_` before `(`.
// Found by scanning for `(uid)` and reading the token before it backwards:
// linear, where a regex such as /([^_]+)_([^_]+)\(/g backtracks quadratically
// on a long line without `_`.
const UID = /\(([0-9A-Za-z-]*)\)/g;
const POD_DELIMS = new Set([' ', '\t', ',', '[', ']', '"', '(', ')', '{', '}', '=']);

function printfPods(s: string): string[] {
  const out: string[] = [];
  let floor = 0;
  for (const m of s.matchAll(UID)) {
    const end = m.index;
    let start = end;
    while (start > floor && !POD_DELIMS.has(s[start - 1]!)) start--;
    floor = end + m[0].length;
    const token = s.slice(start, end);
    const us = token.lastIndexOf('_');
    if (us > 0 && us < token.length - 1) out.push(`${token.slice(us + 1)}/${token.slice(0, us)}`);
  }
  return out;
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

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
