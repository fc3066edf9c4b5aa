#!/usr/bin/env node
// The benchmark's journal (issue #15): a deterministic model of what journald holds for a few
// Kubernetes nodes, as entries (host, identifier, PID, realtime and monotonic stamps, the
// fields journald records, the message), and writers for the shapes that are not journalctl's
// own: a bare kubelet.log (the kubelet's own file) and a syslog file (`/var/log/messages`).
// scripts/bench/shapes.mjs turns the entries into a real journal (systemd-journal-remote) and
// renders it with the real journalctl.
//
// The entries, merged by time as a journal of several hosts is:
//   worker-1  printf era (klog Infof, v1.18): `I0302 09:50:55.056703    2716 file.go:123] text`, dockerd
//   worker-2  structured S21 (v1.24): `"msg" key=value`, non-Stringers printed with %+v, containerd
//   worker-3  structured S28 (v1.29): `"msg" key=value`, non-Stringers printed as JSON, cri-o
// or, with `hosts: 1` (what the bench measures: one node's journal, as `journalctl -u kubelet`
// on a node gives it), one host `node-a` whose kubelet is upgraded through the three eras, with
// its container runtime (dockerd, then containerd, then cri-o). About 98 % is ordinary chatter: the kubelet's everyday lines (PLEG,
// SyncLoop in all its variants, volume manager and nestedpendingoperations, status manager,
// kuberuntime, prober, cadvisor and its stats provider, reflector watches ending with `too old
// resource version`, DNS nameserver limits, certificate manager, node status and lease
// updates, pull secrets, CPU and memory manager state, TLS handshake errors) in the wordings
// of the kubelet's source and of real journals (samples/real/, public pastes), and the
// container runtime's own lines (dockerd, containerd, cri-o). None of it is taken from the
// prefilter's or the rule table's lists (src/classify/). About 2 % is eviction-related, from
// docs/kubelet-messages.md, emitted as the eviction manager emits it: in 10 s control-loop
// iterations during pressure incidents separated by quiet periods. Every host's kubelet
// restarts now and then (systemd Stopping/Stopped/Started lines, a new PID, FLAG and Container
// Manager lines with HardEvictionThresholds in %+v or JSON form).
//
// Deterministic: no clock, no environment; all variation comes from mulberry32(seed), and the
// entries are a prefix-stable sequence (a longer journal starts with a shorter one). ASCII only.
import { mulberry32 } from '../mulberry32.mjs';

/** Bump when the generated entries change, so cached journals and renderings are not reused. */
export const GENERATOR_VERSION = 2;

export const MiB = 1024 * 1024;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n) => (n < 10 ? '0' + n : '' + n);
const pad6 = (n) => String(n).padStart(6, '0');

const S = 1_000_000; // µs per second
const START_MS = Date.UTC(2025, 2, 2, 0, 0, 0); // Sun 2025-03-02 00:00:00 UTC
const START_US = START_MS * 1000;

/**
 * The journal's entries, in time order, without end. Each is
 * `{ us, mono, host, source: 'kubelet' | 'systemd' | 'runtime', ident, pid, message, eviction, start, fileOnly }`:
 * `us` the realtime stamp (µs since the epoch), `host` the host's fixed journal fields,
 * `start` the kubelet start it belongs to (invocation and stream ids), `fileOnly` for what
 * only a kubelet.log holds (klog's log file header).
 * @param {{ seed: number, hosts?: 1 | 3, stats?: { entries?: number, evictionLines?: number, restarts?: number, incidents?: number } }} opts
 */
export function* journalEntries({ seed, hosts: hostCount = 3, stats = {} }) {
  stats.entries = 0;
  stats.evictionLines = 0;
  stats.restarts = 0;
  stats.incidents = 0;
  let evictionLine = false; // set while the eviction manager's lines are written
  const rand = mulberry32(seed);
  const randInt = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const chance = (p) => rand() < p;
  const hexs = (n) => {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(rand() * 16)];
    return s;
  };
  const uuid = () => `${hexs(8)}-${hexs(4)}-4${hexs(3)}-${pick(['8', '9', 'a', 'b'])}${hexs(3)}-${hexs(12)}`;
  const SUFFIX = 'bcdfghjklmnpqrstvwxz2456789';
  const sfx = (n) => {
    let s = '';
    for (let i = 0; i < n; i++) s += SUFFIX[Math.floor(rand() * SUFFIX.length)];
    return s;
  };
  const expo = (mean) => -Math.log(1 - rand()) * mean;

  // -------------------------------------------------------------------------
  // time: one simulated clock (µs since START_MS) shared by the merged journal

  let now = 0;
  let stampSec = -1;
  let klogDate = '';
  let goDate = '';
  const stamp = () => {
    const sec = Math.floor(now / S);
    if (sec !== stampSec) {
      stampSec = sec;
      const d = new Date(START_MS + sec * 1000);
      const mon = d.getUTCMonth();
      const day = pad2(d.getUTCDate());
      const hms = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
      klogDate = `${pad2(mon + 1)}${day} ${hms}`;
      goDate = `${d.getUTCFullYear()}-${pad2(mon + 1)}-${day} ${hms}`;
    }
  };
  /** Go's time.Time String() of `now` plus `plusS` seconds: `2025-03-02 00:01:05.123456789 +0000 UTC` */
  const goTime = (plusS = 0) => {
    const t = START_MS + Math.floor(now / 1000) + Math.round(plusS * 1000);
    const d = new Date(t);
    return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.${String(randInt(0, 999999999)).padStart(9, '0')} +0000 UTC`;
  };
  /** RFC 3339 with nanoseconds, as logrus prints `time=` (containerd, dockerd) */
  const rfc3339 = () => {
    const d = new Date(START_MS + Math.floor(now / 1000));
    return `${d.toISOString().slice(0, 19)}.${pad6(now % S)}${String(randInt(0, 999)).padStart(3, '0')}Z`;
  };

  // -------------------------------------------------------------------------
  // pods

  const APPS = [
    ['default', 'nginx'],
    ['default', 'web-frontend'],
    ['shop', 'checkout'],
    ['shop', 'cart-service'],
    ['shop', 'search-indexer'],
    ['payments', 'payments-api'],
    ['payments', 'ledger-worker'],
    ['monitoring', 'prometheus-node-exporter'],
    ['monitoring', 'grafana'],
    ['logging', 'fluentd'],
    ['logging', 'logstash'],
    ['ingress-nginx', 'ingress-nginx-controller'],
    ['data', 'redis'],
    ['data', 'memcached'],
    ['batch', 'report-builder'],
    ['batch', 'image-resizer'],
    ['ci', 'build-runner'],
    ['default', 'memhog'],
    ['kube-system', 'coredns'],
    ['kube-system', 'metrics-server'],
  ];
  const DAEMONS = [
    ['kube-system', 'kube-proxy'],
    ['kube-system', 'calico-node'],
    ['kube-system', 'csi-node-driver'],
  ];
  const STATIC = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];
  const CONTAINERS = ['app', 'main', 'sidecar', 'istio-proxy', 'metrics', 'init-config', 'server', 'worker'];

  const newPod = (ns, app) => ({
    ns,
    name: `${app}-${hexs(randInt(8, 10))}-${sfx(5)}`,
    uid: uuid(),
    container: pick(CONTAINERS),
    ip: `10.244.${randInt(0, 3)}.${randInt(2, 254)}`,
  });

  // -------------------------------------------------------------------------
  // hosts

  const ERA = { printf: 0, s21: 1, s28: 2 };
  const VERSIONS = ['v1.18.20', 'v1.24.17', 'v1.29.4'];
  const RUNTIMES = [
    {
      ident: 'dockerd',
      comm: 'dockerd',
      exe: '/usr/bin/dockerd',
      cmdline: '/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock',
      unit: 'docker.service',
    },
    { ident: 'containerd', comm: 'containerd', exe: '/usr/bin/containerd', cmdline: '/usr/bin/containerd', unit: 'containerd.service' },
    { ident: 'crio', comm: 'crio', exe: '/usr/bin/crio', cmdline: '/usr/bin/crio', unit: 'crio.service' },
  ];
  const cmdlineOf = (runtime, ip) =>
    `/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///run/${runtime.ident === 'crio' ? 'crio/crio' : 'containerd/containerd'}.sock --node-ip=${ip}`;
  const mkHost = (name, era, firstPid, ip) => {
    const pods = [];
    for (let i = 0; i < 24; i++) {
      const [ns, app] = pick(APPS);
      pods.push(newPod(ns, app));
    }
    for (const [ns, app] of DAEMONS) pods.push({ ...newPod(ns, app), name: `${app}-${sfx(5)}` });
    const statics = STATIC.map((s) => ({ ns: 'kube-system', name: `${s}-${name}`, uid: hexs(32), container: s, ip: '' }));
    const runtime = RUNTIMES[era];
    return {
      name,
      era,
      version: VERSIONS[era],
      pid: firstPid,
      ip,
      pods,
      statics,
      nextChatter: 0,
      nextRestart: 0,
      nextIncident: Math.floor((1 + rand() * 8) * 60 * S), // early, so quick runs see pressure too
      incident: null,
      thresholds: 0, // index into THRESHOLD_SETS
      containerIds: Array.from({ length: 6 }, () => hexs(64)),
      runtime: { ...runtime, pid: randInt(400, 1200) },
      // what journald records about the host and the kubelet unit (the export and json shapes)
      journal: {
        hostname: name,
        machineId: hexs(32),
        bootId: hexs(32),
        bootUs: START_US - randInt(2, 40) * 3600 * S, // booted a while before the journal begins
        runtime: { ...runtime },
        cmdline: cmdlineOf(runtime, ip),
      },
      start: { invocationId: hexs(32), streamId: hexs(32) },
    };
  };
  const hosts =
    hostCount === 1
      ? [mkHost('node-a', ERA.printf, 3412, '10.0.0.21')]
      : [
          mkHost('worker-1', ERA.printf, 2716, '10.0.0.11'),
          mkHost('worker-2', ERA.s21, 1187, '10.0.0.12'),
          mkHost('worker-3', ERA.s28, 906, '10.0.0.13'),
        ];
  // a single node's kubelet is upgraded through the three eras (see restart)
  const upgrades = hostCount === 1;
  // started a moment after the journal begins, so each host's first lines are its start-up
  hosts.forEach((h, i) => (h.nextRestart = i * 3 * S));
  hosts.forEach((h) => (h.booted = false));

  // -------------------------------------------------------------------------
  // entries

  const pending = []; // entries made by the step being run, yielded after it
  const entry = (h, source, ident, pid, message, gap, fileOnly = false) => {
    pending.push({
      us: START_US + now,
      mono: START_US + now - h.journal.bootUs,
      host: h.journal,
      source,
      ident,
      pid,
      message,
      eviction: evictionLine,
      start: h.start,
      fileOnly,
    });
    now += gap;
  };
  const line = (h, sev, file, payload) => {
    stamp();
    const us = pad6(now % S);
    // the next line is written a little later
    entry(h, 'kubelet', 'kubelet', h.pid, `${sev}${klogDate}.${us} ${String(h.pid).padStart(7)} ${file}] ${payload}`, randInt(3, 400));
  };
  const sysd = (h, text) => entry(h, 'systemd', 'systemd', 1, text, randInt(50, 2000));
  const rt = (h, text) => entry(h, 'runtime', h.runtime.ident, h.runtime.pid, text, randInt(3, 300));

  // value renderings per era (docs/kubelet-messages.md 2.4)
  const q = (s) => JSON.stringify(s); // Go strconv.Quote agrees with JSON for ASCII
  const pref = (p) => `${p.ns}/${p.name}`;
  const fmtPod = (p) => `${p.name}_${p.ns}(${p.uid})`;
  const kobjs = (h, ps) => (h.era === ERA.s28 ? `[${ps.map((p) => q(pref(p))).join(',')}]` : `[${ps.map(pref).join(' ')}]`);
  const named = (h, s) => (h.era === ERA.s28 ? q(s) : s); // named string types w/o String()
  const conds = (h, cs) => (h.era === ERA.s28 ? `[${cs.map(q).join(',')}]` : `[${cs.join(' ')}]`);

  // -------------------------------------------------------------------------
  // chatter: ordinary kubelet lines, 80-400 bytes

  const PLEG_TYPES = ['ContainerStarted', 'ContainerDied', 'ContainerRemoved', 'ContainerChanged'];
  const VOLUMES = ['kube-api-access-', 'default-token-', 'config-volume', 'data', 'tls-certs', 'tmp'];
  const volName = () => {
    const v = pick(VOLUMES);
    return v.endsWith('-') ? v + sfx(5) : v;
  };
  const volPlugin = (v) =>
    v.startsWith('kube-api')
      ? 'kubernetes.io/projected'
      : v.startsWith('default-token') || v === 'tls-certs'
        ? 'kubernetes.io/secret'
        : v === 'config-volume'
          ? 'kubernetes.io/configmap'
          : 'kubernetes.io/empty-dir';
  const STAT_CGROUPS = ['/system.slice/docker.service', '/system.slice/kubelet.service', '/system.slice/containerd.service'];
  const PROBE_ERRS = [
    (p) => `Get http://${p.ip}:8080/healthz: dial tcp ${p.ip}:8080: connect: connection refused`,
    (p) => `Get http://${p.ip}:9090/ready: net/http: request canceled (Client.Timeout exceeded while awaiting headers)`,
    () => 'HTTP probe failed with statuscode: 503',
  ];

  const printfChatter = [
    [
      14,
      (h, p) =>
        line(
          h,
          'I',
          'kubelet.go:1918',
          `SyncLoop (PLEG): "${fmtPod(p)}", event: &pleg.PodLifecycleEvent{ID:"${p.uid}", Type:"${pick(PLEG_TYPES)}", Data:"${pick(h.containerIds)}"}`,
        ),
    ],
    [8, (h, p) => line(h, 'I', 'kubelet.go:1885', `SyncLoop (UPDATE, "api"): "${fmtPod(p)}"`)],
    [3, (h) => line(h, 'I', 'kubelet.go:1938', `SyncLoop (housekeeping)`)],
    [
      5,
      (h, p) =>
        line(
          h,
          'I',
          'kubelet.go:1955',
          `SyncLoop (probe): ${pick(['readiness', 'liveness'])}, status: "${pick(['ready', 'unhealthy', ''])}", pod: "${fmtPod(p)}"`,
        ),
    ],
    [
      8,
      (h, p) => {
        const v = volName(p);
        line(
          h,
          'I',
          'reconciler.go:224',
          `operationExecutor.VerifyControllerAttachedVolume started for volume "${v}" (UniqueName: "${volPlugin(v)}/${p.uid}-${v}") pod "${p.name}" (UID: "${p.uid}")`,
        );
      },
    ],
    [
      8,
      (h, p) => {
        const v = volName(p);
        line(
          h,
          'I',
          'operation_generator.go:663',
          `MountVolume.SetUp succeeded for volume "${v}" (UniqueName: "${volPlugin(v)}/${p.uid}-${v}") pod "${p.name}" (UID: "${p.uid}")`,
        );
      },
    ],
    [
      3,
      (h, p) => {
        const v = volName(p);
        line(
          h,
          'I',
          'reconciler.go:196',
          `operationExecutor.UnmountVolume started for volume "${v}" (UniqueName: "${volPlugin(v)}/${p.uid}-${v}") pod "${p.uid}" (UID: "${p.uid}")`,
        );
      },
    ],
    [
      4,
      (h, p) => line(h, 'W', 'prober.go:117', `Readiness probe for "${fmtPod(p)}:${p.container}" failed (failure): ${pick(PROBE_ERRS)(p)}`),
    ],
    [
      1,
      (h, p) =>
        line(
          h,
          'E',
          'pod_workers.go:191',
          `Error syncing pod ${p.uid} ("${fmtPod(p)}"), skipping: failed to "StartContainer" for "${p.container}" with CrashLoopBackOff: "back-off ${pick(['10s', '40s', '2m40s', '5m0s'])} restarting failed container=${p.container} pod=${fmtPod(p)}"`,
        ),
    ],
    [4, (h, p) => line(h, 'I', 'kuberuntime_manager.go:841', `checking backoff for container "${p.container}" in pod "${fmtPod(p)}"`)],
    [
      2,
      (h) =>
        line(
          h,
          'I',
          'kuberuntime_container.go:600',
          `Killing container "docker://${pick(h.containerIds)}" with ${pick([30, 30, 10, 60])} second grace period`,
        ),
    ],
    [
      4,
      (h, p) =>
        line(
          h,
          'I',
          'status_manager.go:572',
          `Status for pod "${fmtPod(p)}" updated successfully: (${randInt(2, 9)}, {Phase:Running Conditions:[{Type:Ready Status:${pick(['True', 'False'])} LastProbeTime:0001-01-01 00:00:00 +0000 UTC Reason: Message:}] HostIP:10.0.0.${randInt(2, 40)} PodIP:${p.ip}})`,
        ),
    ],
    [
      4,
      (h) =>
        line(
          h,
          'E',
          'summary_sys_containers.go:47',
          `Failed to get system container stats for "${pick(STAT_CGROUPS)}": failed to get cgroup stats for "/system.slice/docker.service": failed to get container info for "/system.slice/docker.service": unknown container "/system.slice/docker.service"`,
        ),
    ],
    [
      3,
      (h, p) =>
        line(
          h,
          'I',
          'generic.go:155',
          `GenericPLEG: ${p.uid}/${pick(h.containerIds)}: ${pick(['non-existent -> running', 'running -> exited', 'exited -> non-existent'])}`,
        ),
    ],
    [
      2,
      (h) =>
        line(
          h,
          'E',
          'remote_runtime.go:295',
          `ContainerStatus "${pick(h.containerIds)}" from runtime service failed: rpc error: code = Unknown desc = Error: No such container: ${pick(h.containerIds)}`,
        ),
    ],
    [
      2,
      (h, p) =>
        line(
          h,
          'E',
          'kubelet_volumes.go:154',
          `orphaned pod "${p.uid}" found, but volume paths are still present on disk : There were a total of ${randInt(1, 9)} errors similar to this. Turn up verbosity to see them.`,
        ),
    ],
    [
      1,
      (h, p) =>
        line(
          h,
          'W',
          'manager.go:1131',
          `Failed to process watch event {EventType:0 Name:/kubepods/burstable/pod${p.uid}/${pick(h.containerIds)} WatchSource:0}: Error finding container ${pick(h.containerIds).slice(0, 12)}: Status 404 returned error &{%!s(*http.body=&{0xc0012a4b40 <nil> <nil> false false {0 0} false false false <nil>})}`,
        ),
    ],
    [
      3,
      (h) =>
        line(h, 'I', 'kubelet.go:1951', `SyncLoop (SYNC): ${randInt(1, 3)} pods; ${pick(['', 'kube-proxy-' + sfx(5) + '_kube-system'])}`),
    ],
    [3, (h) => line(h, 'W', 'housekeeping.go:74', `Housekeeping took longer than 1s: ${(1 + rand()).toFixed(3)}s`)],
    [2, (h) => line(h, 'I', 'kubelet_node_status.go:486', 'Setting node annotation to enable volume controller attach/detach')],
    [
      2,
      (h) =>
        line(
          h,
          'I',
          'kubelet.go:1840',
          `skipping pod synchronization - [PLEG is not healthy: pleg was last seen active ${randInt(3, 4)}m${randInt(0, 59)}.${randInt(100, 999)}s ago; threshold is 3m0s]`,
        ),
    ],
    [2, (h) => line(h, 'I', 'topology_manager.go:187', `[topologymanager] Topology Admit Handler`)],
    [1, (h, p) => line(h, 'I', 'kubelet_pods.go:1361', `Orphaned pod "${p.uid}" found, removing pod cgroups`)],
  ];
  const structChatter = [
    [
      14,
      (h, p) =>
        line(
          h,
          'I',
          'kubelet.go:2441',
          h.era === ERA.s28
            ? `"SyncLoop (PLEG): event for pod" pod="${pref(p)}" event={"ID":"${p.uid}","Type":"${pick(PLEG_TYPES)}","Data":"${pick(h.containerIds)}"}`
            : `"SyncLoop (PLEG): event for pod" pod="${pref(p)}" event=&{ID:${p.uid} Type:${pick(PLEG_TYPES)} Data:${pick(h.containerIds)}}`,
        ),
    ],
    [8, (h, p) => line(h, 'I', 'kubelet.go:2404', `"SyncLoop UPDATE" source="api" pods=${kobjs(h, [p])}`)],
    [3, (h) => line(h, 'I', 'kubelet.go:2427', `"SyncLoop (housekeeping)"`)],
    [
      5,
      (h, p) =>
        line(
          h,
          'I',
          'kubelet.go:2488',
          `"SyncLoop (probe)" probe="${pick(['readiness', 'liveness'])}" status="${pick(['ready', 'unhealthy', ''])}" pod="${pref(p)}"`,
        ),
    ],
    [
      3,
      (h, p) => {
        const v = volName(p);
        line(
          h,
          'I',
          'reconciler_common.go:258',
          `"operationExecutor.VerifyControllerAttachedVolume started for volume \\"${v}\\" (UniqueName: \\"${volPlugin(v)}/${p.uid}-${v}\\") pod \\"${p.name}\\" (UID: \\"${p.uid}\\") " pod="${pref(p)}"`,
        );
      },
    ],
    [
      4,
      (h, p) => {
        const v = volName(p);
        line(
          h,
          'I',
          'operation_generator.go:721',
          `"MountVolume.SetUp succeeded for volume \\"${v}\\" (UniqueName: \\"${volPlugin(v)}/${p.uid}-${v}\\") pod \\"${p.name}\\" (UID: \\"${p.uid}\\") " pod="${pref(p)}"`,
        );
      },
    ],
    [
      3,
      (h, p) => {
        const v = volName(p);
        line(
          h,
          'I',
          'reconciler_common.go:172',
          `"operationExecutor.UnmountVolume started for volume \\"${v}\\" (UniqueName: \\"${volPlugin(v)}/${p.uid}-${v}\\") pod \\"${p.uid}\\" (UID: \\"${p.uid}\\") "`,
        );
      },
    ],
    [
      4,
      (h, p) =>
        line(
          h,
          'I',
          'prober.go:107',
          `"Probe failed" probeType="${pick(['Readiness', 'Liveness'])}" pod="${pref(p)}" podUID=${h.era === ERA.s28 ? q(p.uid) : p.uid} containerName="${p.container}" probeResult="failure" output=${q(pick(PROBE_ERRS)(p))}`,
        ),
    ],
    [
      1,
      (h, p) =>
        line(
          h,
          'E',
          'pod_workers.go:1300',
          `"Error syncing pod, skipping" err=${q(`failed to "StartContainer" for "${p.container}" with CrashLoopBackOff: "back-off ${pick(['10s', '40s', '2m40s', '5m0s'])} restarting failed container=${p.container} pod=${p.name}_${p.ns}(${p.uid})"`)} pod="${pref(p)}" podUID=${h.era === ERA.s28 ? q(p.uid) : p.uid}`,
        ),
    ],
    [4, (h) => line(h, 'I', 'scope.go:117', `"RemoveContainer" containerID="${pick(h.containerIds)}"`)],
    [
      2,
      (h, p) =>
        line(
          h,
          'I',
          'kuberuntime_container.go:745',
          `"Killing container with a grace period" pod="${pref(p)}" podUID=${h.era === ERA.s28 ? q(p.uid) : p.uid} containerName="${p.container}" containerID="containerd://${pick(h.containerIds)}" gracePeriod=${pick([30, 30, 10, 60])}`,
        ),
    ],
    [
      4,
      (h, p) =>
        line(
          h,
          'I',
          'status_manager.go:874',
          `"Patch status for pod" pod="${pref(p)}" patch="{\\"metadata\\":{\\"uid\\":\\"${p.uid}\\"},\\"status\\":{\\"conditions\\":[{\\"lastProbeTime\\":null,\\"lastTransitionTime\\":\\"${goDate.replace(' ', 'T')}Z\\",\\"status\\":\\"${pick(['True', 'False'])}\\",\\"type\\":\\"Ready\\"}]}}"`,
        ),
    ],
    [
      4,
      (h) =>
        line(
          h,
          'E',
          'summary_sys_containers.go:48',
          `"Failed to get system container stats" err="failed to get cgroup stats for \\"${pick(STAT_CGROUPS)}\\": failed to get container info for \\"/system.slice/docker.service\\": unknown container \\"/system.slice/docker.service\\"" containerName="/system.slice/docker.service"`,
        ),
    ],
    [
      3,
      (h, p) =>
        line(
          h,
          'I',
          'generic.go:334',
          `"Generic (PLEG): container finished" podID=${h.era === ERA.s28 ? q(p.uid) : p.uid} containerID="${pick(h.containerIds)}" exitCode=${pick([0, 0, 1, 137, 143])}`,
        ),
    ],
    [
      2,
      (h) => {
        const c = pick(h.containerIds);
        line(
          h,
          'E',
          'remote_runtime.go:432',
          `"ContainerStatus from runtime service failed" err="rpc error: code = NotFound desc = an error occurred when try to find container \\"${c}\\": not found" containerID="${c}"`,
        );
      },
    ],
    [
      2,
      (h, p) =>
        line(
          h,
          'I',
          'kubelet_volumes.go:161',
          `"Cleaned up orphaned pod volumes dir" podUID=${h.era === ERA.s28 ? q(p.uid) : p.uid} path="/var/lib/kubelet/pods/${p.uid}/volumes"`,
        ),
    ],
    [
      2,
      (h, p) => {
        const v = volName(p);
        line(
          h,
          'I',
          'reconciler_common.go:300',
          `"Volume detached for volume \\"${v}\\" (UniqueName: \\"${volPlugin(v)}/${p.uid}-${v}\\") on node \\"${h.name}\\" DevicePath \\"\\""`,
        );
      },
    ],
    [
      2,
      (h, p) =>
        line(
          h,
          'I',
          'topology_manager.go:215',
          `"Topology Admit Handler" podUID=${h.era === ERA.s28 ? q(p.uid) : p.uid} podNamespace="${p.ns}" podName="${p.name}"`,
        ),
    ],
    [3, (h) => line(h, 'I', 'kubelet.go:2433', `"SyncLoop RECONCILE" source="api" pods=${kobjs(h, [pick(h.pods)])}`)],
    [
      3,
      (h) =>
        line(h, 'I', 'housekeeping.go:50', `"Housekeeping took longer than expected" expected="1s" actual="${(1 + rand()).toFixed(3)}s"`),
    ],
    [2, (h) => line(h, 'I', 'kubelet_node_status.go:493', '"Setting node annotation to enable volume controller attach/detach"')],
    [
      2,
      (h) =>
        line(
          h,
          'E',
          'kubelet.go:2359',
          `"Skipping pod synchronization" err="[PLEG is not healthy: pleg was last seen active ${randInt(3, 4)}m${randInt(0, 59)}.${randInt(100, 999)}s ago; threshold is 3m0s]"`,
        ),
    ],
    [
      1,
      (h) => line(h, 'I', 'pod_container_deletor.go:80', `"Container not found in pod's containers" containerID="${pick(h.containerIds)}"`),
    ],
  ];

  // More of the kubelet's everyday lines, in the wordings of its source and of real journals
  // (reflector, dns, nestedpendingoperations, certificate manager, cadvisor, node status and
  // lease, kuberuntime, status manager, pull secrets, the other SyncLoop sources).
  const CONFIGMAPS = [
    ['kube-system', 'kube-proxy'],
    ['kube-system', 'coredns'],
    ['kube-system', 'kube-root-ca.crt'],
    ['monitoring', 'prometheus-config'],
    ['shop', 'checkout-settings'],
    ['logging', 'fluentd-config'],
  ];
  const SECRETS = ['regcred', 'tls-certs', 'default-token-x7k2p', 'webhook-server-cert', 'db-credentials'];
  const WATCHED = ['*v1.ConfigMap', '*v1.Secret', '*v1.Service', '*v1.Node', '*v1.CSIDriver', '*v1.RuntimeClass'];
  const rv = () => randInt(1_000_000, 9_999_999);
  const nameservers = () => `10.0.0.2 10.0.0.3 ${pick(['10.0.0.4', '8.8.8.8', '1.1.1.1'])}`;
  const certDeadline = () =>
    `Certificate expiration is 2026-03-02 00:00:00 +0000 UTC, rotation deadline is ${goTime(randInt(200, 280) * 86400)}`;
  const certWait = () =>
    `Waiting ${randInt(4800, 6700)}h${randInt(0, 59)}m${randInt(0, 59)}.${randInt(100000000, 999999999)}s for next certificate rotation`;
  const cgroupOf = (h, p, c) =>
    h.era === ERA.printf
      ? `/kubepods/burstable/pod${p.uid}/${c}`
      : `/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${p.uid.replaceAll('-', '_')}.slice/${h.era === ERA.s28 ? 'crio' : 'cri-containerd'}-${c}.scope`;
  const retryUntil = () => `${goTime(randInt(1, 130))} m=+${(now / S + randInt(3600, 90000)).toFixed(9)}`;
  const backoff = () => pick(['500ms', '1s', '2s', '4s', '8s', '16s', '32s', '1m4s', '2m2s']);
  const uid = (h, p) => (h.era === ERA.s28 ? q(p.uid) : p.uid);

  const printfMore = [
    [
      6,
      (h) => {
        const [ns, cm] = pick(CONFIGMAPS);
        const a = rv();
        line(
          h,
          'W',
          'reflector.go:404',
          `object-"${ns}"/"${cm}": watch of *v1.ConfigMap ended with: too old resource version: ${a} (${a + randInt(1, 900)})`,
        );
      },
    ],
    [
      2,
      (h) => {
        const a = rv();
        line(
          h,
          'W',
          'reflector.go:404',
          `k8s.io/client-go/informers/factory.go:135: watch of ${pick(WATCHED)} ended with: too old resource version: ${a} (${a + randInt(1, 900)})`,
        );
      },
    ],
    [
      5,
      (h) =>
        line(
          h,
          'E',
          'dns.go:135',
          `Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: ${nameservers()}`,
        ),
    ],
    [
      3,
      (h, p) => {
        const s = pick(SECRETS);
        line(
          h,
          'E',
          'nestedpendingoperations.go:301',
          `Operation for "{volumeName:kubernetes.io/secret/${p.uid}-${s} podName:${p.uid} nodeName:}" failed. No retries permitted until ${retryUntil()} (durationBeforeRetry ${backoff()}). Error: "MountVolume.SetUp failed for volume \\"${s}\\" (UniqueName: \\"kubernetes.io/secret/${p.uid}-${s}\\") pod \\"${p.name}\\" (UID: \\"${p.uid}\\") : secret \\"${s}\\" not found"`,
        );
      },
    ],
    [
      1,
      (h, p) => {
        const s = pick(SECRETS);
        line(
          h,
          'E',
          'kubelet.go:1681',
          `Unable to attach or mount volumes for pod "${fmtPod(p)}": unmounted volumes=[${s}], unattached volumes=[${s} default-token-${sfx(5)}]: timed out waiting for the condition; skipping pod`,
        );
      },
    ],
    [1, (h) => line(h, 'I', 'certificate_manager.go:556', certDeadline())],
    [1, (h) => line(h, 'I', 'certificate_manager.go:288', certWait())],
    [
      2,
      (h, p) => {
        const c = pick(h.containerIds);
        line(
          h,
          'E',
          'manager.go:1123',
          `Failed to create existing container: ${cgroupOf(h, p, c)}: failed to identify the read-write layer ID for container "${c}". - open /var/lib/docker/image/overlay2/layerdb/mounts/${c}/mount-id: no such file or directory`,
        );
      },
    ],
    [
      2,
      (h, p) => {
        const c = pick(h.containerIds);
        line(
          h,
          'W',
          'container.go:526',
          `Failed to update stats for container "${cgroupOf(h, p, c)}": failed to parse memory.usage_in_bytes - read /sys/fs/cgroup/memory${cgroupOf(h, p, c)}/memory.usage_in_bytes: no such device, continuing to push stats`,
        );
      },
    ],
    [
      2,
      (h, p) =>
        line(
          h,
          'E',
          'cadvisor_stats_provider.go:400',
          `Partial failure issuing cadvisor.ContainerInfoV2: partial failures: ["${cgroupOf(h, p, pick(h.containerIds))}": RecentStats: unable to find data in memory cache]`,
        ),
    ],
    [
      1,
      (h) =>
        line(
          h,
          'E',
          'controller.go:178',
          `failed to update node lease, error: Operation cannot be fulfilled on leases.coordination.k8s.io "${h.name}": the object has been modified; please apply your changes to the latest version and try again`,
        ),
    ],
    [
      1,
      (h) =>
        line(
          h,
          'E',
          'kubelet_node_status.go:442',
          `Error updating node status, will retry: error getting node "${h.name}": Get "https://10.0.0.1:6443/api/v1/nodes/${h.name}?timeout=10s": context deadline exceeded`,
        ),
    ],
    [2, (h, p) => line(h, 'I', 'kuberuntime_manager.go:425', `No sandbox for pod "${fmtPod(p)}" can be found. Need to start a new one`)],
    [
      1,
      (h, p) =>
        line(
          h,
          'E',
          'pod_workers.go:191',
          `Error syncing pod ${p.uid} ("${fmtPod(p)}"), skipping: failed to "StartContainer" for "${p.container}" with ImagePullBackOff: "Back-off pulling image \\"registry.example.com/${p.ns}/${p.container}:1.4.${randInt(0, 9)}\\""`,
        ),
    ],
    [
      1,
      (h, p) =>
        line(
          h,
          'E',
          'kuberuntime_sandbox.go:70',
          `CreatePodSandbox for pod "${fmtPod(p)}" failed: rpc error: code = Unknown desc = failed to set up sandbox container "${pick(h.containerIds)}" network for pod "${p.name}": networkPlugin cni failed to set up pod "${p.name}_${p.ns}" network: error getting ClusterInformation: connection is unauthorized: Unauthorized`,
        ),
    ],
    [
      3,
      (h, p) =>
        line(
          h,
          'I',
          'status_manager.go:434',
          `Ignoring same status for pod "${fmtPod(p)}", status: {Phase:Running Conditions:[{Type:Initialized Status:True LastProbeTime:0001-01-01 00:00:00 +0000 UTC LastTransitionTime:${goDate} +0000 UTC Reason: Message:}] Message: Reason: HostIP:${h.ip} PodIP:${p.ip} QOSClass:Burstable}`,
        ),
    ],
    [1, (h, p) => line(h, 'W', 'status_manager.go:550', `Failed to get status for pod "${fmtPod(p)}": pods "${p.name}" not found`)],
    [2, (h, p) => line(h, 'I', 'kubelet.go:1878', `SyncLoop (ADD, "api"): "${fmtPod(p)}"`)],
    [1, (h, p) => line(h, 'I', 'kubelet.go:1894', `SyncLoop (DELETE, "api"): "${fmtPod(p)}"`)],
    [1, (h, p) => line(h, 'I', 'kubelet.go:1888', `SyncLoop (REMOVE, "api"): "${fmtPod(p)}"`)],
    [2, (h, p) => line(h, 'I', 'kubelet.go:1901', `SyncLoop (RECONCILE, "api"): "${fmtPod(p)}"`)],
    [1, (h, p) => line(h, 'I', 'kubelet.go:1961', `SyncLoop (container unhealthy): "${fmtPod(p)}"`)],
    [
      2,
      (h, p) =>
        line(
          h,
          'W',
          'kubelet_pods.go:863',
          `Unable to retrieve pull secret ${p.ns}/regcred for ${p.ns}/${p.name} due to secret "regcred" not found.  The image pull may not succeed.`,
        ),
    ],
    [
      2,
      (h, p) => {
        const s = pick(SECRETS);
        line(
          h,
          'I',
          'operation_generator.go:782',
          `UnmountVolume.TearDown succeeded for volume "kubernetes.io/secret/${p.uid}-${s}" (OuterVolumeSpecName: "${s}") pod "${p.uid}" (UID: "${p.uid}"). InnerVolumeSpecName "${s}". PluginName "kubernetes.io/secret", VolumeGidValue ""`,
        );
      },
    ],
    [
      2,
      (h, p) => {
        const s = pick(SECRETS);
        line(
          h,
          'I',
          'reconciler.go:319',
          `Volume detached for volume "${s}" (UniqueName: "kubernetes.io/secret/${p.uid}-${s}") on node "${h.name}" DevicePath ""`,
        );
      },
    ],
    [1, (h) => line(h, 'I', 'log.go:181', `http: TLS handshake error from 10.0.0.${randInt(2, 250)}:${randInt(30000, 60999)}: EOF`)],
    [2, (h) => line(h, 'W', 'pod_container_deletor.go:79', `Container "${pick(h.containerIds)}" not found in pod's containers`)],
  ];

  const structMore = [
    [
      5,
      (h) => {
        if (h.era === ERA.s28)
          line(
            h,
            'W',
            'reflector.go:462',
            `object-"${pick(CONFIGMAPS).join('"/"')}": watch of ${pick(WATCHED)} ended with: an error on the server ("unable to decode an event from the watch stream: http2: client connection lost") has prevented the request from succeeding`,
          );
        else {
          const [ns, cm] = pick(CONFIGMAPS);
          const a = rv();
          line(
            h,
            'W',
            'reflector.go:424',
            `object-"${ns}"/"${cm}": watch of *v1.ConfigMap ended with: too old resource version: ${a} (${a + randInt(1, 900)})`,
          );
        }
      },
    ],
    [
      1,
      (h) =>
        line(
          h,
          'E',
          h.era === ERA.s28 ? 'reflector.go:147' : 'reflector.go:138',
          `k8s.io/client-go/informers/factory.go:${h.era === ERA.s28 ? 159 : 134}: Failed to watch ${pick(WATCHED)}: failed to list ${pick(WATCHED)}: Get "https://10.0.0.1:6443/api/v1/services?limit=500&resourceVersion=0": dial tcp 10.0.0.1:6443: connect: connection refused`,
        ),
    ],
    [
      5,
      (h) =>
        line(
          h,
          'E',
          'dns.go:153',
          `"Nameserver limits exceeded" err="Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: ${nameservers()}"`,
        ),
    ],
    [
      3,
      (h, p) => {
        const s = pick(SECRETS);
        line(
          h,
          'E',
          'nestedpendingoperations.go:348',
          `Operation for "{volumeName:kubernetes.io/secret/${p.uid}-${s} podName:${p.uid} nodeName:}" failed. No retries permitted until ${retryUntil()} (durationBeforeRetry ${backoff()}). Error: MountVolume.SetUp failed for volume "${s}" (UniqueName: "kubernetes.io/secret/${p.uid}-${s}") pod "${p.name}" (UID: "${p.uid}") : secret "${s}" not found`,
        );
      },
    ],
    [
      1,
      (h, p) =>
        line(
          h,
          'E',
          'pod_workers.go:1300',
          `"Error syncing pod, skipping" err="unmounted volumes=[${pick(SECRETS)}], unattached volumes=[], failed to process volumes=[]: context deadline exceeded" pod="${pref(p)}" podUID=${uid(h, p)}`,
        ),
    ],
    [1, (h) => line(h, 'I', 'certificate_manager.go:356', `kubernetes.io/kube-apiserver-client-kubelet: ${certDeadline()}`)],
    [1, (h) => line(h, 'I', 'certificate_manager.go:356', `kubernetes.io/kubelet-serving: ${certWait()}`)],
    [
      2,
      (h, p) =>
        line(
          h,
          'E',
          'cadvisor_stats_provider.go:444',
          `"Partial failure issuing cadvisor.ContainerInfoV2" err="partial failures: [\\"${cgroupOf(h, p, pick(h.containerIds))}\\": RecentStats: unable to find data in memory cache]"`,
        ),
    ],
    [
      2,
      (h, p) => {
        const c = pick(h.containerIds);
        line(
          h,
          'W',
          'manager.go:1169',
          `Failed to process watch event {EventType:0 Name:${cgroupOf(h, p, c)} WatchSource:0}: task ${c} not found: not found`,
        );
      },
    ],
    [
      1,
      (h, p) =>
        line(
          h,
          'E',
          'cadvisor_stats_provider.go:501',
          `"Unable to fetch pod log stats" err="open /var/log/pods/${p.ns}_${p.name}_${p.uid}: no such file or directory" pod="${pref(p)}"`,
        ),
    ],
    [
      1,
      (h) =>
        line(
          h,
          'E',
          'controller.go:145',
          `"Failed to ensure lease exists, will retry" err="Get \\"https://10.0.0.1:6443/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${h.name}?timeout=10s\\": context deadline exceeded" interval="7s"`,
        ),
    ],
    [
      1,
      (h) =>
        line(
          h,
          'E',
          'kubelet_node_status.go:540',
          `"Error updating node status, will retry" err="error getting node \\"${h.name}\\": Get \\"https://10.0.0.1:6443/api/v1/nodes/${h.name}?resourceVersion=0&timeout=10s\\": net/http: request canceled (Client.Timeout exceeded while awaiting headers)"`,
        ),
    ],
    [2, (h, p) => line(h, 'I', 'util.go:30', `"No sandbox for pod can be found. Need to start a new one" pod="${pref(p)}"`)],
    [
      1,
      (h, p) =>
        line(
          h,
          'E',
          'kuberuntime_manager.go:1166',
          `"CreatePodSandbox for pod failed" err="rpc error: code = Unknown desc = failed to setup network for sandbox \\"${pick(h.containerIds)}\\": plugin type=\\"calico\\" failed (add): error getting ClusterInformation: connection is unauthorized: Unauthorized" pod="${pref(p)}"`,
        ),
    ],
    [
      1,
      (h, p) =>
        line(
          h,
          'I',
          'status_manager.go:853',
          `"Failed to update status for pod" pod="${pref(p)}" err="failed to patch status \\"{\\\\\\"metadata\\\\\\":{\\\\\\"uid\\\\\\":\\\\\\"${p.uid}\\\\\\"}}\\" for pod \\"${pref(p)}\\": pods \\"${p.name}\\" not found"`,
        ),
    ],
    [
      3,
      (h) =>
        line(
          h,
          'I',
          'kubelet_getters.go:187',
          `"Pod status updated" pod="kube-system/${pick(h.statics).name}" status=${named(h, 'Running')}`,
        ),
    ],
    [
      2,
      (h, p) => {
        if (h.era === ERA.s28)
          line(
            h,
            'I',
            'pod_startup_latency_tracker.go:102',
            `"Observed pod startup duration" pod="${pref(p)}" podStartSLOduration=${(1 + rand() * 9).toFixed(9)} podStartE2EDuration="${(1 + rand() * 9).toFixed(9)}s" podCreationTimestamp="${goDate} +0000 UTC" firstStartedPulling="0001-01-01 00:00:00 +0000 UTC" lastFinishedPulling="0001-01-01 00:00:00 +0000 UTC" observedRunningTime="${goTime()} m=+${(now / S).toFixed(9)}" watchObservedRunningTime="${goTime()} m=+${(now / S).toFixed(9)}"`,
          );
        else
          line(
            h,
            'I',
            'kubelet.go:2120',
            `"SyncLoop (PLEG): event for pod" pod="${pref(p)}" event=&{ID:${p.uid} Type:ContainerStarted Data:${pick(h.containerIds)}}`,
          );
      },
    ],
    [
      2,
      (h, p) =>
        line(
          h,
          'I',
          'kubelet_pods.go:906',
          `"Unable to retrieve pull secret, the image pull may not succeed." pod="${pref(p)}" secret="" err="secret \\"regcred\\" not found"`,
        ),
    ],
    [2, (h, p) => line(h, 'I', 'kubelet.go:2394', `"SyncLoop ADD" source="api" pods=${kobjs(h, [p])}`)],
    [1, (h, p) => line(h, 'I', 'kubelet.go:2410', `"SyncLoop DELETE" source="api" pods=${kobjs(h, [p])}`)],
    [1, (h, p) => line(h, 'I', 'kubelet.go:2404', `"SyncLoop REMOVE" source="api" pods=${kobjs(h, [p])}`)],
    [
      2,
      (h, p) => {
        const s = pick(SECRETS);
        line(
          h,
          'I',
          'operation_generator.go:888',
          `UnmountVolume.TearDown succeeded for volume "kubernetes.io/secret/${p.uid}-${s}" (OuterVolumeSpecName: "${s}") pod "${p.uid}" (UID: "${p.uid}"). InnerVolumeSpecName "${s}". PluginName "kubernetes.io/secret", VolumeGidValue ""`,
        );
      },
    ],
    [
      2,
      (h) => {
        const c = pick(h.containerIds);
        line(
          h,
          'I',
          'pod_container_deletor.go:53',
          `"DeleteContainer returned error" containerID=${h.era === ERA.s28 ? `{"Type":"cri-o","ID":"${c}"}` : `&{Type:containerd ID:${c}}`} err="failed to get container status \\"${c}\\": rpc error: code = NotFound desc = an error occurred when try to find container \\"${c}\\": not found"`,
        );
      },
    ],
    [
      1,
      (h, p) =>
        line(
          h,
          'E',
          'prober.go:104',
          `"Probe errored" err="rpc error: code = NotFound desc = failed to exec in container: failed to load task: no running task found: task ${pick(h.containerIds)} not found: not found" probeType="Readiness" pod="${pref(p)}" podUID=${uid(h, p)} containerName="${p.container}"`,
        ),
    ],
    [
      1,
      (h) =>
        line(
          h,
          'E',
          'remote_runtime.go:496',
          `"ExecSync cmd from runtime service failed" err="rpc error: code = NotFound desc = failed to exec in container: failed to load task: no running task found: task ${pick(h.containerIds)} not found: not found" containerID="${pick(h.containerIds)}" cmd=${h.era === ERA.s28 ? '["/bin/sh","-c","pg_isready -U postgres"]' : '[/bin/sh -c pg_isready -U postgres]'}`,
        ),
    ],
    [1, (h) => line(h, 'I', 'log.go:245', `http: TLS handshake error from 10.0.0.${randInt(2, 250)}:${randInt(30000, 60999)}: EOF`)],
    [
      1,
      (h, p) =>
        line(h, 'I', 'cpu_manager.go:395', `"RemoveStaleState: removing container" podUID=${q(p.uid)} containerName=${q(p.container)}`),
    ],
    [1, (h, p) => line(h, 'I', 'state_mem.go:107', `"Deleted CPUSet assignment" podUID=${q(p.uid)} containerName=${q(p.container)}`)],
    [
      1,
      (h, p) =>
        line(h, 'I', 'memory_manager.go:354', `"RemoveStaleState removing state" podUID=${q(p.uid)} containerName=${q(p.container)}`),
    ],
  ];

  // the container runtime's own lines (its own identifier: `journalctl -u kubelet -u containerd`)
  const dockerd = [
    [
      3,
      (h) =>
        rt(
          h,
          `time="${rfc3339()}" level=info msg="ignoring event" container=${pick(h.containerIds)} module=libcontainerd namespace=moby topic=/tasks/delete type="*events.TaskDelete"`,
        ),
    ],
    [
      1,
      (h) =>
        rt(
          h,
          `time="${rfc3339()}" level=info msg="Container failed to exit within 30s of signal 15 - using the force" container=${pick(h.containerIds)}`,
        ),
    ],
    [1, (h) => rt(h, `time="${rfc3339()}" level=warning msg="Published ports are discarded when using host network mode"`)],
  ];
  const containerd = [
    [
      2,
      (h) => {
        const c = pick(h.containerIds);
        rt(h, `time="${rfc3339()}" level=info msg="StartContainer for \\"${c}\\" returns successfully"`);
      },
    ],
    [1, (h) => rt(h, `time="${rfc3339()}" level=info msg="RemoveContainer for \\"${pick(h.containerIds)}\\" returns successfully"`)],
    [1, (h) => rt(h, `time="${rfc3339()}" level=info msg="shim disconnected" id=${pick(h.containerIds)} namespace=k8s.io`)],
    [
      1,
      (h) =>
        rt(h, `time="${rfc3339()}" level=warning msg="cleaning up after shim disconnected" id=${pick(h.containerIds)} namespace=k8s.io`),
    ],
    [
      1,
      (h, p) =>
        rt(
          h,
          `time="${rfc3339()}" level=info msg="CreateContainer within sandbox \\"${pick(h.containerIds)}\\" for container &ContainerMetadata{Name:${p.container},Attempt:${randInt(0, 9)},}"`,
        ),
    ],
    [
      1,
      (h) =>
        rt(
          h,
          `time="${rfc3339()}" level=error msg="ContainerStatus for \\"${pick(h.containerIds)}\\" failed" error="rpc error: code = NotFound desc = an error occurred when try to find container \\"${pick(h.containerIds)}\\": not found"`,
        ),
    ],
    [
      1,
      (h) =>
        rt(
          h,
          `time="${rfc3339()}" level=info msg="ImageCreate event name:\\"sha256:${hexs(64)}\\" labels:{key:\\"io.cri-containerd.image\\" value:\\"managed\\"}"`,
        ),
    ],
  ];
  const crio = [
    [
      2,
      (h) =>
        rt(
          h,
          `time="${goDate}.${pad6(now % S)}${randInt(100, 999)}Z" level=info msg="Checking image status: registry.k8s.io/pause:3.9" id=${uuid()} name=/runtime.v1.ImageService/ImageStatus`,
        ),
    ],
    [
      1,
      (h, p) =>
        rt(
          h,
          `time="${goDate}.${pad6(now % S)}${randInt(100, 999)}Z" level=info msg="Removed container ${pick(h.containerIds)}: ${p.ns}/${p.name}/${p.container}" id=${uuid()} name=/runtime.v1.RuntimeService/RemoveContainer`,
        ),
    ],
    [
      1,
      (h, p) =>
        rt(
          h,
          `time="${goDate}.${pad6(now % S)}${randInt(100, 999)}Z" level=info msg="Stopped container ${pick(h.containerIds)}: ${p.ns}/${p.name}/${p.container}" id=${uuid()} name=/runtime.v1.RuntimeService/StopContainer`,
        ),
    ],
    [
      1,
      (h, p) =>
        rt(
          h,
          `time="${goDate}.${pad6(now % S)}${randInt(100, 999)}Z" level=info msg="Got pod network &{Name:${p.name} Namespace:${p.ns} ID:${pick(h.containerIds)} UID:${p.uid} NetNS:/var/run/netns/${uuid()} Networks:[] RuntimeConfig:map[kindnet:{IP: MAC: PortMappings:[] Bandwidth:<nil> IpRanges:[]}] Aliases:map[]}"`,
        ),
    ],
  ];
  // systemd's lines about the containers' scopes and mounts (not about the kubelet's unit)
  const scopes = [
    [
      1,
      (h) => sysd(h, `run-containerd-io.containerd.runtime.v2.task-k8s.io-${pick(h.containerIds)}-rootfs.mount: Deactivated successfully.`),
    ],
    [1, (h) => sysd(h, `Started libcontainer container ${pick(h.containerIds)}.`)],
  ];

  const weighted = (table) => {
    const out = [];
    for (const [w, f] of table) for (let i = 0; i < w; i++) out.push(f);
    return out;
  };
  // per era: the kubelet's lines (the first table's wordings and the second's, about half each)
  // and about a seventh the runtime's and systemd's
  const RUNTIME_LINES = [dockerd, containerd, crio];
  const CHATTER = [ERA.printf, ERA.s21, ERA.s28].map((era) =>
    weighted([
      ...(era === ERA.printf ? printfChatter : structChatter),
      ...(era === ERA.printf ? printfMore : structMore),
      ...RUNTIME_LINES[era].map(([w, f]) => [w * 3, f]),
      ...scopes,
    ]),
  );

  const chatter = (h) => {
    const p = pick(h.pods);
    if (chance(0.05)) h.containerIds[randInt(0, h.containerIds.length - 1)] = hexs(64);
    pick(CHATTER[h.era])(h, p);
  };
  // -------------------------------------------------------------------------
  // restarts: systemd lines, a new PID, start-up lines with the thresholds

  const THRESHOLD_SETS = [
    [
      ['memory.available', '100Mi'],
      ['nodefs.available', '10%'],
      ['nodefs.inodesFree', '5%'],
      ['imagefs.available', '15%'],
    ],
    [
      ['memory.available', '500Mi'],
      ['nodefs.available', '10%'],
      ['nodefs.inodesFree', '5%'],
      ['imagefs.available', '15%'],
    ],
    [
      ['memory.available', '500Mi'],
      ['nodefs.available', '15%'],
      ['nodefs.inodesFree', '5%'],
      ['imagefs.available', '20%'],
    ],
  ];
  const fraction = (pct) => String(Number(pct.slice(0, -1)) / 100);
  const shuffled = (xs) => {
    const a = xs.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  const hardPlusV = (set) =>
    `HardEvictionThresholds:[${shuffled(set)
      .map(
        ([s, v]) =>
          `{Signal:${s} Operator:LessThan Value:{Quantity:${v.endsWith('%') ? '<nil>' : v} Percentage:${v.endsWith('%') ? fraction(v) : 0}} GracePeriod:0s MinReclaim:<nil>}`,
      )
      .join(' ')}]`;
  const hardJson = (set) =>
    `"HardEvictionThresholds":[${shuffled(set)
      .map(
        ([s, v]) =>
          `{"Signal":"${s}","Operator":"LessThan","Value":{"Quantity":${v.endsWith('%') ? 'null' : `"${v}"`},"Percentage":${v.endsWith('%') ? fraction(v) : 0}},"GracePeriod":0,"MinReclaim":null}`,
      )
      .join(',')}]`;

  /** klog's header at the top of a log file it creates (`--log-file`): only in a kubelet.log, never in the journal */
  const logFileHeader = (h) => {
    const d = new Date(START_MS + Math.floor(now / 1000));
    const at = `${d.getUTCFullYear()}/${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())} ${d.toISOString().slice(11, 19)}`;
    for (const text of [
      `Log file created at: ${at}`,
      `Running on machine: ${h.name}`,
      'Binary: Built with gc go1.20.10 for linux/amd64',
      'Log line format: [IWEF]mmdd hh:mm:ss.uuuuuu threadid file:line] msg',
    ])
      entry(h, 'kubelet', 'kubelet', h.pid, text, 1, true);
  };

  const restart = (h) => {
    stats.restarts++;
    if (h.booted) {
      sysd(h, 'Stopping kubelet: The Kubernetes Node Agent...');
      sysd(h, 'kubelet.service: Succeeded.');
      sysd(h, 'Stopped kubelet: The Kubernetes Node Agent.');
      h.pid = randInt(300, 65000);
      if (chance(0.5)) h.thresholds = randInt(0, THRESHOLD_SETS.length - 1);
      h.incident = null;
      // the one kubelet is upgraded at its first restart after 8 h (v1.24) and after 16 h (v1.29)
      if (upgrades && h.era < ERA.s28 && now >= (h.era + 1) * 8 * 3600 * S) {
        h.version = VERSIONS[++h.era];
        h.runtime = { ...RUNTIMES[h.era], pid: randInt(400, 1200) };
        h.journal = { ...h.journal, runtime: { ...RUNTIMES[h.era] }, cmdline: cmdlineOf(RUNTIMES[h.era], h.ip) };
      }
      h.start = { invocationId: hexs(32), streamId: hexs(32) };
    }
    h.booted = true;
    sysd(h, 'Started kubelet: The Kubernetes Node Agent.');
    logFileHeader(h);
    if (h.era !== ERA.printf)
      entry(
        h,
        'kubelet',
        'kubelet',
        h.pid,
        "Flag --container-runtime has been deprecated, will be removed in 1.27 as the only valid value is 'remote'",
        randInt(3, 400),
      );
    const set = THRESHOLD_SETS[h.thresholds];
    const evictionHard = set
      .map(([s, v]) => `${s}<${v}`)
      .sort()
      .join(',');
    const flags = [
      ['--address', '0.0.0.0'],
      ['--cgroup-driver', 'systemd'],
      ['--container-runtime-endpoint', 'unix:///run/containerd/containerd.sock'],
      ['--enforce-node-allocatable', '[pods]'],
      ['--eviction-hard', evictionHard],
      ['--eviction-max-pod-grace-period', '0'],
      ['--eviction-minimum-reclaim', ''],
      ['--eviction-pressure-transition-period', '5m0s'],
      ['--eviction-soft', ''],
      ['--eviction-soft-grace-period', ''],
      ['--image-gc-high-threshold', '85'],
      ['--image-gc-low-threshold', '80'],
      ['--kubeconfig', '/etc/kubernetes/kubelet.conf'],
      ['--max-pods', '110'],
      ['--v', '3'],
    ];
    for (const [f, v] of flags) line(h, 'I', 'flags.go:64', `FLAG: ${f}=${q(v)}`);
    if (h.era === ERA.printf) {
      line(h, 'I', 'server.go:417', `Version: ${h.version}`);
      line(h, 'I', 'container_manager_linux.go:271', `container manager verified user specified cgroup-root exists: []`);
      line(
        h,
        'I',
        'container_manager_linux.go:276',
        `Creating Container Manager object based on Node Config: {RuntimeCgroupsName: SystemCgroupsName: KubeletCgroupsName: ContainerRuntime:remote CgroupsPerQOS:true CgroupRoot:/ CgroupDriver:systemd KubeletRootDir:/var/lib/kubelet ProtectKernelDefaults:false NodeAllocatableConfig:{KubeReservedCgroupName: SystemReservedCgroupName: ReservedSystemCPUs: EnforceNodeAllocatable:map[pods:{}] KubeReserved:map[] SystemReserved:map[] ${hardPlusV(set)}} QOSReserved:map[] ExperimentalCPUManagerPolicy:none ExperimentalTopologyManagerScope:container ExperimentalCPUManagerReconcilePeriod:10s ExperimentalPodPidsLimit:-1 EnforceCPULimits:true CPUCFSQuotaPeriod:100ms ExperimentalTopologyManagerPolicy:none}`,
      );
      line(h, 'I', 'kubelet.go:1822', 'Starting kubelet main sync loop.');
      line(h, 'I', 'kubelet_node_status.go:70', `Attempting to register node ${h.name}`);
      line(h, 'I', 'kubelet_node_status.go:111', `Node ${h.name} was previously registered`);
    } else {
      line(h, 'I', 'server.go:487', `"Kubelet version" kubeletVersion="${h.version}"`);
      line(h, 'I', 'server.go:489', `"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""`);
      line(h, 'I', 'container_manager_linux.go:265', `"Container manager verified user specified cgroup-root exists" cgroupRoot=[]`);
      line(
        h,
        'I',
        'container_manager_linux.go:270',
        h.era === ERA.s28
          ? `"Creating Container Manager object based on Node Config" nodeConfig={"NodeName":"${h.name}","RuntimeCgroupsName":"","SystemCgroupsName":"","KubeletCgroupsName":"","KubeletOOMScoreAdj":-999,"ContainerRuntime":"","CgroupsPerQOS":true,"CgroupRoot":"/","CgroupDriver":"systemd","KubeletRootDir":"/var/lib/kubelet","ProtectKernelDefaults":false,"KubeReservedCgroupName":"","SystemReservedCgroupName":"","ReservedSystemCPUs":{},"EnforceNodeAllocatable":{"pods":{}},"KubeReserved":null,"SystemReserved":null,${hardJson(set)},"QOSReserved":{},"CPUManagerPolicy":"none","CPUManagerPolicyOptions":null,"TopologyManagerScope":"container","CPUManagerReconcilePeriod":10000000000,"ExperimentalMemoryManagerPolicy":"None","ExperimentalMemoryManagerReservedMemory":null,"PodPidsLimit":-1,"EnforceCPULimits":true,"CPUCFSQuotaPeriod":100000000,"TopologyManagerPolicy":"none","TopologyManagerPolicyOptions":null}`
          : `"Creating Container Manager object based on Node Config" nodeConfig={RuntimeCgroupsName: SystemCgroupsName: KubeletCgroupsName: KubeletOOMScoreAdj:-999 ContainerRuntime: CgroupsPerQOS:true CgroupRoot:/ CgroupDriver:systemd KubeletRootDir:/var/lib/kubelet ProtectKernelDefaults:false NodeAllocatableConfig:{KubeReservedCgroupName: SystemReservedCgroupName: ReservedSystemCPUs: EnforceNodeAllocatable:map[pods:{}] KubeReserved:map[] SystemReserved:map[] ${hardPlusV(set)}} QOSReserved:map[] CPUManagerPolicy:none CPUManagerPolicyOptions:map[] TopologyManagerScope:container CPUManagerReconcilePeriod:10s ExperimentalMemoryManagerPolicy:None ExperimentalMemoryManagerReservedMemory:[] PodPidsLimit:-1 EnforceCPULimits:true CPUCFSQuotaPeriod:100ms TopologyManagerPolicy:none TopologyManagerPolicyOptions:map[]}`,
      );
      line(h, 'I', 'server.go:1256', '"Started kubelet"');
      line(h, 'I', 'kubelet.go:2329', '"Starting kubelet main sync loop"');
      line(h, 'I', 'kubelet_node_status.go:73', `"Attempting to register node" node="${h.name}"`);
      line(h, 'I', 'kubelet_node_status.go:112', `"Node was previously registered" node="${h.name}"`);
    }
  };

  // -------------------------------------------------------------------------
  // pressure incidents: the eviction manager's 10 s control loop (catalog 4.B-4.L)

  const DISK = {
    signal: 'nodefs.available',
    resource: 'ephemeral-storage',
    cond: 'DiskPressure',
    event: ['NodeHasDiskPressure', 'NodeHasNoDiskPressure'],
  };
  const MEM = {
    signal: 'memory.available',
    resource: 'memory',
    cond: 'MemoryPressure',
    event: ['NodeHasInsufficientMemory', 'NodeHasSufficientMemory'],
  };

  const evm = (h, sev, file, printf, msg, kv = '') => line(h, sev, file, h.era === ERA.printf ? printf : `"${msg}"${kv ? ' ' + kv : ''}`);

  const recording = (h, ev) =>
    evm(
      h,
      'I',
      'kubelet_node_status.go:497',
      `Recording ${ev} event message for node ${h.name}`,
      'Recording event message for node',
      `node="${h.name}" event="${ev}"`,
    );

  const observations = (h, inc) => {
    const cap = inc.kind === MEM ? '16300784Ki' : '102687672Ki';
    const avail = inc.kind === MEM ? `${randInt(40000, 99000)}Ki` : `${randInt(4000000, 9900000)}Ki`;
    const t = `${goDate}.${String(randInt(0, 999999999)).padStart(9, '0')} +0000 UTC m=+${(now / S).toFixed(6)}`;
    evm(
      h,
      'I',
      'helpers.go:838',
      `eviction manager: observations: signal=${inc.kind.signal}, available: ${avail}, capacity: ${cap}, time: ${t}`,
      'Eviction manager:',
      `log="observations" signal=${named(h, inc.kind.signal)} resourceName="${inc.kind.resource}" available="${avail}" capacity="${cap}" time="${t}"`,
    );
  };

  const admitReject = (h, inc) => {
    const [ns, app] = pick(APPS);
    const p = newPod(ns, app);
    if (h.era === ERA.printf)
      line(h, 'W', 'eviction_manager.go:159', `Failed to admit pod ${fmtPod(p)} - node has conditions: [${inc.kind.cond}]`);
    else
      line(h, 'I', 'eviction_manager.go:167', `"Failed to admit pod to node" pod="${pref(p)}" nodeCondition=${conds(h, [inc.kind.cond])}`);
  };

  const loop = (h, inc) => {
    if (inc.loops === 0) recording(h, inc.kind.event[0]);
    inc.loops++;
    observations(h, inc);
    if (chance(0.5)) observations(h, inc);
    evm(
      h,
      h.era === ERA.printf ? 'W' : 'I',
      'eviction_manager.go:349',
      `eviction manager: attempting to reclaim ${inc.kind.resource}`,
      'Eviction manager: attempting to reclaim',
      `resourceName="${inc.kind.resource}"`,
    );
    if (inc.kind === DISK) {
      evm(h, 'I', 'container_gc.go:85', 'attempting to delete unused containers', 'Attempting to delete unused containers');
      evm(h, 'I', 'image_gc_manager.go:317', 'attempting to delete unused images', 'Attempting to delete unused images');
      if (chance(0.3)) {
        const free = randInt(1_000_000_000, 9_000_000_000);
        evm(
          h,
          'I',
          'image_gc_manager.go:300',
          `[imageGCManager]: Disk usage on image filesystem is at ${randInt(86, 97)}% which is over the high threshold (85%). Trying to free ${free} bytes down to the low threshold (80%).`,
          'Disk usage on image filesystem is over the high threshold, trying to free bytes down to the low threshold',
          `usage=${randInt(86, 97)} highThreshold=85 amountToFree=${free} lowThreshold=80`,
        );
        evm(
          h,
          'E',
          'kubelet.go:1351',
          `Image garbage collection failed multiple times in a row: failed to garbage collect required amount of images. Wanted to free ${free} bytes, but freed 0 bytes`,
          'Image garbage collection failed multiple times in a row',
          `err="failed to garbage collect required amount of images. Attempted to free ${free} bytes, but only found 0 bytes eligible to free."`,
        );
      }
      if (inc.relief && inc.loops >= inc.length) {
        evm(
          h,
          'I',
          'eviction_manager.go:345',
          `eviction manager: able to reduce ${inc.kind.resource} pressure without evicting pods.`,
          'Eviction manager: able to reduce resource pressure without evicting pods.',
          `resourceName="${inc.kind.resource}"`,
        );
        return;
      }
    }
    evm(
      h,
      'I',
      'eviction_manager.go:362',
      `eviction manager: must evict pod(s) to reclaim ${inc.kind.resource}`,
      'Eviction manager: must evict pod(s) to reclaim',
      `resourceName="${inc.kind.resource}"`,
    );
    if (inc.style === 'none') {
      evm(
        h,
        'E',
        'eviction_manager.go:401',
        'eviction manager: eviction thresholds have been met, but no pods are active to evict',
        'Eviction manager: eviction thresholds have been met, but no pods are active to evict',
      );
      return;
    }
    const ranked = inc.style === 'critical' ? h.statics.slice() : shuffled(h.pods).slice(0, randInt(3, 12));
    evm(
      h,
      'I',
      'eviction_manager.go:380',
      `eviction manager: pods ranked for eviction: ${ranked.map(fmtPod).join(', ')}`,
      'Eviction manager: pods ranked for eviction',
      `pods=${kobjs(h, ranked)}`,
    );
    if (inc.style === 'critical') {
      for (const p of ranked)
        evm(
          h,
          'E',
          'eviction_manager.go:560',
          `eviction manager: cannot evict a critical pod ${fmtPod(p)}`,
          'Eviction manager: cannot evict a critical pod',
          `pod="${pref(p)}"`,
        );
      evm(
        h,
        'I',
        'eviction_manager.go:420',
        'eviction manager: unable to evict any pods from the node',
        'Eviction manager: unable to evict any pods from the node',
      );
      return;
    }
    const victim = ranked[0];
    if (h.era !== ERA.printf)
      line(
        h,
        'I',
        'eviction_manager.go:611',
        `"Evicting pod" pod="${pref(victim)}" podUID=${h.era === ERA.s28 ? q(victim.uid) : victim.uid} message="The node was low on resource: ${inc.kind.resource}. Container ${victim.container} was using ${randInt(100, 4000)}Mi, request is 0, has larger consumption of ${inc.kind.resource}. "`,
      );
    evm(
      h,
      'I',
      'eviction_manager.go:566',
      `eviction manager: pod ${fmtPod(victim)} is evicted successfully`,
      'Eviction manager: pod is evicted successfully',
      `pod="${pref(victim)}"`,
    );
    evm(
      h,
      'I',
      'eviction_manager.go:190',
      `eviction manager: pods ${fmtPod(victim)} evicted, waiting for pod to be cleaned up`,
      'Eviction manager: pods evicted, waiting for pod to be cleaned up',
      `pods=${kobjs(h, [victim])}`,
    );
    evm(
      h,
      'I',
      'eviction_manager.go:458',
      `eviction manager: pods ${fmtPod(victim)} successfully cleaned up`,
      'Eviction manager: pods successfully cleaned up',
      `pods=${kobjs(h, [victim])}`,
    );
    // the ReplicaSet recreates it under a new name
    const i = h.pods.indexOf(victim);
    if (i >= 0) h.pods[i] = { ...newPod(victim.ns, victim.name.replace(/-[0-9a-f]{8,10}-[a-z0-9]{5}$/, '')) };
  };

  const incidentStep = (h) => {
    let inc = h.incident;
    if (!inc) {
      const kind = chance(0.6) ? DISK : MEM;
      const r = rand();
      inc = h.incident = {
        kind,
        style: r < 0.7 ? 'evict' : r < 0.85 ? 'none' : 'critical',
        relief: kind === DISK && chance(0.3),
        length: randInt(4, 40),
        loops: 0,
        next: now,
      };
      stats.incidents++;
    }
    loop(h, inc);
    if (chance(0.25)) admitReject(h, inc);
    if (inc.loops >= inc.length) {
      recording(h, inc.kind.event[1]);
      h.incident = null;
      h.nextIncident = now + Math.floor((15 + rand() * 35) * 60 * S);
    } else {
      h.nextIncident = now + 10 * S + randInt(0, 200_000);
    }
  };

  // -------------------------------------------------------------------------

  // -------------------------------------------------------------------------
  // the merged journal: always advance the host whose next thing is earliest

  const CHATTER_MEAN_US = S / 5; // about 5 chatter lines a second per host
  for (;;) {
    let best = hosts[0];
    let bestAt = Infinity;
    let what = 0;
    for (const h of hosts) {
      if (h.nextRestart < bestAt) [best, bestAt, what] = [h, h.nextRestart, 2];
      if (!h.booted) continue;
      if (h.nextIncident < bestAt) [best, bestAt, what] = [h, h.nextIncident, 1];
      if (h.nextChatter < bestAt) [best, bestAt, what] = [h, h.nextChatter, 0];
    }
    if (bestAt > now) now = bestAt;
    const h = best;
    if (what === 2) {
      restart(h);
      // the first restart comes soon (a config change after provisioning), so that quick
      // runs see one too; then every 1-6 hours
      h.starts = (h.starts ?? 0) + 1;
      h.nextRestart = now + Math.floor(h.starts === 1 ? (10 + rand() * 15) * 60 * S : (1 + rand() * 5) * 3600 * S);
      h.nextChatter = now;
      if (h.nextIncident < now) h.nextIncident = now + Math.floor((5 + rand() * 20) * 60 * S);
    } else if (what === 1) {
      evictionLine = true;
      incidentStep(h);
      evictionLine = false;
    } else {
      chatter(h);
      h.nextChatter = now + Math.floor(expo(CHATTER_MEAN_US));
    }
    for (const e of pending) {
      stats.entries++;
      if (e.eviction) stats.evictionLines++;
      yield e;
    }
    pending.length = 0;
  }
}

// ---------------------------------------------------------------------------
// writers: the shapes that are not journalctl's own

/** `Mar 02 00:00:03` (journalctl `short`, zero-padded day) or `Mar  2 00:00:03` (syslog, space-padded), cached per second */
function stamper(padDay) {
  let sec = -1;
  let text = '';
  return (us) => {
    const s = Math.floor(us / 1e6);
    if (s !== sec) {
      sec = s;
      const d = new Date(s * 1000);
      const day = d.getUTCDate();
      text = `${MONTHS[d.getUTCMonth()]} ${padDay(day)} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
    }
    return text;
  };
}

/**
 * The kubelet's own log file (`--log-file`, or its standard error sent to /var/log/kubelet.log):
 * its klog lines and klog's log file header, nothing of systemd's or the runtime's.
 */
export function bareLine(e) {
  return e.source === 'kubelet' ? e.message + '\n' : '';
}

/**
 * rsyslog's traditional file format (`/var/log/messages`, `/var/log/syslog`): `Mar  2 00:00:03
 * worker-1 kubelet: ...`, the day padded with a space, the tag without the PID (as on EKS
 * nodes' /var/log/messages).
 */
export function syslogWriter() {
  const at = stamper((d) => (d < 10 ? ' ' + d : '' + d));
  return (e) => (e.fileOnly ? '' : `${at(e.us)} ${e.host.hostname} ${e.ident}: ${e.message}\n`);
}

/** `journalctl -o short` as this model would print it (the bench renders with the real journalctl; this is for tests that need no journal tools). */
export function shortWriter() {
  const at = stamper(pad2);
  return (e) => (e.fileOnly ? '' : `${at(e.us)} ${e.host.hostname} ${e.ident}[${e.pid}]: ${e.message}\n`);
}

/**
 * One entry as a record of the Journal Export Format (https://systemd.io/JOURNAL_EXPORT_FORMATS/),
 * with the fields journald records for a unit's standard output (the kubelet, the runtime) or
 * for systemd's own messages about a unit; systemd-journal-remote makes a journal of these.
 */
export function exportRecord(e) {
  if (e.fileOnly) return '';
  const h = e.host;
  const head = `__REALTIME_TIMESTAMP=${e.us}\n__MONOTONIC_TIMESTAMP=${e.mono}\n_BOOT_ID=${h.bootId}\n_MACHINE_ID=${h.machineId}\n_HOSTNAME=${h.hostname}\nPRIORITY=6\nSYSLOG_FACILITY=3\n`;
  if (e.source === 'systemd') {
    return `${head}SYSLOG_IDENTIFIER=systemd\n_PID=1\n_UID=0\n_GID=0\n_COMM=systemd\n_EXE=/usr/lib/systemd/systemd\n_CMDLINE=/sbin/init\n_CAP_EFFECTIVE=1ffffffffff\n_TRANSPORT=journal\n_SYSTEMD_CGROUP=/init.scope\n_SYSTEMD_UNIT=init.scope\n_SYSTEMD_SLICE=-.slice\nCODE_FILE=src/core/unit.c\nCODE_LINE=5870\nCODE_FUNC=unit_log_process_exit\nUNIT=kubelet.service\nINVOCATION_ID=${e.start.invocationId}\nMESSAGE=${e.message}\n\n`;
  }
  const kubelet = e.source === 'kubelet';
  const r = h.runtime;
  const unit = kubelet ? 'kubelet.service' : r.unit;
  return `${head}SYSLOG_IDENTIFIER=${e.ident}\n_PID=${e.pid}\n_UID=0\n_GID=0\n_COMM=${kubelet ? 'kubelet' : r.comm}\n_EXE=${kubelet ? '/usr/bin/kubelet' : r.exe}\n_CMDLINE=${kubelet ? h.cmdline : r.cmdline}\n_CAP_EFFECTIVE=1ffffffffff\n_SELINUX_CONTEXT=unconfined\n_SYSTEMD_CGROUP=/system.slice/${unit}\n_SYSTEMD_UNIT=${unit}\n_SYSTEMD_SLICE=system.slice\n_SYSTEMD_INVOCATION_ID=${kubelet ? e.start.invocationId : h.bootId}\n_TRANSPORT=stdout\n_STREAM_ID=${kubelet ? e.start.streamId : h.machineId}\nMESSAGE=${e.message}\n\n`;
}

/**
 * The entries written with `write` (a writer above), as strings of whole lines of about 1 MiB,
 * until `bytes` would be exceeded: the total is at most `bytes` and within one entry of it.
 */
export function* written({ seed, hosts = 3, bytes, write, stats = {} }) {
  let total = 0;
  let buf = '';
  for (const e of journalEntries({ seed, hosts, stats })) {
    const s = write(e);
    if (total + buf.length + s.length > bytes) break;
    buf += s;
    if (buf.length >= MiB) {
      total += buf.length;
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/** The three-host journal as `short` lines of this model's own writer (for tests without journal tools). */
export function journalChunks({ seed, bytes, stats = {} }) {
  return written({ seed, hosts: 3, bytes, write: shortWriter(), stats });
}
