/**
 * The progress line (src/cli/progress.ts) and its wiring in main(): shown only on a terminal,
 * for inputs of known size, throttled, erased at the end; never with --quiet or on a pipe.
 */
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../src/cli/main.js';
import { CLEAR_LINE, formatProgress, Progress, type ProgressState } from '../src/cli/progress.js';
import { NOW } from './helpers.js';

const MiB = 1024 * 1024;

describe('formatProgress', () => {
  it.each<[ProgressState, string]>([
    [{ bytes: 0, total: 512 * MiB, elapsedMs: 0, events: 0 }, 'klog-eviction: 0% of 512.0 MiB, 0.0 MiB/s, 0 events'],
    [{ bytes: 128 * MiB, total: 512 * MiB, elapsedMs: 2000, events: 1 }, 'klog-eviction: 25% of 512.0 MiB, 64.0 MiB/s, 1 event'],
    [
      { bytes: 511.99 * MiB, total: 512 * MiB, elapsedMs: 4000, events: 12345 },
      'klog-eviction: 99% of 512.0 MiB, 128.0 MiB/s, 12,345 events',
    ],
    [{ bytes: 3 * MiB, total: 3 * MiB, elapsedMs: 1500 }, 'klog-eviction: 100% of 3.0 MiB, 2.0 MiB/s'],
    // a file that grew while being read: never more than 100%
    [{ bytes: 5 * MiB, total: 4 * MiB, elapsedMs: 1000 }, 'klog-eviction: 100% of 4.0 MiB, 5.0 MiB/s'],
  ])('%j', (state, want) => {
    expect(formatProgress(state)).toBe(want);
  });
});

describe('Progress', () => {
  it('redraws at most once per interval and erases itself at the end', () => {
    let t = 0;
    let out = '';
    const p = new Progress({ total: 100 * MiB, write: (s) => (out += s), now: () => t, events: () => 7 });
    p.add(MiB); // first chunk: drawn at once
    t = 50;
    p.add(MiB); // 50 ms later: not redrawn
    t = 100;
    p.add(MiB); // 100 ms after the first draw: redrawn
    const frames = out.split(CLEAR_LINE).filter(Boolean);
    expect(frames).toEqual(['klog-eviction: 1% of 100.0 MiB, 0.0 MiB/s, 7 events', 'klog-eviction: 3% of 100.0 MiB, 30.0 MiB/s, 7 events']);
    p.done();
    expect(out.endsWith(CLEAR_LINE)).toBe(true);
    const len = out.length;
    p.done();
    expect(out.length).toBe(len);
  });

  it('writes nothing, not even the erase, when it never drew', () => {
    let out = '';
    new Progress({ total: 1, write: (s) => (out += s), now: () => 0 }).done();
    expect(out).toBe('');
  });
});

/** main() with a stderr that says whether it is a terminal. */
async function run(argv: string[], stderrIsTTY: boolean): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdin = new PassThrough();
  stdin.end(readFileSync('samples/modern-memory-eviction.log'));
  const out = new PassThrough();
  const err = Object.assign(new PassThrough(), { isTTY: stderrIsTTY });
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const io: CliIo = { stdin, stdout: out, stderr: err, env: {}, now: () => NOW, localZone: 'UTC' };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('progress in the CLI', () => {
  const file = 'samples/modern-memory-eviction.log';

  it('draws on a terminal for a file and leaves the line erased', async () => {
    const r = await run(['-o', 'json', file], true);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^\r\x1b\[Kklog-eviction: \d+% of [\d.]+ MiB, [\d.]+ MiB\/s, [\d,]+ events?/);
    expect(r.stderr.endsWith(CLEAR_LINE)).toBe(true);
    expect(r.stderr).not.toContain('\n');
    expect(JSON.parse(r.stdout).summary.events).toBeGreaterThan(0);
  });

  it.each<[string, string[], boolean]>([
    ['stderr is not a terminal', ['-o', 'json', file], false],
    ['--quiet', ['-o', 'json', '--quiet', file], true],
    ['-q', ['-q', file], true],
    ['standard input (size unknown)', ['-o', 'json'], true],
  ])('shows nothing when %s', async (_why, argv, tty) => {
    const r = await run(argv, tty);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
