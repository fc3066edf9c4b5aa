/**
 * The analyzer's fast path: the common line of a kubelet journal,
 *
 *     Mar 02 09:50:55 worker-1 kubelet[2716]: I0302 09:50:55.056703    2716 kubelet.go:1918] SyncLoop ...
 *
 * (`journalctl -o short` or `short-precise`, a klog header at the start of the message),
 * located in the input's bytes (UTF-8, as read) into a reused scratch object: no string,
 * no regex, no per-line objects. It accepts a line only when `decodeJournalLine` would
 * decode its text as a `short` entry with exactly these fields and `decodeKlog` would find
 * this header at offset 0; on any doubt it returns false and the analyzer takes the full
 * path (the reference decoders). Everything but the month token must be ASCII (the
 * token is checked by the caller, which decodes it once per new token: `10月`, `окт`).
 * Positions are offsets in the buffer. Pure: no state between lines.
 */

/** Positions and numbers of one line; valid only after `scanShortKlog` returned true. */
export interface ShortKlog {
  /** month token [0, tokenEnd) after an optional leading space at tokenStart - 1 */
  tokenStart: number;
  tokenEnd: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** journal fraction in microseconds, -1 when the stamp has none (`short`) */
  micros: number;
  hostStart: number;
  hostEnd: number;
  /** `textHash` of the host's bytes (to find its node without comparing every name) */
  hostHash: number;
  identStart: number;
  identEnd: number;
  /** start of the journal message (the klog header) */
  msgStart: number;
  /** klog header: its severity letter's code, wall time, microseconds, thread id (the kubelet's PID) */
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
  /** start of the payload after `] ` */
  textStart: number;
}

export function newShortKlog(): ShortKlog {
  return {
    tokenStart: 0,
    tokenEnd: 0,
    day: 0,
    hour: 0,
    minute: 0,
    second: 0,
    micros: -1,
    hostStart: 0,
    hostEnd: 0,
    hostHash: 0,
    identStart: 0,
    identEnd: 0,
    msgStart: 0,
    kSev: 0,
    kMonth: 0,
    kDay: 0,
    kHour: 0,
    kMinute: 0,
    kSecond: 0,
    kMicros: 0,
    kPid: 0,
    fileStart: 0,
    fileEnd: 0,
    textStart: 0,
  };
}

/** An ASCII byte JavaScript's `\s` matches (a byte from 0x80 is part of a UTF-8 sequence: never one). */
const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * What ends a field, per byte (one table load instead of a chain of comparisons in the
 * loops below): bit 1 a host (NUL, a space, a byte from 0x80), bit 2 an identifier (those,
 * `[`, `:`), bit 4 a klog header's file (those, `:`, `]`).
 */
const ENDS = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const stop = c === 0 || c >= 0x80 || isSpace(c);
  ENDS[c] = (stop ? 1 : 0) | (stop || c === 0x5b || c === 0x3a ? 2 : 0) | (stop || c === 0x3a || c === 0x5d ? 4 : 0);
}

/** Two ASCII digits at i, or -1 (past the end: undefined - 0x30 is NaN, no digit). */
function two(s: Uint8Array, i: number): number {
  const a = s[i]! - 0x30;
  const b = s[i + 1]! - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** The hash of a host name that `scanShortKlog` computes from its bytes. */
export function textHash(t: string): number {
  let h = 0;
  for (let i = 0; i < t.length; i++) h = (Math.imul(h, 31) + t.charCodeAt(i)) | 0;
  return h;
}

/** The byte at i of a line ending at n, or -1 past its end (never the next line's bytes). */
const at = (s: Uint8Array, i: number, n: number): number => (i < n ? s[i]! : -1);

/**
 * Locate the parts of a `short`/`short-precise` journal line `s[start, end)` whose message
 * starts with a klog header. Returns false for anything else (other formats, markers, JSON,
 * NUL bytes in the envelope, systemd's own lines, a `.service` identifier, no header at
 * offset 0, a byte from 0x80 outside the month token).
 */
export function scanShortKlog(s: Uint8Array, start: number, end: number, v: ShortKlog): boolean {
  const n = end;
  let i = start;
  const c0 = at(s, i, n);
  // `[` (monotonic), `{` (json), `-` (markers), RS (json-seq) and NUL are decoded elsewhere
  // first; a leading space is allowed by `^ ?`. A digit may lead: `10月`, `10월` (CJK locales).
  // short-iso and short-unix, which the decoder tries first on a digit, cannot match a line
  // this accepts with a month (their first field, `2017-10-16T…` or `1508118655.056703`, names
  // none, and the caller resolves the token with the same monthFromToken).
  if (c0 === 0x20) i++;
  else if (c0 === 0x5b || c0 === 0x7b || c0 === 0x2d || c0 === 0x1e || c0 <= 0) return false;
  // month token: `\S+` (bytes from 0x80 allowed: the caller decodes and checks the token)
  v.tokenStart = i;
  while (i < n) {
    const c = s[i]!;
    if (c === 0 || isSpace(c)) break;
    i++;
  }
  if (i === v.tokenStart || at(s, i, n) !== 0x20) return false;
  v.tokenEnd = i;
  while (at(s, i, n) === 0x20) i++;
  // day `\d{1,2} `
  let day = at(s, i, n) - 0x30;
  if (!(day >= 0 && day <= 9)) return false;
  i++;
  const d2 = at(s, i, n) - 0x30;
  if (d2 >= 0 && d2 <= 9) {
    day = day * 10 + d2;
    i++;
  }
  if (at(s, i, n) !== 0x20) return false;
  i++;
  // `hh:mm:ss`
  if (i + 8 > n) return false;
  const hh = two(s, i);
  const mm = two(s, i + 3);
  const ss = two(s, i + 6);
  if (hh < 0 || mm < 0 || ss < 0 || s[i + 2] !== 0x3a || s[i + 5] !== 0x3a) return false;
  i += 8;
  v.micros = -1;
  if (at(s, i, n) === 0x2e) {
    // `(?:\.(\d{1,6}))?` then a space; padded to microseconds like `micros()`
    let j = i + 1;
    let us = 0;
    while (j < n && j - i <= 6 && isDigit(s[j]!)) us = us * 10 + (s[j++]! - 0x30);
    const digits = j - i - 1;
    if (digits === 0 || digits > 6) return false;
    for (let k = digits; k < 6; k++) us *= 10;
    v.micros = us;
    i = j;
  }
  if (at(s, i, n) !== 0x20) return false;
  i++;
  v.day = day;
  v.hour = hh;
  v.minute = mm;
  v.second = ss;
  // host `\S+` then one space (ASCII)
  v.hostStart = i;
  let h = 0;
  while (i < n) {
    const c = s[i]!;
    if ((ENDS[c]! & 1) !== 0) break;
    h = (Math.imul(h, 31) + c) | 0;
    i++;
  }
  v.hostHash = h;
  if (i === v.hostStart || at(s, i, n) !== 0x20) return false;
  v.hostEnd = i;
  i++;
  // `ident[pid]: ` — the first `[`, `:` or space decides (TAIL's lazy identifier
  // cannot end earlier: no `:` or `[` before it)
  v.identStart = i;
  while (i < n) {
    const c = s[i]!;
    if ((ENDS[c]! & 2) !== 0) break;
    i++;
  }
  if (i === v.identStart) return false;
  v.identEnd = i;
  if (at(s, i, n) === 0x5b) {
    i++;
    const p0 = i;
    while (isDigit(at(s, i, n))) i++;
    if (i === p0 || at(s, i, n) !== 0x5d) return false;
    i++;
  }
  if (at(s, i, n) !== 0x3a || at(s, i + 1, n) !== 0x20) return false;
  i += 2;
  // systemd's own lines and `.service` identifiers (with-unit) take the full path
  if (identIs(s, v, SYSTEMD) || identIs(s, v, JOURNALD) || identIs(s, v, INIT_SCOPE)) return false;
  if (v.identEnd - v.identStart >= 8 && bytesAre(s, v.identEnd - 8, SERVICE)) return false;
  v.msgStart = i;
  return scanHeader(s, i, n, v);
}

const ascii = (t: string) => Uint8Array.from(t, (ch) => ch.charCodeAt(0));
const SYSTEMD = ascii('systemd');
const JOURNALD = ascii('systemd-journald');
const INIT_SCOPE = ascii('init.scope');
const SERVICE = ascii('.service');

/** Do the bytes at i equal the first `n` bytes of `t` (all of it by default)? */
export function bytesAre(s: Uint8Array, i: number, t: Uint8Array, n = t.length): boolean {
  for (let k = 0; k < n; k++) if (s[i + k] !== t[k]) return false;
  return true;
}

function identIs(s: Uint8Array, v: ShortKlog, name: Uint8Array): boolean {
  return v.identEnd - v.identStart === name.length && bytesAre(s, v.identStart, name);
}

/** `[IWEF]mmdd hh:mm:ss.uuuuuu +(\d+) file:line] ` at offset i (klog/decode.ts HEADER). */
function scanHeader(s: Uint8Array, i: number, n: number, v: ShortKlog): boolean {
  if (i + 22 > n) return false;
  const sev = s[i]!;
  if (sev !== 0x49 && sev !== 0x57 && sev !== 0x45 && sev !== 0x46) return false;
  const mo = two(s, i + 1);
  const dd = two(s, i + 3);
  if (mo < 0 || dd < 0 || s[i + 5] !== 0x20) return false;
  const hh = two(s, i + 6);
  const mi = two(s, i + 9);
  if (hh < 0 || s[i + 8] !== 0x3a || mi < 0 || s[i + 11] !== 0x3a) return false;
  const sec = two(s, i + 12);
  if (sec < 0 || s[i + 14] !== 0x2e) return false;
  let us = 0;
  for (let k = i + 15; k < i + 21; k++) {
    const d = s[k]! - 0x30;
    if (!(d >= 0 && d <= 9)) return false;
    us = us * 10 + d;
  }
  i += 21;
  if (s[i] !== 0x20) return false;
  while (at(s, i, n) === 0x20) i++;
  const p0 = i;
  let pid = 0;
  while (isDigit(at(s, i, n))) pid = pid * 10 + (s[i++]! - 0x30);
  // a thread id too long for exact arithmetic is left to the full path
  if (i === p0 || i - p0 > 15 || at(s, i, n) !== 0x20) return false;
  i++;
  const f0 = i;
  while (i < n) {
    const c = s[i]!;
    if ((ENDS[c]! & 4) !== 0) break;
    i++;
  }
  // (a NUL byte makes the whole line undecodable: full path)
  if (i === f0 || at(s, i, n) !== 0x3a) return false;
  v.fileStart = f0;
  v.fileEnd = i;
  i++;
  const l0 = i;
  while (isDigit(at(s, i, n))) i++;
  if (i === l0 || at(s, i, n) !== 0x5d || at(s, i + 1, n) !== 0x20) return false;
  v.kSev = sev;
  v.kMonth = mo;
  v.kDay = dd;
  v.kHour = hh;
  v.kMinute = mi;
  v.kSecond = sec;
  v.kMicros = us;
  v.kPid = pid;
  v.textStart = i + 2;
  return true;
}
