/**
 * Every real excerpt of samples/real/ (pasted by real people in public threads; INDEX.md
 * says where each comes from) is a test: the assertions state what its INDEX.md row says a careful reader
 * concludes (resources, pods, outcome), and no eviction-related line of it may
 * be left unrecognized. The INDEX row text is quoted above each case.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../src/analyze/pipeline.js';
import type { Incident, Timeline } from '../src/timeline/model.js';
import { zone } from '../src/time/zone.js';
import { SAMPLE_ARGS } from '../scripts/sample-args.mjs';
import { NOW } from './helpers.js';

function real(file: string): Timeline {
  const text = readFileSync(new URL(`../samples/real/${file}`, import.meta.url), 'utf8');
  const args = SAMPLE_ARGS[`real/${file}`] ?? [];
  const year = args.includes('--year') ? Number(args[args.indexOf('--year') + 1]) : undefined;
  const tz = args.includes('--timezone') ? args[args.indexOf('--timezone') + 1]! : 'UTC';
  const t = analyzeText([{ name: file, text }], { zone: zone(tz), now: NOW, ...(year !== undefined ? { year } : {}) });
  expect(t.unrecognized).toEqual([]);
  expect(t.counters.unrecognized).toBe(0);
  return t;
}

const kindsOf = (t: Timeline) => t.incidents.flatMap((i) => i.steps.map((s) => s.kind));

describe('real excerpts (samples/real, INDEX.md rows)', () => {
  // 01: "imagefs threshold met, kubelet decided it must evict pods but had no ranking function for
  // imagefs, so no pod was evicted (eviction failed)."
  it('01 imagefs, no ranking function, nothing evicted', () => {
    const t = real('01-glog-bare-imagefs-no-ranking-function.log');
    expect(t.incidents).toHaveLength(1);
    const i = t.incidents[0]!;
    expect(i.resources).toEqual(['imagefs']);
    expect(i.mustEvict).toBe(1);
    expect(i.noRankingFunction).toEqual(['imagefs']);
    expect(i.evictedPods).toEqual([]);
    expect(i.statements.map((s) => s.text).join(' ')).toMatch(/no ranking function for imagefs/);
  });

  // 02: "Under imagefs pressure the eviction manager ran image garbage collection: "attempting to
  // delete unused images", then removed images one by one over ~1 min."
  it('02 eviction-driven image GC removes 4 images over a minute', () => {
    const t = real('02-glog-kubelet-wrapper-imagefs-delete-unused-images.log');
    const i = t.incidents[0]!;
    expect(t.incidents).toHaveLength(1);
    expect(i.evictionKinds).toEqual(['node-level-reclaim']);
    expect(kindsOf(t)).toEqual(['node-reclaim', 'image-removed']);
    expect(i.imagesRemoved).toBe(4);
    expect(i.bytesFreed).toBe(414645633 + 414645204 + 57892132 + 561602155);
    expect(i.end - i.start).toBeGreaterThan(60_000);
    expect(i.evictedPods).toEqual([]);
  });

  // 05: "Repeated warning "no observation found for eviction signal allocatableNodeFs.available"."
  it('05 allocatableNodeFs.available never observed (Rancher glued prefix)', () => {
    const t = real('05-glog-rancher-ui-prefix-allocatableNodeFs-no-observation.log');
    expect(t.incidents).toEqual([]);
    expect(t.nodes[0]!.unobserved['allocatableNodeFs.available']?.count).toBe(2);
    expect(t.notes.some((n) => n.kind === 'signal-unobserved' && /allocatableNodeFs\.available/.test(n.text))).toBe(true);
  });

  // 07: "memory.available observed as -2097758044639028Ki (bogus negative) against the 100Mi hard
  // threshold → "reclaim not satisfied", node condition MemoryPressure."
  it('07 bogus negative memory observation against 100Mi, MemoryPressure', () => {
    const t = real('07-glog-bare-memory-threshold-memorypressure.log');
    const i = t.incidents[0]!;
    expect(i.conditions).toEqual(['MemoryPressure']);
    expect(i.observed).toMatchObject([
      { signal: 'memory.available', available: '-2097758044639028Ki', threshold: '100Mi', via: 'threshold-check' },
    ]);
    expect(i.statements.map((s) => s.text).join(' ')).toMatch(/-2097758044639028Ki.*memory\.available<100Mi.*negative/);
  });

  // 08: "allocatableNodeFs.available observed as -9112137624 (negative) of capacity 200765316Ki ...
  // No eviction lines in excerpt."
  it('08 negative allocatableNodeFs observation, no eviction', () => {
    const t = real('08-glog-journal-gce-allocatableNodeFs-negative.log');
    expect(t.incidents).toEqual([]);
    const s = t.nodes[0]!.observations['allocatableNodeFs.available']!;
    expect(s.min).toMatchObject({ available: -9112137624, capacity: 200765316 * 1024 });
    expect(t.nodes[0]!.observations['allocatableMemory.available']!.last.available).toBe(12611480 * 1024);
  });

  // 09: "Image GC: disk usage on "/dev/sda1" (/) at 85% ≥ high threshold 85%, trying to free
  // 6713175244 bytes; four images removed."
  it('09 periodic image GC at 85%, four images removed', () => {
    const t = real('09-glog-journal-origin-node-image-gc-85pct.log');
    const i = t.incidents[0]!;
    expect(t.incidents).toHaveLength(1);
    expect(i.imageGc).toMatchObject({ usagePercent: 85, highPercent: 85, bytesToFree: 6713175244 });
    expect(i.imagesRemoved).toBe(4);
    expect(i.evictionKinds).toEqual(['node-level-reclaim']);
    expect(i.evictedPods).toEqual([]);
  });

  // 11: "imagefs threshold met: eviction manager "attempting to reclaim imagefs", deleting unused
  // containers and images." (journal 09:41 local vs glog 14:41 UTC)
  it('11 reclaim imagefs by deleting unused containers and images (dockerd-current)', () => {
    const t = real('11-glog-journal-dockerd-current-origin-imagefs-tz-skew.log');
    const i = t.incidents[0]!;
    expect(t.nodes.map((n) => n.name)).toEqual(['speed3']);
    expect(i.resources).toEqual(['imagefs']);
    expect(i.reclaimAttempts).toBe(1);
    expect(i.steps.filter((s) => s.kind === 'node-reclaim').map((s) => s.key)).toEqual(['containers', 'images']);
    expect(i.evictionKinds).toEqual(['node-level-reclaim']);
  });

  // 12: "allocatableNodeFs.available drops 3854847994 → 1707626490 bytes (capacity 4085Mi)."
  it('12 allocatableNodeFs shrinking (header-less lines)', () => {
    const t = real('12-glog-headerless-allocatableNodeFs-shrinking.log');
    const s = t.nodes[0]!.observations['allocatableNodeFs.available']!;
    expect(s.points.map((p) => p.available)).toEqual([3854847994, 3318239226, 2781368314, 1707626490]);
    expect(s.min.capacity).toBe(4085 * 2 ** 20);
    expect(s.last.available).toBe(1707626490);
  });

  // 16: "4 static control-plane pods ranked for eviction; each refused ("cannot evict a critical
  // static pod"); nothing evicted."
  it('16 four critical static pods, nothing evicted', () => {
    const t = real('16-glog-bullet-prefixed-journal-critical-static-pods.log');
    const i = t.incidents[0]!;
    expect(i.criticalPods).toEqual([
      'kube-system/kube-controller-manager-minikube',
      'kube-system/kube-apiserver-minikube',
      'kube-system/etcd-minikube',
      'kube-system/kube-scheduler-minikube',
    ]);
    expect(i.rankedPods.length).toBeGreaterThanOrEqual(3);
    expect(i.evictedPods).toEqual([]);
  });

  // 17: "Critical static pods cannot be evicted → "unable to evict any pods from the node"; 10 s
  // later the cycle restarts ("attempting to reclaim ephemeral-storage", GC)."
  it('17 unable to evict, then reclaim ephemeral-storage again', () => {
    const t = real('17-glog-journal-cest-unable-to-evict-then-reclaim-again.log');
    const i = t.incidents[0]!;
    expect(t.incidents).toHaveLength(1);
    expect(i.criticalPods).toHaveLength(3);
    expect(i.unableToEvict).toBe(1);
    expect(i.evictionKinds).toEqual(['node-pressure', 'node-level-reclaim']);
    expect(i.resources).toEqual(['ephemeral-storage']);
    expect(i.steps.some((s) => s.kind === 'node-reclaim' && s.key === 'containers')).toBe(true);
    expect(i.evictedPods).toEqual([]);
  });

  // 18: "Warning every 10 s "no observation found for eviction signal allocatableMemory.available"
  // on a newly added node; no pressure, no eviction."
  it('18 allocatableMemory never observed; no pressure', () => {
    const t = real('18-glog-journal-allocatableMemory-no-observation.log');
    expect(t.incidents).toEqual([]);
    expect(t.nodes[0]!.unobserved['allocatableMemory.available']?.count).toBe(6);
  });

  // 19: "Startup housekeeping observations (pid 32521 of 32Ki, memory 15314304Ki of 16300784Ki,
  // nodefs 46317644Ki of 51474044Ki) → "no resources are starved". No pressure."
  it('19 observations at start, no resources starved', () => {
    const t = real('19-glog-bare-observations-pid-no-resources-starved.log');
    expect(t.incidents).toEqual([]);
    const o = t.nodes[0]!.observations;
    expect(o['pid.available']!.last).toMatchObject({ available: 32521, capacity: 32768 });
    expect(o['memory.available']!.last).toMatchObject({ available: 15314304 * 1024, capacity: 16300784 * 1024 });
    expect(o['nodefs.available']!.last).toMatchObject({ available: 46317644 * 1024, capacity: 51474044 * 1024 });
    expect(t.counters.verboseLines).toBeGreaterThan(0);
  });

  // 21: "Image filesystem at 85% ≥ high threshold 85%; GC tries to free 5487241625 bytes down to 80%
  // but frees 0 bytes → "Image garbage collection failed multiple times in a row"."
  it('21 image GC over threshold frees nothing', () => {
    const t = real('21-glog-journal-k3s-image-gc-failed.log');
    const i = t.incidents[0]!;
    expect(i.imageGc).toMatchObject({ usagePercent: 85, highPercent: 85, lowPercent: 80, bytesToFree: 5487241625 });
    expect(i.reclaimFailure).toMatchObject({ wantedBytes: 5487241625, freedBytes: 0 });
    expect(i.statements.map((s) => s.text).join(' ')).toMatch(/fell short.*freed 0 bytes/);
  });

  // 23: "Node has DiskPressure: pod kindnet-jpzzf rejected at admission; pod kindnet-kbjg6 "is
  // evicted successfully", manager waits for its cleanup; then a container-not-found warning."
  it('23 admission rejected and a pod evicted under DiskPressure', () => {
    const t = real('23-glog-journal-minikube-admit-reject-diskpressure-evicted.log');
    const i = t.incidents[0]!;
    expect(i.conditions).toEqual(['DiskPressure']);
    expect(i.rejectedPods.map((r) => r.pod)).toEqual(['kube-system/kindnet-jpzzf']);
    expect(i.evictedPods.map((p) => p.pod)).toEqual(['kube-system/kindnet-kbjg6']);
    expect(i.steps.some((s) => s.kind === 'cleanup-wait' && s.pods.includes('kube-system/kindnet-kbjg6'))).toBe(true);
    expect(i.evictionKinds).toEqual(['admission-rejection', 'node-pressure']);
  });

  // 24: "04:19:22 attempting to reclaim ephemeral-storage; 05:09:22 image GC reports error: wanted
  // to free 9223372036854775807 bytes, freed 0 (image in use)."
  // Its two lines, 50 minutes apart, are both eviction lines and nothing else: a filtered excerpt
  // (an issue's description), whose silence is said once as the filter's, not as a hole.
  it('24 reclaim ephemeral-storage, MaxInt64 wanted, 0 freed; the 50-minute silence is noted', () => {
    const t = real('24-glog-bare-ephemeral-storage-reclaim-error-maxint64.log');
    const failure = t.incidents.find((i) => i.reclaimFailure)!;
    expect(failure.reclaimFailure).toMatchObject({ wantedBytes: 2 ** 63 /* MaxInt64 as a double */, freedBytes: 0 });
    expect(t.incidents.every((i) => i.resources.includes('ephemeral-storage'))).toBe(true);
    expect(failure.statements.map((s) => s.text).join(' ')).toMatch(/MaxInt64/);
    expect(t.notes.find((n) => n.kind === 'filtered-input')?.text).toMatch(/1 silence\(s\) of more than 10 min \(the longest 50 min\)/);
  });

  // 25: "Kubelet started with JSON logging prints its FLAG dump (eviction-soft="",
  // eviction-soft-grace-period="" ...). No pressure, no eviction."
  it('25 JSON FLAG dump: soft thresholds stated empty, hard not in the excerpt', () => {
    const t = real('25-json-klog-flags-eviction-soft.log');
    expect(t.incidents).toEqual([]);
    const st = t.nodes[0]!.thresholds;
    expect(st).toHaveLength(1);
    expect(st[0]).toMatchObject({ source: 'flags', soft: [], partial: true });
    expect(t.nodes[0]!.thresholdChanges).toEqual([]);
  });

  // 26: "Image GC on a Windows node: removes images at 07:23, then at 07:28 usage=88 >
  // highThreshold=85, amountToFree=38620483584, removes more images. No eviction lines."
  it('26 Windows image GC: removals, then over the high threshold', () => {
    const t = real('26-structured-bare-windows-image-gc-over-high-threshold.log');
    const gc = t.incidents.find((i) => i.imageGc)!;
    expect(gc.imageGc).toMatchObject({ usagePercent: 88, highPercent: 85, lowPercent: 80, bytesToFree: 38620483584 });
    expect(t.incidents.reduce((a, i) => a + i.imagesRemoved, 0)).toBe(5);
    expect(t.incidents.flatMap((i) => i.evictedPods)).toEqual([]);
    expect(t.incidents.every((i) => i.evictionKinds.join() === 'node-level-reclaim')).toBe(true);
  });

  // 27: "Kubelet start-up on worker1; NodeConfig line present but cut by journalctl; "Eviction
  // manager: failed to get summary stats" because node "worker1" not yet registered; no resource
  // pressure, no eviction."
  it('27 start-up, ellipsized NodeConfig (truncated, no false removal), summary stats failure', () => {
    const t = real('27-structured-journal-fr-month-nodeconfig-ellipsized-summary-stats.log');
    expect(t.incidents).toEqual([]);
    const n = t.nodes[0]!;
    expect(n.name).toBe('worker1');
    expect(n.kubeletStarts.map((s) => s.version)).toContain('v1.29.2');
    expect(n.thresholds).toMatchObject([{ source: 'node-config', hard: [], truncated: true }]);
    expect(n.thresholdChanges).toEqual([]);
  });

  // 29: "Startup NodeConfig JSON (also "NodeName":"{SystemHostnameIG}", CgroupVersion 2);
  // HardEvictionThresholds imagefs/nodefs 5%. No pressure."
  it('29 k3s NodeConfig JSON: imagefs and nodefs 5%', () => {
    const t = real('29-structured-journal-k3s-nodeconfig-json-placeholder-host.log');
    expect(t.incidents).toEqual([]);
    expect(t.nodes[0]!.name).toBe('{SystemHostnameIG}');
    const hard = t.nodes[0]!.thresholds[0]!.hard;
    expect(hard).toEqual(
      expect.arrayContaining([
        { signal: 'imagefs.available', value: '5%' },
        { signal: 'nodefs.available', value: '5%' },
      ]),
    );
  });

  // 32: "At 09:13:09 the manager decides it "must evict pod(s) to reclaim imagefs" while image
  // removal is still in progress in the same millisecond."
  it('32 must evict for imagefs while images are still being removed', () => {
    const t = real('32-glog-kubelet-wrapper-must-evict-imagefs.log');
    const i = t.incidents[0]!;
    expect(t.incidents).toHaveLength(1);
    expect(i.mustEvict).toBe(1);
    expect(i.resources).toEqual(['imagefs']);
    expect(i.imagesRemoved).toBe(1);
    expect(i.evictionKinds).toEqual(['node-pressure', 'node-level-reclaim']);
  });

  // 33: "Routine housekeeping observations: nodefs/imagefs 141453632Ki of 204700Mi, inodes 104732769
  // of 104857600 free, pid 4192639 of 4Mi — all far from thresholds; no eviction in these lines."
  it('33 routine observations far from thresholds', () => {
    const t = real('33-glog-bare-observations-inodes-pid-housekeeping.log');
    expect(t.incidents).toEqual([]);
    const o = t.nodes[0]!.observations;
    expect(Object.keys(o).sort()).toEqual([
      'imagefs.available',
      'imagefs.inodesFree',
      'nodefs.available',
      'nodefs.inodesFree',
      'pid.available',
    ]);
    expect(o['nodefs.inodesFree']!.last).toMatchObject({ available: 104732769, capacity: 104857600 });
    expect(o['pid.available']!.last).toMatchObject({ available: 4192639, capacity: 4 * 2 ** 20 });
    expect(o['imagefs.available']!.last).toMatchObject({ available: 141453632 * 1024, capacity: 204700 * 2 ** 20 });
  });

  // ---- batch 2 (34–64): the research's second batch of public pastes ------------------------

  // 34: "Node `192-168-250-5`. 16:05:50: 3 pods ranked (…). 16:05:54: sre/infras-logstash-d484d57fc-rkx95
  // evicted successfully. 1 pod evicted. No resource named in the lines. No thresholds in the lines.
  // Incident open at end."
  it('34 dashed-IP host: 3 ranked, 1 evicted, no resource named, open', () => {
    const t = real('34-structured-journal-dashed-ip-host-ephemeral-ranked-evicted.log');
    expect(t.nodes.map((n) => n.name)).toEqual(['192-168-250-5']);
    expect(t.incidents).toHaveLength(1);
    const i = t.incidents[0]!;
    expect(i.rankedPods).toEqual([
      'sre/infras-logstash-d484d57fc-rkx95',
      'sre/admin-api-server-847868d7b-7sqdm',
      'scrm/portal-h5-7c46694b8f-bkz95',
    ]);
    expect(i.evictedPods.map((p) => p.pod)).toEqual(['sre/infras-logstash-d484d57fc-rkx95']);
    expect(i.resources).toEqual([]);
    expect(t.nodes[0]!.thresholds).toEqual([]);
    expect(i.ongoing).toBe(true);
  });

  // 35: "Node `ubuntu-k8s-3`. 09:50:55: attempting to reclaim nodefs → must evict → "no pods are active
  // to evict" (nothing evicted). Elision. 09:54:14: a new kubelet pid (12844), so the kubelet restarted
  // in the gap. 2 pods rejected at admission with `[DiskPressure]` (weave-net-3svfg, kube-proxy-d9lk0).
  // DiskPressure still on at end."
  it('35 zh month: nodefs, no pods to evict, a restart by a new PID, 2 rejected, open', () => {
    const t = real('35-glog-journal-zh-month-prompt-nodefs-no-pods-active-admit-reject.log');
    expect(t.nodes.map((n) => n.name)).toEqual(['ubuntu-k8s-3']);
    expect(t.nodes[0]!.kubeletStarts.map((s) => s.pid)).toEqual([12844]);
    const i = t.incidents.at(-1)!;
    expect(t.incidents.flatMap((x) => x.resources)).toContain('nodefs');
    expect(t.incidents.reduce((a, x) => a + x.noPodsToEvict, 0)).toBe(1);
    expect(t.incidents.flatMap((x) => x.evictedPods)).toEqual([]);
    expect(t.incidents.flatMap((x) => x.rejectedPods.map((r) => r.pod.split('/').pop())).sort()).toEqual([
      'kube-proxy-d9lk0',
      'weave-net-3svfg',
    ]);
    expect(i.conditions).toContain('DiskPressure');
    expect(i.ongoing).toBe(true);
  });

  // 36: "Node `homelab-1`. 16:18:42: attempting to reclaim ephemeral-storage → delete unused
  // containers/images → must evict → 8 pods ranked → "cannot evict a critical pod"
  // flux-system/kustomize-controller-6b7bfd984d-r8m6z. 0 evicted in the lines. Incident open at end."
  it('36 k3s 1.35: ephemeral-storage, 8 ranked, a critical pod, nothing evicted, open', () => {
    const t = real('36-structured-journal-k3s-1.35-ephemeral-critical-pod.log');
    expect(t.nodes.map((n) => n.name)).toEqual(['homelab-1']);
    const i = t.incidents[0]!;
    expect(t.incidents).toHaveLength(1);
    expect(i.resources).toEqual(['ephemeral-storage']);
    expect(i.rankedPods).toHaveLength(8);
    expect(i.criticalPods).toEqual(['flux-system/kustomize-controller-6b7bfd984d-r8m6z']);
    expect(i.evictedPods).toEqual([]);
    expect(i.ongoing).toBe(true);
  });

  // 37: "Node `deb11mk8s`. 00:29:37: "unable to evict any pods from the node" (end of an earlier cycle).
  // 00:29:47: attempting to reclaim ephemeral-storage → GC → must evict → ranked
  // [kube-system/calico-node-29x5m] → "cannot evict a critical pod" calico-node-29x5m. Nothing evicted.
  // Loop, incident open at end."
  it('37 microk8s kubelite, indented: unable to evict, then a critical calico-node, open', () => {
    const t = real('37-structured-journal-microk8s-kubelite-indented-ephemeral-critical.log');
    expect(t.nodes.map((n) => n.name)).toEqual(['deb11mk8s']);
    const i = t.incidents.at(-1)!;
    expect(t.incidents.reduce((a, x) => a + x.unableToEvict, 0)).toBe(1);
    expect(i.resources).toEqual(['ephemeral-storage']);
    expect(i.rankedPods).toEqual(['kube-system/calico-node-29x5m']);
    expect(i.criticalPods).toEqual(['kube-system/calico-node-29x5m']);
    expect(t.incidents.flatMap((x) => x.evictedPods)).toEqual([]);
    expect(i.ongoing).toBe(true);
  });

  // 38: "Incident A: 10:58:40 reclaim ephemeral-storage → 10:58:41 "able to reduce … without evicting
  // pods" (ended, 0 evicted). Incident B: 15:20:17 → 15:20:25 same, 0 evicted. Incident C from 15:27:27:
  // must evict; rook-ceph-osd-2-759b67cc7c-62r7c evicted …; mongodb-primary-0 evicted …;
  // runner-hi4fn6ay-project-28-concurrent-0khrql evicted …. 3 pods evicted. 11 pods rejected
  // `[DiskPressure]` 15:27:33–15:27:35, all rook-ceph-osd-2-759b67cc7c-* replicas. C is open at end."
  it('38 grep of eviction_manager: two incidents reclaimed, then 3 evicted and 11 rejected, open', () => {
    const t = real('38-glog-journal-grep-eviction-manager-ephemeral-3-evicted-11-rejected.log');
    expect(t.nodes.map((n) => n.name)).toEqual(['node3']);
    expect(t.incidents).toHaveLength(3);
    const [a, b, c] = t.incidents as [Incident, Incident, Incident];
    for (const x of [a, b]) expect(x).toMatchObject({ resources: ['ephemeral-storage'], closedBy: 'reclaimed', evictedPods: [] });
    expect(c.evictedPods.map((p) => p.pod.split('/').pop())).toEqual([
      'rook-ceph-osd-2-759b67cc7c-62r7c',
      'mongodb-primary-0',
      'runner-hi4fn6ay-project-28-concurrent-0khrql',
    ]);
    expect(c.rejectedPods.reduce((n, r) => n + r.count, 0)).toBe(11);
    expect(c.rejectedPods.every((r) => /rook-ceph-osd-2-759b67cc7c-/.test(r.pod))).toBe(true);
    expect(c.ongoing).toBe(true);
  });

  // 39: "2 pods rejected `[DiskPressure]`: rdma-device-plugin-daemonset-8nwb8 (15:42:13) and
  // nvidia-device-plugin-daemonset-88sm6 (15:42:14). 15:42:16: attempting to reclaim nodefs → must
  // evict → "no pods are active to evict". 0 evicted. Open at end." (the first line lost its severity)
  it('39 severity letter cut on line 1: 2 rejected, nodefs, no pods to evict, open', () => {
    const t = real('39-glog-bare-first-line-severity-cut-nodefs-no-pods-active.log');
    const i = t.incidents[0]!;
    expect(t.incidents).toHaveLength(1);
    expect(i.rejectedPods.map((r) => r.pod.split('/').pop())).toEqual([
      'rdma-device-plugin-daemonset-8nwb8',
      'nvidia-device-plugin-daemonset-88sm6',
    ]);
    expect(i).toMatchObject({ resources: ['nodefs'], noPodsToEvict: 1, evictedPods: [], ongoing: true });
    expect(i.conditions).toEqual(['DiskPressure']);
  });

  // 40: "03:05:13: must evict pod(s) to reclaim imagefs; 6 pods ranked, static kube-proxy first.
  // 03:05:14: "pods kube-proxy-[node IP]_kube-system(…) evicted, waiting for pod to be cleaned up".
  // 1 pod evicted (kube-proxy, a static pod) … Open at end." (line-number gutter, soft-wrap spaces)
  it('40 gutter and soft-wrap damage: imagefs, 6 ranked, the redacted kube-proxy evicted, open', () => {
    const t = real('40-glog-line-number-gutter-imagefs-kube-proxy-evicted-softwrap-spaces.log');
    const i = t.incidents[0]!;
    expect(t.incidents).toHaveLength(1);
    expect(i.resources).toEqual(['imagefs']);
    expect(i.rankedPods).toHaveLength(6);
    expect(i.rankedPods[0]).toBe('kube-system/kube-proxy-[node IP]');
    expect(i.evictedPods.map((p) => p.pod)).toEqual(['kube-system/kube-proxy-[node IP]']);
    expect(i.ongoing).toBe(true);
  });

  // 41: "Node `node-1`. No timestamps at all. Sequence: attempting to reclaim ephemeral-storage → GC →
  // must evict → 9 pods ranked → … → custom-metrics-apiserver-747fd5d6f6-9dg8t evicted successfully →
  // (elided) → cleaned up. 1 pod evicted. A tool cannot place these on a timeline."
  it('41 stamps stripped: node-1, ephemeral-storage, 9 ranked, 1 evicted, no times', () => {
    const t = real('41-glog-journal-timestamps-stripped-ephemeral-evicted-comment.log');
    expect(t.nodes.map((n) => n.name)).toEqual(['node-1']);
    const i = t.incidents[0]!;
    expect(t.incidents).toHaveLength(1);
    expect(i.resources).toEqual(['ephemeral-storage']);
    expect(i.rankedPods).toHaveLength(9);
    expect(i.evictedPods.map((p) => p.pod.split('/').pop())).toEqual(['custom-metrics-apiserver-747fd5d6f6-9dg8t']);
    expect(Number.isNaN(i.start)).toBe(true);
  });

  // 42: "Node `node193.169.203.140`. Must evict pod(s) to reclaim inodes (instant: journal Dec 17
  // 14:08:06 local = klog 06:08:06 UTC). No ranking or eviction lines. Open."
  it('42 IP-like host, journal in CST: must evict for inodes at 06:08:06 UTC, open', () => {
    const t = real('42-glog-journal-ip-hostname-utc-vs-local-inodes.log');
    expect(t.nodes.map((n) => n.name)).toEqual(['node193.169.203.140']);
    const i = t.incidents[0]!;
    expect(i).toMatchObject({ resources: ['inodes'], mustEvict: 1, rankedPods: [], evictedPods: [], ongoing: true });
    expect(new Date(i.start).toISOString().slice(0, 19)).toBe('2023-12-17T06:08:06');
  });

  // 43: "Kubelet start 15:40:27 (Version v1.20.1 …). Hard thresholds: nodefs.available<10%,
  // nodefs.inodesFree<5%, imagefs.available<15%, memory.available<100Mi. … From 15:40:31 an
  // ephemeral-storage loop every ~10 s …: reclaim → GC → must evict → "no pods are active to evict".
  // 4 cycles, 0 evicted, open at end."
  it('43 standalone kubelet 1.20: a start, 4 hard thresholds, 4 cycles with no pods to evict, open', () => {
    const t = real('43-glog-bare-stderr-standalone-kubelet-1.20-start-no-pods-active-loop.log');
    const n = t.nodes[0]!;
    expect(t.nodes).toHaveLength(1);
    expect(n.kubeletStarts.map((s) => s.version)).toEqual(['v1.20.1']);
    expect(n.thresholds[0]!.hard.map((h) => `${h.signal}<${h.value}`).sort()).toEqual([
      'imagefs.available<15%',
      'memory.available<100Mi',
      'nodefs.available<10%',
      'nodefs.inodesFree<5%',
    ]);
    expect(t.incidents).toHaveLength(1);
    expect(t.incidents[0]).toMatchObject({ resources: ['ephemeral-storage'], noPodsToEvict: 4, evictedPods: [], ongoing: true });
  });

  // 44: "No node, no timestamps. Reclaim ephemeral-storage → GC removes image sha256:80d2… (299513
  // bytes) → must evict → ranked [default/mysql default/postgres default/myapp kube-system/kube-proxy-f94hx
  // kube-system/kube-flannel-ds-z447z] → default/mysql evicted, waiting, cleaned up. 1 pod evicted."
  it('44 `... ` prefixes: an image removed, 5 ranked, mysql evicted', () => {
    const t = real('44-structured-elided-prefix-ephemeral-image-gc-mysql-evicted.log');
    const i = t.incidents[0]!;
    expect(t.incidents).toHaveLength(1);
    expect(i).toMatchObject({ resources: ['ephemeral-storage'], imagesRemoved: 1, bytesFreed: 299513 });
    expect(i.rankedPods).toEqual([
      'default/mysql',
      'default/postgres',
      'default/myapp',
      'kube-system/kube-proxy-f94hx',
      'kube-system/kube-flannel-ds-z447z',
    ]);
    expect(i.evictedPods.map((p) => p.pod)).toEqual(['default/mysql']);
  });

  // 45: "Cycle 1: must evict → ranked 4 → default/postgres evicted, cleaned up. Cycle 2: reclaim → image
  // sha256:f977… removed (106563200 bytes) → able to reduce without evicting. 1 pod evicted."
  it('45 postgres evicted, then an image removed and pressure reduced without evicting: ended', () => {
    const t = real('45-structured-elided-prefix-postgres-evicted-then-reduced.log');
    expect(t.incidents.flatMap((i) => i.evictedPods.map((p) => p.pod))).toEqual(['default/postgres']);
    expect(t.incidents.flatMap((i) => i.rankedPods)).toHaveLength(4);
    expect(t.incidents.reduce((a, i) => a + i.bytesFreed, 0)).toBe(106563200);
    expect(t.incidents.at(-1)).toMatchObject({ closedBy: 'reclaimed', ongoing: false, reclaimedWithoutEviction: 1 });
  });

  // 46: "Node `aks-nodepool1-24207654-vmss000002`. 19:34:44: 7 pods ranked (default/nginx first, then
  // kube-system daemons). 19:34:45: nginx container killed (grace 30). 19:34:45.445: default/nginx evicted
  // successfully. 1 pod evicted. The resource is not named in the lines."
  it('46 AKS syslog, pods as a quoted string: 7 ranked, nginx evicted, no resource named', () => {
    const t = real('46-structured-syslog-aks-memory-quoted-pods-string-evicted.log');
    expect(t.nodes.map((n) => n.name)).toEqual(['aks-nodepool1-24207654-vmss000002']);
    const i = t.incidents[0]!;
    expect(i.rankedPods).toHaveLength(7);
    expect(i.rankedPods[0]).toBe('default/nginx');
    expect(i.evictedPods.map((p) => p.pod)).toEqual(['default/nginx']);
    expect(i.resources).toEqual([]);
  });

  // 47: "No node, no times. Image GC: usage 85% ≥ high 85%, trying to free 1284963532 bytes down to 80%.
  // 1 pod rejected `[DiskPressure]`: kube-flannel-ds-amd64-6wkdk." (headers stripped, indented 4)
  it('47 headerless, indented: image GC over 85%, one pod rejected for DiskPressure', () => {
    const t = real('47-headerless-indented-4sp-sysbox-image-gc-85pct-admit-reject.log');
    const gc = t.incidents.find((i) => i.imageGc)!;
    expect(gc.imageGc).toMatchObject({ usagePercent: 85, highPercent: 85, lowPercent: 80, bytesToFree: 1284963532 });
    const rejected = t.incidents.flatMap((i) => i.rejectedPods);
    expect(rejected.map((r) => [r.pod.split('/').pop(), r.count])).toEqual([['kube-flannel-ds-amd64-6wkdk', 1]]);
    expect(t.incidents.flatMap((i) => i.conditions)).toContain('DiskPressure');
  });

  // 48: "10:49:49: "preemption: pod domain-d9c95557-hs6k6_default(…) evicted successfully" = 1 pod
  // preempted to admit a critical pod. Not node-pressure eviction."
  it('48 GKE, severity cut: one pod preempted for a critical pod, not pressure', () => {
    const t = real('48-glog-severity-cut-gke-preemption-evicted-trailing-quote.log');
    expect(t.incidents).toHaveLength(1);
    const i = t.incidents[0]!;
    expect(i.evictionKinds).toEqual(['critical-pod-preemption']);
    expect(i.evictedPods.map((p) => [p.pod, p.cause])).toEqual([['default/domain-d9c95557-hs6k6', 'preemption']]);
    expect(i.conditions).toEqual([]);
    expect(i.ongoing).toBe(false);
  });

  // 49: "21:48:12: 2 pods ranked (container-inode-hog-pod, normal-memory-usage-pod) →
  // container-inode-hog-pod killed with 0 s grace override → Event `Evicted` "The node was low on
  // resource: nodefsInodes." → "Killing unwanted pod". 1 pod evicted, shown by the event."
  it('49 backticks on every line: 2 ranked, the inode hog evicted (by its event)', () => {
    const t = real('49-glog-inline-backticks-per-line-inodes-ranked-evicted-event.log');
    const i = t.incidents[0]!;
    expect(t.incidents).toHaveLength(1);
    expect(i.rankedPods.map((p) => p.split('/').pop())).toEqual(['container-inode-hog-pod', 'normal-memory-usage-pod']);
    expect(i.evictedPods.map((p) => p.pod.split('/').pop())).toEqual(['container-inode-hog-pod']);
    expect(i.resources).toEqual(['nodefsInodes']);
  });

  // 50: "No time, no node. Recovery from an admission failure failed: preemption could not evict pod
  // worker-async-ad-stitching-tracking-5f89bb489d-mvdq4_www ("timeout waiting to kill pod")."
  it('50 message only: preemption failed to evict a pod (timeout), nothing evicted', () => {
    const t = real('50-headerless-message-only-preemption-failed-to-evict-timeout.log');
    const i = t.incidents[0]!;
    expect(t.incidents).toHaveLength(1);
    expect(i.evictionKinds).toEqual(['critical-pod-preemption']);
    expect(i.evictFailures.map((f) => [f.pod, f.cause])).toEqual([
      ['www/worker-async-ad-stitching-tracking-5f89bb489d-mvdq4', 'preemption'],
    ]);
    expect(i.evictFailures[0]!.error).toMatch(/timeout waiting to kill pod/);
    expect(i.evictedPods).toEqual([]);
  });

  // 51: "systemd restart loop at 05:17:19: "restart counter is at 557" → Stopped → Started → Main process
  // exited status=203/EXEC → Failed → counter 558 → Stopped → Started → exited 203/EXEC. The kubelet
  // binary never ran (exec failure). No kubelet lines, no pressure."
  it('51 minikube on CentOS 8: two starts, each failing with 203/EXEC', () => {
    const t = real('51-systemd-minikube-centos8-restart-loop-203-exec.log');
    expect(t.nodes.map((n) => n.name)).toEqual(['localhost.localdomain']);
    const n = t.nodes[0]!;
    expect(n.kubeletStarts).toHaveLength(2);
    expect(n.kubeletStarts.every((s) => s.via === 'systemd' && s.failed !== undefined)).toBe(true);
    expect(n.kubeletStops.filter((s) => s.status === '203/EXEC')).toHaveLength(2);
    expect(t.incidents).toEqual([]);
  });

  // 52: "19:05:10: systemd Stopped Kubernetes Kubelet (consumed 115ms) → Starting Kubernetes Kubelet... →
  // hyperkube[5492] start (flag deprecation, FLAG dump begins). Kubelet restart. No pressure."
  it('52 prompt glued to line 1: OpenShift kubelet stopped and started again', () => {
    const t = real('52-glog-prompt-glued-openshift-hyperkube-stopped-starting-head.log');
    expect(t.nodes.map((n) => n.name)).toEqual(['openshift-worker-1.example.com']);
    const n = t.nodes[0]!;
    expect(n.kubeletStops).toHaveLength(1);
    expect(n.kubeletStarts).toHaveLength(1);
    expect(n.kubeletStarts[0]!.at).toBeGreaterThanOrEqual(n.kubeletStops[0]!.at);
    expect(t.incidents).toEqual([]);
  });

  // 53: "Container Manager HardEvictionThresholds: memory.available<100Mi, nodefs.available<10%,
  // nodefs.inodesFree<5%, imagefs.available<15%. … F: "failed to run Kubelet" … systemd: Main process
  // exited status=255/n/a → … → Failed to start Kubernetes Kubelet. The kubelet start failed."
  it('53 OpenShift: hard thresholds from the container manager, a failed start, exit 255', () => {
    const t = real('53-glog-openshift-hyperkube-container-manager-failed-to-run-kubelet-systemd-tail.log');
    const n = t.nodes[0]!;
    expect(n.thresholds[0]!.hard.map((h) => `${h.signal}<${h.value}`).sort()).toEqual([
      'imagefs.available<15%',
      'memory.available<100Mi',
      'nodefs.available<10%',
      'nodefs.inodesFree<5%',
    ]);
    expect(n.kubeletStarts).toHaveLength(1);
    expect(n.kubeletStarts[0]!.failed?.error).toMatch(/failed to run Kubelet|cpumanager/i);
    expect(n.kubeletStops.map((s) => s.status)).toContain('255/n/a');
    expect(t.incidents).toEqual([]);
  });

  // 54: "5× (every ~18 s, 22:12:49–22:14:01) "eviction manager: failed to construct signal:
  // "allocatableMemory.available" error: system container "pods" not found\nin metrics". No pressure."
  it('54 grep -n prefix, message broken over two lines: allocatableMemory never constructed ×5', () => {
    const t = real('54-glog-grep-n-prefix-windows-kubelet-err-allocatable-signal-multiline.log');
    expect(t.incidents).toEqual([]);
    expect(t.nodes[0]!.unobserved['allocatableMemory.available']?.count).toBe(5);
  });

  // 55: ""Eviction manager: no observation found for eviction signal" signal="containerfs.inodesFree",
  // twice at 04:51:38.888080 (a duplicate, not two events). No pressure."
  it('55 two byte-identical lines: one missing observation, counted once', () => {
    const t = real('55-structured-bare-windows-1.32-no-observation-containerfs-inodes-duplicated.log');
    expect(t.incidents).toEqual([]);
    expect(t.nodes[0]!.unobserved['containerfs.inodesFree']?.count).toBe(1);
    expect(t.counters.duplicates).toBe(1);
  });

  // 56: "Node `std-hm-fint-b-4657`. A loop: SyncLoop ADD → Topology Admit Handler → "Predicate failed on
  // Pod" at 04:15:57 (…-njcmz) and 04:15:58 (…-mdngn) …. 2 admission rejections visible. The reason is cut
  // off in the lines. Not eviction."
  it('56 width-chopped lines: two admission failures (reason cut), no pressure', () => {
    const t = real('56-structured-journal-width-chopped-predicate-failed-outofcpu-loop.log');
    expect(t.nodes.map((n) => n.name)).toEqual(['std-hm-fint-b-4657']);
    const a = t.nodes[0]!.admissionFailures;
    expect(a.map((x) => x.pod.replace(/_.*$/, '').split('/').pop()!.slice(-5)).sort()).toEqual(['mdngn', 'njcmz']);
    expect(t.incidents).toEqual([]);
  });

  // 57: "1 pod rejected: xihh-b1be980fcf582028y0kkvd1ffxd5jc8_default, "Node didn't have enough
  // resource: memory, …" (OutOfmemory)."
  it('57 message only: one admission failure for memory (OutOfmemory), not pressure', () => {
    const t = real('57-headerless-predicate-failed-outofmemory-1.8.log');
    expect(t.nodes[0]!.admissionFailures.map((a) => [a.pod, a.reason, a.count])).toEqual([
      ['default/xihh-b1be980fcf582028y0kkvd1ffxd5jc8', 'OutOfmemory', 1],
    ]);
    expect(t.incidents).toEqual([]);
  });

  // 58: "18:15:29: systemd Started Kubernetes Kubelet Service. → kubelet[9389] E "command failed" (invalid
  // client CA file) → Main process exited status=1/FAILURE → Failed with result 'exit-code'. The kubelet
  // start failed. No pressure."
  it('58 NixOS: a start that failed (command failed), exit 1/FAILURE', () => {
    const t = real('58-structured-journal-nixos-elided-started-service-command-failed.log');
    expect(t.nodes.map((n) => n.name)).toEqual(['nixos']);
    const n = t.nodes[0]!;
    expect(n.kubeletStarts).toHaveLength(1);
    expect(n.kubeletStarts[0]!.failed?.error).toMatch(/client CA file/);
    expect(n.kubeletStops.map((s) => s.status)).toEqual(['1/FAILURE']);
  });

  // 59: "Host `master-1`. 2020-09-18T11:48:50+08:00: kubelet W "Failed to update stats for container …
  // no such file or directory". No pressure." (Loki logcli records over /var/log/messages)
  it("59 logcli over a syslog file: the node is the syslog line's host, no pressure", () => {
    const t = real('59-glog-loki-logcli-rfc3339-label-prefix-hard-wrapped-syslog.log');
    expect(t.nodes.map((n) => n.name)).toEqual(['master-1']);
    // (a node with no event of its own was seen until its last line, not "no time")
    expect(new Date(t.nodes[0]!.lastSeen).toISOString().slice(0, 19)).toBe('2020-09-18T03:48:50');
    expect(t.incidents).toEqual([]);
  });

  // 60: "Node `o1.home`. 00:20:07.544: kube-proxy-bbrr6 rejected at admission `[MemoryPressure]` (1
  // rejection). 00:20:07.726: attempting to reclaim memory. Open at end."
  it('60 Russian month: one rejection for MemoryPressure, reclaim memory, open', () => {
    const t = real('60-glog-journal-ru-month-memorypressure-admit-reject-reclaim.log');
    expect(t.nodes.map((n) => n.name)).toEqual(['o1.home']);
    const i = t.incidents[0]!;
    expect(t.incidents).toHaveLength(1);
    expect(i.rejectedPods.map((r) => [r.pod, r.count])).toEqual([['kube-system/kube-proxy-bbrr6', 1]]);
    expect(i).toMatchObject({ resources: ['memory'], conditions: ['MemoryPressure'], reclaimAttempts: 1, ongoing: true });
  });

  // 61: "No times, no node. Reclaim ephemeral-storage → 3 images removed (c0cd… 162019241, 80d2…
  // 299513, f977… 106563200 bytes) → able to reduce pressure without evicting pods. 0 evicted."
  it('61 `... ` prefixes: 3 images removed, pressure reduced without evicting: ended', () => {
    const t = real('61-structured-elided-prefix-images-removed-reduced-without-evicting.log');
    const i = t.incidents[0]!;
    expect(t.incidents).toHaveLength(1);
    expect(i).toMatchObject({ resources: ['ephemeral-storage'], imagesRemoved: 3, bytesFreed: 162019241 + 299513 + 106563200 });
    expect(i).toMatchObject({ evictedPods: [], closedBy: 'reclaimed', ongoing: false });
  });

  // 62: "Host `K8S-master01`. Mar 31 11:52:05: F failed to run Kubelet (cgroup driver …) → main process
  // exited 255/n/a → Unit entered failed state → failed. No pressure." (/var/log/messages, no pid)
  it('62 /var/log/messages without PIDs: a failed start, exit 255', () => {
    const t = real('62-glog-var-log-messages-no-pid-fatal-failed-to-run-kubelet-trailing-prompt.log');
    expect(t.nodes.map((n) => n.name)).toEqual(['K8S-master01']);
    const n = t.nodes[0]!;
    expect(n.kubeletStarts).toHaveLength(1);
    expect(n.kubeletStarts[0]!.failed?.error).toMatch(/cgroup driver/);
    expect(n.kubeletStops.map((s) => s.status)).toEqual(['255/n/a']);
    expect(t.incidents).toEqual([]);
  });

  // 63: "Host `k8s-master`. Feb 09 10:04:25: E "Failed to run kubelet" (cgroup driver systemd ≠ docker
  // cgroupfs) → Main process exited 1/FAILURE → Failed with result 'exit-code'. No pressure."
  it('63 journalctl -xeu with catalog lines: a failed start, exit 1/FAILURE', () => {
    const t = real('63-structured-journalctl-xeu-catalog-subject-lines-failed-to-run.log');
    expect(t.nodes.map((n) => n.name)).toEqual(['k8s-master']);
    const n = t.nodes[0]!;
    expect(n.kubeletStarts).toHaveLength(1);
    expect(n.kubeletStarts[0]!.failed?.error).toMatch(/cgroup driver/);
    expect(n.kubeletStops.map((s) => s.status)).toEqual(['1/FAILURE']);
  });

  // 64: "Node `office`. Dec 25, journal 21:16:07–21:16:28 local = klog 13:16 UTC. Two cycles end in "able
  // to reduce ephemeral-storage pressure without evicting pods" (21:16:07, 21:16:18). A new reclaim starts
  // 21:16:28 (open). 0 evicted."
  it('64 less -N gutter, CST journal: two cycles reduced without evicting, a third open', () => {
    const t = real('64-glog-k3s-zh-month-line-number-gutter-utc-skew-able-to-reduce-loop.log');
    expect(t.nodes.map((n) => n.name)).toEqual(['office']);
    expect(t.incidents.reduce((a, i) => a + i.reclaimedWithoutEviction, 0)).toBe(2);
    expect(t.incidents.flatMap((i) => i.evictedPods)).toEqual([]);
    const last = t.incidents.at(-1)!;
    expect(last).toMatchObject({ resources: ['ephemeral-storage'], ongoing: true });
    expect(new Date(t.incidents[0]!.start).toISOString().slice(0, 16)).toBe('2021-12-25T13:16');
  });

  // 65: "No time or node. The kubelet tries to remove image 4dae2… (1207235428 bytes). "RemoveImage from
  // image service failed": image is in use by a container. GC frees nothing."
  it('65 headers cut to `file.go:`: a removal the runtime refused frees nothing', () => {
    const t = real('65-structured-headerless-file-no-line-2sp-crio-remove-image-in-use.log');
    const i = t.incidents[0]!;
    expect(i).toMatchObject({ imagesRemoved: 0, bytesFreed: 0, imageRemovalFailures: { count: 1 } });
    expect(i.imageRemovalFailures!.error).toMatch(/in use by a container/);
  });

  // 66: "10-18 17:16:49: image fs usage=82 over the high threshold (the threshold value itself is cut).
  // 4 images removed (only 23963887 bytes is a complete size). No eviction."
  it('66 pager-ellipsized lines: usage 82 over a cut threshold, 4 images removed, one size whole', () => {
    const t = real('66-structured-bare-pager-ellipsized-gt-image-gc-usage-82.log');
    const i = t.incidents[0]!;
    expect(t.incidents).toHaveLength(1);
    expect(i.imageGc!.usagePercent).toBe(82);
    expect(Number.isNaN(i.imageGc!.highPercent)).toBe(true);
    expect(i).toMatchObject({ imagesRemoved: 4, bytesFreed: 23963887, evictedPods: [] });
  });

  // 67: "Node `local-worker`. 11:18:15: GC failed, freed 0. 11:23:15: removed sha256:4f380adf… (53740695
  // bytes), then GC failed "wanted to free 96499685744 bytes, but freed 53740695 bytes" (partial)."
  it('67 kind, image GC: a failure that freed 0, then a partial one', () => {
    const t = real('67-structured-journal-kind-image-gc-partial-free-with-comment.log');
    expect(t.nodes.map((n) => n.name)).toEqual(['local-worker']);
    expect(t.incidents.map((i) => i.reclaimFailure && [i.reclaimFailure.wantedBytes, i.reclaimFailure.freedBytes])).toEqual([
      [96499661168, 0],
      [96499685744, 53740695],
    ]);
    expect(t.incidents.reduce((a, i) => a + i.bytesFreed, 0)).toBe(53740695);
  });

  // 68: "07-14 18:03:20: disk usage 24% ≥ high 2%, trying to free 72470076620 bytes down to low 1%
  // (thresholds deliberately lowered). Removed image sha256:f68d6e55… (109357355 bytes)."
  it('68 -o cat | grep imageGCManager: GC at 24% over a 2% high threshold, one image removed', () => {
    const t = real('68-glog-journalctl-o-cat-grep-prompt-image-gc-low-thresholds-removing.log');
    const i = t.incidents[0]!;
    expect(i.imageGc).toMatchObject({ usagePercent: 24, highPercent: 2, lowPercent: 1, bytesToFree: 72470076620 });
    expect(i).toMatchObject({ imagesRemoved: 1, bytesFreed: 109357355 });
  });

  // 69: "Node `ubuntu-k8s-3`. Kubelet start at 09:54:09 (systemd Started; pid 12844). Hard thresholds:
  // memory.available<100Mi, nodefs.available<10%, nodefs.inodesFree<5%. No soft thresholds. No pressure."
  it('69 zh month: a systemd start with its PID, three hard thresholds, no pressure', () => {
    const t = real('69-glog-journal-zh-month-systemd-started-container-manager-thresholds.log');
    const n = t.nodes[0]!;
    expect(n.name).toBe('ubuntu-k8s-3');
    expect(n.kubeletStarts.map((s) => [s.via, s.pid])).toEqual([['systemd', 12844]]);
    expect(n.thresholds[0]!.hard.map((h) => `${h.signal}<${h.value}`).sort()).toEqual([
      'memory.available<100Mi',
      'nodefs.available<10%',
      'nodefs.inodesFree<5%',
    ]);
    expect(t.incidents).toEqual([]);
  });

  // 70: "Host `node01`. Aug 23 13:53:14: E "command failed" err="failed to parse kubelet flag: unknown
  // flag: --improve-speed" → Main process exited 1/FAILURE. The kubelet is down."
  it('70 Killercoda 1.33: a start that failed on an unknown flag, exit 1/FAILURE', () => {
    const t = real('70-structured-killercoda-prompt-command-failed-unknown-flag-1.33.log');
    const n = t.nodes[0]!;
    expect(n.name).toBe('node01');
    expect(n.kubeletStarts).toHaveLength(1);
    expect(n.kubeletStarts[0]!.failed?.error).toMatch(/unknown flag: --improve-speed/);
    expect(n.kubeletStops.map((s) => s.status)).toEqual(['1/FAILURE']);
  });

  // 71: "Thresholds from flags: --eviction-hard imagefs.available<15%, memory.available<100Mi,
  // nodefs.available<10%, nodefs.inodesFree<5%; --eviction-soft empty; --eviction-pressure-transition-period
  // 5m0s; --eviction-max-pod-grace-period 0. No pressure."
  it('71 FLAG dump sub-run: hard set, soft empty, transition 5m, max grace 0', () => {
    const t = real('71-glog-openshift-hyperkube-flag-dump-eviction-subrun.log');
    const st = t.nodes[0]!.thresholds;
    expect(st).toHaveLength(1);
    expect(st[0]!.hard.map((h) => `${h.signal}<${h.value}`).sort()).toEqual([
      'imagefs.available<15%',
      'memory.available<100Mi',
      'nodefs.available<10%',
      'nodefs.inodesFree<5%',
    ]);
    expect(st[0]).toMatchObject({ source: 'flags', soft: [], pressureTransitionSeconds: 300, maxPodGracePeriodSeconds: 0 });
    expect(t.incidents).toEqual([]);
  });

  // 72: "No node. "Started Kubernetes Kubelet Server." then "Starting Kubernetes Kubelet Server..." (in that
  // order in the paste), then kubelet pid 29352 at 11:31:03 (glog time only). A kubelet start. No pressure."
  it("72 -o export | grep MESSAGE: systemd's words give one start", () => {
    const t = real('72-glog-journal-export-grep-MESSAGE-kubelet-server-started.log');
    expect(t.nodes).toHaveLength(1);
    expect(t.nodes[0]!.kubeletStarts.map((s) => s.via)).toEqual(['systemd']);
    expect(t.incidents).toEqual([]);
  });

  // 73: "05:28:13 pid 31983, then 05:33:23 pid 34842 → the kubelet restarted between them (no systemd
  // lines). Hairpin-mode messages only. No pressure."
  it('73 indented 4 spaces: a new PID is a restart, no pressure', () => {
    const t = real('73-glog-journal-4space-indented-pid-change-no-pressure.log');
    const n = t.nodes[0]!;
    expect(n.name).toBe('tjwq01-sys-bs003007.tjwq01.ksyun.com');
    expect(n.kubeletStarts.map((s) => [s.via, s.pid])).toEqual([['pid-change', 34842]]);
    expect(t.incidents).toEqual([]);
  });

  // 74: "Node `worker1`. Kubelet **inactive (dead) since Thu 2022-03-31 11:42:53 UTC**, exit status 0
  // (stopped, not crashed). Journal: 11:35:14 image GC attempt → must evict ephemeral-storage → ranked
  // [kube-system/weave-net-zxchk kube-system/kube-proxy-778cb]. No eviction result shown."
  it('74 systemctl status before its journal tail: the unit stopped at its `since`, exit 0', () => {
    const t = real('74-structured-systemctl-status-inactive-with-journal-tail-ephemeral.log');
    expect(t.nodes.map((n) => n.name)).toEqual(['worker1']);
    const n = t.nodes[0]!;
    expect(n.kubeletStops.map((s) => [new Date(s.at).toISOString(), s.status])).toEqual([['2022-03-31T11:42:53.000Z', '0/SUCCESS']]);
    expect(t.incidents).toHaveLength(1);
    expect(t.incidents[0]).toMatchObject({
      resources: ['ephemeral-storage'],
      rankedPods: ['kube-system/weave-net-zxchk', 'kube-system/kube-proxy-778cb'],
    });
    expect(t.incidents[0]!.evictedPods).toEqual([]);
  });

  // 75: "Node `vm10-0-10-6.ksc.com`. Kubelet active since 2018-01-26 00:55:01 CST (PID 9185). 00:56:02:
  // unable to register node (API i/o timeout), NodeHasSufficientDisk/Memory/NoDiskPressure recorded, list
  // failures, event write failure at 00:56:09. No pressure, no eviction."
  it('75 systemctl status without its bullet: one start at its `since`, PID 9185, no pressure', () => {
    const t = real('75-glog-systemctl-status-no-bullet-vim-tilde-trailer-register-timeout.log');
    expect(t.nodes.map((n) => n.name)).toEqual(['vm10-0-10-6.ksc.com']);
    const n = t.nodes[0]!;
    expect(n.kubeletStarts.map((s) => [new Date(s.at).toISOString(), s.pid])).toEqual([['2018-01-25T16:55:01.000Z', 9185]]);
    expect(n.kubeletStops).toEqual([]);
    expect(t.incidents).toEqual([]);
  });
});

describe('real journals that state their span (`-- Logs begin at … end at … --`): no year is guessed', () => {
  const MARKED = readdirSync(new URL('../samples/real/', import.meta.url)).filter((f) =>
    /^-- (?:Logs begin at|Journal begins at) .*\d{4}-\d\d-\d\d.*\d{4}-\d\d-\d\d/m.test(
      readFileSync(new URL(`../samples/real/${f}`, import.meta.url), 'utf8'),
    ),
  );
  it('there are several', () => expect(MARKED.length).toBeGreaterThanOrEqual(4));
  it.each(MARKED)('%s, read without --year, in the year its INDEX row gives (--year in sample-args)', (file) => {
    const text = readFileSync(new URL(`../samples/real/${file}`, import.meta.url), 'utf8');
    const args = SAMPLE_ARGS[`real/${file}`] ?? [];
    const tz = args.includes('--timezone') ? args[args.indexOf('--timezone') + 1]! : 'UTC';
    const t = analyzeText([{ name: file, text }], { zone: zone(tz), now: NOW });
    expect(t.yearInferred).toBe(false);
    const years = t.nodes.flatMap((n) => [n.firstSeen, n.lastSeen]).map((ms) => new Date(ms).getUTCFullYear());
    expect(new Set(years)).toEqual(new Set([Number(args[args.indexOf('--year') + 1])]));
  });
});
