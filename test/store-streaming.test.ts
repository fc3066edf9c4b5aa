/**
 * A whole-document export of several hundred MB (a gcloud JSON array, pretty-printed) is read
 * as a stream, in the memory of a journal: the peak RSS of the real command on it is measured
 * against the same records one per line (NDJSON, the line path every journal takes); no
 * absolute times asserted. Skipped when the temp dir lacks the space (~1 GiB).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statfsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../src/index.js';

const BIN = fileURLToPath(new URL('../bin/klog-eviction.js', import.meta.url));
const TARGET = 200 * 2 ** 20;
const free = (() => {
  try {
    const s = statfsSync(tmpdir());
    return s.bavail * s.bsize;
  } catch {
    return 0;
  }
})();
const dir = free > 3 * TARGET ? mkdtempSync(join(tmpdir(), 'klog-big-export-')) : undefined;
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

const p2 = (n: number) => String(n).padStart(2, '0');
/** One node's kubelet: chatter, and every 10 s a DiskPressure loop (as the bench journal). */
interface Entry {
  us: bigint;
  host: string;
  pid: string;
  message: string;
}
function* entries(): Generator<Entry> {
  let us = BigInt(Date.UTC(2026, 2, 1)) * 1000n;
  for (let i = 0; ; i++) {
    us += 13_117n;
    const host = `node-${i % 3}`;
    const d = new Date(Number(us / 1000n));
    const head = (sev: string, file: string) =>
      `${sev}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(us % 1_000_000n).padStart(6, '0')}    4242 ${file}]`;
    const loop = i % 2000 < 3;
    const message = loop
      ? [
          `${head('W', 'eviction_manager.go:331')} eviction manager: attempting to reclaim nodefs`,
          `${head('I', 'eviction_manager.go:345')} eviction manager: must evict pod(s) to reclaim nodefs`,
          `${head('E', 'eviction_manager.go:356')} eviction manager: eviction thresholds have been met, but no pods are active to evict`,
        ][i % 2000]!
      : `${head('I', 'kubelet.go:2350')} "SyncLoop (PLEG): event for pod" pod="default/web-${(i % 9973).toString(36)}" event={"ID":"${(i * 7919).toString(16)}","Type":"ContainerStarted","Data":"<${i}> & more"}`;
    yield { us, host, pid: '4242', message };
  }
}

/** Write entries until `TARGET` bytes (or `count` entries); returns how many. */
async function write(path: string, first: string, each: (e: Entry, i: number) => string, last: string, count = Infinity): Promise<number> {
  const w = createWriteStream(path);
  let buf = first;
  let size = 0;
  let i = 0;
  for (const e of entries()) {
    if (i >= count) break;
    buf += each(e, i++);
    if (buf.length > 1 << 20) {
      size += buf.length;
      if (!w.write(buf)) await new Promise<void>((r) => w.once('drain', () => r()));
      buf = '';
      if (size >= TARGET && count === Infinity) break;
    }
  }
  w.end(buf + last);
  await new Promise<void>((r) => w.once('finish', () => r()));
  return i;
}

/** Run the command; its peak RSS from GNU time (`%M`, KiB), else the kernel's VmHWM of the child. */
function peakRss(file: string): Promise<{ rssMiB: number; report: JsonReport }> {
  const gnuTime = existsSync('/usr/bin/time');
  const args = gnuTime ? ['-f', 'PEAK_KIB=%M', process.execPath, BIN, '-o', 'json', '--quiet', file] : [BIN, '-o', 'json', '--quiet', file];
  const child = spawn(gnuTime ? '/usr/bin/time' : process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let hwm = 0;
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const poll = gnuTime
    ? undefined
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) hwm = Math.max(hwm, Number(m[1]));
        } catch {
          /* ended */
        }
      }, 5);
  return new Promise((resolve, reject) =>
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      if (code !== 0) return reject(new Error(`exit ${code}: ${err}`));
      const kib = gnuTime ? Number(/PEAK_KIB=(\d+)/.exec(err)?.[1]) : hwm;
      resolve({ rssMiB: kib / 1024, report: JSON.parse(out) as JsonReport });
    }),
  );
}

describe.skipIf(!dir)('a multi-hundred-MB whole-document export', () => {
  it('streams in the memory of the same journal', async () => {
    const arr = join(dir!, 'gcloud.json');
    const lines = join(dir!, 'records.ndjson');
    const record = (e: Entry) => ({
      insertId: `id${e.us}`,
      jsonPayload: {
        MESSAGE: e.message,
        PRIORITY: '6',
        SYSLOG_IDENTIFIER: 'kubelet',
        _HOSTNAME: e.host,
        _PID: e.pid,
        _SYSTEMD_UNIT: 'kubelet.service',
        _TRANSPORT: 'stdout',
      },
      logName: 'projects/p/logs/kubelet',
      resource: { labels: { cluster_name: 'c', location: 'l', node_name: e.host, project_id: 'p' }, type: 'k8s_node' },
      timestamp: new Date(Number(e.us / 1000n)).toISOString().replace('Z', `${String(e.us % 1000n).padStart(3, '0')}Z`),
    });
    const t0 = performance.now();
    const n = await write(arr, '[\n', (e, i) => `${i ? ',\n' : ''}${JSON.stringify(record(e), null, 2).replace(/^/gm, '  ')}`, '\n]\n');
    await write(lines, '', (e) => `${JSON.stringify(record(e))}\n`, '', n);
    expect(statSync(arr).size).toBeGreaterThan(TARGET);
    const t1 = performance.now();
    const a = await peakRss(arr);
    const t2 = performance.now();
    const j = await peakRss(lines);
    console.log(
      `written in ${((t1 - t0) / 1000).toFixed(1)} s; read in ${((t2 - t1) / 1000).toFixed(1)} s (array), ${((performance.now() - t2) / 1000).toFixed(1)} s (one per line)`,
    );
    // the same story: every record read, the same nodes and incidents
    expect(a.report.summary.kubeletLines).toBe(n);
    expect(n).toBeGreaterThan(250_000);
    expect(a.report.summary).toEqual(j.report.summary);
    expect(a.report.yearInferred).toBe(false);
    expect(a.report.incidents.map((i) => [i.node, i.start, i.end, i.reclaimAttempts])).toEqual(
      j.report.incidents.map((i) => [i.node, i.start, i.end, i.reclaimAttempts]),
    );
    expect(a.report.nodes.map((n) => n.name).sort()).toEqual(['node-0', 'node-1', 'node-2']);
    expect(a.report.incidents.length).toBeGreaterThan(0);
    // the memory of the line path: within a quarter (plus the parser's few MiB) of the same records one per
    // line, and nowhere near the document's size (which parsing it whole would need several times over)
    console.log(
      `peak RSS: ${a.rssMiB.toFixed(1)} MiB for the ${(statSync(arr).size / 2 ** 20).toFixed(0)} MiB array, ${j.rssMiB.toFixed(1)} MiB for the same records one per line`,
    );
    expect(a.rssMiB).toBeLessThan(j.rssMiB * 1.25 + 8);
    expect(a.rssMiB).toBeLessThan(statSync(arr).size / 2 ** 20);
  }, 600_000);
});
