/**
 * Broken input is a normal day for a log tool. Each case states what it
 * expects: exit 0, the rest analysed, the problem counted in summary.skipped
 * and named on stderr once (not per line), unless it says otherwise.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analyze/pipeline.js';
import { feed } from '../src/stream.js';
import { zone } from '../src/time/zone.js';
import { NOW, read, runCli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'klog-broken-'));
const file = (name: string, data: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};
const ARGS = ['-o', 'json', '--year', '2017', '--timezone', 'Asia/Shanghai'];
const GOOD = [
  '10月 16 09:50:55 ubuntu-k8s-3 kubelet[17144]: W1016 09:50:55.056703   17144 eviction_manager.go:331] eviction manager: attempting to reclaim nodefs',
  '10月 16 09:50:55 ubuntu-k8s-3 kubelet[17144]: E1016 09:50:55.058307   17144 eviction_manager.go:356] eviction manager: eviction thresholds have been met, but no pods are active to evict',
  '10月 16 09:54:14 ubuntu-k8s-3 kubelet[12844]: W1016 09:54:14.823152   12844 eviction_manager.go:142] Failed to admit pod weave-net-3svfg_kube-system(e5a5d474-b214-11e7-a98b-0650cc001a5b) - node has conditions: [DiskPressure]',
];

async function json(args: string[], stdin = '') {
  const r = await runCli([...ARGS, ...args], stdin);
  return { ...r, report: r.stdout ? JSON.parse(r.stdout) : undefined };
}
/** The problem is named on stderr exactly once. */
const onceOnStderr = (stderr: string, what: RegExp) => expect(stderr.split('\n').filter((l) => what.test(l))).toHaveLength(1);

describe('broken input', () => {
  it('random binary data: analysed as text where it is text, NUL lines skipped, named once', async () => {
    let x = 42;
    const bytes = Buffer.alloc(64 * 1024).map(() => ((x = (x * 1103515245 + 12345) >>> 0), x >>> 24));
    const p = file(
      'random.bin',
      Buffer.concat([
        Buffer.from(GOOD.join('\n') + '\n'),
        bytes,
        Buffer.from('\n' + GOOD[0]!.replace('09:50:55.056703', '09:51:05.056703') + '\n'),
      ]),
    );
    const r = await json([p]);
    expect(r.code).toBe(0);
    expect(r.report.summary.skipped).toBeGreaterThan(0);
    expect(r.report.incidents[0].reclaimAttempts).toBe(2);
    onceOnStderr(r.stderr, /NUL byte/);
  });
  it('a binary journal file passed by mistake: says what to run instead', async () => {
    const p = file('system.journal', Buffer.concat([Buffer.from('LPKSHHRH'), Buffer.alloc(4096, 1)]));
    const r = await json([p]);
    expect(r.code).toBe(3); // no kubelet output came out of it
    expect(r.report.summary).toMatchObject({ skipped: 1, nodes: 0 });
    onceOnStderr(
      r.stderr,
      new RegExp(`binary journal file.*journalctl --file ${p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\| klog-eviction`),
    );
  });
  it('a real journal file made by systemd-journal-remote is recognised as one', async (ctx) => {
    const remote = '/lib/systemd/systemd-journal-remote';
    if (!existsSync(remote)) {
      console.warn('SKIPPED: systemd-journal-remote is not installed (.ci/run installs it)');
      if (process.env['CI']) expect.fail('systemd-journal-remote missing in CI');
      return ctx.skip();
    }
    const out = join(dir, 'real.journal');
    const exp = `__REALTIME_TIMESTAMP=1508118655056703\n__MONOTONIC_TIMESTAMP=1\n_BOOT_ID=0123456789abcdef0123456789abcdef\n_HOSTNAME=ubuntu-k8s-3\nSYSLOG_IDENTIFIER=kubelet\nMESSAGE=${GOOD[0]}\n\n`;
    const made = spawnSync(remote, ['-o', out, '-'], { input: exp });
    expect(made.status).toBe(0);
    const r = await json([out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/binary journal file/);
  });
  it('NUL bytes inside one line: that line is skipped, its neighbours analysed', async () => {
    const r = await json([], `${GOOD[0]}\n${GOOD[1]!.replace('eviction', 'evic\u0000tion')}\n${GOOD[2]}\n`);
    expect(r.code).toBe(0);
    expect(r.report.summary).toMatchObject({ lines: 3, skipped: 1 });
    expect(r.report.incidents[0].rejectedPods).toHaveLength(1);
    onceOnStderr(r.stderr, /NUL byte/);
  });
  it('invalid UTF-8: the line is still analysed (U+FFFD in place of the bad bytes) and the JSON stays valid', async () => {
    const bad = Buffer.concat([Buffer.from(GOOD[2]!.replace('weave-net-3svfg', 'weave-net-3svf')), Buffer.from([0xff, 0xfe, 0x0a])]);
    const p = file('bad-utf8.log', Buffer.concat([bad, Buffer.from(GOOD[2]!.replace('3svfg', 'x\u00e9') + '\n')]));
    const r = spawnSync('node', ['bin/klog-eviction.js', ...ARGS, p], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.incidents[0].rejectedPods.map((x: { pod: string }) => x.pod)).toEqual([
      'kube-system/weave-net-3svf',
      'kube-system/weave-net-xé',
    ]);
  });
  it('CRLF line ends and a last line without a newline', async () => {
    const r = await json([], GOOD.join('\r\n'));
    expect(r.report.summary.lines).toBe(3);
    expect(r.report.incidents[0]).toMatchObject({ reclaimAttempts: 1, noPodsToEvict: 1 });
  });
  it('a 100 MB line without a newline: bounded memory, the line counted as skipped, the rest analysed', async () => {
    const chunk = Buffer.alloc(1 << 20, 0x78);
    async function* source() {
      yield Buffer.from(GOOD[0] + '\n');
      for (let i = 0; i < 100; i++) yield chunk;
      yield Buffer.from('\n' + GOOD[1] + '\n');
    }
    const an = new Analysis({ zone: zone('Asia/Shanghai'), year: 2017, now: NOW });
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    await feed(Readable.from(source()), an.input('-'));
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    const t = an.finish();
    expect(t.counters).toMatchObject({ lines: 3, skipped: 1 });
    expect(t.incidents[0]).toMatchObject({ reclaimAttempts: 1, noPodsToEvict: 1 });
    // Holding the line would take 100 MB (200 MB as a JS string); the limit keeps it near 1 MiB.
    expect(peak - before).toBeLessThan(80 * 2 ** 20);
  }, 60_000);
  it('a truncated .gz: the lines before the damage are analysed, the damage is named once', async () => {
    const whole = gzipSync(read('samples/seed-ubuntu-k8s-3.log'));
    const p = file('cut.log.gz', whole.subarray(0, Math.floor(whole.length / 2)));
    const r = await json([p]);
    expect(r.code).toBe(0);
    expect(r.report.summary.lines).toBeGreaterThan(1000);
    expect(r.report.summary.skipped).toBe(1);
    expect(r.report.incidents).toHaveLength(1);
    onceOnStderr(r.stderr, /compressed data is truncated/);
  });
  it('a corrupt .gz: nothing to analyse, said once', async () => {
    // gzip's magic and method, then bytes no deflate stream starts with (a .gz is told by its bytes, not its name)
    const p = file('corrupt.log.gz', Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), Buffer.alloc(64, 0xff)]));
    const r = await json([p]);
    expect(r.code).toBe(3);
    expect(r.report.summary).toMatchObject({ skipped: 1, nodes: 0 });
    onceOnStderr(r.stderr, /compressed data is corrupt/);
  });
  it('empty input: an empty report, exit 3 (no kubelet output: --fail-on cannot say "none"), said once', async () => {
    const r = await json([], '');
    expect(r).toMatchObject({
      code: 3,
      stderr: 'klog-eviction: standard input: empty, no kubelet output to analyse (check the unit: journalctl -u kubelet; k3s: -u k3s).\n',
    });
    expect(r.report.summary).toMatchObject({ lines: 0, nodes: 0, incidents: 0 });
    expect(r.report.notes.map((n: { kind: string }) => n.kind)).toEqual(['no-kubelet-lines']);
  });
  it('text that is not a kubelet journal: analysed, and the report says what to give instead', async () => {
    const r = await runCli(
      ['--year', '2017', '--timezone', 'UTC'],
      'Oct 16 09:50:55 host dockerd[1]: time="x" level=info msg="hello"\nplain prose\n',
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^klog-eviction: standard input: no kubelet output in its 2 lines \(the wrong unit or file\?/);
    expect(r.stdout).toMatch(/None of the 2 lines read is kubelet output\. Give the kubelet's journal: journalctl -u kubelet/);
  });
  it('timestamps out of order: the same incident as in order', async () => {
    const lines = read('samples/seed-ubuntu-k8s-3.log').split('\n').slice(1, 200);
    const swapped = [...lines];
    for (let i = 0; i + 5 < swapped.length; i += 7) [swapped[i], swapped[i + 5]] = [swapped[i + 5]!, swapped[i]!];
    const a = (await json([], lines.join('\n'))).report.incidents;
    const b = (await json([], swapped.join('\n'))).report.incidents;
    const pick = (i: { start: string; end: string; reclaimAttempts: number; rejectedPods: unknown[] }) => [
      i.start,
      i.end,
      i.reclaimAttempts,
      i.rejectedPods.length,
    ];
    expect(b.map(pick)).toEqual(a.map(pick));
  });
  it('duplicated lines of a paste are counted once, and said', async () => {
    const r = await json([], [GOOD[0], GOOD[0], GOOD[1], GOOD[1], GOOD[2]].join('\n'));
    expect(r.report.summary.duplicates).toBe(2);
    expect(r.report.incidents[0].reclaimAttempts).toBe(1);
  });
  it('a year rollover (Dec 31 → Jan 1): one incident of 20 s, not minus a year', async () => {
    const at = (d: string, t: string) =>
      `${d} ${t} n1 kubelet[1]: W${d === 'Dec 31' ? '1231' : '0101'} ${t}.000001       1 eviction_manager.go:331] eviction manager: attempting to reclaim memory`;
    const r = await runCli(
      ['-o', 'json', '--year', '2017', '--timezone', 'UTC'],
      [at('Dec 31', '23:59:50'), at('Dec 31', '23:59:59'), at('Jan 01', '00:00:10')].join('\n'),
    );
    const j = JSON.parse(r.stdout);
    expect(j.incidents).toHaveLength(1);
    expect(j.incidents[0]).toMatchObject({ start: '2017-12-31T23:59:50.000Z', end: '2018-01-01T00:00:10.000Z', durationSeconds: 20 });
  });
  it('a DST change (America/New_York, spring forward): the loop stays one incident of 30 s', async () => {
    const at = (t: string) =>
      `Mar 12 ${t} n1 kubelet[1]: W0312 ${t}.000001       1 eviction_manager.go:331] eviction manager: attempting to reclaim memory`;
    const r = await runCli(
      ['-o', 'json', '--year', '2017', '--timezone', 'America/New_York'],
      [at('01:59:40'), at('01:59:50'), at('03:00:00'), at('03:00:10')].join('\n'),
    );
    const j = JSON.parse(r.stdout);
    expect(j.incidents).toHaveLength(1);
    expect(j.incidents[0]).toMatchObject({ start: '2017-03-12T06:59:40.000Z', durationSeconds: 30 });
  });
  it('a mix of nodes and formats in one stream: each node its own lane', async () => {
    const mixed = [
      GOOD[0],
      '2024-03-14T09:21:07+0000 worker-3 kubelet[2716]: I0314 09:21:07.118203    2716 eviction_manager.go:338] "Eviction manager: attempting to reclaim" resourceName="memory"',
      '{"_HOSTNAME":"worker-4","__REALTIME_TIMESTAMP":"1710408067000000","_PID":"99","SYSLOG_IDENTIFIER":"kubelet","MESSAGE":"I0314 09:21:07.000000      99 eviction_manager.go:338] \\"Eviction manager: attempting to reclaim\\" resourceName=\\"ephemeral-storage\\""}',
      GOOD[1],
    ].join('\n');
    const r = await json([], mixed);
    expect(r.report.nodes.map((n: { name: string }) => n.name).sort()).toEqual(['ubuntu-k8s-3', 'worker-3', 'worker-4']);
    expect(r.report.incidents.map((i: { node: string; resources: string[] }) => `${i.node}:${i.resources}`).sort()).toEqual([
      'ubuntu-k8s-3:nodefs',
      'worker-3:memory',
      'worker-4:ephemeral-storage',
    ]);
  });
  it('a directory or a missing FILE: one line and exit 2; with --keep-going the others are analysed, still exit 2', async () => {
    const good = file('good.log', GOOD.join('\n'));
    const a = await json([dir, good]);
    expect(a.code).toBe(2);
    expect(a.stdout).toBe('');
    expect(a.stderr.trim().split('\n')).toHaveLength(1);
    const b = await json(['--keep-going', dir, join(dir, 'nope.log'), good]);
    expect(b.code).toBe(2);
    expect(b.report.summary.incidents).toBe(1);
    expect(b.stderr).toMatch(/is a directory/);
    expect(b.stderr).toMatch(/nope\.log: no such file/);
  });
  it('every error message names the input and what to do', async () => {
    const r = await json([join(dir, 'missing.log')]);
    expect(r.stderr).toBe(`klog-eviction: ${join(dir, 'missing.log')}: no such file\n`);
    const d = await json([dir]);
    expect(d.stderr).toMatch(/is a directory; give the journal files in it, or pipe journalctl output/);
  });
});

describe('output safety', () => {
  it('JSON is valid JSON even for invalid UTF-8 and lone surrogates in pod names', async () => {
    const p = file(
      'surrogates.log',
      Buffer.concat([Buffer.from(GOOD[2]!.replace('weave-net-3svfg', 'a')), Buffer.from([0xed, 0xa0, 0x80, 0x0a])]),
    );
    const r = spawnSync('node', ['bin/klog-eviction.js', ...ARGS, p], { encoding: 'utf8' });
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });
  it('the hostile sample never gets an escape sequence through in text', () => {
    const r = spawnSync(
      'node',
      ['bin/klog-eviction.js', '--year', '2024', '--timezone', 'UTC', '--show-unrecognized', 'samples/hostile-names.log'],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(readFileSync('samples/hostile-names.log', 'utf8')).toMatch(/\u001b/); // the input did have some
  });
});

describe('eviction words the tool could not place (issue 12, never a silent miss)', () => {
  // `kubectl describe pod` event text pasted alone: the eviction manager's words, no kubelet prefix
  const EVENT = 'Warning  Evicted  2m  kubelet  The node was low on resource: ephemeral-storage. Threshold quantity: 10Gi, available: 3Gi.';

  it('alone: the report names the first such line instead of "no kubelet output", and the exit says so', async () => {
    const other = 'Warning  Evicted  9m  kubelet  The node was low on resource: memory. Threshold quantity: 100Mi, available: 52Mi.';
    const r = await runCli(['-o', 'json'], `${EVENT}\n${other}\nsome prose\n`);
    expect(r.code).toBe(3);
    const rep = JSON.parse(r.stdout) as { notes: Array<{ kind: string; text: string }> };
    const kinds = rep.notes.map((n) => n.kind);
    expect(kinds).toContain('unplaced-lines');
    expect(kinds).not.toContain('no-kubelet-lines');
    const note = rep.notes.find((n) => n.kind === 'unplaced-lines')!;
    expect(note.text).toMatch(/^2 line\(s\)/);
    expect(note.text).toContain('line 1: "Warning  Evicted');
    expect(r.stderr).toMatch(/no line of its 3 could be placed as kubelet output, though 2 have the eviction manager's words/);
  });

  it('beside kubelet lines: read what can be read, and still say what could not be', async () => {
    const r = await runCli(ARGS, `${GOOD.join('\n')}\n${EVENT}\n`);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as { notes: Array<{ kind: string; text: string }>; summary: { kubeletLines: number } };
    expect(rep.summary.kubeletLines).toBe(3);
    expect(rep.notes.find((n) => n.kind === 'unplaced-lines')?.text).toContain('line 4: "Warning  Evicted');
  });

  it('a command pasted with its output is not an unplaced line', async () => {
    const r = await runCli(
      ARGS,
      `root@node-1:~# journalctl -u kubelet -o cat | grep imageGCManager\n$ kubectl get events | grep Evicted\n${GOOD.join('\n')}\n`,
    );
    const rep = JSON.parse(r.stdout) as { notes: Array<{ kind: string }> };
    expect(rep.notes.map((n) => n.kind)).not.toContain('unplaced-lines');
  });

  it('prose without the watched words is other text, not an unplaced line', async () => {
    const r = await runCli(ARGS, `${GOOD.join('\n')}\nthe node ran out of disk again\n`);
    const rep = JSON.parse(r.stdout) as { notes: Array<{ kind: string }> };
    expect(rep.notes.map((n) => n.kind)).not.toContain('unplaced-lines');
  });
});
