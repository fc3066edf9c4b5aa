#!/usr/bin/env node
// The seed story's worst hour, for days: the eviction manager's 10 s control loop (attempting to
// reclaim nodefs, must evict, thresholds met but no pods are active to evict) and nothing else,
// as `journalctl -o short` prints it. Every line is an event: the case the bench journal (2 %
// eviction-related) does not show, for the full path, the order stage's repeats and memory.
//
//   node scripts/bench/loops.mjs [days=30] > loops.log
//   klog-eviction --year 2017 -o json loops.log
const days = Number(process.argv[2] ?? 30);
const M = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p = (n) => String(n).padStart(2, '0');
const LOOP = [
  ['W', '056703', 331, 'eviction manager: attempting to reclaim nodefs'],
  ['I', '057322', 345, 'eviction manager: must evict pod(s) to reclaim nodefs'],
  ['E', '058307', 356, 'eviction manager: eviction thresholds have been met, but no pods are active to evict'],
];
let buf = '';
for (let t = Date.UTC(2017, 9, 1), end = t + days * 86_400_000; t < end; t += 10_000) {
  const d = new Date(t);
  const clock = `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  const stamp = `${M[d.getUTCMonth()]} ${p(d.getUTCDate())} ${clock}`;
  const mmdd = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}`;
  for (const [sev, us, line, text] of LOOP)
    buf += `${stamp} ubuntu-k8s-3 kubelet[17144]: ${sev}${mmdd} ${clock}.${us}   17144 eviction_manager.go:${line}] ${text}\n`;
  if (buf.length > 1 << 20) {
    process.stdout.write(buf);
    buf = '';
  }
}
process.stdout.write(buf);
