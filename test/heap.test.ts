/**
 * The installed command's heap settings (bin/klog-eviction.js): V8's young generation stays at
 * its first size however long the input, where Node's defaults grow it to 16 MiB on a streaming
 * read, and the report is the same. (Peak RSS is the benchmark's to measure, not a test's: it
 * depends on the machine; the size of a heap space does not.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/klog-eviction.js', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../dist/bundle/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'klog-heap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// the size of the young generation when the process exits, on standard error
const PRELOAD = join(dir, 'new-space.cjs');
writeFileSync(
  PRELOAD,
  `process.on('exit', () => process.stderr.write('new_space=' + require('v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size + '\\n'));`,
);
// the same bundle, started without the command's flags
const PLAIN = join(dir, 'plain.mjs');
writeFileSync(PLAIN, `const { run } = await import(${JSON.stringify(BUNDLE)});\nawait run();\n`);

// 6 MB of a kubelet's chatter, a second apart, with a reclaim every 10 s
const INPUT = join(dir, 'chatter.log');
const lines: string[] = [];
for (let i = 0; lines.length < 24_000; i++) {
  const t = new Date(Date.UTC(2026, 2, 14, 9, 0, 0) + i * 1000).toISOString();
  const [hms, us] = [t.slice(11, 19), String(i % 1_000_000).padStart(6, '0')];
  const stamp = `Mar 14 ${hms} worker-3 kubelet[2716]: I0314 ${hms}.${us}    2716`;
  lines.push(
    `${stamp} kubelet.go:2441] "SyncLoop (PLEG): event for pod" pod="ns/web-${i % 97}" event={"ID":"7e1d${i}","Type":"ContainerStarted","Data":"${'f'.repeat(64)}"}`,
  );
  lines.push(
    `${stamp} prober.go:107] "Probe failed" probeType="Readiness" pod="ns/api-${i % 31}" podUID=${'a'.repeat(36)} containerName="api" probeResult="failure" output="HTTP probe failed with statuscode: 503"`,
  );
  if (i % 10 === 0)
    lines.push(`${stamp} eviction_manager.go:351] "Eviction manager: attempting to reclaim" resourceName="ephemeral-storage"`);
}
writeFileSync(INPUT, lines.join('\n') + '\n');

function run(script: string) {
  const r = spawnSync(process.execPath, ['-r', PRELOAD, script, '-o', 'json', INPUT], { encoding: 'utf8', maxBuffer: 64 << 20 });
  expect(r.status, r.stderr).toBe(0);
  return { report: r.stdout, newSpace: Number(/new_space=(\d+)/.exec(r.stderr)![1]) };
}

it('the command keeps the young generation at its first size; the report is the same as with Node’s defaults', { timeout: 60_000 }, () => {
  const bin = run(BIN);
  const plain = run(PLAIN);
  expect(plain.newSpace).toBeGreaterThan(2 << 20);
  expect(bin.newSpace).toBeLessThanOrEqual(2 << 20);
  expect(bin.report).toBe(plain.report);
  expect(JSON.parse(bin.report).summary).toBeDefined();
});
