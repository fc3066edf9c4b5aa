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

/** A 32-bit FNV-1a hash of the message's UTF-16 code units. */
export function messageId(m: string): number {
  let h = 0x811c9dc5 ^ m.length;
  for (let i = 0; i < m.length; i++) h = Math.imul(h ^ m.charCodeAt(i), 0x01000193);
  return h | 0;
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

/** `messageId` of the ASCII text `b[s, e)` (its bytes are its code units): the same number, no string made. */
export function messageIdOf(b: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5 ^ (e - s);
  for (let i = s; i < e; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h | 0;
}
