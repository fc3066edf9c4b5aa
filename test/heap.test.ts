/**
 * The installed command's heap settings (bin/klog-eviction.js): V8's young generation stops
 * growing at 4 MiB, where Node's defaults grow it to 16 MiB on a streaming read, and the report
 * is the same. (Peak RSS is the benchmark's to measure, not a test's: it
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

// two days of the eviction manager's 10 s loop (8 MB, every line an event: what allocates most)
const INPUT = join(dir, 'loop.log');
const loops = spawnSync(process.execPath, [fileURLToPath(new URL('../scripts/bench/loops.mjs', import.meta.url)), '2'], {
  maxBuffer: 64 << 20,
});
writeFileSync(INPUT, loops.stdout);

function run(script: string) {
  const r = spawnSync(process.execPath, ['-r', PRELOAD, script, '--year', '2017', '-o', 'json', INPUT], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  expect(r.status, r.stderr).toBe(0);
  return { report: r.stdout, newSpace: Number(/new_space=(\d+)/.exec(r.stderr)![1]) };
}

it('the command stops the young generation at 4 MiB; the report is the same as with Node’s defaults', { timeout: 60_000 }, () => {
  const bin = run(BIN);
  const plain = run(PLAIN);
  expect(plain.newSpace).toBeGreaterThan(4 << 20);
  expect(bin.newSpace).toBeLessThanOrEqual(4 << 20);
  expect(bin.report).toBe(plain.report);
  expect((JSON.parse(bin.report) as { incidents: unknown[] }).incidents.length).toBeGreaterThan(0);
});
