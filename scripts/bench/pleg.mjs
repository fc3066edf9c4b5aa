#!/usr/bin/env node
// A node stuck in the kubelet's PLEG loop: a `short` journal (read from standard input) with, after
// every second kubelet line, the syncLoop's structured `"Skipping pod synchronization"
// err="[… PLEG is not healthy: … threshold is 3m0s]"` at the same instant, as a kubelet of S21+
// logs it while its runtime hangs. A third of its lines are the loop: the case the bench journal
// (2 % of them) does not show, for the prefilter's `threshold` and the inert rule that reads them.
//
//   node scripts/bench/pleg.mjs < bench/out/g2-s1/short-128MiB.log > pleg.log
import { createInterface } from 'node:readline';

const KUBELET = /^(\S+ +\d+ \d\d:\d\d:\d\d) (\S+) kubelet\[(\d+)\]: [IWEF](\d{4}) (\d\d:\d\d:\d\d\.\d{6}) +(\d+) /;
let n = 0;
let buf = '';
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  buf += line + '\n';
  const m = KUBELET.exec(line);
  if (m && n++ % 2 === 0) {
    const [, stamp, host, pid, mmdd, clock, kpid] = m;
    const ago = `3m${n % 60}.${n % 1000}s`;
    buf += `${stamp} ${host} kubelet[${pid}]: E${mmdd} ${clock}    ${kpid} kubelet.go:2373] "Skipping pod synchronization" err="[container runtime is down, PLEG is not healthy: pleg was last seen active ${ago} ago; threshold is 3m0s]"\n`;
  }
  if (buf.length > 1 << 20) {
    process.stdout.write(buf);
    buf = '';
  }
}
process.stdout.write(buf);
