/**
 * Zones without reading the machine's: the zone is always an argument.
 * Accepts `UTC`, fixed offsets (`+08:00`, `-0500`, `Z`) and IANA names
 * (`Asia/Shanghai`), the latter through Intl, with offsets cached per hour.
 */

export interface Zone {
  readonly name: string;
  /** minutes east of UTC at the given instant */
  offsetAt(ms: number): number;
}

const FIXED = /^(?:UTC|GMT|Z)?([+-])(\d\d):?(\d\d)?$/;

/** Build a zone, or throw a `RangeError` naming the bad value (for the CLI). */
export function zone(name: string): Zone {
  if (name === 'UTC' || name === 'Z' || name === 'GMT' || name === 'Etc/UTC') return fixed('UTC', 0);
  const f = FIXED.exec(name);
  if (f) {
    const h = Number(f[2]);
    const m = Number(f[3] ?? 0);
    // the zones of the world run from -12:00 to +14:00; journalctl (systemd) takes ±14:00 with minutes below 60
    if (m > 59 || h * 60 + m > 14 * 60) {
      throw new RangeError(
        `offset "${name}" is not a time zone: offsets run from -14:00 to +14:00, minutes 00-59 (such as +08:00, -05:30)`,
      );
    }
    return fixed(name, (f[1] === '-' ? -1 : 1) * (h * 60 + m));
  }
  let dtf: Intl.DateTimeFormat;
  try {
    dtf = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new RangeError(`unknown time zone "${name}": use an IANA name such as Asia/Shanghai, UTC, or an offset such as +08:00`);
  }
  const cache = new Map<number, number>();
  return {
    name,
    offsetAt(ms: number): number {
      // Offsets change on the quarter hour at most; cache per 15 minutes.
      const key = Math.floor(ms / 900_000);
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      const parts = dtf.formatToParts(new Date(key * 900_000));
      const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
      const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
      const off = Math.round((asUtc - key * 900_000) / 60_000);
      if (cache.size > 50_000) cache.clear();
      cache.set(key, off);
      return off;
    },
  };
}

function fixed(name: string, off: number): Zone {
  return { name, offsetAt: () => off };
}

/**
 * Wall-clock time in `z` → UTC epoch ms: one reading of it (in a DST gap, the time shifted by
 * the gap; in the repeated hour of a fall-back, either pass: see `wallReadings`).
 */
export function wallToUtc(z: Zone, year: number, month: number, day: number, hour: number, minute: number, second: number, ms = 0): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const first = asUtc - z.offsetAt(asUtc) * 60_000;
  const second2 = asUtc - z.offsetAt(first) * 60_000;
  return second2;
}

/** An offset change is at most this far from a wall time it makes ambiguous (the largest DST step is 2 h). */
const PROBE_MS = 3 * 3_600_000;

/**
 * Both readings of a wall-clock time in `z`, earlier first: the same instant twice unless the
 * time falls in the repeated hour of a DST fall-back (`01:30` on the night New York goes from
 * EDT back to EST is 05:30Z and 06:30Z).
 */
export function wallReadings(
  z: Zone,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms = 0,
): readonly [number, number] {
  const x = wallToUtc(z, year, month, day, hour, minute, second, ms);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  let lo = x;
  let hi = x;
  // another offset in force a few hours either side that also reads this wall time
  for (const probe of [x - PROBE_MS, x + PROBE_MS]) {
    const o = z.offsetAt(probe);
    const c = asUtc - o * 60_000;
    if (c !== x && z.offsetAt(c) === o) {
      if (c < lo) lo = c;
      if (c > hi) hi = c;
    }
  }
  return [lo, hi];
}

/**
 * Wall-clock time in `z` → UTC epoch ms, the repeated hour of a fall-back read as a careful
 * reader does, by the order of lines: the reading nearest `near` (the line before's instant);
 * with no line before (NaN), the earlier one, as a journal runs forward and meets the first
 * pass first.
 */
export function wallToUtcNear(
  z: Zone,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  near: number,
  ms = 0,
): number {
  const [lo, hi] = wallReadings(z, year, month, day, hour, minute, second, ms);
  if (lo === hi || !Number.isFinite(near)) return lo;
  return Math.abs(hi - near) < Math.abs(lo - near) ? hi : lo;
}

export interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** minutes east of UTC */
  offset: number;
}

/** UTC instant → wall-clock parts in `z`. */
export function utcToWall(z: Zone, ms: number): WallParts {
  const offset = z.offsetAt(ms);
  const d = new Date(ms + offset * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
    offset,
  };
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** `+08:00` */
export function formatOffset(min: number): string {
  const s = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${s}${p2(Math.floor(a / 60))}:${p2(a % 60)}`;
}

/** `2017-10-16 09:50:55` in the zone (seconds precision). */
export function formatWall(z: Zone, ms: number, withSeconds = true): string {
  const w = utcToWall(z, ms);
  const base = `${w.year}-${p2(w.month)}-${p2(w.day)} ${p2(w.hour)}:${p2(w.minute)}`;
  return withSeconds ? `${base}:${p2(w.second)}` : base;
}

/**
 * The instants a journal entry can have: years 0000 to 9999. JavaScript's dates reach
 * further (±275,760 years) but no clock writes those, and ISO 8601 / RFC 3339 (the report's
 * times) has four-digit years; beyond ±8.64e15 ms `Date` has no time at all (`Invalid
 * Date`, `NaN-NaN-NaN`). Decoders skip entries whose stamp is outside (an extra digit in
 * `__REALTIME_TIMESTAMP`, a `ts` of 1e400).
 */
export const MIN_MS = -62_167_219_200_000; // 0000-01-01T00:00:00Z
export const MAX_MS = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

/** An instant in the range above (false for NaN and ±Infinity). */
export function isDateMs(ms: number): boolean {
  return ms >= MIN_MS && ms <= MAX_MS;
}

/** ISO 8601 UTC with milliseconds, ending in `Z`. (Callers pass instants in range: `isDateMs`.) */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Zone abbreviations strftime's `%Z` prints that name one offset wherever they are used (CST,
 * IST, BST … name several and are left out), in minutes east of UTC.
 */
const ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  WEST: 60,
  CET: 60,
  CEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  EST: -300,
  EDT: -240,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  JST: 540,
  KST: 540,
  HKT: 480,
  SGT: 480,
  PHT: 480,
  WIB: 420,
  PKT: 300,
  AEST: 600,
  AEDT: 660,
  ACST: 570,
  ACDT: 630,
  AWST: 480,
  NZST: 720,
  NZDT: 780,
  SAST: 120,
};

/**
 * The offset a zone token as `%Z` prints it names (`CEST`, `+01`, `+0430`, `-05:30`), in minutes
 * east of UTC; undefined when it names none or several.
 */
export function tokenOffset(token: string): number | undefined {
  const n = /^([+-])(\d\d):?(\d\d)?$/.exec(token);
  if (n) {
    const min = Number(n[2]) * 60 + Number(n[3] ?? 0);
    return min <= 14 * 60 ? (n[1] === '-' ? -min : min) : undefined;
  }
  return Object.prototype.hasOwnProperty.call(ABBREVIATIONS, token) ? ABBREVIATIONS[token] : undefined;
}
