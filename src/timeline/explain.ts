/**
 * Plain-language explanation of an incident, derived from its counters and
 * the node's thresholds, never canned: each statement exists only when the
 * data behind it does, and cites the lines that support it.
 */
import type { Incident, NodeReport, Ref, Statement, Step } from './model.js';
import { describeResource, formatThreshold, signalsOf } from './signals.js';
import type { EventKind, Threshold } from '../model/events.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function stepRefs(inc: Incident, ...kinds: EventKind[]): Ref[] {
  return inc.steps.filter((s: Step) => kinds.includes(s.kind)).map((s) => s.evidence);
}

function andList(xs: readonly string[]): string {
  return xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

function list(xs: readonly string[], max = 5): string {
  if (xs.length <= max) return xs.join(', ');
  return `${xs.slice(0, max).join(', ')} and ${xs.length - max} more`;
}

/** The thresholds among `ts` that answer to the incident's resources. */
function relevantThresholds(inc: Incident, ts: readonly Threshold[]): Threshold[] {
  if (inc.resources.length === 0) return [...ts];
  const signals = new Set(inc.resources.flatMap((r) => signalsOf(r)));
  return ts.filter((t) => signals.has(t.signal));
}

export function explain(inc: Incident, node: NodeReport, gapMs: number): Statement[] {
  const out: Statement[] = [];
  const say = (text: string, evidence: Ref[]) => out.push({ text, evidence: evidence.slice(0, 8) });

  // 1. What was under pressure.
  const what =
    inc.resources.length > 0
      ? inc.resources.map(describeResource).join(' and ')
      : inc.conditions.length > 0
        ? inc.conditions.join(' and ')
        : 'resources';
  if (inc.reclaimAttempts > 0) {
    say(
      `The kubelet found ${what} below its eviction threshold and tried to reclaim it ${plural(inc.reclaimAttempts, 'time')}.`,
      stepRefs(inc, 'reclaim-attempt'),
    );
  } else {
    say(`The node reported ${what} under pressure.`, inc.steps.slice(0, 1).map((s) => s.evidence));
  }

  // 2. Which threshold was in force.
  const rel = relevantThresholds(inc, inc.thresholds);
  const stated = node.thresholds.find((t) => t.at === inc.thresholdsStatedAt);
  if (rel.length > 0 && stated) {
    const when = inc.thresholdsStatedAt > inc.start ? ' (as the kubelet stated when it restarted during the incident)' : '';
    say(
      `The hard eviction threshold in force was ${rel.map(formatThreshold).join(', ')}${when}.`,
      [stated.evidence],
    );
  }

  // 3. What the kubelet could do about it.
  if (inc.reclaimedWithoutEviction > 0) {
    say(
      `Node-level reclaim (image and container garbage collection) relieved the pressure without evicting pods ${plural(inc.reclaimedWithoutEviction, 'time')}.`,
      stepRefs(inc, 'reclaim-without-eviction'),
    );
  }
  if (inc.noPodsToEvict > 0 && inc.evictedPods.length === 0) {
    say(
      `Each time it found no pods active to evict (${plural(inc.noPodsToEvict, 'time')}): the pressure came from outside the pods — the node's own files, logs or images — so evicting could not relieve it.`,
      stepRefs(inc, 'no-pods-to-evict'),
    );
  } else if (inc.noPodsToEvict > 0) {
    say(`${plural(inc.noPodsToEvict, 'time')} it found no pods active to evict.`, stepRefs(inc, 'no-pods-to-evict'));
  }
  if (inc.noRankingFunction.length > 0) {
    say(
      `It had no ranking function for ${inc.noRankingFunction.join(', ')}, so it could not choose a pod to evict.`,
      stepRefs(inc, 'no-ranking-function'),
    );
  }
  if (inc.criticalPods.length > 0) {
    say(
      `It ranked critical pods it will not evict: ${list(inc.criticalPods)}.`,
      stepRefs(inc, 'critical-pod'),
    );
  }
  if (inc.unableToEvict > 0) {
    say(`It was unable to evict any pod ${plural(inc.unableToEvict, 'time')}.`, stepRefs(inc, 'unable-to-evict'));
  }
  if (inc.evictedPods.length > 0) {
    const pods = [...new Set(inc.evictedPods.map((p) => p.pod))];
    say(`It evicted ${plural(inc.evictedPods.length, 'pod')}: ${list(pods)}.`, stepRefs(inc, 'pod-evicted'));
  }
  if (inc.evictFailures.length > 0) {
    say(
      `Evicting failed ${plural(inc.evictFailures.length, 'time')} (${list([...new Set(inc.evictFailures.map((f) => f.pod))])}).`,
      stepRefs(inc, 'pod-evict-failed'),
    );
  }

  // 4. What it did to new pods.
  if (inc.rejectedPods.length > 0) {
    const total = inc.rejectedPods.reduce((a, r) => a + r.count, 0);
    const conds = [...new Set(inc.rejectedPods.flatMap((r) => r.conditions))];
    say(
      `While ${conds.join(' and ') || 'the condition'} held, it rejected ${plural(total, 'pod admission')} (${plural(inc.rejectedPods.length, 'distinct pod')}), which is why new pods stayed Pending or failed.`,
      stepRefs(inc, 'admission-rejected'),
    );
  }

  // 5. Restarts and what changed.
  for (const r of inc.restarts) {
    const changes = node.thresholdChanges.filter((c) => Math.abs(c.at - r.at) <= 60_000);
    if (changes.length === 0) {
      say(`The kubelet restarted${r.pid !== undefined ? ` (pid ${r.pid})` : ''}; the pressure continued.`, [r.evidence]);
    }
  }
  const endChanges = node.thresholdChanges.filter((c) => c.at >= inc.end && c.at - inc.end <= gapMs);
  if (inc.closedBy === 'threshold-change' && endChanges.length > 0) {
    const changed = endChanges.filter((c) => c.from !== null && c.to !== null);
    const words = changed.map((c) => `${c.signal} ${c.from} → ${c.to}`);
    say(
      `The kubelet then restarted with ${words.length > 0 ? words.join(', ') : 'other thresholds'} and reported no pressure after that: the threshold change ended the incident, not a fix of what filled the ${inc.resources.length > 0 ? 'resource' : 'node'}.`,
      [endChanges[0]!.evidence],
    );
  }
  for (const d of node.droppedDefaults) {
    const during = d.at >= inc.start && d.at <= inc.end;
    const atEnd = inc.closedBy === 'threshold-change' && d.at >= inc.end && d.at - inc.end <= gapMs;
    if (during || atEnd) {
      say(
        `${atEnd ? 'The same restart' : `The restart at line ${d.evidence.line}`} dropped ${andList(d.signals.map(formatThreshold))}: setting --eviction-hard replaces the kubelet's whole default map, so those signals are no longer protected.`,
        [d.evidence],
      );
    }
  }
  if (inc.closedBy === 'condition-cleared') {
    say('The node condition cleared.', stepRefs(inc, 'node-pressure-cleared'));
  }
  if (inc.ongoing) {
    say('The journal ends while the kubelet still reports pressure: the incident is ongoing.', []);
  }
  return out;
}
