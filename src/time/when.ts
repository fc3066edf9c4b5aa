/**
 * `--since` / `--until` values, the way journalctl takes them (systemd.time(7)):
 * absolute times (`2017-10-16 09:50:55`, ISO 8601 with or without an offset, with an
 * optional weekday that must match, `Mon 2017-10-16 09:50:55`, and an optional zone,
 * `… UTC`, `… Europe/Berlin`), `@EPOCH` seconds, the words `now`, `today`, `yesterday`,
 * `tomorrow`, and relative spans (`2h ago`, `30 min ago`, `-1h30m`, `+15min`). Pure: the
 * clock and the zone are arguments (the CLI passes `io.now()` and `--timezone`).
 */
import { isDateMs, utcToWall, wallToUtc, zone, type Zone } from './zone.js';

export interface WhenContext {
  /** the current instant, epoch ms */
  readonly now: number;
  /** the zone wall times without an offset are read in */
  readonly zone: Zone;
}

/** systemd.time(7) span units → milliseconds. */
const UNITS: ReadonlyArray<[RegExp, number]> = [
  [/^(?:us|usec|µs)$/, 0.001],
  [/^(?:ms|msec)$/, 1],
  [/^(?:s|sec|secs|second|seconds)$/, 1000],
  [/^(?:m|min|mins|minute|minutes)$/, 60_000],
  [/^(?:h|hr|hrs|hour|hours)$/, 3_600_000],
  [/^(?:d|day|days)$/, 86_400_000],
  [/^(?:w|week|weeks)$/, 7 * 86_400_000],
  // systemd's month and year are fixed lengths: 30.44 and 365.25 days.
  [/^(?:M|month|months)$/, 2_629_800_000],
  [/^(?:y|year|years)$/, 31_557_600_000],
];

/** `1h 30min` → ms, or NaN. A bare number is seconds, as in systemd. */
export function spanMs(s: string): number {
  const t = s.trim();
  if (/^\d+(?:\.\d+)?$/.test(t)) return Number(t) * 1000;
  const re = /(\d+(?:\.\d+)?)\s*([a-zA-Zµ]+)\s*/gy;
  let total = 0;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(t)) !== null) {
    const unit = UNITS.find(([u]) => u.test(m![2]!) || u.test(m![2]!.toLowerCase()));
    if (!unit) return NaN;
    total += Number(m[1]) * unit[1];
    end = re.lastIndex;
  }
  return end === t.length && end > 0 ? total : NaN;
}

/** Midnight (wall time in `z`) of the day `ms` falls on, plus `days`. */
function midnight(z: Zone, ms: number, days: number): number {
  const w = utcToWall(z, ms);
  // Date.UTC carries a day past the month's end into the next month (and back)
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return wallToUtc(z, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 0, 0, 0);
}

const ABS = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d\d:?\d\d)?$/i;
/** systemd's weekday prefix, English, short or long (`Wed`, `Wednesday`), as journalctl prints and takes it */
const WEEKDAY = /^(mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?,?\s+(?=\d)/i;
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** a zone after the time: an IANA name (`Europe/Berlin`) */
const ZONE_SUFFIX = /\s+([A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)+)$/;
const EPOCH = /^@(\d+(?:\.\d+)?)$/;
const CLOCK = /^(\d\d):(\d\d)(?::(\d\d))?$/;

/**
 * Parse a `--since`/`--until` value to UTC epoch ms. Throws a `RangeError`
 * whose message says what is accepted.
 */
export function parseWhen(input: string, ctx: WhenContext): number {
  const s = input.trim();
  const { now, zone: z } = ctx;
  switch (s.toLowerCase()) {
    case 'now':
      return now;
    case 'today':
      return midnight(z, now, 0);
    case 'yesterday':
      return midnight(z, now, -1);
    case 'tomorrow':
      return midnight(z, now, 1);
  }
  const ago = /^(.+?)\s+ago$/i.exec(s);
  if (ago) {
    const ms = spanMs(ago[1]!);
    if (Number.isFinite(ms)) return now - ms;
  }
  if (/^[+-]/.test(s)) {
    const ms = spanMs(s.slice(1));
    if (Number.isFinite(ms)) return s.startsWith('-') ? now - ms : now + ms;
  }
  const e = EPOCH.exec(s);
  if (e) {
    const ms = Number(e[1]) * 1000;
    if (isDateMs(ms)) return ms;
    throw bad(input);
  }
  return absolute(input, s, ctx);
}

/** An absolute time, with its optional weekday and zone; a bare time of day is today. */
function absolute(input: string, text: string, { now, zone: defaultZone }: WhenContext): number {
  let s = text;
  const wd = WEEKDAY.exec(s);
  if (wd) s = s.slice(wd[0].length);
  let z = defaultZone;
  const zs = ZONE_SUFFIX.exec(s);
  if (zs) {
    try {
      z = zone(zs[1]!);
    } catch {
      throw bad(input);
    }
    s = s.slice(0, zs.index);
  }
  const at = wall(input, s, now, z);
  if (wd) {
    // journalctl refuses a weekday that is not the date's; so does this
    const w = utcToWall(z, at);
    const day = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
    if (DAYS[day] !== wd[1]!.toLowerCase()) {
      throw new RangeError(
        `"${input}": ${s.trim().slice(0, 10)} is a ${['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][day]}, not ${wd[1]}`,
      );
    }
  }
  return at;
}

function wall(input: string, s: string, now: number, z: Zone): number {
  const a = ABS.exec(s);
  if (a) {
    const [y, mo, d, h, mi, se] = [a[1], a[2], a[3], a[4], a[5], a[6]].map((x) => Number(x ?? 0)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const frac = a[7] ? Number(`0.${a[7]}`) * 1000 : 0;
    // (Date.UTC would carry Feb 31 into March; journalctl refuses it)
    const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    if (mo < 1 || mo > 12 || d < 1 || d > days || h > 23 || mi > 59 || se > 60) throw bad(input);
    const off = a[8];
    if (off) {
      const base = Date.UTC(y, mo - 1, d, h, mi, se, frac);
      if (/^(?:z|utc|gmt)$/i.test(off)) return base;
      const o = /^([+-])(\d\d):?(\d\d)$/.exec(off)!;
      if (Number(o[3]) > 59 || Number(o[2]) * 60 + Number(o[3]) > 14 * 60) throw bad(input);
      const minutes = (o[1] === '-' ? -1 : 1) * (Number(o[2]) * 60 + Number(o[3]));
      return base - minutes * 60_000;
    }
    return wallToUtc(z, y, mo, d, h, mi, se, frac);
  }
  const c = CLOCK.exec(s);
  if (c) {
    // journalctl: a bare time of day means today.
    const w = utcToWall(z, now);
    return wallToUtc(z, w.year, w.month, w.day, Number(c[1]), Number(c[2]), Number(c[3] ?? 0));
  }
  throw bad(input);
}

function bad(input: string): RangeError {
  return new RangeError(
    `cannot read "${input}" as a time: use "2017-10-16 09:50:55" (in --timezone), "2017-10-16 01:50:55 UTC", ISO 8601 such as 2017-10-16T01:50:55Z, "@1508118655", "2h ago", "30 min ago", "-1h", "today", "yesterday" or "now"`,
  );
}
