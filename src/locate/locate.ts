/**
 * Stage "locate": where a line's envelope and klog header are. The one place that decides it,
 * for every line the tool reads: the analyzer's byte path (lines the prefilter then clears
 * never become strings) and the decoders of `src/journal/decode.ts` and `src/klog/decode.ts`
 * (which build `JournalLine`s and `KlogRecord`s from what is located here) alike.
 *
 * Bytes in (UTF-8, as read), numbers out, into a reused `Located`: no string, no regex, no
 * object per line. Pure: nothing depends on earlier lines. (The decoders turn a located host,
 * identifier or file into text with `nameAt`, which keeps the last 64 it made.)
 *
 * A line is kubelet output when its landmarks say so, wherever they stand. The strict shapes
 * are tried first, at the start of the line, so the common line costs a few byte comparisons:
 *
 *   short / short-precise   `Oct 16 09:50:55[.056703] host ident[pid]: msg` (localized months;
 *                            also syslog files: `Oct  4 16:57:28 host kubelet: msg`, no [pid])
 *   short-iso(-precise)     `2017-10-16T09:50:55[.056703]+0800 host ident[pid]: msg` (and
 *                            RFC 3339 syslog stamps: `…55.056703+08:00`, `…Z`)
 *   short-full / with-unit  `Mon 2017-10-16 09:50:55[.056703] CST host ident[pid]: msg`
 *   short-unix              `1508118655.056703 host ident[pid]: msg`
 *   short-monotonic         `[  12345.678901] host ident[pid]: msg`
 *   klog header             `I1016 09:50:55.056703   17144 eviction_manager.go:338] msg`
 *
 * What a paste did to a line is tolerated after that, by looking for the landmarks themselves:
 * a time of day `hh:mm:ss` with a journal stamp or a klog header around it, or a Go source
 * position `file.go:NNN]` — behind indentation, a shell prompt, a line-number gutter, a `grep -n`
 * prefix, an elision (`... `, `… `), backticks or a bullet; a journal line whose stamp was
 * stripped (`node-1 kubelet[7082]: W 7082 eviction_manager.go:330] …`, recognised by a kubelet
 * identifier); a klog header that lost characters (no severity letter, no date, no time, no
 * PID: `0905 15:42:13.182280   23506 eviction_manager.go:142] `, `W 7082 file.go:330] `), or
 * that is only `file.go:NNN] ` or `file.go: `. A line with none of these is message text: the
 * rules decide whether it is the kubelet's (an image-GC line whose prefix was cut).
 *
 * Lines that are not text lines — journal JSON (`{`), export fields (`__CURSOR=`), markers
 * (`-- Boot … --`) — are the decoders' before they get here.
 */
import { MONTH_NAMES, monthFromToken } from '../journal/months.js';

/** The envelope a line has. */
export const Env = {
  None: 0,
  Short: 1,
  Iso: 2,
  Full: 3,
  Unix: 4,
  Mono: 5,
  /** `host ident[pid]: msg`: a journal line whose stamp was stripped */
  HostOnly: 6,
} as const;

/** The klog header a message has. */
export const Hdr = {
  None: 0,
  /** the whole header: severity, date, time with microseconds, PID, `file:line] ` */
  Klog: 1,
  /** a header that lost some of its fields, but kept `file.go:` */
  Damaged: 2,
  /** only `file.go:NNN] ` (or `file.go: `) */
  Fragment: 3,
} as const;

/** What a paste did to the line (bits). */
export const Damage = {
  /** something stood before the line's envelope or header (indentation, a prompt, a gutter, an elision) */
  Prefix: 1,
  /** a journal line without its stamp */
  NoStamp: 2,
  /** a klog header that lost fields */
  Header: 4,
} as const;

/** Where the parts of one line are; valid after `locate`. Offsets are byte positions in the buffer. */
export interface Located {
  /** the line's first byte, as given */
  start: number;
  /** where the kubelet line begins, past what a paste put before it (its stamp, host or header) */
  lineStart: number;
  damage: number;
  env: number;
  /** the stamp: year (-1 when the shape has none), month 1–12, day, time; -1 where absent */
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** fraction of the stamp in µs (-1: none); `fracDigits` as written (up to 9) */
  micros: number;
  fracDigits: number;
  /** minutes east of UTC written in the stamp (Iso: `+0800`, `Z`; Full: an offset zone); NaN: none */
  offset: number;
  /** Unix: whole seconds of the stamp; Mono: seconds since boot (with `micros`) */
  seconds: number;
  /** the month token (Short) or the zone token (Full) */
  tokenStart: number;
  tokenEnd: number;
  hostStart: number;
  hostEnd: number;
  /** `textHash` of the host's bytes */
  hostHash: number;
  identStart: number;
  identEnd: number;
  /** the `[pid]` after the identifier, -1 when none */
  pid: number;
  /** the journal message (after `: `), or the line itself when it has no envelope */
  msgStart: number;
  hdr: number;
  hdrStart: number;
  /** the header's severity letter's code (0: lost), date and time (-1: lost), µs (-1: lost), PID (-1: lost) */
  kSev: number;
  kMonth: number;
  kDay: number;
  kHour: number;
  kMinute: number;
  kSecond: number;
  kMicros: number;
  kPid: number;
  fileStart: number;
  fileEnd: number;
  /** the payload after the header (`] `), or the message when there is no header */
  textStart: number;
}

export function newLocated(): Located {
  return {
    start: 0,
    lineStart: 0,
    damage: 0,
    env: 0,
    year: -1,
    month: -1,
    day: -1,
    hour: -1,
    minute: -1,
    second: -1,
    micros: -1,
    fracDigits: 0,
    offset: NaN,
    seconds: -1,
    tokenStart: 0,
    tokenEnd: 0,
    hostStart: 0,
    hostEnd: 0,
    hostHash: 0,
    identStart: 0,
    identEnd: 0,
    pid: -1,
    msgStart: 0,
    hdr: 0,
    hdrStart: 0,
    kSev: 0,
    kMonth: -1,
    kDay: -1,
    kHour: -1,
    kMinute: -1,
    kSecond: -1,
    kMicros: -1,
    kPid: -1,
    fileStart: 0,
    fileEnd: 0,
    textStart: 0,
  };
}

/** How far into a line a paste's prefix may reach before its landmark (prompts, gutters, labels). */
const PREFIX_REACH = 320;
/** How far into a message a klog header is looked for (a wrapper's prefix glued before it). */
const HEADER_REACH = 1024;

export const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** A byte JavaScript's `\s` matches (a byte from 0x80 is part of a UTF-8 sequence: never one). */
const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);
/** Letters, digits, bytes of UTF-8 sequences: what a month token or a word is made of. */
const isWordByte = (c: number) => (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c >= 0x80;

/** Two ASCII digits at i, or -1 (past the end: undefined - 0x30 is NaN, no digit). */
function two(s: Uint8Array, i: number): number {
  const a = s[i]! - 0x30;
  const b = s[i + 1]! - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** The byte at i of a line ending at n, or -1 past its end (never the next line's bytes). */
const at = (s: Uint8Array, i: number, n: number): number => (i < n ? s[i]! : -1);

/** The hash of a host name that `locate` computes from its bytes (UTF-8 bytes or a Latin-1 string's codes). */
export function textHash(t: string): number {
  let h = 0;
  for (let i = 0; i < t.length; i++) h = (Math.imul(h, 31) + t.charCodeAt(i)) | 0;
  return h;
}

/**
 * A view of `b` to read it four bytes at a time (`getInt32`), kept for the two buffers asked of
 * last: a chunk is read line by line, or record by record with each record's message undone into
 * a scratch buffer, so a view is made once per buffer, not once per line.
 */
export function wordsOf(b: Uint8Array): DataView {
  if (b === viewed0) return view0;
  if (b !== viewed1) {
    viewed1 = b;
    view1 = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  // (the one asked of now first)
  const v = view1;
  viewed1 = viewed0;
  view1 = view0;
  viewed0 = b;
  view0 = v;
  return v;
}
let viewed0: Uint8Array | undefined;
let view0: DataView = new DataView(new ArrayBuffer(0));
let viewed1: Uint8Array | undefined;
let view1: DataView = new DataView(new ArrayBuffer(0));

/** Are `n` bytes at `s` of the buffer `w` views (`wordsOf`) the bytes of `t` (`n` of them)? Four at a time. */
export function sameBytes(w: DataView, s: number, t: DataView, n: number): boolean {
  let k = 0;
  for (; k + 4 <= n; k += 4) if (w.getInt32(s + k, true) !== t.getInt32(k, true)) return false;
  for (; k < n; k++) if (w.getUint8(s + k) !== t.getUint8(k)) return false;
  return true;
}

/** Are the bytes `b[start, end)` the code units of `t`? (For ASCII, that is: the same text.) */
export function bytesEqualText(b: Uint8Array, start: number, end: number, t: string): boolean {
  if (end - start !== t.length) return false;
  for (let k = 0; k < t.length; k++) if (b[start + k] !== t.charCodeAt(k)) return false;
  return true;
}

// ---- names ------------------------------------------------------------------------------

/** The names decoded last (hosts, identifiers, files), by the hash of their bytes: a journal repeats a few. */
const NAMES = Array.from({ length: 64 }, () => ({ bytes: new Uint8Array(64), length: -1, text: '' }));

/**
 * The text of a name the locator found, `s[i, e)` as UTF-8 (a host, an identifier, a file): the
 * same bytes give the same text, taken from the names decoded last when it is one of them.
 */
export function nameAt(s: Uint8Array, i: number, e: number): string {
  const len = e - i;
  if (len > 64 || len <= 0) return Buffer.prototype.toString.call(s, 'utf8', i, e);
  let h = len;
  for (let k = i; k < e; k++) h = (Math.imul(h, 31) + s[k]!) | 0;
  const n = NAMES[(h ^ (h >>> 7)) & 63]!;
  if (n.length === len) {
    let k = 0;
    while (k < len && n.bytes[k] === s[i + k]) k++;
    if (k === len) return n.text;
  }
  n.text = Buffer.prototype.toString.call(s, 'utf8', i, e);
  for (let k = 0; k < len; k++) n.bytes[k] = s[i + k]!;
  n.length = len;
  return n.text;
}

// ---- month tokens ----------------------------------------------------------------------

/** ASCII month names (lower case, 3–4 letters, a trailing dot dropped), packed 7 bits a letter. */
const ASCII_MONTHS = new Map<number, number>();
const pack = (codes: ArrayLike<number>, from: number, to: number): number => {
  let k = to - from;
  for (let i = from; i < to; i++) k = (k << 7) | (codes[i]! | 0x20);
  return k;
};
MONTH_NAMES.forEach((names, i) => {
  for (const name of names) {
    if (name.length < 3 || name.length > 4 || !/^[a-z]+$/.test(name)) continue;
    ASCII_MONTHS.set(
      pack(
        Uint8Array.from(name, (c) => c.charCodeAt(0)),
        0,
        name.length,
      ),
      i + 1,
    );
  }
});

/** The last non-ASCII token resolved (a journal's month token changes once a month). */
const tokenCache = { bytes: new Uint8Array(32), length: -1, month: 0 };
const utf8 = new TextDecoder('utf-8', { fatal: false });

/** 1–12 for the month token `s[i, e)`, or 0. */
export function monthOf(s: Uint8Array, i: number, e: number): number {
  let len = e - i;
  if (len <= 0 || len > 24) return 0;
  let ascii = true;
  for (let k = i; k < e; k++) if (s[k]! >= 0x80) ascii = false;
  if (ascii) {
    if (s[e - 1] === 0x2e) len--; // `oct.`, `janv.`
    if (len < 3 || len > 4) return 0;
    for (let k = i; k < i + len; k++) if (!((s[k]! | 0x20) >= 0x61 && (s[k]! | 0x20) <= 0x7a)) return 0;
    return ASCII_MONTHS.get(pack(s, i, i + len)) ?? 0;
  }
  const c = tokenCache;
  if (len === c.length) {
    let same = true;
    for (let k = 0; k < len; k++) if (c.bytes[k] !== s[i + k]) same = false;
    if (same) return c.month;
  }
  const token = utf8.decode(s.subarray(i, e));
  const month = /\s/.test(token) ? 0 : monthFromToken(token);
  if (len <= c.bytes.length) {
    c.bytes.set(s.subarray(i, e));
    c.length = len;
    c.month = month;
  }
  return month;
}

// ---- envelopes -------------------------------------------------------------------------

/** Stop bytes: bit 1 ends a host (NUL, whitespace), bit 2 an identifier (also `[`, `:`), bit 4 a klog file (also `:`, `]`). */
const ENDS = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const stop = c === 0 || (c < 0x80 && isSpace(c));
  ENDS[c] = (stop ? 1 : 0) | (stop || c === 0x5b || c === 0x3a ? 2 : 0) | (stop || c === 0x3a || c === 0x5d || c >= 0x80 ? 4 : 0);
}

/**
 * `host ident[pid]: ` at i (the part after every journalctl stamp). Fills host, ident, pid and
 * msgStart; false when it is not there. The identifier ends at the first `[`, `:` or space
 * (journalctl's TAIL: an identifier holds none of them); `: ` or `:` at the end follows it.
 */
function tailAt(s: Uint8Array, i: number, n: number, v: Located): boolean {
  v.hostStart = i;
  let h = 0;
  while (i < n) {
    const c = s[i]!;
    if ((ENDS[c]! & 1) !== 0) break;
    h = (Math.imul(h, 31) + c) | 0;
    i++;
  }
  if (i === v.hostStart || at(s, i, n) !== 0x20) return false;
  v.hostEnd = i;
  v.hostHash = h;
  return identAt(s, i + 1, n, v);
}

/**
 * What follows a stamp: `host ident[pid]: `, or `ident[pid]: ` alone when the host was cut out
 * of a paste (`Mar 25 14:22:36 kubelet[1432]: I0325 …`: read as `host ident`, the host would be
 * `kubelet[1432]:`, and the line would go on as a stamp-less `14:22:36 kubelet[1432]:` with the
 * clock for a host). A line without a host has an empty host range (`hostStart === hostEnd`):
 * its node is the input's, as a bare line's.
 */
function stampTailAt(s: Uint8Array, i: number, n: number, v: Located): boolean {
  // (a hostname holds no `:`: a first word that ends in one is the identifier, `systemd[1]:`
  // before `kubelet.service: Consumed …`)
  if (tailAt(s, i, n, v) && s[v.hostEnd - 1] !== 0x3a) return true;
  v.hostStart = i;
  v.hostEnd = i;
  v.hostHash = 0;
  return identAt(s, i, n, v);
}

function identAt(s: Uint8Array, i: number, n: number, v: Located): boolean {
  v.identStart = i;
  while (i < n && (ENDS[s[i]!]! & 2) === 0) i++;
  if (i === v.identStart) return false;
  v.identEnd = i;
  v.pid = -1;
  if (at(s, i, n) === 0x5b) {
    i++;
    let pid = 0;
    const p0 = i;
    while (i < n && isDigit(s[i]!) && i - p0 < 15) pid = pid * 10 + (s[i++]! - 0x30);
    if (i === p0 || at(s, i, n) !== 0x5d) return false;
    v.pid = pid;
    i++;
  }
  if (at(s, i, n) !== 0x3a) return false;
  i++;
  if (i < n && s[i] !== 0x20) return false;
  v.msgStart = i < n ? i + 1 : n;
  return true;
}

/** `hh:mm:ss` at i, with its optional fraction; the index after it, or -1. Fills hour … fracDigits. */
function clockAt(s: Uint8Array, i: number, n: number, v: Located): number {
  if (i + 8 > n) return -1;
  const hh = two(s, i);
  const mm = two(s, i + 3);
  const ss = two(s, i + 6);
  if (hh < 0 || hh > 24 || mm < 0 || mm > 59 || ss < 0 || ss > 60 || s[i + 2] !== 0x3a || s[i + 5] !== 0x3a) return -1;
  v.hour = hh;
  v.minute = mm;
  v.second = ss;
  i += 8;
  v.micros = -1;
  v.fracDigits = 0;
  const c = at(s, i, n);
  if (c === 0x2e || c === 0x2c) {
    let j = i + 1;
    let us = 0;
    while (j < n && isDigit(s[j]!) && j - i <= 9) {
      if (j - i <= 6) us = us * 10 + (s[j]! - 0x30);
      j++;
    }
    const digits = j - i - 1;
    if (digits === 0 || digits > 9) return -1;
    for (let k = digits; k < 6; k++) us *= 10;
    v.micros = us;
    v.fracDigits = digits;
    i = j;
  }
  return i;
}

/** `Oct 16 09:50:55[.056703] ` + tail, the month token at i. */
function shortAt(s: Uint8Array, i: number, n: number, v: Located): boolean {
  const t0 = i;
  while (i < n && s[i] !== 0x20 && s[i] !== 0x09 && s[i] !== 0) i++;
  if (i === t0 || at(s, i, n) !== 0x20) return false;
  const month = monthOf(s, t0, i);
  if (month === 0) return false;
  while (at(s, i, n) === 0x20) i++;
  let day = at(s, i, n) - 0x30;
  if (!(day >= 0 && day <= 9)) return false;
  i++;
  const d2 = at(s, i, n) - 0x30;
  if (d2 >= 0 && d2 <= 9) {
    day = day * 10 + d2;
    i++;
  }
  if (day < 1 || day > 31 || at(s, i, n) !== 0x20) return false;
  i = clockAt(s, i + 1, n, v);
  if (i < 0 || v.fracDigits > 6 || at(s, i, n) !== 0x20) return false;
  v.tokenStart = t0;
  // (the token's end: before the spaces that follow it)
  let te = t0;
  while (te < n && s[te] !== 0x20) te++;
  v.tokenEnd = te;
  v.year = -1;
  v.month = month;
  v.day = day;
  v.offset = NaN;
  if (!stampTailAt(s, i + 1, n, v)) return false;
  v.env = Env.Short;
  v.lineStart = t0;
  return true;
}

/** `YYYY-MM-DD` at i: fills year, month, day; false when it is not a date. */
function dateAt(s: Uint8Array, i: number, n: number, v: Located): boolean {
  if (i + 10 > n) return false;
  const y1 = two(s, i);
  const y2 = two(s, i + 2);
  const mo = two(s, i + 5);
  const dd = two(s, i + 8);
  if (y1 < 0 || y2 < 0 || mo < 1 || mo > 12 || dd < 1 || dd > 31 || s[i + 4] !== 0x2d || s[i + 7] !== 0x2d) return false;
  v.year = y1 * 100 + y2;
  v.month = mo;
  v.day = dd;
  return true;
}

/**
 * `2017-10-16T09:50:55[.056703](Z|±hh[:mm]) ` + tail at i. A space for the `T` and no zone are
 * accepted too (`2017-10-16 09:50:55 host kubelet[1]: `): then a wall time with a year.
 */
function isoAt(s: Uint8Array, i: number, n: number, v: Located): boolean {
  const i0 = i;
  if (!dateAt(s, i, n, v)) return false;
  const sep = at(s, i + 10, n);
  if (sep !== 0x54 && sep !== 0x20) return false;
  i = clockAt(s, i + 11, n, v);
  if (i < 0) return false;
  v.offset = NaN;
  const c = at(s, i, n);
  if (c === 0x5a /* Z */) {
    v.offset = 0;
    i++;
  } else if (c === 0x2b || c === 0x2d) {
    const hh = two(s, i + 1);
    if (hh < 0 || hh > 14) return false;
    let j = i + 3;
    let mm = 0;
    if (at(s, j, n) === 0x3a) j++;
    const m2 = two(s, j);
    if (m2 >= 0) {
      mm = m2;
      j += 2;
    } else if (j !== i + 3) return false;
    if (mm > 59) return false;
    v.offset = (c === 0x2d ? -1 : 1) * (hh * 60 + mm);
    i = j;
  } else if (sep === 0x54 && c !== 0x20) return false;
  if (at(s, i, n) !== 0x20) return false;
  if (!stampTailAt(s, i + 1, n, v)) return false;
  v.env = Env.Iso;
  v.lineStart = i0;
  return true;
}

/** `Mon 2017-10-16 09:50:55[.056703] CST ` + tail, the weekday token at i (short-full, with-unit). */
function fullAt(s: Uint8Array, i: number, n: number, v: Located): boolean {
  const i0 = i;
  while (i < n && s[i] !== 0x20) i++;
  if (at(s, i, n) !== 0x20 || !dateAt(s, i + 1, n, v) || at(s, i + 11, n) !== 0x20) return false;
  i = clockAt(s, i + 12, n, v);
  if (i < 0 || at(s, i, n) !== 0x20) return false;
  const z0 = i + 1;
  let j = z0;
  while (j < n && s[j] !== 0x20 && s[j] !== 0) j++;
  if (j === z0 || at(s, j, n) !== 0x20) return false;
  v.tokenStart = z0;
  v.tokenEnd = j;
  v.offset = zoneOffset(s, z0, j);
  if (!stampTailAt(s, j + 1, n, v)) return false;
  v.env = Env.Full;
  v.lineStart = i0;
  return true;
}

/** A zone token that pins the instant: `UTC`, `GMT`, `±hh[:]mm`, `±hh`; NaN for an abbreviation (`CST` is ambiguous). */
export function zoneOffset(s: Uint8Array, i: number, e: number): number {
  const len = e - i;
  if (len === 3 && ((s[i] === 0x55 && s[i + 1] === 0x54 && s[i + 2] === 0x43) || (s[i] === 0x47 && s[i + 1] === 0x4d && s[i + 2] === 0x54)))
    return 0;
  const c = s[i];
  if ((c === 0x2b || c === 0x2d) && (len === 3 || len === 5 || len === 6)) {
    const hh = two(s, i + 1);
    let mm = 0;
    if (len > 3) {
      mm = two(s, len === 6 ? i + 4 : i + 3);
      if (len === 6 && s[i + 3] !== 0x3a) return NaN;
    }
    if (hh < 0 || hh > 14 || mm < 0 || mm > 59) return NaN;
    return (c === 0x2d ? -1 : 1) * (hh * 60 + mm);
  }
  return NaN;
}

/** `1508118655.056703 ` + tail (short-unix), or `[  12345.678901] ` + tail (short-monotonic), at i. */
function numericAt(s: Uint8Array, i: number, n: number, v: Located, mono: boolean): boolean {
  const i0 = i;
  if (mono) {
    i++;
    while (at(s, i, n) === 0x20) i++;
  }
  const d0 = i;
  let secs = 0;
  while (i < n && isDigit(s[i]!) && i - d0 < 12) secs = secs * 10 + (s[i++]! - 0x30);
  const digits = i - d0;
  if (digits === 0 || (!mono && (digits < 9 || digits > 11)) || at(s, i, n) !== 0x2e) return false;
  const f0 = i + 1;
  let us = 0;
  i = f0;
  while (i < n && isDigit(s[i]!) && i - f0 < 6) us = us * 10 + (s[i++]! - 0x30);
  if (i === f0) return false;
  for (let k = i - f0; k < 6; k++) us *= 10;
  if (mono) {
    if (at(s, i, n) !== 0x5d) return false;
    i++;
  }
  if (at(s, i, n) !== 0x20) return false;
  v.seconds = secs;
  v.micros = us;
  v.fracDigits = 6;
  v.year = -1;
  v.month = -1;
  v.offset = NaN;
  if (!stampTailAt(s, i + 1, n, v)) return false;
  v.env = mono ? Env.Mono : Env.Unix;
  v.lineStart = i0;
  return true;
}

/**
 * The identifiers the kubelet runs under, as the journal names them: a line `host ident[pid]: `
 * without a stamp is read as a journal line only behind one of these (or systemd's own).
 */
export const KUBELET_IDENTS: readonly string[] = [
  'kubelet',
  'kubelet-wrapper',
  'hyperkube',
  'kubenswrapper',
  'origin-node',
  'atomic-openshift-node',
  'openshift-node',
  'k3s',
  'k3s-agent',
  'k3s-server',
  'rke2',
  'rke2-agent',
  'rke2-server',
  'kubelite',
  'microk8s.daemon-kubelite',
  'microk8s.daemon-kubelet',
  'k0sworker',
  'k0s',
  'kubelet.sh',
  'dockerd-current',
];
const HOST_ONLY_IDENTS = new Set([...KUBELET_IDENTS, 'systemd', 'kubelet.service']);

/**
 * `host ident[pid]: ` at i with no stamp before it: only behind a kubelet identifier and with its
 * `[pid]` (`Stopping kubelet: The Kubernetes Node Agent...`, systemd's words in `-o cat`, is not one).
 */
function hostOnlyAt(s: Uint8Array, i: number, n: number, v: Located): boolean {
  if (!tailAt(s, i, n, v)) return false;
  const len = v.identEnd - v.identStart;
  if (len > 32) return false;
  let ident = '';
  for (let k = v.identStart; k < v.identEnd; k++) ident += String.fromCharCode(s[k]!);
  if (!HOST_ONLY_IDENTS.has(ident)) return false;
  // a syslog file's line without its stamp has no `[pid]` either (`K8S-master01 kubelet: F 12127
  // server.go:266] …`): then only a klog header right after it says it is one
  if (v.pid < 0 && (!KUBELET_IDENTS.includes(ident) || !headerFollows(s, v.msgStart, n))) return false;
  v.env = Env.HostOnly;
  v.lineStart = v.hostStart;
  v.damage |= Damage.NoStamp;
  v.year = -1;
  v.month = -1;
  v.hour = -1;
  v.micros = -1;
  v.offset = NaN;
  return true;
}

/** A klog header, whole or damaged, at i (the fields it fills are filled again after). */
function headerFollows(s: Uint8Array, i: number, n: number): boolean {
  return headerAt(s, i, n, PROBE) !== -1;
}
/** The scratch `headerFollows` fills (the line's own `Located` keeps its envelope). */
const PROBE = newLocated();

/**
 * `host ident[pid]: ` behind a paste's prefix (a gutter, a prompt, an elision), stamp stripped:
 * at the start of each word in reach.
 */
function findHostOnly(s: Uint8Array, from: number, n: number, v: Located): boolean {
  const to = Math.min(n, from + PREFIX_REACH);
  for (let k = from; k < to - 1; k++) {
    const c = s[k];
    const d = s[k + 1]!;
    if ((c === 0x20 || c === 0x09) && d !== 0x20 && d !== 0x09 && hostOnlyAt(s, k + 1, n, v)) return true;
  }
  return false;
}

/** A strict envelope starting at i (the shapes journalctl writes). */
function envelopeAt(s: Uint8Array, i: number, n: number, v: Located): boolean {
  const c = s[i]!;
  if (isDigit(c)) {
    // short-iso, short-unix, or a CJK month token (`10月 16 …`)
    if (at(s, i + 4, n) === 0x2d) return isoAt(s, i, n, v);
    if (isoLikeUnix(s, i, n)) return numericAt(s, i, n, v, false);
    return shortAt(s, i, n, v);
  }
  if (c === 0x5b) return numericAt(s, i, n, v, true);
  return shortAt(s, i, n, v) || fullAt(s, i, n, v);
}
/** Ten digits and a dot: a Unix stamp's shape. */
function isoLikeUnix(s: Uint8Array, i: number, n: number): boolean {
  let k = i;
  while (k < n && isDigit(s[k]!)) k++;
  return k - i >= 9 && at(s, k, n) === 0x2e;
}

// ---- klog headers ----------------------------------------------------------------------

/**
 * A klog header at i: `[IWEF]mmdd hh:mm:ss.uuuuuu +pid file:line] `, or what a paste left of it
 * (any of severity, date, time, PID lost; `file.go:line] ` or `file.go: ` kept). Returns where
 * the payload starts, or -1. A damaged header must name a `.go` file: that is what makes it a
 * kubelet header and not prose.
 */
function headerAt(s: Uint8Array, i: number, n: number, v: Located): number {
  const h0 = i;
  let sev = 0;
  let full = true;
  let mo = -1;
  let dd = -1;
  let hh = -1;
  let mi = -1;
  let ss = -1;
  let us = -1;
  let pid = -1;
  const c0 = at(s, i, n);
  if ((c0 === 0x49 || c0 === 0x57 || c0 === 0x45 || c0 === 0x46) && (isDigit(at(s, i + 1, n)) || at(s, i + 1, n) === 0x20)) {
    sev = c0;
    i++;
  } else full = false;
  // mmdd + space
  const m = two(s, i);
  const d = two(s, i + 2);
  if (m >= 1 && m <= 12 && d >= 1 && d <= 31 && at(s, i + 4, n) === 0x20) {
    mo = m;
    dd = d;
    i += 5;
  } else full = false;
  // hh:mm:ss[.frac]
  if (i + 8 <= n && s[i + 2] === 0x3a && s[i + 5] === 0x3a) {
    const h = two(s, i);
    const mm = two(s, i + 3);
    const sec = two(s, i + 6);
    if (h < 0 || h > 24 || mm < 0 || mm > 59 || sec < 0 || sec > 60) return -1;
    hh = h;
    mi = mm;
    ss = sec;
    i += 8;
    if (at(s, i, n) === 0x2e) {
      let j = i + 1;
      let u = 0;
      while (j < n && isDigit(s[j]!) && j - i <= 9) {
        if (j - i <= 6) u = u * 10 + (s[j]! - 0x30);
        j++;
      }
      const digits = j - i - 1;
      if (digits === 0) return -1;
      if (digits !== 6) full = false;
      for (let k = digits; k < 6; k++) u *= 10;
      us = u;
      i = j;
    } else full = false;
  } else full = false;
  if (i !== h0) {
    if (at(s, i, n) !== 0x20) return -1;
    while (at(s, i, n) === 0x20) i++;
  }
  // PID (klog's "threadid")
  const p0 = i;
  let p = 0;
  while (i < n && isDigit(s[i]!) && i - p0 < 15) p = p * 10 + (s[i++]! - 0x30);
  if (i > p0) {
    // a number alone before `file.go:` is no PID: a line-number gutter (`46948 helpers.go:819] `)
    if (at(s, i, n) !== 0x20 || (sev === 0 && mo === -1 && hh === -1)) return -1;
    pid = p;
    while (at(s, i, n) === 0x20) i++;
  } else full = false;
  // file:line]
  const f0 = i;
  while (i < n && (ENDS[s[i]!]! & 4) === 0) i++;
  const f1 = i;
  if (f1 === f0 || at(s, i, n) !== 0x3a) return -1;
  const goFile = f1 - f0 > 3 && s[f1 - 3] === 0x2e && s[f1 - 2] === 0x67 && s[f1 - 1] === 0x6f;
  i++;
  const l0 = i;
  while (i < n && isDigit(s[i]!)) i++;
  const line = i > l0;
  let text: number;
  if (line && at(s, i, n) === 0x5d && (at(s, i + 1, n) === 0x20 || i + 1 === n)) text = i + 2 > n ? n : i + 2;
  else if (goFile && (at(s, i, n) === 0x20 || i === n)) {
    full = false;
    text = i < n ? i + 1 : n;
  } else return -1;
  if (!full && !goFile) return -1;
  v.hdr = full ? Hdr.Klog : sev !== 0 || mo !== -1 || hh !== -1 || pid !== -1 ? Hdr.Damaged : Hdr.Fragment;
  v.hdrStart = h0;
  v.kSev = sev;
  v.kMonth = mo;
  v.kDay = dd;
  v.kHour = hh;
  v.kMinute = mi;
  v.kSecond = ss;
  v.kMicros = us;
  v.kPid = pid;
  v.fileStart = f0;
  v.fileEnd = f1;
  v.textStart = text;
  return text;
}

/** Bytes that a paste puts before a line and that say nothing: spaces, digits, punctuation. */
function isJunk(s: Uint8Array, i: number, e: number): boolean {
  for (let k = i; k < e; k++) {
    const c = s[k]!;
    if (c === 0xe2 && s[k + 1] === 0x80 && s[k + 2] === 0xa6) {
      k += 2; // … (U+2026)
      continue;
    }
    if (((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c >= 0x80) return false;
  }
  return true;
}

/**
 * The first klog header in `s[from, to)`, whole or damaged, found by its landmarks: a time of
 * day with a date and severity before it, or a `.go:` source position. A header that kept its
 * date and time counts wherever it stands; one that lost them (or a bare `file.go:NNN]`) only
 * where nothing but junk stands before it (from `junkFrom`).
 */
function findHeader(s: Uint8Array, from: number, to: number, n: number, v: Located, junkFrom: number): boolean {
  // whole headers: around each `hh:mm:ss` — `[IWEF]mmdd hh:…`, or with the severity lost `mmdd hh:…`
  for (let c = s.indexOf(0x3a, from + 2); c !== -1 && c < to; c = s.indexOf(0x3a, c + 1)) {
    if (s[c + 3] !== 0x3a || two(s, c - 2) < 0 || two(s, c + 1) < 0 || two(s, c + 4) < 0) continue;
    const t = c - 2; // the clock's first digit
    // (a header with its date and time is one wherever it stands, a prompt before it too)
    if (t - 6 >= from && headerAt(s, t - 6, n, v) !== -1 && (v.kMonth >= 0 || isJunk(s, junkFrom, t - 6))) return true;
    if (t - 5 >= from && headerAt(s, t - 5, n, v) !== -1 && (v.kMonth >= 0 || isJunk(s, junkFrom, t - 5))) return true;
  }
  // headers without a time: `W 7082 file.go:330] `, `file.go:400] `, `file.go: `
  for (let g = indexOfGo(s, from, to); g !== -1; g = indexOfGo(s, g + 4, to)) {
    let f = g;
    while (f > from && (ENDS[s[f - 1]!]! & 4) === 0) f--;
    // the earliest start a damaged header can have: back over spaces, a PID, spaces, a severity letter
    let k = f - 1;
    while (k >= from && s[k] === 0x20) k--;
    const pidEnd = k;
    while (k >= from && isDigit(s[k]!)) k--;
    let h = k < pidEnd && (k < from || s[k] === 0x20) ? k + 1 : f;
    if (h !== f) while (k >= from && s[k] === 0x20) k--;
    if (
      k >= from &&
      (s[k] === 0x49 || s[k] === 0x57 || s[k] === 0x45 || s[k] === 0x46) &&
      (k === from || !isWordByte(s[k - 1]!)) &&
      (h !== f || k === f - 2)
    )
      h = k;
    if (headerAt(s, h, n, v) !== -1 && isJunk(s, pastPrompt(s, junkFrom, h), h)) return true;
    if (h !== f && headerAt(s, f, n, v) !== -1 && isJunk(s, pastPrompt(s, junkFrom, f), f)) return true;
  }
  return false;
}

/**
 * Past a shell prompt in `s[from, to)` (`[root@w ~]# `, `$ `, `➜ root@h:~# `, `> `): where the
 * junk that may stand before a damaged header begins (an elision after a prompt glued to the
 * first line: `[root@w ~]# ... eviction_manager.go:340] …`). `from` when there is none.
 */
function pastPrompt(s: Uint8Array, from: number, to: number): number {
  for (let k = to - 2; k >= from; k--) {
    const c = s[k]!;
    if ((c === 0x23 || c === 0x24 || c === 0x3e) && s[k + 1] === 0x20) return k + 2;
  }
  return from;
}

/** The next `.go:` in `s[from, to)`, or -1. */
function indexOfGo(s: Uint8Array, from: number, to: number): number {
  for (let k = s.indexOf(0x3a, from); k !== -1 && k < to; k = s.indexOf(0x3a, k + 1)) {
    if (k >= 3 && s[k - 3] === 0x2e && s[k - 2] === 0x67 && s[k - 1] === 0x6f) return k - 3;
  }
  return -1;
}

/**
 * Where an envelope stands behind a paste's prefix: the first `hh:mm:ss` in reach with a journal
 * stamp around it (a month token and day, a date) and a tail after it.
 */
function findEnvelope(s: Uint8Array, from: number, n: number, v: Located): boolean {
  const to = Math.min(n, from + PREFIX_REACH);
  for (let c = s.indexOf(0x3a, from + 2); c !== -1 && c < to; c = s.indexOf(0x3a, c + 1)) {
    if (s[c + 3] !== 0x3a || two(s, c - 2) < 0) continue;
    const t = c - 2;
    const before = s[t - 1];
    if (before === 0x54 || before === 0x20) {
      // `YYYY-MM-DDThh:…` / `Www YYYY-MM-DD hh:…`
      if (t - 11 >= from && isoAt(s, t - 11, n, v)) return true;
      if (before === 0x20 && t - 11 > from && s[t - 12] === 0x20) {
        let w = t - 13;
        while (w > from && isWordByte(s[w - 1]!)) w--;
        if (w >= from && fullAt(s, w, n, v)) return true;
      }
    }
    if (before !== 0x20) continue;
    // `<month> <day> hh:…`: back over the day and the spaces to the month token
    let k = t - 2;
    while (k >= from && isDigit(s[k]!) && t - 2 - k < 2) k--;
    if (k === t - 2 || k < from || s[k] !== 0x20) continue;
    while (k >= from && s[k] === 0x20) k--;
    let w = k + 1;
    while (w > from && (isWordByte(s[w - 1]!) || s[w - 1] === 0x2e)) w--;
    if (w <= k && shortAt(s, w, n, v)) return true;
  }
  return false;
}

/**
 * Locate the envelope and the klog header of the line `s[start, end)` (without its line end).
 * `v.env` and `v.hdr` say what was found (`Env.None` and `Hdr.None`: message text only, from
 * `v.msgStart`).
 */
export function locate(s: Uint8Array, start: number, end: number, v: Located): void {
  const n = end;
  let i = start;
  v.start = start;
  v.damage = 0;
  v.env = Env.None;
  v.hdr = Hdr.None;
  v.pid = -1;
  v.kPid = -1;
  // indentation (Markdown code, list items); `short` lines may lead with one space (` 6월`)
  while (i < n && (s[i] === 0x20 || s[i] === 0x09)) i++;
  if (i > start + 1 || (i > start && s[start] === 0x09)) v.damage |= Damage.Prefix;
  v.lineStart = i;
  v.msgStart = i;
  v.textStart = i;
  if (i >= n) return;
  // the strict shapes, at the start: a journal line, a kubelet.log line
  if (envelopeAt(s, i, n, v)) return messageHeader(s, n, v);
  if (headerAt(s, i, n, v) !== -1 && v.hdr === Hdr.Klog) return;
  v.hdr = Hdr.None;
  // a journal line whose stamp was stripped: `node-1 kubelet[7082]: …`
  if (hostOnlyAt(s, i, n, v)) return messageHeader(s, n, v);
  // behind a paste's prefix: a prompt, a gutter, an elision, backticks, a bullet …
  if (findEnvelope(s, i, n, v) || findHostOnly(s, i, n, v)) {
    v.damage |= Damage.Prefix;
    return messageHeader(s, n, v);
  }
  if (headerAt(s, i, n, v) !== -1 || findHeader(s, i, Math.min(n, i + PREFIX_REACH), n, v, i)) {
    if (v.hdrStart > i) v.damage |= Damage.Prefix;
    if (v.hdr !== Hdr.Klog) v.damage |= Damage.Header;
    v.lineStart = v.hdrStart;
    v.msgStart = v.hdrStart;
    return;
  }
  v.hdr = Hdr.None;
  v.msgStart = i;
  v.textStart = i;
}

/**
 * The klog header of a message `s[start, end)` alone (a journal JSON entry's MESSAGE, a joined
 * block): at its start, whole or damaged, else a whole one anywhere in reach, or a damaged one
 * behind junk. `v.hdr`, the header fields and `v.textStart` are set.
 */
export function locateHeader(s: Uint8Array, start: number, end: number, v: Located): void {
  v.damage = 0;
  v.hdr = Hdr.None;
  v.kPid = -1;
  v.msgStart = start;
  messageHeader(s, end, v);
}

/** The klog header of a journal message: at its start (whole or damaged), else anywhere in reach. */
function messageHeader(s: Uint8Array, n: number, v: Located): void {
  const m = v.msgStart;
  v.textStart = m;
  if (m >= n) return;
  if (headerAt(s, m, n, v) !== -1) {
    if (v.hdr !== Hdr.Klog) v.damage |= Damage.Header;
    return;
  }
  v.hdr = Hdr.None;
  // a wrapper's prefix glued before the header (Rancher's viewer stamp, `MESSAGE=`); not in JSON
  if (s[m] !== 0x7b && findHeader(s, m, Math.min(n, m + HEADER_REACH), n, v, m)) {
    if (v.hdr !== Hdr.Klog) v.damage |= Damage.Header;
    return;
  }
  v.hdr = Hdr.None;
  v.textStart = m;
}

// ---- runs: lines with the envelope of the line before ------------------------------------

/**
 * The envelope of a line, kept to locate the lines after it that share it (a journal's kubelet
 * lines are mostly one host, one identifier, one PID, one stamp shape: a *run*). A line of the
 * run differs from the one it was taken from only in its stamp's digits and its message, so
 * `locateInRun` reads the digits at their places, compares the rest with the run's bytes, and
 * reads the klog header: what `locate` would have found, with no scan of the envelope. The
 * fields it shares with `Located` are those `locate` found in the run's line, their positions
 * counted from the line's start (a line of the run has them where it starts).
 */
export interface Run extends Pick<
  Located,
  'month' | 'offset' | 'tokenStart' | 'tokenEnd' | 'fracDigits' | 'hostStart' | 'hostEnd' | 'hostHash' | 'identStart' | 'identEnd' | 'pid'
> {
  /** Env.Short, Env.Iso, Env.Full, Env.Unix or Env.None (a bare kubelet.log line) */
  env: number;
  /** the line's bytes before the message: the stamp and `host ident[pid]: ` (none for a bare line) */
  readonly bytes: Uint8Array;
  length: number;
  /** in the stamp: where the day's digits are (Short), the date (Full), the dot (Unix); and the clock */
  dayStart: number;
  dayDigits: number;
  clock: number;
  /** where the clock and its fraction end (then a space, or the zone of an Iso stamp, and the rest is compared as bytes) */
  clockEnd: number;
}

export function newRun(): Run {
  return {
    env: -1,
    bytes: new Uint8Array(RUN_MAX),
    length: 0,
    tokenStart: 0,
    tokenEnd: 0,
    dayStart: 0,
    dayDigits: 0,
    clock: 0,
    fracDigits: 0,
    clockEnd: 0,
    month: 0,
    offset: NaN,
    hostStart: 0,
    hostEnd: 0,
    hostHash: 0,
    identStart: 0,
    identEnd: 0,
    pid: -1,
  };
}

/** The longest envelope a run keeps. */
const RUN_MAX = 160;

/**
 * Make `r` the run of the line `s[v.start, …)` that `locate` filled `v` for: true when it is one
 * a run can take (a `short`, `short-precise`, `short-iso(-precise)`, `short-full` or `with-unit`
 * stamp with a zone that pins the instant, or a `short-unix` one; its host and `ident[pid]`,
 * nothing before it; or a bare line's whole klog header).
 */
export function runOf(s: Uint8Array, v: Located, r: Run): boolean {
  r.env = -1;
  const l = v.start;
  if (v.damage !== 0 || v.lineStart !== l) return false;
  if (v.env === Env.None) {
    if (v.hdr !== Hdr.Klog || v.hdrStart !== l) return false;
    r.length = 0;
    r.env = Env.None;
    return true;
  }
  const env = v.env;
  if (
    (env !== Env.Short && env !== Env.Iso && env !== Env.Full && env !== Env.Unix) ||
    v.hostEnd === v.hostStart ||
    v.msgStart - l > RUN_MAX
  )
    return false;
  if ((env === Env.Iso || env === Env.Full) && Number.isNaN(v.offset)) return false;
  const len = v.msgStart - l;
  for (let k = 0; k < len; k++) r.bytes[k] = s[l + k]!;
  r.length = len;
  r.fracDigits = v.micros === -1 ? 0 : v.fracDigits;
  r.tokenStart = 0;
  if (env === Env.Short) {
    // `Mar  2 00:00:00[.000000] `: the token, spaces, the day, the clock
    r.tokenEnd = v.tokenEnd - l;
    let d = r.tokenEnd;
    while (s[l + d] === 0x20) d++;
    r.dayStart = d;
    r.dayDigits = isDigit(s[l + d + 1]!) ? 2 : 1;
    r.clock = d + r.dayDigits + 1;
    r.month = v.month;
    r.offset = NaN;
  } else if (env === Env.Iso) {
    // `2017-10-16T09:50:55[.056703]+0000 `
    r.tokenEnd = 0;
    r.dayStart = 0;
    r.clock = 11;
    r.offset = v.offset;
  } else if (env === Env.Full) {
    // `Mon 2017-10-16 09:50:55[.056703] UTC `: the weekday, the date, the clock; the zone is compared as bytes
    let w = 0;
    while (s[l + w] !== 0x20) w++;
    r.tokenStart = v.tokenStart - l;
    r.tokenEnd = v.tokenEnd - l;
    r.dayStart = w + 1;
    r.clock = w + 12;
    r.offset = v.offset;
  } else {
    // `1508118655.056703 `: the seconds to the dot, its fraction (a clock of its own)
    let d = 0;
    while (isDigit(s[l + d]!)) d++;
    r.tokenEnd = 0;
    r.dayStart = d;
    r.clock = 0;
    r.clockEnd = v.hostStart - l - 1;
    r.offset = NaN;
  }
  if (env !== Env.Unix) r.clockEnd = r.clock + 8 + (r.fracDigits > 0 ? r.fracDigits + 1 : 0);
  if (r.clockEnd > v.hostStart - l - 1 || ((env === Env.Short || env === Env.Unix) && r.clockEnd !== v.hostStart - l - 1)) return false;
  r.hostStart = v.hostStart - l;
  r.hostEnd = v.hostEnd - l;
  r.hostHash = v.hostHash;
  r.identStart = v.identStart - l;
  r.identEnd = v.identEnd - l;
  r.pid = v.pid;
  r.env = v.env;
  return true;
}

/**
 * Locate the line `s[start, end)` as a line of the run `r`, filling `v` as `locate` would: false
 * when it is not one (another envelope, a stamp of another shape; for a bare line, no whole klog
 * header at its start), and then `v` means nothing and the line is `locate`'s. The message's
 * header is found as `locate` finds it.
 */
export function locateInRun(s: Uint8Array, start: number, end: number, v: Located, r: Run): boolean {
  const env = r.env;
  const len = r.length;
  const n = end;
  if (env === Env.None) {
    // a bare line: its klog header at its start (`locate`: no envelope begins with a severity and digits)
    const c = s[start]!;
    if ((c !== 0x49 && c !== 0x57 && c !== 0x45 && c !== 0x46) || !isDigit(at(s, start + 1, n))) return false;
    v.env = Env.None;
    v.pid = -1;
  } else {
    if (start + len >= n) return false;
    const rb = r.bytes;
    // the envelope's bytes after the clock (an Iso stamp's zone, the host, the identifier and
    // PID), compared from its end (where another program's line differs first)
    const clock = r.clock;
    const clockEnd = r.clockEnd;
    for (let k = len - 1; k >= clockEnd; k--) if (s[start + k] !== rb[k]) return false;
    if (env === Env.Short) {
      for (let k = 0; k < r.dayStart; k++) if (s[start + k] !== rb[k]) return false;
      let day = s[start + r.dayStart]! - 0x30;
      if (!(day >= 0 && day <= 9)) return false;
      if (r.dayDigits === 2) {
        const d2 = s[start + r.dayStart + 1]! - 0x30;
        if (!(d2 >= 0 && d2 <= 9)) return false;
        day = day * 10 + d2;
      }
      if (day < 1 || day > 31 || s[start + clock - 1] !== 0x20) return false;
      v.year = -1;
      v.month = r.month;
      v.day = day;
    } else if (env === Env.Iso) {
      if (!dateAt(s, start, n, v) || s[start + 10] !== rb[10]) return false;
    } else if (env === Env.Full) {
      const d = r.dayStart;
      for (let k = 0; k < d; k++) if (s[start + k] !== rb[k]) return false;
      if (!dateAt(s, start + d, n, v) || s[start + d + 10] !== 0x20) return false;
    }
    if (env === Env.Unix) {
      // (numericAt: the seconds' digits, as many as the run's, a dot, the fraction's)
      const dot = r.dayStart;
      let secs = 0;
      for (let k = 0; k < dot; k++) {
        const c = s[start + k]! - 0x30;
        if (!(c >= 0 && c <= 9)) return false;
        secs = secs * 10 + c;
      }
      if (s[start + dot] !== 0x2e) return false;
      let us = 0;
      for (let k = dot + 1; k < clockEnd; k++) {
        const c = s[start + k]! - 0x30;
        if (!(c >= 0 && c <= 9)) return false;
        us = us * 10 + c;
      }
      for (let k = clockEnd - dot - 1; k < 6; k++) us *= 10;
      v.seconds = secs;
      v.micros = us;
      v.fracDigits = 6;
      v.year = -1;
      v.month = -1;
    } else {
      if (clockAt(s, start + clock, n, v) !== start + clockEnd) return false;
      if ((v.micros === -1 ? 0 : v.fracDigits) !== r.fracDigits || (env === Env.Short && v.fracDigits > 6)) return false;
    }
    v.env = env;
    v.offset = r.offset;
    v.tokenStart = start + r.tokenStart;
    v.tokenEnd = start + r.tokenEnd;
    v.hostStart = start + r.hostStart;
    v.hostEnd = start + r.hostEnd;
    v.hostHash = r.hostHash;
    v.identStart = start + r.identStart;
    v.identEnd = start + r.identEnd;
    v.pid = r.pid;
  }
  v.start = start;
  v.lineStart = start;
  v.damage = 0;
  v.msgStart = start + len;
  v.textStart = start + len;
  v.hdr = Hdr.None;
  v.kPid = -1;
  if (env === Env.None) return headerAt(s, start, n, v) !== -1 && v.hdr === Hdr.Klog;
  // (the message's header as `locate` finds it: at its start, whole or damaged, or in reach)
  messageHeader(s, n, v);
  return true;
}

// ---- two lines glued together ------------------------------------------------------------

/**
 * Does the text before the envelope of the line `s[start, …)` located in `v` (behind a prefix)
 * read as the rest of another line rather than as a paste's prefix: words, not a shell prompt
 * right before the envelope, not a gutter's or a bullet's junk (a terminal's row that holds the
 * end of a line and the start of the next one glued to it)?
 */
export function proseBefore(s: Uint8Array, start: number, v: Located): boolean {
  if ((v.damage & Damage.Prefix) === 0 || v.env === Env.None) return false;
  const to = v.lineStart;
  // (a shell prompt ends right before the envelope: `[root@w ~]# Jun 26 …`, `$ `, `> `)
  const c = s[to - 2];
  if (s[to - 1] === 0x20 && (c === 0x23 || c === 0x24 || c === 0x3e)) return false;
  return !isJunk(s, start, to);
}

/** The scratch `gluedLineAt` fills (what it finds is located again by its caller). */
const GLUED = newLocated();

/**
 * Where a second journal line may begin inside the message `s[from, end)` of one: after a space,
 * a journal envelope (a stamp, `host ident[pid]: `) with a klog header right after it (a paste
 * that lost a newline: `… Trying to free 182  155 12月 25 21:21:55 office k3s[794]: E1225 …`);
 * -1 when there is none. The caller locates the line from there to be sure.
 */
export function gluedLineAt(s: Uint8Array, from: number, end: number): number {
  const scratch = GLUED;
  for (let k = from; k < end;) {
    // (findEnvelope looks a prefix's reach ahead: the windows overlap by more than a stamp's width)
    if (!findEnvelope(s, k, end, scratch)) {
      k += PREFIX_REACH - 64;
      continue;
    }
    const g = scratch.lineStart;
    if (
      g > from &&
      (s[g - 1] === 0x20 || s[g - 1] === 0x09) &&
      headerAt(s, scratch.msgStart, end, scratch) !== -1 &&
      scratch.hdr === Hdr.Klog
    )
      return g;
    k = g + 1;
  }
  return -1;
}
