#!/usr/bin/env node
// A kubelet that crash-loops: systemd starts it every 10 s, it logs its version and its fatal
// start-up error with a new PID each time, and systemd writes its exit — for days, as
// `journalctl -o short` prints it. Every start is an event and a new stretch of the journal's
// coverage: the case the bench journal (a restart a day) and the 10 s eviction loop (one PID,
// its events repeats) do not show, for the order stage's held stretches, the builder's starts
// and the reports' rows. Deterministic.
//
//   node scripts/bench/crashloop.mjs [days=9] > crashloop.log      (58 MB for 9 days)
//   klog-eviction --year 2017 crashloop.log
const days = Number(process.argv[2] ?? 9);
const M = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p = (n, w = 2) => String(n).padStart(w, '0');
let buf = '';
let pid = 1000;
for (let t = Date.UTC(2017, 9, 1), end = t + days * 86_400_000; t < end; t += 10_000) {
  const d = new Date(t);
  pid = pid >= 4_000_000 ? 1000 : pid + 37;
  const clock = `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  const stamp = `${M[d.getUTCMonth()]} ${p(d.getUTCDate())} ${clock}`;
  const mmdd = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}`;
  const k = `${stamp} node-1 kubelet[${pid}]:`;
  buf +=
    `${stamp} node-1 systemd[1]: Started kubelet: The Kubernetes Node Agent.\n` +
    `${k} I${mmdd} ${clock}.100000 ${p(pid, 7)} server.go:440] "Kubelet version" kubeletVersion="v1.25.4"\n` +
    `${k} I${mmdd} ${clock}.200000 ${p(pid, 7)} server.go:442] "Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""\n` +
    `${k} E${mmdd} ${clock}.300000 ${p(pid, 7)} run.go:74] "command failed" err="failed to load kubelet config file, error: failed to load Kubelet config file /var/lib/kubelet/config.yaml"\n` +
    `${stamp} node-1 systemd[1]: kubelet.service: Main process exited, code=exited, status=1/FAILURE\n` +
    `${stamp} node-1 systemd[1]: kubelet.service: Failed with result 'exit-code'.\n`;
  if (buf.length > 1 << 20) {
    process.stdout.write(buf);
    buf = '';
  }
}
process.stdout.write(buf);
