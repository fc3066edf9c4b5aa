/**
 * `-o ndjson`: one event per line, written as soon as it is recognised, so
 * `journalctl -fu kubelet | klog-eviction -o ndjson` streams; the last line
 * is a `{"kind":"summary"}` record.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { read, ROOT, runCli } from './helpers.js';

describe('ndjson', () => {
  it('each record has at, node, kind, input and line; the summary comes last', async () => {
    const r = await runCli(['--timezone', 'UTC', '-o', 'ndjson', 'samples/modern-memory-eviction.log']);
    expect(r.code).toBe(0);
    const recs = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const events = recs.slice(0, -1);
    for (const e of events) {
      expect(Object.keys(e)).toEqual(expect.arrayContaining(['at', 'node', 'kind', 'input', 'line']));
      expect(e['kind']).toMatch(/^[a-z]+(-[a-z]+)*$/);
    }
    const json = JSON.parse((await runCli(['--timezone', 'UTC', '-o', 'json', 'samples/modern-memory-eviction.log'])).stdout);
    expect(events.length).toBe(json.summary.events);
    expect(recs.at(-1)).toEqual({ kind: 'summary', ...json.summary });
    expect(events.filter((e) => e['kind'] === 'pod-evicted').map((e) => e['pod'])).toContain('default/memhog-7c9d8b6f5-x2x7l');
  });

  it('streams: an event is written before the input ends', async () => {
    const lines = read('samples/modern-memory-eviction.log').split('\n');
    const child = spawn(process.execPath, ['bin/klog-eviction.js', '-o', 'ndjson', '--timezone', 'UTC'], { cwd: ROOT });
    let out = '';
    const first = new Promise<string>((resolve) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve(out);
      });
    });
    // The reclaim loop of incident 1 (lines 37-41), then hold the pipe open like `journalctl -f`.
    child.stdin.write(`${lines.slice(36, 41).join('\n')}\n`);
    const got = await Promise.race([
      first,
      new Promise<string>((_, rej) => setTimeout(() => rej(new Error('no output while input open')), 10_000)),
    ]);
    expect(child.exitCode).toBeNull();
    expect(JSON.parse(got.split('\n')[0]!)).toMatchObject({ kind: 'reclaim-attempt', resource: 'memory', line: 1, input: '-' });
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(JSON.parse(out.trimEnd().split('\n').at(-1)!)).toMatchObject({ kind: 'summary', incidents: 1 });
  });
});
