/**
 * Plain-language explanation of an incident, derived from its counters and
 * the node's thresholds, never canned: each statement exists only when the
 * data behind it does, and cites the lines that support it.
 */
import type { Incident, NodeReport, Ref, Statement, Step, Timeline } from './model.js';
import { describeResource, formatThreshold, signalsOf } from './signals.js';
import type { EventKind, Threshold } from '../model/events.js';
import { thresholdValue } from '../classify/values.js';
import { num } from '../model/number.js';

const plural = (n: number, one: string, many = `${one}s`) => `${num(n)} ${n === 1 ? one : many}`;

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

const GI = 2 ** 30;
const MI = 2 ** 20;
/** Bytes in words: `6.3 GiB`; counts (inodes, pids) stay plain numbers. */
export function amount(value: number, signal = ''): string {
  if (!Number.isFinite(value)) return '?';
  if (/inode|pid/i.test(signal)) return num(Math.round(value));
  const a = Math.abs(value);
  if (a >= 2 ** 60) return `${(value / 2 ** 60).toFixed(1)} EiB`;
  if (a >= 2 ** 40) return `${(value / 2 ** 40).toFixed(1)} TiB`;
  if (a >= GI) return `${(value / GI).toFixed(1)} GiB`;
  if (a >= MI) return `${(value / MI).toFixed(1)} MiB`;
  return `${num(Math.round(value))} bytes`;
}

const cut = (s: string, max = 160) => (s.length > max ? `${s.slice(0, max)}…` : s);

function countOf(inc: Incident, kind: EventKind): number {
  return inc.steps.filter((s) => s.kind === kind).reduce((a, s) => a + s.count, 0);
}

// MaxInt64 ("free everything") as a double: 9223372036854775807 rounds to 2^63.
const MAX_INT64 = 2 ** 63;

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
  const preemptionOnly = inc.evictionKinds.length > 0 && inc.evictionKinds.every((k) => k === 'critical-pod-preemption');
  if (preemptionOnly) {
    const p = inc.preemption;
    const did = p && p.resources.length > 0 ? ` (not enough ${andList(p.resources)} for its requests)` : '';
    const forPod = p && p.for.length > 0 ? ` ${list(p.for)}` : '';
    say(
      `To admit the critical pod${forPod}, which did not fit${did}, the kubelet preempted pods (pkg/kubelet/preemption): the node was full by requests, not under resource pressure; no eviction threshold was involved.`,
      stepRefs(inc, 'preemption-attempt', 'pod-preempted', 'pod-preempt-failed'),
    );
  } else if (
    inc.reclaimAttempts === 0 &&
    inc.resources.length === 1 &&
    inc.resources[0] === 'imagefs' &&
    inc.conditions.length === 0 &&
    countOf(inc, 'node-reclaim') === 0
  ) {
    say(
      'Image garbage collection worked on the image filesystem (no eviction-manager pressure lines).',
      inc.steps.slice(0, 1).map((s) => s.evidence),
    );
  } else if (inc.reclaimAttempts > 0) {
    say(
      `The kubelet found ${what} below its eviction threshold and tried to reclaim it ${plural(inc.reclaimAttempts, 'time')}.`,
      stepRefs(inc, 'reclaim-attempt'),
    );
  } else if (countOf(inc, 'node-reclaim') > 0 && inc.conditions.length === 0) {
    say(
      'The eviction manager reclaimed at node level (its reclaim step, which runs only when a threshold is met).',
      stepRefs(inc, 'node-reclaim'),
    );
  } else {
    // A condition already says "pressure" (`DiskPressure`); a resource or signal does not.
    const named = inc.resources.length === 0 && inc.conditions.length > 0;
    say(
      named ? `The node reported ${what}.` : `The node reported ${what} under pressure.`,
      inc.steps.slice(0, 1).map((s) => s.evidence),
    );
  }

  // 2. Which threshold was in force.
  const rel = relevantThresholds(inc, inc.thresholds);
  const stated = node.thresholds.find((t) => t.at === inc.thresholdsStatedAt);
  if (rel.length > 0 && stated) {
    const when = inc.thresholdsStatedAt > inc.start ? ' (as the kubelet stated when it restarted during the incident)' : '';
    say(`The hard eviction threshold in force was ${rel.map(formatThreshold).join(', ')}${when}.`, [stated.evidence]);
  }

  // 2b. What the kubelet saw, against the threshold.
  for (const o of inc.observed) {
    const thr = o.threshold ? thresholdValue(o.threshold) : undefined;
    let against = '';
    if (thr && o.threshold) {
      const abs = thr.percent && o.capacity !== undefined ? thr.value * o.capacity : thr.percent ? NaN : thr.value;
      const absText = thr.percent && Number.isFinite(abs) ? ` = ${amount(abs, o.signal)}` : '';
      against = ` against the threshold ${o.signal}<${o.threshold}${absText}`;
    }
    const of = o.capacity !== undefined ? ` of ${amount(o.capacity, o.signal)}` : '';
    const neg =
      o.value < 0
        ? " A negative available value is the kubelet's own accounting going wrong (a known bug of some versions), not real usage."
        : '';
    say(`It observed ${o.signal} down to ${o.available} (${amount(o.value, o.signal)})${of} available${against}.${neg}`, [o.evidence]);
  }
  if (inc.softThresholdsMet.length > 0) {
    say(
      `Soft threshold(s) met: ${inc.softThresholdsMet.map((t) => `${formatThreshold(t)}${t.gracePeriodSeconds ? ` (grace ${t.gracePeriodSeconds}s)` : ''}`).join(', ')}; the kubelet waits out the grace period before it evicts.`,
      stepRefs(inc, 'grace-period-pending'),
    );
  }
  const memcg = countOf(inc, 'memcg-crossed');
  if (memcg > 0) {
    say(`The kernel memcg notifier reported the memory threshold crossed ${plural(memcg, 'time')}.`, stepRefs(inc, 'memcg-crossed'));
  }
  const noReclaim = inc.steps.filter((s) => s.kind === 'no-reclaim-for-threshold').map((s) => s.key);
  if (noReclaim.length > 0) {
    say(
      `The kubelet has no reclaim for ${noReclaim.join(', ')}, so it could not act on that threshold.`,
      stepRefs(inc, 'no-reclaim-for-threshold'),
    );
  }

  // 3. What the kubelet could do about it.
  if (inc.imageGc) {
    const g = inc.imageGc;
    say(
      `Image garbage collection found the image filesystem at ${g.usagePercent}% (high threshold ${Number.isFinite(g.highPercent) ? `${g.highPercent}%` : 'cut from the line'}) and tried to free ${amount(g.bytesToFree)}${g.lowPercent !== undefined ? ` to get down to ${g.lowPercent}%` : ''}.`,
      [g.evidence],
    );
  }
  const reclaimRuns = countOf(inc, 'node-reclaim');
  if (reclaimRuns > 0 || inc.imagesRemoved > 0 || inc.imageRemovalFailures) {
    const targets = [...new Set(inc.steps.filter((s) => s.kind === 'node-reclaim').map((s) => s.key))];
    const removed =
      inc.imagesRemoved > 0
        ? `${reclaimRuns > 0 ? '; ' : ': '}${plural(inc.imagesRemoved, 'image')} removed, freeing ${amount(inc.bytesFreed)}`
        : '';
    if (reclaimRuns > 0 || inc.imagesRemoved > 0) {
      say(
        `${reclaimRuns > 0 ? `The eviction manager reclaimed at node level first (deleting unused ${andList(targets)})` : 'Images were garbage-collected'}${removed}.`,
        stepRefs(inc, 'node-reclaim', 'image-removed'),
      );
    }
    const f = inc.imageRemovalFailures;
    if (f) {
      say(
        `The container runtime refused ${plural(f.count, 'image removal')} (${cut(f.error)}): ${f.count === 1 ? 'that image' : 'those images'} freed nothing.`,
        [f.evidence, ...stepRefs(inc, 'image-remove-failed')],
      );
    }
  }
  if (inc.reclaimFailure) {
    const f = inc.reclaimFailure;
    const want =
      f.wantedBytes === undefined
        ? ''
        : f.wantedBytes >= MAX_INT64
          ? 'asked to free everything it could (MaxInt64 bytes)'
          : `wanted to free ${amount(f.wantedBytes)}`;
    const short = cut(f.error);
    say(`Node-level reclaim fell short${want ? `: it ${want} but freed ${amount(f.freedBytes ?? 0)}` : ''} (${short}).`, [f.evidence]);
  }
  const stats = countOf(inc, 'stats-failed');
  if (stats > 0) {
    say(
      `The eviction manager could not read summary stats ${plural(stats, 'time')}; it could not judge pressure on those passes.`,
      stepRefs(inc, 'stats-failed'),
    );
  }
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
    say(`It ranked critical pods it will not evict: ${list(inc.criticalPods)}.`, stepRefs(inc, 'critical-pod'));
  }
  if (inc.unableToEvict > 0) {
    say(`It was unable to evict any pod ${plural(inc.unableToEvict, 'time')}.`, stepRefs(inc, 'unable-to-evict'));
  }
  const preempted = inc.evictedPods.filter((p) => p.cause === 'preemption');
  if (preempted.length > 0) {
    say(
      `It preempted ${plural(preempted.length, 'pod')} to admit a critical pod (killed with reason Preempting, not evicted for pressure): ${list([...new Set(preempted.map((p) => p.pod))])}.`,
      stepRefs(inc, 'pod-preempted'),
    );
  }
  const preemptFailures = inc.evictFailures.filter((f) => f.cause === 'preemption');
  if (preemptFailures.length > 0) {
    const errors = [...new Set(preemptFailures.map((f) => f.error).filter((e): e is string => !!e))];
    say(
      `Preempting failed ${plural(preemptFailures.length, 'time')} (${list([...new Set(preemptFailures.map((f) => f.pod))])}${errors.length > 0 ? `: ${cut(errors[0]!, 120)}` : ''}).`,
      stepRefs(inc, 'pod-preempt-failed'),
    );
  }
  const pressureEvicted = inc.evictedPods.filter((p) => p.cause !== 'preemption');
  if (pressureEvicted.length > 0) {
    const local = pressureEvicted.filter((p) => p.cause === 'local-storage');
    const rest = pressureEvicted.filter((p) => p.cause !== 'local-storage');
    if (rest.length > 0) {
      const pods = [...new Set(rest.map((p) => p.pod))];
      say(`It evicted ${plural(rest.length, 'pod')}: ${list(pods)}.`, stepRefs(inc, 'pod-evicted', 'cleanup-wait', 'evicted-event'));
    }
    if (local.length > 0) {
      say(
        `It evicted ${plural(local.length, 'pod')} for exceeding an ephemeral-storage limit (emptyDir, pod or container limit), not because the node crossed a threshold: ${list([...new Set(local.map((p) => p.pod))])}.`,
        stepRefs(inc, 'pod-evicted', 'evicting-pod', 'evicted-event'),
      );
    }
  } else if (preempted.length === 0) {
    const evicting = [...new Set(inc.steps.filter((s) => s.kind === 'evicting-pod' || s.kind === 'evicted-event').flatMap((s) => s.pods))];
    if (evicting.length > 0) say(`It started evicting ${list(evicting)}.`, stepRefs(inc, 'evicting-pod', 'evicted-event'));
  }
  const timeouts = countOf(inc, 'cleanup-timeout');
  if (timeouts > 0) {
    say(
      `It timed out waiting for evicted pods to be cleaned up ${plural(timeouts, 'time')} (30 s each).`,
      stepRefs(inc, 'cleanup-timeout'),
    );
  }
  const evictFailures = inc.evictFailures.filter((f) => f.cause !== 'preemption');
  if (evictFailures.length > 0) {
    say(
      `Evicting failed ${plural(evictFailures.length, 'time')} (${list([...new Set(evictFailures.map((f) => f.pod))])}).`,
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
  if (inc.closedBy === 'no-resources-starved') {
    say('The kubelet then reported that no resources are starved: the pressure was over.', stepRefs(inc, 'no-resources-starved'));
  }
  if (inc.closedBy === 'reclaimed') {
    say(
      'The last eviction-manager cycle reclaimed enough without evicting pods, and no pressure was reported after it: the pressure was over.',
      stepRefs(inc, 'reclaim-without-eviction'),
    );
  }
  if (inc.ongoing) {
    // (stopped after its last pressure sign, and not started again: the journal ends with the kubelet gone, not reporting)
    const stop = node.kubeletStops.find((x) => x.at >= inc.end);
    if (stop && !node.kubeletStarts.some((x) => x.at > stop.at))
      say(
        'The kubelet was stopped after its last pressure report, and the journal shows no start after it: nothing said the pressure ended, so the incident is ongoing as far as the journal goes.',
        [stop.evidence],
      );
    else say('The journal ends while the kubelet still reports pressure: the incident is ongoing.', []);
  }
  return out;
}

/**
 * What a report says of a node (or of the whole input) without an incident: no pressure, unless
 * the eviction manager's own lines say it reclaimed (the note `reclaim-without-incident`): no
 * all-clear then.
 */
export function noIncidentText(t: Timeline, node?: string): string {
  return t.notes.some((n) => n.kind === 'reclaim-without-incident' && (node === undefined || n.node === node))
    ? 'No incident could be placed, but the eviction manager reclaimed resources: see the notes on the evidence.'
    : ALL_CLEAR;
}
export const ALL_CLEAR = 'No resource pressure seen.';
