/**
 * The content of a postmortem report, shared by the Markdown and HTML
 * renderers so both say the same thing: plain strings (still unescaped: each
 * renderer escapes for its own syntax) and journal references, derived from
 * the timeline and laid out as the report reads top to bottom.
 */
import { safeText } from './sanitize.js';
import { KIND_INFO, type Severity, type Threshold } from '../model/events.js';
import type { Incident, NodeReport, Ref, Timeline } from '../timeline/model.js';
import { formatThreshold } from '../timeline/signals.js';
import type { Zone } from '../time/zone.js';
import { alikeStarts, duration, incidentWhat, loopRows, num, wall, wallShort, zoneLabel } from './format.js';
import { podSummary } from './text.js';
import { remedyAction, remedyBlocks, type Block } from './remedy.js';
import { keepingDropped } from '../timeline/remediation.js';

export interface SummaryRow {
  readonly node: string;
  readonly incidents: number;
  readonly durationMs: number;
  readonly resources: string[];
  readonly evicted: number;
  /** distinct pods rejected, and admissions rejected in all */
  readonly rejectedPods: number;
  readonly rejections: number;
  readonly starts: number;
}

export interface ThresholdRow {
  readonly time: string;
  readonly source: string;
  readonly hard: string;
  readonly soft: string;
  readonly evidence: Ref;
}

export interface ChangeRow {
  readonly time: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly signal: string;
  readonly from: string;
  readonly to: string;
  readonly evidence: Ref;
}

export interface NodeSection {
  readonly name: string;
  readonly seen: string;
  /** a start, or a loop of alike starts (`count` of them from `time` to `until`: `loopRows`) */
  readonly starts: Array<{ time: string; until: string; count: number; pid: string; version: string; failed: string; evidence: Ref[] }>;
  /** pods not admitted for another cause than pressure */
  readonly admissionFailures: Array<{ time: string; reason: string; pod: string; count: number; evidence: Ref }>;
  readonly thresholds: ThresholdRow[];
  readonly changes: ChangeRow[];
  /** defaults a restart dropped, and the flag that keeps them */
  readonly dropped: Array<{ time: string; signals: string; keep?: string; evidence: Ref }>;
}

export interface TimelineRow {
  readonly time: string;
  readonly event: string;
  readonly severity: Severity;
  readonly count: number;
  readonly details: string;
  readonly evidence: Ref;
}

export interface IncidentSection {
  readonly id: string;
  readonly node: string;
  readonly what: string;
  readonly resources: string[];
  readonly when: string;
  readonly ended: string;
  readonly ongoing: boolean;
  readonly thresholds: string;
  readonly rows: TimelineRow[];
  readonly statements: Array<{ text: string; evidence: Ref[] }>;
  /** what to do next: per step its title, its paragraphs and code, its evidence */
  readonly remediation: Array<{ title: string; blocks: Block[]; evidence: Ref[] }>;
  readonly evidence: Ref[];
}

/** One line of the short answer that opens a report: an incident in a sentence, and what to do. */
export interface AnswerItem {
  readonly node: string;
  readonly id: string;
  /** `DiskPressure on nodefs since 2017-10-16 06:00:05 (already under way when the journal begins), until 16:55:59 (10h 55m)` */
  readonly what: string;
  /** `no pods to evict ×3,935, 2,118 admissions rejected` */
  readonly facts: string;
  /** `ended by a threshold change (nodefs.available 10% → 5%), not by a fix` */
  readonly ended: string;
  readonly ongoing: boolean;
  /** the steps to take, in order, in a few words each, with the setting to copy where there is one */
  readonly todo: Array<{ text: string; code?: string }>;
  /** the node has other incidents in the answer: name this one */
  readonly named: boolean;
}

export interface ReportContent {
  readonly title: string;
  readonly window: string;
  readonly zone: string;
  readonly yearInferred: boolean;
  readonly summary: SummaryRow[];
  readonly total: SummaryRow | undefined;
  readonly nodes: NodeSection[];
  readonly incidents: IncidentSection[];
  /** the short answer: the first incidents (most severe first), and how many more there are */
  readonly answer: AnswerItem[];
  readonly answerMore: number;
  readonly notes: Array<{ text: string; evidence: Ref[] }>;
  readonly footer: string;
}

/** `samples/x.log:12`; standard input is `stdin`. */
export function refLabel(r: Ref): string {
  return `${r.input === '-' ? 'stdin' : safeText(r.input)}:${r.line}`;
}

/** Evidence grouped by input: `x.log:2, 3, 4; y.log:9`. */
export function refGroups(rs: readonly Ref[]): Array<{ input: string; lines: number[] }> {
  const by = new Map<string, number[]>();
  for (const r of rs) {
    const name = r.input === '-' ? 'stdin' : safeText(r.input);
    const l = by.get(name) ?? [];
    if (!l.includes(r.line)) l.push(r.line);
    by.set(name, l);
  }
  return [...by.entries()].map(([input, lines]) => ({ input, lines: lines.sort((a, b) => a - b) }));
}

const list = (ts: readonly Threshold[]) => ts.map(formatThreshold).join(', ');

function nodeTitle(nodes: readonly NodeReport[]): string {
  if (nodes.length === 0) return 'no node';
  const names = nodes.map((n) => n.name);
  if (names.length === 1) return names[0]!;
  return names.length <= 4 ? names.join(', ') : `${names.slice(0, 4).join(', ')} and ${names.length - 4} more nodes`;
}

function endedText(inc: Incident): string {
  switch (inc.closedBy) {
    case 'ongoing':
      return 'still ongoing at the end of the journal';
    case 'threshold-change':
      return 'ended after a threshold change';
    case 'condition-cleared':
      return 'ended: the node condition cleared';
    case 'no-resources-starved':
      return 'ended: the kubelet reported no resources starved';
    case 'reclaimed':
      return 'ended: reclaimed without evicting pods';
    case 'quiet':
      return 'ended: no more pressure reported';
  }
}

function summaryOf(node: string, incs: readonly Incident[], starts: number): SummaryRow {
  const resources: string[] = [];
  for (const i of incs) for (const r of i.resources.length ? i.resources : i.conditions) if (!resources.includes(r)) resources.push(r);
  const pods = new Set(incs.flatMap((i) => i.rejectedPods.map((r) => `${i.node}\u0000${r.pod}`)));
  return {
    node,
    incidents: incs.length,
    durationMs: incs.reduce((a, i) => a + (Number.isFinite(i.end - i.start) ? i.end - i.start : 0), 0),
    resources,
    evicted: incs.reduce((a, i) => a + i.evictedPods.length, 0),
    rejectedPods: pods.size,
    rejections: incs.reduce((a, i) => a + i.rejectedPods.reduce((b, r) => b + r.count, 0), 0),
    starts,
  };
}

/** Lay the timeline out as report content; times are wall times in `z`. */
export function reportContent(t: Timeline, z: Zone): ReportContent {
  const first = Math.min(...t.nodes.map((n) => n.firstSeen).filter(Number.isFinite));
  const last = Math.max(...t.nodes.map((n) => n.lastSeen).filter(Number.isFinite));
  const window = Number.isFinite(first) ? `${wall(z, first)} → ${wallShort(z, last, first)}` : 'no timestamps';
  const byNode = new Map<string, Incident[]>();
  for (const i of t.incidents) {
    const l = byNode.get(i.node) ?? [];
    l.push(i);
    byNode.set(i.node, l);
  }
  const summary = t.nodes.map((n) => summaryOf(n.name, byNode.get(n.name) ?? [], n.kubeletStarts.length));
  const total =
    t.nodes.length > 1
      ? summaryOf(
          'All nodes',
          t.incidents,
          t.nodes.reduce((a, n) => a + n.kubeletStarts.length, 0),
        )
      : undefined;

  const nodes: NodeSection[] = t.nodes.map((n) => ({
    name: n.name,
    seen: Number.isFinite(n.firstSeen) ? `${wall(z, n.firstSeen)} → ${wallShort(z, n.lastSeen, n.firstSeen)}` : 'no timestamps',
    starts: loopRows(n.kubeletStarts, alikeStarts).map(({ first: s, last, count }) => ({
      time: wall(z, s.at),
      until: count > 1 ? wallShort(z, last.at, s.at) : '',
      count,
      pid: s.pid !== undefined ? String(s.pid) : '?',
      version: s.version ?? '',
      failed: s.failed ? s.failed.error : '',
      evidence: count > 1 ? [s.evidence, last.evidence] : [s.evidence],
    })),
    admissionFailures: n.admissionFailures.map((f) => ({
      time: wall(z, f.first),
      reason: f.reason,
      pod: f.pod,
      count: f.count,
      evidence: f.evidence,
    })),
    thresholds: n.thresholds.map((s) => ({
      time: wall(z, s.at),
      source: `${s.source === 'node-config' ? 'node config' : 'flags'}${s.truncated ? ' (line cut short)' : ''}`,
      hard: list(s.hard) || '(none)',
      soft:
        s.soft === undefined
          ? '(not stated)'
          : s.soft
              .map((x) => `${formatThreshold(x)}${x.gracePeriodSeconds !== undefined ? ` (grace ${x.gracePeriodSeconds}s)` : ''}`)
              .join(', ') || '(none)',
      evidence: s.evidence,
    })),
    changes: n.thresholdChanges.map((c) => ({
      time: wall(z, c.at),
      change: c.from === null ? 'added' : c.to === null ? 'removed' : 'changed',
      signal: `${c.signal}${c.kind === 'soft' ? ' (soft)' : ''}`,
      from: c.from ?? '—',
      to: c.to ?? '—',
      evidence: c.evidence,
    })),
    dropped: n.droppedDefaults.map((d) => {
      const keep = keepingDropped(n, d);
      return { time: wall(z, d.at), signals: list(d.signals), ...(keep ? { keep: keep.flag } : {}), evidence: d.evidence };
    }),
  }));

  const incidents: IncidentSection[] = t.incidents.map((inc) => {
    const rows: Array<TimelineRow & { at: number }> = inc.steps.map((s) => {
      const span =
        s.count > 1 && s.last !== s.first
          ? `${wallShort(z, s.first, inc.start)} … ${wallShort(z, s.last, inc.start)}`
          : wallShort(z, s.first, inc.start);
      const pods = ['pod-evicted', 'pod-evict-failed', 'pod-preempted', 'pod-preempt-failed'].includes(s.kind) ? '' : podSummary(s.pods);
      const details = [s.key, pods].filter((x) => x !== '').join(': ');
      return {
        at: s.first,
        time: span,
        event: KIND_INFO[s.kind].title,
        severity: KIND_INFO[s.kind].severity,
        count: s.count,
        details,
        evidence: s.evidence,
      };
    });
    for (const r of inc.restarts) {
      rows.push({
        at: r.at,
        time: wallShort(z, r.at, inc.start),
        event: 'Kubelet restarted',
        severity: 'notice',
        count: 1,
        details: [r.pid !== undefined ? `pid ${r.pid}` : '', r.version ?? ''].filter(Boolean).join(', '),
        evidence: r.evidence,
      });
    }
    rows.sort((a, b) => a.at - b.at);
    return {
      id: inc.id,
      node: inc.node,
      what: incidentWhat(inc),
      resources: inc.resources,
      when: `${wall(z, inc.start)} → ${wallShort(z, inc.end, inc.start)} (${duration(inc.end - inc.start)})`,
      ended: endedText(inc),
      ongoing: inc.ongoing,
      thresholds: list(inc.thresholds) || 'not stated in this journal',
      rows: rows.map(({ at: _at, ...r }) => r),
      statements: inc.statements.map((s) => ({ text: s.text, evidence: [...s.evidence] })),
      remediation: inc.remediation.map((m) => ({ title: m.title, blocks: remedyBlocks(m), evidence: [...m.evidence] })),
      evidence: inc.evidence,
    };
  });
  // Nodes by their worst incident; a node's incidents in time order.
  const worst = new Map<string, number>();
  for (const i of t.incidents) worst.set(i.node, Math.max(worst.get(i.node) ?? -Infinity, severity(i)));
  const ranked = [...t.incidents].sort(
    (a, b) => worst.get(b.node)! - worst.get(a.node)! || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0) || a.start - b.start,
  );
  const answer = ranked.slice(0, MAX_ANSWER).map((inc, _k, shown) => ({
    ...answerOf(
      inc,
      t.nodes.find((n) => n.name === inc.node),
      t.gapMs,
      z,
    ),
    named: shown.filter((x) => x.node === inc.node).length > 1,
  }));

  const c = t.counters;
  return {
    title: `Kubelet eviction report: ${nodeTitle(t.nodes)}`,
    window,
    zone: zoneLabel(z, first),
    yearInferred: t.yearInferred,
    summary,
    total,
    nodes,
    incidents,
    answer,
    answerMore: Math.max(0, t.incidents.length - answer.length),
    notes: t.notes.map((n) => ({ text: n.text, evidence: n.evidence ? [...n.evidence] : [] })),
    footer: `Read ${num(c.lines)} lines: ${num(c.kubeletLines)} kubelet, ${num(c.events)} events, ${num(c.unrecognized)} unrecognized, ${num(c.skipped)} skipped${c.duplicates ? `, ${num(c.duplicates)} duplicate` : ''}.`,
  };
}

export { duration, num };

const MAX_ANSWER = 5;

/** Which incidents the short answer names first: ongoing, then evictions, then rejections and loops. */
function severity(i: Incident): number {
  const rejections = i.rejectedPods.reduce((a, r) => a + r.count, 0);
  return (
    (i.ongoing ? 1e12 : 0) +
    i.evictedPods.length * 1e6 +
    rejections * 10 +
    i.noPodsToEvict +
    (Number.isFinite(i.end - i.start) ? (i.end - i.start) / 1e9 : 0)
  );
}

function answerOf(inc: Incident, node: NodeReport | undefined, gapMs: number, z: Zone): AnswerItem {
  const cond = inc.conditions.length > 0 ? inc.conditions.join(' and ') : 'Pressure';
  const on = inc.resources.length > 0 ? ` on ${inc.resources.join(', ')}` : '';
  // A journal that begins inside the incident cannot say when it began (the 10 s loop: a minute is enough).
  const before =
    node !== undefined &&
    Number.isFinite(node.firstSeen) &&
    inc.start - node.firstSeen <= 60_000 &&
    !node.kubeletStarts.some((s) => s.at <= inc.start);
  const since = `since ${wall(z, inc.start)}${before ? ' (already under way when the journal begins)' : ''}`;
  const until = inc.ongoing
    ? ', still ongoing at the end of the journal'
    : `, until ${wallShort(z, inc.end, inc.start)} (${duration(inc.end - inc.start)})`;
  const rejections = inc.rejectedPods.reduce((a, r) => a + r.count, 0);
  const facts = [
    inc.evictedPods.length > 0 ? `${num(inc.evictedPods.length)} pod${inc.evictedPods.length === 1 ? '' : 's'} evicted` : '',
    inc.noPodsToEvict > 0 ? `no pods to evict ×${num(inc.noPodsToEvict)}` : '',
    rejections > 0 ? `${num(rejections)} admission${rejections === 1 ? '' : 's'} rejected` : '',
    inc.evictedPods.length === 0 && inc.noPodsToEvict === 0 && inc.reclaimAttempts > 0
      ? `${num(inc.reclaimAttempts)} reclaim attempt${inc.reclaimAttempts === 1 ? '' : 's'}`
      : '',
  ].filter(Boolean);
  let ended = '';
  if (inc.closedBy === 'threshold-change' && node) {
    const changes = node.thresholdChanges.filter((c) => c.at >= inc.end && c.at - inc.end <= gapMs && c.from !== null && c.to !== null);
    ended = `ended by a threshold change${changes.length > 0 ? ` (${changes.map((c) => `${c.signal} ${c.from} → ${c.to}`).join(', ')})` : ''}, not by a fix`;
  } else if (inc.closedBy === 'condition-cleared') ended = 'the condition cleared';
  else if (inc.closedBy === 'quiet') ended = 'no more pressure reported';
  else if (inc.closedBy === 'reclaimed') ended = 'reclaimed without evicting pods';
  return {
    node: inc.node,
    id: inc.id,
    what: `${cond}${on} ${since}${until}`,
    facts: facts.join(', '),
    ended,
    ongoing: inc.ongoing,
    todo: inc.remediation.map(remedyAction).filter((x) => x !== undefined),
    named: false,
  };
}
