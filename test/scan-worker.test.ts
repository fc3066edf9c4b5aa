/**
 * The fast path's scan on a worker thread (src/analyze/scan-pool.ts) gives the very report
 * the one-thread path gives. The worker runs compiled code, so these tests spawn the built
 * command (`dist/`, as `npm test` builds it first); `KLOG_EVICTION_SCAN_WORKER_AFTER=0` puts
 * the worker to work from the first byte, `never` keeps one thread.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalChunks } from '../scripts/bench/generate.mjs';
import { FORMATS, SAMPLE_ARGS, sampleFiles, snapshotName } from '../scripts/sample-args.mjs';
import { ROOT } from './helpers.js';

const BIN = join(ROOT, 'bin/klog-eviction.js');

function run(args: string[], after: string, input?: Buffer) {
  const r = spawnSync('node', [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, NO_COLOR: '1', KLOG_EVICTION_SCAN_WORKER_AFTER: after },
    ...(input ? { input } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the scan on a worker thread', () => {
  it('every sample: the committed snapshots, json and text', () => {
    const samples = sampleFiles((d) => readdirSync(join(ROOT, d)));
    expect(samples.length).toBeGreaterThan(10);
    for (const file of samples) {
      for (const format of FORMATS.filter((f) => f === 'json' || f === 'text')) {
        const r = run([...(SAMPLE_ARGS[file] ?? []), '-o', format, `samples/${file}`], '0');
        expect([file, format, r.code, r.stderr]).toEqual([file, format, 0, '']);
        const want = readFileSync(join(ROOT, 'test/snapshots', snapshotName(file, format)), 'utf8');
        if (r.stdout !== want) expect.fail(`${file} -o ${format}: the worker's report differs from the snapshot`);
      }
    }
  }, 120_000);

  it('a 24 MiB synthetic journal, from a file and from a pipe: the same report as one thread', () => {
    const dir = mkdtempSync(join(tmpdir(), 'klog-scan-'));
    const file = join(dir, 'journal.log');
    writeFileSync(file, [...journalChunks({ seed: 3, bytes: 24 * 1024 * 1024 })].join(''));
    const args = ['--year', '2026', '--timezone', 'UTC', '-o', 'json'];
    const one = run([...args, file], 'never');
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout).summary.incidents).toBeGreaterThan(3);
    expect(run([...args, file], '0').stdout).toBe(one.stdout);
    // two inputs read together: one worker, for the first past the mark; the report as one thread's
    const two = [...args, file, 'samples/seed-ubuntu-k8s-3.log'];
    expect(run(two, '0').stdout).toBe(run(two, 'never').stdout);
    // a pipe: the worker starts after 1 MiB, half-way through a chunk
    expect(run(args, '1048576', readFileSync(file)).stdout).toBe(one.stdout.replaceAll(JSON.stringify(file), '"-"'));
  }, 120_000);
});
