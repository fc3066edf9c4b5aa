/**
 * The prefilter on bytes, for the analyzer's byte path: could the bytes of a line's payload
 * hold one of the prefilter's needles (`PREFILTER_NEEDLES`: every printf rule's anchor and
 * every watched word) or a structured message key (`MSG_KEYS`), in any ASCII case?
 * `false` means no rule can recognise the line and no watch can flag it.
 *
 * A Wu-Manber scan: every needle is cut to one window of `M` characters (the one whose last
 * two characters are rarest in common kubelet chatter), and the scan looks at the last two
 * bytes under an `M`-byte window, moving on by as much as no window can end any sooner
 * (`SHIFT`); only where some window ends does it compare bytes. Most of a chatter line is
 * jumped over (about 1 byte in 4 is read, measured in the bench), and nothing is allocated.
 *
 * Sound by construction: bytes are folded like the string prefilter (`| 0x20` below 0x80, so
 * both ASCII cases of a letter fold alike; bytes from 0x80 stay apart in the comparison), a
 * needle occurring in the payload holds its window, and every position where a window can
 * end is either jumped to or compared. The caller must send non-ASCII payloads down the
 * string path: a structured message is compared with a key after `toLowerCase`, which maps
 * some non-ASCII characters (the Kelvin sign) to ASCII ones.
 */
import { MSG_KEYS, PREFILTER_NEEDLES } from './classify.js';

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
  'checking backoff for container in pod';

/** Window length: the shortest needle bounds it; longer windows jump further. */
const M_MAX = 8;

const NEEDLES: readonly string[] = [...new Set([...PREFILTER_NEEDLES, ...MSG_KEYS].map((n) => n.toLowerCase()))];

/** A needle this short (or empty: a rule without anchor) makes every line pass. */
const M = Math.min(M_MAX, ...NEEDLES.map((n) => n.length));
const ALL = M < 3;

/** The fold of one byte: ASCII letters to lower case (and some punctuation onto others). */
const fold = (c: number) => (c < 0x80 ? c | 0x20 : c);
/** Index of the two-byte block (b1, b2) in `SHIFT` (bytes from 0x80 share slots with ASCII: only costs a comparison). */
const block = (b1: number, b2: number) => (((b1 | 0x20) & 0x7f) << 7) | ((b2 | 0x20) & 0x7f);

/** How often each folded two-character block occurs in common chatter. */
const CHATTER_BLOCKS = (() => {
  const counts = new Map<number, number>();
  for (let i = 1; i < CHATTER.length; i++) {
    const k = block(CHATTER.charCodeAt(i - 1), CHATTER.charCodeAt(i));
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
})();

/**
 * The window of a needle: one that common chatter does not hold, then the one ending in
 * the rarest block, then the rarest letters. Only speed depends on the choice.
 */
function windowOf(needle: string): string {
  let best = needle.slice(0, M);
  let bestScore = Infinity;
  for (let i = 0; i + M <= needle.length; i++) {
    const w = needle.slice(i, i + M);
    let score = CHATTER.includes(w) ? 1e6 : 0;
    score += (CHATTER_BLOCKS.get(block(w.charCodeAt(M - 2), w.charCodeAt(M - 1))) ?? 0) * 100;
    for (const ch of w.slice(-3)) score += LETTER_FREQ[ch] ?? 1;
    if (score < bestScore) {
      best = w;
      bestScore = score;
    }
  }
  return best;
}

/** The windows, as folded bytes, and for each block that ends one, the windows it ends. */
const WINDOWS: readonly Uint8Array[] = [...new Set(NEEDLES.map(windowOf))].map((w) => Uint8Array.from(w, (ch) => fold(ch.charCodeAt(0))));
const SHIFT = new Uint8Array(1 << 14).fill(M - 1);
const ENDING = new Map<number, Uint8Array[]>();
for (const w of WINDOWS) {
  for (let j = 1; j < M; j++) {
    const k = block(w[j - 1]!, w[j]!);
    SHIFT[k] = Math.min(SHIFT[k]!, M - 1 - j);
  }
  const k = block(w[M - 2]!, w[M - 1]!);
  ENDING.set(k, [...(ENDING.get(k) ?? []), w]);
}
/** `ENDING` as an array indexed by block (a Map lookup is slower in the loop). */
const ENDING_AT: Array<readonly Uint8Array[] | undefined> = new Array<readonly Uint8Array[] | undefined>(1 << 14).fill(undefined);
for (const [k, ws] of ENDING) ENDING_AT[k] = ws;

/** The windows, for the tests. */
export const BYTESCAN_WINDOWS: readonly string[] = WINDOWS.map((w) => String.fromCharCode(...w));

/**
 * Could `b[start, end)` hold a needle or a message key in some ASCII case? (Only ASCII
 * payloads: see above.)
 */
export function mayMatchBytes(b: Uint8Array, start: number, end: number): boolean {
  if (ALL) return true;
  let pos = start + M - 1;
  while (pos < end) {
    const k = block(b[pos - 1]!, b[pos]!);
    const sh = SHIFT[k]!;
    if (sh !== 0) {
      pos += sh;
      continue;
    }
    const ws = ENDING_AT[k]!;
    const from = pos - M + 1;
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i]!;
      let j = 0;
      while (j < M && fold(b[from + j]!) === w[j]) j++;
      if (j === M) return true;
    }
    pos++;
  }
  return false;
}
