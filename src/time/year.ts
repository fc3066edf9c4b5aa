/**
 * Years for year-less timestamps (journalctl `short`, klog headers).
 *
 * With `--year`, the first year-less entry is in that year. Without it, the
 * year is inferred: the newest year that does not put the entry in the future
 * of `now` (passed in, never read here). Later entries roll over to the next
 * year when the month goes back by six or more (Dec → Jan). An entry that
 * carries its own year (short-iso, json) re-anchors the sequence. A year is never inferred
 * so that Feb 29 falls in a year without one (that would show it as Mar 1); where a given or
 * carried-on year has no Feb 29, the state counts it for the report to say.
 */

export interface YearState {
  year: number | undefined;
  lastMonth: number;
  /** true once a year had to be guessed (reported in the output) */
  inferred: boolean;
  /**
   * Feb 29 readings in a year without one (given by --year, or carried on from a dated entry
   * or a roll-over): `Date.UTC` shows them on Mar 1, so the report must say so
   */
  noLeapDay: number;
  /** the first such year */
  noLeapYear: number | undefined;
  /** the year given to the first year-less entry (by --year or inferred): undefined while none came, or when the entries carried on from a dated one */
  first: number | undefined;
}

export function newYearState(): YearState {
  return { year: undefined, lastMonth: 0, inferred: false, noLeapDay: 0, noLeapYear: undefined, first: undefined };
}

/** Gregorian leap year. */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export interface YearOptions {
  /** `--year`: the year of the first entry */
  readonly year?: number;
  /** the CLI's clock, epoch ms; needed only when `year` is not given */
  readonly now?: number;
  /**
   * The journal's own span, when the input states it (`-- Logs begin at Mon 2019-02-25 03:08:44
   * CST, end at … --`, which journalctl printed before systemd 250): the dates (UTC midnight,
   * epoch ms) of its first and last entries. A year-less entry is placed inside it.
   */
  readonly span?: { readonly from: number; readonly until: number | undefined };
}

const DAY = 86_400_000;

/** The year of a year-less (month, day) reading; updates the state. */
export function yearFor(state: YearState, month: number, day: number, opts: YearOptions): number {
  if (state.year === undefined) {
    if (opts.year !== undefined) state.year = opts.year;
    else {
      const span = opts.span;
      let y: number;
      if (span !== undefined && span.until === undefined) {
        // only the start is stated: the first such date on or after it (a day of slack for the zone)
        y = new Date(span.from).getUTCFullYear();
        if (Date.UTC(y, month - 1, day) < span.from - DAY) y += 1;
        if (month === 2 && day === 29) while (!isLeapYear(y)) y += 1;
      } else {
        // the newest such date that is not after the journal's end, or the clock's now
        const end = span?.until ?? opts.now ?? Date.UTC(2100, 0, 1);
        // (a journal's end may be a year's last day: the next year's first is within the slack)
        y = new Date(span?.until !== undefined ? end + DAY : end).getUTCFullYear();
        // One day of slack for zones ahead of UTC.
        if (Date.UTC(y, month - 1, day) > end + DAY) y -= 1;
        // Feb 29 says the year is a leap year: the newest one that does not put it in the future.
        if (month === 2 && day === 29) while (!isLeapYear(y)) y -= 1;
      }
      state.year = y;
      // (inside a stated span shorter than a year, only one year fits: no guess)
      state.inferred = !(
        span?.until !== undefined &&
        Date.UTC(y, month - 1, day) >= span.from - DAY &&
        Date.UTC(y - 1, month - 1, day) < span.from - DAY
      );
    }
    state.first = state.year;
  } else if (state.lastMonth - month >= 6) {
    state.year += 1;
  }
  state.lastMonth = month;
  if (month === 2 && day === 29 && !isLeapYear(state.year)) {
    state.noLeapDay++;
    state.noLeapYear ??= state.year;
  }
  return state.year;
}

/**
 * The zone journalctl printed a `-- Logs begin at … --` marker's times in (`CEST`, `+0430`): the
 * zone of the stamps after it; undefined when the marker names none.
 */
export function journalZone(detail: string): string | undefined {
  return /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ([^\s,.]+)/.exec(detail)?.[1];
}

/** The span a `-- Logs begin at … --` / `-- Journal begins at … --` marker states (its detail), or undefined. */
export function journalSpan(detail: string): YearOptions['span'] {
  const dates = [...detail.matchAll(/\b(\d{4})-(\d\d)-(\d\d)\b/g)].map((m) => dateMs(+m[1]!, +m[2]!, +m[3]!));
  const from = dates[0];
  if (from === undefined || Number.isNaN(from)) return undefined;
  const until = dates[1];
  return { from, until: until !== undefined && until >= from ? until : undefined };
}

/** UTC midnight of a date a clock can have written (1970–2200, a real month and day), else NaN. */
export function dateMs(year: number, month: number, day: number): number {
  if (!(year >= 1970 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return NaN;
  return Date.UTC(year, month - 1, day);
}

/** An entry with its own year: the sequence continues from it. */
export function anchorYear(state: YearState, year: number, month: number): void {
  state.year = year;
  state.lastMonth = month;
}
