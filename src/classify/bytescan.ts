/**
 * The prefilter on bytes: could the bytes of a kubelet line's payload hold one of the
 * prefilter's needles (`PREFILTER_NEEDLES`: every printf rule's anchor and every watched
 * word) or a structured message key (`MSG_KEYS`), in any ASCII case? `false` means no rule
 * can recognise the line and no watch can flag it, so the line needs no decoding at all.
 *
 * A q-gram filter: every needle is given one window of `M` characters (one whose three-byte
 * blocks are rare in common kubelet chatter), and the scan looks at one three-byte block every
 * `M - 2` bytes, which is sure to land on a block of any window wherever it stands. Only where
 * the block is one of some window does it compare, and then it compares the whole needle the
 * window was cut from, at its place: a window hit alone is not a match (`version:`, the
 * window of the `version: v` anchor, is in every `reflector.go ... too old resource version:
 * 3213` line). Five bytes in six are never read, and nothing is allocated.
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
 *
 * The window choice, the shift table and `CHATTER` only decide speed; what is found is
 * decided by the needles alone.
 */
import { MSG_KEYS, PREFILTER_NEEDLES, WATCHED_FILE_NAMES } from './classify.js';

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

/**
 * Common kubelet chatter (real wordings of the most frequent kubelet lines, lower-cased): a
 * needle's window is one this text does not hold, so that chatter rarely reaches a
 * comparison. Only speed depends on this text, never what is recognised.
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
  'checking backoff for container in pod ' +
  // words in nearly every line of a node's chatter, in paths, names and units
  'kubelet kube-system kubernetes.io kubepods.slice kube-proxy kubelet.go kubelet.service configmap secret ' +
  'reflector.go: watch of *v1.configmap ended with: an error on the server ("unable to decode an event from the watch stream") ' +
  'the observed generation information service account token sandbox network plugin cni config uninitialized';

/** Window length: the shortest needle bounds it; longer windows jump further. */
const M_MAX = 8;

/** Every needle and message key, lower-cased (how the classifier compares them). */
const ALL_NEEDLES: readonly string[] = [...new Set([...PREFILTER_NEEDLES, ...MSG_KEYS].map((n) => n.toLowerCase()))];
/** The ones the scan looks for: a needle that holds another one is found by that one (every structured `eviction manager: …` key holds `eviction`). */
const NEEDLES: readonly string[] = ALL_NEEDLES.filter((n) => !ALL_NEEDLES.some((m) => m !== n && n.includes(m)));

/** Characters outside ASCII whose `toLowerCase` holds an ASCII character (see above). */
export const FOLDS_TO_ASCII: readonly string[] = ['\u0130', '\u212a'];

/**
 * A needle this short (or empty: a rule without anchor) makes every payload pass; so does a
 * needle outside ASCII (its bytes would have to be folded as `toLowerCase` folds them).
 */
const M = Math.min(M_MAX, ...NEEDLES.map((n) => n.length));
const ALL = M < 3 || NEEDLES.some((n) => /[^\x20-\x7e]/.test(n));

/** Byte → its ASCII lower case: A-Z to a-z, every other byte to itself (`toLowerCase` on ASCII). */
const LOWER = Uint8Array.from({ length: 256 }, (_, c) => (c >= 0x41 && c <= 0x5a ? c | 0x20 : c));

/** Bytes a block holds, and how far apart the bytes the scan looks at are: every window's blocks end at `STRIDE` consecutive places. */
const Q = 3;
const STRIDE = M - Q + 1;
const BLOCK_BITS = 16;

/**
 * The slot of the three-byte block (b0, b1, b2): a hash of a coarser fold than `LOWER` (`| 0x20`,
 * and bytes from 0x80 share slots with ASCII), so that blocks equal under `LOWER` always share a
 * slot; sharing more only costs a comparison.
 */
const blockAt = (b: Uint8Array, i: number) =>
  Math.imul((((b[i - 2]! | 0x20) & 0x7f) << 14) | (((b[i - 1]! | 0x20) & 0x7f) << 7) | ((b[i]! | 0x20) & 0x7f), 0x9e3779b1) >>>
  (32 - BLOCK_BITS);

/** How often each block occurs in common chatter. */
const CHATTER_BLOCKS = (() => {
  const counts = new Map<number, number>();
  const text = Buffer.from(CHATTER, 'latin1');
  for (let i = Q - 1; i < text.length; i++) {
    const k = blockAt(text, i);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
})();

/**
 * Where a needle's window starts: the one whose blocks common chatter holds least (each block of
 * a window is one the scan may stop at), then the rarest letters. Only speed depends on the choice.
 */
function windowAt(needle: string): number {
  let best = 0;
  let bestScore = Infinity;
  for (let i = 0; i + M <= needle.length; i++) {
    const w = needle.slice(i, i + M);
    let score = 0;
    const wb = Buffer.from(w, 'latin1');
    for (let j = Q - 1; j < M; j++) score += (CHATTER_BLOCKS.get(blockAt(wb, j)) ?? 0) * 100;
    for (const ch of w) score += LETTER_FREQ[ch] ?? 1;
    if (score < bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The needles' windows, as flat typed arrays (they stay in the processor's caches: objects and
 * arrays of arrays cost a cache miss or three at every block the scan stops at). `IN_WINDOW`:
 * a bit per slot that some window's block is in; `FIRST[slot]` … `FIRST[slot + 1]`: its entries
 * in `NEEDLE` (which needle) and `BACK` (how far that block's last byte is from the needle's
 * first); `BYTES[OFFSET[i], OFFSET[i + 1])`: needle i.
 */
const IN_WINDOW = new Uint8Array(1 << (BLOCK_BITS - 3));
const FIRST = new Uint16Array((1 << BLOCK_BITS) + 1);
const WINDOWS = new Set<string>();
const entries: Array<{ slot: number; needle: number; back: number }> = [];
const NEEDLE_LIST = ALL ? [] : NEEDLES;
NEEDLE_LIST.forEach((n, i) => {
  const at = windowAt(n);
  const w = n.slice(at, at + M);
  WINDOWS.add(w);
  const wb = Buffer.from(w, 'latin1');
  for (let j = Q - 1; j < M; j++) {
    const slot = blockAt(wb, j);
    IN_WINDOW[slot >>> 3]! |= 1 << (slot & 7);
    entries.push({ slot, needle: i, back: at + j });
  }
});
entries.sort((x, y) => x.slot - y.slot);
const NEEDLE = Uint8Array.from(entries, (x) => x.needle);
const BACK = Uint8Array.from(entries, (x) => x.back);
{
  let k = 0;
  for (let slot = 0; slot <= 1 << BLOCK_BITS; slot++) {
    while (k < entries.length && entries[k]!.slot < slot) k++;
    FIRST[slot] = k;
  }
}
const BYTES = Buffer.from(NEEDLE_LIST.join(''), 'latin1');
const OFFSET = Uint16Array.from([0, ...NEEDLE_LIST.map((_, i) => NEEDLE_LIST.slice(0, i + 1).join('').length)]);

/** The windows, and the chatter text they were chosen against, for the tests (the bench's journal must not be drawn from it). */
export const BYTESCAN_WINDOWS: readonly string[] = [...WINDOWS];
export const BYTESCAN_CHATTER = CHATTER;

/** The longest distance from a needle's first byte to a block of its window (how far past a match an earlier one can still be seen). */
const MAX_BACK = Math.max(0, ...BACK);

/**
 * Where the leftmost needle or message key occurs in `b[start, end)`, in any ASCII case: the
 * offset of its first byte, or -1. Works on any stretch, one payload or a whole chunk of lines
 * (no needle holds a line end, so a match never spans two lines). Bytes from 0x80: see above
 * (`FOLDS_TO_ASCII`).
 *
 * The scan looks at one block every `STRIDE` bytes: a window's `STRIDE` blocks end at
 * consecutive places, so one of them is looked at wherever the window stands. The steps do not
 * depend on what was read (a Wu-Manber shift does, and waits for each lookup before the next),
 * so the processor runs them side by side: twice the speed of the shift scan on chatter.
 */
export function findNeedle(b: Uint8Array, start: number, end: number): number {
  if (ALL) return start < end ? start : -1;
  let found = -1;
  // once a needle is found, one that starts before it can still be seen up to MAX_BACK later
  let stop = end;
  for (let pos = start + Q - 1; pos < stop; pos += STRIDE) {
    const k = blockAt(b, pos);
    if ((IN_WINDOW[k >>> 3]! & (1 << (k & 7))) === 0) continue;
    for (let i = FIRST[k]!, last = FIRST[k + 1]!; i < last; i++) {
      const from = pos - BACK[i]!;
      const n = NEEDLE[i]!;
      const n0 = OFFSET[n]!;
      const len = OFFSET[n + 1]! - n0;
      if (from < start || from + len > end || (found !== -1 && from >= found)) continue;
      let j = 0;
      while (j < len && LOWER[b[from + j]!] === BYTES[n0 + j]) j++;
      if (j === len) {
        found = from;
        stop = Math.min(end, from + MAX_BACK + 1);
      }
    }
  }
  return found;
}

/** Could `b[start, end)` hold a needle or a message key in some ASCII case? (See `findNeedle`.) */
export function mayMatchBytes(b: Uint8Array, start: number, end: number): boolean {
  return findNeedle(b, start, end) !== -1;
}

/** No message key holds a `"` or a `\`: a message whose first escape is `\"` or `\\` equals no key. */
const KEYS_PLAIN = MSG_KEYS.every((k) => !k.includes('"') && !k.includes('\\'));

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

const WATCHED_FILES = WATCHED_FILE_NAMES.map((f) => Buffer.from(f, 'latin1'));
function isWatchedFile(b: Uint8Array, start: number, end: number): boolean {
  outer: for (const f of WATCHED_FILES) {
    if (f.length !== end - start) continue;
    for (let k = 0; k < f.length; k++) if (b[start + k] !== f[k]) continue outer;
    return true;
  }
  return false;
}

/**
 * Could a rule or a watch want this klog line, judged on its bytes? `b[fileStart, fileEnd)` is
 * the klog header's file (`eviction_manager.go`), `b[textStart, end)` the payload after `] `
 * (a printf text, or a structured `"msg" k=v`). Yes for a watched file, a structured message
 * whose escapes could spell a key, or a payload holding a needle. The caller must send a
 * payload holding `FOLDS_TO_ASCII` down the full path too.
 */
export function mayWant(b: Uint8Array, fileStart: number, fileEnd: number, textStart: number, end: number): boolean {
  return (
    isWatchedFile(b, fileStart, fileEnd) ||
    (b[textStart] === 0x22 && textStart < end && escapesMayHideKey(b, textStart, end)) ||
    findNeedle(b, textStart, end) !== -1
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
