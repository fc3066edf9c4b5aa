/**
 * The SVG timeline chart of the HTML report: one lane per node, incidents as
 * bars coloured by resource, evictions, rejections, kubelet starts and
 * threshold changes as marks, each with an SVG `<title>` the browser shows on
 * hover. Where a node carries observations (available vs. threshold per
 * signal), a small plot per signal is drawn under its lane.
 * Every string from the log goes through `esc` (text and attributes alike).
 */
import { parseQuantity } from '../classify/values.js';
import type { Incident, NodeReport, Timeline } from '../timeline/model.js';
import { formatThreshold } from '../timeline/signals.js';
import { formatWall, utcToWall, wallToUtc, type Zone } from '../time/zone.js';
import { duration, num, wall, wallShort } from './format.js';
import { safeText } from './sanitize.js';
import { workloadOf } from './text.js';

/** One observation of a signal: what was available, out of what capacity (bytes, inodes, pids, or %). */
export interface ObservationPoint {
  readonly at: number;
  readonly available: number;
  readonly capacity?: number;
}

/** A series of observations of one eviction signal on one node, with the threshold it was compared to. */
export interface ObservationSeries {
  readonly signal: string;
  readonly points: readonly ObservationPoint[];
  /** the threshold as a quantity in the unit of `available` */
  readonly threshold?: number;
  /** the threshold as stated (`10%`, `100Mi`) */
  readonly thresholdText?: string;
}

/**
 * The node's observation series (builder: one per signal, thinned) as the
 * chart draws them, each with the hard threshold last stated for its signal,
 * resolved to the unit of `available` (a percentage of the capacity).
 */
export function chartSeries(n: NodeReport): ObservationSeries[] {
  const out: ObservationSeries[] = [];
  for (const s of Object.values(n.observations)) {
    let value: string | undefined;
    for (const st of n.thresholds) {
      if (st.partial || st.truncated) continue;
      const t = st.hard.find((h) => h.signal === s.signal);
      if (t) value = t.value;
    }
    const cap = s.last.capacity;
    let threshold = NaN;
    if (value !== undefined) {
      threshold = value.endsWith('%') ? (Number(value.slice(0, -1)) / 100) * cap : parseQuantity(value).value;
    }
    out.push({
      signal: s.signal,
      points: s.points,
      ...(Number.isFinite(threshold) ? { threshold, ...(value !== undefined ? { thresholdText: value } : {}) } : {}),
    });
  }
  return out;
}

/** HTML/SVG text and attribute escaping, after stripping terminal controls. */
export function esc(s: string): string {
  return safeText(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Fill colour per resource (or condition, for incidents that name no resource). */
export const RESOURCE_COLORS: ReadonlyArray<[RegExp, string, string]> = [
  [/^(memory|allocatableMemory|MemoryPressure)/, '#d9534f', 'memory'],
  [/^(nodefs|DiskPressure)$/, '#f0ad4e', 'nodefs (node filesystem)'],
  [/^imagefs$/, '#8e6bbf', 'imagefs (image filesystem)'],
  [/^(ephemeral-storage|containerfs)/, '#e07b39', 'ephemeral storage'],
  [/(inodes|Inodes)/, '#5bc0de', 'inodes'],
  [/^(pids?|PIDPressure)/, '#5cb85c', 'process IDs'],
];
const OTHER_COLOR = '#999999';

export function colorOf(resource: string): string {
  return RESOURCE_COLORS.find(([re]) => re.test(resource))?.[1] ?? OTHER_COLOR;
}

const W = 1100;
const LEFT = 170;
const RIGHT = 24;
const AXIS = 34;
/** A lane, top to bottom: two rows of labels, eviction marks, the incident bar, the rejections. */
const LANE = 96;
const ROW0 = 14;
const ROW1 = 28;
const EVICT_TOP = 34;
const BAR_TOP = 46;
const BAR_H = 20;
const REJECT_BOTTOM = LANE - 4;
const OBS = 92;
const BIN_PX = 4;
/** Marks closer than this (px) are one group: a restart and the threshold change it brought. */
const GROUP_PX = 10;
/** Starts of one group drawn side by side; more are one icon with their count (a kubelet that crash-loops). */
const RESTARTS_SIDE_BY_SIDE = 3;
/** Average advance of an 11px system-ui glyph, for laying labels out without a browser. */
const CHAR_PX = 6.4;
/** Evictions in a lane up to which each is labelled with its pod. */
const FEW_EVICTIONS = 6;

const TICK_STEPS = [
  60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 172_800_000,
  604_800_000, 1_209_600_000, 2_592_000_000,
];

const p2 = (n: number) => String(n).padStart(2, '0');
const f1 = (n: number) => (Math.round(n * 10) / 10).toString();
const textWidth = (s: string, px = CHAR_PX) => s.length * px;
/** the bold labels of threshold changes */
const BOLD_PX = 7.1;

/** The chart's time domain: every node's first to last line, and every incident. */
function domain(t: Timeline): [number, number] {
  const xs = [...t.nodes.flatMap((n) => [n.firstSeen, n.lastSeen]), ...t.incidents.flatMap((i) => [i.start, i.end])].filter(
    Number.isFinite,
  );
  if (xs.length === 0) return [NaN, NaN];
  let lo = xs[0]!;
  let hi = xs[0]!;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (hi - lo < 60_000) {
    lo -= 30_000;
    hi += 30_000;
  }
  return [lo, hi];
}

function rejections(i: Incident): number {
  return i.rejectedPods.reduce((a, r) => a + r.count, 0);
}

/** What a chart draws, counted: the browser test compares the SVG with these. */
export interface ChartCounts {
  incidents: number;
  evictions: number;
  rejections: number;
  starts: number;
  thresholdChanges: number;
  observationSeries: number;
}

/** How many of each mark `renderChart` draws for this timeline. */
export function chartCounts(t: Timeline): ChartCounts {
  const timed = (x: number) => Number.isFinite(x);
  return {
    incidents: t.incidents.filter((i) => timed(i.start)).length,
    evictions: t.incidents.reduce((a, i) => a + i.evictedPods.filter((p) => timed(p.at)).length, 0),
    rejections: t.incidents.reduce((a, i) => a + i.rejectedPods.filter((r) => timed(r.first)).reduce((b, r) => b + r.count, 0), 0),
    starts: t.nodes.reduce((a, n) => a + n.kubeletStarts.filter((s) => timed(s.at)).length, 0),
    thresholdChanges: t.nodes.reduce((a, n) => a + new Set(n.thresholdChanges.filter((c) => timed(c.at)).map((c) => c.at)).size, 0),
    observationSeries: t.nodes.reduce((a, n) => a + chartSeries(n).filter((s) => s.points.length > 0).length, 0),
  };
}

/** What an incident bar says about itself: `nodefs · no pods to evict ×3,935 · 2,118 rejected`. */
export function barText(i: Incident): string {
  const what = (i.resources.length > 0 ? i.resources : i.conditions).join(', ') || 'pressure';
  const r = rejections(i);
  return [
    what,
    i.noPodsToEvict > 0 ? `no pods to evict ×${num(i.noPodsToEvict)}` : '',
    i.evictedPods.length > 0 ? `${num(i.evictedPods.length)} evicted` : '',
    r > 0 ? `${num(r)} rejected` : '',
    i.ongoing ? 'ongoing' : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** A threshold change in a few words: `nodefs.available 10% → 5%`. */
function changeWords(c: NodeReport['thresholdChanges'][number]): string {
  return c.from === null
    ? `added ${c.signal}<${c.to}`
    : c.to === null
      ? `removed ${c.signal}<${c.from}`
      : `${c.signal} ${c.from} → ${c.to}`;
}

/** Cut a label to `max` characters with an ellipsis. */
function cut(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(1, max - 1))}…`;
}

/** The chart as an inline `<svg>` element (empty string when nothing has a time). */
export function renderChart(t: Timeline, z: Zone): string {
  const [t0, t1] = domain(t);
  if (!Number.isFinite(t0) || t.nodes.length === 0) return '';
  const x = (ms: number) => LEFT + ((ms - t0) / (t1 - t0)) * (W - LEFT - RIGHT);
  const out: string[] = [];
  const lanes = t.nodes.map((n) => ({ n, obs: chartSeries(n).filter((s) => s.points.length > 0) }));
  const height = AXIS + lanes.reduce((a, l) => a + LANE + l.obs.length * OBS, 0) + 8;

  out.push(
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-labelledby="chart-title">`,
    `<title id="chart-title">Timeline of ${num(t.incidents.length)} incident(s) on ${num(t.nodes.length)} node(s), ${esc(wall(z, t0))} to ${esc(wall(z, t1))}</title>`,
  );

  // Axis: the first label at the start of the data, then ticks on wall-clock boundaries of the zone
  // (calendar months and years for spans of months).
  const span = t1 - t0;
  const monthly = span / 2_592_000_000 > 10;
  const step = TICK_STEPS.find((s) => span / s <= 10) ?? TICK_STEPS[TICK_STEPS.length - 1]!;
  const ticks: number[] = [];
  const w0 = utcToWall(z, t0);
  if (monthly) {
    const months = [1, 3, 6, 12, 24, 60, 120].find((m) => span / (m * 2_629_800_000) <= 10) ?? 120;
    for (let k = 1; ; k++) {
      const m0 = w0.year * 12 + (w0.month - 1);
      const m = Math.ceil((m0 + k) / months) * months;
      if (m <= m0) continue;
      const at = wallToUtc(z, Math.floor(m / 12), (m % 12) + 1, 1, 0, 0, 0);
      if (at > t1) break;
      if (ticks[ticks.length - 1] !== at) ticks.push(at);
      if (ticks.length > 200) break;
    }
  } else {
    const off = w0.offset * 60_000;
    for (let tick = Math.ceil((t0 + off) / step) * step - off; tick <= t1; tick += step) ticks.push(tick);
  }
  const startLabel = monthly ? `${w0.year}-${p2(w0.month)}-${p2(w0.day)}` : `${p2(w0.month)}-${p2(w0.day)} ${p2(w0.hour)}:${p2(w0.minute)}`;
  out.push('<g class="axis">');
  out.push(
    `<line x1="${LEFT}" y1="${AXIS - 6}" x2="${LEFT}" y2="${height - 8}" class="grid start"/><text class="axis-start" x="${LEFT}" y="${AXIS - 10}" text-anchor="start">${esc(startLabel)}</text>`,
  );
  let prevDay = `${w0.year}-${p2(w0.month)}-${p2(w0.day)}`;
  // the right end of the last label drawn: a label that would run into it keeps its grid line only
  let lastRight = LEFT + textWidth(startLabel) + 8;
  for (const tick of ticks) {
    const w = utcToWall(z, tick);
    const day = `${w.year}-${p2(w.month)}-${p2(w.day)}`;
    const label = monthly
      ? w.month === 1
        ? String(w.year)
        : day.slice(0, 7)
      : step >= 86_400_000
        ? day.slice(5)
        : day !== prevDay
          ? `${day.slice(5)} ${p2(w.hour)}:${p2(w.minute)}`
          : `${p2(w.hour)}:${p2(w.minute)}`;
    const tx = x(tick);
    const clear = tx - textWidth(label) / 2 > lastRight && tx + textWidth(label) / 2 <= W;
    if (clear) {
      prevDay = day;
      lastRight = tx + textWidth(label) / 2 + 8;
    }
    out.push(
      `<line x1="${f1(tx)}" y1="${AXIS - 6}" x2="${f1(tx)}" y2="${height - 8}" class="grid"/>${clear ? `<text x="${f1(tx)}" y="${AXIS - 10}" text-anchor="middle">${esc(label)}</text>` : ''}`,
    );
  }
  out.push('</g>');

  let y = AXIS;
  for (const { n, obs } of lanes) {
    out.push(lane(t, n, y, x, z));
    y += LANE;
    for (const s of obs) {
      out.push(observationPlot(n.name, s, y, x, t0, t1, z));
      y += OBS;
    }
  }
  out.push('</svg>');
  return out.join('\n');
}

/** Lays labels out in two rows without overlap: the first that fits wins, the rest keep their hover title. */
class LabelRows {
  private readonly taken: Array<Array<[number, number]>> = [[], []];

  /**
   * Place `text` to the right of `after`, or (near the right edge) ending at `before`; the first
   * row from `minRow` where it overlaps nothing. The row, x and anchor, or undefined.
   */
  place(
    after: number,
    before: number,
    text: string,
    minRow = 0,
    px = CHAR_PX,
  ): { row: number; x: number; anchor: 'start' | 'end' } | undefined {
    const w = textWidth(text, px);
    const right = after + w <= W - 4;
    const [a, b, x, anchor] = right ? [after, after + w, after, 'start' as const] : [before - w, before, before, 'end' as const];
    if (a < LEFT - 4) return undefined;
    for (let row = minRow; row < this.taken.length; row++) {
      const used = this.taken[row]!;
      if (used.every(([u, v]) => b + 6 < u || a > v + 6)) {
        used.push([a, b]);
        return { row, x, anchor };
      }
    }
    return undefined;
  }

  /** Reserve a span of a row (an icon) so that no label is drawn over it. */
  reserve(row: number, a: number, b: number): void {
    this.taken[row]!.push([a, b]);
  }
}

function lane(t: Timeline, n: NodeReport, y: number, x: (ms: number) => number, z: Zone): string {
  const out: string[] = [];
  const incs = t.incidents.filter((i) => i.node === n.name);
  const name = safeText(n.name);
  const short = name.length > 22 ? `${name.slice(0, 21)}…` : name;
  const labels = new LabelRows();
  out.push(
    `<g class="lane" data-node="${esc(n.name)}">`,
    `<rect class="lane-bg" x="0" y="${y}" width="${W}" height="${LANE}"/>`,
    `<text class="lane-label" x="8" y="${y + BAR_TOP + 14}"><title>${esc(n.name)}</title>${esc(short)}</text>`,
  );
  if (Number.isFinite(n.firstSeen)) {
    out.push(
      `<line class="seen" x1="${f1(x(n.firstSeen))}" y1="${y + BAR_TOP + BAR_H / 2}" x2="${f1(x(n.lastSeen))}" y2="${y + BAR_TOP + BAR_H / 2}"><title>Journal of ${esc(n.name)}: ${esc(wall(z, n.firstSeen))} to ${esc(wall(z, n.lastSeen))}</title></line>`,
    );
  }

  // Kubelet starts and threshold changes, grouped when they fall together (a restart and the
  // thresholds it brought): one rule, the icons side by side (the starts, when more than
  // RESTARTS_SIDE_BY_SIDE, one icon for them all), one label with the change.
  type Group = { x: number; at: number; starts: NodeReport['kubeletStarts']; changes: NodeReport['thresholdChanges'] };
  const groups: Group[] = [];
  const marks = [
    ...n.kubeletStarts.filter((s) => Number.isFinite(s.at)).map((s) => ({ at: s.at, start: s })),
    ...n.thresholdChanges.filter((c) => Number.isFinite(c.at)).map((c) => ({ at: c.at, change: c })),
  ].sort((a, b) => a.at - b.at);
  for (const m of marks) {
    const mx = x(m.at);
    let g = groups[groups.length - 1];
    if (!g || mx - g.x > GROUP_PX) {
      g = { x: mx, at: m.at, starts: [], changes: [] };
      groups.push(g);
    }
    if ('start' in m) g.starts.push(m.start);
    else g.changes.push(m.change);
  }
  const groupLabels: Array<{ after: number; before: number; line1: string; line2: string }> = [];
  for (const g of groups) {
    const gx = f1(g.x);
    let ix = g.x;
    out.push(`<line class="mark-rule" x1="${gx}" y1="${y + ROW0 + 2}" x2="${gx}" y2="${y + LANE - 2}"/>`);
    if (g.starts.length > RESTARTS_SIDE_BY_SIDE) {
      // more starts than fit side by side (a kubelet that crash-loops): one icon, their count in
      // its title (a written count would run into the next group's icon, 10 px on)
      const first = g.starts[0]!;
      const last = g.starts[g.starts.length - 1]!;
      const n = g.starts.length;
      const versions = [...new Set(g.starts.map((s) => s.version).filter((v) => v !== undefined))];
      out.push(
        `<g class="restart" data-count="${n}"><title>Kubelet started ${num(n)} times${versions.length === 1 ? ` (${esc(versions[0]!)})` : ''}, ${esc(wall(z, first.at))} … ${esc(wallShort(z, last.at, first.at))}</title><path d="M${f1(ix)} ${y + 3}l5 6l-5 6l-5-6z"/></g>`,
      );
      ix += 11;
    } else
      for (const s of g.starts) {
        out.push(
          `<g class="restart"><title>Kubelet started${s.pid !== undefined ? ` (pid ${s.pid})` : ''}${s.version ? ` ${esc(s.version)}` : ''} at ${esc(wall(z, s.at))}</title><path d="M${f1(ix)} ${y + 3}l5 6l-5 6l-5-6z"/></g>`,
        );
        ix += 11;
      }
    // one square per restart that changed the thresholds (several changes at one time are one statement)
    const byAt = new Map<number, NodeReport['thresholdChanges']>();
    for (const c of g.changes) byAt.set(c.at, [...(byAt.get(c.at) ?? []), c]);
    for (const [at, cs] of byAt) {
      const dropped = n.droppedDefaults.filter((d) => d.at === at);
      const what = [...cs.map(changeWords), ...dropped.map((d) => `defaults dropped: ${d.signals.map(formatThreshold).join(', ')}`)];
      out.push(
        `<g class="threshold-change"><title>Eviction thresholds changed at ${esc(wall(z, at))}: ${esc(what.join('; '))}</title><rect x="${f1(ix - 5)}" y="${y + 4}" width="10" height="10"/></g>`,
      );
      ix += 11;
    }
    labels.reserve(0, g.x - 5, ix - 6);
    if (g.changes.length > 0) {
      const changed = g.changes.filter((c) => c.from !== null && c.to !== null).map(changeWords);
      const removed = g.changes.filter((c) => c.to === null).map((c) => `${c.signal}<${c.from}`);
      const added = g.changes.filter((c) => c.from === null).map((c) => `${c.signal}<${c.to}`);
      const line1 = changed.length > 0 ? changed.join(', ') : added.length > 0 ? `added ${added.join(', ')}` : 'thresholds changed';
      const line2 =
        removed.length > 0 ? `removed ${removed.join(', ')}` : changed.length > 0 && added.length > 0 ? `added ${added.join(', ')}` : '';
      groupLabels.push({ after: ix + 1, before: g.x - 12, line1: cut(line1, 60), line2: cut(line2, 60) });
    }
  }
  // Evictions: a red triangle above the bar; pods evicted at one time (a few pixels) stack, with a
  // count; where a lane has few, each is labelled with its pod.
  const ebins = new Map<number, { at: number; pods: string[]; id: string }>();
  let evictions = 0;
  for (const i of incs) {
    for (const p of i.evictedPods) {
      if (!Number.isFinite(p.at)) continue;
      evictions++;
      const b = Math.floor(x(p.at) / 8);
      const bin = ebins.get(b) ?? { at: p.at, pods: [], id: i.id };
      bin.pods.push(p.pod);
      ebins.set(b, bin);
    }
  }
  for (const bin of ebins.values()) {
    const ex = x(bin.at);
    const n = bin.pods.length;
    const stack = Math.min(n, 3);
    const tri = Array.from({ length: stack }, (_, k) => `<path d="M${f1(ex)} ${y + EVICT_TOP + 9 - k * 3}l-5-9h10z"/>`).join('');
    const names = bin.pods.slice(0, 5).map(safeText).join(', ') + (n > 5 ? ` and ${num(n - 5)} more` : '');
    const count = n > 1 ? `<text class="evict-count" x="${f1(ex + 7)}" y="${y + EVICT_TOP + 9}">×${num(n)}</text>` : '';
    out.push(
      `<g class="evicted" data-count="${n}"><title>Evicted ${esc(names)} at ${esc(wall(z, bin.at))} (${esc(bin.id)})</title>${tri}${count}</g>`,
    );
    labels.reserve(1, ex - 6, ex + 6 + (count ? 2 + textWidth(`×${num(n)}`, 6) : 0));
  }
  for (const { after, before, line1, line2 } of groupLabels) {
    const p = labels.place(after, before, line1, 0, BOLD_PX);
    if (p) {
      out.push(
        `<text class="mark-label change" x="${f1(p.x)}" y="${y + (p.row === 0 ? ROW0 : ROW1)}" text-anchor="${p.anchor}">${esc(line1)}</text>`,
      );
      // the second line under the first, on the same side
      const q = line2 && p.row === 0 ? labels.place(p.anchor === 'start' ? after : Infinity, before, line2, 1, BOLD_PX) : undefined;
      if (q) out.push(`<text class="mark-label change" x="${f1(q.x)}" y="${y + ROW1}" text-anchor="${q.anchor}">${esc(line2)}</text>`);
    }
  }

  // Incidents: one bar each, split into stripes when several resources were under pressure, with
  // what it is and its key counts written on it (or beside it, where the bar is too short).
  for (const [k, i] of incs.entries()) {
    if (!Number.isFinite(i.start)) continue;
    const x0 = x(i.start);
    const x1 = x0 + Math.max(2, x(Number.isFinite(i.end) ? i.end : i.start) - x0);
    const res = i.resources.length > 0 ? i.resources : i.conditions.length > 0 ? i.conditions : ['unknown'];
    const h = BAR_H / res.length;
    const tip = `${i.id}: ${[...i.conditions, ...i.resources].join(', ')}, ${wall(z, i.start)} → ${wall(z, i.end)} (${duration(i.end - i.start)}${i.ongoing ? ', ongoing' : ''}); ${num(i.reclaimAttempts)} reclaim attempts, ${num(i.noPodsToEvict)} times no pods to evict, ${num(i.evictedPods.length)} evicted, ${num(rejections(i))} rejected`;
    const next = incs[k + 1];
    const prev = incs[k - 1];
    const room = (next && Number.isFinite(next.start) ? x(next.start) : W - RIGHT) - x1 - 8;
    const roomLeft = x0 - (prev && Number.isFinite(prev.end) ? x(prev.end) : LEFT) - 8;
    const text = safeText(barText(i));
    const inside = x1 - x0 - 8;
    let label = '';
    if (textWidth(text) <= inside) label = `<text class="bar-label" x="${f1(x0 + 4)}" y="${y + BAR_TOP + 14}">${esc(text)}</text>`;
    else if (textWidth(text) > room && textWidth(text) <= roomLeft) {
      label = `<text class="bar-label outside" x="${f1(x0 - 4)}" y="${y + BAR_TOP + 14}" text-anchor="end">${esc(text)}</text>`;
    } else if (room >= 40) {
      const fit = cut(text, Math.floor(room / CHAR_PX));
      label = `<text class="bar-label outside" x="${f1(x1 + 4)}" y="${y + BAR_TOP + 14}">${esc(fit)}</text>`;
    } else if (inside >= 40) {
      label = `<text class="bar-label" x="${f1(x0 + 4)}" y="${y + BAR_TOP + 14}">${esc(cut(text, Math.floor(inside / CHAR_PX)))}</text>`;
    }
    out.push(
      `<g class="incident${i.ongoing ? ' ongoing' : ''}" data-id="${esc(i.id)}"><title>${esc(tip)}</title>${res
        .map((r, j) => `<rect x="${f1(x0)}" y="${f1(y + BAR_TOP + j * h)}" width="${f1(x1 - x0)}" height="${f1(h)}" fill="${colorOf(r)}"/>`)
        .join('')}${label}</g>`,
    );
  }

  if (evictions <= FEW_EVICTIONS) {
    for (const bin of ebins.values()) {
      const podName = (p: string) => {
        const nm = safeText(p).replace(/^[^/]*\//, '');
        return nm.length <= 24 ? nm : workloadOf(nm);
      };
      const text = bin.pods.length <= 2 ? bin.pods.map(podName).join(', ') : `${podName(bin.pods[0]!)} +${bin.pods.length - 1}`;
      const ex = x(bin.at);
      const p = labels.place(ex - 4, ex + 4, text, 1) ?? labels.place(ex - 4, ex + 4, text, 0);
      if (p) {
        out.push(
          `<text class="mark-label evicted-label" x="${f1(p.x)}" y="${y + (p.row === 0 ? ROW0 : ROW1)}" text-anchor="${p.anchor}">${esc(text)}</text>`,
        );
      }
    }
  }

  // Rejections: binned per few pixels (a loop can reject thousands of pods), a histogram under
  // the bar, height by count relative to the lane's busiest bin.
  const bins = new Map<number, { count: number; pods: string[]; first: number; last: number }>();
  for (const i of incs) {
    for (const r of i.rejectedPods) {
      if (!Number.isFinite(r.first)) continue;
      const b = Math.floor(x(r.first) / BIN_PX);
      const bin = bins.get(b) ?? { count: 0, pods: [], first: r.first, last: r.first };
      bin.count += r.count;
      bin.pods.push(r.pod);
      bin.first = Math.min(bin.first, r.first);
      bin.last = Math.max(bin.last, r.last);
      bins.set(b, bin);
    }
  }
  let most = 1;
  for (const bin of bins.values()) most = Math.max(most, bin.count);
  const maxH = REJECT_BOTTOM - (BAR_TOP + BAR_H) - 4;
  for (const [b, bin] of bins) {
    const h = 2 + (Math.log1p(bin.count) / Math.log1p(most)) * (maxH - 2);
    const pods = bin.pods.slice(0, 5).map(safeText).join(', ') + (bin.pods.length > 5 ? ` and ${num(bin.pods.length - 5)} more` : '');
    const when = bin.first === bin.last ? wall(z, bin.first) : `${wall(z, bin.first)} – ${wall(z, bin.last)}`;
    out.push(
      `<rect class="rejected" data-count="${bin.count}" x="${f1(b * BIN_PX + 0.5)}" y="${f1(y + REJECT_BOTTOM - h)}" width="${BIN_PX - 1}" height="${f1(h)}"><title>${num(bin.count)} admission(s) rejected, ${esc(when)}: ${esc(pods)}</title></rect>`,
    );
  }
  out.push('</g>');
  return out.join('\n');
}

/** A unit for values up to `max` of a signal: bytes in GiB/MiB/KiB, counts as they are. */
function unitOf(max: number, signal: string): { div: number; suffix: string } {
  if (/inode|pid/i.test(signal))
    return max >= 1e6 ? { div: 1e6, suffix: 'M' } : max >= 1e4 ? { div: 1e3, suffix: 'k' } : { div: 1, suffix: '' };
  if (max >= 2 ** 40) return { div: 2 ** 40, suffix: ' TiB' };
  if (max >= 2 ** 30) return { div: 2 ** 30, suffix: ' GiB' };
  if (max >= 2 ** 20) return { div: 2 ** 20, suffix: ' MiB' };
  if (max >= 2 ** 10) return { div: 2 ** 10, suffix: ' KiB' };
  return { div: 1, suffix: ' B' };
}

/** A readable step for about `ticks` ticks up to `max`: 1, 2 or 5 times a power of ten. */
function niceStep(max: number, ticks: number): number {
  const raw = max / ticks;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

function fmtIn(v: number, u: { div: number; suffix: string }, step: number): string {
  if (v === 0) return '0';
  const d = step / u.div < 1 ? (step / u.div < 0.1 ? 2 : 1) : 0;
  return `${(v / u.div).toFixed(d)}${u.suffix}`;
}

function observationPlot(
  node: string,
  s: ObservationSeries,
  y: number,
  x: (ms: number) => number,
  t0: number,
  t1: number,
  z: Zone,
): string {
  const pts = s.points.filter((p) => Number.isFinite(p.at) && Number.isFinite(p.available) && p.at >= t0 && p.at <= t1);
  // The scale is what was available and the threshold (not the capacity: the threshold is a few
  // percent of it, and the story is how close the line came to it). reduce, not Math.max(...):
  // a long series would overflow the argument list.
  const hiV = pts.reduce((m, p) => Math.max(m, p.available), Math.max(s.threshold ?? 0, 1));
  const loV = Math.min(
    0,
    pts.reduce((m, p) => Math.min(m, p.available), 0),
  );
  const unit = unitOf(hiV, s.signal);
  // steps of 1, 2 or 5 in the unit shown (GiB, MiB ...), not in bytes
  const step = niceStep(((hiV - loV) * 1.1) / unit.div || 1, 3) * unit.div;
  const top = Math.ceil((hiV * 1.05) / step) * step;
  const bottom = Math.floor(loV / step) * step;
  const plotTop = y + 22;
  const plotBottom = y + OBS - 10;
  const py = (v: number) => plotBottom - ((v - bottom) / (top - bottom || 1)) * (plotBottom - plotTop);
  const out = [`<g class="observations" data-node="${esc(node)}" data-signal="${esc(s.signal)}">`];
  out.push(`<text class="obs-label" x="${LEFT + 4}" y="${y + 14}">${esc(s.signal)} (--v=3 observations)</text>`);
  out.push('<g class="obs-axis">');
  for (let v = bottom; v <= top + step / 1000; v += step) {
    const ty = f1(py(v));
    out.push(
      `<line class="obs-grid" x1="${LEFT}" y1="${ty}" x2="${W - RIGHT}" y2="${ty}"/><text x="${LEFT - 6}" y="${f1(py(v) + 4)}" text-anchor="end">${esc(fmtIn(v, unit, step))}</text>`,
    );
  }
  out.push('</g>');
  if (s.threshold !== undefined && Number.isFinite(s.threshold)) {
    const ty = py(s.threshold);
    const label =
      `threshold ${s.thresholdText ? `${s.signal}<${s.thresholdText}` : ''}${s.thresholdText?.endsWith('%') ? ` = ${fmtIn(s.threshold, unit, step / 10)}` : ''}`.trim();
    out.push(
      `<line class="obs-threshold" x1="${LEFT}" y1="${f1(ty)}" x2="${W - RIGHT}" y2="${f1(ty)}"><title>${esc(s.signal)} threshold: ${esc(fmtIn(s.threshold, unit, step / 10))}</title></line>`,
      `<text class="obs-threshold-label" x="${W - RIGHT - 4}" y="${f1(ty - 4)}" text-anchor="end">${esc(label)}</text>`,
    );
  }
  if (pts.length > 0) {
    out.push(`<polyline class="obs-available" points="${pts.map((p) => `${f1(x(p.at))},${f1(py(p.available))}`).join(' ')}"/>`);
    for (const p of pts.length <= 200 ? pts : []) {
      const below = s.threshold !== undefined && p.available < s.threshold;
      out.push(
        `<circle class="obs-point${below ? ' below' : ''}" cx="${f1(x(p.at))}" cy="${f1(py(p.available))}" r="2"><title>${esc(s.signal)} at ${esc(formatWall(z, p.at))}: available ${esc(fmtIn(p.available, unit, step / 10))}${p.capacity !== undefined && Number.isFinite(p.capacity) ? ` of ${esc(fmtIn(p.capacity, unitOf(p.capacity, s.signal), p.capacity / 100))}` : ''}${s.threshold !== undefined ? `, threshold ${esc(fmtIn(s.threshold, unit, step / 10))}` : ''}</title></circle>`,
      );
    }
  }
  out.push('</g>');
  return out.join('\n');
}
