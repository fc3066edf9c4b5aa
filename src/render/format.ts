/** Small formatting helpers shared by the renderers. */
import { formatOffset, formatWall, isDateMs, isoUtc, utcToWall, type Zone } from '../time/zone.js';
import type { Incident, KubeletStart, KubeletStop } from '../timeline/model.js';

/** `10h 55m`, `9d 2h`, `45s`: the two largest units. */
export function duration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return '0s';
  // Plain arithmetic (an incident's length is elapsed time, not calendar time);
  // date-fns' intervalToDuration cost seconds on 10,000 incidents.
  const total = Math.floor(ms / 1000);
  const parts: Array<[number, string]> = [
    [Math.floor(total / 86_400), 'd'],
    [Math.floor((total % 86_400) / 3600), 'h'],
    [Math.floor((total % 3600) / 60), 'm'],
    [total % 60, 's'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, u]) => `${n}${u}`)
    .join(' ');
}

/**
 * ISO UTC, or null when the journal gave no time. (An instant outside any date never gets
 * here, the decoders skip its entry; should one, it is null, not a thrown RangeError.)
 */
export function isoOrNull(ms: number): string | null {
  return isDateMs(ms) ? isoUtc(ms) : null;
}

/** Wall time in the display zone, or `(no time)`. */
export function wall(z: Zone, ms: number): string {
  return isDateMs(ms) ? formatWall(z, ms) : '(no time)';
}

/** `HH:MM:SS` when `ms` is on the same day as `ref`, else the full wall time. */
export function wallShort(z: Zone, ms: number, ref: number): string {
  if (!isDateMs(ms)) return '(no time)';
  const a = utcToWall(z, ms);
  const b = isDateMs(ref) ? utcToWall(z, ref) : undefined;
  const full = formatWall(z, ms);
  return b && a.year === b.year && a.month === b.month && a.day === b.day ? full.slice(11) : full;
}

/** `Asia/Shanghai (+08:00)` */
export function zoneLabel(z: Zone, at: number): string {
  const off = formatOffset(z.offsetAt(isDateMs(at) ? at : 0));
  return z.name === off ? off : `${z.name} (${off})`;
}

/** `2,118` (src/model/number.ts) */
export { num } from '../model/number.js';

/**
 * An incident's headline: its conditions and resources (`DiskPressure (nodefs)`), or what it was
 * when its lines name none (a structured `pods ranked for eviction` and an eviction alone).
 */
export function incidentWhat(inc: Incident): string {
  const what = [
    ...inc.conditions,
    ...(inc.resources.length
      ? [`(${inc.resources.join(', ')})`]
      : inc.evictionKinds.includes('critical-pod-preemption')
        ? ['(critical-pod preemption)']
        : []),
  ].join(' ');
  return what || 'pressure (its lines name no resource or condition)';
}

/** Consecutive starts or stops this many and more, alike (`alikeStarts`, `alikeStops`), are one row: a loop made them. */
export const LOOP_ROWS = 5;

/** A row of a list shown with its loops: one item (`count` 1), or a loop of `count` alike ones from `first` to `last`. */
export interface LoopRow<T> {
  readonly first: T;
  readonly last: T;
  readonly count: number;
}

/**
 * The list as rows: a run of `LOOP_ROWS` or more consecutive items that are alike is one row,
 * any other item a row of its own. A kubelet that crash-loops starts every 10 s with the same
 * version and fails with the same error, and systemd writes the same stop after each: a report
 * lists such a run as one row, not ten thousand.
 */
export function loopRows<T>(xs: readonly T[], alike: (a: T, b: T) => boolean): Array<LoopRow<T>> {
  const rows: Array<LoopRow<T>> = [];
  let start = 0;
  for (let i = 1; i <= xs.length; i++) {
    if (i < xs.length && alike(xs[i - 1]!, xs[i]!)) continue;
    if (i - start >= LOOP_ROWS) rows.push({ first: xs[start]!, last: xs[i - 1]!, count: i - start });
    else for (let k = start; k < i; k++) rows.push({ first: xs[k]!, last: xs[k]!, count: 1 });
    start = i;
  }
  return rows;
}

/**
 * At most this long between two starts (or stops) of a loop: systemd restarts a failed kubelet
 * after `RestartSec` (10 s in the kubelet's unit files); restarts hours apart are each a row.
 */
export const LOOP_GAP_MS = 5 * 60_000;

const soon = (a: number, b: number) => b - a >= 0 && b - a <= LOOP_GAP_MS;

/** Two starts a loop made: soon after each other, the same version, how they were seen, and the same failure (or none). */
export const alikeStarts = (a: KubeletStart, b: KubeletStart): boolean =>
  soon(a.at, b.at) && a.version === b.version && a.via === b.via && a.failed?.error === b.failed?.error;

/** Two stops a loop made: soon after each other, the same status and detail. */
export const alikeStops = (a: KubeletStop, b: KubeletStop): boolean => soon(a.at, b.at) && a.status === b.status && a.detail === b.detail;
