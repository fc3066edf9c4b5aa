#!/usr/bin/env node
// Generates samples/modern-memory-eviction.log: a structured-era (Kubernetes v1.29.2,
// klog >= v2.100 "S28" rendering) memory-pressure story on node worker-3, as
// `journalctl -u kubelet -o short-iso` output (year 2024, zone +0000).
//
//   node scripts/samples/make-modern-memory.mjs > samples/modern-memory-eviction.log
//
// Deterministic: no clock, no environment; all variation comes from mulberry32(1329).
// A summary goes to standard error.

import { mulberry32 } from '../mulberry32.mjs';

const NODE = 'worker-3';
const PID_A = 2716; // started 09:15:00 with the default hard thresholds
const PID_B = 3120; // started 09:30:12 with --eviction-hard=memory.available<200Mi only

const rand = mulberry32(1329);
const randInt = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[randInt(0, 15)]).join('');
const uuid4 = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[randInt(0, 3)]}${hex(3)}-${hex(12)}`;

// time: microseconds since 2024-03-14 00:00:00 UTC
const S = 1_000_000;
const at = (h, m, s, us = 0) => ((h * 60 + m) * 60 + s) * S + us;
const pad = (n, w = 2) => String(n).padStart(w, '0');
function clock(us) {
  const sec = Math.floor(us / S);
  return `${pad(Math.floor(sec / 3600))}:${pad(Math.floor(sec / 60) % 60)}:${pad(sec % 60)}`;
}

// ---------------------------------------------------------------------------
// klog structured rendering (klog >= v2.100): strings Go-quoted, KObjSlice as a JSON array

const q = (s) => JSON.stringify(s); // identical to strconv.Quote for the ASCII used here
const kv = (pairs) => pairs.map(([k, v]) => ` ${k}=${v}`).join('');
const podList = (pods) => `[${pods.map(q).join(',')}]`;

const entries = [];
const counts = { reclaim: new Map(), evicted: [], rejections: 0 };
const bump = (map, pid) => map.set(pid, (map.get(pid) ?? 0) + 1);

function info(us, pid, src, msg, pairs = [], tag = 'chatter', sev = 'I') {
  entries.push({ us, kind: 'kubelet', pid, sev, src, text: q(msg) + kv(pairs), tag });
}
function printf(us, pid, src, text, tag = 'startup') {
  entries.push({ us, kind: 'kubelet', pid, sev: 'I', src, text, tag });
}
const systemd = (us, msg) => entries.push({ us, kind: 'systemd', text: msg, tag: 'systemd' });

// ---------------------------------------------------------------------------
// configuration

const HARD_DEFAULT = [
  ['memory.available', '"100Mi"', 0],
  ['nodefs.available', 'null', 0.1],
  ['nodefs.inodesFree', 'null', 0.05],
  ['imagefs.available', 'null', 0.15],
  ['imagefs.inodesFree', 'null', 0.05],
];
const HARD_RAISED = [['memory.available', '"200Mi"', 0]];

function nodeConfig(hard) {
  const thresholds = hard
    .map(([signal, quantity, pct]) =>
      `{"Signal":"${signal}","Operator":"LessThan","Value":{"Quantity":${quantity},"Percentage":${pct}},"GracePeriod":0,"MinReclaim":null}`)
    .join(',');
  return (
    '{"NodeName":"worker-3","RuntimeCgroupsName":"","SystemCgroupsName":"","KubeletCgroupsName":"","KubeletOOMScoreAdj":-999,' +
    '"ContainerRuntime":"","CgroupsPerQOS":true,"CgroupRoot":"/","CgroupDriver":"systemd","KubeletRootDir":"/var/lib/kubelet",' +
    '"ProtectKernelDefaults":false,"KubeReservedCgroupName":"","SystemReservedCgroupName":"","ReservedSystemCPUs":{},' +
    '"EnforceNodeAllocatable":{"pods":{}},"KubeReserved":null,"SystemReserved":null,' +
    `"HardEvictionThresholds":[${thresholds}],` +
    '"QOSReserved":{},"CPUManagerPolicy":"none","CPUManagerPolicyOptions":null,"TopologyManagerScope":"container",' +
    '"CPUManagerReconcilePeriod":10000000000,"ExperimentalMemoryManagerPolicy":"None","ExperimentalMemoryManagerReservedMemory":null,' +
    '"PodPidsLimit":-1,"EnforceCPULimits":true,"CPUCFSQuotaPeriod":100000000,"TopologyManagerPolicy":"none","TopologyManagerPolicyOptions":null}'
  );
}

const FLAGS_DEFAULT = [
  ['enforce-node-allocatable', '[pods]'],
  ['eviction-hard', 'imagefs.available<15%,imagefs.inodesFree<5%,memory.available<100Mi,nodefs.available<10%,nodefs.inodesFree<5%'],
  ['eviction-max-pod-grace-period', '60'],
  ['eviction-minimum-reclaim', ''],
  ['eviction-pressure-transition-period', '5m0s'],
  ['eviction-soft', 'memory.available<500Mi'],
  ['eviction-soft-grace-period', 'memory.available=1m30s'],
];
const FLAGS_RAISED = FLAGS_DEFAULT.map(([k, v]) => [k, k === 'eviction-hard' ? 'memory.available<200Mi' : v]);

// ---------------------------------------------------------------------------
// pods

const POD = {
  memhog1: { ref: 'default/memhog-7c9d8b6f5-x2x7l', uid: '6f1c0d2e-5a8b-4c3d-9e7f-1a2b3c4d5e6f' },
  memhog2: { ref: 'default/memhog-7c9d8b6f5-q8w4n', uid: uuid4() },
  prom: { ref: 'monitoring/prometheus-k8s-0', uid: uuid4() },
  prom2: { ref: 'monitoring/prometheus-k8s-0', uid: uuid4() },
  proxy: { ref: 'kube-system/kube-proxy-778cb', uid: uuid4() },
};

function pleg(us, pid, pod, type) {
  info(us, pid, 'kubelet.go:2432', 'SyncLoop (PLEG): event for pod',
    [['pod', q(pod.ref)], ['event', `{"ID":"${pod.uid}","Type":"${type}","Data":"${hex(64)}"}`]]);
}
const syncLoop = (us, pid, op, pods) =>
  info(us, pid, 'kubelet.go:2355', `SyncLoop ${op}`, [['source', '"api"'], ['pods', podList(pods.map((p) => p.ref))]]);
const removeContainer = (us, pid) => info(us, pid, 'scope.go:117', 'RemoveContainer', [['containerID', q(hex(64))]]);
const nodeEvent = (us, pid, event, tag = 'node-event') =>
  info(us, pid, 'kubelet_node_status.go:679', 'Recording event message for node', [['node', q(NODE)], ['event', q(event)]], tag);

// ---------------------------------------------------------------------------
// kubelet start-up (v1.29.2, --v>=2 so the FLAG dump and node events are visible)

function startup(pid, t0, flags, hard, pods) {
  let u = t0;
  const next = (lo, hi) => (u += randInt(lo, hi));
  const k = (src, msg, pairs = [], sev = 'I') => info(next(60, 900), pid, src, msg, pairs, 'startup', sev);
  for (const [name, value] of flags) printf(next(8, 40), pid, 'flags.go:64', `FLAG: --${name}=${q(value)}`);
  next(2000, 6000);
  k('server.go:487', 'Kubelet version', [['kubeletVersion', '"v1.29.2"']]);
  k('server.go:489', 'Golang settings', [['GOGC', '""'], ['GOMAXPROCS', '""'], ['GOTRACEBACK', '""']]);
  next(5000, 12_000);
  k('server.go:919', 'Client rotation is on, will bootstrap in background');
  k('dynamic_cafile_content.go:157', 'Starting controller', [['name', '"client-ca-bundle::/etc/kubernetes/pki/ca.crt"']]);
  next(20_000, 60_000);
  k('server.go:742', '--cgroups-per-qos enabled, but --cgroup-root was not specified.  defaulting to /');
  k('container_manager_linux.go:265', 'Container manager verified user specified cgroup-root exists', [['cgroupRoot', '[]']]);
  k('container_manager_linux.go:270', 'Creating Container Manager object based on Node Config', [['nodeConfig', nodeConfig(hard)]]);
  k('topology_manager.go:138', 'Creating topology manager with none policy');
  k('container_manager_linux.go:301', 'Creating device plugin manager');
  k('state_mem.go:36', 'Initialized new in-memory state store');
  k('kubelet.go:396', 'Attempting to sync node with API server');
  k('kubelet.go:301', 'Adding static pod path', [['path', '"/etc/kubernetes/manifests"']]);
  k('kubelet.go:312', 'Adding apiserver pod source');
  next(5000, 15_000);
  k('kuberuntime_manager.go:258', 'Container runtime initialized', [['containerRuntime', '"containerd"'], ['version', '"1.7.13"'], ['apiVersion', '"v1"']]);
  next(20_000, 40_000);
  k('server.go:1256', 'Started kubelet');
  k('server.go:162', 'Starting to listen', [['address', '"0.0.0.0"'], ['port', '10250']]);
  k('kubelet.go:1462', 'Image garbage collection failed once. Stats initialization may not have completed yet', [['err', '"invalid capacity 0 on image filesystem"']], 'E');
  next(10_000, 30_000);
  k('kubelet.go:2329', 'Starting kubelet main sync loop');
  k('kubelet_node_status.go:73', 'Attempting to register node', [['node', q(NODE)]]);
  for (const ev of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']) nodeEvent(next(20, 200), pid, ev, 'startup');
  next(10_000, 30_000);
  k('kubelet_node_status.go:112', 'Node was previously registered', [['node', q(NODE)]]);
  k('kubelet_node_status.go:76', 'Successfully registered node', [['node', q(NODE)]]);
  next(100_000, 300_000);
  syncLoop(u, pid, 'ADD', pods);
}

// ---------------------------------------------------------------------------
// one eviction-manager pass that evicts `victim`; returns the time the cleanup finished

function evictionPass(pid, t, ranked, victim, message, killMs, cleanMs) {
  let u = t;
  info(u, pid, 'eviction_manager.go:366', 'Eviction manager: attempting to reclaim', [['resourceName', '"memory"']], 'pressure');
  info((u += randInt(300, 600)), pid, 'eviction_manager.go:377', 'Eviction manager: must evict pod(s) to reclaim', [['resourceName', '"memory"']], 'pressure');
  info((u += randInt(500, 900)), pid, 'eviction_manager.go:395', 'Eviction manager: pods ranked for eviction', [['pods', podList(ranked.map((p) => p.ref))]], 'pressure');
  info((u += randInt(100, 300)), pid, 'eviction_manager.go:611', 'Evicting pod',
    [['pod', q(victim.ref)], ['podUID', q(victim.uid)], ['message', q(message)]], 'pressure');
  u += killMs * 1000 + randInt(0, 999);
  info(u, pid, 'eviction_manager.go:623', 'Eviction manager: pod is evicted successfully', [['pod', q(victim.ref)]], 'pressure');
  info((u += randInt(60, 200)), pid, 'eviction_manager.go:205', 'Eviction manager: pods evicted, waiting for pod to be cleaned up', [['pods', podList([victim.ref])]], 'pressure');
  u += cleanMs * 1000 + randInt(0, 999);
  info(u, pid, 'eviction_manager.go:458', 'Eviction manager: pods successfully cleaned up', [['pods', podList([victim.ref])]], 'pressure');
  bump(counts.reclaim, pid);
  counts.evicted.push(`${victim.ref}@${clock(t)}`);
  return u;
}

function reject(us, pid, ref) {
  syncLoop(us, pid, 'ADD', [{ ref }]);
  info(us + randInt(300, 900), pid, 'eviction_manager.go:167', 'Failed to admit pod to node',
    [['pod', q(ref)], ['nodeCondition', '["MemoryPressure"]']], 'rejection');
  counts.rejections++;
}

// ---------------------------------------------------------------------------
// story

// 09:15 boot: kubelet 2716 with the default hard thresholds and a 500Mi soft threshold
systemd(at(9, 15, 0, 208_114), 'Started kubelet: The Kubernetes Node Agent.');
startup(PID_A, at(9, 15, 0, 411_903), FLAGS_DEFAULT, HARD_DEFAULT, [POD.memhog1, POD.prom, POD.proxy]);
for (const p of [POD.memhog1, POD.prom, POD.proxy]) pleg(at(9, 15, 2) + randInt(0, 900_000), PID_A, p, 'ContainerStarted');

// 09:21:07 wave 1: memhog drives memory.available to 91520Ki (< 100Mi)
{
  const pid = PID_A;
  const t = at(9, 21, 7, 118_203);
  const done = evictionPass(pid, t, [POD.memhog1, POD.prom, POD.proxy], POD.memhog1,
    'The node was low on resource: memory. Threshold quantity: 100Mi, available: 91520Ki. Container memhog was using 1843200Ki, request is 0, has larger consumption of memory. ',
    2086, 2002);
  nodeEvent(at(9, 21, 9, 911_402), pid, 'NodeHasInsufficientMemory');
  pleg(at(9, 21, 9, 305_117), pid, POD.memhog1, 'ContainerDied');
  pleg(at(9, 21, 10, 14_590), pid, POD.memhog1, 'ContainerDied');
  removeContainer(done + randInt(200_000, 600_000), pid);

  // BestEffort pods bound while MemoryPressure holds (the condition is kept for the 5m0s
  // transition period after the last observation below the threshold).
  reject(at(9, 21, 31, 602_118), pid, 'default/batch-job-7xk2p');
  reject(at(9, 21, 42, 771_905), pid, 'default/batch-job-m4tzq');
  reject(at(9, 22, 4, 310_442), pid, 'default/batch-worker-0');
  reject(at(9, 23, 10, 806_731), pid, 'default/batch-worker-0');
  reject(at(9, 24, 25, 127_360), pid, 'default/batch-worker-0');

  // last threshold observation 09:21:07; first loop 5 min later finds it clear (09:26:11),
  // the next node status update records it
  nodeEvent(at(9, 26, 15, 804_226), pid, 'NodeHasSufficientMemory');
  syncLoop(at(9, 26, 52, 390_615), pid, 'ADD', [POD.memhog2]);
  pleg(at(9, 26, 54, 120_877), pid, POD.memhog2, 'ContainerStarted');
  pleg(at(9, 26, 54, 933_004), pid, POD.memhog2, 'ContainerStarted');
  removeContainer(at(9, 27, 40, 551_209), pid);
}

// 09:30:12 restart: the operator "raises" the memory threshold and drops the other defaults
systemd(at(9, 30, 12, 4_551), 'Stopping kubelet: The Kubernetes Node Agent...');
systemd(at(9, 30, 12, 131_870), 'kubelet.service: Deactivated successfully.');
systemd(at(9, 30, 12, 132_402), 'Stopped kubelet: The Kubernetes Node Agent.');
systemd(at(9, 30, 12, 132_911), 'kubelet.service: Consumed 41.207s CPU time.');
systemd(at(9, 30, 12, 158_360), 'Started kubelet: The Kubernetes Node Agent.');
startup(PID_B, at(9, 30, 12, 366_020), FLAGS_RAISED, HARD_RAISED, [POD.memhog2, POD.prom, POD.proxy]);
removeContainer(at(9, 35, 18, 207_733), PID_B);

// 09:40:17 wave 2 under pid 3120: memhog again, then prometheus 10 s later
{
  const pid = PID_B;
  const done1 = evictionPass(pid, at(9, 40, 17, 301_448), [POD.memhog2, POD.prom, POD.proxy], POD.memhog2,
    'The node was low on resource: memory. Threshold quantity: 200Mi, available: 187204Ki. Container memhog was using 1795316Ki, request is 0, has larger consumption of memory. ',
    2071, 2004);
  nodeEvent(at(9, 40, 20, 622_815), pid, 'NodeHasInsufficientMemory');
  pleg(at(9, 40, 19, 520_337), pid, POD.memhog2, 'ContainerDied');
  pleg(at(9, 40, 20, 88_164), pid, POD.memhog2, 'ContainerDied');

  // the first eviction did not bring memory.available back over 200Mi
  const second = done1 + 10 * S + randInt(5000, 30_000);
  const done2 = evictionPass(pid, second, [POD.prom, POD.proxy], POD.prom,
    'The node was low on resource: memory. Threshold quantity: 200Mi, available: 160244Ki. Container prometheus was using 1203400Ki, request is 400Mi, has larger consumption of memory. ',
    1544, 2001);
  pleg(second + 1_650_000 + randInt(0, 99_999), pid, POD.prom, 'ContainerDied');
  pleg(second + 1_710_000 + randInt(0, 99_999), pid, POD.prom, 'ContainerDied');
  // The StatefulSet recreates prometheus-k8s-0 (same name, new UID). It has memory requests,
  // so it is admitted despite MemoryPressure.
  syncLoop(done2 + randInt(400_000, 900_000), pid, 'ADD', [POD.prom2]);
  pleg(done2 + randInt(2_000_000, 2_900_000), pid, POD.prom2, 'ContainerStarted');
  removeContainer(done2 + randInt(5_000_000, 9_000_000), pid);
  removeContainer(done2 + randInt(9_500_000, 14_000_000), pid);

  // last observation below the threshold at `second`; cleared 5m0s later
  nodeEvent(second + 5 * 60 * S + randInt(6, 9) * S + randInt(0, 999_999), pid, 'NodeHasSufficientMemory');
  removeContainer(at(9, 47, 2, 644_081), pid);
  removeContainer(at(9, 50, 0, 318_572), pid);
}

// ---------------------------------------------------------------------------
// render

entries.sort((a, b) => a.us - b.us);
for (let i = 1; i < entries.length; i++) {
  if (entries[i].us <= entries[i - 1].us) entries[i].us = entries[i - 1].us + 1;
}

function render(e) {
  const prefix = `2024-03-14T${clock(e.us)}+0000 ${NODE}`;
  if (e.kind === 'systemd') return `${prefix} systemd[1]: ${e.text}`;
  const header = `${e.sev}0314 ${clock(e.us)}.${pad(e.us % S, 6)} ${String(e.pid).padStart(7)} ${e.src}] `;
  return `${prefix} kubelet[${e.pid}]: ${header}${e.text}`;
}

const text = entries.map(render).join('\n') + '\n';
process.stdout.write(text);

const byTag = (t) => entries.filter((e) => e.tag === t).length;
process.stderr.write(
  `make-modern-memory: ${entries.length} lines, ${Buffer.byteLength(text)} bytes; ` +
    `reclaim passes per pid: ${[...counts.reclaim].map(([p, n]) => `${p}=${n}`).join(' ')}; ` +
    `evicted: ${counts.evicted.join(', ')}; rejections: ${counts.rejections}; ` +
    `pressure lines ${byTag('pressure')}, node events ${byTag('node-event')}, chatter ${byTag('chatter')}, start-up ${byTag('startup')}, systemd ${byTag('systemd')}\n`,
);
