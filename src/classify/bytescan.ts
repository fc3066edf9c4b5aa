/**
 * The prefilter on bytes: could the bytes of a kubelet line's payload hold one of the
 * prefilter's needles (`PREFILTER_NEEDLES`: every printf rule's anchor and every watched
 * word) or a structured message key (`PREFILTER_KEYS`), in any ASCII case? `false` means no
 * rule can make anything of the line (a `known` rule below V3 may recognise it, and changes
 * nothing: classify.ts) and no watch can flag it, so the line needs no decoding at all.
 *
 * The scan is a `NeedleScan` (needle-scan.ts: a q-gram filter that confirms a window hit on
 * the whole needle) of the needles that hold no other one: a needle that holds another one is
 * found by that one (every structured `eviction manager: …` key holds `eviction`).
 *
 * Case folding. The classifier lower-cases a payload with `toLowerCase` before it looks for
 * an anchor or a message key, and the watched words are a non-`u` `/i` regex. For ASCII text
 * both fold exactly A-Z to a-z and nothing else, which is what the whole-needle comparison
 * does (`LOWER`). Outside ASCII, `toLowerCase` maps two characters to ASCII letters: U+0130
 * (`İ` → `i̇`) and U+212A (the Kelvin sign → `k`), so a payload holding either can equal a
 * needle its bytes do not spell (`FOLDS_TO_ASCII`; test/catalog.test.ts enumerates every code
 * point to prove there are no others; a non-`u` `/i` regex maps nothing outside ASCII onto
 * it). Every other byte from 0x80 is compared as it is, and no needle holds one, so it never
 * matches: a UTF-8 payload is scanned like an ASCII one, as long as the caller sends a payload
 * holding `FOLDS_TO_ASCII` down the full path (`clearedLines` shows how).
 */
import { EVENT_NEEDLES, INERT_KEYS, INERT_PREFIXES, PREFILTER_KEYS, PREFILTER_NEEDLES, WATCHED_FILE_NAMES } from './classify.js';
import { CHATTER, compileNeedles, LOWER } from './needle-scan.js';

/** Every needle and message key (lower-cased, as the classifier compares them, by the scanner). */
const SCAN = compileNeedles([...PREFILTER_NEEDLES, ...PREFILTER_KEYS]);

/** Characters outside ASCII whose `toLowerCase` holds an ASCII character (see above). */
export const FOLDS_TO_ASCII: readonly string[] = ['\u0130', '\u212a'];

/** The windows, and the chatter text they were chosen against, for the tests (the bench's journal must not be drawn from it). */
export const BYTESCAN_WINDOWS: readonly string[] = SCAN.windows;
export const BYTESCAN_CHATTER = CHATTER;

/**
 * Where the leftmost needle or message key that holds no other one occurs in `b[start, end)`, in
 * any ASCII case: the offset of its first byte, or -1 (none, and so no needle at all). Works on
 * any stretch, one payload or a whole chunk of lines. Bytes from 0x80: see above (`FOLDS_TO_ASCII`).
 */
export function findNeedle(b: Uint8Array, start: number, end: number): number {
  return SCAN.find(b, start, end);
}

/** Could `b[start, end)` hold a needle or a message key in some ASCII case? (See `findNeedle`.) */
export function mayMatchBytes(b: Uint8Array, start: number, end: number): boolean {
  return findNeedle(b, start, end) !== -1;
}

/** The starts of lines an inert rule reads (classify.ts), as bytes: lower-case where its regex is caseless. */
const INERT = INERT_PREFIXES.map((p) => ({
  bytes: Buffer.from(p.caseless ? p.text.toLowerCase() : p.text, 'latin1'),
  caseless: p.caseless,
}));
/** The same for structured lines: `"<key>"`, the key in any ASCII case. */
const INERT_QUOTED = INERT_KEYS.map((k) => ({ bytes: Buffer.from(`"${k}"`, 'latin1'), caseless: true }));
/** What such a line must not hold: the anchors (or `needs`) of the rules that make something. */
const EVENT_SCAN = compileNeedles(EVENT_NEEDLES);

/** Does `b[start, end)` begin with `p`, in any ASCII case where `caseless` (`p` is lower-case then)? */
function startsWith(b: Uint8Array, start: number, end: number, p: { bytes: Uint8Array; caseless: boolean }): boolean {
  const n = p.bytes.length;
  if (end - start < n) return false;
  for (let k = 0; k < n; k++) {
    const c = b[start + k]!;
    if ((p.caseless ? LOWER[c] : c) !== p.bytes[k]) return false;
  }
  return true;
}

/**
 * Is the payload `b[start, end)` one an inert rule reads whole, and no other rule can make
 * anything of? A printf payload that begins with one of `INERT_PREFIXES` (in any ASCII case
 * where the rule's regex is caseless), or a structured one whose message is one of `INERT_KEYS`
 * (in any ASCII case, as the classifier looks keys up) with no backslash anywhere (its values are
 * then its bytes), and that holds none of `EVENT_NEEDLES`. Such a line makes nothing on the full
 * path, whatever watched word it holds (a rule reads it), so the fast path may take it when
 * `findNeedle` finds one: the kubelet's PLEG loop (`skipping pod synchronization - [PLEG is not
 * healthy: … threshold is 3m0s]`, `"Skipping pod synchronization" err="[PLEG is not healthy: …]"`),
 * once a second on a node stuck in it. Bytes from 0x80 equal no prefix byte and no needle (as
 * for `findNeedle`).
 */
export function inertLine(b: Uint8Array, start: number, end: number): boolean {
  if (b[start] === 0x22) {
    if (!INERT_QUOTED.some((p) => startsWith(b, start, end, p))) return false;
    for (let k = start; k < end; k++) if (b[k] === 0x5c) return false;
  } else if (!INERT.some((p) => startsWith(b, start, end, p))) return false;
  return EVENT_SCAN.find(b, start, end) === -1;
}

/** No message key holds a `"` or a `\`: a message whose first escape is `\"` or `\\` equals no key. */
const KEYS_PLAIN = PREFILTER_KEYS.every((k) => !k.includes('"') && !k.includes('\\'));

/**
 * Could a structured message quoted at `b[q]` equal a key its bytes do not spell? The klog
 * decoder unquotes it (`readQuoted`: `\u0045`, `\x45` and `\E` all read `E`), so yes when it
 * holds an escape, unless its first escape is `\"` or `\\`: the message then holds a `"` or a
 * `\`, which no key does.
 */
function escapesMayHideKey(b: Uint8Array, q: number, end: number): boolean {
  for (let i = q + 1; i < end; i++) {
    const c = b[i]!;
    if (c === 0x22) return false;
    if (c === 0x5c) return !(KEYS_PLAIN && i + 1 < end && (b[i + 1] === 0x22 || b[i + 1] === 0x5c));
  }
  return false;
}

/** The watched files as bytes (a klog header's file is compared with them in place). */
const WATCHED_FILES = WATCHED_FILE_NAMES.map((f) => Buffer.from(f, 'latin1'));
const WATCHED_FILE_LENGTHS = new Set(WATCHED_FILE_NAMES.map((f) => f.length));
function isWatchedFile(b: Uint8Array, start: number, end: number): boolean {
  const len = end - start;
  if (!WATCHED_FILE_LENGTHS.has(len)) return false;
  outer: for (const f of WATCHED_FILES) {
    if (f.length !== len) continue;
    for (let k = 0; k < len; k++) if (b[start + k] !== f[k]) continue outer;
    return true;
  }
  return false;
}

/**
 * Could a rule or a watch want this klog line, judged on its bytes? `b[fileStart, fileEnd)` is
 * the klog header's file (`eviction_manager.go`), `b[textStart, end)` the payload after `] `
 * (a printf text, or a structured `"msg" k=v`). Yes for a watched file, a structured message
 * whose escapes could spell a key, or a payload holding a needle, unless an inert rule reads it
 * whole (`inertLine`). The fast path's one test of a line (analyzer.ts `fastLine`, `fastMessage`).
 * The caller must send a payload holding `FOLDS_TO_ASCII` down the full path too.
 */
export function mayWant(b: Uint8Array, fileStart: number, fileEnd: number, textStart: number, end: number): boolean {
  return (
    isWatchedFile(b, fileStart, fileEnd) ||
    (b[textStart] === 0x22 && textStart < end && escapesMayHideKey(b, textStart, end)) ||
    (findNeedle(b, textStart, end) !== -1 && !inertLine(b, textStart, end))
  );
}

/** `I0302 09:50:55.056703    2716 kubelet.go:1918] `: a klog header anywhere in a line (group 1: the file). */
const KLOG_HEADER = /[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ ([^\s:\]]+):\d+\] /d;
const FOLDS_TO_ASCII_BYTES = FOLDS_TO_ASCII.map((c) => Buffer.from(c, 'utf8'));

/**
 * Which lines of `b[start, end)` (each ending with `\n`, or at `end`) the prefilter clears: 1
 * for a line with a klog header (found anywhere in the line, by a regex: the locator of the
 * analyzer may be cleverer, never more permissive) that no rule or watch can want (`mayWant`),
 * 0 for any other. For the tests and the benchmark: it says how much of a journal the byte
 * path need not decode, without timing anything.
 */
export function clearedLines(b: Buffer, start: number, end: number): Uint8Array {
  const out: number[] = [];
  for (let p = start; p < end;) {
    let nl = b.indexOf(0x0a, p);
    if (nl === -1 || nl > end) nl = end;
    const e = nl > p && b[nl - 1] === 0x0d ? nl - 1 : nl;
    const m = KLOG_HEADER.exec(b.toString('latin1', p, e));
    let ok = 0;
    if (m) {
      const [fileStart, fileEnd] = m.indices![1]!;
      const textStart = p + m.index + m[0].length;
      const payload = b.subarray(textStart, e);
      const folds = FOLDS_TO_ASCII_BYTES.some((f) => payload.includes(f));
      ok = folds || mayWant(b, p + fileStart, p + fileEnd, textStart, e) ? 0 : 1;
    }
    out.push(ok);
    p = nl + 1;
  }
  return Uint8Array.from(out);
}
