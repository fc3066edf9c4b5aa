/**
 * `--output text` (the default): a terminal timeline an on-call engineer reads
 * top to bottom — one header per node, its kubelet starts and thresholds, then
 * its incidents with the 10-second loops collapsed into counted rows and the
 * explanation tied to journal lines. Colour only when asked (TTY, no NO_COLOR).
 */
import { KIND_INFO, type Threshold } from '../model/events.js';
import type { Incident, NodeReport, Ref, Step, Timeline } from '../timeline/model.js';
import { formatThreshold } from '../timeline/signals.js';
import { ALL_CLEAR, amount, noIncidentText } from '../timeline/explain.js';
import type { Zone } from '../time/zone.js';
import { alikeStarts, alikeStops, duration, incidentWhat, loopRows, num, wall, wallShort, zoneLabel } from './format.js';
import { safeText } from './sanitize.js';
import { fleetSummary } from './fleet.js';
import { remedyBlocks } from './remedy.js';
import { keepingDropped } from '../timeline/remediation.js';

/** A line to copy as it is (a command, a setting): never wrapped. */
class Code {
  constructor(readonly text: string) {}
}
/** A line whose continuation lines start at `hang` columns. */
class Hang {
  constructor(
    readonly text: string,
    readonly hang: number,
  ) {}
}
type Out = Array<string | Code | Hang>;

// SGR sequences (our colours) take no columns.
const SGR = /\u001b\[[0-9;]*m/g;

/** Columns a string takes on a terminal: East Asian wide characters count two. */
export function columns(s: string): number {
  let n = 0;
  for (const ch of s.replace(SGR, '')) {
    const c = ch.codePointAt(0)!;
    n +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x1f300 && c <= 0x1faff) ||
      (c >= 0x20000 && c <= 0x3fffd)
        ? 2
        : 1;
  }
  return n;
}

/**
 * Where a wrapped line's continuation starts: under the text after a list marker (`- `, `1. `),
 * after a time column (`  09:54:09             `), or two columns in from the line's indent.
 */
function hangOf(line: string): number {
  const plain = line.replace(SGR, '');
  const marker = /^(\s*)(?:- |\d+\. )/.exec(plain);
  if (marker) return marker[0].length;
  const timed = /^ {2}(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d|\d\d:\d\d:\d\d(?: … \d\d:\d\d:\d\d)?|\(no time\)) +/.exec(plain);
  if (timed) return timed[0].length;
  return (/^\s*/.exec(plain)?.[0].length ?? 0) + 2;
}

/** Wrap one line to `width` columns at spaces, never inside a word; continuation lines hang. */
export function wrapLine(line: string, width: number, hangAt = hangOf(line)): string[] {
  if (columns(line) <= width) return [line];
  const hang = Math.min(hangAt, Math.floor(width / 2));
  const indent = /^\s*/.exec(line)![0];
  const words = line.slice(indent.length).split(/( +)/);
  const out: string[] = [];
  let cur = indent;
  let used = columns(indent);
  let fresh = true; // nothing but indentation on the current line yet
  for (let i = 0; i < words.length; i += 2) {
    const word = words[i]!;
    const gap = i > 0 ? words[i - 1]! : '';
    const w = columns(word);
    if (!fresh && used + gap.length + w > width) {
      out.push(cur);
      cur = ' '.repeat(hang) + word;
      used = hang + w;
    } else {
      cur += (fresh ? '' : gap) + word;
      used += (fresh ? 0 : gap.length) + w;
    }
    fresh = false;
  }
  out.push(cur);
  return out;
}

export interface TextOptions {
  readonly zone: Zone;
  readonly color: boolean;
  /**
   * wrap lines to this many columns (a terminal's width), continuation lines indented under
   * the text they continue; code (commands, settings) is never wrapped. Absent: one line per row.
   */
  readonly width?: number;
  /** with --show-unrecognized: list the lines no rule knew */
  readonly showUnrecognized?: boolean;
}

type Paint = (s: string) => string;
interface Palette {
  bold: Paint;
  dim: Paint;
  red: Paint;
  yellow: Paint;
  green: Paint;
  cyan: Paint;
}
const sgr =
  (code: string): Paint =>
  (s) =>
    `\u001b[${code}m${s}\u001b[0m`;
const id: Paint = (s) => s;

function palette(color: boolean): Palette {
  return color
    ? { bold: sgr('1'), dim: sgr('2'), red: sgr('31'), yellow: sgr('33'), green: sgr('32'), cyan: sgr('36') }
    : { bold: id, dim: id, red: id, yellow: id, green: id, cyan: id };
}

const thresholds = (ts: readonly Threshold[]) => (ts.length > 0 ? ts.map(formatThreshold).join('  ') : '(none)');

/** `weave-net-3svfg` → `weave-net-*`: pods of one workload share a row in text. */
export function workloadOf(pod: string): string {
  return pod.replace(/-(?:[a-z0-9]{5}|[0-9a-f]{8,10}-[a-z0-9]{5})$/, '-*');
}

function refs(rs: readonly Ref[], single: boolean): string {
  if (rs.length === 0) return '';
  const parts = rs.slice(0, 3).map((r) => (single ? `line ${r.line}` : `${safeText(r.input)}:${r.line}`));
  return `[${parts.join(', ')}${rs.length > 3 ? ', …' : ''}]`;
}

export function renderText(t: Timeline, opts: TextOptions): string {
  const p = palette(opts.color);
  const z = opts.zone;
  const out: Out = [];
  const inputs = new Set([...t.incidents.flatMap((i) => i.evidence.map((e) => e.input))]);
  const single = inputs.size <= 1;
  const evicted = t.incidents.reduce((a, i) => a + i.evictedPods.length, 0);
  const rejections = t.incidents.reduce((a, i) => a + i.rejectedPods.reduce((b, r) => b + r.count, 0), 0);
  const firstAt = t.nodes.map((n) => n.firstSeen).find((x) => Number.isFinite(x)) ?? NaN;

  out.push(
    p.bold(
      `klog-eviction: ${num(t.nodes.length)} node${t.nodes.length === 1 ? '' : 's'}, ${num(t.incidents.length)} incident${t.incidents.length === 1 ? '' : 's'}, ${num(evicted)} pod${evicted === 1 ? '' : 's'} evicted, ${num(rejections)} admission${rejections === 1 ? '' : 's'} rejected`,
    ),
  );
  out.push(
    p.dim(`Times in ${zoneLabel(z, firstAt)}.${t.yearInferred ? ' Year inferred (the journal has none; set it with --year).' : ''}`),
  );
  for (const l of fleetSummary(t)) out.push(l);

  for (const n of t.nodes) {
    out.push('');
    out.push(p.bold(p.cyan(`== node ${safeText(n.name)} ==`)));
    if (Number.isFinite(n.firstSeen)) out.push(`Seen ${wall(z, n.firstSeen)} → ${wallShort(z, n.lastSeen, n.firstSeen)}`);
    renderStarts(out, n, z, p, single);
    renderThresholds(
      out,
      n,
      z,
      p,
      single,
      t.notes.some((x) => x.kind === 'host-renamed' && x.node === n.name),
    );
    renderObservations(out, n, z, p, single);
    renderAdmissionFailures(out, n, z, p, single);
    const incs = t.incidents.filter((i) => i.node === n.name);
    if (incs.length === 0) {
      const none = noIncidentText(t, n.name);
      out.push(none === ALL_CLEAR ? p.green(none) : p.yellow(none));
    }
    for (const inc of incs) renderIncident(out, inc, z, p, single);
  }

  const notes = t.notes;
  if (notes.length > 0) {
    out.push('');
    out.push(p.bold('Notes on the evidence'));
    for (const n of notes) out.push(`  - ${safeText(n.text)}`);
  }
  if (opts.showUnrecognized && t.unrecognized.length > 0) {
    out.push('');
    out.push(p.bold('Unrecognized eviction-related lines'));
    for (const u of t.unrecognized) out.push(`  ${safeText(u.input)}:${u.line}: ${safeText(u.text)}`);
  }
  const c = t.counters;
  out.push('');
  out.push(
    p.dim(
      `Read ${num(c.lines)} lines: ${num(c.kubeletLines)} kubelet, ${num(c.events)} events, ${num(c.unrecognized)} unrecognized, ${num(c.skipped)} skipped${c.duplicates ? `, ${num(c.duplicates)} duplicate` : ''}.`,
    ),
  );
  const width = opts.width;
  const wrap = width !== undefined && width > 20;
  const lines = out.flatMap((l) =>
    l instanceof Code
      ? [l.text]
      : l instanceof Hang
        ? wrap
          ? wrapLine(l.text, width, l.hang)
          : [l.text]
        : wrap
          ? wrapLine(l, width)
          : [l],
  );
  return `${lines.join('\n')}\n`;
}

const cut = (s: string, max = 160) => (s.length > max ? `${s.slice(0, max)}…` : s);

function renderStarts(out: Out, n: NodeReport, z: Zone, p: Palette, single: boolean): void {
  // (a loop of alike starts or stops is one row, from its first to its last: loopRows)
  const when = (at: number, last: number, count: number) => (count > 1 ? `${wall(z, at)} … ${wallShort(z, last, at)}` : wall(z, at));
  if (n.kubeletStarts.length > 0) out.push(p.bold('Kubelet starts'));
  for (const { first: s, last, count } of loopRows(n.kubeletStarts, alikeStarts)) {
    const label = count > 1 ? `×${num(count)}` : s.pid !== undefined ? `pid ${s.pid}` : 'pid ?';
    const failed = s.failed ? p.red(`start failed: ${safeText(cut(s.failed.error))}`) : '';
    const ev =
      count > 1
        ? [s.evidence, last.evidence]
        : s.failed
          ? [s.evidence, s.failed.evidence].filter((r, i, all) => all.findIndex((x) => x.line === r.line) === i)
          : [s.evidence];
    out.push(
      `  ${when(s.at, last.at, count)}  ${label.padEnd(10)} ${[s.version ? safeText(s.version) : '', failed].filter(Boolean).join('  ')}`.trimEnd() +
        `  ${p.dim(refs(ev, single))}`,
    );
  }
  if (n.kubeletStops.length > 0) out.push(p.bold('Kubelet stops'));
  for (const { first: s, last, count } of loopRows(n.kubeletStops, alikeStops)) {
    out.push(
      `  ${when(s.at, last.at, count)}  ${(s.status ? `exit ${safeText(s.status)}` : '').padEnd(14)} ${safeText(cut(s.detail))}${count > 1 ? ` ×${num(count)}` : ''}  ${p.dim(refs(count > 1 ? [s.evidence, last.evidence] : [s.evidence], single))}`,
    );
  }
}

const MAX_ADMISSION_ROWS = 20;

/** Pods not admitted for another cause than pressure: listed, never an incident. */
function renderAdmissionFailures(out: Out, n: NodeReport, z: Zone, p: Palette, single: boolean): void {
  const fs = n.admissionFailures;
  if (fs.length === 0) return;
  const total = fs.reduce((a, f) => a + f.count, 0);
  out.push(p.bold(`Pods not admitted, not for pressure (${num(total)})`));
  for (const f of fs.slice(0, MAX_ADMISSION_ROWS)) {
    const span =
      f.count > 1 && f.last !== f.first
        ? `${wallShort(z, f.first, n.firstSeen)} … ${wallShort(z, f.last, n.firstSeen)}`
        : wallShort(z, f.first, n.firstSeen);
    out.push(
      `  ${span.padEnd(19)}  ${safeText(f.reason)}${f.count > 1 ? ` ×${num(f.count)}` : ''}  ${safeText(f.pod)}${f.message ? `: ${safeText(cut(f.message, 120))}` : ''}  ${p.dim(refs([f.evidence], single))}`,
    );
  }
  if (fs.length > MAX_ADMISSION_ROWS) out.push(p.dim(`  … and ${num(fs.length - MAX_ADMISSION_ROWS)} more (see -o json)`));
}

function renderThresholds(out: Out, n: NodeReport, z: Zone, p: Palette, single: boolean, renamed: boolean): void {
  out.push(p.bold('Eviction thresholds'));
  if (n.thresholds.length === 0) {
    out.push(
      p.dim(
        renamed
          ? '  not stated under this name: the hostname changed while the kubelet ran (see the notes); its start-up lines are under the name it started with'
          : '  not stated in this journal (no kubelet start-up lines)',
      ),
    );
    return;
  }
  for (const t of n.thresholds) {
    const src = SOURCE_LABEL[t.source];
    const cut = t.truncated ? p.yellow(' (line cut short)') : '';
    const hard = t.partial && t.hard.length === 0 ? '(not shown)' : thresholds(t.hard);
    const extra = [
      t.maxPodGracePeriodSeconds !== undefined ? `max pod grace ${t.maxPodGracePeriodSeconds}s` : '',
      t.pressureTransitionSeconds !== undefined ? `transition ${t.pressureTransitionSeconds}s` : '',
    ].filter(Boolean);
    out.push(
      `  ${wall(z, t.at)}  ${src.padEnd(11)} hard: ${safeText(hard)}${cut}${extra.length ? `  (${extra.join(', ')})` : ''}  ${p.dim(refs([t.evidence], single))}`,
    );
    if (t.soft !== undefined) {
      const soft = t.soft.map(
        (s) => `${formatThreshold(s)}${s.gracePeriodSeconds !== undefined ? ` (grace ${s.gracePeriodSeconds}s)` : ''}`,
      );
      out.push(`  ${' '.repeat(19)}  ${''.padEnd(11)} soft: ${safeText(soft.join('  ') || '(none)')}`);
    }
  }
  for (const c of n.thresholdChanges) {
    const [verb, what] =
      c.from === null
        ? ['added', `${c.signal}<${c.to}`]
        : c.to === null
          ? ['removed', `${c.signal}<${c.from}`]
          : ['changed', `${c.signal} ${c.from} → ${c.to}`];
    out.push(p.yellow(`  ${wall(z, c.at)}  ${verb.padEnd(11)} ${safeText(what)}`));
  }
  for (const d of n.droppedDefaults) {
    out.push(
      p.yellow(
        `  ${wall(z, d.at)}  ${p.bold('defaults dropped')}: ${safeText(d.signals.map(formatThreshold).join(', '))} (setting --eviction-hard replaces the whole default map)`,
      ),
    );
    const keep = keepingDropped(n, d);
    if (keep) {
      out.push(`  ${' '.repeat(19)}  to keep them:`);
      out.push(new Code(`      ${safeText(keep.flag)}`));
    }
  }
}

const SOURCE_LABEL: Record<NodeReport['thresholds'][number]['source'], string> = {
  'node-config': 'node config',
  flags: 'flags',
  'effective-config': 'config',
  'config-dump': 'config dump',
  'threshold-debug': 'debug (met)',
};

function renderObservations(out: Out, n: NodeReport, z: Zone, p: Palette, single: boolean): void {
  const series = Object.values(n.observations);
  const unobserved = Object.values(n.unobserved);
  if (series.length === 0 && unobserved.length === 0) return;
  out.push(p.bold('Observations (V3)'));
  for (const s of series) {
    const cap = Number.isFinite(s.min.capacity) ? ` of ${amount(s.min.capacity, s.signal)}` : '';
    out.push(
      `  ${safeText(s.signal).padEnd(28)} ×${num(s.count)}  lowest ${amount(s.min.available, s.signal)}${cap} at ${wallShort(z, s.min.at, n.firstSeen)}, last ${amount(s.last.available, s.signal)}  ${p.dim(refs([s.min.evidence], single))}`,
    );
  }
  for (const u of unobserved) {
    out.push(
      p.yellow(
        `  ${safeText(u.signal).padEnd(28)} ×${num(u.count)}  no observation${u.error ? ` (${safeText(u.error)})` : ''}  ${p.dim(refs([u.evidence], single))}`,
      ),
    );
  }
}

function stepLabel(s: Step): string {
  const title = KIND_INFO[s.kind].title;
  switch (s.kind) {
    case 'reclaim-attempt':
    case 'must-evict':
    case 'reclaim-without-eviction':
    case 'no-ranking-function':
      return `${title}: ${s.key}`;
    case 'pod-evicted':
    case 'pod-evict-failed':
    case 'pod-preempted':
    case 'pod-preempt-failed':
      return `${title}: ${s.key}`;
    case 'admission-rejected':
    case 'node-conditions':
      return `${title} [${s.key}]`;
    case 'node-pressure-reported':
    case 'node-pressure-cleared':
    case 'node-reclaim':
    case 'reclaim-error':
    case 'threshold-met':
    case 'grace-period-pending':
    case 'no-reclaim-for-threshold':
    case 'memcg-crossed':
    case 'stats-failed':
    case 'gc-failed':
    case 'kube-event':
    case 'image-remove-failed':
      return s.key ? `${title}: ${s.key}` : title;
    case 'transition-period':
      return `${title} [${s.key}]`;
    default:
      return title;
  }
}

/** Pods of a row grouped by workload: `ns/web-* (3), ns/db-0`. */
export function podSummary(pods: readonly string[]): string {
  if (pods.length === 0) return '';
  const groups = new Map<string, number>();
  for (const pod of pods) groups.set(workloadOf(pod), (groups.get(workloadOf(pod)) ?? 0) + 1);
  const parts = [...groups.entries()].map(([w, c]) => (c > 1 ? `${w} (${c})` : w));
  return parts.length > 4 ? `${parts.slice(0, 4).join(', ')}, +${parts.length - 4} more` : parts.join(', ');
}

function renderIncident(out: Out, inc: Incident, z: Zone, p: Palette, single: boolean): void {
  out.push('');
  out.push(p.bold(p.red(`Incident ${safeText(inc.id)}  ${safeText(incidentWhat(inc))}`)));
  const ended =
    inc.closedBy === 'ongoing'
      ? p.red('ONGOING at end of journal')
      : inc.closedBy === 'threshold-change'
        ? 'ended after a threshold change'
        : inc.closedBy === 'condition-cleared'
          ? 'ended: condition cleared'
          : inc.closedBy === 'no-resources-starved'
            ? 'ended: the kubelet reported no resources starved'
            : inc.closedBy === 'reclaimed'
              ? 'ended: reclaimed without evicting pods'
              : 'ended: no more pressure reported';
  out.push(`  ${wall(z, inc.start)} → ${wallShort(z, inc.end, inc.start)}  (${duration(inc.end - inc.start)}), ${ended}`);
  if (inc.evictionKinds.length > 0) out.push(`  kind: ${inc.evictionKinds.join(', ')}`);
  if (inc.thresholds.length > 0) out.push(`  thresholds in force: ${safeText(thresholds(inc.thresholds))}`);

  // Rows: collapsed steps and the restarts inside the incident, in time order.
  type Row = { at: number; text: string };
  const rows: Row[] = inc.steps.map((s) => {
    const span =
      s.count > 1 && s.last !== s.first
        ? `${wallShort(z, s.first, inc.start)} … ${wallShort(z, s.last, inc.start)}`
        : wallShort(z, s.first, inc.start);
    const count = s.count > 1 ? `×${num(s.count)}` : '';
    const pods = ['pod-evicted', 'pod-evict-failed', 'pod-preempted', 'pod-preempt-failed'].includes(s.kind) ? '' : podSummary(s.pods);
    // (cleanup rows name their pods through podSummary too)
    const label = safeText(stepLabel(s));
    const sev = KIND_INFO[s.kind].severity;
    const paint = sev === 'critical' ? p.red : sev === 'warning' ? p.yellow : id;
    return {
      at: s.first,
      text: `  ${span.padEnd(19)}  ${paint(label)}${count ? ` ${p.bold(count)}` : ''}${pods ? `  ${safeText(pods)}` : ''}  ${p.dim(refs([s.evidence], single))}`,
    };
  });
  for (const r of inc.restarts) {
    rows.push({
      at: r.at,
      text: `  ${wallShort(z, r.at, inc.start).padEnd(19)}  ${p.cyan(`Kubelet restarted${r.pid !== undefined ? ` (pid ${r.pid})` : ''}`)}  ${p.dim(refs([r.evidence], single))}`,
    });
  }
  rows.sort((a, b) => a.at - b.at);
  for (const r of rows) out.push(r.text);

  if (inc.statements.length > 0) {
    out.push(p.bold('  What happened'));
    for (const s of inc.statements) out.push(`   - ${safeText(s.text)} ${p.dim(refs(s.evidence, single))}`.trimEnd());
  }
  if (inc.remediation.length > 0) {
    out.push(p.bold('  What to do next'));
    inc.remediation.forEach((m, k) => {
      const lead = `   ${k + 1}. `;
      remedyBlocks(m).forEach((b, j) => {
        if (b.kind === 'p') {
          out.push(
            j === 0
              ? `${lead}${p.bold(`${safeText(m.title)}.`)} ${safeText(b.text)} ${p.dim(refs(m.evidence, single))}`.trimEnd()
              : new Hang(`${' '.repeat(lead.length)}${safeText(b.text)}`, lead.length),
          );
        } else for (const l of b.lines) out.push(new Code(`${' '.repeat(lead.length + 2)}${p.cyan(safeText(l))}`));
      });
    });
  }
}
