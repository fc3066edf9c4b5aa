/**
 * A scanner for a set of needles in bytes, in any ASCII case: compiled once from the needles
 * (`compileNeedles`), then it says where the leftmost needle is in a stretch of bytes (`find`),
 * or which needles occur in it (`mark`). The prefilter of the byte path (bytescan.ts) and the
 * classifier's choice of the rules to try (classify.ts) are the two sets it is compiled for.
 *
 * A q-gram filter: every needle is given one window of `M` characters (one whose three-byte
 * blocks are rare in common kubelet chatter), and the scan looks at one three-byte block every
 * `M - 2` bytes, which is sure to land on a block of any window wherever it stands. Only where
 * the block is one of some window does it compare, and then it compares the whole needle the
 * window was cut from, at its place: a window hit alone is not a match (`version:`, the
 * window of the `version: v` anchor, is in every `reflector.go ... too old resource version:
 * 3213` line). Five bytes in six are never read, and nothing is allocated. The steps do not
 * depend on what was read (a Wu-Manber shift does, and waits for each lookup before the next),
 * so the processor runs them side by side.
 *
 * Case: a needle is compared with the bytes lower-cased A-Z to a-z (`LOWER`: `toLowerCase` on
 * ASCII); a byte from 0x80 is compared as it is, and no needle holds one. The window choice and
 * `CHATTER` only decide speed; what is found is decided by the needles alone.
 */

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
export const CHATTER =
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

/** Window length: the shortest needle bounds it. */
const M_MAX = 8;

/** Byte → its ASCII lower case: A-Z to a-z, every other byte to itself (`toLowerCase` on ASCII). */
export const LOWER = Uint8Array.from({ length: 256 }, (_, c) => (c >= 0x41 && c <= 0x5a ? c | 0x20 : c));

/** Bytes a block holds; the table of blocks has 2^BLOCK_BITS slots. */
const Q = 3;
const BLOCK_BITS = 16;

/**
 * The slot of the three-byte block ending at i: a hash of a coarser fold than `LOWER` (`| 0x20`,
 * and bytes from 0x80 share slots with ASCII), so that blocks equal under `LOWER` always share a
 * slot; sharing more only costs a comparison.
 */
const blockAt = (b: Uint8Array, i: number) =>
  Math.imul((b[i - 2]! << 16) | (b[i - 1]! << 8) | b[i]! | 0x202020, 0x9e3779b1) >>> (32 - BLOCK_BITS);

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
 * Where a needle's window of `m` characters starts: the one whose blocks common chatter holds
 * least (each block of a window is one the scan may stop at), then the rarest letters. (Scored
 * by sliding sums over the needle's blocks and letters: this runs at start-up, before the code
 * is compiled.)
 */
function windowAt(needle: string, m: number): number {
  const b = Buffer.from(needle, 'latin1');
  // score of the block ending at j, and of the letter at j
  const blocks = new Float64Array(b.length);
  for (let j = Q - 1; j < b.length; j++) blocks[j] = (CHATTER_BLOCKS.get(blockAt(b, j)) ?? 0) * 100;
  const letters = Float64Array.from(needle, (ch) => LETTER_FREQ[ch] ?? 1);
  let score = 0;
  for (let j = 0; j < m; j++) score += letters[j]! + (j >= Q - 1 ? blocks[j]! : 0);
  let best = 0;
  let bestScore = score;
  for (let i = 1; i + m <= needle.length; i++) {
    // the window [i, i + m): one letter and one block in, one of each out
    score += letters[i + m - 1]! - letters[i - 1]! + blocks[i + m - 1]! - blocks[i + Q - 2]!;
    if (score < bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}

/** The strings of `list` that hold no other one of it (a needle that holds another one is found by that one). */
export function withoutHolders(list: readonly string[]): string[] {
  return list.filter((n) => !list.some((m) => m !== n && n.includes(m)));
}

export interface NeedleScan {
  /** the needles scanned, lower-cased, those that hold no other one, in the order `mark` numbers them */
  readonly needles: readonly string[];
  /** each needle's window (for the tests: the bench's journal must not be drawn from them) */
  readonly windows: readonly string[];
  /**
   * Where the leftmost needle occurs in `b[start, end)`: the offset of its first byte, or -1.
   * Works on any stretch, one payload or a whole chunk of lines (no needle holds a line end).
   */
  find(b: Uint8Array, start: number, end: number): number;
  /** Set `found[i]` to 1 for every needle i that occurs in `b[start, end)` (others are left as they are). */
  mark(b: Uint8Array, start: number, end: number, found: Uint8Array): void;
}

/**
 * The scanner of `needles` (any ASCII case; lower-cased here, and a needle that holds another
 * one left to that one: `withoutHolders`). A needle shorter than 3
 * characters, or one outside printable ASCII, makes every stretch match: `find` answers its
 * start and `mark` marks every needle.
 */
export function compileNeedles(list: readonly string[]): NeedleScan {
  const needles = withoutHolders([...new Set(list.map((n) => n.toLowerCase()))]);
  const m = Math.min(M_MAX, ...needles.map((n) => n.length));
  const all = m < Q || needles.some((n) => /[^\x20-\x7e]/.test(n));
  const stride = m - Q + 1;
  // The windows as flat typed arrays (they stay in the processor's caches: objects and arrays of
  // arrays cost a cache miss or three at every block the scan stops at). `inWindow`: a bit per
  // slot some window's block is in; `first[slot]` … `first[slot + 1]`: its entries in `needle`
  // (which needle) and `back` (how far that block's last byte is from the needle's first);
  // `bytes[offset[i], offset[i + 1])`: needle i.
  const inWindow = new Uint8Array(1 << (BLOCK_BITS - 3));
  const first = new Uint16Array((1 << BLOCK_BITS) + 1);
  const windows: string[] = [];
  const entries: Array<{ slot: number; needle: number; back: number }> = [];
  if (!all)
    needles.forEach((n, i) => {
      const at = windowAt(n, m);
      const w = n.slice(at, at + m);
      windows.push(w);
      const wb = Buffer.from(w, 'latin1');
      for (let j = Q - 1; j < m; j++) {
        const slot = blockAt(wb, j);
        inWindow[slot >>> 3]! |= 1 << (slot & 7);
        entries.push({ slot, needle: i, back: at + j });
      }
    });
  entries.sort((x, y) => x.slot - y.slot);
  const needle = Uint16Array.from(entries, (x) => x.needle);
  const back = Uint16Array.from(entries, (x) => x.back);
  // first[slot]: the first entry of a slot at or after it (filled a run of slots at a time)
  let from = 0;
  entries.forEach((x, k) => {
    if (x.slot + 1 <= from) return;
    first.fill(k, from, x.slot + 1);
    from = x.slot + 1;
  });
  first.fill(entries.length, from);
  const bytes = Buffer.from(needles.join(''), 'latin1');
  const offset = new Uint32Array(needles.length + 1);
  needles.forEach((n, i) => (offset[i + 1] = offset[i]! + n.length));
  // once a needle is found, one that starts before it can still be seen this much later
  const maxBack = Math.max(0, ...back);

  /** The scan: the leftmost needle's offset; with `found`, every needle is marked and the scan does not stop. */
  const scan = (b: Uint8Array, start: number, end: number, found: Uint8Array | undefined): number => {
    let leftmost = -1;
    let stop = end;
    for (let pos = start + Q - 1; pos < stop; pos += stride) {
      const k = blockAt(b, pos);
      if ((inWindow[k >>> 3]! & (1 << (k & 7))) === 0) continue;
      for (let i = first[k]!, last = first[k + 1]!; i < last; i++) {
        const from = pos - back[i]!;
        const n = needle[i]!;
        const n0 = offset[n]!;
        const len = offset[n + 1]! - n0;
        if (from < start || from + len > end || (found === undefined && leftmost !== -1 && from >= leftmost)) continue;
        let j = 0;
        while (j < len && LOWER[b[from + j]!] === bytes[n0 + j]) j++;
        if (j !== len) continue;
        if (found !== undefined) found[n] = 1;
        else {
          leftmost = from;
          stop = Math.min(end, from + maxBack + 1);
        }
      }
    }
    return leftmost;
  };
  return {
    needles,
    windows,
    find: all ? (_b, start, end) => (start < end ? start : -1) : (b, start, end) => scan(b, start, end, undefined),
    mark: all ? (_b, _s, _e, found) => found.fill(1, 0, needles.length) : (b, start, end, found) => void scan(b, start, end, found),
  };
}
