/**
 * A record's time, in whichever form its store wrote it, as the journal decoder's `Stamp`.
 *
 * Stores keep the journal's receive time at their own precision (docs/log-stores.md):
 *   unix ns as a string      Loki query_range `values`: `"1729072255056821000"` (beyond 2^53)
 *   unix µs as a string      `__REALTIME_TIMESTAMP` (Vector keeps it as is)
 *   unix ms as a number      CloudWatch `timestamp`, ES `sort` values
 *   unix s (with a fraction) Fluent Bit's `date`
 *   RFC3339 / ISO 8601       logcli (0–9 fraction digits, any offset), gcloud, Vector, ES `@timestamp`
 *                            (ms), Azure `TimeGenerated` (7 digits), Fluentd out_file (`+09:00`, seconds)
 * A digit string is read by its length (10–11 digits seconds, 12–14 ms, 15–17 µs, 18–20 ns: the
 * years 2001–2286), split before it becomes a Number so that no µs digit is lost on the way.
 * A date and time without a zone is a wall time, resolved in `--timezone` like a `short` stamp.
 */
import type { Stamp } from '../journal/decode.js';

const ISO = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d+))?)? ?(Z|z|[+-]\d\d(?::?\d\d)?|UTC|GMT)?(?: [A-Z]{3,5})?$/;
const DIGITS = /^(\d{1,20})(?:\.(\d+))?$/;

/** µs from a fraction's digits (`056821123` → 56821.123). */
function fractionMicros(frac: string): number {
  const us = Number(frac.slice(0, 6).padEnd(6, '0'));
  return frac.length > 6 ? us + Number(`0.${frac.slice(6, 9)}`) : us;
}

/** Epoch ms from a decimal string of `unit` seconds (1, 1e-3, 1e-6, 1e-9), digits kept. */
function fromDigits(int: string, frac: string | undefined, decimals: number): number {
  // ms = int / 10^(decimals-3): the last (decimals-3) digits of `int` are the fraction of a ms
  const cut = decimals - 3;
  if (cut <= 0) {
    const ms = Number(int) * 10 ** -cut;
    return frac === undefined ? ms : ms + fractionMicros(frac) / 1000;
  }
  const head = int.length > cut ? int.slice(0, int.length - cut) : '0';
  const tail = int.slice(-cut).padStart(cut, '0');
  return Number(head) + Number(`0.${tail}`);
}

/** How many decimals of a second a unix time of this many integer digits has. */
function decimalsFor(digits: number): number | undefined {
  if (digits >= 9 && digits <= 11) return 0;
  if (digits >= 12 && digits <= 14) return 3;
  if (digits >= 15 && digits <= 17) return 6;
  if (digits >= 18 && digits <= 20) return 9;
  return undefined;
}

/** `+0800`, `+08:00`, `+08`, `Z` → minutes east of UTC. */
function offsetMinutes(s: string): number {
  if (s === 'Z' || s === 'z' || s === 'UTC' || s === 'GMT') return 0;
  const sign = s[0] === '-' ? -1 : 1;
  const d = s.slice(1).replace(':', '');
  return sign * (Number(d.slice(0, 2)) * 60 + (d.length > 2 ? Number(d.slice(2, 4)) : 0));
}

/** A record's time value → a stamp, or undefined when it is none of the forms above. */
export function stampOf(v: unknown): Stamp | undefined {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v <= 0) return undefined;
    const decimals = decimalsFor(Math.floor(v).toString().length);
    if (decimals === undefined) return undefined;
    return { kind: 'instant', ms: v * 10 ** (3 - decimals), precise: decimals > 0 || !Number.isInteger(v) };
  }
  if (typeof v !== 'string' || v.length === 0 || v.length > 40) return undefined;
  const d = DIGITS.exec(v);
  if (d) {
    const decimals = decimalsFor(d[1]!.length);
    if (decimals === undefined) return undefined;
    return { kind: 'instant', ms: fromDigits(d[1]!, d[2], decimals), precise: decimals > 0 || d[2] !== undefined };
  }
  return rfc3339(v) ?? isoStamp(v);
}

/** A date and time (ISO 8601, RFC 3339 and the like: see `ISO`) → a stamp, or undefined. */
export function isoStamp(v: string): Stamp | undefined {
  const m = ISO.exec(v);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!];
  const second = m[6] !== undefined ? +m[6] : 0;
  const frac = m[7];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const zone = m[8];
  if (zone === undefined) {
    return {
      kind: 'wall',
      year,
      month,
      day,
      hour,
      minute,
      second,
      ...(frac !== undefined ? { micros: Math.floor(fractionMicros(frac)) } : {}),
    };
  }
  const ms =
    Date.UTC(year, month - 1, day, hour, minute, second) -
    offsetMinutes(zone) * 60_000 +
    (frac !== undefined ? fractionMicros(frac) / 1000 : 0);
  return { kind: 'instant', ms, precise: frac !== undefined };
}

/** The digit at `b[i]`, or -100 for anything else (past the end of `b` too). */
const digit = (b: Uint8Array, i: number) => {
  const d = b[i]! - 0x30;
  return d >= 0 && d <= 9 ? d : -100;
};
const two = (b: Uint8Array, i: number) => digit(b, i) * 10 + digit(b, i + 1);

/** The longest value `rfc3339At` reads: 19 characters, a dot and 9 digits, an offset of 6. */
const RFC3339_MAX = 35;
const SCRATCH = new Uint8Array(RFC3339_MAX);

/**
 * The common shape of a store's time, `2024-10-16T09:50:55.056821Z` or `…+08:00` (Loki, Elasticsearch,
 * Vector, gcloud), read without the regex; undefined for any other (`ISO` reads those, and this
 * reads nothing it would read otherwise). The value's characters are read as `rfc3339At` reads
 * bytes (one that is not ASCII is in no such time).
 */
export function rfc3339(v: string): Stamp | undefined {
  const n = v.length;
  if (n > RFC3339_MAX) return undefined;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c > 0x7f) return undefined;
    SCRATCH[i] = c;
  }
  const ms = rfc3339At(SCRATCH, 0, n);
  return Number.isNaN(ms) ? undefined : { kind: 'instant', ms, precise: SCRATCH[19] === 0x2e };
}

/**
 * `rfc3339` on the bytes `b[s, e)` (a record's value read in place, no string made): epoch ms,
 * or NaN when they are not in that shape. The time is precise when it has a fraction, that is
 * when `b[s + 19]` is a dot.
 */
export function rfc3339At(b: Uint8Array, s: number, e: number): number {
  // (bytes are read past `e` only by the fraction's loop, and a value read that far has no
  // zone at `e - 1` or `e - 6`: it is none)
  if (e - s < 20 || b[s + 4] !== 0x2d || b[s + 7] !== 0x2d || b[s + 10] !== 0x54) return NaN;
  if (b[s + 13] !== 0x3a || b[s + 16] !== 0x3a) return NaN;
  const century = two(b, s);
  const yy = two(b, s + 2);
  if (century < 0 || yy < 0) return NaN;
  const year = century * 100 + yy;
  const month = two(b, s + 5);
  const day = two(b, s + 8);
  const hour = two(b, s + 11);
  const minute = two(b, s + 14);
  const second = two(b, s + 17);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60)
    return NaN;
  let i = s + 19;
  let us = 0;
  // (digits past the µs, as fractionMicros reads them: their integer over a power of ten)
  let sub = 0;
  let digits = 0;
  if (b[i] === 0x2e) {
    i++;
    while (digits < 9 && digit(b, i) >= 0) {
      if (digits < 6) us = us * 10 + digit(b, i);
      else sub = sub * 10 + digit(b, i);
      digits++;
      i++;
    }
    if (digits === 0 || digit(b, i) >= 0) return NaN;
    for (let k = digits; k < 6; k++) us *= 10;
    if (digits > 6) us += sub / 10 ** (digits - 6);
  }
  let offset: number;
  if (i === e - 1 && b[i] === 0x5a) offset = 0;
  else if (i === e - 6 && (b[i] === 0x2b || b[i] === 0x2d) && b[i + 3] === 0x3a) {
    const h = two(b, i + 1);
    const m = two(b, i + 4);
    if (h < 0 || m < 0) return NaN;
    offset = (b[i] === 0x2d ? -1 : 1) * (h * 60 + m);
  } else return NaN;
  // (Date.UTC once an hour: a store's records come seconds apart, and the sum is exact in integers)
  const hourKey = ((year * 16 + month) * 32 + day) * 32 + hour;
  if (hourKey !== lastHourKey) {
    lastHourKey = hourKey;
    lastHourMs = Date.UTC(year, month - 1, day, hour);
  }
  return lastHourMs + minute * 60_000 + second * 1000 - offset * 60_000 + (digits > 0 ? us / 1000 : 0);
}
let lastHourKey = -1;
let lastHourMs = 0;
