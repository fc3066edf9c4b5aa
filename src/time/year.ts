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
}

/** The year of a year-less (month, day) reading; updates the state. */
export function yearFor(state: YearState, month: number, day: number, opts: YearOptions): number {
  if (state.year === undefined) {
    if (opts.year !== undefined) state.year = opts.year;
    else {
      const now = new Date(opts.now ?? Date.UTC(2100, 0, 1));
      let y = now.getUTCFullYear();
      // One day of slack for zones ahead of UTC.
      if (Date.UTC(y, month - 1, day) > now.getTime() + 86_400_000) y -= 1;
      // Feb 29 says the year is a leap year: the newest one that does not put it in the future.
      if (month === 2 && day === 29) while (!isLeapYear(y)) y -= 1;
      state.year = y;
      state.inferred = true;
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

/** An entry with its own year: the sequence continues from it. */
export function anchorYear(state: YearState, year: number, month: number): void {
  state.year = year;
  state.lastMonth = month;
}
