/**
 * Stage 3: the classifier. A decoded kubelet line in, the first matching rule
 * of `RULES` (rules.ts) out; pure. Structured lines are looked up by their
 * message in a map (O(1)); printf lines try only the rules whose lower-case
 * anchor occurs in the text.
 */
import type { KlogRecord } from '../klog/decode.js';
import { kvOf } from '../klog/decode.js';
import { sameBytes, wordsOf } from '../locate/locate.js';
import type { Kv } from '../klog/kv.js';
import { compileNeedles, withoutHolders } from './needle-scan.js';
import { none, RULES, type Match, type Rule } from './rules.js';

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

/**
 * The classifications of the last few texts classified: a journal repeats its lines (a control
 * loop logs the same few wordings every 10 s), and the classifier is a pure function of a
 * line's text and PID (a record of the JSON logging format, whose fields are not its text, and
 * a text over 1 KiB are not kept). A hit costs a few string comparisons instead of the rules'
 * scans and regexes; the events made from a hit copy its fields (`detach`), so sharing them is
 * safe. (A ring of references, not a Map: a Map of the last 512 texts, cleared when full, cost
 * 20 MB more peak RSS on the bench journal, V8's young generation growing under it.)
 */
const RECENT = 8;
const MEMO_TEXT_MAX = 1024;
const recentText: string[] = new Array<string>(RECENT).fill('');
const recentPid: Array<number | undefined> = new Array<number | undefined>(RECENT).fill(undefined);
const recentClassified: Array<Classified | undefined> = new Array<Classified | undefined>(RECENT).fill(undefined);
/**
 * a kept text's bytes, to compare a line's with four at a time (`classifiedBefore`), made the
 * first time a line of its length and PID is compared with it; null: not ASCII (no line's bytes
 * are it), undefined: not made yet
 */
const recentBytes: Array<DataView | null | undefined> = new Array<DataView | null | undefined>(RECENT).fill(undefined);
let recentNext = 0;
/**
 * A bit for each kept text's length (mod 32): a line whose text has none of those lengths is no
 * repeat, told without a call (`classifiedBefore`'s callers ask it first, for every line).
 */
export let recentLengths = 0;

/** Classify a kubelet line. `undefined`: no rule knows it. */
export function classify(rec: KlogRecord): Classified | undefined {
  const text = rec.text;
  if (rec.json !== undefined || text.length > MEMO_TEXT_MAX || text.length === 0) return classifyRecord(rec);
  for (let i = 0; i < RECENT; i++) if (recentText[i] === text && recentPid[i] === rec.pid) return recentClassified[i];
  const c = classifyRecord(rec);
  recentText[recentNext] = text;
  recentPid[recentNext] = rec.pid;
  recentClassified[recentNext] = c;
  recentBytes[recentNext] = undefined;
  recentLengths = 0;
  for (let i = 0; i < RECENT; i++) recentLengths |= 1 << (recentText[i]!.length & 31);
  recentNext = (recentNext + 1) % RECENT;
  return c;
}

/**
 * What `classify` made lately of the ASCII text `b[s, e)` (its bytes its code units), with PID `pid`: a
 * line that repeats one it read (the eviction manager's 10 s loop, the node status loop) is
 * given its classification on its bytes, without a record or a string. Undefined when it read no
 * such text lately, or no rule knew it.
 */
export function classifiedBefore(b: Uint8Array, s: number, e: number, pid: number): Classified | undefined {
  const n = e - s;
  for (let i = 0; i < RECENT; i++) {
    if (recentText[i]!.length !== n || recentPid[i] !== pid) continue;
    const t = (recentBytes[i] ??= asciiBytes(recentText[i]!));
    if (t !== null && sameBytes(wordsOf(b), s, t, n)) return recentClassified[i];
  }
  return undefined;
}

/** The bytes of an ASCII text, to be read four at a time; null when it is not ASCII. */
function asciiBytes(text: string): DataView | null {
  const u = new Uint8Array(text.length);
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c > 0x7f) return null;
    u[k] = c;
  }
  return new DataView(u.buffer);
}

function classifyRecord(rec: KlogRecord): Classified | undefined {
  if (rec.msg !== undefined) {
    const rules = BY_MSG.get(rec.msg.toLowerCase());
    if (rules) {
      let kv: Kv | undefined;
      const m: Match = {
        groups: [],
        kv: (k) => (kv ??= kvOf(rec)).get(k),
        text: rec.text,
        structured: true,
        ...(rec.pid !== undefined ? { pid: rec.pid } : {}),
      };
      for (const r of rules) {
        const c = tryRule(r, m);
        if (c) return c;
      }
    }
  }
  return classifyPrintf(rec.text, PRINTF, rec.pid);
}

/** Classify one of systemd's own lines (ident `systemd`) about the kubelet unit. */
export function classifySystemd(text: string): Classified | undefined {
  return classifyPrintf(text, SYSTEMD);
}

/**
 * Which printf rules can match a text, found in one scan: the printf rules' anchors that hold no
 * other one (`ANCHORS`), and for each rule the one its anchor holds (`ANCHOR_OF`, -1: no anchor).
 * A rule whose anchor occurs in the text has that one occur too, so a rule is tried only when
 * the scan found its anchor's; `includes` then says whether its own does.
 */
const ANCHORS = compileNeedles(PRINTF.flatMap((r) => (r.anchor ? [r.anchor] : [])));
const ANCHOR_OF = Int16Array.from(PRINTF, (r) => (r.anchor ? ANCHORS.needles.findIndex((n) => r.anchor!.includes(n)) : -1));
const found = new Uint8Array(ANCHORS.needles.length);
let scratch = Buffer.alloc(4096);

function classifyPrintf(text: string, rules: readonly Rule[], pid?: number): Classified | undefined {
  let lower: string | undefined;
  // (the printf rules' anchors in the lower-cased text, as Latin-1 bytes: an anchor is ASCII, and
  // an ASCII character is its own byte; a character past U+00FF may only add a false find)
  const indexed = rules === PRINTF;
  if (indexed) {
    lower = text.toLowerCase();
    found.fill(0);
    if (lower.length > scratch.length) scratch = Buffer.alloc(lower.length * 2);
    const n = scratch.write(lower, 0, 'latin1');
    ANCHORS.mark(scratch, 0, n, found);
  }
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i]!;
    if (indexed && ANCHOR_OF[i]! >= 0 && found[ANCHOR_OF[i]!] !== 1) continue;
    if (r.anchor && !(lower ??= text.toLowerCase()).includes(r.anchor)) continue;
    const g = r.re!.exec(text);
    if (!g) continue;
    const c = tryRule(r, { groups: g, kv: () => undefined, text, structured: false, ...(pid !== undefined ? { pid } : {}) });
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

/**
 * Files whose every line belongs to the eviction story: the eviction manager, its notifiers
 * (Linux memcg, Windows) and helpers, image and container GC, the admission predicates and
 * critical-pod preemption.
 */
const WATCHED_FILES = new Set([
  'eviction_manager.go',
  'memory_threshold_notifier.go',
  'memory_threshold_notifier_others.go',
  'memory_threshold_notifier_windows.go',
  'threshold_notifier_linux.go',
  'threshold_notifier_unsupported.go',
  'helpers_windows.go',
  'image_gc_manager.go',
  'container_gc.go',
  'predicate.go',
  'preemption.go',
]);
/** The watched files and the structured message keys (lower-cased), for the byte prefilter (bytescan.ts). */
export const WATCHED_FILE_NAMES: readonly string[] = [...WATCHED_FILES];
export const MSG_KEYS: readonly string[] = [...BY_MSG.keys()];
// Text that is the eviction story wherever it is logged from (helpers.go is a common base name,
// container_manager_linux.go logs much else: both are watched by these words). The domain's own
// words `eviction`, `evicting` and `threshold` (the thresholds, the memory threshold notifiers,
// image GC's high threshold): a klog line that carries one and that no rule reads is a wording to
// learn, not other text. (`evicted` is not one: status and event lines of other files name pods
// `Evicted`; the eviction manager's own are watched by their file. Each word is at least 8
// characters: the byte prefilter's window is as long as the shortest needle, and a shorter one
// slows every line, bytescan.ts.)
const WATCHED_WORDS = [
  'eviction',
  'evicting',
  'threshold',
  'Failed to admit pod',
  'Pod admission denied',
  'Predicate failed',
  'preemption',
  'imageGCManager',
  'garbage collect',
  'no resources are starved',
  'KubeletConfiguration',
];
/** Escape for a `u` regex (which rejects identity escapes such as `\-`). */
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const WATCHED_TEXT = new RegExp(WATCHED_WORDS.map(escapeRe).join('|'), 'i');

/**
 * The needles of the rules, generated from `RULES` so a new rule cannot bypass them: every
 * printf rule's anchor (classifyPrintf tries a rule only when its anchor occurs in the
 * lower-cased text) and every watched word, lower-cased; a needle that contains another
 * one is dropped (the shorter one already lets the line through). The log stores' server-side
 * filters are made of these (src/records/server-filter.ts).
 */
export const RULE_NEEDLES: readonly string[] = needlesOf(PRINTF.map((r) => r.anchor ?? ''));

/**
 * A rule whose match changes nothing about a kubelet line with a whole klog header: a `known` rule
 * below V3 makes no event and marks no node verbose, and what it does do — count a watched line as
 * recognised — matters only for a line that holds a watched word or file, which the prefilter
 * keeps by those. (The kubelet's `PLEG is not healthy` loop, `Attempting to register node`.)
 */
export const isInert = (r: Rule): boolean => r.kind === 'known' && (r.v ?? 0) < 3;

/**
 * What the byte prefilter of the fast path looks for (bytescan.ts): the watched words, the
 * anchor of every printf rule that is not inert, and the structured message keys some rule that
 * is not inert reads. A line that holds none of them is one no rule can make anything of.
 */
export const PREFILTER_NEEDLES: readonly string[] = needlesOf(PRINTF.filter((r) => !isInert(r)).map((r) => r.anchor ?? ''));
export const PREFILTER_KEYS: readonly string[] = [...BY_MSG].filter(([, rules]) => rules.some((r) => !isInert(r))).map(([k]) => k);

/**
 * The literal starts of the printf lines an inert rule reads whole: a rule whose `re` is `^` and
 * a literal alone (`/^skipping pod synchronization - /i`, `/^Starting kubelet main sync loop/`),
 * whose anchor the literal holds, and whose `fields` are `none` (`{}` for every match). A
 * printf line that begins so is read by that rule, or by a rule before it, which is tried only
 * when its anchor occurs (or holds its `needs`, which a rule that makes anything does): a line
 * that begins so and holds none of `EVENT_NEEDLES` makes nothing, and since a rule reads it, no
 * watched word of it counts either (the PLEG loop's `threshold is 3m0s`).
 * `caseless`: the regex is `/i` (ASCII letters only: no `u` flag).
 */
export const INERT_PREFIXES: readonly { readonly text: string; readonly caseless: boolean }[] = PRINTF.flatMap((r) => {
  const m = /^\^([^\\^$.|?*+()[\]{}]+)$/.exec(r.re!.source);
  if (!isInert(r) || r.fields !== none || !m || !/^[is]*$/.test(r.re!.flags) || !r.anchor || !m[1]!.toLowerCase().includes(r.anchor))
    return [];
  return [{ text: m[1]!, caseless: r.re!.flags.includes('i') }];
});

/**
 * The message keys (lower-case) of the structured lines an inert rule reads whole: an inert rule
 * whose fields are `none` reads the key, and every other rule that does names what it `needs`
 * (`"Skipping pod synchronization" err="[PLEG is not healthy: …]"`: rule O makes an event only
 * of an error naming the eviction manager). Such a line whose key/value text has no escape (so
 * its values are its bytes) and holds none of `EVENT_NEEDLES` makes nothing.
 */
export const INERT_KEYS: readonly string[] = [...BY_MSG]
  .filter(([, rules]) => rules.some((r) => isInert(r) && r.fields === none) && rules.every((r) => isInert(r) || r.needs !== undefined))
  .map(([k]) => k);

/**
 * What a line an inert rule reads whole must not hold (`inertLine`): the anchor of every printf
 * rule that is not inert, or the narrower `needs` it names, and the `needs` of every other rule
 * that is not inert. No watched word: those count only for a line no rule reads.
 */
export const EVENT_NEEDLES: readonly string[] = withoutHolders([
  ...new Set([
    ...PRINTF.filter((r) => !isInert(r)).map((r) => r.needs ?? r.anchor ?? ''),
    ...RULES.filter((r) => !isInert(r) && !r.systemd && r.needs !== undefined).map((r) => r.needs!),
  ]),
]);

/** The watched words and `texts` (lower-cased), without those that hold another one. */
function needlesOf(texts: readonly string[]): string[] {
  const all = new Set<string>(WATCHED_WORDS.map((w) => w.toLowerCase()));
  for (const t of texts) all.add(t);
  return withoutHolders([...all]);
}
