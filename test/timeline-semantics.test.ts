/**
 * What the kubelet meant (issue 12, section 2), end to end on small journals: the pipeline from
 * text to timeline. Real excerpts are inline, each with the paste it comes from (the research's
 * pastes, kept out of the repository) and only the damage a paste added undone (a lost severity
 * letter, a gutter), so these tests need nothing outside the repository.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../src/render/html.js';
import { renderMarkdown } from '../src/render/markdown.js';
import { renderText } from '../src/render/text.js';
import { toJsonReport } from '../src/render/json.js';
import { timelineFromJson } from '../src/timeline/from-json.js';
import { zone } from '../src/time/zone.js';
import { analyzeString } from './helpers.js';

const y = { year: 2024 };
const text = (t: ReturnType<typeof analyzeString>) => renderText(t, { zone: zone('UTC'), color: false });
/** A journal line of `worker-3`'s kubelet with a klog header at `hh:mm:ss`. */
const K = (t: string, sev: string, file: string, msg: string, pid = 2716) =>
  `Mar 14 ${t} worker-3 kubelet[${pid}]: ${sev}0314 ${t}.000100 ${String(pid).padStart(7)} ${file}] ${msg}`;
const S = (t: string, msg: string) => `Mar 14 ${t} worker-3 systemd[1]: ${msg}`;
const reclaim = (t: string) => K(t, 'W', 'eviction_manager.go:335', 'eviction manager: attempting to reclaim memory');
const starved = (t: string) => K(t, 'I', 'eviction_manager.go:324', 'eviction manager: no resources are starved');
const chatter = (t: string) => K(t, 'I', 'kubelet_getters.go:182', '"Pod status updated" pod="kube-system/etcd-worker-3" status="Running"');

describe('"no resources are starved" ends pressure', () => {
  // kubernetes/kubernetes PR #31939 (derekwaynecarr, 2016-09-02): research pastes/49
  const PASTE_49 = [
    'Sep 02 15:20:02 localhost.localdomain kubelet[18530]: I0902 15:20:02.917855   18530 eviction_manager.go:216] eviction manager: no resources are starved',
    'Sep 02 15:20:12 localhost.localdomain kubelet[18530]: W0902 15:20:12.963510   18530 eviction_manager.go:223] eviction manager: attempting to reclaim memory',
    'Sep 02 15:20:12 localhost.localdomain kubelet[18530]: I0902 15:20:12.963531   18530 eviction_manager.go:237] eviction manager: must evict pod(s) to reclaim memory',
    'Sep 02 15:20:12 localhost.localdomain kubelet[18530]: I0902 15:20:12.963548   18530 eviction_manager.go:256] eviction manager: pods ranked for eviction: guaranteed-cn933_e2e-tests-eviction-test-simple-rkrca(33a5f9aa-7142-11e6-a2e9-28d2444e470d)',
    'Sep 02 15:20:14 localhost.localdomain kubelet[18530]: I0902 15:20:14.747890   18530 eviction_manager.go:280] eviction manager: pod guaranteed-cn933_e2e-tests-eviction-test-simple-rkrca(33a5f9aa-7142-11e6-a2e9-28d2444e470d) evicted successfully',
    'Sep 02 15:20:24 localhost.localdomain kubelet[18530]: I0902 15:20:24.777956   18530 eviction_manager.go:216] eviction manager: no resources are starved',
    'Sep 02 15:20:34 localhost.localdomain kubelet[18530]: I0902 15:20:34.865967   18530 eviction_manager.go:216] eviction manager: no resources are starved',
  ];

  it('closes the incident open when the kubelet says it (a real excerpt), not left ongoing', () => {
    const t = analyzeString(PASTE_49.join('\n'), { year: 2016 });
    expect(t.incidents).toHaveLength(1);
    const inc = t.incidents[0]!;
    expect(inc).toMatchObject({ closedBy: 'no-resources-starved', ongoing: false, resources: ['memory'] });
    expect(inc.evictedPods.map((p) => p.pod)).toEqual(['e2e-tests-eviction-test-simple-rkrca/guaranteed-cn933']);
    expect(new Date(inc.start).toISOString()).toBe('2016-09-02T15:20:12.963Z');
    expect(new Date(inc.end).toISOString()).toBe('2016-09-02T15:20:24.777Z');
    expect(inc.statements.at(-1)!.text).toMatch(/no resources are starved/);
    expect(text(t)).toMatch(/ended: the kubelet reported no resources starved/);
    // without the kubelet's word, the same incident is still open at the end of the input
    const cut = analyzeString(PASTE_49.slice(0, 5).join('\n'), { year: 2016 });
    expect(cut.incidents[0]).toMatchObject({ closedBy: 'ongoing', ongoing: true });
  });

  it('a resource starving again within a minute is the same incident flapping; later, a new one', () => {
    const flapping = analyzeString([reclaim('09:00:00'), starved('09:00:10'), reclaim('09:00:20'), starved('09:00:30')].join('\n'), y);
    expect(flapping.incidents).toHaveLength(1);
    expect(flapping.incidents[0]).toMatchObject({ reclaimAttempts: 2, closedBy: 'no-resources-starved' });
    const again = analyzeString([reclaim('09:00:00'), starved('09:00:10'), reclaim('09:02:30')].join('\n'), y);
    expect(again.incidents.map((i) => [i.reclaimAttempts, i.closedBy])).toEqual([
      [1, 'no-resources-starved'],
      [1, 'ongoing'],
    ]);
  });

  // research pastes/17, 18, 57 (a blog's `... `-prefixed excerpts, no times) and 10 (a grep of
  // eviction_manager lines): a cycle that ends in `able to reduce … without evicting pods` ends the
  // incident, unless another cycle starts after it (72: the loop goes on)
  it('"able to reduce … pressure without evicting pods" as the last cycle ends the incident: reclaimed', () => {
    const reduced = (t: string) =>
      K(t, 'I', 'eviction_manager.go:346', 'eviction manager: able to reduce memory pressure without evicting pods.');
    const structured = (t: string) =>
      K(
        t,
        'I',
        'eviction_manager.go:366',
        '"Eviction manager: able to reduce resource pressure without evicting pods." resourceName="memory"',
      );
    for (const r of [reduced, structured]) {
      for (const lines of [
        [reclaim('09:00:00'), r('09:00:01')],
        [reclaim('09:00:00'), r('09:00:01'), chatter('09:00:05')],
        // without times only the order tells
        [reclaim('09:00:00'), r('09:00:01')].map((l) => `... ${l.slice(l.indexOf('eviction_manager.go'))}`),
      ]) {
        const t = analyzeString(lines.join('\n'), y);
        expect(t.incidents).toHaveLength(1);
        expect(t.incidents[0]).toMatchObject({ closedBy: 'reclaimed', ongoing: false, reclaimedWithoutEviction: 1 });
        expect(text(t)).toMatch(/ended: reclaimed without evicting pods/);
        expect(t.incidents[0]!.statements.at(-1)!.text).toMatch(/reclaimed enough without evicting pods/);
      }
      // another cycle after it: the loop goes on
      const loop = analyzeString([reclaim('09:00:00'), r('09:00:01'), reclaim('09:00:11')].join('\n'), y);
      expect(loop.incidents.map((i) => i.closedBy)).toEqual(['ongoing']);
      // a silence after it: still reclaim's end, not the silence's
      const later = analyzeString([reclaim('09:00:00'), r('09:00:01'), reclaim('09:30:00')].join('\n'), y);
      expect(later.incidents.map((i) => i.closedBy)).toEqual(['reclaimed', 'ongoing']);
    }
  });

  it("what follows without a resource starving is the incident's tail, not a new one", () => {
    const t = analyzeString(
      [
        reclaim('09:00:00'),
        starved('09:00:10'),
        K('09:00:10', 'I', 'eviction_manager.go:273', 'eviction manager: node conditions - transition period not met: [MemoryPressure]'),
        K(
          '09:00:15',
          'W',
          'eviction_manager.go:142',
          'Failed to admit pod web-1_default(0a1b2c3d-4e5f-11e7-9a8b-42010a800002) - node has conditions: [MemoryPressure]',
        ),
        starved('09:00:20'),
        K('09:00:20', 'I', 'eviction_manager.go:273', 'eviction manager: node conditions - transition period not met: [MemoryPressure]'),
      ].join('\n'),
      y,
    );
    expect(t.incidents).toHaveLength(1);
    expect(t.incidents[0]).toMatchObject({ closedBy: 'no-resources-starved', rejectedPods: [{ pod: 'default/web-1', count: 1 }] });
  });

  it('says nothing when no incident is open, and does not end one before its last sign', () => {
    expect(analyzeString([starved('09:00:00'), starved('09:00:10')].join('\n'), y).incidents).toEqual([]);
    // a B5 line out of order (earlier than the last pressure sign) does not close it
    const t = analyzeString([reclaim('09:00:00'), reclaim('09:00:20'), starved('09:00:10')].join('\n'), y);
    expect(t.incidents[0]!.closedBy).toBe('ongoing');
  });
});

describe('v1.7–1.9 evictions: "pods X evicted, waiting for pod to be cleaned up" is the eviction', () => {
  it('counts it as an eviction of each pod it names (a real v1.9 excerpt, node name redacted)', () => {
    // Chinese blog "Kubernetes集群运维踩坑记录" (2018-08-27), 1.9.6: research pastes/12, gutter removed
    const t = analyzeString(
      [
        'I0617 03:05:13.803095    5478 eviction_manager.go:346] eviction manager: must evict pod(s) to reclaim imagefs',
        'I0617 03:05:13.803169    5478 eviction_manager.go:364] eviction manager: pods ranked for eviction: kube-proxy-[node IP]_kube-system(dc6bd3a06883f50ce46d35fd024f66f2), config-88df876c5-pmk67_ec-prod(e134b5a2-6fc1-11e8-      b1d1-0226410ff50c), data-services-6b4df97cdf-qz8sd_ec-prod(da14a6d4-7158-11e8-ba3c-062f143c52c6)',
        'I0617 03:05:14.896640    5478 eviction_manager.go:156] eviction manager: pods kube-proxy-[node IP]_kube-system(dc6bd3a06883f50ce46d35fd024f66f2) evicted, waiting for pod to be cleaned up',
      ].join('\n'),
      { year: 2018 },
    );
    const inc = t.incidents[0]!;
    expect(inc.evictedPods.map((p) => p.pod)).toEqual(['kube-system/kube-proxy-[node IP]']);
    // the redacted name and the soft-wrapped UID are still pods
    expect(inc.rankedPods).toEqual([
      'kube-system/kube-proxy-[node IP]',
      'ec-prod/config-88df876c5-pmk67',
      'ec-prod/data-services-6b4df97cdf-qz8sd',
    ]);
    expect(inc.evictionKinds).toEqual(['node-pressure']);
  });

  it('a later version logs the eviction and the wait for one pod: one eviction, not two', () => {
    // research pastes/10 (`journalctl -u kubelet | grep eviction_manager`, 2019)
    const t = analyzeString(
      [
        'Mar 22 15:27:34 node3 kubelet[7481]: I0322 15:27:34.717434    7481 eviction_manager.go:563] eviction manager: pod rook-ceph-osd-2-759b67cc7c-62r7c_rook-ceph(0da13480-4c71-11e9-921d-0a341618daf2) is evicted successfully',
        'Mar 22 15:27:34 node3 kubelet[7481]: I0322 15:27:34.717466    7481 eviction_manager.go:187] eviction manager: pods rook-ceph-osd-2-759b67cc7c-62r7c_rook-ceph(0da13480-4c71-11e9-921d-0a341618daf2) evicted, waiting for pod to be cleaned up',
        'Mar 22 15:27:37 node3 kubelet[7481]: I0322 15:27:37.722573    7481 eviction_manager.go:400] eviction manager: pods rook-ceph-osd-2-759b67cc7c-62r7c_rook-ceph(0da13480-4c71-11e9-921d-0a341618daf2) successfully cleaned up',
      ].join('\n'),
      { year: 2019 },
    );
    expect(t.incidents[0]!.evictedPods.map((p) => p.pod)).toEqual(['rook-ceph/rook-ceph-osd-2-759b67cc7c-62r7c']);
  });

  it('the wait after a kill that failed (v1.7–1.9 print it anyway) is no eviction', () => {
    const pod = 'memhog-7c9d8b6f5-x2x7l_default(6f1c0d2e-5a8b-11e7-9e7f-42010a800002)';
    const t = analyzeString(
      [
        K('09:00:00', 'W', 'eviction_manager.go:397', `eviction manager: error while evicting pod ${pod}: timeout waiting to kill pod`),
        K('09:00:00', 'I', 'eviction_manager.go:156', `eviction manager: pods ${pod} evicted, waiting for pod to be cleaned up`),
      ].join('\n'),
      y,
    );
    expect(t.incidents[0]).toMatchObject({ evictedPods: [], evictFailures: [{ pod: 'default/memhog-7c9d8b6f5-x2x7l' }] });
  });

  it('lines without times (a stripped paste) are one eviction too', () => {
    const pod = 'web-0_shop(6f1c0d2e-5a8b-11e7-9e7f-42010a800002)';
    const t = analyzeString(
      [
        `eviction_manager.go:563] eviction manager: pod ${pod} is evicted successfully`,
        `eviction_manager.go:187] eviction manager: pods ${pod} evicted, waiting for pod to be cleaned up`,
      ].join('\n'),
      y,
    );
    expect(t.incidents[0]!.evictedPods).toHaveLength(1);
  });

  // Whatever lines of one eviction a kubelet (or a grep) left: one eviction per pod.
  it('property: each pod counts once, whichever of its lines are there', () => {
    const pods = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{2,12}$/), { minLength: 1, maxLength: 5 });
    const shape = fc.constantFrom('success', 'wait', 'both');
    fc.assert(
      fc.property(
        pods.chain((ps) => fc.tuple(fc.constant(ps), fc.array(shape, { minLength: ps.length, maxLength: ps.length }))),
        ([ps, shapes]) => {
          const lines: string[] = [];
          ps.forEach((p, i) => {
            const t = `09:${String(10 + i).padStart(2, '0')}:00`;
            const ref = `${p}_default(6f1c0d2e-5a8b-11e7-9e7f-42010a80000${i})`;
            if (shapes[i] !== 'wait')
              lines.push(K(t, 'I', 'eviction_manager.go:563', `eviction manager: pod ${ref} is evicted successfully`));
            if (shapes[i] !== 'success')
              lines.push(K(t, 'I', 'eviction_manager.go:187', `eviction manager: pods ${ref} evicted, waiting for pod to be cleaned up`));
          });
          const t = analyzeString(lines.join('\n'), y);
          const evicted = t.incidents.flatMap((i) => i.evictedPods.map((e) => e.pod)).sort();
          expect(evicted).toEqual(ps.map((p) => `default/${p}`).sort());
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('image GC that failed: the runtime refusing a removal frees nothing', () => {
  const img = 'sha256:46ca4d15fc48a5e2a6b17f9dba4b8c2b8a1f2a63a1d3c2b6c6e2d1b8a8f0e9d1';
  const conflict =
    'rpc error: code = Unknown desc = Error response from daemon: conflict: unable to remove repository reference "protokube:1.16.4" (must force) - container 68ebe099df35 is using its referenced image 46ca4d15fc48';

  it('a removal followed by the runtime failure for that image (both of its lines) is a failed removal', () => {
    const t = analyzeString(
      [
        K('05:09:20', 'I', 'image_gc_manager.go:371', `[imageGCManager]: Removing image "${img}" to free 1207235428 bytes`),
        K('05:09:22', 'E', 'remote_image.go:135', `RemoveImage "${img}" from image service failed: ${conflict}`),
        K('05:09:22', 'E', 'kuberuntime_image.go:122', `Remove image "${img}" failed: ${conflict}`),
        K('05:09:23', 'I', 'image_gc_manager.go:371', '[imageGCManager]: Removing image "sha256:80d2" to free 299513 bytes'),
      ].join('\n'),
      y,
    );
    const inc = t.incidents[0]!;
    expect(inc).toMatchObject({ imagesRemoved: 1, bytesFreed: 299513, imageRemovalFailures: { count: 1 } });
    expect(inc.statements.map((s) => s.text).join(' ')).toMatch(
      /refused 1 image removal \(rpc error: .*conflict.*\): that image freed nothing/,
    );
    expect(toJsonReport(t, { timezone: 'UTC' }).incidents[0]).toMatchObject({ imagesRemoved: 1, imageRemovalFailures: { count: 1 } });
  });

  it('CRI-O on OpenShift: an abbreviated ID, a failure that names no image (research pastes/58)', () => {
    // OpenShift/CRI-O troubleshooting article (~2024): research pastes/58, headers restored
    const t = analyzeString(
      [
        K('11:59:17', 'I', 'image_gc_manager.go:387', '"Removing image to free bytes" imageID="4dae2..." size=1207235428'),
        K(
          '11:59:17',
          'E',
          'log.go:32',
          '"RemoveImage from image service failed" err="rpc error: code = Unknown desc = delete image: image used by <id>: image is in use by a container"',
        ),
      ].join('\n'),
      y,
    );
    expect(t.incidents[0]).toMatchObject({
      imagesRemoved: 0,
      bytesFreed: 0,
      imageRemovalFailures: { count: 1, error: expect.stringMatching(/in use/) },
    });
    expect(t.counters.unrecognized).toBe(0);
    // the paste as it is: no times, headers cut to `file.go:`: the order of the lines tells
    const pasted = analyzeString(
      [
        '  image_gc_manager.go: "Removing image to free bytes" imageID="4dae2..." size=1207235428',
        '  log.go: "RemoveImage from image service failed" err="rpc error: code = Unknown desc = delete image: image used by <id>: image is in use by a container"',
      ].join('\n'),
      y,
    );
    expect(pasted.incidents[0]).toMatchObject({ imagesRemoved: 0, bytesFreed: 0, imageRemovalFailures: { count: 1 } });
    // and a failure before any removal (in that order) refuses nothing it did not see
    const before = analyzeString(
      [
        '  log.go: "RemoveImage from image service failed" err="rpc error: code = Unknown desc = image is in use by a container"',
        '  image_gc_manager.go: "Removing image to free bytes" imageID="4dae2..." size=1207235428',
      ].join('\n'),
      y,
    );
    expect(before.incidents.reduce((a, i) => a + i.bytesFreed, 0)).toBe(1207235428);
  });

  it('property: bytes freed are those of the removals the runtime did not refuse', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ size: fc.integer({ min: 1, max: 2 ** 40 }), fail: fc.constantFrom(0, 1, 2), named: fc.boolean() }), {
          minLength: 1,
          maxLength: 6,
        }),
        (images) => {
          const lines: string[] = [];
          images.forEach((im, i) => {
            const id = `sha256:${String(i).repeat(8)}${'ab'.repeat(28)}`;
            const t = `09:00:${String(10 + i * 5).padStart(2, '0')}`;
            lines.push(K(t, 'I', 'image_gc_manager.go:387', `"Removing image to free bytes" imageID="${id}" size=${im.size}`));
            const key = im.named ? ` image="${id}"` : '';
            if (im.fail >= 1)
              lines.push(K(t, 'E', 'remote_image.go:212', `"RemoveImage from image service failed" err="image in use"${key}`));
            if (im.fail >= 2) lines.push(K(t, 'E', 'kuberuntime_image.go:125', `"Failed to remove image" err="image in use"${key}`));
          });
          const inc = analyzeString(lines.join('\n'), y).incidents[0]!;
          const kept = images.filter((im) => im.fail === 0);
          expect(inc.imagesRemoved).toBe(kept.length);
          expect(inc.bytesFreed).toBe(kept.reduce((a, im) => a + im.size, 0));
          expect(inc.imageRemovalFailures?.count ?? 0).toBe(images.length - kept.length);
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('starts and stops across systemd versions and distributions', () => {
  it('a fatal start-up error and the exit after it: one failed start, one stop (a real CentOS 7 excerpt)', () => {
    // Chinese kubeadm HA notes (2020): research pastes/65, in the journal's rendering (the paste
    // is /var/log/messages without a PID)
    const t = analyzeString(
      [
        'Mar 31 11:52:05 K8S-master01 kubelet[12127]: F0331 11:52:05.809163   12127 server.go:266] failed to run Kubelet: failed to create kubelet: misconfiguration: kubelet cgroup driver: "$DOCKER_CGROUPS" is different from docker cgroup driver: "systemd"',
        'Mar 31 11:52:05 K8S-master01 systemd[1]: kubelet.service: main process exited, code=exited, status=255/n/a',
        'Mar 31 11:52:05 K8S-master01 systemd[1]: Unit kubelet.service entered failed state.',
        'Mar 31 11:52:05 K8S-master01 systemd[1]: kubelet.service failed.',
      ].join('\n'),
      { year: 2020 },
    );
    const n = t.nodes[0]!;
    expect(n.kubeletStarts).toMatchObject([
      { pid: 12127, failed: { error: expect.stringMatching(/^failed to create kubelet: misconfiguration/) } },
    ]);
    expect(n.kubeletStops).toMatchObject([{ status: '255/n/a' }]);
    expect(t.counters.kubeletLines).toBe(4);
    expect(text(t)).toMatch(/pid 12127 +start failed: failed to create kubelet/);
    expect(text(t)).toMatch(/exit 255\/n\/a/);
    // and through a JSON report and back
    const json = toJsonReport(t, { timezone: 'UTC' });
    const back = toJsonReport(timelineFromJson(JSON.parse(JSON.stringify(json))).timeline, { timezone: 'UTC' });
    expect(back.nodes[0]!.kubeletStarts).toEqual(json.nodes[0]!.kubeletStarts);
    expect(back.nodes[0]!.kubeletStops).toEqual(json.nodes[0]!.kubeletStops);
    expect(json.nodes[0]!.kubeletStarts[0]!.failed!.evidence).toEqual({ input: '-', line: 1 });
  });

  it('systemd starts it, the kubelet fails: the systemd start is the failed one (NixOS, research pastes/43)', () => {
    // NixOS Kubernetes lab journal (2025): research pastes/43
    const t = analyzeString(
      [
        'May 01 18:15:29 nixos systemd[1]: Started Kubernetes Kubelet Service.',
        'May 01 18:15:29 nixos kubelet[9389]: Flag --pod-infra-container-image has been deprecated, will be removed in a future release. Image garbage collector will get sandbox image information from CRI.',
        'May 01 18:15:29 nixos kubelet[9389]: E0501 18:15:29.757488    9389 run.go:72] "command failed" err="failed to construct kubelet dependencies: unable to load client CA file /var/lib/kubernetes/secrets/ca.pem"',
        'May 01 18:15:29 nixos systemd[1]: kubelet.service: Main process exited, code=exited, status=1/FAILURE',
        "May 01 18:15:29 nixos systemd[1]: kubelet.service: Failed with result 'exit-code'.",
      ].join('\n'),
      { year: 2025 },
    );
    expect(t.nodes[0]!.kubeletStarts).toMatchObject([
      { via: 'systemd', pid: 9389, failed: { error: expect.stringMatching(/client CA file/) } },
    ]);
    expect(t.nodes[0]!.kubeletStops).toMatchObject([{ status: '1/FAILURE' }]);
  });

  it('a restart loop whose binary never runs: each start failed by its exit (minikube on CentOS 8, research pastes/28)', () => {
    // kubernetes/minikube#5690 (2019-10-22): research pastes/28
    const once = [
      'Oct 22 05:17:19 localhost.localdomain systemd[1]: Stopped kubelet: The Kubernetes Node Agent.',
      'Oct 22 05:17:19 localhost.localdomain systemd[1]: Started kubelet: The Kubernetes Node Agent.',
      'Oct 22 05:17:19 localhost.localdomain systemd[1]: kubelet.service: Main process exited, code=exited, status=203/EXEC',
      "Oct 22 05:17:19 localhost.localdomain systemd[1]: kubelet.service: Failed with result 'exit-code'.",
      'Oct 22 05:17:19 localhost.localdomain systemd[1]: kubelet.service: Service RestartSec=600ms expired, scheduling restart.',
      'Oct 22 05:17:19 localhost.localdomain systemd[1]: kubelet.service: Scheduled restart job, restart counter is at 558.',
    ];
    const t = analyzeString([...once, ...once].join('\n'), { year: 2019 });
    const n = t.nodes[0]!;
    expect(n.kubeletStarts.map((s) => s.failed?.error)).toEqual([expect.stringMatching(/203\/EXEC/), expect.stringMatching(/203\/EXEC/)]);
    // the first `Stopped`, then one stop per exit (its `Failed with result` and the next `Stopped` are the same stop)
    expect(n.kubeletStops.map((s) => s.status ?? '')).toEqual(['', '203/EXEC', '203/EXEC']);
    expect(t.counters.kubeletLines).toBe(12);
  });

  it("systemd's `Failed to start` after the kubelet's own fatal is the same failure (OpenShift 4, research pastes/32)", () => {
    // OpenShift 4.4 CPU-manager notes (2020): research pastes/32, its last lines
    const t = analyzeString(
      [
        'Jun 26 19:05:10 openshift-worker-1.example.com hyperkube[5492]: F0626 19:05:10.454309    5492 server.go:273] failed to run Kubelet: [cpumanager] unable to determine reserved CPU resources for static policy',
        'Jun 26 19:05:10 openshift-worker-1.example.com systemd[1]: kubelet.service: Main process exited, code=exited, status=255/n/a',
        "Jun 26 19:05:10 openshift-worker-1.example.com systemd[1]: kubelet.service: Failed with result 'exit-code'.",
        'Jun 26 19:05:10 openshift-worker-1.example.com systemd[1]: Failed to start Kubernetes Kubelet.',
        'Jun 26 19:05:10 openshift-worker-1.example.com systemd[1]: kubelet.service: Consumed 117ms CPU time',
      ].join('\n'),
      { year: 2020 },
    );
    expect(t.nodes[0]!.kubeletStarts).toMatchObject([
      { pid: 5492, failed: { error: '[cpumanager] unable to determine reserved CPU resources for static policy' } },
    ]);
    expect(t.nodes[0]!.kubeletStops).toHaveLength(1);
  });

  it('a failure systemd alone reports, then its restart: a failed start and a new one (OpenShift 3, research pastes/59)', () => {
    // OpenShift 3.11 install notes: research pastes/59 (its first line, the node's own fatal, left out)
    const t = analyzeString(
      [
        'Aug 22 15:38:47 master.example.com systemd[1]: atomic-openshift-node.service: main process exited, code=exited, status=255/n/a',
        'Aug 22 15:38:47 master.example.com systemd[1]: Failed to start OpenShift Node.',
        'Aug 22 15:38:47 master.example.com systemd[1]: Unit atomic-openshift-node.service entered failed state.',
        'Aug 22 15:38:47 master.example.com systemd[1]: atomic-openshift-node.service failed.',
        'Aug 22 15:38:52 master.example.com systemd[1]: atomic-openshift-node.service holdoff time over, scheduling restart.',
        'Aug 22 15:38:52 master.example.com systemd[1]: Starting OpenShift Node...',
      ].join('\n'),
      { year: 2018 },
    );
    const n = t.nodes[0]!;
    expect(n.kubeletStarts.map((s) => !!s.failed)).toEqual([true, false]);
    expect(n.kubeletStops).toHaveLength(1);
    expect(t.counters.otherLines).toBe(0);
  });

  it("`Starting …`, `Started …` and the kubelet's first lines are one start (EKS, research pastes/46)", () => {
    // vumdao "aws-eks-the-hard-way" (2021): research pastes/46, in the journal's rendering
    const t = analyzeString(
      [
        'May 11 07:20:42 ip-17-1-5-1 systemd[1]: Starting Kubernetes Kubelet...',
        'May 11 07:20:42 ip-17-1-5-1 systemd[1]: Started Kubernetes Kubelet.',
        'May 11 07:20:42 ip-17-1-5-1 systemd[1]: Started Kubernetes systemd probe.',
        'May 11 07:20:42 ip-17-1-5-1 kubelet[4139]: I0511 07:20:42.909859    4139 server.go:417] Version: v1.18.8-eks-7c9bda',
      ].join('\n'),
      { year: 2021 },
    );
    expect(t.nodes[0]!.kubeletStarts).toMatchObject([{ via: 'systemd', pid: 4139, version: 'v1.18.8-eks-7c9bda' }]);
  });

  it('a stop, then `Starting` and a new PID (OpenShift 4, research pastes/30): one start after the stop', () => {
    const t = analyzeString(
      [
        'Jun 26 19:04:00 openshift-worker-1.example.com hyperkube[5100]: I0626 19:04:00.000001    5100 server.go:417] Version: v1.17.1',
        'Jun 26 19:05:10 openshift-worker-1.example.com systemd[1]: Stopped Kubernetes Kubelet.',
        'Jun 26 19:05:10 openshift-worker-1.example.com systemd[1]: kubelet.service: Consumed 115ms CPU time',
        'Jun 26 19:05:10 openshift-worker-1.example.com systemd[1]: Starting Kubernetes Kubelet...',
        'Jun 26 19:05:10 openshift-worker-1.example.com hyperkube[5492]: Flag --minimum-container-ttl-duration has been deprecated, Use --eviction-hard or --eviction-soft instead. Will be removed in a future version.',
      ].join('\n'),
      { year: 2020 },
    );
    expect(t.nodes[0]!.kubeletStarts.map((s) => [s.via, s.pid])).toEqual([
      ['startup-line', 5100],
      ['systemd', 5492],
    ]);
    expect(t.counters.unrecognized).toBe(0);
  });

  it('the FLAG dump is a start, with the PID of its lines (OpenShift 4, research pastes/31)', () => {
    // OpenShift 4.4 CPU-manager notes (2020): research pastes/31, the 6 eviction FLAG lines of a dump
    const t = analyzeString(
      [
        'Jun 26 19:05:10 openshift-worker-1.example.com hyperkube[5492]: I0626 19:05:10.421969    5492 flags.go:33] FLAG: --eviction-hard="imagefs.available<15%,memory.available<100Mi,nodefs.available<10%,nodefs.inodesFree<5%"',
        'Jun 26 19:05:10 openshift-worker-1.example.com hyperkube[5492]: I0626 19:05:10.421979    5492 flags.go:33] FLAG: --eviction-max-pod-grace-period="0"',
        'Jun 26 19:05:10 openshift-worker-1.example.com hyperkube[5492]: I0626 19:05:10.421982    5492 flags.go:33] FLAG: --eviction-minimum-reclaim=""',
        'Jun 26 19:05:10 openshift-worker-1.example.com hyperkube[5492]: I0626 19:05:10.421986    5492 flags.go:33] FLAG: --eviction-pressure-transition-period="5m0s"',
        'Jun 26 19:05:10 openshift-worker-1.example.com hyperkube[5492]: I0626 19:05:10.421990    5492 flags.go:33] FLAG: --eviction-soft=""',
        'Jun 26 19:05:10 openshift-worker-1.example.com hyperkube[5492]: I0626 19:05:10.422000    5492 flags.go:33] FLAG: --eviction-soft-grace-period=""',
      ].join('\n'),
      { year: 2020 },
    );
    expect(t.nodes[0]!.kubeletStarts).toMatchObject([{ via: 'flag-dump', pid: 5492 }]);
    expect(t.nodes[0]!.thresholds).toHaveLength(1);
  });

  it("property: systemd's lines of one exit, in any generation's wording, are one stop", () => {
    const burst = [
      'kubelet.service: main process exited, code=exited, status=255/n/a',
      'kubelet.service: Main process exited, code=exited, status=1/FAILURE',
      "kubelet.service: Failed with result 'exit-code'.",
      'Unit kubelet.service entered failed state.',
      'kubelet.service: Unit entered failed state.',
      'kubelet.service failed.',
      'kubelet.service holdoff time over, scheduling restart.',
      'kubelet.service: Scheduled restart job, restart counter is at 3.',
      'Stopped kubelet: The Kubernetes Node Agent.',
    ];
    fc.assert(
      fc.property(fc.subarray(burst, { minLength: 1 }), fc.integer({ min: 1, max: 4 }), (lines, n) => {
        const run: string[] = [];
        for (let i = 0; i < n; i++) {
          const t = `09:${String(10 + i).padStart(2, '0')}`;
          run.push(S(`${t}:00`, 'Started kubelet: The Kubernetes Node Agent.'));
          lines.forEach((l, k) => run.push(S(`${t}:${String(10 + k).padStart(2, '0')}`, l)));
        }
        const node = analyzeString(run.join('\n'), y).nodes[0]!;
        const stops = lines.some((l) => !/holdoff|Scheduled restart/.test(l)) ? n : 0;
        expect(node.kubeletStarts).toHaveLength(n);
        expect(node.kubeletStops).toHaveLength(stops);
      }),
      { numRuns: 80 },
    );
  });
});

describe("systemd's lines without their envelope", () => {
  // research pastes/41 (`journalctl -u kubelet -o export | grep MESSAGE`), and `journalctl -u
  // kubelet -o cat`: systemd's lines about the unit are the message alone
  const kl = (t: string, file: string, msg: string) => `I0312 ${t}.177438   29352 ${file}] ${msg}`;
  const journal = [
    'Starting Kubernetes Kubelet Server...',
    'Started Kubernetes Kubelet Server.',
    kl('11:31:03', 'server.go:440', 'Version: v1.7.5'),
    kl('11:31:04', 'docker.go:330', 'Start docker client with request timeout=2m0s'),
    'kubelet.service: Main process exited, code=exited, status=1/FAILURE',
    'Unit kubelet.service entered failed state.',
    // other units' lines say nothing about the kubelet
    'Started Session 12 of user root.',
    'docker.service: Main process exited, code=exited, status=1/FAILURE',
  ];
  for (const field of ['', 'MESSAGE=']) {
    it(`read as systemd's (${field === '' ? '-o cat' : 'MESSAGE= fields'}), on the node of the lines around them`, () => {
      const t = analyzeString(journal.map((l) => field + l).join('\n'), { year: 2017 });
      expect(t.nodes).toHaveLength(1);
      const n = t.nodes[0]!;
      expect(n.kubeletStarts).toHaveLength(1);
      expect(n.kubeletStarts[0]).toMatchObject({ via: 'systemd', pid: 29352, version: 'v1.7.5' });
      expect(n.kubeletStops.map((s) => s.status)).toEqual(['1/FAILURE']);
      expect(t.counters.kubeletLines).toBe(6);
    });
  }
});

describe('admission failures that are not pressure', () => {
  it('are listed per node, never a pressure rejection nor an incident (a chopped real excerpt)', () => {
    // kubernetes/kubernetes#106419 (2021): research pastes/37, lines chopped by the terminal
    const t = analyzeString(
      [
        'Nov 14 04:15:57 std-hm-fint-b-4657 kubelet[5163]: I1114 04:15:57.138236    5163 topology_manager.go:187] "Topology Admit Handler"',
        'Nov 14 04:15:57 std-hm-fint-b-4657 kubelet[5163]: I1114 04:15:57.138790    5163 predicate.go:143] "Predicate failed on Pod" pod="infra-int-ingressgateway-54f59bb95b-njcmz_ist',
        'Nov 14 04:15:58 std-hm-fint-b-4657 kubelet[5163]: I1114 04:15:58.943683    5163 predicate.go:143] "Predicate failed on Pod" pod="infra-int-ingressgateway-54f59bb95b-mdngn_ist',
      ].join('\n'),
      { year: 2021 },
    );
    expect(t.incidents).toEqual([]);
    expect(t.counters.unrecognized).toBe(0);
    expect(t.nodes[0]!.admissionFailures.map((a) => [a.pod, a.reason, a.count])).toEqual([
      ['infra-int-ingressgateway-54f59bb95b-njcmz_ist', 'unknown', 1],
      ['infra-int-ingressgateway-54f59bb95b-mdngn_ist', 'unknown', 1],
    ]);
    expect(text(t)).toMatch(/Pods not admitted, not for pressure \(2\)/);
  });

  it("predicate.go's line and `Pod admission denied` for one rejection are one, with the kubelet's reason", () => {
    // research kubelet-wordings §5.4 (a real S31 pair, master01)
    const t = analyzeString(
      [
        'Apr 10 10:39:02 master01 kubelet[9529]: I0410 10:39:02.913704    9529 predicate.go:185] "Failed to admit pod, unexpected error while attempting to recover from admission failure" pod="kube-system/kube-scheduler-master01" err="preemption: error finding a set of pods to preempt: no set of running pods found to reclaim resources: [(res: cpu, q: 2550), ]"',
        'Apr 10 10:39:02 master01 kubelet[9529]: I0410 10:39:02.913712    9529 kubelet.go:2357] "Pod admission denied" podUID="bc449538bd25dc8e916a59305e6d6fdc" pod="kube-system/kube-scheduler-master01" reason="UnexpectedAdmissionError" message="Unexpected error while attempting to recover from admission failure: preemption: error finding a set of pods to preempt: no set of running pods found to reclaim resources: [(res: cpu, q: 2550), ]"',
        'Apr 10 10:39:12 master01 kubelet[9529]: I0410 10:39:12.101000    9529 predicate.go:151] "Predicate failed on Pod" pod="default/web-0" err="Node didn\'t have enough resource: cpu, requested: 2000, used: 1500, capacity: 2000"',
        'Apr 10 10:39:12 master01 kubelet[9529]: I0410 10:39:12.101010    9529 kubelet.go:2357] "Pod admission denied" podUID="6f1c" pod="default/web-0" reason="OutOfcpu" message="Node didn\'t have enough resource: cpu, requested: 2000, used: 1500, capacity: 2000"',
        'Apr 10 10:39:22 master01 kubelet[9529]: I0410 10:39:22.101010    9529 kubelet.go:2357] "Pod admission denied" podUID="6f1c" pod="default/web-0" reason="OutOfcpu" message="Node didn\'t have enough resource: cpu"',
      ].join('\n'),
      y,
    );
    expect(t.incidents).toEqual([]);
    expect(t.nodes[0]!.admissionFailures.map((a) => [a.pod, a.reason, a.count])).toEqual([
      ['kube-system/kube-scheduler-master01', 'UnexpectedAdmissionError', 1],
      ['default/web-0', 'OutOfcpu', 2],
    ]);
  });

  it('next to a pressure incident: only the pressure rejections are its', () => {
    const t = analyzeString(
      [
        K(
          '09:00:00',
          'W',
          'eviction_manager.go:142',
          'Failed to admit pod a_default(0a1b2c3d-4e5f-11e7-9a8b-42010a800001) - node has conditions: [DiskPressure]',
        ),
        K(
          '09:00:01',
          'I',
          'predicate.go:132',
          "Predicate failed on Pod: b_default(0a1b2c3d-4e5f-11e7-9a8b-42010a800002), for reason: Node didn't have enough resource: memory",
        ),
      ].join('\n'),
      y,
    );
    expect(t.incidents).toHaveLength(1);
    expect(t.incidents[0]!.rejectedPods.map((r) => r.pod)).toEqual(['default/a']);
    expect(t.nodes[0]!.admissionFailures.map((a) => [a.pod, a.reason])).toEqual([['default/b', 'OutOfmemory']]);
    const json = toJsonReport(t, { timezone: 'UTC' });
    expect(json.summary.rejections).toBe(1);
    expect(json.nodes[0]!.admissionFailures).toMatchObject([{ pod: 'default/b', reason: 'OutOfmemory', count: 1 }]);
  });
});

describe('pressure and its look-alikes, mixed', () => {
  // Rejections under pressure, admission failures of other causes, preemptions and evictions,
  // in any order and rendering: each is counted where it belongs, never in another's count.
  const pressure = [
    (p: string) =>
      `W0314 {t}.000100    2716 eviction_manager.go:142] Failed to admit pod ${p}_default(0a1b2c3d-4e5f-11e7-9a8b-42010a800001) - node has conditions: [DiskPressure]`,
    (p: string) =>
      `I0314 {t}.000100    2716 kubelet.go:2358] "Pod admission denied" podUID="5b0e" pod="default/${p}" reason="Evicted" message="The node had condition: [DiskPressure]. "`,
  ];
  const other = [
    (p: string) =>
      `I0314 {t}.000100    2716 predicate.go:132] Predicate failed on Pod: ${p}_default(0a1b2c3d-4e5f-11e7-9a8b-42010a800002), for reason: Node didn't have enough resource: cpu`,
    (p: string) =>
      `I0314 {t}.000100    2716 kubelet.go:2358] "Pod admission denied" podUID="5b0e" pod="default/${p}" reason="NodeAffinity" message="Predicate NodeAffinity failed"`,
    (p: string) =>
      `W0314 {t}.000100    2716 predicate.go:113] Failed to admit pod ${p}_default(0a1b2c3d-4e5f-11e7-9a8b-42010a800003) - GeneralPredicates failed due to unknown reason, which is unexpected.`,
  ];
  const preempted = [
    (p: string) =>
      `I0314 {t}.000100    2716 preemption.go:114] preemption: pod ${p}_default(0a1b2c3d-4e5f-11e7-9a8b-42010a800004) evicted successfully`,
    (p: string) => `I0314 {t}.000100    2716 preemption.go:128] "Pod evicted successfully" pod="default/${p}"`,
  ];
  const evicted = [
    (p: string) =>
      `I0314 {t}.000100    2716 eviction_manager.go:563] eviction manager: pod ${p}_default(0a1b2c3d-4e5f-11e7-9a8b-42010a800005) is evicted successfully`,
  ];
  const kinds = { pressure, other, preempted, evicted } as const;
  it('property: each is counted where it belongs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...(Object.keys(kinds) as Array<keyof typeof kinds>)), fc.nat(9)), {
          minLength: 1,
          maxLength: 20,
        }),
        (picks) => {
          const lines = picks.map(([k, r], i) => {
            const forms = kinds[k];
            const t = `09:${String(Math.floor(i / 6)).padStart(2, '0')}:${String((i % 6) * 10).padStart(2, '0')}`;
            return `Mar 14 ${t} worker-3 kubelet[2716]: ${forms[r % forms.length]!(`pod-${i}`).replace('{t}', t)}`;
          });
          const t = analyzeString(lines.join('\n'), y);
          const want = (k: keyof typeof kinds) => picks.filter((p) => p[0] === k).length;
          const incs = t.incidents;
          expect(t.counters.unrecognized).toBe(0);
          expect(incs.reduce((a, i) => a + i.rejectedPods.reduce((b, r) => b + r.count, 0), 0)).toBe(want('pressure'));
          expect(t.nodes[0]!.admissionFailures.reduce((a, f) => a + f.count, 0)).toBe(want('other'));
          const ev = incs.flatMap((i) => i.evictedPods);
          expect(ev.filter((e) => e.cause === 'preemption')).toHaveLength(want('preempted'));
          expect(ev.filter((e) => e.cause !== 'preemption')).toHaveLength(want('evicted'));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('critical-pod admission preemption is an eviction of its own kind', () => {
  it('a preemption that failed, then succeeded (GKE 1.16, kubernetes#92906)', () => {
    // research pastes/25 (its severity letter, lost in the paste, restored) and the thread's warning
    const t = analyzeString(
      [
        'Jul 08 10:49:49 gke-node-1 kubelet[1091]: W0708 10:49:49.901011    1091 preemption.go:110] preemption: pod domain-d9c95557-hs6k6_default(de9427fc-0db2-4bf4-b9f6-344be5233a7b) failed to evict timeout waiting to kill pod',
        'Jul 08 10:49:49 gke-node-1 kubelet[1091]: I0708 10:49:49.949088    1091 preemption.go:114] preemption: pod domain-d9c95557-hs6k6_default(de9427fc-0db2-4bf4-b9f6-344be5233a7b) evicted successfully"   ',
      ].join('\n'),
      { year: 2020 },
    );
    expect(t.incidents).toHaveLength(1);
    const inc = t.incidents[0]!;
    expect(inc.evictionKinds).toEqual(['critical-pod-preemption']);
    // done when its lines are: never "ongoing" at the end of the input
    expect(inc).toMatchObject({ ongoing: false, closedBy: 'quiet' });
    expect(text(t)).toMatch(/Incident gke-node-1#1 {2}\(critical-pod preemption\)/);
    expect(inc.evictedPods).toMatchObject([{ pod: 'default/domain-d9c95557-hs6k6', cause: 'preemption' }]);
    expect(inc.evictFailures).toMatchObject([
      { pod: 'default/domain-d9c95557-hs6k6', cause: 'preemption', error: 'timeout waiting to kill pod' },
    ]);
    expect(inc.conditions).toEqual([]);
    const said = inc.statements.map((s) => s.text).join(' ');
    expect(said).toMatch(/critical pod/);
    expect(said).not.toMatch(/It evicted/);
    // no notes on eviction thresholds or verbosity: preemption does not depend on them
    expect(t.notes.map((n) => n.kind)).not.toContain('thresholds-unknown');
  });

  it('one victim, its V3 line, its event and its success line: one preemption, with the critical pod it was for', () => {
    const t = analyzeString(
      [
        K(
          '09:00:00',
          'I',
          'preemption.go:110',
          '"Preempting pod to free up resources" pod="default/web-0" podUID="6f1c" insufficientResources="[(res: cpu, q: 2550), ]" requestingPod="kube-system/kube-scheduler-worker-3"',
        ),
        K(
          '09:00:00',
          'I',
          'event.go:294',
          '"Event occurred" object="default/web-0" kind="Pod" apiVersion="v1" type="Warning" reason="Preempting" message="Preempted in order to admit critical pod"',
        ),
        K('09:00:31', 'I', 'preemption.go:128', '"Pod evicted successfully" pod="default/web-0"'),
      ].join('\n'),
      y,
    );
    const inc = t.incidents[0]!;
    expect(inc.evictedPods).toMatchObject([{ pod: 'default/web-0', cause: 'preemption' }]);
    expect(inc.preemption).toMatchObject({ resources: ['cpu'], for: ['kube-system/kube-scheduler-worker-3'] });
    expect(inc.resources).toEqual([]);
    expect(inc.statements[0]!.text).toMatch(/kube-system\/kube-scheduler-worker-3.*not enough cpu/);
  });

  it("the eviction manager's `evicted successfully` stays a pressure eviction", () => {
    const t = analyzeString(
      K(
        '09:00:00',
        'I',
        'eviction_manager.go:563',
        'eviction manager: pod web-0_default(6f1c0d2e-5a8b-11e7-9e7f-42010a800002) is evicted successfully',
      ),
      y,
    );
    expect(t.incidents[0]!.evictionKinds).toEqual(['node-pressure']);
    expect(t.incidents[0]!.evictedPods[0]!.cause).toBeUndefined();
  });
});

describe('grep-filtered input', () => {
  // research pastes/10: `journalctl -u kubelet | grep eviction_manager` (2019), its first lines
  const GREP = [
    'Mar 22 10:53:39 node3 kubelet[7481]: E0322 10:53:39.307356    7481 eviction_manager.go:243] eviction manager: failed to get get summary stats: failed to get node info: node "node3" not found',
    'Mar 22 10:58:40 node3 kubelet[7481]: W0322 10:58:40.106059    7481 eviction_manager.go:329] eviction manager: attempting to reclaim ephemeral-storage',
    'Mar 22 10:58:41 node3 kubelet[7481]: I0322 10:58:41.752662    7481 eviction_manager.go:336] eviction manager: able to reduce ephemeral-storage pressure without evicting pods.',
    'Mar 22 15:20:17 node3 kubelet[7481]: W0322 15:20:17.167069    7481 eviction_manager.go:329] eviction manager: attempting to reclaim ephemeral-storage',
    'Mar 22 15:20:25 node3 kubelet[7481]: I0322 15:20:25.774164    7481 eviction_manager.go:336] eviction manager: able to reduce ephemeral-storage pressure without evicting pods.',
    'Mar 22 15:27:27 node3 kubelet[7481]: W0322 15:27:27.005912    7481 eviction_manager.go:329] eviction manager: attempting to reclaim ephemeral-storage',
  ];

  it('says once that the input looks filtered, instead of a hole per silence', () => {
    const t = analyzeString(GREP.join('\n'), { year: 2019 });
    const kinds = t.notes.map((n) => n.kind);
    expect(kinds).toContain('filtered-input');
    expect(kinds).not.toContain('journal-silence');
    expect(t.notes.find((n) => n.kind === 'filtered-input')!.text).toMatch(/looks filtered.*1 silence/);
    expect(t.incidents).toHaveLength(3);
  });

  it('in an unfiltered journal a silence during an open incident is a hole; after the pressure was relieved it is not', () => {
    const withChatter = (lines: string[]) => lines.flatMap((l, i) => [l, chatter(`09:0${i}:30`)]);
    const open = analyzeString(
      withChatter([reclaim('09:00:00'), reclaim('09:01:00')])
        .concat(reclaim('09:30:00'))
        .join('\n'),
      y,
    );
    expect(open.notes.map((n) => n.kind)).toContain('journal-silence');
    expect(open.notes.map((n) => n.kind)).not.toContain('filtered-input');
    const relieved = analyzeString(
      withChatter([
        reclaim('09:00:00'),
        K('09:01:00', 'I', 'eviction_manager.go:336', 'eviction manager: able to reduce memory pressure without evicting pods.'),
      ])
        .concat(reclaim('09:30:00'))
        .join('\n'),
      y,
    );
    expect(relieved.notes.map((n) => n.kind)).not.toContain('journal-silence');
  });
});

describe('Windows memory eviction (v1.31+)', () => {
  it('the notifier and the V4 observations are recognised; observations join memory.available', () => {
    const W = (t: string, sev: string, file: string, msg: string) => `${sev}0912 ${t}.000100    4312 ${file}] ${msg}`;
    const t = analyzeString(
      [
        W('10:00:01', 'I', 'memory_threshold_notifier_windows.go:46', '"Eviction manager: creating new WindowsMemoryThresholdNotifier"'),
        W(
          '10:00:01',
          'I',
          'memory_threshold_notifier_windows.go:55',
          '"Eviction manager: starting windowsMemoryThresholdNotifier" notifier="hard  memory eviction threshold"',
        ),
        W('10:00:11', 'I', 'helpers_windows.go:32', '"Eviction manager: building memory signal observations for windows"'),
        W(
          '10:00:11',
          'I',
          'helpers_windows.go:38',
          '"Eviction manager: memory signal observations for windows" Available=412316860 Usage=16760020992',
        ),
        W('10:03:21', 'I', 'eviction_manager.go:184', '"eviction manager: hard  memory eviction threshold crossed"'),
        W(
          '10:03:31',
          'E',
          'memory_threshold_notifier_windows.go:71',
          '"Eviction manager: error getting global memory status for node" err="The parameter is incorrect."',
        ),
      ].join('\n'),
      y,
    );
    expect(t.counters.unrecognized).toBe(0);
    expect(t.nodes[0]!.observations['memory.available']).toMatchObject({
      count: 1,
      min: { available: 412316860, capacity: 412316860 + 16760020992 },
    });
    expect(t.incidents[0]!.resources).toEqual(['memory']);
  });
});

describe("resource names come from the kubelet's closed set", () => {
  it('a cut line names no resource, a glued one its own', () => {
    const cut = analyzeString(K('09:00:00', 'W', 'eviction_manager.go:335', 'eviction manager: attempting to reclaim nod'), y);
    expect(cut.incidents[0]!).toMatchObject({ reclaimAttempts: 1, resources: [], conditions: [] });
    const glued = analyzeString(
      K('09:00:00', 'W', 'eviction_manager.go:335', 'eviction manager: attempting to reclaim nodefs","_HOSTNAME":"worker-3"}'),
      y,
    );
    expect(glued.incidents[0]!.resources).toEqual(['nodefs']);
  });
});

describe('never a silent miss: lines of this domain no rule reads are unrecognised', () => {
  it.each([
    ['an eviction word in any file', K('09:00:00', 'I', 'kubelet_pods.go:1200', 'Pod eviction by a future subsystem')],
    ['a threshold word in any file', K('09:00:00', 'I', 'kubelet.go:1200', 'New threshold policy applied')],
    ['preemption.go', K('09:00:00', 'I', 'preemption.go:200', 'preemption: a wording from the future')],
    ['predicate.go', K('09:00:00', 'I', 'predicate.go:200', '"Admit handler says no" pod="default/x"')],
    ['helpers_windows.go', K('09:00:00', 'I', 'helpers_windows.go:50', '"Eviction manager: a wording from the future"')],
  ])('%s', (_name, line) => {
    const t = analyzeString(line, y);
    expect(t.counters.unrecognized).toBe(1);
  });
  it.each([
    [
      'PLEG (threshold is 3m0s)',
      K(
        '09:00:00',
        'I',
        'kubelet.go:1860',
        'skipping pod synchronization - [PLEG is not healthy: pleg was last seen active 3m5s ago; threshold is 3m0s]',
      ),
    ],
    [
      'a deprecated eviction flag',
      'Mar 14 09:00:00 worker-3 kubelet[2716]: Flag --minimum-container-ttl-duration has been deprecated, Use --eviction-hard or --eviction-soft instead.',
    ],
  ])('%s: recognised, not unrecognised', (_name, line) => {
    expect(analyzeString(line, y).counters.unrecognized).toBe(0);
  });
});

describe('verbosity', () => {
  it('B6 "node conditions - observed" is a --v=3 line', () => {
    const t = analyzeString(
      [
        reclaim('09:00:00'),
        K('09:00:00', 'I', 'eviction_manager.go:264', 'eviction manager: node conditions - observed: [MemoryPressure]'),
      ].join('\n'),
      y,
    );
    expect(t.notes.map((n) => n.kind)).not.toContain('low-verbosity');
  });
});

describe('without times (a paste that lost them), the order of the lines tells', () => {
  const bare = (msg: string) => `eviction_manager.go:324] ${msg}`;
  it('"no resources are starved" after the pressure lines ends the incident; pressure after it resumes it', () => {
    const ended = analyzeString(
      [bare('eviction manager: attempting to reclaim memory'), bare('eviction manager: no resources are starved')].join('\n'),
      y,
    );
    expect(ended.incidents[0]!.closedBy).toBe('no-resources-starved');
    const resumed = analyzeString(
      [
        bare('eviction manager: attempting to reclaim memory'),
        bare('eviction manager: no resources are starved'),
        bare('eviction manager: attempting to reclaim memory'),
      ].join('\n'),
      y,
    );
    expect(resumed.incidents.map((i) => [i.reclaimAttempts, i.closedBy])).toEqual([[2, 'ongoing']]);
  });
});

describe('observations after a resource reclaim, without the lines of the pressure (no all-clear)', () => {
  // kubernetes/kubernetes#107024 (tutorguai, 2021-12-15): an excerpt that begins at the V3
  // observations the eviction manager logs after its node-level reclaim
  const after = (sig: string, avail: string, cap: string, phase = 'observations after resource reclaim') =>
    `I1215 19:22:59.485565   77158 helpers.go:814] eviction manager: ${phase}: signal=${sig}, available: ${avail}, capacity: ${cap}, time: 2021-12-15 19:22:59.462702674 +0800 CST m=+78880.835736331`;
  const lines = [after('nodefs.inodesFree', '104781035', '104857600'), after('imagefs.available', '143150240Ki', '204700Mi')];

  it('a note says a reclaim took place, and no report says no pressure was seen', () => {
    const t = analyzeString(lines.join('\n'), { year: 2021, zone: zone('Asia/Shanghai') });
    expect(t.incidents).toEqual([]);
    expect(t.notes.filter((n) => n.kind === 'reclaim-without-incident').map((n) => [n.node, n.evidence?.[0]?.line, n.text])).toEqual([
      ['unknown', 1, expect.stringMatching(/^The eviction manager logged 2 observation\(s\) after a resource reclaim: .*disk signal/)],
    ]);
    const z = zone('UTC');
    for (const out of [text(t), renderMarkdown(t, { zone: z }), renderHtml(t, { zone: z })]) {
      expect(out).not.toMatch(/No resource pressure seen/);
      expect(out).toMatch(/No incident could be placed, but the eviction manager reclaimed resources/);
    }
  });

  it('the periodic observations alone are no such evidence: the all-clear stays', () => {
    const t = analyzeString(lines.map((l) => l.replace('observations after resource reclaim', 'observations')).join('\n'), { year: 2021 });
    expect(t.notes.filter((n) => n.kind === 'reclaim-without-incident')).toEqual([]);
    expect(text(t)).toMatch(/No resource pressure seen/);
  });

  it('within an incident they are its rows, and no note is made', () => {
    const t = analyzeString(
      [
        'W1215 19:22:59.400000   77158 eviction_manager.go:332] eviction manager: attempting to reclaim imagefs',
        'I1215 19:22:59.410000   77158 helpers.go:1070] eviction manager: attempting to delete unused containers',
        ...lines,
      ].join('\n'),
      { year: 2021 },
    );
    expect(t.incidents.length).toBe(1);
    expect(t.notes.filter((n) => n.kind === 'reclaim-without-incident')).toEqual([]);
  });
});

describe('the eviction manager not running', () => {
  it('v1.4 says it every sync: one note, not unrecognised lines (kubernetes#29703, research pastes/29)', () => {
    // kubernetes/kubernetes#29703 (dchen1107, 2016-07-27): research pastes/29
    const t = analyzeString(
      [
        'I0727 21:08:35.638175    3475 kubelet.go:2079] skipping pod synchronization - [failed to start eviction manager unable to find data for container /]',
        'I0727 21:08:40.638356    3475 kubelet.go:2079] skipping pod synchronization - [failed to start eviction manager unable to find data for container /]',
        'I0727 21:08:45.638551    3475 kubelet.go:2079] skipping pod synchronization - [failed to start eviction manager unable to find data for container /]',
      ].join('\n'),
      { year: 2016 },
    );
    expect(t.counters.unrecognized).toBe(0);
    expect(t.incidents).toEqual([]);
    expect(t.notes.filter((n) => n.kind === 'eviction-manager-down').map((n) => n.text)).toEqual([
      expect.stringMatching(
        /3 time\(s\) that its eviction manager had not started \(\[failed to start eviction manager unable to find data for container \/\]\)/,
      ),
    ]);
  });
});

describe('systemctl status pasted before the journal tail (research pastes 20, 44, 45, 63)', () => {
  const tail =
    'Mar 31 11:35:14 worker1 kubelet[66511]: I0331 11:35:14.894783   66511 image_gc_manager.go:327] "Attempting to delete unused images"';
  const block = (bullet: string, indent: string, active: string, pid: string) => [
    `${bullet}kubelet.service - kubelet: The Kubernetes Node Agent`,
    `${indent}   Loaded: loaded (/lib/systemd/system/kubelet.service; enabled; vendor preset: enabled)`,
    `${indent}  Drop-In: /etc/systemd/system/kubelet.service.d`,
    `${indent}           └─10-kubeadm.conf`,
    `${indent}   Active: ${active}`,
    `${indent}     Docs: https://kubernetes.io/docs/home/`,
    `${indent}  Process: 66511 ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS (code=exited, status=0/SUCCESS)`,
    `${indent} Main PID: ${pid}`,
    '',
  ];
  // as systemctl prints it, its bullet lost, indented by a paste, behind its command
  const shapes = [
    ['● ', ''],
    [' ', ''],
    ['    ● ', '    '],
    ['$ systemctl status kubelet\n● ', ''],
  ] as const;

  it.each(shapes)('a stop: `inactive (dead) since …` with the exit status of `Main PID:` (bullet %j, indent %j)', (bullet, indent) => {
    const t = analyzeString(
      [
        ...block(
          bullet,
          indent,
          'inactive (dead) since Thu 2022-03-31 11:42:53 UTC; 4min 29s ago',
          '66511 (code=exited, status=0/SUCCESS)',
        ),
        tail,
      ].join('\n'),
      { year: 2022 },
    );
    expect(t.nodes.map((n) => n.name)).toEqual(['worker1']);
    expect(t.nodes[0]!.kubeletStops.map((s) => [new Date(s.at).toISOString(), s.status, s.detail])).toEqual([
      ['2022-03-31T11:42:53.000Z', '0/SUCCESS', 'Active: inactive (dead)'],
    ]);
    expect(t.nodes[0]!.kubeletStarts).toEqual([]);
  });

  it.each(shapes)(
    "a start: `active (running) since …` with the PID, one start with systemd's later `Started` (bullet %j, indent %j)",
    (bullet, indent) => {
      const t = analyzeString(
        [
          ...block(bullet, indent, 'active (running) since Thu 2022-03-31 11:35:10 UTC; 1min ago', '66511 (kubelet)'),
          'Mar 31 11:35:12 worker1 systemd[1]: Started kubelet: The Kubernetes Node Agent.',
          tail,
        ].join('\n'),
        { year: 2022 },
      );
      expect(t.nodes[0]!.kubeletStarts.map((s) => [new Date(s.at).toISOString(), s.pid, s.via])).toEqual([
        ['2022-03-31T11:35:10.000Z', 66511, 'systemd'],
      ]);
    },
  );

  it('a restart loop: `activating (auto-restart) (Result: exit-code)` is a stop; a weekday in another language is read', () => {
    const t = analyzeString(
      [
        ...block(
          '  ',
          '  ',
          'activating (auto-restart) (Result: exit-code) since 四 2020-07-30 20:08:32 CST; 9s ago',
          '9984 (code=exited, status=255)',
        ),
        tail,
      ].join('\n'),
      { year: 2020 },
    );
    expect(t.nodes[0]!.kubeletStops.map((s) => [s.status, s.detail])).toEqual([
      ['255', 'Active: activating (auto-restart) (Result: exit-code)'],
    ]);
  });

  it.each(shapes)(
    'a block whose header line a paste lost opens at its `Loaded:` line, and its dated `Active:` gives the year (research paste 69; bullet %j, indent %j)',
    (bullet, indent) => {
      const lines = block(
        bullet,
        indent,
        'activating (auto-restart) (Result: exit-code) since Mon 2024-01-08 11:45:30 UTC; 292ms ago',
        '4740 (code=exited, status=1/FAILURE)',
      );
      const t = analyzeString(
        [...lines.slice(1), 'Jan 08 11:45:30 worker1 systemd[1]: kubelet.service: Main process exited, code=exited, status=1/FAILURE'].join(
          '\n',
        ),
      );
      expect(t.yearInferred).toBe(false);
      expect(t.nodes[0]!.kubeletStops.map((s) => [new Date(s.at).toISOString(), s.status])).toEqual([
        ['2024-01-08T11:45:30.000Z', '1/FAILURE'],
      ]);
    },
  );

  it("another unit's status says nothing of the kubelet's", () => {
    const other = block(
      '● ',
      '',
      'inactive (dead) since Thu 2022-03-31 11:42:53 UTC; 4min 29s ago',
      '66511 (code=exited, status=0/SUCCESS)',
    );
    other[0] = '● containerd.service - containerd container runtime';
    const t = analyzeString([...other, tail].join('\n'), { year: 2022 });
    expect(t.nodes[0]!.kubeletStops).toEqual([]);
  });
});

describe('quiet is the kubelet falling silent on pressure, not systemd speaking later', () => {
  it('pressure, then only systemd stopping the kubelet ten minutes later: still ongoing, never an all-clear', () => {
    const t = analyzeString(
      [
        'Mar 31 11:35:14 worker1 kubelet[66511]: I0331 11:35:14.916929   66511 eviction_manager.go:349] "Eviction manager: must evict pod(s) to reclaim" resourceName="ephemeral-storage"',
        'Mar 31 11:45:14 worker1 systemd[1]: Stopped kubelet: The Kubernetes Node Agent.',
      ].join('\n'),
      { year: 2022 },
    );
    expect(t.nodes[0]!.kubeletStops).toHaveLength(1);
    expect(t.incidents.map((i) => i.closedBy)).toEqual(['ongoing']);
    // (the explanation says the kubelet went away, not that it still reports pressure)
    const last = t.incidents[0]!.statements.at(-1)!;
    expect(last.text).toMatch(/^The kubelet was stopped after its last pressure report/);
    expect(last.evidence.map((r) => r.line)).toEqual([2]);
  });

  it('pressure, then the kubelet logging on without it past the gap: quiet', () => {
    const t = analyzeString(
      [
        'Mar 31 11:35:14 worker1 kubelet[66511]: I0331 11:35:14.916929   66511 eviction_manager.go:349] "Eviction manager: must evict pod(s) to reclaim" resourceName="ephemeral-storage"',
        'Mar 31 11:45:14 worker1 kubelet[66511]: I0331 11:45:14.100000   66511 kubelet.go:2400] "SyncLoop (PLEG): event for pod" pod="default/x"',
      ].join('\n'),
      { year: 2022 },
    );
    expect(t.incidents.map((i) => i.closedBy)).toEqual(['quiet']);
  });
});

describe('a FLAG line cut inside its value (a pager, a terminal wrap)', () => {
  const flag = (value: string) =>
    `Jun 26 19:05:10 worker-1 kubelet[5492]: I0626 19:05:10.421969    5492 flags.go:33] FLAG: --eviction-hard=${value}`;
  const grace =
    'Jun 26 19:05:10 worker-1 kubelet[5492]: I0626 19:05:10.421979    5492 flags.go:33] FLAG: --eviction-max-pod-grace-period="0"';

  it('keeps the whole items, leaves out the cut one, and says the line was cut: never <100 for <100Mi', () => {
    const t = analyzeString([flag('"imagefs.available<15%,memory.available<100'), grace].join('\n'), { year: 2020 });
    const st = t.nodes[0]!.thresholds[0]!;
    expect(st.hard.map((h) => `${h.signal}<${h.value}`)).toEqual(['imagefs.available<15%']);
    expect(st.truncated).toBe(true);
    // (a cut list says nothing about defaults dropped)
    expect(text(t)).toContain('(line cut short)');
  });

  it('a value cut before its first comma is no hard set at all; a whole one is read as it is', () => {
    const cut = analyzeString([flag('"memory.available<10'), grace].join('\n'), { year: 2020 });
    expect(cut.nodes[0]!.thresholds[0]!.hard).toEqual([]);
    expect(cut.nodes[0]!.thresholds[0]!.partial).toBe(true);
    const whole = analyzeString([flag('"memory.available<100Mi,nodefs.available<10%"'), grace].join('\n'), { year: 2020 });
    expect(whole.nodes[0]!.thresholds[0]!.hard.map((h) => `${h.signal}<${h.value}`)).toEqual([
      'memory.available<100Mi',
      'nodefs.available<10%',
    ]);
    expect(whole.nodes[0]!.thresholds[0]!.truncated).toBeUndefined();
  });
});
