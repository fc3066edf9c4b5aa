/** Years and zones: the core never reads the clock or the machine's zone. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeapYear, journalSpan, newYearState, yearFor } from '../src/time/year.js';
import { wallToUtc, utcToWall, zone } from '../src/time/zone.js';
import { goTime } from '../src/time/go-time.js';

const NOW = Date.UTC(2026, 10, 26, 12); // 2026-11-26

describe('year inference', () => {
  it('the newest year that does not put the entry in the future', () => {
    expect(yearFor(newYearState(), 10, 16, { now: NOW })).toBe(2026);
    expect(yearFor(newYearState(), 12, 24, { now: NOW })).toBe(2025);
  });
  it('--year wins and is not "inferred"', () => {
    const s = newYearState();
    expect(yearFor(s, 10, 16, { year: 2017, now: NOW })).toBe(2017);
    expect(s.inferred).toBe(false);
  });
  it('rolls over on Dec → Jan, not on a small step back', () => {
    const s = newYearState();
    expect(yearFor(s, 12, 31, { year: 2017 })).toBe(2017);
    expect(yearFor(s, 1, 1, { year: 2017 })).toBe(2018);
    expect(yearFor(s, 1, 2, { year: 2017 })).toBe(2018);
    const t = newYearState();
    yearFor(t, 6, 1, { year: 2020 });
    expect(yearFor(t, 5, 30, { year: 2020 })).toBe(2020);
  });
});

describe('zones', () => {
  it.each([
    ['UTC', 0],
    ['+08:00', 480],
    ['-0500', -300],
    ['Asia/Shanghai', 480],
  ])('%s', (name, off) => {
    expect(zone(name).offsetAt(Date.UTC(2017, 9, 16))).toBe(off);
  });
  it('IANA zones follow DST', () => {
    const ny = zone('America/New_York');
    expect(ny.offsetAt(Date.UTC(2017, 6, 1))).toBe(-240);
    expect(ny.offsetAt(Date.UTC(2017, 0, 1))).toBe(-300);
    // 2017-03-12 03:30 EDT exists; 01:30 EST = 06:30Z
    expect(wallToUtc(ny, 2017, 3, 12, 1, 30, 0)).toBe(Date.UTC(2017, 2, 12, 6, 30));
    expect(wallToUtc(ny, 2017, 3, 12, 3, 30, 0)).toBe(Date.UTC(2017, 2, 12, 7, 30));
  });
  it('wall ↔ utc round trip in Asia/Shanghai (the seed)', () => {
    const z = zone('Asia/Shanghai');
    const ms = wallToUtc(z, 2017, 10, 16, 9, 50, 55);
    expect(ms).toBe(Date.UTC(2017, 9, 16, 1, 50, 55));
    expect(utcToWall(z, ms)).toMatchObject({ year: 2017, month: 10, day: 16, hour: 9, minute: 50, second: 55 });
  });
  it('a bad zone is a clear error', () => {
    expect(() => zone('Mars/Olympus')).toThrow(/unknown time zone "Mars\/Olympus"/);
  });
});

describe("Go's time.Time strings (the kubelet's V3 observations' stats time)", () => {
  it('reads the instant, the year and the offset as written', () => {
    expect(goTime('2019-04-11 14:25:34.570171022 +0800 CST m=+0.301067428')).toEqual({
      ms: Date.UTC(2019, 3, 11, 6, 25, 34) + 570.171022,
      year: 2019,
      offset: 480,
      text: '2019-04-11 14:25:34 +0800',
    });
    expect(goTime('2022-03-14 09:21:01 -0530 -0530')?.ms).toBe(Date.UTC(2022, 2, 14, 14, 51, 1));
    expect(goTime('2024-06-03 12:00:00.870214283 +0000 UTC')?.offset).toBe(0);
  });
  it('is nothing for what is not one', () => {
    for (const t of [
      '',
      '0001-01-01 00:00:00 +0000',
      '2019-13-11 14:25:34 +0800 CST',
      '2019-04-11 25:25:34 +0800',
      '2019-04-11 14:25:34 +1500',
      '2019-04-11T14:25:34Z',
      'yesterday',
    ])
      expect([t, goTime(t)]).toEqual([t, undefined]);
  });
});

describe("the journal's own span (`-- Logs begin at … end at … --`)", () => {
  it('is read from the markers journalctl printed (the dates; weekday and zone as printed)', () => {
    expect(journalSpan('Logs begin at Sun 2019-04-28 18:40:28 CEST, end at Sat 2019-09-14 23:56:07 CEST.')).toEqual({
      from: Date.UTC(2019, 3, 28),
      until: Date.UTC(2019, 8, 14),
    });
    expect(journalSpan('Journal begins at Mon 2021-03-01 10:00:00 UTC, ends at Tue 2021-03-02 10:00:00 UTC.')).toEqual({
      from: Date.UTC(2021, 2, 1),
      until: Date.UTC(2021, 2, 2),
    });
    // (following, journalctl prints the start alone)
    expect(journalSpan('Logs begin at Mon 2019-02-25 03:08:44 CST.')).toEqual({ from: Date.UTC(2019, 1, 25), until: undefined });
    expect(journalSpan('Logs begin at 周一 2019-02-25 03:08:44 CST, end at 周二 2019-02-26 03:08:44 CST.')?.until).toBe(
      Date.UTC(2019, 1, 26),
    );
    expect(journalSpan('Logs begin at sometime')).toBeUndefined();
    // (dates no clock writes, or an end before the start, state nothing)
    expect(journalSpan('Logs begin at Mon 0000-00-00 00:00:00 UTC, end at Tue 2019-03-05 10:20:01 UTC.')).toBeUndefined();
    expect(journalSpan('Logs begin at Mon 2019-02-25 03:08:44 UTC, end at Tue 9999-12-31 10:20:01 UTC.')?.until).toBeUndefined();
    expect(journalSpan('Logs begin at Mon 2019-02-25 03:08:44 UTC, end at Tue 2018-03-05 10:20:01 UTC.')?.until).toBeUndefined();
  });

  const DAY = 86_400_000;
  const date = fc.integer({ min: Date.UTC(2000, 0, 1) / DAY, max: Date.UTC(2035, 0, 1) / DAY }).map((d) => d * DAY);
  it('places a year-less date inside the span; a span shorter than a year leaves one year, so none is guessed', () => {
    fc.assert(
      fc.property(date, fc.nat(800), fc.nat(800), (from, length, into) => {
        const until = from + length * DAY;
        const at = new Date(from + Math.min(into, length) * DAY);
        const st = newYearState();
        const y = yearFor(st, at.getUTCMonth() + 1, at.getUTCDate(), { now: Date.UTC(2026, 10, 26), span: { from, until } });
        const fits = (year: number) => {
          const t = Date.UTC(year, at.getUTCMonth(), at.getUTCDate());
          return t >= from - DAY && t <= until + DAY;
        };
        // the newest year that puts it inside; a guess only when another one does too (Feb 29: a leap year)
        expect(fits(y)).toBe(true);
        if (at.getUTCMonth() === 1 && at.getUTCDate() === 29) expect(isLeapYear(y)).toBe(true);
        else {
          expect(fits(y + 1)).toBe(false);
          expect(st.inferred).toBe(fits(y - 1));
        }
        if (length < 364) expect([y, st.inferred]).toEqual([at.getUTCFullYear(), false]);
      }),
      { numRuns: 3000 },
    );
    // (found by it: a journal that ends on a year's last day, and a stamp of the next year's first,
    // within the day of slack)
    const st = newYearState();
    const span = { from: Date.UTC(2034, 11, 26), until: Date.UTC(2036, 11, 31) };
    expect([yearFor(st, 1, 1, { now: Date.UTC(2026, 10, 26), span }), st.inferred]).toEqual([2037, true]);
  });

  it('with the start alone, the first such date on or after it (still a guess)', () => {
    fc.assert(
      fc.property(date, fc.nat(363), (from, into) => {
        const at = new Date(from + into * DAY);
        const st = newYearState();
        const y = yearFor(st, at.getUTCMonth() + 1, at.getUTCDate(), { now: Date.UTC(2026, 10, 26), span: { from, until: undefined } });
        if (!(at.getUTCMonth() === 1 && at.getUTCDate() === 29)) expect(y).toBe(at.getUTCFullYear());
        expect(st.inferred).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
