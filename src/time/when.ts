/**
 * `--since` / `--until` values, the way journalctl takes them (systemd.time(7)):
 * absolute times (`2017-10-16 09:50:55`, ISO 8601 with or without an offset),
 * the words `now`, `today`, `yesterday`, `tomorrow`, and relative spans
 * (`2h ago`, `30 min ago`, `-1h30m`, `+15min`). Pure: the clock and the zone
 * are arguments (the CLI passes `io.now()` and `--timezone`).
 */
import { utcToWall, wallToUtc, type Zone } from './zone.js';

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

const ABS = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|[+-]\d\d:?\d\d)?$/i;
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
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) throw bad(input);
    const off = a[8];
    if (off) {
      const base = Date.UTC(y, mo - 1, d, h, mi, se, frac);
      if (/^(?:z|utc)$/i.test(off)) return base;
      const o = /^([+-])(\d\d):?(\d\d)$/.exec(off)!;
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
    `cannot read "${input}" as a time: use "2017-10-16 09:50:55" (in --timezone), ISO 8601 such as 2017-10-16T01:50:55Z, "2h ago", "30 min ago", "-1h", "today", "yesterday" or "now"`,
  );
}
