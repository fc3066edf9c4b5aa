/** The CLI: in-process through main(argv, io), plus the real bin/ spawned. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ROOT, read, runCli } from './helpers.js';

const SEED_ARGS = ['--year', '2017', '--timezone', 'Asia/Shanghai'];
const BIN = join(ROOT, 'bin/klog-eviction.js');

describe('main(argv, io)', () => {
  it('--help shows the flags and examples on stdout, exit 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('journalctl -u kubelet | klog-eviction');
    for (const flag of ['--output', '--year', '--timezone', '--gap']) expect(r.stdout).toContain(flag);
  });
  it('--version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
  it('reads standard input when no FILE is given', async () => {
    const r = await runCli([...SEED_ARGS, '-o', 'json'], read('samples/seed-ubuntu-k8s-3.log'));
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.schemaVersion).toBe(1);
    expect(j.nodes[0].name).toBe('ubuntu-k8s-3');
  });
  it('refuses an unknown --output with exit 2 and one line', async () => {
    const r = await runCli(['-o', 'yaml', 'samples/seed-ubuntu-k8s-3.log']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/yaml/);
  });
  it('a bad --year or --timezone is a usage error', async () => {
    expect((await runCli(['--year', '17', '-'])).code).toBe(2);
    const r = await runCli(['--timezone', 'Mars/Olympus', '-']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown time zone/);
  });
  it('a missing file or a directory: one clear line, exit 2', async () => {
    const a = await runCli(['/nonexistent/kubelet.log']);
    expect(a).toMatchObject({ code: 2, stdout: '' });
    expect(a.stderr).toBe('klog-eviction: /nonexistent/kubelet.log: no such file\n');
    const b = await runCli([tmpdir()]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/is a directory/);
  });
  it('.gz files are decompressed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'klog-'));
    const f = join(dir, 'kubelet.log.gz');
    writeFileSync(f, gzipSync(read('samples/seed-ubuntu-k8s-3.log')));
    const r = await runCli([...SEED_ARGS, '-o', 'json', f]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.incidents).toBe(1);
  });
  it('several files are one report, merged by time', async () => {
    const r = await runCli(['-o', 'json', ...SEED_ARGS, 'samples/seed-ubuntu-k8s-3.log', 'samples/modern-memory-eviction.log']);
    const j = JSON.parse(r.stdout);
    expect(j.nodes.map((n: { name: string }) => n.name).sort()).toEqual(['ubuntu-k8s-3', 'worker-3']);
    expect(j.summary.incidents).toBe(3);
  });
  it('colour only when asked or on a TTY, never with NO_COLOR', async () => {
    const plain = await runCli([...SEED_ARGS, 'samples/seed-ubuntu-k8s-3.log']);
    expect(plain.stdout).not.toContain('\u001b[');
    const forced = await runCli([...SEED_ARGS, '--color', 'samples/seed-ubuntu-k8s-3.log']);
    expect(forced.stdout).toContain('\u001b[');
  });
  it('control characters from the log never reach the terminal', async () => {
    const evil =
      'Oct 16 09:54:14 n1 kubelet[1]: W1016 09:54:14.823152       1 eviction_manager.go:142] Failed to admit pod evil\u001b]0;pwned\u0007-x_ns(u) - node has conditions: [DiskPressure]\n';
    const r = await runCli(['--year', '2017', '--timezone', 'UTC'], evil);
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  });
});

describe('bin/klog-eviction.js (spawned)', () => {
  it('runs on a sample file like a user would', () => {
    const r = spawnSync('node', [BIN, ...SEED_ARGS, 'samples/seed-ubuntu-k8s-3.log'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('== node ubuntu-k8s-3 ==');
    expect(r.stdout).toContain('nodefs.available 10% → 5%');
    expect(r.stderr).toBe('');
  });
  it('runs as the installed command does: executed through its #!/usr/bin/env node line', () => {
    // a standard shebang (npm's shims, Windows' included, read it to know what runs the file)
    expect(read('bin/klog-eviction.js').split('\n')[0]).toBe('#!/usr/bin/env node');
    const r = spawnSync(BIN, [...SEED_ARGS, '-o', 'json', 'samples/seed-ubuntu-k8s-3.log'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).summary.incidents).toBe(1);
  });
  it('reads a pipe', () => {
    const r = spawnSync('node', [BIN, ...SEED_ARGS, '-o', 'json'], {
      cwd: ROOT,
      input: read('samples/seed-ubuntu-k8s-3.log'),
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).summary.incidents).toBe(1);
  });
  it('a closed pipe (| head -1) ends quietly with 0', async () => {
    const child = spawn('node', [BIN, ...SEED_ARGS, '-o', 'json', 'samples/seed-ubuntu-k8s-3.log'], { cwd: ROOT });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((res) => child.on('close', res));
    expect(code).toBe(0);
    expect(err).toBe('');
  });
});

describe('standard input is a terminal', () => {
  it('says how to use the tool instead of waiting silently', async () => {
    const { PassThrough } = await import('node:stream');
    const { main } = await import('../src/cli/main.js');
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    let err = '';
    const stderr = new PassThrough().on('data', (c: Buffer) => (err += c.toString()));
    const code = await main([], { stdin, stdout: new PassThrough(), stderr, env: {}, now: () => 0, localZone: 'UTC' });
    expect(code).toBe(2);
    expect(err).toContain('journalctl -u kubelet | klog-eviction');
  });
});
