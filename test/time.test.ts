/** Years and zones: the core never reads the clock or the machine's zone. */
import { describe, expect, it } from 'vitest';
import { newYearState, yearFor } from '../src/time/year.js';
import { wallToUtc, utcToWall, zone } from '../src/time/zone.js';

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
