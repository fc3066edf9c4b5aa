/**
 * `--journal`: the CLI runs the real journalctl (-o json) on a real journal
 * file built by systemd-journal-remote, so on a node no pipe is needed; and
 * node names for inputs whose lines name no host.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../src/cli/main.js';
import { journalctlArgs } from '../src/source/journalctl.js';
import { nodeFromFileName } from '../src/source/node-name.js';
import { exportStream } from '../scripts/journal-fixtures/make-export.mjs';
import { NOW, runCli } from './helpers.js';
import { buildJournal, journalctl, requireSystemdTools } from './journal-tools.js';

const HAVE = requireSystemdTools('--journal tests');

describe('journalctl arguments', () => {
  it.each<[Parameters<typeof journalctlArgs>[0], string[]]>([
    [{ units: ['kubelet'] }, ['-o', 'json', '--no-pager', '-u', 'kubelet']],
    [
      { units: ['k3s', 'k3s-agent'], directories: ['/must-gather/journal'] },
      ['-o', 'json', '--no-pager', '-u', 'k3s', '-u', 'k3s-agent', '-D', '/must-gather/journal'],
    ],
    [
      { units: ['kubelet'], files: ['a.journal'], since: '2017-10-16 09:00', until: Date.UTC(2017, 9, 16, 12), follow: true },
      ['-o', 'json', '--no-pager', '-u', 'kubelet', '--file', 'a.journal', '--since', '2017-10-16 09:00', '--until', '@1508155200', '-f'],
    ],
  ])('%j', (q, want) => expect(journalctlArgs(q)).toEqual(want));
});

describe('node names from file names (only when the lines name no host)', () => {
  it.each([
    ['kubelet-node3.log', 'node3'],
    ['/tmp/x/kubelet_node4.log.gz', 'node4'],
    ['node5.log', 'node5'],
    ['worker-3.txt', 'worker-3'],
    ['kubelet.log', undefined],
    ['/var/log/kubelet.log.1', undefined],
    ['kubelet-ip-10-0-1-7.log.2.gz', 'ip-10-0-1-7'],
    ['-', undefined],
  ])('%s → %s', (f, want) => expect(nodeFromFileName(f)).toBe(want));

  const bare = 'I0822 23:51:03.731889    2684 eviction_manager.go:331] eviction manager: attempting to reclaim nodefs\n';
  it('a bare kubelet.log named kubelet-node3.log is node3; --node-name overrides; a host in the line wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'klog-names-'));
    writeFileSync(join(dir, 'kubelet-node3.log'), bare);
    writeFileSync(join(dir, 'kubelet-node4.log'), `Aug 22 23:51:03 real-host kubelet[2684]: ${bare}`);
    const names = async (args: string[]) =>
      (JSON.parse((await runCli(['--year', '2020', '-o', 'json', ...args])).stdout) as { nodes: Array<{ name: string }> }).nodes.map(
        (n) => n.name,
      );
    expect(await names([join(dir, 'kubelet-node3.log')])).toEqual(['node3']);
    expect(await names(['--node-name', 'n9', join(dir, 'kubelet-node3.log')])).toEqual(['n9']);
    expect(await names([join(dir, 'kubelet-node4.log')])).toEqual(['real-host']);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe.skipIf(!HAVE)('--journal runs the real journalctl', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'klog-journal-'));
    mkdirSync(join(dir, 'remote'));
    file = join(dir, 'remote', 'node.journal');
    buildJournal(exportStream(), file);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const strip = (s: string) => s.replaceAll('"input": "journalctl"', '"input": "-"');

  it('--journal --file X -o json is the report of `journalctl --file X -u kubelet -o json | klog-eviction -o json`', async () => {
    const piped = journalctl(['--file', file, '-u', 'kubelet', '-o', 'json']).toString('utf8');
    const want = await runCli(['-o', 'json'], piped);
    const got = await runCli(['--journal', '--file', file, '-o', 'json']);
    expect(got.stderr).toBe('');
    expect(got.code).toBe(0);
    expect(strip(got.stdout)).toBe(want.stdout);
    const j = JSON.parse(got.stdout) as { nodes: Array<{ name: string }>; incidents: unknown[] };
    expect(j.nodes.map((n) => n.name)).toEqual(['ubuntu-k8s-3', 'worker-3']);
    expect(j.incidents).toHaveLength(2);
  });
  it('--directory reads a journal directory (journalctl -D), e.g. one copied off a node', async () => {
    const r = await runCli(['--journal', '--directory', join(dir, 'remote'), '-o', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { summary: { nodes: number } }).summary.nodes).toBe(2);
  });
  it('--since is passed to journalctl; --unit selects other units', async () => {
    const since = JSON.parse((await runCli(['--journal', '--file', file, '--since', '2018-01-01', '-o', 'json'])).stdout) as {
      nodes: Array<{ name: string }>;
    };
    expect(since.nodes.map((n) => n.name)).toEqual(['worker-3']);
    const none = JSON.parse((await runCli(['--journal', '--file', file, '--unit', 'k3s', '-o', 'json'])).stdout) as {
      summary: { lines: number };
    };
    expect(none.summary.lines).toBe(0);
  });
  it.each([
    ['2017-10-16 09:53:00'],
    ['2017-10-16T09:53:00+08:00'],
    ['Mon 2017-10-16 09:53:00'],
    ['@1508118780'],
    ['2017-10-16 01:53:00 UTC'],
  ])('--since %s means what it means on a file: read in --timezone, the incident that began before it kept whole', async (since) => {
    const args = ['-o', 'json', '--timezone', 'Asia/Shanghai', '--since', since, '--until', '2017-10-16 12:00'];
    const piped = journalctl(['--file', file, '-u', 'kubelet', '-o', 'json']).toString('utf8');
    const want = await runCli(args, piped);
    const got = await runCli(['--journal', '--file', file, ...args]);
    expect(got.stderr).toBe('');
    // the same timeline (journalctl was given a wider window, so fewer lines were read than from the whole file)
    const story = (r: string) =>
      (({ nodes, incidents }) => ({ nodes, incidents }))(JSON.parse(r) as { nodes: unknown; incidents: unknown });
    expect(story(strip(got.stdout))).toEqual(story(want.stdout));
    const j = JSON.parse(got.stdout) as { incidents: Array<{ node: string; start: string }> };
    // 01:53 UTC is inside the incident that began at 01:50:55 UTC (09:50:55 in Shanghai)
    expect(j.incidents.map((i) => [i.node, i.start])).toEqual([['ubuntu-k8s-3', '2017-10-16T01:50:55.056Z']]);
  });
  it('a journalctl failure is one line and exit 2', async () => {
    const r = await runCli(['--journal', '--file', join(dir, 'missing.journal')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/journalctl .*failed \(exit 1\): Failed to open files/);
  });
  it('--follow keeps reading until interrupted, then prints the report', async () => {
    const out = new PassThrough();
    let stdout = '';
    out.on('data', (c: Buffer) => (stdout += c.toString()));
    const ac = new AbortController();
    const io: CliIo = {
      stdin: new PassThrough(),
      stdout: out,
      stderr: new PassThrough(),
      env: {},
      now: () => NOW,
      localZone: 'UTC',
      signal: ac.signal,
    };
    setTimeout(() => ac.abort(), 1500);
    const code = await main(['--journal', '--follow', '--file', file, '-o', 'json'], io);
    // interrupted (run() aborts with the signal's name; a bare abort counts as SIGINT): 130, the report marked partial
    expect(code).toBe(130);
    const r = JSON.parse(stdout) as { summary: { nodes: number; partial?: true }; notes: Array<{ kind: string }> };
    expect(r.summary).toMatchObject({ nodes: 2, partial: true });
    expect(r.notes[0]!.kind).toBe('interrupted');
  });
});

describe.skipIf(!HAVE)('many nodes: a directory of remote journals (one file per node)', () => {
  it('gives a lane per node, merged by time, and equals per-node reports merged', async () => {
    const { spawnSync } = await import('node:child_process');
    const dir = mkdtempSync(join(tmpdir(), 'klog-remote-'));
    for (const [host, start] of [
      ['node-a', '2026-03-01T00:00:00Z'],
      ['node-b', '2026-03-01T00:00:03Z'],
    ] as const) {
      // Both nodes' journals cover the same 10 minutes, so the stream interleaves them. (Not the
      // same microsecond: ties between nodes are in stream order in one run, report order in merge.)
      const exp = spawnSync(process.execPath, ['scripts/bench/make-node-export.mjs', host, '1200', start], { maxBuffer: 1 << 28 }).stdout;
      buildJournal(exp, join(dir, `remote-${host}.journal`));
    }
    const all = await runCli(['--journal', '--directory', dir, '-o', 'json']);
    expect(all.code).toBe(0);
    const j = JSON.parse(all.stdout) as { nodes: Array<{ name: string }>; incidents: Array<{ node: string; start: string }> };
    expect(j.nodes.map((n) => n.name).sort()).toEqual(['node-a', 'node-b']);
    expect(j.incidents.map((i) => i.node).sort()).toEqual(['node-a', 'node-b']);
    const perNode = await Promise.all(
      ['node-a', 'node-b'].map(async (h) => {
        const p = join(dir, `${h}.json`);
        writeFileSync(p, (await runCli(['--journal', '--file', join(dir, `remote-${h}.journal`), '-o', 'json'])).stdout);
        return p;
      }),
    );
    const merged = await runCli(['merge', '-o', 'json', ...perNode]);
    // Line numbers differ (one stream interleaves both nodes); everything else is the same.
    const noLines = (s: string): unknown => JSON.parse(s, (k, v: unknown) => (k === 'line' || k === 'lines' ? undefined : v));
    expect(noLines(merged.stdout)).toEqual(noLines(all.stdout));
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('--journal without journalctl', () => {
  it('one clear line, exit 2', async () => {
    const r = await runCli(['--journal'], '', { KLOG_EVICTION_JOURNALCTL: '/nonexistent/journalctl' });
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^klog-eviction: --journal needs journalctl \(systemd\)/)]);
  });
  it('--unit without --journal is a usage error', async () => {
    const r = await runCli(['--unit', 'k3s', '-']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--unit applies only with --journal/);
  });
  it('the terminal hint mentions --journal', async () => {
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const err = new PassThrough();
    let stderr = '';
    err.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await main([], { stdin: input, stdout: new PassThrough(), stderr: err, env: {}, now: () => NOW, localZone: 'UTC' });
    expect(code).toBe(2);
    expect(stderr).toContain('--journal');
  });
});
