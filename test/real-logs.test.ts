/**
 * Every real excerpt of samples/real/ (pasted by real people in public threads; INDEX.md
 * says where each comes from) is a test: the assertions state what its INDEX.md row says a careful reader
 * concludes (resources, pods, outcome), and no eviction-related line of it may
 * be left unrecognized. The INDEX row text is quoted above each case.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../src/analyze/pipeline.js';
import type { Timeline } from '../src/timeline/model.js';
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
});
