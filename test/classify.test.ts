/**
 * Stage 3, the classifier: each rule of src/classify/rules.ts against real
 * lines of each era (printf glog/klog, structured %+v, structured JSON, JSON
 * logging format), quoted from docs/kubelet-messages.md section 4.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifiedBefore, classify, classifySystemd, isWatched } from '../src/classify/classify.js';
import { RULES } from '../src/classify/rules.js';
import { decodeKlog } from '../src/klog/decode.js';

const c = (payload: string) => {
  const r = classify(decodeKlog(payload));
  return r ? { kind: r.rule.kind, ...r.fields } : undefined;
};

describe.each<[string, string, Record<string, unknown>]>([
  // B1 attempting to reclaim: G6, G7, G10/K13, S21, S28, JSON format
  [
    'B1 G6',
    'W0822 23:51:03.731889    2684 eviction_manager.go:211] eviction manager: attempting to reclaim imagefs',
    { kind: 'reclaim-attempt', resource: 'imagefs' },
  ],
  [
    'B1 G7',
    'W1016 09:50:55.056703   17144 eviction_manager.go:331] eviction manager: attempting to reclaim nodefs',
    { kind: 'reclaim-attempt', resource: 'nodefs' },
  ],
  [
    'B1 K13',
    'W0412 09:28:14.744599   14260 eviction_manager.go:333] eviction manager: attempting to reclaim ephemeral-storage',
    { kind: 'reclaim-attempt', resource: 'ephemeral-storage' },
  ],
  [
    'B1 S21',
    'I0308 00:29:47.496864   24749 eviction_manager.go:338] "Eviction manager: attempting to reclaim" resourceName="ephemeral-storage"',
    { kind: 'reclaim-attempt', resource: 'ephemeral-storage' },
  ],
  [
    'B1 json',
    '{"ts":1717416001123.4568,"caller":"eviction/eviction_manager.go:366","msg":"Eviction manager: attempting to reclaim","v":0,"resourceName":"memory"}',
    { kind: 'reclaim-attempt', resource: 'memory' },
  ],
  [
    'B2 K13',
    'I1225 13:16:18.033724     794 eviction_manager.go:351] eviction manager: able to reduce ephemeral-storage pressure without evicting pods.',
    { kind: 'reclaim-without-eviction', resource: 'ephemeral-storage' },
  ],
  [
    'B2 S21',
    'I0308 00:29:47.618112   24749 eviction_manager.go:345] "Eviction manager: able to reduce resource pressure without evicting pods." resourceName="ephemeral-storage"',
    { kind: 'reclaim-without-eviction', resource: 'ephemeral-storage' },
  ],
  [
    'B3 G6',
    'I0426 09:13:09.518941    1064 eviction_manager.go:313] eviction manager: must evict pod(s) to reclaim imagefs',
    { kind: 'must-evict', resource: 'imagefs' },
  ],
  [
    'B3 S21',
    'I0331 11:35:14.916201   66511 eviction_manager.go:349] "Eviction manager: must evict pod(s) to reclaim" resourceName="ephemeral-storage"',
    { kind: 'must-evict', resource: 'ephemeral-storage' },
  ],
  [
    'B6 K13',
    'I0904 17:16:41.953392    9922 eviction_manager.go:264] eviction manager: node conditions - observed: [DiskPressure]',
    { kind: 'node-conditions', conditions: ['DiskPressure'] },
  ],
  [
    'B6 S21',
    'I0314 09:21:07.119002    2716 eviction_manager.go:343] "Eviction manager: node conditions - observed" nodeCondition=[MemoryPressure]',
    { kind: 'node-conditions', conditions: ['MemoryPressure'] },
  ],
  [
    'B6 S28',
    'I0314 09:21:07.119002    2716 eviction_manager.go:343] "Eviction manager: node conditions - observed" nodeCondition=["MemoryPressure","DiskPressure"]',
    { kind: 'node-conditions', conditions: ['MemoryPressure', 'DiskPressure'] },
  ],
  [
    'B9 S31',
    'I0108 22:10:18.993449 1346259 eviction_manager.go:189] "Eviction manager: starting control loop"',
    { kind: 'kubelet-start', via: 'startup-line' },
  ],
  [
    'D1 K13',
    'I0412 09:28:14.769630   14260 eviction_manager.go:362] eviction manager: pods ranked for eviction: kube-scheduler-minikube_kube-system(58272442e226c838b193bbba4c44091e), kube-apiserver-minikube_kube-system(bed9378230899740b9b543ba67fc6aba), etcd-minikube_kube-system(9b3117e6b116da497f1c7069f2976961)',
    {
      kind: 'pods-ranked',
      pods: ['kube-system/kube-scheduler-minikube', 'kube-system/kube-apiserver-minikube', 'kube-system/etcd-minikube'],
    },
  ],
  [
    'D1 S21 KObjs',
    'I0331 11:35:14.916992   66511 eviction_manager.go:367] "Eviction manager: pods ranked for eviction" pods=[kube-system/weave-net-zxchk kube-system/kube-proxy-778cb]',
    { kind: 'pods-ranked', pods: ['kube-system/weave-net-zxchk', 'kube-system/kube-proxy-778cb'] },
  ],
  [
    'D1 S26 KObjSlice Stringer',
    'I0331 11:35:14.916992   66511 eviction_manager.go:367] "Eviction manager: pods ranked for eviction" pods="[kube-system/weave-net-zxchk kube-system/kube-proxy-778cb]"',
    { kind: 'pods-ranked', pods: ['kube-system/weave-net-zxchk', 'kube-system/kube-proxy-778cb'] },
  ],
  [
    'D1 S28',
    'I0528 16:05:50.514706 2269385 eviction_manager.go:405] "Eviction manager: pods ranked for eviction" pods=["sre/infras-logstash-d484d57fc-rkx95","sre/admin-api-server-847868d7b-7sqdm"]',
    { kind: 'pods-ranked', pods: ['sre/infras-logstash-d484d57fc-rkx95', 'sre/admin-api-server-847868d7b-7sqdm'] },
  ],
  [
    'D1 json format',
    '{"ts":1,"msg":"Eviction manager: pods ranked for eviction","v":0,"pods":[{"name":"a","namespace":"ns"},{"name":"b"}]}',
    { kind: 'pods-ranked', pods: ['ns/a', 'b'] },
  ],
  [
    'D2 G6',
    'I0902 15:20:14.747890   18530 eviction_manager.go:280] eviction manager: pod guaranteed-cn933_e2e-tests-eviction-test-simple-rkrca(33a5f9aa-7142-11e6-a2e9-28d2444e470d) evicted successfully',
    { kind: 'pod-evicted', pod: 'e2e-tests-eviction-test-simple-rkrca/guaranteed-cn933' },
  ],
  [
    'D2 K13',
    'I0317 12:44:46.988062    2278 eviction_manager.go:566] eviction manager: pod kindnet-kbjg6_kube-system(bedefb46-10cd-48ea-b8f6-325be17b6657) is evicted successfully',
    { kind: 'pod-evicted', pod: 'kube-system/kindnet-kbjg6' },
  ],
  [
    'D2 S21',
    'I0528 16:05:54.802914 2269385 eviction_manager.go:627] "Eviction manager: pod is evicted successfully" pod="sre/infras-logstash-d484d57fc-rkx95"',
    { kind: 'pod-evicted', pod: 'sre/infras-logstash-d484d57fc-rkx95' },
  ],
  [
    'D3 K13',
    'E0314 09:21:39.442101    2716 eviction_manager.go:595] eviction manager: pod memhog-7c9d8b6f5-x2x7l_default(6f1c0d2e-5a8b-4c3d-9e7f-1a2b3c4d5e6f) failed to evict timeout waiting to kill pod',
    { kind: 'pod-evict-failed', pod: 'default/memhog-7c9d8b6f5-x2x7l', error: 'timeout waiting to kill pod' },
  ],
  [
    'D3 S21',
    'E0314 09:21:39.442101    2716 eviction_manager.go:618] "Eviction manager: pod failed to evict" err="timeout waiting to kill pod" pod="default/memhog-7c9d8b6f5-x2x7l"',
    { kind: 'pod-evict-failed', pod: 'default/memhog-7c9d8b6f5-x2x7l', error: 'timeout waiting to kill pod' },
  ],
  [
    'D5 K13',
    'I0914 23:55:47.566158    2314 eviction_manager.go:385] eviction manager: unable to evict any pods from the node',
    { kind: 'unable-to-evict' },
  ],
  [
    'D5 S21',
    'I0109 03:44:07.063002    1231 eviction_manager.go:420] "Eviction manager: unable to evict any pods from the node"',
    { kind: 'unable-to-evict' },
  ],
  [
    'E1 G7',
    'E1016 09:50:55.058307   17144 eviction_manager.go:356] eviction manager: eviction thresholds have been met, but no pods are active to evict',
    { kind: 'no-pods-to-evict' },
  ],
  [
    'E1 S21',
    'E0314 09:21:07.133210    2716 eviction_manager.go:401] "Eviction manager: eviction thresholds have been met, but no pods are active to evict"',
    { kind: 'no-pods-to-evict' },
  ],
  [
    'E2 G6',
    'E0822 23:51:03.731938    2684 eviction_manager.go:230] eviction manager: no ranking function for resource imagefs',
    { kind: 'no-ranking-function', resource: 'imagefs' },
  ],
  [
    'E3 G10',
    'E0912 15:14:53.253568   13069 eviction_manager.go:557] eviction manager: cannot evict a critical static pod kube-controller-manager-minikube_kube-system(5c39844f0b908333a05ae0c6cec35511)',
    { kind: 'critical-pod', pod: 'kube-system/kube-controller-manager-minikube', static: true },
  ],
  [
    'E3 S21',
    'E0109 03:44:07.062950    1231 eviction_manager.go:560] "Eviction manager: cannot evict a critical pod" pod="kube-system/etcd-cloud-06"',
    { kind: 'critical-pod', pod: 'kube-system/etcd-cloud-06' },
  ],
  [
    'J1 G6 EXTRA',
    'W0202 08:00:00.412231    2716 eviction_manager.go:128] Failed to admit pod besteffort-1_default(0a1b2c3d-4e5f-11e7-9a8b-42010a800002) - node has conditions: %v%!(EXTRA []v1.NodeConditionType=[MemoryPressure])',
    { kind: 'admission-rejected', pod: 'default/besteffort-1', conditions: ['MemoryPressure'] },
  ],
  [
    'J1 G7',
    'W1016 09:54:14.823152   12844 eviction_manager.go:142] Failed to admit pod weave-net-3svfg_kube-system(e5a5d474-b214-11e7-a98b-0650cc001a5b) - node has conditions: [DiskPressure]',
    { kind: 'admission-rejected', pod: 'kube-system/weave-net-3svfg', conditions: ['DiskPressure'] },
  ],
  [
    'J1 S21',
    'I0527 09:00:05.110852    1025 eviction_manager.go:167] "Failed to admit pod to node" pod="monitoring/prometheus-k8s-0" nodeCondition=[DiskPressure]',
    { kind: 'admission-rejected', pod: 'monitoring/prometheus-k8s-0', conditions: ['DiskPressure'] },
  ],
  [
    'J1 S28',
    'I0314 09:30:11.204430    2716 eviction_manager.go:167] "Failed to admit pod to node" pod="default/busybox" nodeCondition=["DiskPressure"]',
    { kind: 'admission-rejected', pod: 'default/busybox', conditions: ['DiskPressure'] },
  ],
  [
    'J2 S31',
    'I0615 18:12:44.210455     906 kubelet.go:2358] "Pod admission denied" podUID="5b0e2f4c-0d7b-4f55-9a3b-2c1e0c8a7d11" pod="default/busybox-6d8f7c9b5-k2x9q" reason="Evicted" message="The node had condition: [DiskPressure]. "',
    { kind: 'admission-rejected', pod: 'default/busybox-6d8f7c9b5-k2x9q', conditions: ['DiskPressure'], reason: 'Evicted' },
  ],
  [
    'K1 G10',
    'I0904 17:16:42.101552    9922 kubelet_node_status.go:443] Recording NodeHasDiskPressure event message for node worker-3',
    { kind: 'node-pressure-reported', condition: 'DiskPressure' },
  ],
  [
    'K1 S21 clear',
    'I0903 10:07:19.008233    1187 kubelet_node_status.go:497] "Recording event message for node" node="worker-3" event="NodeHasNoDiskPressure"',
    { kind: 'node-pressure-cleared', condition: 'DiskPressure' },
  ],
  ['M1 printf', 'I0127 20:47:36.625030   19123 server.go:182] Version: v1.9.2', { kind: 'kubelet-start', version: 'v1.9.2' }],
  [
    'M1 S',
    'I0610 17:39:22.801470    1980 server.go:487] "Kubelet version" kubeletVersion="v1.29.2"',
    { kind: 'kubelet-start', version: 'v1.29.2' },
  ],
  [
    'A2 printf',
    'I1207 07:27:35.647180   23137 flags.go:64] FLAG: --eviction-hard="imagefs.available<15%,memory.available<100Mi,nodefs.available<10%,nodefs.inodesFree<5%"',
    {
      kind: 'eviction-flag',
      flag: 'eviction-hard',
      value: 'imagefs.available<15%,memory.available<100Mi,nodefs.available<10%,nodefs.inodesFree<5%',
    },
  ],
  [
    'A2 json format',
    '{"ts":1616398324656.7524,"msg":"FLAG: --eviction-soft=\\"\\"\\n","v":1}',
    { kind: 'eviction-flag', flag: 'eviction-soft', value: '' },
  ],
])('%s', (_name, line, want) => {
  it('classifies', () => {
    expect(c(line)).toMatchObject(want);
  });
});

describe('A1 container-manager Node Config: every rendering', () => {
  it('printf %+v (v1.7, the seed)', () => {
    const r = c(
      'I1016 09:54:09.616263   12844 container_manager_linux.go:251] Creating Container Manager object based on Node Config: {RuntimeCgroupsName: SystemCgroupsName: KubeletCgroupsName: ContainerRuntime:docker CgroupsPerQOS:true CgroupRoot:/ CgroupDriver:cgroupfs ProtectKernelDefaults:false NodeAllocatableConfig:{KubeReservedCgroupName: SystemReservedCgroupName: EnforceNodeAllocatable:map[pods:{}] KubeReserved:map[] SystemReserved:map[] HardEvictionThresholds:[{Signal:memory.available Operator:LessThan Value:{Quantity:100Mi Percentage:0} GracePeriod:0s MinReclaim:<nil>} {Signal:nodefs.available Operator:LessThan Value:{Quantity:<nil> Percentage:0.1} GracePeriod:0s MinReclaim:<nil>} {Signal:nodefs.inodesFree Operator:LessThan Value:{Quantity:<nil> Percentage:0.05} GracePeriod:0s MinReclaim:<nil>}]} ExperimentalQOSReserved:map[]}',
    );
    expect(r).toEqual({
      kind: 'thresholds-stated',
      source: 'node-config',
      hard: [
        { signal: 'memory.available', value: '100Mi' },
        { signal: 'nodefs.available', value: '10%' },
        { signal: 'nodefs.inodesFree', value: '5%' },
      ],
      pid: 12844,
    });
  });
  it('S21 %+v with internal Quantity structs in KubeReserved, random order', () => {
    const r = c(
      'I1004 16:57:28.763782    8031 container_manager_linux.go:283] "Creating Container Manager object based on Node Config" nodeConfig={RuntimeCgroupsName: SystemCgroupsName: KubeletCgroupsName: ContainerRuntime:remote CgroupsPerQOS:true CgroupRoot:/ CgroupDriver:cgroupfs KubeletRootDir:/var/lib/kubelet ProtectKernelDefaults:true NodeAllocatableConfig:{KubeReservedCgroupName: SystemReservedCgroupName: ReservedSystemCPUs: EnforceNodeAllocatable:map[pods:{}] KubeReserved:map[cpu:{i:{value:110 scale:-3} d:{Dec:<nil>} s:110m Format:DecimalSI} ephemeral-storage:{i:{value:1073741824 scale:0} d:{Dec:<nil>} s:1Gi Format:BinarySI} memory:{i:{value:2966421504 scale:0} d:{Dec:<nil>} s:2829Mi Format:BinarySI}] SystemReserved:map[] HardEvictionThresholds:[{Signal:nodefs.inodesFree Operator:LessThan Value:{Quantity:<nil> Percentage:0.05} GracePeriod:0s MinReclaim:<nil>} {Signal:memory.available Operator:LessThan Value:{Quantity:100Mi Percentage:0} GracePeriod:0s MinReclaim:<nil>} {Signal:nodefs.available Operator:LessThan Value:{Quantity:<nil> Percentage:0.1} GracePeriod:0s MinReclaim:<nil>}]} QOSReserved:map[] ExperimentalCPUManage…',
    );
    expect(r).toMatchObject({
      hard: [
        { signal: 'nodefs.inodesFree', value: '5%' },
        { signal: 'memory.available', value: '100Mi' },
        { signal: 'nodefs.available', value: '10%' },
      ],
    });
    expect(r).not.toHaveProperty('truncated');
  });
  it('S28 JSON (k3s, real)', () => {
    const r = c(
      'I1001 12:20:44.629772   30604 container_manager_linux.go:272] "Creating Container Manager object based on Node Config" nodeConfig={"NodeName":"{SystemHostnameIG}","KubeReserved":null,"SystemReserved":null,"HardEvictionThresholds":[{"Signal":"imagefs.available","Operator":"LessThan","Value":{"Quantity":null,"Percentage":0.05},"GracePeriod":0,"MinReclaim":null},{"Signal":"nodefs.available","Operator":"LessThan","Value":{"Quantity":null,"Percentage":0.05},"GracePeriod":0,"MinReclaim":null}],"QOSReserved":{},"CgroupVersion":2}',
    );
    expect(r).toEqual({
      kind: 'thresholds-stated',
      source: 'node-config',
      hard: [
        { signal: 'imagefs.available', value: '5%' },
        { signal: 'nodefs.available', value: '5%' },
      ],
      pid: 30604,
    });
  });
  it('an empty list (allocatable ignore eviction) is a statement of none', () => {
    expect(
      c(
        'I0101 00:00:00.000000     1 container_manager_linux.go:1] Creating Container Manager object based on Node Config: {NodeAllocatableConfig:{KubeReserved:map[] HardEvictionThresholds:[]} QOSReserved:map[]}',
      ),
    ).toEqual({ kind: 'thresholds-stated', source: 'node-config', hard: [], pid: 1 });
    expect(
      c(
        'I0101 00:00:00.000000     1 container_manager_linux.go:1] "Creating Container Manager object based on Node Config" nodeConfig={"SystemReserved":null,"HardEvictionThresholds":null,"QOSReserved":{}}',
      ),
    ).toEqual({ kind: 'thresholds-stated', source: 'node-config', hard: [], pid: 1 });
  });
  it('a line ellipsized by the pager is flagged truncated, never "no thresholds"', () => {
    const r = c(
      'I0610 17:39:22.844347    1980 container_manager_linux.go:270] "Creating Container Manager object based on Node Config" nodeConfig={"RuntimeCgroupsName":"","SystemCgr>',
    );
    expect(r).toMatchObject({ kind: 'thresholds-stated', hard: [], truncated: true });
  });
});

describe('systemd lines about the kubelet unit (M8)', () => {
  it.each([
    ['Started kubelet: The Kubernetes Node Agent.', 'kubelet-start'],
    ['Started Lightweight Kubernetes.', 'kubelet-start'],
    ['Started k3s-agent.service - Lightweight Kubernetes.', 'kubelet-start'],
    ['kubelet.service: Main process exited, code=exited, status=1/FAILURE', 'kubelet-stop'],
    ['Stopped kubelet: The Kubernetes Node Agent.', 'kubelet-stop'],
    ['Started Docker Application Container Engine.', undefined],
    ['docker.service: Main process exited, code=exited, status=1/FAILURE', undefined],
  ])('%s', (text, kind) => {
    expect(classifySystemd(text)?.rule.kind).toBe(kind);
  });
});

describe('unrecognised lines are noticed, not dropped', () => {
  it('an eviction-manager wording no rule knows is watched', () => {
    const rec = decodeKlog('I0101 00:00:00.000000     1 eviction_manager.go:1] "Eviction manager: a wording from the future" x=1');
    expect(classify(rec)).toBeUndefined();
    expect(isWatched(rec)).toBe(true);
  });
  it('ordinary chatter is neither recognised nor watched', () => {
    const rec = decodeKlog('I1005 12:14:37.220763   21251 kubelet.go:1954] SyncLoop (housekeeping)');
    expect(classify(rec)).toBeUndefined();
    expect(isWatched(rec)).toBe(false);
  });
});

describe('the printf rules tried are the ones whose anchor occurs (one scan finds the anchors)', () => {
  // The reference: every printf rule in RULES order, its anchor looked for with `includes` in the
  // lower-cased text, as the classifier did before it scanned for the anchors.
  const printf = RULES.filter((r) => !r.systemd && r.re);
  const reference = (text: string, pid: number | undefined) => {
    const lower = text.toLowerCase();
    for (const r of printf) {
      if (r.anchor && !lower.includes(r.anchor)) continue;
      const g = r.re!.exec(text);
      if (!g) continue;
      const fields = r.fields({ groups: g, kv: () => undefined, text, structured: false, ...(pid !== undefined ? { pid } : {}) });
      if (fields !== null) return { rule: r, fields };
    }
    return undefined;
  };
  const anchors = [...new Set(printf.flatMap((r) => (r.anchor ? [r.anchor] : [])))];
  // pieces: anchors in any case, cut or with a character changed; real payloads; characters
  // whose lower case is ASCII (U+0130, the Kelvin sign) or whose Latin-1 byte is an ASCII letter (U+0165)
  const piece = fc.oneof(
    fc.constantFrom(...anchors),
    fc.tuple(fc.constantFrom(...anchors), fc.nat()).map(([a, k]) => a.slice(0, k % a.length)),
    fc.tuple(fc.constantFrom(...anchors), fc.nat(), fc.constantFrom('x', ' ', '\u0165', '\u0130', '\u212a')).map(([a, k, ch]) => {
      const i = k % a.length;
      return a.slice(0, i) + ch + a.slice(i + 1);
    }),
    fc.constantFrom(' nodefs', ' memory.available', ' 10%', ' pod="ns/p"', ' (', ')', ': ', '\u00e9', '\u212aubelet', 'D\u0130SK'),
  );
  it('classifies any text as trying every rule in turn does', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), fc.boolean(), fc.option(fc.nat(99999), { nil: undefined }), (pieces, upper, pid) => {
        const text = upper ? pieces.join('').toUpperCase() : pieces.join('');
        const got = classify({ header: 'none', text, ...(pid !== undefined ? { pid } : {}) });
        const want = reference(text, pid);
        expect([text, got?.rule.id, got?.fields]).toEqual([text, want?.rule.id, want?.fields]);
      }),
      { numRuns: 3000 },
    );
  });
  it('classifies a text seen before as the first time, whatever the PID (the classifications of recent texts are kept)', () => {
    // a few texts drawn again and again, with PIDs that change between the draws, among
    // other texts that push them out of the few kept
    const text = fc.oneof(
      fc.array(piece, { maxLength: 6 }).map((p) => p.join('')),
      // (texts whose events carry the PID)
      fc.constantFrom('FLAG: --eviction-hard="nodefs.available<5%"', 'FLAG: --eviction-soft=""', 'failed to run Kubelet: no such file'),
    );
    const pid = fc.option(fc.constantFrom(1, 2, 17144), { nil: undefined });
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(), pid, fc.nat(30)), { maxLength: 20 }),
        (pool, draws) => {
          for (const [k, p, others] of draws) {
            const fillers = others % 3 === 0 ? others : 0;
            for (let i = 0; i < fillers; i++) classify({ header: 'none', text: `filler ${i} ${k}` });
            const t = pool[k % pool.length]!;
            const got = classify({ header: 'none', text: t, ...(p !== undefined ? { pid: p } : {}) });
            const want = reference(t, p);
            expect([t, p, got?.rule.id, got?.fields]).toEqual([t, p, want?.rule.id, want?.fields]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('a line that repeats a text the classifier read lately (classifiedBefore, on its bytes)', () => {
  it('is that text and PID byte for byte, at any length and offset: one byte changed anywhere, or a length off, is none', () => {
    // (a rule's text, with what it reads at lengths of every remainder mod 4: the bytes are compared four at a time)
    const texts = fc
      .string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz.-'.split('')), minLength: 1, maxLength: 40 })
      .map((r) => `eviction manager: must evict pod(s) to reclaim ${r}`);
    fc.assert(
      fc.property(texts, fc.nat(7), fc.nat(), (text, pad, flip) => {
        // (the texts read before are others: eight of other lengths)
        for (let k = 0; k < 8; k++) classify(decodeKlog(`I0314 09:21:07.018203    2716 kubelet.go:1] ${'x'.repeat(200 + k)}`));
        const line = `I0314 09:21:07.018203    2716 eviction_manager.go:336] ${text}`;
        const c = classify(decodeKlog(line));
        expect(c?.rule.kind).toBe('must-evict');
        const b = Buffer.from(`${'x'.repeat(pad)}${text}yz`, 'latin1');
        const s = pad;
        const e = pad + text.length;
        expect(classifiedBefore(b, s, e, 2716)).toBe(c);
        // another PID, a byte more or less, any one byte changed
        expect(classifiedBefore(b, s, e, 2717)).toBeUndefined();
        expect(classifiedBefore(b, s, e + 1, 2716)).toBeUndefined();
        if (text.length > 1) expect(classifiedBefore(b, s, e - 1, 2716)).toBeUndefined();
        const k = s + (flip % text.length);
        b[k] = b[k]! ^ (1 << (flip % 7));
        expect(classifiedBefore(b, s, e, 2716)).toBeUndefined();
      }),
      { numRuns: 3_000 },
    );
  });

  it('is never a text that is not ASCII (a line it is asked of is ASCII)', () => {
    const text = 'eviction manager: must evict pod(s) to reclaim nodefs é';
    classify(decodeKlog(`I0314 09:21:07.018203    2716 eviction_manager.go:336] ${text}`));
    const b = Buffer.from(text, 'latin1');
    expect(classifiedBefore(b, 0, b.length, 2716)).toBeUndefined();
  });
});
