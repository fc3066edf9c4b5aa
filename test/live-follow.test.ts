/**
 * Live follow: `journalctl -fu kubelet | klog-eviction` reads a pipe that never ends. These
 * tests spawn the real bin/ on a pipe that stays open, write kubelet lines with pauses, and
 * check that the report of what was seen is printed on SIGINT (Ctrl-C) or at the end of input,
 * with exit code 0.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/klog-eviction.js', import.meta.url));
const ARGS = ['--timezone', 'UTC', '--year', '2024'];

// Real lines from the catalog (docs/kubelet-messages.md 4.B, 4.D, 4.G, 4.J), one memory incident.
const LINES = [
  'Mar 14 09:15:00 worker-3 systemd[1]: Started kubelet: The Kubernetes Node Agent.',
  'Mar 14 09:21:07 worker-3 kubelet[2716]: I0314 09:21:07.110044    2716 eviction_manager.go:349] "Eviction manager: attempting to reclaim" resourceName="memory"',
  'Mar 14 09:21:07 worker-3 kubelet[2716]: I0314 09:21:07.110100    2716 eviction_manager.go:360] "Eviction manager: must evict pod(s) to reclaim" resourceName="memory"',
  'Mar 14 09:21:07 worker-3 kubelet[2716]: I0314 09:21:07.110200    2716 eviction_manager.go:378] "Eviction manager: pods ranked for eviction" pods=["default/memhog-7c9d8b6f5-x2x7l","kube-system/coredns-5d78c9869d-4xk2p"]',
  'Mar 14 09:21:09 worker-3 kubelet[2716]: I0314 09:21:09.002100    2716 eviction_manager.go:627] "Eviction manager: pod is evicted successfully" pod="default/memhog-7c9d8b6f5-x2x7l"',
  'Mar 14 09:21:09 worker-3 kubelet[2716]: I0314 09:21:09.002200    2716 eviction_manager.go:208] "Eviction manager: pods evicted, waiting for pod to be cleaned up" pods=["default/memhog-7c9d8b6f5-x2x7l"]',
  'Mar 14 09:21:12 worker-3 kubelet[2716]: I0314 09:21:12.204430    2716 eviction_manager.go:167] "Failed to admit pod to node" pod="default/busybox" nodeCondition=["MemoryPressure"]',
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Child {
  proc: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** stdout chunks with the time they arrived (performance.now()) */
  chunks: Array<{ at: number; text: string }>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(args: string[], env: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } });
  let out = '';
  let err = '';
  const chunks: Child['chunks'] = [];
  proc.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    chunks.push({ at: performance.now(), text: c.toString() });
  });
  proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { proc, stdout: () => out, stderr: () => err, chunks, exit };
}

/**
 * Write ~150 KB of ordinary kubelet lines stamped `hhmm` and wait until they are flushed into
 * the pipe. A pipe holds 64 KiB, so once this resolves the child has read the rest: it is
 * past start-up (its SIGINT handler is installed) and has read every line written before.
 */
const FLOOD = 700;
function flood(c: Child, hhmm: string, n = FLOOD): Promise<void> {
  const [hh, mm] = [hhmm.slice(0, 2), hhmm.slice(2)];
  let text = '';
  for (let i = 0; i < n; i++) {
    const us = String(i * 1000).padStart(6, '0');
    text += `Mar 14 ${hh}:${mm}:00 worker-3 kubelet[2716]: I0314 ${hh}:${mm}:00.${us}    2716 kubelet.go:2441] "SyncLoop (PLEG): event for pod" pod="default/web-frontend-6d8f7c9b5-k2x9q" event={"ID":"5b0e2f4c-0d7b-4f55-9a3b-2c1e0c8a7d11","Type":"ContainerStarted"}\n`;
  }
  return new Promise((resolve, reject) => c.proc.stdin.write(text, (err) => (err ? reject(err) : resolve())));
}

/** Write the lines one by one with pauses, as `journalctl -f` would, leaving the pipe open. */
async function trickle(c: Child, lines: readonly string[], pauseMs = 60): Promise<number[]> {
  const sentAt: number[] = [];
  for (const l of lines) {
    sentAt.push(performance.now());
    c.proc.stdin.write(l + '\n');
    await sleep(pauseMs);
  }
  return sentAt;
}

/** Every test runs as the command does. */
const MODES: Array<[string, Record<string, string>]> = [['', {}]];

describe.each(MODES)('live follow on a pipe that stays open (-o text)%s', (_, env: Record<string, string>) => {
  it('prints the report of what was seen on SIGINT, marked partial, and exits 130', async () => {
    const c = start(['-o', 'text', ...ARGS], env);
    await flood(c, '0920');
    await trickle(c, LINES);
    await flood(c, '0922'); // the lines above have been read; the pipe is still open
    expect(c.proc.exitCode).toBe(null); // still following
    expect(c.stdout()).toBe(''); // the text report comes at the end
    c.proc.kill('SIGINT');
    const { code, signal } = await c.exit;
    expect(signal).toBe(null);
    expect(code).toBe(130);
    expect(c.stderr()).toMatch(/^klog-eviction: interrupted \(SIGINT\): the report covers the [\d,]+ lines read before it\.\n$/);
    const report = c.stdout();
    expect(report).toMatch(/Reading was interrupted \(SIGINT\)/);
    expect(report).toContain('worker-3');
    expect(report).toContain('default/memhog-7c9d8b6f5-x2x7l');
    expect(report).toContain('default/busybox');
    expect(report).toMatch(/Read [\d,]+ lines/);
    expect(report).toMatch(/evict/i);
  });

  it.each(['SIGTERM'] as const)('prints the report on %s too (exit 143)', async (sig) => {
    const c = start(['-o', 'text', ...ARGS], env);
    await flood(c, '0920');
    await trickle(c, LINES.slice(0, 3));
    await flood(c, '0922');
    c.proc.kill(sig);
    const { code } = await c.exit;
    expect(code).toBe(143);
    expect(c.stdout()).toMatch(/Read [\d,]+ lines/);
    expect(c.stdout()).toContain('worker-3');
  });

  it('prints the report at the end of input', async () => {
    const c = start(['-o', 'text', ...ARGS], env);
    await trickle(c, LINES);
    c.proc.stdin.end();
    const { code } = await c.exit;
    expect(code).toBe(0);
    expect(c.stdout()).toContain('default/memhog-7c9d8b6f5-x2x7l');
    expect(c.stdout()).toMatch(/Read 7 lines/);
  });
});

describe.each(MODES)('live follow (-o ndjson)%s', (_, env: Record<string, string>) => {
  it('writes each event within 100 ms of its input line', async () => {
    const c = start(['-o', 'ndjson', ...ARGS], env);
    await flood(c, '0920');
    // The pipe takes the flood before the child has even started; an event it
    // answers is the sign it is up and caught up. Only then the clock starts.
    c.proc.stdin.write(
      'Mar 14 09:20:01 worker-3 kubelet[2716]: I0314 09:20:01.000000    2716 server.go:487] "Kubelet version" kubeletVersion="v1.29.2"\n',
    );
    for (let waited = 0; c.chunks.length === 0 && waited < 10_000; waited += 10) await sleep(10);
    const sentAt = await trickle(c, LINES, 150);
    await sleep(200);
    c.proc.kill('SIGINT');
    expect((await c.exit).code).toBe(130);
    // each event names its input line; find when the stdout chunk carrying it arrived
    const arrived = new Map<number, number>();
    for (const ch of c.chunks)
      for (const l of ch.text.split('\n').filter(Boolean)) {
        const e = JSON.parse(l) as { line?: number; evidence?: { line?: number } };
        const n = e.line ?? e.evidence?.line;
        // lines 1–700 are the flood, 701 the warm-up; the trickled lines follow
        if (typeof n === 'number' && n > FLOOD + 1 && !arrived.has(n)) arrived.set(n, ch.at);
      }
    expect(arrived.size).toBeGreaterThanOrEqual(5);
    for (const [n, at] of arrived) expect(at - sentAt[n - FLOOD - 2]!, `line ${n}`).toBeLessThan(100);
  });
});
