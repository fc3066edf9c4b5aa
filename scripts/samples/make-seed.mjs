#!/usr/bin/env node
// Generates samples/seed-ubuntu-k8s-3.log: the seed incident (node ubuntu-k8s-3,
// Kubernetes v1.7.5, 2017-10-16, zone CST) as `journalctl -u kubelet` short output
// in a Chinese locale (`10月 16 09:50:55 ...`).
//
//   node scripts/samples/make-seed.mjs > samples/seed-ubuntu-k8s-3.log
//
// Deterministic: no clock, no environment; all variation comes from mulberry32(42).
// Lines quoted in the seed story are reproduced byte for byte (see VERBATIM below and
// the check at the end). A summary goes to standard error.

import { mulberry32 } from '../mulberry32.mjs';

const NODE = 'ubuntu-k8s-3';
const PID_OLD = 17144; // running since before the excerpt
const PID_MID = 12844; // started 09:54:09
const PID_NEW = 7394; // started 16:56:10, with --eviction-hard=nodefs.available<5%

// ---------------------------------------------------------------------------
// deterministic randomness

const rand = mulberry32(42);
const randInt = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)); // inclusive
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[randInt(0, 15)]).join('');

// ---------------------------------------------------------------------------
// time: microseconds since 2017-10-16 00:00:00 CST (the kubelet and journald both run in CST)

const S = 1_000_000;
const at = (h, m, s, us = 0) => ((h * 60 + m) * 60 + s) * S + us;
const DAY_UTC_MS = Date.UTC(2017, 9, 16) - 8 * 3600 * 1000; // 2017-10-16 00:00 CST as Unix ms

const pad = (n, w = 2) => String(n).padStart(w, '0');
function clock(us) {
  const sec = Math.floor(us / S);
  return `${pad(Math.floor(sec / 3600))}:${pad(Math.floor(sec / 60) % 60)}:${pad(sec % 60)}`;
}
const micros = (us) => pad(us % S, 6);

// ---------------------------------------------------------------------------
// pods: names and v1 UIDs as the 2017 apiserver minted them

const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const suffix = () => Array.from({ length: 5 }, () => pick([...SUFFIX_ALPHABET])).join('');

// Version-1 UUID from the pod's creation time, with the clock sequence and node id of the
// seed's UIDs (…-11e7-a98b-0650cc001a5b). The seed's own UIDs decode to 09:54:08 CST.
function uidAt(us) {
  const unixMs = DAY_UTC_MS + Math.floor(us / 1000);
  const ticks = BigInt(unixMs) * 10000n + BigInt(randInt(0, 9999)) + 122192928000000000n;
  const low = (ticks & 0xffffffffn).toString(16).padStart(8, '0');
  const mid = ((ticks >> 32n) & 0xffffn).toString(16).padStart(4, '0');
  const high = (((ticks >> 48n) & 0x0fffn) | 0x1000n).toString(16).padStart(4, '0');
  return `${low}-${mid}-${high}-a98b-0650cc001a5b`;
}

const OWNERS = [
  { prefix: 'weave-net-', ns: 'kube-system', weight: 4 },
  { prefix: 'kube-proxy-', ns: 'kube-system', weight: 4 },
  { prefix: 'portal-3613605798-', ns: 'default', weight: 3 },
];
function pickOwner() {
  const total = OWNERS.reduce((a, o) => a + o.weight, 0);
  let r = rand() * total;
  for (const o of OWNERS) if ((r -= o.weight) < 0) return o;
  return OWNERS[OWNERS.length - 1];
}

// ---------------------------------------------------------------------------
// entries

/** @type {{us:number, kind:'kubelet'|'systemd'|'raw', pid?:number, sev?:string, src?:string, msg:string, tag:string}[]} */
const entries = [];
const klog = (us, pid, sev, src, msg, tag = 'chatter') => entries.push({ us, kind: 'kubelet', pid, sev, src, msg, tag });
const systemd = (us, msg) => entries.push({ us, kind: 'systemd', msg, tag: 'systemd' });

const counts = { loops: new Map(), rejections: new Map() };
const bump = (map, pid) => map.set(pid, (map.get(pid) ?? 0) + 1);

// The eviction loop of v1.7: every 10 s, nodefs below 10 % and nothing left to evict.
function loop(pid, us, gaps = [randInt(420, 900), randInt(700, 1300)]) {
  klog(us, pid, 'W', 'eviction_manager.go:331', 'eviction manager: attempting to reclaim nodefs', 'loop');
  klog(us + gaps[0], pid, 'I', 'eviction_manager.go:345', 'eviction manager: must evict pod(s) to reclaim nodefs', 'loop');
  klog(us + gaps[0] + gaps[1], pid, 'E', 'eviction_manager.go:356', 'eviction manager: eviction thresholds have been met, but no pods are active to evict', 'loop');
  bump(counts.loops, pid);
}

function reject(pid, us, name, ns, uid) {
  klog(us, pid, 'W', 'eviction_manager.go:142', `Failed to admit pod ${name}_${ns}(${uid}) - node has conditions: [DiskPressure]`, 'reject');
  bump(counts.rejections, pid);
}

// A DaemonSet/ReplicaSet replacement pod, created shortly before the kubelet rejects it.
// Sometimes the pod is already gone when the status manager reports the rejection.
function churn(pid, us) {
  const owner = pickOwner();
  const name = owner.prefix + suffix();
  const uid = uidAt(us - randInt(300_000, 2_500_000));
  reject(pid, us, name, owner.ns, uid);
  if (rand() < 0.15) {
    klog(us + randInt(250_000, 1_400_000), pid, 'W', 'status_manager.go:451',
      `Failed to update status for pod "${name}_${owner.ns}(${uid})": Operation cannot be fulfilled on pods "${name}": ` +
      `StorageError: invalid object, Code: 4, Key: /registry/pods/${owner.ns}/${name}, ResourceVersion: 0, ` +
      `AdditionalErrorMsg: Precondition failed: UID in precondition: ${uid}, UID in object meta: `);
  }
  return owner;
}

// cAdvisor noise about short-lived systemd scopes (a few per hour).
function cadvisorNoise(pid, from, to) {
  for (let t = from + randInt(60, 300) * S; t < to; t += randInt(180, 480) * S) {
    const cg = rand() < 0.7 ? `/system.slice/run-r${hex(32)}.scope` : `/user.slice/user-0.slice/session-${randInt(300, 900)}.scope`;
    klog(t + randInt(0, 999_999), pid, 'W', 'container.go:352',
      `Failed to get RecentStats("${cg}") while determining the next housekeeping: unable to find data in memory cache`);
  }
}

// ---------------------------------------------------------------------------
// the seed's own lines

const NODE_CONFIG_OLD =
  'Creating Container Manager object based on Node Config: {RuntimeCgroupsName: SystemCgroupsName: KubeletCgroupsName: ContainerRuntime:docker CgroupsPerQOS:true CgroupRoot:/ CgroupDriver:cgroupfs ProtectKernelDefaults:false NodeAllocatableConfig:{KubeReservedCgroupName: SystemReservedCgroupName: EnforceNodeAllocatable:map[pods:{}] KubeReserved:map[] SystemReserved:map[] HardEvictionThresholds:[{Signal:memory.available Operator:LessThan Value:{Quantity:100Mi Percentage:0} GracePeriod:0s MinReclaim:<nil>} {Signal:nodefs.available Operator:LessThan Value:{Quantity:<nil> Percentage:0.1} GracePeriod:0s MinReclaim:<nil>} {Signal:nodefs.inodesFree Operator:LessThan Value:{Quantity:<nil> Percentage:0.05} GracePeriod:0s MinReclaim:<nil>}]} ExperimentalQOSReserved:map[]}';
const NODE_CONFIG_NEW =
  'Creating Container Manager object based on Node Config: {RuntimeCgroupsName: SystemCgroupsName: KubeletCgroupsName: ContainerRuntime:docker CgroupsPerQOS:true CgroupRoot:/ CgroupDriver:cgroupfs ProtectKernelDefaults:false NodeAllocatableConfig:{KubeReservedCgroupName: SystemReservedCgroupName: EnforceNodeAllocatable:map[pods:{}] KubeReserved:map[] SystemReserved:map[] HardEvictionThresholds:[{Signal:nodefs.available Operator:LessThan Value:{Quantity:<nil> Percentage:0.05} GracePeriod:0s MinReclaim:<nil>}]} ExperimentalQOSReserved:map[]}';

const VERBATIM = [
  '10月 16 09:50:55 ubuntu-k8s-3 kubelet[17144]: W1016 09:50:55.056703   17144 eviction_manager.go:331] eviction manager: attempting to reclaim nodefs',
  '10月 16 09:50:55 ubuntu-k8s-3 kubelet[17144]: I1016 09:50:55.057322   17144 eviction_manager.go:345] eviction manager: must evict pod(s) to reclaim nodefs',
  '10月 16 09:50:55 ubuntu-k8s-3 kubelet[17144]: E1016 09:50:55.058307   17144 eviction_manager.go:356] eviction manager: eviction thresholds have been met, but no pods are active to evict',
  '10月 16 09:54:14 ubuntu-k8s-3 kubelet[12844]: W1016 09:54:14.823152   12844 eviction_manager.go:142] Failed to admit pod weave-net-3svfg_kube-system(e5a5d474-b214-11e7-a98b-0650cc001a5b) - node has conditions: [DiskPressure]',
  '10月 16 09:54:14 ubuntu-k8s-3 kubelet[12844]: W1016 09:54:14.824246   12844 eviction_manager.go:142] Failed to admit pod kube-proxy-d9lk0_kube-system(e5ff8fde-b214-11e7-a98b-0650cc001a5b) - node has conditions: [DiskPressure]',
  '10月 16 09:54:09 ubuntu-k8s-3 systemd[1]: Started kubelet: The Kubernetes Node Agent.',
  '10月 16 09:54:09 ubuntu-k8s-3 kubelet[12844]: I1016 09:54:09.381711   12844 feature_gate.go:144] feature gates: map[]',
  '10月 16 09:54:09 ubuntu-k8s-3 kubelet[12844]: I1016 09:54:09.437470   12844 client.go:72] Connecting to docker on unix:///var/run/docker.sock',
  '10月 16 09:54:09 ubuntu-k8s-3 kubelet[12844]: I1016 09:54:09.438075   12844 client.go:92] Start docker client with request timeout=2m0s',
  '10月 16 09:54:09 ubuntu-k8s-3 kubelet[12844]: I1016 09:54:09.471485   12844 manager.go:143] cAdvisor running in container: "/system.slice/kubelet.service"',
  '10月 16 09:54:09 ubuntu-k8s-3 kubelet[12844]: I1016 09:54:09.615818   12844 container_manager_linux.go:246] container manager verified user specified cgroup-root exists: /',
  '10月 16 09:54:09 ubuntu-k8s-3 kubelet[12844]: I1016 09:54:09.616263   12844 ' + 'container_manager_linux.go:251] ' + NODE_CONFIG_OLD,
  '10月 16 09:54:09 ubuntu-k8s-3 kubelet[12844]: I1016 09:54:09.617680   12844 kubelet.go:263] Adding manifest file: /etc/kubernetes/manifests',
  '10月 16 09:54:09 ubuntu-k8s-3 kubelet[12844]: I1016 09:54:09.618196   12844 kubelet.go:273] Watching apiserver',
  '10月 16 16:56:10 ubuntu-k8s-3 kubelet[7394]: I1016 16:56:10.840914    7394 ' + 'container_manager_linux.go:251] ' + NODE_CONFIG_NEW,
];

// Kubelet v1.7.5 start-up at --v=0. `base` is the feature-gate line; `cm` the time of the
// container-manager line. Lines marked fixed use the seed's exact microseconds for pid 12844.
function startup(pid, base, cm, nodeConfig, fixed) {
  const t = (d) => base + d;
  const k = (us, sev, src, msg) => klog(us, pid, sev, src, msg, 'startup');
  k(t(-randInt(400, 700)), 'I', 'server.go:176', 'Version: v1.7.5');
  k(t(0), 'I', 'feature_gate.go:144', 'feature gates: map[]');
  k(fixed ? at(9, 54, 9, 437470) : t(55_759), 'I', 'client.go:72', 'Connecting to docker on unix:///var/run/docker.sock');
  k(fixed ? at(9, 54, 9, 438075) : t(56_364), 'I', 'client.go:92', 'Start docker client with request timeout=2m0s');
  k(fixed ? at(9, 54, 9, 471485) : t(89_774), 'I', 'manager.go:143', 'cAdvisor running in container: "/system.slice/kubelet.service"');
  k(t(112_000 + randInt(0, 3000)), 'W', 'manager.go:151', 'unable to connect to Rkt api service: rkt: cannot tcp Dial rkt api service: dial tcp [::1]:15441: getsockopt: connection refused');
  k(t(131_000 + randInt(0, 3000)), 'I', 'fs.go:117', 'Filesystem partitions: map[/dev/sda1:{mountpoint:/ major:8 minor:1 fsType:ext4 blockSize:0} /dev/sdb1:{mountpoint:/data major:8 minor:17 fsType:ext4 blockSize:0}]');
  k(t(158_000 + randInt(0, 3000)), 'I', 'manager.go:198',
    'Machine: {NumCores:2 CpuFrequency:2399998 MemoryCapacity:4143001600 MachineID:5bd0b4c8f4f36f1a6b3c6d7e59d1c0a2 SystemUUID:4212A3C5-1B7E-55D2-9F0C-6E1D2A6B3C4D BootID:8c1f0d3e-7a44-4f5e-9b1a-2d6e8f0a1b3c ' +
    'Filesystems:[{Device:/dev/sda1 DeviceMajor:8 DeviceMinor:1 Capacity:6227542016 Type:vfs Inodes:387072 HasInodes:true} {Device:/dev/sdb1 DeviceMajor:8 DeviceMinor:17 Capacity:105553100800 Type:vfs Inodes:6553600 HasInodes:true} {Device:tmpfs DeviceMajor:0 DeviceMinor:23 Capacity:414302208 Type:vfs Inodes:505737 HasInodes:true}] ' +
    'DiskMap:map[8:0:{Name:sda Major:8 Minor:0 Size:6442450944 Scheduler:deadline} 8:16:{Name:sdb Major:8 Minor:16 Size:107374182400 Scheduler:deadline}] ' +
    'NetworkDevices:[{Name:ens160 MacAddress:00:50:56:a3:1c:5b Speed:10000 Mtu:1500}] Topology:[{Id:0 Memory:4143001600 Cores:[{Id:0 Threads:[0] Caches:[]} {Id:1 Threads:[1] Caches:[]}] Caches:[{Size:31457280 Type:Unified Level:3}]}] CloudProvider:Unknown InstanceType:Unknown InstanceID:None}');
  k(t(160_000 + randInt(0, 900)), 'I', 'manager.go:204', 'Version: {KernelVersion:4.4.0-97-generic ContainerOsVersion:Ubuntu 16.04.3 LTS DockerVersion:17.03.2-ce DockerAPIVersion:1.27 CadvisorVersion: CadvisorRevision:}');
  k(cm - randInt(1200, 1900), 'I', 'server.go:536', '--cgroups-per-qos enabled, but --cgroup-root was not specified.  defaulting to /');
  k(cm - 445, 'I', 'container_manager_linux.go:246', 'container manager verified user specified cgroup-root exists: /');
  k(cm, 'I', 'container_manager_linux.go:251', nodeConfig);
  k(cm + 1417, 'I', 'kubelet.go:263', 'Adding manifest file: /etc/kubernetes/manifests');
  k(cm + 1933, 'I', 'kubelet.go:273', 'Watching apiserver');
  let u = cm + 9000 + randInt(0, 2000);
  const next = (lo, hi) => (u += randInt(lo, hi));
  k(next(100, 400), 'W', 'kubelet_network.go:70', 'Hairpin mode set to "promiscuous-bridge" but kubenet is not enabled, falling back to "hairpin-veth"');
  k(next(100, 300), 'I', 'kubelet.go:508', 'Hairpin mode set to "hairpin-veth"');
  k(next(3000, 6000), 'I', 'docker_service.go:208', 'Docker cri networking managed by cni');
  k(next(9000, 15000), 'I', 'docker_service.go:225', 'Setting cgroupDriver to cgroupfs');
  k(next(1000, 2000), 'I', 'remote_runtime.go:42', 'Connecting to runtime service unix:///var/run/dockershim.sock');
  k(next(4000, 8000), 'I', 'kuberuntime_manager.go:166', 'Container runtime docker initialized, version: 17.03.2-ce, apiVersion: 1.27.0');
  k(next(1000, 3000), 'I', 'server.go:943', 'Started kubelet v1.7.5');
  k(next(100, 600), 'E', 'kubelet.go:1165', 'Image garbage collection failed once. Stats initialization may not have completed yet: unable to find data for container /');
  k(next(100, 400), 'I', 'kubelet_node_status.go:247', 'Setting node annotation to enable volume controller attach/detach');
  k(next(100, 400), 'I', 'server.go:132', 'Starting to listen on 0.0.0.0:10250');
  k(next(100, 400), 'I', 'server.go:310', 'Adding debug handlers to kubelet server.');
  k(next(300, 900), 'I', 'fs_resource_analyzer.go:66', 'Starting FS ResourceAnalyzer');
  k(next(100, 300), 'I', 'status_manager.go:140', 'Starting to sync pod status with apiserver');
  k(next(100, 300), 'I', 'kubelet.go:1741', 'Starting kubelet main sync loop.');
  k(next(100, 300), 'I', 'kubelet.go:1752', 'skipping pod synchronization - [container runtime is down PLEG is not healthy: pleg was last seen active 2562047h47m16.854775807s ago; threshold is 3m0s]');
  k(next(200, 600), 'I', 'volume_manager.go:245', 'Starting Kubelet Volume Manager');
  k(next(30_000, 60_000), 'I', 'kubelet_node_status.go:247', 'Setting node annotation to enable volume controller attach/detach');
  k(next(2000, 5000), 'I', 'kubelet_node_status.go:82', `Attempting to register node ${NODE}`);
  k(next(8000, 20_000), 'I', 'kubelet_node_status.go:85', `Successfully registered node ${NODE}`);
}

// ---------------------------------------------------------------------------
// 1. pid 17144: 06:00:05 - 09:54:00

const START = at(6, 0, 5);
const STOP_1 = at(9, 54, 8);
for (let t = START; t < at(9, 54, 0); t += 10 * S) {
  if (t === at(9, 50, 55)) {
    loop(PID_OLD, at(9, 50, 55, 56703), [619, 985]); // the seed's own loop
    continue;
  }
  const us = t + randInt(41_000, 79_000);
  loop(PID_OLD, us);
}
for (let t = START + randInt(3, 12) * S; t < at(9, 54, 5); t += randInt(15, 25) * S) {
  const us = t + randInt(0, 999_999);
  const first = churn(PID_OLD, us);
  // The two DaemonSets are often recreated together (as at 09:54:14).
  if (first.prefix !== 'portal-3613605798-' && rand() < 0.3) {
    const other = OWNERS[first.prefix === 'weave-net-' ? 1 : 0];
    const name = other.prefix + suffix();
    reject(PID_OLD, us + randInt(900, 1400), name, other.ns, uidAt(us - randInt(300_000, 2_500_000)));
  }
}
cadvisorNoise(PID_OLD, START, at(9, 54, 0));

// 2. restart at 09:54:08 -> pid 12844
systemd(STOP_1, 'Stopping kubelet: The Kubernetes Node Agent...');
systemd(STOP_1 + 31_000, 'Stopped kubelet: The Kubernetes Node Agent.');
systemd(at(9, 54, 9, 352_118), 'Started kubelet: The Kubernetes Node Agent.');
startup(PID_MID, at(9, 54, 9, 381711), at(9, 54, 9, 616263), NODE_CONFIG_OLD, true);

reject(PID_MID, at(9, 54, 14, 823152), 'weave-net-3svfg', 'kube-system', 'e5a5d474-b214-11e7-a98b-0650cc001a5b');
reject(PID_MID, at(9, 54, 14, 824246), 'kube-proxy-d9lk0', 'kube-system', 'e5ff8fde-b214-11e7-a98b-0650cc001a5b');

const LAST_MID = at(16, 55, 59);
for (let t = at(9, 54, 19); t <= LAST_MID; t += 10 * S) loop(PID_MID, t + randInt(12_000, 95_000));
for (let t = at(9, 54, 14) + randInt(15, 25) * S; t < at(16, 56, 6); t += randInt(15, 25) * S) {
  churn(PID_MID, t + randInt(0, 999_999));
}
cadvisorNoise(PID_MID, at(9, 55, 0), at(16, 56, 0));

// 3. restart at 16:56:09 -> pid 7394, nodefs threshold lowered to 5 %
const STOP_2 = at(16, 56, 9, 604_211);
systemd(STOP_2, 'Stopping kubelet: The Kubernetes Node Agent...');
systemd(STOP_2 + 27_000, 'Stopped kubelet: The Kubernetes Node Agent.');
systemd(at(16, 56, 10, 571_930), 'Started kubelet: The Kubernetes Node Agent.');
startup(PID_NEW, at(16, 56, 10, 606_402), at(16, 56, 10, 840914), NODE_CONFIG_NEW, false);

// 4. no more pressure: the three pending pods are admitted and start.
{
  const pid = PID_NEW;
  const k = (us, sev, src, msg) => klog(us, pid, sev, src, msg, 'chatter');
  const pods = [
    { name: 'kube-proxy-v4d1p', ns: 'kube-system', vols: [['kube-proxy', 'configmap'], ['xtables-lock', 'host-path'], ['kube-proxy-token-7ncxq', 'secret']] },
    { name: 'weave-net-rh6r4', ns: 'kube-system', vols: [['weavedb', 'host-path'], ['cni-bin', 'host-path'], ['cni-bin2', 'host-path'], ['cni-conf', 'host-path'], ['dbus', 'host-path'], ['lib-modules', 'host-path'], ['xtables-lock', 'host-path'], ['weave-net-token-5rvkm', 'secret']] },
    { name: 'portal-3613605798-txq4l', ns: 'default', vols: [['default-token-j2gq8', 'secret']] },
  ];
  let u = at(16, 56, 11, 702_335);
  for (const p of pods) {
    p.uid = uidAt(at(16, 49, 30) + randInt(0, 300) * S);
    for (const [vol, plugin] of p.vols) {
      k((u += randInt(300, 2500)), 'I', 'reconciler.go:212',
        `operationExecutor.VerifyControllerAttachedVolume started for volume "${vol}" (UniqueName: "kubernetes.io/${plugin}/${p.uid}-${vol}") pod "${p.name}" (UID: "${p.uid}")`);
    }
  }
  u += randInt(90_000, 140_000);
  for (const p of pods) {
    for (const [vol, plugin] of p.vols) {
      k((u += randInt(2000, 30_000)), 'I', 'operation_generator.go:597',
        `MountVolume.SetUp succeeded for volume "${vol}" (UniqueName: "kubernetes.io/${plugin}/${p.uid}-${vol}") pod "${p.name}" (UID: "${p.uid}")`);
    }
  }
  // The portal sandbox races weave's IPAM once, then succeeds on the next sync (no log at --v=0).
  const portal = pods[2];
  const sandbox = hex(64);
  const cause = `unable to allocate IP address: Post http://127.0.0.1:6784/ip/${sandbox}: dial tcp 127.0.0.1:6784: getsockopt: connection refused`;
  const runErr = `rpc error: code = 2 desc = NetworkPlugin cni failed to set up pod "${portal.name}_${portal.ns}" network: ${cause}`;
  const podStr = `${portal.name}_${portal.ns}(${portal.uid})`;
  u = at(16, 56, 13, 118_402);
  k(u, 'E', 'cni.go:294', `Error adding network: ${cause}`);
  k((u += randInt(80, 300)), 'E', 'cni.go:250', `Error while adding to cni network: ${cause}`);
  k((u += randInt(90_000, 200_000)), 'E', 'remote_runtime.go:91', `RunPodSandbox from runtime service failed: ${runErr}`);
  k((u += randInt(100, 400)), 'E', 'kuberuntime_sandbox.go:54', `CreatePodSandbox for pod "${podStr}" failed: ${runErr}`);
  k((u += randInt(100, 400)), 'E', 'kuberuntime_manager.go:619', `createPodSandbox for pod "${podStr}" failed: ${runErr}`);
  k((u += randInt(100, 400)), 'E', 'pod_workers.go:182',
    `Error syncing pod ${portal.uid} ("${podStr}"), skipping: failed to "CreatePodSandbox" for "${podStr}" with CreatePodSandboxError: "CreatePodSandbox for pod \\"${podStr}\\" failed: ${runErr.replaceAll('"', '\\"')}"`);
  k(at(16, 56, 28, 447_120), 'W', 'docker_sandbox.go:342',
    `failed to read pod IP from plugin/docker: NetworkPlugin cni failed on the status hook for pod "${portal.name}_${portal.ns}": Unexpected command output nsenter: cannot open : No such file or directory\n with error: exit status 1`);
  cadvisorNoise(pid, at(16, 57, 0), at(17, 9, 30));
  k(at(17, 10, 0, 214_553), 'W', 'container.go:352',
    `Failed to get RecentStats("/system.slice/run-r${hex(32)}.scope") while determining the next housekeeping: unable to find data in memory cache`);
}

// ---------------------------------------------------------------------------
// render

entries.sort((a, b) => a.us - b.us);
for (let i = 1; i < entries.length; i++) {
  if (entries[i].us <= entries[i - 1].us) entries[i].us = entries[i - 1].us + 1;
}

const MONTH = '10月';
function render(e) {
  const prefix = `${MONTH} 16 ${clock(e.us)} ${NODE}`;
  if (e.kind === 'systemd') return `${prefix} systemd[1]: ${e.msg}`;
  const header = `${e.sev}1016 ${clock(e.us)}.${micros(e.us)} ${String(e.pid).padStart(7)} ${e.src}] `;
  // A message with an embedded newline becomes a second, header-less journal entry.
  return e.msg
    .split('\n')
    .map((part, i) => `${prefix} kubelet[${e.pid}]: ${i === 0 ? header : ''}${part}`)
    .join('\n');
}

const lines = ['-- Logs begin at 六 2017-10-07 08:12:03 CST, end at 一 2017-10-16 17:10:00 CST. --', ...entries.map(render)];
const text = lines.join('\n') + '\n';

// The seed's quoted lines must survive unchanged.
const all = new Set(text.split('\n'));
const missing = VERBATIM.filter((l) => !all.has(l));
if (missing.length) {
  process.stderr.write(`make-seed: verbatim lines missing:\n${missing.join('\n')}\n`);
  process.exitCode = 1;
}

process.stdout.write(text);

const physical = text.split('\n').length - 1;
const chatter = entries.filter((e) => e.tag === 'chatter').length;
const fmt = (m) => [...m].map(([pid, n]) => `${pid}=${n}`).join(' ');
process.stderr.write(
  `make-seed: ${physical} lines, ${Buffer.byteLength(text)} bytes; ` +
    `eviction loops per pid: ${fmt(counts.loops)}; rejections per pid: ${fmt(counts.rejections)} ` +
    `(total ${[...counts.rejections.values()].reduce((a, b) => a + b, 0)}); ` +
    `chatter ${chatter} (${((100 * chatter) / physical).toFixed(1)}%), start-up ${entries.filter((e) => e.tag === 'startup').length}, systemd ${entries.filter((e) => e.tag === 'systemd').length}\n`,
);
