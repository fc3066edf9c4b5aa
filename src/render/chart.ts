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
import { formatWall, utcToWall, type Zone } from '../time/zone.js';
import { duration, num, wall } from './format.js';
import { safeText } from './sanitize.js';

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
    out.push({ signal: s.signal, points: s.points, ...(Number.isFinite(threshold) ? { threshold } : {}) });
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
const LANE = 72;
const OBS = 56;
const BIN_PX = 4;

const TICK_STEPS = [
  60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 172_800_000,
  604_800_000, 1_209_600_000, 2_592_000_000,
];

const p2 = (n: number) => String(n).padStart(2, '0');
const f1 = (n: number) => (Math.round(n * 10) / 10).toString();

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

  // Axis: ticks on wall-clock boundaries of the display zone.
  const span = t1 - t0;
  const step = TICK_STEPS.find((s) => span / s <= 10) ?? TICK_STEPS[TICK_STEPS.length - 1]!;
  const off = utcToWall(z, t0).offset * 60_000;
  const first = Math.ceil((t0 + off) / step) * step - off;
  out.push('<g class="axis">');
  let prevDay = '';
  for (let tick = first; tick <= t1; tick += step) {
    const w = utcToWall(z, tick);
    const day = `${w.year}-${p2(w.month)}-${p2(w.day)}`;
    const label =
      step >= 86_400_000
        ? day.slice(5)
        : day !== prevDay
          ? `${day.slice(5)} ${p2(w.hour)}:${p2(w.minute)}`
          : `${p2(w.hour)}:${p2(w.minute)}`;
    prevDay = day;
    const tx = f1(x(tick));
    out.push(
      `<line x1="${tx}" y1="${AXIS - 6}" x2="${tx}" y2="${height - 8}" class="grid"/><text x="${tx}" y="${AXIS - 10}" text-anchor="middle">${esc(label)}</text>`,
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

function lane(t: Timeline, n: NodeReport, y: number, x: (ms: number) => number, z: Zone): string {
  const out: string[] = [];
  const incs = t.incidents.filter((i) => i.node === n.name);
  const name = safeText(n.name);
  const short = name.length > 22 ? `${name.slice(0, 21)}…` : name;
  out.push(
    `<g class="lane" data-node="${esc(n.name)}">`,
    `<rect class="lane-bg" x="0" y="${y}" width="${W}" height="${LANE}"/>`,
    `<text class="lane-label" x="8" y="${y + 36}"><title>${esc(n.name)}</title>${esc(short)}</text>`,
  );
  if (Number.isFinite(n.firstSeen)) {
    out.push(
      `<line class="seen" x1="${f1(x(n.firstSeen))}" y1="${y + 36}" x2="${f1(x(n.lastSeen))}" y2="${y + 36}"><title>Journal of ${esc(n.name)}: ${esc(wall(z, n.firstSeen))} to ${esc(wall(z, n.lastSeen))}</title></line>`,
    );
  }

  // Threshold changes: one dashed rule per restart that changed them.
  const changes = new Map<number, string[]>();
  for (const c of n.thresholdChanges) {
    if (!Number.isFinite(c.at)) continue;
    const l = changes.get(c.at) ?? [];
    l.push(
      c.from === null ? `added ${c.signal}<${c.to}` : c.to === null ? `removed ${c.signal}<${c.from}` : `${c.signal} ${c.from} → ${c.to}`,
    );
    changes.set(c.at, l);
  }
  for (const d of n.droppedDefaults) {
    if (!Number.isFinite(d.at)) continue;
    changes.get(d.at)?.push(`defaults dropped: ${d.signals.map(formatThreshold).join(', ')}`);
  }
  for (const [at, what] of changes) {
    const cx = f1(x(at));
    out.push(
      `<g class="threshold-change"><title>Eviction thresholds changed at ${esc(wall(z, at))}: ${esc(what.join('; '))}</title><line x1="${cx}" y1="${y + 2}" x2="${cx}" y2="${y + LANE - 2}"/><rect x="${cx}" y="${y + LANE - 11}" width="9" height="9"/></g>`,
    );
  }

  // Kubelet starts: a rule with a diamond at the top.
  for (const s of n.kubeletStarts) {
    if (!Number.isFinite(s.at)) continue;
    const sx = x(s.at);
    out.push(
      `<g class="restart"><title>Kubelet started${s.pid !== undefined ? ` (pid ${s.pid})` : ''}${s.version ? ` ${esc(s.version)}` : ''} at ${esc(wall(z, s.at))}</title><line x1="${f1(sx)}" y1="${y + 8}" x2="${f1(sx)}" y2="${y + LANE - 8}"/><path d="M${f1(sx)} ${y + 2}l5 6l-5 6l-5-6z"/></g>`,
    );
  }

  // Incidents: one bar each, split into stripes when several resources were under pressure.
  for (const i of incs) {
    if (!Number.isFinite(i.start)) continue;
    const x0 = x(i.start);
    const wpx = Math.max(2, x(Number.isFinite(i.end) ? i.end : i.start) - x0);
    const res = i.resources.length > 0 ? i.resources : i.conditions.length > 0 ? i.conditions : ['unknown'];
    const h = 20 / res.length;
    const tip = `${i.id}: ${[...i.conditions, ...i.resources].join(', ')}, ${wall(z, i.start)} → ${wall(z, i.end)} (${duration(i.end - i.start)}${i.ongoing ? ', ongoing' : ''}); ${num(i.reclaimAttempts)} reclaim attempts, ${num(i.evictedPods.length)} evicted, ${num(rejections(i))} rejected`;
    out.push(
      `<g class="incident${i.ongoing ? ' ongoing' : ''}" data-id="${esc(i.id)}"><title>${esc(tip)}</title>${res
        .map((r, k) => `<rect x="${f1(x0)}" y="${f1(y + 26 + k * h)}" width="${f1(wpx)}" height="${f1(h)}" fill="${colorOf(r)}"/>`)
        .join('')}</g>`,
    );
  }

  // Evictions: a red triangle above the bar per evicted pod.
  for (const i of incs) {
    for (const p of i.evictedPods) {
      if (!Number.isFinite(p.at)) continue;
      const ex = f1(x(p.at));
      out.push(
        `<path class="evicted" d="M${ex} ${y + 24}l-5-9h10z"><title>Evicted ${esc(p.pod)} at ${esc(wall(z, p.at))} (${esc(i.id)})</title></path>`,
      );
    }
  }

  // Rejections: binned per few pixels (a loop can reject thousands of pods), circle size by count.
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
  // A histogram under the bar: height by count, relative to the busiest bin of the chart's lane.
  let most = 1;
  for (const bin of bins.values()) most = Math.max(most, bin.count);
  for (const [b, bin] of bins) {
    const h = 2 + (Math.log1p(bin.count) / Math.log1p(most)) * 16;
    const pods = bin.pods.slice(0, 5).map(safeText).join(', ') + (bin.pods.length > 5 ? ` and ${num(bin.pods.length - 5)} more` : '');
    const when = bin.first === bin.last ? wall(z, bin.first) : `${wall(z, bin.first)} – ${wall(z, bin.last)}`;
    out.push(
      `<rect class="rejected" data-count="${bin.count}" x="${f1(b * BIN_PX + 0.5)}" y="${f1(y + LANE - 4 - h)}" width="${BIN_PX - 1}" height="${f1(h)}"><title>${num(bin.count)} admission(s) rejected, ${esc(when)}: ${esc(pods)}</title></rect>`,
    );
  }
  out.push('</g>');
  return out.join('\n');
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
  // reduce, not Math.max(...): a long series would overflow the argument list.
  const top = pts.reduce(
    (m, p) => Math.max(m, p.capacity !== undefined && Number.isFinite(p.capacity) ? p.capacity : p.available),
    Math.max(s.threshold ?? 0, 1),
  );
  const py = (v: number) => y + OBS - 6 - (Math.max(0, v) / top) * (OBS - 14);
  const out = [`<g class="observations" data-node="${esc(node)}" data-signal="${esc(s.signal)}">`];
  out.push(`<text class="obs-label" x="16" y="${y + 30}">${esc(s.signal)}</text>`);
  out.push(`<line class="obs-base" x1="${LEFT}" y1="${f1(py(0))}" x2="${W - RIGHT}" y2="${f1(py(0))}"/>`);
  if (s.threshold !== undefined && Number.isFinite(s.threshold)) {
    out.push(
      `<line class="obs-threshold" x1="${LEFT}" y1="${f1(py(s.threshold))}" x2="${W - RIGHT}" y2="${f1(py(s.threshold))}"><title>${esc(s.signal)} threshold: ${num(s.threshold)}</title></line>`,
    );
  }
  if (pts.length > 0) {
    out.push(`<polyline class="obs-available" points="${pts.map((p) => `${f1(x(p.at))},${f1(py(p.available))}`).join(' ')}"/>`);
    for (const p of pts.length <= 200 ? pts : []) {
      const below = s.threshold !== undefined && p.available < s.threshold;
      out.push(
        `<circle class="obs-point${below ? ' below' : ''}" cx="${f1(x(p.at))}" cy="${f1(py(p.available))}" r="2"><title>${esc(s.signal)} at ${esc(formatWall(z, p.at))}: available ${num(p.available)}${p.capacity !== undefined ? ` of ${num(p.capacity)}` : ''}${s.threshold !== undefined ? `, threshold ${num(s.threshold)}` : ''}</title></circle>`,
      );
    }
  }
  out.push('</g>');
  return out.join('\n');
}
