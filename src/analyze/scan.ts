/**
 * The stateless half of the fast path: a stretch of whole lines (bytes, as read) in, one
 * record per line out — where it starts and ends, and for a line the fast path may take, what
 * the analyzer needs of it (month, wall time, host, the klog header's time and PID). A line is
 * taken only when `fastline.ts` locates a `short` envelope and a klog header, and no rule or
 * watch can want it (the byte prefilter, `bytescan.ts`); everything else is left to the full
 * path. Nothing here depends on earlier lines, so it may run anywhere, a worker thread too
 * (`scan-worker.ts`); the analyzer applies the records in order (`LineAnalyzer.applyScan`).
 */
import { isAscii } from 'node:buffer';
import { MSG_KEYS_QUOTE_FREE, WATCHED_FILE_NAMES } from '../classify/classify.js';
import { mayMatchBytes } from '../classify/bytescan.js';
import { monthFromToken } from '../journal/months.js';
import { bytesAre, newShortKlog, scanShortKlog } from './fastline.js';

/**
 * journald splits a message longer than LineMax (default 48 KiB) into several
 * entries; the later ones have no klog header. A kubelet entry at least this long
 * waits for its continuation.
 */
export const SPLIT_AT = 8192;

/** The fields of a line's record, at `i * STRIDE + field`. */
export const F = {
  start: 0,
  /** the line's end without its CR */
  end: 1,
  /** 1: the fast path may take it; 0: the full path decides */
  ok: 2,
  month: 3,
  day: 4,
  hour: 5,
  minute: 6,
  second: 7,
  /** the journal stamp's fraction in µs, -1 when `short` has none */
  micros: 8,
  hostStart: 9,
  hostEnd: 10,
  hostHash: 11,
  msgStart: 12,
  kSev: 13,
  kMonth: 14,
  kDay: 15,
  kHour: 16,
  kMinute: 17,
  kSecond: 18,
  kMicros: 19,
  kPid: 20,
} as const;
export const STRIDE = 21;

/** Records of the lines of one stretch (reused: it grows, never shrinks). */
export class LineScan {
  data: Float64Array<ArrayBufferLike> = new Float64Array(STRIDE * 2048);
  /** how many lines */
  count = 0;
  /** where the stretch scanned ends (after the last line's `\n`) */
  next = 0;

  /** Room for `lines` records, keeping the first `kept`. */
  reserve(lines: number, kept: number): void {
    if (lines * STRIDE <= this.data.length) return;
    const grown = new Float64Array(Math.max(lines * STRIDE, this.data.length * 2));
    grown.set(this.data.subarray(0, kept * STRIDE));
    this.data = grown;
  }
}

/**
 * Is the structured message quoted at `b[q]` in the payload as it reads, so that the byte
 * prefilter sees any message key it could equal? Yes when no backslash comes before its
 * closing quote (or the line's end), and when the first backslash escapes a quote: the
 * message then holds a `"`, which no key does. Another escape (`\u0045viction…`) could spell
 * a key the bytes do not show: the full path decides.
 */
function quotedAsIs(b: Uint8Array, q: number, end: number): boolean {
  for (let i = q + 1; i < end; i++) {
    const c = b[i]!;
    if (c === 0x22) return true;
    if (c === 0x5c) return MSG_KEYS_QUOTE_FREE && b[i + 1] === 0x22 && i + 1 < end;
  }
  return true;
}

/** The watched files as bytes (a klog header's file is compared with them in place). */
const WATCHED_FILE_BYTES = WATCHED_FILE_NAMES.map((f) => Buffer.from(f, 'latin1'));
const WATCHED_FILE_LENGTHS = new Set(WATCHED_FILE_NAMES.map((f) => f.length));
function isWatchedFile(b: Uint8Array, start: number, end: number): boolean {
  const len = end - start;
  if (!WATCHED_FILE_LENGTHS.has(len)) return false;
  for (const f of WATCHED_FILE_BYTES) if (f.length === len && bytesAre(b, start, f)) return true;
  return false;
}

/** Month of a `short` token (UTF-8 bytes), the previous token's remembered (it changes once a month). */
const monthCache = { token: new Uint8Array(64), length: -1, month: 0 };
function monthOf(b: Buffer, start: number, end: number): number {
  const c = monthCache;
  const len = end - start;
  if (len === c.length && bytesAre(b, start, c.token, len)) return c.month;
  const token = b.toString('utf8', start, end);
  // 0 when it names no month, or holds a space `\S` would stop at (U+00A0)
  const month = /\s/.test(token) ? 0 : monthFromToken(token);
  if (len <= c.token.length) {
    c.token.set(b.subarray(start, end));
    c.length = len;
    c.month = month;
  }
  return month;
}

const view = newShortKlog();

/**
 * Scan the lines of `b[start, end)`: each ends with `\n`, except a last one at the end of
 * input; a CR before the `\n` is cut. At most `maxLines` lines (the rest is left for another
 * call: `into.next` says where the scan stopped).
 */
export function scanLines(b: Buffer, start: number, end: number, into: LineScan, maxLines = Infinity): void {
  const ascii = isAscii(b.subarray(start, end));
  // the next NUL and backslash (rare, found by native scans rather than per line)
  let nul = b.indexOf(0, start);
  if (nul === -1 || nul >= end) nul = end;
  let bs = -1;
  const v = view;
  let n = 0;
  let p = start;
  into.count = 0;
  while (p < end && n < maxLines) {
    let nl = b.indexOf(0x0a, p);
    if (nl === -1 || nl > end) nl = end;
    let e = nl;
    if (e > p && b[e - 1] === 0x0d) e--;
    if (nul < p) {
      nul = b.indexOf(0, p);
      if (nul === -1 || nul >= end) nul = end;
    }
    if (bs < p) {
      bs = b.indexOf(0x5c, p);
      if (bs === -1 || bs >= end) bs = end;
    }
    if (n * STRIDE >= into.data.length) into.reserve(n + 1, n);
    const d = into.data;
    const o = n * STRIDE;
    d[o + F.start] = p;
    d[o + F.end] = e;
    d[o + F.ok] = 0;
    if (nul >= e && scanShortKlog(b, p, e, v)) {
      const ts = v.textStart;
      const month =
        // `key=<` opens a klog block; a very long entry may continue in the next one
        e - v.msgStart >= SPLIT_AT || (b[e - 1] === 0x3c && b[e - 2] === 0x3d)
          ? 0
          : // the prefilter's soundness needs an ASCII message (see bytescan.ts)
            !ascii && !isAscii(b.subarray(v.msgStart, e))
            ? 0
            : monthOf(b, v.tokenStart, v.tokenEnd);
      if (
        month !== 0 &&
        !(bs < e && b[ts] === 0x22 /* " */ && !quotedAsIs(b, ts, e)) &&
        !isWatchedFile(b, v.fileStart, v.fileEnd) &&
        !mayMatchBytes(b, ts, e)
      ) {
        d[o + F.ok] = 1;
        d[o + F.month] = month;
        d[o + F.day] = v.day;
        d[o + F.hour] = v.hour;
        d[o + F.minute] = v.minute;
        d[o + F.second] = v.second;
        d[o + F.micros] = v.micros;
        d[o + F.hostStart] = v.hostStart;
        d[o + F.hostEnd] = v.hostEnd;
        d[o + F.hostHash] = v.hostHash;
        d[o + F.msgStart] = v.msgStart;
        d[o + F.kSev] = v.kSev;
        d[o + F.kMonth] = v.kMonth;
        d[o + F.kDay] = v.kDay;
        d[o + F.kHour] = v.kHour;
        d[o + F.kMinute] = v.kMinute;
        d[o + F.kSecond] = v.kSecond;
        d[o + F.kMicros] = v.kMicros;
        d[o + F.kPid] = v.kPid;
      }
    }
    n++;
    p = nl + 1;
  }
  into.count = n;
  into.next = p < end ? p : end;
}
