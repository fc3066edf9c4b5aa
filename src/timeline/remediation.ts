/**
 * What to do next about an incident, derived from its evidence like the explanation: each step
 * exists only when the data behind it does, and cites the lines it rests on. The steps say
 * which filesystem a signal watches and how to find what fills it, whether a threshold change
 * was a stop-gap, and the threshold setting that keeps the kubelet's defaults, in the form this
 * kubelet takes it (flags or a KubeletConfiguration file).
 */
import { thresholdValue } from '../classify/values.js';
import type { Threshold } from '../model/events.js';
import { defaultHard, minorVersion, osOf } from './defaults.js';
import { amount } from './explain.js';
import type {
  DroppedDefaults,
  Incident,
  NodeReport,
  Ref,
  Remedy,
  Step,
  SuggestedThresholds,
  ThresholdChange,
  ThresholdStatement,
} from './model.js';
import { formatThreshold, signalsOf } from './signals.js';
import { num } from '../model/number.js';

const plural = (n: number, one: string, many = `${one}s`) => `${num(n)} ${n === 1 ? one : many}`;

function andList(xs: readonly string[]): string {
  return xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

function stepRefs(inc: Incident, ...kinds: Step['kind'][]): Ref[] {
  return inc.steps.filter((s) => kinds.includes(s.kind)).map((s) => s.evidence);
}

/** Each line once, in order. */
function uniq(rs: readonly Ref[]): Ref[] {
  const out: Ref[] = [];
  for (const r of rs) if (!out.some((x) => x.input === r.input && x.line === r.line)) out.push(r);
  return out;
}

const sameSet = (a: readonly Threshold[], b: readonly Threshold[]) =>
  a.length === b.length && a.every((x) => b.some((y) => y.signal === x.signal && y.value === x.value));

// ---------------------------------------------------------------------------------------------
// Threshold settings

/** The thresholds, sorted by signal (as the kubelet's own FLAG line prints them). */
function sorted(ts: readonly Threshold[]): Threshold[] {
  return [...ts]
    .map((t) => ({ signal: t.signal, value: t.value }))
    .sort((a, b) => (a.signal < b.signal ? -1 : a.signal > b.signal ? 1 : 0));
}

/** `--eviction-hard=a<1,b<2` */
export function evictionHardFlag(ts: readonly Threshold[]): string {
  return `--eviction-hard=${sorted(ts).map(formatThreshold).join(',')}`;
}

/** The `evictionHard:` map of a KubeletConfiguration file. */
export function evictionHardConfig(ts: readonly Threshold[]): string {
  return ['evictionHard:', ...sorted(ts).map((t) => `  ${t.signal}: "${t.value}"`)].join('\n');
}

/** The kubelet start a statement belongs to: the one with its pid, else the last one before it. */
function startOf(node: NodeReport, st: ThresholdStatement) {
  if (st.pid !== undefined) {
    const byPid = node.kubeletStarts.find((s) => s.pid === st.pid);
    if (byPid) return byPid;
  }
  let best: NodeReport['kubeletStarts'][number] | undefined;
  for (const s of node.kubeletStarts) if (s.at <= st.at) best = s;
  return best;
}

/** The version of the kubelet that made a statement (its start's, else any start's of the node). */
function versionOf(node: NodeReport, st: ThresholdStatement): string | undefined {
  return startOf(node, st)?.version ?? node.kubeletStarts.find((s) => s.version)?.version;
}

/**
 * How this kubelet takes its thresholds, as far as the journal tells: a configuration dump
 * shows a KubeletConfiguration; a FLAG dump of the same start that disagrees with the Node
 * Config line shows that a file set them (FLAG lines are blind to the file); one that agrees,
 * or a kubelet older than 1.10 (no `--config` file yet), shows flags.
 */
function formOf(node: NodeReport, st: ThresholdStatement, version: string | undefined): SuggestedThresholds['form'] {
  if (node.thresholds.some((s) => s.source === 'effective-config' || s.source === 'config-dump')) return 'config-file';
  const start = startOf(node, st);
  const same = node.thresholds.filter((s) => !s.partial && !s.truncated && startOf(node, s) === start);
  const flags = same.find((s) => s.source === 'flags');
  const nc = same.find((s) => s.source === 'node-config');
  if (flags && nc) return sameSet(flags.hard, nc.hard) ? 'flags' : 'config-file';
  if (flags) return 'flags';
  const v = minorVersion(version);
  if (v && v[0] === 1 && v[1] < 10) return 'flags';
  return 'unknown';
}

function suggest(node: NodeReport, st: ThresholdStatement, hard: readonly Threshold[]): SuggestedThresholds {
  const version = versionOf(node, st);
  const h = sorted(hard);
  return {
    form: formOf(node, st, version),
    hard: h,
    flag: evictionHardFlag(h),
    config: evictionHardConfig(h),
    ...(version ? { defaultsOf: version } : {}),
  };
}

/** The defaults of this kubelet that a stated hard set lacks. */
function missingDefaults(node: NodeReport, st: ThresholdStatement): Threshold[] {
  if (st.partial || st.truncated) return [];
  const version = versionOf(node, st);
  const os = osOf(
    node.thresholds.filter((s) => !s.partial).map((s) => s.hard),
    version,
  );
  // Without a version, the defaults this statement replaced are the ones a change shows dropped.
  const defaults =
    defaultHard(version, os) ??
    node.droppedDefaults
      .filter((d) => d.evidence.line === st.evidence.line && d.evidence.input === st.evidence.input)
      .flatMap((d) => d.signals);
  return defaults.filter((d) => !st.hard.some((h) => h.signal === d.signal));
}

/** The statement of thresholds a change was read from (a change cites the statement's line). */
function statementOf(node: NodeReport, c: ThresholdChange): ThresholdStatement | undefined {
  return node.thresholds.find((s) => s.evidence.input === c.evidence.input && s.evidence.line === c.evidence.line);
}

/** The statement behind the thresholds the incident ran under. */
function inForce(node: NodeReport, inc: Incident): ThresholdStatement | undefined {
  if (!Number.isFinite(inc.thresholdsStatedAt)) return undefined;
  return node.thresholds.find((s) => s.at === inc.thresholdsStatedAt && !s.partial && sameSet(s.hard, inc.thresholds));
}

// ---------------------------------------------------------------------------------------------
// Resources

type Fs = 'nodefs' | 'imagefs' | 'both';
const DISK = /^(nodefs|imagefs|ephemeral-storage|inodes|containerfs|allocatableNodeFs)/i;

function fsOf(resource: string): Fs | undefined {
  if (/^(nodefs|allocatableNodeFs)/i.test(resource)) return 'nodefs';
  if (/^(imagefs|containerfs)/i.test(resource)) return 'imagefs';
  if (/^(ephemeral-storage|inodes)$/.test(resource)) return 'both';
  return undefined;
}

const inodesOf = (resource: string) => /inode/i.test(resource);

const NODEFS_WORDS =
  "nodefs, the filesystem that holds the kubelet's root directory (--root-dir, /var/lib/kubelet by default; on most nodes that is /): pod logs, emptyDir volumes and writable container layers count against it, and images too when the container runtime keeps them there";
const IMAGEFS_WORDS =
  "imagefs, the filesystem of the container runtime's storage (/var/lib/containerd, /var/lib/docker or /var/lib/containers) when it is not the one of nodefs: images and container layers";

function fsWords(fs: Fs): string {
  return fs === 'nodefs'
    ? `The signal watches ${NODEFS_WORDS}.`
    : fs === 'imagefs'
      ? `The signal watches ${IMAGEFS_WORDS}.`
      : `The signals watch ${NODEFS_WORDS}; and ${IMAGEFS_WORDS}.`;
}

function diskCommands(fs: Fs, inodes: boolean): string[] {
  const out: string[] = [];
  if (fs !== 'imagefs') {
    out.push(
      'df -h /var/lib/kubelet; df -i /var/lib/kubelet  # nodefs: space, inodes, mount point',
      'fs=$(df --output=target /var/lib/kubelet | tail -n 1)',
      inodes
        ? 'sudo du -x --inodes -d 2 "$fs" 2>/dev/null | sort -n | tail -n 15  # most files'
        : 'sudo du -xh -d 2 "$fs" 2>/dev/null | sort -h | tail -n 15  # what fills it',
      'sudo journalctl --disk-usage; sudo journalctl --vacuum-size=500M  # the journal',
      'sudo du -sh /var/log/pods /var/lib/docker/containers 2>/dev/null  # container logs',
    );
  }
  if (fs !== 'nodefs') {
    out.push(
      `df -${inodes ? 'i' : 'h'} /var/lib/containerd /var/lib/docker /var/lib/containers 2>/dev/null  # imagefs`,
      'sudo crictl ps -a -s exited  # exited containers keep their images: crictl rm them',
    );
  }
  out.push('sudo crictl rmi --prune  # images no container uses; with Docker: docker image prune -a');
  return out;
}

// ---------------------------------------------------------------------------------------------

/** The steps of what to do next about an incident. */
export function remediate(inc: Incident, node: NodeReport, gapMs: number): Remedy[] {
  const out: Remedy[] = [];
  const resources = inc.resources.length > 0 ? inc.resources : inc.conditions.includes('DiskPressure') ? ['nodefs'] : [];
  const relevant = new Set(resources.flatMap((r) => signalsOf(r)));
  const disk = resources.filter((r) => DISK.test(r));
  const endChanges = node.thresholdChanges.filter((c) => c.kind === 'hard' && c.at >= inc.end && c.at - inc.end <= gapMs);

  // 1. A threshold change that ended it: a stop-gap, not a fix.
  if (inc.closedBy === 'threshold-change') {
    const changes = endChanges.filter((c) => c.from !== null && (relevant.size === 0 || relevant.has(c.signal)));
    const what = disk.length > 0 ? andList(disk) : 'the resource';
    const heads = changes.map((c) => (c.to === null ? `${c.signal}<${c.from} removed` : `${c.signal} ${c.from} → ${c.to}`));
    const after: string[] = [];
    for (const c of changes) {
      if (c.to === null) {
        after.push(
          `The kubelet no longer watches ${c.signal} at all: ${what} can fill up completely without an eviction or a pressure condition.`,
        );
        continue;
      }
      const a = thresholdValue(c.from!);
      const b = thresholdValue(c.to);
      if (a.percent === b.percent && Number.isFinite(a.value) && Number.isFinite(b.value) && b.value < a.value) {
        const ratio = b.value / a.value;
        const margin = Math.abs(ratio - 0.5) < 1e-9 ? 'half' : `${Math.round(ratio * 100)}%`;
        after.push(
          `The kubelet now acts only when less than ${c.to} is ${/inode/i.test(c.signal) ? 'left' : 'free'}, so the margin left before ${what} is full is ${margin} of what it was.`,
        );
      }
    }
    const met = changes.find((c) => inc.thresholds.some((t) => t.signal === c.signal && t.value === c.from));
    const full = met
      ? ` (less than ${met.from} ${/inode/i.test(met.signal) ? 'left' : 'free'}: ${met.signal}<${met.from} was met until the restart)`
      : '';
    const restore = changes.filter((c) => c.to !== null).map((c) => `${c.signal} back to ${c.from}`);
    const last = inc.steps
      .filter((s) => s.last === inc.end)
      .map((s) => s.evidence)
      .slice(0, 1);
    out.push({
      kind: 'stop-gap',
      title: 'The threshold change was a stop-gap, not a fix',
      text: `The incident ended because the kubelet restarted with ${heads.length > 0 ? andList(heads) : 'other thresholds'}, not because anything was freed: ${what} is as full as it was${full}. ${after.join(' ')}${after.length > 0 ? ' ' : ''}Free space first (below)${restore.length > 0 ? `, then set ${andList(restore)}` : ''}.`,
      evidence: uniq([...changes.map((c) => c.evidence).slice(0, 1), ...last]),
    });
  }

  // 2. Where the pressure comes from.
  const evictedFor = inc.evictedPods.filter((p) => p.cause !== 'local-storage');
  if (disk.length > 0) {
    const fsSet = new Set(disk.map(fsOf).filter((x): x is Fs => x !== undefined));
    const fs: Fs = fsSet.size === 1 ? [...fsSet][0]! : 'both';
    const inodes = disk.some(inodesOf);
    const names = fs === 'both' ? 'nodefs and imagefs' : fs;
    const loops = inc.noPodsToEvict;
    const rejections = inc.rejectedPods.reduce((a, r) => a + r.count, 0);
    let why: string;
    if (loops > 0 && evictedFor.length === 0) {
      why = `No pods were active to evict (${plural(loops, 'time')}): what fills ${names} belongs to the node, not to a pod the kubelet could evict — the journal, container logs, images, files written outside pods. Evicting cannot relieve it; freeing space does.`;
    } else if (evictedFor.length > 0) {
      why = `The kubelet evicted ${plural(evictedFor.length, 'pod')} to reclaim ${names}: pods' logs, emptyDir volumes and writable layers were filling it. Find which pod writes the most before it is scheduled back (du -sh /var/lib/kubelet/pods/*/volumes/* /var/log/pods/*).`;
    } else if (rejections > 0) {
      why = `Nothing was evicted, and new pods were rejected ${plural(rejections, 'time')} while the pressure held: freeing space on ${names} is what lets them in.`;
    } else if (inc.imageGc) {
      why = `Image garbage collection found imagefs ${inc.imageGc.usagePercent}% used${Number.isFinite(inc.imageGc.highPercent) ? ` (its high threshold is ${inc.imageGc.highPercent}%)` : ''}.`;
    } else {
      why = `Find what fills ${names}.`;
    }
    out.push({
      kind: 'find-usage',
      title: `Free ${inodes ? 'inodes' : 'space'} on ${names}`,
      text: `${why} ${fsWords(fs)}`,
      commands: diskCommands(fs, inodes),
      evidence: [...stepRefs(inc, 'no-pods-to-evict'), ...stepRefs(inc, 'reclaim-attempt'), ...stepRefs(inc, 'pod-evicted')].slice(0, 4),
    });
  } else if (resources.includes('memory') && inc.noPodsToEvict > 0 && evictedFor.length === 0) {
    out.push({
      kind: 'find-usage',
      title: 'Find what uses the memory',
      text: `No pods were active to evict (${plural(inc.noPodsToEvict, 'time')}): the memory is used outside pods, by the node's own processes (the runtime, system daemons, the kubelet). Find them, and reserve memory for them (--system-reserved, --kube-reserved) so pods cannot be scheduled into it.`,
      commands: [
        'ps -eo pid,rss,comm --sort=-rss | head -n 15   # the largest processes (RSS in KiB)',
        'systemd-cgtop -m -n 1   # memory per control group',
      ],
      evidence: stepRefs(inc, 'no-pods-to-evict').slice(0, 2),
    });
  } else if (resources.includes('pids')) {
    out.push({
      kind: 'find-usage',
      title: 'Find what holds the process IDs',
      text: 'The node ran short of process IDs: find the processes with the most threads, and limit pods with --pod-max-pids.',
      commands: ['ps -eo nlwp,pid,comm --sort=-nlwp | head -n 15   # threads per process', 'cat /proc/sys/kernel/pid_max'],
      evidence: [...stepRefs(inc, 'reclaim-attempt')].slice(0, 2),
    });
  }

  // 3. Image GC that freed less than it wanted.
  const f = inc.reclaimFailure;
  if (f && f.wantedBytes !== undefined && (f.freedBytes ?? 0) < f.wantedBytes) {
    const want = f.wantedBytes >= 2 ** 63 ? 'everything it could' : amount(f.wantedBytes);
    out.push({
      kind: 'image-gc',
      title: 'Image GC freed too little: the images are in use',
      text: `Image garbage collection wanted to free ${want} but freed ${amount(f.freedBytes ?? 0)}: it removes only images that no container uses (running or exited) and that are old enough, so the rest of imagefs is in use. Remove exited containers that hold images, and images nothing needs; or give imagefs more room.`,
      commands: [
        'sudo crictl ps -a -s exited   # exited containers keep their images',
        'sudo crictl images   # what is on imagefs',
        'sudo crictl rmi --prune',
      ],
      evidence: [f.evidence],
    });
  } else if (inc.imageGc && inc.imagesRemoved === 0) {
    out.push({
      kind: 'image-gc',
      title: 'Image GC removed no image: the images are in use',
      text: `Image garbage collection found imagefs at ${inc.imageGc.usagePercent}%${Number.isFinite(inc.imageGc.highPercent) ? ` (high threshold ${inc.imageGc.highPercent}%)` : ''} but the journal shows no image removed: it removes only images no container uses, so what fills imagefs is in use.`,
      commands: ['sudo crictl ps -a -s exited', 'sudo crictl images', 'sudo crictl rmi --prune'],
      evidence: [inc.imageGc.evidence],
    });
  }

  // 4. Memory pressure with evictions.
  if (resources.some((r) => /^(memory|allocatableMemory)/.test(r)) && evictedFor.length > 0) out.push(memoryRemedy(inc, node));

  // 5. Pods over their own ephemeral-storage limit.
  const local = inc.evictedPods.filter((p) => p.cause === 'local-storage');
  if (local.length > 0) {
    const pods = [...new Set(local.map((p) => p.pod))];
    const msg = local.find((p) => p.message)?.message?.trim();
    out.push({
      kind: 'local-storage',
      title: 'Raise or respect the pods’ ephemeral-storage limits',
      text: `${plural(local.length, 'pod')} ${local.length === 1 ? 'was' : 'were'} evicted for going over ${local.length === 1 ? 'its' : 'their'} own ephemeral-storage limit, not because the node was short${msg ? ` (${msg.length > 160 ? `${msg.slice(0, 160)}…` : msg})` : ''}: ${pods.slice(0, 5).join(', ')}${pods.length > 5 ? ` and ${pods.length - 5} more` : ''}. Raise the limit (emptyDir sizeLimit, resources.limits.ephemeral-storage) or make the pod write less.`,
      evidence: stepRefs(inc, 'pod-evicted', 'evicting-pod', 'evicted-event').slice(0, 4),
    });
  }

  // 6. Thresholds that lack the kubelet's defaults.
  out.push(...keepDefaults(inc, node, endChanges, relevant));

  // 7. The stop-gap of an incident still under way: a lower disk threshold, with the defaults kept.
  if (inc.ongoing && disk.length > 0 && (inc.noPodsToEvict > 0 || inc.rejectedPods.length > 0)) {
    const st = inForce(node, inc);
    const t = st ? st.hard.find((h) => relevant.has(h.signal) && h.value.endsWith('%')) : undefined;
    const v = t ? thresholdValue(t.value) : undefined;
    if (st && t && v && v.value >= 0.02) {
      const lower = `${Math.floor((v.value * 100) / 2)}%`;
      const hard = [...st.hard.filter((h) => h.signal !== t.signal), { signal: t.signal, value: lower }, ...missingDefaults(node, st)];
      out.push({
        kind: 'stop-gap',
        title: `Stop-gap: ${t.signal} ${t.value} → ${lower}`,
        text: `If pods must run before space can be freed, lower ${t.signal} from ${t.value} to ${lower} as a stop-gap, keeping every other threshold: it frees nothing and halves the margin before the node is full. Set it back once space is freed.`,
        suggested: suggest(node, st, hard),
        evidence: [st.evidence],
      });
    }
  }
  return out.map((m) => ({ ...m, evidence: uniq(m.evidence) }));
}

function keepDefaults(inc: Incident, node: NodeReport, endChanges: readonly ThresholdChange[], relevant: ReadonlySet<string>): Remedy[] {
  // The statements the incident ran under: the one in force, those of restarts during it, and
  // the one of the restart that ended it; per start the Node Config line (what the kubelet
  // enforces) over the FLAG dump. The latest of them is the configuration to correct.
  const from = inForce(node, inc)?.at ?? inc.start;
  const endStatement = inc.closedBy === 'threshold-change' && endChanges.length > 0 ? statementOf(node, endChanges[0]!) : undefined;
  const until = endStatement?.at ?? inc.end;
  const full = (s: ThresholdStatement) => !s.partial && !s.truncated;
  const pick = (xs: ThresholdStatement[]) => {
    let best: ThresholdStatement | undefined;
    for (const s of xs) if (!best || s.at > best.at || (s.at === best.at && s.source === 'node-config')) best = s;
    return best;
  };
  const st = pick(node.thresholds.filter((s) => full(s) && s.at >= from && s.at <= until));
  if (!st || missingDefaults(node, st).length === 0) return [];
  // A later start that has every default again has fixed it already.
  const later = pick(node.thresholds.filter((s) => full(s) && s.at > until));
  if (later && missingDefaults(node, later).length === 0) return [];
  // What it lacks: the defaults, and what the restart removed that was set before.
  const removed = removedBy(node, st);
  const missing = [...missingDefaults(node, st)];
  for (const r of removed) if (!missing.some((m) => m.signal === r.signal)) missing.push(r);
  const hard = [...st.hard, ...missing];
  const dropped = node.droppedDefaults.find((d) => d.evidence.input === st.evidence.input && d.evidence.line === st.evidence.line);
  const set = st.hard.map(formatThreshold).join(',') || '(nothing)';
  const lost = andList(missing.map(formatThreshold));
  const version = versionOf(node, st);
  const how = dropped
    ? `The restart ${dropped.at >= inc.end ? 'that ended the incident' : dropped.at >= inc.start ? 'during the incident' : 'before the incident'} set the hard thresholds to ${set} only`
    : `The hard thresholds in force are ${set} only`;
  const keep = st.hard.filter((h) => relevant.has(h.signal)).map(formatThreshold);
  const setBefore = removed.filter((r) => !missingDefaults(node, st).some((d) => d.signal === r.signal));
  const whose = [
    version ? `the defaults of kubelet ${version}` : "the kubelet's defaults",
    ...(setBefore.length > 0 ? ['what was set before the restart'] : []),
  ];
  const suggested = suggest(node, st, hard);
  return [
    {
      kind: 'keep-defaults',
      title: "Keep the kubelet's default thresholds",
      text: `${how}, and setting --eviction-hard (or evictionHard in a configuration file) replaces the kubelet's whole default map: ${lost} ${missing.length === 1 ? 'is' : 'are'} no longer enforced. To keep ${keep.length > 0 ? andList(keep) : 'what was set'} and still protect the other signals, set them all (${andList(whose)}):`,
      suggested,
      evidence: [st.evidence],
    },
  ];
}

/** Parsed `Container X was using 1843200Ki, request is 0` of a memory eviction message. */
function usageOf(message: string | undefined): Array<{ container: string; using: string; request: string }> {
  if (!message) return [];
  return [...message.matchAll(/Container (\S+) was using (\S+?), request is (\S+?)(?:,|\.|\s|$)/g)].map((m) => ({
    container: m[1]!,
    using: m[2]!,
    request: m[3]!,
  }));
}

function memoryRemedy(inc: Incident, node: NodeReport): Remedy {
  const pods = inc.evictedPods.filter((p) => p.cause !== 'local-storage');
  const parts: string[] = [];
  let noRequest = 0;
  for (const p of pods.slice(0, 5)) {
    const u = usageOf(p.message);
    if (u.length === 0) {
      parts.push(p.pod);
      continue;
    }
    const words = u.map((c) => {
      const using = thresholdValue(c.using);
      const req = thresholdValue(c.request);
      const none = Number.isFinite(req.value) && req.value === 0;
      if (none) noRequest++;
      return `container ${c.container} used ${Number.isFinite(using.value) ? amount(using.value) : c.using} ${none ? 'with no memory request' : `against a request of ${Number.isFinite(req.value) ? amount(req.value) : c.request}`}`;
    });
    parts.push(`${p.pod} (${words.join('; ')})`);
  }
  const more = pods.length > 5 ? ` and ${pods.length - 5} more` : '';
  const qos =
    noRequest > 0
      ? ' A pod with no memory request is BestEffort, or Burstable without a memory request: the kubelet evicts pods using more than they request first.'
      : '';
  const low = inc.observed.find((o) => /^(memory|allocatableMemory)/.test(o.signal));
  let reclaim = '';
  if (low) {
    reclaim = ` ${low.signal} fell to ${amount(low.value, low.signal)}${low.threshold ? ` against the threshold ${low.signal}<${low.threshold}` : ''}`;
    const series = node.observations[low.signal];
    const lastEviction = Math.max(...pods.map((p) => p.at).filter(Number.isFinite));
    const thr = low.threshold ? thresholdValue(low.threshold) : undefined;
    const limit = thr && !thr.percent ? thr.value : thr && thr.percent && low.capacity ? thr.value * low.capacity : NaN;
    const back = series?.points.find(
      (p) => p.at > lastEviction && p.at <= inc.end + 600_000 && Number.isFinite(limit) && p.available >= limit,
    );
    reclaim += back ? `; after the eviction it was back to ${amount(back.available, low.signal)}` : '';
    reclaim += '.';
  }
  return {
    kind: 'memory',
    title: 'Give the evicted pods memory requests that match their use',
    text: `The kubelet evicted ${plural(pods.length, 'pod')} for memory: ${parts.join(', ')}${more}.${qos}${reclaim} Set memory requests (and limits) that match what the pods use, so the scheduler does not overcommit the node, or move them to a node with room.`,
    evidence: [...stepRefs(inc, 'evicting-pod', 'evicted-event'), ...stepRefs(inc, 'pod-evicted'), ...(low ? [low.evidence] : [])].slice(
      0,
      6,
    ),
  };
}

/** The hard thresholds the restart that stated `st` removed, with the values they had before. */
function removedBy(node: NodeReport, st: ThresholdStatement): Threshold[] {
  return node.thresholdChanges
    .filter(
      (c) =>
        c.kind === 'hard' &&
        c.to === null &&
        c.from !== null &&
        c.evidence.input === st.evidence.input &&
        c.evidence.line === st.evidence.line,
    )
    .map((c) => ({ signal: c.signal, value: c.from! }));
}

/**
 * The setting that keeps what a restart dropped: the thresholds it stated plus the defaults
 * (and the thresholds set before) it lost. For the "defaults dropped" line of a node, with or
 * without an incident.
 */
export function keepingDropped(node: NodeReport, d: DroppedDefaults): SuggestedThresholds | undefined {
  const st = node.thresholds.find((s) => s.evidence.input === d.evidence.input && s.evidence.line === d.evidence.line);
  if (!st) return undefined;
  const removed = removedBy(node, st);
  const hard = [...st.hard];
  for (const x of [...d.signals, ...missingDefaults(node, st), ...removed]) if (!hard.some((h) => h.signal === x.signal)) hard.push(x);
  return suggest(node, st, hard);
}
