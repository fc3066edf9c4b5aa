#!/usr/bin/env node
// A kubelet journal for one node as a Journal Export Format stream, for
// benchmarks: a DiskPressure loop every 10 s (reclaim, must evict, no pods to
// evict), an admission rejection every ~20 s, and ~70 % other kubelet lines.
// Deterministic (no clock, seeded PRNG).
//
//   node scripts/bench/make-node-export.mjs HOST ENTRIES [START_ISO] | \
//     /lib/systemd/systemd-journal-remote -o DIR/HOST.journal -
const [host = 'node1', entriesArg = '100000', startIso = '2026-03-01T00:00:00Z'] = process.argv.slice(2);
const N = Number(entriesArg);
let seed = [...host].reduce((a, c) => a * 31 + c.charCodeAt(0), 7) >>> 0;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pid = 1000 + Math.floor(rnd() * 30000);
const boot = 'b'.repeat(32 - host.length) + Buffer.from(host).toString('hex').slice(0, host.length);
let us = BigInt(Date.parse(startIso)) * 1000n;
const bootUs = us - 3_600_000_000n;
const pad = (n, w = 2) => String(n).padStart(w, '0');
function klog(sev, file, msg) {
  const d = new Date(Number(us / 1000n));
  const frac = pad(Number(us % 1_000_000n), 6);
  return `${sev}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${frac} ${String(pid).padStart(7)} ${file}] ${msg}`;
}
const noise = [
  () =>
    klog(
      'W',
      'status_manager.go:431',
      `Failed to get status for pod "portal-${Math.floor(rnd() * 1e9).toString(36)}_default": pods not found`,
    ),
  () =>
    klog(
      'I',
      'kubelet.go:2350',
      `"SyncLoop (PLEG): event for pod" pod="default/web-${Math.floor(rnd() * 1e6).toString(36)}" event={"ID":"${Math.floor(rnd() * 1e12).toString(16)}","Type":"ContainerStarted"}`,
    ),
  () =>
    klog('E', 'container.go:352', `Error getting container stats: unknown container "/docker/${Math.floor(rnd() * 1e15).toString(16)}"`),
];
const out = process.stdout;
let buf = '';
function entry(message) {
  buf += `__REALTIME_TIMESTAMP=${us}\n__MONOTONIC_TIMESTAMP=${us - bootUs}\n_BOOT_ID=${boot}\n_HOSTNAME=${host}\n_TRANSPORT=stdout\nPRIORITY=6\nSYSLOG_IDENTIFIER=kubelet\n_PID=${pid}\n_COMM=kubelet\n_SYSTEMD_UNIT=kubelet.service\nMESSAGE=${message}\n\n`;
  if (buf.length > 1 << 20) {
    out.write(buf);
    buf = '';
  }
}
let n = 0;
let nextLoop = us;
let nextReject = us + 7_000_000n;
while (n < N) {
  if (us >= nextLoop) {
    entry(klog('W', 'eviction_manager.go:331', 'eviction manager: attempting to reclaim nodefs'));
    entry(klog('I', 'eviction_manager.go:345', 'eviction manager: must evict pod(s) to reclaim nodefs'));
    entry(klog('E', 'eviction_manager.go:356', 'eviction manager: eviction thresholds have been met, but no pods are active to evict'));
    n += 3;
    nextLoop += 10_000_000n;
  } else if (us >= nextReject) {
    const pod = `weave-net-${Math.floor(rnd() * 36 ** 5)
      .toString(36)
      .padStart(5, '0')}`;
    entry(
      klog(
        'W',
        'eviction_manager.go:142',
        `Failed to admit pod ${pod}_kube-system(e5a5d474-b214-11e7-a98b-0650cc001a5b) - node has conditions: [DiskPressure]`,
      ),
    );
    n++;
    nextReject += BigInt(15_000_000 + Math.floor(rnd() * 10_000_000));
  } else {
    entry(noise[Math.floor(rnd() * noise.length)]());
    n++;
  }
  us += BigInt(200_000 + Math.floor(rnd() * 600_000));
}
out.write(buf);
