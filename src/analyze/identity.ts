/**
 * An entry's identity, carried on each event's provenance, so that an entry read twice (two
 * overlapping saves of one journal, the same journal as short-iso and as json, a paste that
 * repeats itself) is counted once (src/analyze/order.ts). The same entry is the same node,
 * message and time, the time as precise as the rendering gives it: `short-iso` has whole
 * seconds, `json` microseconds, and both name the same second.
 *
 * The journal's `__CURSOR` is not used: the same entry gets another cursor when it passes
 * through another journal (systemd-journal-remote makes its own `s=` on every import), and
 * node, message and time already tell entries apart (the kubelet's own klog header puts the
 * microsecond into every message).
 */
import type { Stamp } from '../journal/decode.js';
import type { Provenance } from '../model/events.js';

/** `Provenance.tick` of a time given to the microsecond. */
export const TICK_US = 0.001;
/** `Provenance.tick` of a time given in whole seconds (`short`, `short-iso`, `short-full`). */
export const TICK_S = 1000;

/**
 * A 32-bit hash of the message (MurmurHash3's steps): its code units four at a time, a byte
 * each, in one word; a message with a code unit above 0xFF (never one `messageIdOf` reads) is
 * hashed again with two code units a word, so that no bit of any is lost. Four at a time, not
 * one (FNV-1a, before): every event's message is hashed, and a serial multiply per character
 * was most of the time of a control loop's repeats on the fast path.
 */
export function messageId(m: string): number {
  const n = m.length;
  let h = n;
  let wide = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const c0 = m.charCodeAt(i);
    const c1 = m.charCodeAt(i + 1);
    const c2 = m.charCodeAt(i + 2);
    const c3 = m.charCodeAt(i + 3);
    wide |= c0 | c1 | c2 | c3;
    h = mix(h, c0 | (c1 << 8) | (c2 << 16) | (c3 << 24));
  }
  let k = 0;
  for (let shift = 0; i < n; i++, shift += 8) {
    const c = m.charCodeAt(i);
    wide |= c;
    k |= c << shift;
  }
  if (wide > 0xff) return wideId(m);
  return finish(mix(h, k), n);
}

/** `messageId` of the ASCII text `b[s, e)` (its bytes are its code units): the same number, no string made. */
export function messageIdOf(b: Uint8Array, s: number, e: number): number {
  let h = e - s;
  let i = s;
  for (; i + 4 <= e; i += 4) h = mix(h, b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24));
  let k = 0;
  for (let shift = 0; i < e; i++, shift += 8) k |= b[i]! << shift;
  return finish(mix(h, k), e - s);
}

/** `messageId` of a message with a code unit above 0xFF: two code units a word. */
function wideId(m: string): number {
  const n = m.length;
  let h = ~n;
  let i = 0;
  for (; i + 2 <= n; i += 2) h = mix(h, m.charCodeAt(i) | (m.charCodeAt(i + 1) << 16));
  return finish(mix(h, i < n ? m.charCodeAt(i) : 0), n);
}

/** MurmurHash3's step: a word `k` into the hash `h`. */
function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3's finish: the length in, and every bit of the hash spread over all of them. */
function finish(h: number, n: number): number {
  h ^= n;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** How precise an entry's time is: the journal's stamp, else the klog header's (undefined: neither). */
export function tickOf(journal: Stamp | undefined, klog: Stamp | undefined): number | undefined {
  const t = journal ?? klog;
  if (t === undefined) return undefined;
  if (t.kind === 'instant') return t.precise ? TICK_US : TICK_S;
  return t.micros !== undefined ? TICK_US : TICK_S;
}

/** The provenance of an entry, with its identity. */
export function identify(src: Provenance, message: string, journal: Stamp | undefined, klog: Stamp | undefined, pass = 0): Provenance {
  return provenance(src.input, src.line, messageId(message), tickOf(journal, klog), pass);
}

/**
 * A provenance of these parts, its optional keys (`tick`, `pass` when not 0) set in place in this
 * order: no object spread per entry. (Also how the order stage gives an event of a run back.)
 */
export function provenance(input: string, line: number, id: number, tick: number | undefined, pass: number): Provenance {
  const p: { -readonly [K in keyof Provenance]: Provenance[K] } = { input, line, id };
  if (tick !== undefined) p.tick = tick;
  if (pass !== 0) p.pass = pass;
  return p;
}

/**
 * Two readings of one entry agree on its time: within the same second when either rendering
 * had whole seconds, else to the microsecond.
 */
export function sameTime(a: number, ta: number | undefined, b: number, tb: number | undefined): boolean {
  if (ta === undefined || tb === undefined) return a === b;
  if (ta >= TICK_S || tb >= TICK_S) return Math.floor(a / 1000) === Math.floor(b / 1000);
  return Math.abs(a - b) < 0.0005;
}

/**
 * The order of two lines' times in one input: by the second, and within a second by the time
 * when both have a fraction; 0 when the times cannot tell (the same second, one of them given in
 * whole seconds): the lines' own order then says. A `short` journal gives systemd's lines whole
 * seconds and the kubelet's the klog header's microseconds, so systemd's `Failed to start` at
 * 19:05:10 is not before the kubelet's fatal at 19:05:10.454 it follows. (A time that has no
 * fraction is taken as whole seconds: an exact .000000 is one line in a million.)
 */
export function timeOrder(a: number, b: number): number {
  const sa = Math.floor(a / 1000);
  const sb = Math.floor(b / 1000);
  if (sa !== sb) return sa - sb;
  if (isWholeSecond(a) || isWholeSecond(b)) return 0;
  return a - b;
}

/**
 * Is the time `ms` a whole second, `ms % 1000 === 0`? Without the remainder below 2^53 (any
 * time of a journal), where the quotient's floor is exact: V8 computes a remainder of a number
 * that is not a small integer with a call to the C library, once per event here.
 */
export const isWholeSecond = (ms: number): boolean => (Math.abs(ms) < 2 ** 53 ? Math.floor(ms / 1000) * 1000 === ms : ms % 1000 === 0);

/** Was the time of an entry with this provenance tick given below the second? */
export const isPrecise = (tick: number | undefined): boolean => tick !== undefined && tick < TICK_S;
