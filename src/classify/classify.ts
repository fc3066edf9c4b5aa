/**
 * Stage 3: the classifier. A decoded kubelet line in, the first matching rule
 * of `RULES` (rules.ts) out; pure. Structured lines are looked up by their
 * message in a map (O(1)); printf lines try only the rules whose lower-case
 * anchor occurs in the text.
 */
import type { KlogRecord } from '../klog/decode.js';
import { kvOf } from '../klog/decode.js';
import type { Kv } from '../klog/kv.js';
import { RULES, type Match, type Rule } from './rules.js';

export interface Classified {
  readonly rule: Rule;
  /** the fields of the event (empty for `known` lines) */
  readonly fields: Record<string, unknown>;
}

const BY_MSG = new Map<string, Rule[]>();
const PRINTF: Rule[] = [];
const SYSTEMD: Rule[] = [];
for (const r of RULES) {
  if (r.systemd) {
    SYSTEMD.push(r);
    continue;
  }
  for (const msg of r.msg ?? []) {
    const key = msg.toLowerCase();
    const list = BY_MSG.get(key) ?? [];
    list.push(r);
    BY_MSG.set(key, list);
  }
  if (r.re) PRINTF.push(r);
}

function tryRule(r: Rule, m: Match): Classified | undefined {
  const fields = r.fields(m);
  return fields === null ? undefined : { rule: r, fields };
}

/** Classify a kubelet line. `undefined`: no rule knows it. */
export function classify(rec: KlogRecord): Classified | undefined {
  if (rec.msg !== undefined) {
    const rules = BY_MSG.get(rec.msg.toLowerCase());
    if (rules) {
      let kv: Kv | undefined;
      const m: Match = {
        groups: [],
        kv: (k) => (kv ??= kvOf(rec)).get(k),
        text: rec.text,
        structured: true,
      };
      for (const r of rules) {
        const c = tryRule(r, m);
        if (c) return c;
      }
    }
  }
  return classifyPrintf(rec.text, PRINTF);
}

/** Classify one of systemd's own lines (ident `systemd`) about the kubelet unit. */
export function classifySystemd(text: string): Classified | undefined {
  return classifyPrintf(text, SYSTEMD);
}

function classifyPrintf(text: string, rules: readonly Rule[]): Classified | undefined {
  let lower: string | undefined;
  for (const r of rules) {
    if (r.anchor && !(lower ??= text.toLowerCase()).includes(r.anchor)) continue;
    const g = r.re!.exec(text);
    if (!g) continue;
    const c = tryRule(r, { groups: g, kv: () => undefined, text, structured: false });
    if (c) return c;
  }
  return undefined;
}

/**
 * Lines that are part of the eviction story and so must be recognised: when no
 * rule matches them they are counted as `unrecognized`, so a new kubelet
 * wording is noticed rather than dropped.
 */
export function isWatched(rec: KlogRecord): boolean {
  const f = rec.file;
  if (f !== undefined && WATCHED_FILES.has(f)) return true;
  const t = rec.text.length > 4096 ? rec.text.slice(0, 4096) : rec.text;
  return WATCHED_TEXT.test(t);
}

/** Files whose every line belongs to the eviction story (eviction manager, its notifiers, image GC). */
const WATCHED_FILES = new Set([
  'eviction_manager.go',
  'memory_threshold_notifier.go',
  'memory_threshold_notifier_others.go',
  'threshold_notifier_linux.go',
  'image_gc_manager.go',
  'container_gc.go',
]);
// Text that is the eviction story wherever it is logged from (helpers.go is a common base name,
// so it is matched by text; container_manager_linux.go only for its thresholds).
const WATCHED_WORDS = [
  'eviction manager',
  'HardEvictionThresholds',
  'Failed to admit pod',
  'Pod admission denied',
  'imageGCManager',
  'garbage collect',
  'memory eviction threshold',
  'eviction criteria',
  'KubeletConfiguration',
];
/** Escape for a `u` regex (which rejects identity escapes such as `\-`). */
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const WATCHED_TEXT = new RegExp(WATCHED_WORDS.map(escapeRe).join('|'), 'i');

/**
 * The prefilter's needles, generated from `RULES` so a new rule cannot bypass it: every
 * printf rule's anchor (classifyPrintf tries a rule only when its anchor occurs in the
 * lower-cased text) and every watched word, lower-cased; a needle that contains another
 * one is dropped (the shorter one already lets the line through).
 */
export const PREFILTER_NEEDLES: readonly string[] = (() => {
  const all = new Set<string>(WATCHED_WORDS.map((w) => w.toLowerCase()));
  for (const r of PRINTF) all.add(r.anchor ?? '');
  return [...all].filter((n) => ![...all].some((m) => m !== n && n.includes(m)));
})();

/**
 * One case-insensitive pass over the payload (`i` without `u`: ASCII case folding, several
 * times faster than Unicode folding). It is a superset of what the rules can match: a
 * rule's pattern (with or without `i`, never `u`) matches only text that holds its anchor
 * in ASCII letters of some case, and non-`u` case folding never maps a non-ASCII
 * character to an ASCII one, so a line this misses no rule and no watch would take
 * (test/catalog.test.ts checks it on every catalog line and on mangled variants).
 * An empty needle (a printf rule without anchor) makes it match every line.
 */
const NEEDLE_RE = new RegExp(PREFILTER_NEEDLES.map(escapeRe).join('|'), 'i');

/**
 * The prefilter's first stage: one pass of char codes over the payload against a bit set of
 * hashed 4-grams, one 4-gram ("pivot") per needle, so that only lines holding some pivot run
 * `NEEDLE_RE`. Measured on the 64 MiB bench journal (248k lines, 178-character payloads): the
 * regex alone ≈1–2 µs a line, this pass ≈0.2 µs, and it lets ≈3 % of the lines through.
 * Sound by construction: `NEEDLE_RE` (`i` without `u`) matches an ASCII needle character only
 * with itself or its other ASCII case, and both fold (`| 0x20`) to the same code, so every
 * match holds the needle's pivot folded to the same hash; a collision only lets a line
 * through. A needle with no all-ASCII 4-gram (or an empty one) sets `PIVOT_ALL`.
 */
const PIVOT_K = 4;
/** Rough frequency (%) of characters in English text; the space most of all. */
const LETTER_FREQ: Readonly<Record<string, number>> = {
  ' ': 18,
  e: 12.7,
  t: 9.1,
  a: 8.2,
  o: 7.5,
  i: 7,
  n: 6.7,
  s: 6.3,
  h: 6.1,
  r: 6,
  d: 4.3,
  l: 4,
  c: 2.8,
  u: 2.8,
  m: 2.4,
  w: 2.4,
  f: 2.2,
  g: 2,
  y: 2,
  p: 1.9,
  b: 1.5,
  v: 1,
  k: 0.8,
  j: 0.2,
  x: 0.2,
  q: 0.1,
  z: 0.1,
};

const PIVOT_BITS = 20;
const PIVOT_MASK = (1 << PIVOT_BITS) - 1;
const PIVOT_SET = new Uint32Array(1 << (PIVOT_BITS - 5));
/** Fold a char code like the scan does: ASCII to one case (and some punctuation onto others). */
const foldCode = (c: number) => (c < 0x80 ? c | 0x20 : c);
/** The rolling hash of the last 4 folded codes (older codes shift out of the 20 bits). */
const pivotHash = (g: string) => {
  let h = 0;
  for (let i = 0; i < g.length; i++) h = ((h << 5) ^ foldCode(g.charCodeAt(i))) & PIVOT_MASK;
  return h;
};
/**
 * Common kubelet chatter (real wordings of the most frequent kubelet lines, lower-cased): a
 * pivot is the needle's 4-gram that occurs least in it, so that chatter rarely passes the
 * first stage. Only speed depends on this text, never what is recognised.
 */
const CHATTER =
  'syncloop (pleg): event for pod syncloop (probe) probe="readiness" status="ready" syncloop (update, "api") ' +
  'syncloop (reconcile) removecontainer containerid= mountvolume.setup succeeded for volume uniquename: ' +
  'kubernetes.io/projected kube-api-access- volume detached for volume on node operationexecutor.unmountvolume started ' +
  'reconcilercommon: operationexecutor.verifycontrollerattachedvolume started for volume ' +
  'skipping pod synchronization pleg is not healthy: pleg was last seen active ago; threshold is ' +
  'containerstatus from runtime service failed: rpc error: code = unknown desc = error: no such container ' +
  'probe failed probetype="liveness" output= http probe failed with statuscode: status manager: ' +
  'failed to update status for pod patch status for pod pulling image successfully pulled image ' +
  'error syncing pod, skipping err= back-off restarting failed container ' +
  'killing container with a grace period cleaned up orphaned pod volumes dir podsandbox ' +
  'syncloop (housekeeping) housekeeping took longer than expected expected="1s" actual= kubelet.go ' +
  'rpc error: code = notfound desc = could not find container: container not found ' +
  '[topologymanager] topology admit handler failed to get system container stats failed to get cgroup stats ' +
  'setting node annotation to enable volume controller attach/detach status for pod updated successfully ' +
  'patch="{\\"metadata\\":{\\"uid\\":},\\"status\\":{\\"$setelementorder/conditions\\":[{\\"type\\":\\"ready\\"}],' +
  '\\"conditions\\":[{\\"lastprobetime\\":null,\\"lasttransitiontime\\":,\\"message\\":,\\"reason\\":,' +
  '\\"containerstatuses\\":[{\\"containerid\\":,\\"image\\":,\\"imageid\\":,\\"laststate\\":{},\\"restartcount\\":0,' +
  '\\"started\\":true,\\"state\\":{\\"running\\":{\\"startedat\\":}}}],\\"resourceversion\\": ' +
  'get "http:///healthz": dial tcp connect: connection refused context deadline exceeded ' +
  '(client.timeout exceeded while awaiting headers) containersready containers with unready status waiting ' +
  'cgroup stats for "/system.slice/kubelet.service" orphaned pod found, but volume paths are still present on disk ' +
  'checking backoff for container in pod';
/** Pivots, for the tests: needle → its 4-gram (undefined when it has none). */
export const PREFILTER_PIVOTS: ReadonlyMap<string, string | undefined> = new Map(PREFILTER_NEEDLES.map((n) => [n, pivotOf(n)]));
const PIVOT_ALL = [...PREFILTER_PIVOTS.values()].some((p) => p === undefined);
for (const p of PREFILTER_PIVOTS.values()) {
  if (p === undefined) continue;
  const h = pivotHash(p);
  PIVOT_SET[h >>> 5]! |= 1 << (h & 31);
}

function pivotOf(needle: string): string | undefined {
  let best: string | undefined;
  let bestCount = Infinity;
  for (let i = 0; i + PIVOT_K <= needle.length; i++) {
    const g = needle.slice(i, i + PIVOT_K);
    if (!/^[\x00-\x7f]+$/.test(g)) continue;
    // occurrences in the chatter first, then how common its characters are in English
    let count = 0;
    for (let at = CHATTER.indexOf(g); at !== -1; at = CHATTER.indexOf(g, at + 1)) count++;
    for (const ch of g) count += (LETTER_FREQ[ch] ?? 1) / 1e4;
    if (count < bestCount) {
      best = g;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Could this payload hold a needle (or a NUL)? False means `NEEDLE_RE` cannot match it.
 * Exported for the tests.
 */
export function pivotScan(text: string, start = 0): boolean {
  if (PIVOT_ALL) return true;
  const set = PIVOT_SET;
  let h = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    h = ((h << 5) ^ (c < 0x80 ? c | 0x20 : c)) & PIVOT_MASK;
    if ((set[h >>> 5]! & (1 << (h & 31))) !== 0) return true;
  }
  return false;
}
const MAX_MSG = Math.max(...[...BY_MSG.keys()].map((k) => k.length));

/** No structured message key holds a `"`: a message with an escaped quote is no key (the analyzer's fast path skips unquoting it). */
export const MSG_KEYS_QUOTE_FREE = [...BY_MSG.keys()].every((k) => !k.includes('"'));

/** Is `s.slice(start, end)` (a klog header's file) a watched file? Without slicing it (the fast path, per line). */
export function isWatchedFileAt(s: string, start: number, end: number): boolean {
  const len = end - start;
  for (const f of WATCHED_FILES) if (f.length === len && s.startsWith(f, start)) return true;
  return false;
}

/**
 * `mayClassify(s.slice(start), msg, undefined)` without the slice unless the pivot scan
 * lets the line through (the fast path checks the file with `isWatchedFileAt` first).
 */
export function mayClassifyAt(s: string, start: number, msg: string | undefined): boolean {
  if (msg !== undefined && msg.length <= MAX_MSG && BY_MSG.has(msg.toLowerCase())) return true;
  return (pivotScan(s, start) && NEEDLE_RE.test(s.slice(start))) || s.indexOf('\u0000', start) !== -1;
}

/**
 * Can a kubelet line with this payload be recognised or watched at all? `false` means
 * `classify` returns undefined and `isWatched` returns false for it, so the analyzer
 * can count the line and move on without building a `KlogRecord`. `msg` is the unquoted
 * structured message (when the payload starts with `"`), `file` the klog header's file.
 */
export function mayClassify(text: string, msg: string | undefined, file: string | undefined): boolean {
  if (file !== undefined && WATCHED_FILES.has(file)) return true;
  // lower-casing never shortens a string, so longer messages cannot be a key
  if (msg !== undefined && msg.length <= MAX_MSG && BY_MSG.has(msg.toLowerCase())) return true;
  // A NUL byte: the journal decoder rejects such a line, so the fast path must not count it.
  // (the pivot scan also stops at a NUL, so the NUL check stays behind it)
  return pivotScan(text) && (NEEDLE_RE.test(text) || text.indexOf('\u0000') !== -1);
}
