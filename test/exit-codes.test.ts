/**
 * Exit codes and messages scripts can trust (README "Exit codes", docs/report-contract.md):
 * no kubelet output is its own code (3), a failed write is one line and 74, an interrupt
 * prints the report marked partial and exits 130/143, options are checked as journalctl
 * checks them, and every message is one prefixed line with nothing raw from the input in it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EXIT, main, type CliIo } from '../src/cli/main.js';
import { parseWhen } from '../src/time/when.js';
import { zone } from '../src/time/zone.js';
import { NOW, read, ROOT, runCli } from './helpers.js';

const BIN = join(ROOT, 'bin/klog-eviction.js');
const MODERN = 'samples/modern-memory-eviction.log';
const dir = mkdtempSync(join(tmpdir(), 'klog-exit-'));
const ARGS = ['--year', '2024', '--timezone', 'UTC'];

/** main() writing into a stdout that fails every write with `code`. */
async function failingStdout(argv: string[], code: string, input = MODERN) {
  let stderr = '';
  const err = new PassThrough();
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const stdout = new Writable({
    write(_c, _e, cb) {
      cb(Object.assign(new Error(`${code}: it failed, write`), { code }));
    },
  });
  const stdin = new PassThrough();
  stdin.end(read(input));
  const io: CliIo = { stdin, stdout, stderr: err, env: {}, now: () => NOW, localZone: 'UTC' };
  return { code: await main(argv, io), stderr };
}

describe('no kubelet output at all: exit 3, never a clean "nothing found"', () => {
  it.each([
    ['empty', ''],
    ['another unit', 'Oct 16 09:50:55 host dockerd[1]: time="x" level=info msg="hello"\n'],
    ['a binary file', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0xff, 0xfe, 10]).toString('latin1')],
  ])('%s', async (_what, stdin) => {
    for (const o of ['text', 'json', 'ndjson']) {
      const r = await runCli([...ARGS, '-o', o, '--fail-on', 'eviction'], stdin);
      expect(r.code).toBe(EXIT.NO_KUBELET);
      expect(r.stderr).toMatch(/^klog-eviction: standard input: (?:empty|no kubelet output)/m);
    }
  });
  it('one input of several without kubelet output: 3, naming it; the others are still reported', async () => {
    const empty = join(dir, 'node4.log');
    writeFileSync(empty, '');
    const r = await runCli([...ARGS, '-o', 'json', MODERN, empty]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      `klog-eviction: ${empty}: empty, no kubelet output to analyse (check the unit: journalctl -u kubelet; k3s: -u k3s).\n`,
    );
    expect(JSON.parse(r.stdout).incidents.length).toBeGreaterThan(0);
  });
  it('--fail-on still says 1 when every input is kubelet output and the condition is met; 0 when not', async () => {
    expect((await runCli([...ARGS, '--fail-on', 'eviction', MODERN])).code).toBe(EXIT.FAIL_ON);
    expect((await runCli([...ARGS, '--fail-on', 'eviction', 'samples/seed-ubuntu-k8s-3.log'])).code).toBe(EXIT.OK);
  });
  it('--keep-going keeps its meaning: an unreadable FILE is named, the others analysed, exit 2', async () => {
    const r = await runCli([...ARGS, '--keep-going', '-o', 'json', join(dir, 'missing.log'), MODERN]);
    expect(r.code).toBe(EXIT.UNREADABLE);
    expect(r.stderr).toMatch(/missing\.log: no such file/);
    expect(JSON.parse(r.stdout).summary.kubeletLines).toBe(126);
  });
});

describe('the report cannot be written', () => {
  it('ENOSPC: one line naming it, exit 74, no stack trace', async () => {
    for (const o of ['text', 'json', 'ndjson']) {
      const r = await failingStdout([...ARGS, '-o', o], 'ENOSPC');
      expect(r.code).toBe(EXIT.OUTPUT);
      expect(r.stderr).toBe('klog-eviction: cannot write the report to standard output: ENOSPC (it failed, write)\n');
    }
  });
  it('a report of many writes (the seed as JSON, 1.6 MB) stops at the first failed one: no wait for a drain that never comes', async () => {
    const r = await failingStdout([...ARGS, '-o', 'json'], 'ENOSPC', 'samples/seed-ubuntu-k8s-3.log');
    expect(r.code).toBe(EXIT.OUTPUT);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });
  it('a closed pipe (EPIPE) ends quietly with 0', async () => {
    const r = await failingStdout([...ARGS, '-o', 'ndjson'], 'EPIPE');
    expect(r).toEqual({ code: 0, stderr: '' });
  });
  it('> /dev/full (spawned): exit 74 and one line', () => {
    const r = spawnSync('bash', ['-c', `node ${BIN} ${ARGS.join(' ')} ${MODERN} > /dev/full`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(74);
    expect(r.stderr).toBe('klog-eviction: cannot write the report to standard output: ENOSPC (no space left on device, write)\n');
  });
  it('| head (spawned): exit 0, nothing on stderr', () => {
    const r = spawnSync(
      'bash',
      ['-o', 'pipefail', '-c', `node ${BIN} ${ARGS.join(' ')} -o ndjson samples/seed-ubuntu-k8s-3.log | head -c 100 >/dev/null`],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('interrupted: the report of what was read, marked partial, exit 130 / 143', () => {
  /** bin/ reading a pipe that stays open; `signal` sent once the first lines are in */
  function interrupted(signal: 'SIGINT' | 'SIGTERM', output: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, ...ARGS, '-o', output], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.stdin.write(read(MODERN));
      // a moment for the lines to be read, then the signal (the pipe is still open)
      setTimeout(() => child.kill(signal), 800);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s: exit %i; json says partial, and has the interrupted note',
    async (sig, code) => {
      const r = await interrupted(sig, 'json');
      expect(r.code).toBe(code);
      const j = JSON.parse(r.stdout);
      expect(j.summary).toMatchObject({ partial: true, kubeletLines: 126 });
      expect(j.notes[0]).toMatchObject({ kind: 'interrupted', text: expect.stringContaining(`interrupted (${sig})`) });
      expect(r.stderr).toMatch(
        new RegExp(`^klog-eviction: interrupted \\(${sig}\\): the report covers the 126 lines read before it\\.\n$`),
      );
    },
    20_000,
  );
  it.each(['text', 'markdown', 'html', 'ndjson'])(
    '-o %s shows it too',
    async (o) => {
      const r = await interrupted('SIGINT', o);
      expect(r.code).toBe(130);
      expect(r.stdout).toMatch(o === 'ndjson' ? /"kind":"summary".*"partial":true/ : /Reading was interrupted \(SIGINT\)/);
    },
    20_000,
  );
});

describe('options are checked as journalctl checks them', () => {
  const usage = async (args: string[]) => {
    const r = await runCli([...args, MODERN]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    return r.stderr;
  };
  it.each(['+25:00', '+99:00', '-99:99', '+14:30', '+05:60'])('--timezone %s is refused', async (tz) => {
    expect(await usage(['--timezone', tz])).toMatch(
      /^klog-eviction: --timezone: offset ".*" is not a time zone: offsets run from -14:00 to \+14:00/,
    );
  });
  it.each(['+14:00', '-12:00', '+05:45', '-0930', 'UTC+08:00'])('--timezone %s is a zone', (tz) => {
    expect(() => zone(tz)).not.toThrow();
  });
  it('--gap needs a unit', async () => {
    expect(await usage(['--gap', '5'])).toBe(
      "klog-eviction: option '--gap <duration>' argument '5' is invalid. needs a unit: 5s, 5m or 5h.\nSee klog-eviction --help.\n",
    );
    expect((await runCli([...ARGS, '--gap', '90s', MODERN])).code).toBe(1 - 1);
  });
  it("commander's messages carry the prefix and the way to the help, with nothing raw from the command line", async () => {
    expect(await usage(['--no-such-option'])).toBe("klog-eviction: unknown option '--no-such-option'\nSee klog-eviction --help.\n");
    expect(await usage(['-o', '\u001b[31mred'])).toMatch(/^klog-eviction: option '-o, --output <format>' argument 'red' is invalid\./);
  });
  const ctx = { now: NOW, zone: zone('Asia/Shanghai') };
  it.each([
    ['@1508118655', Date.UTC(2017, 9, 16, 1, 50, 55)],
    ['@1508118655.5', Date.UTC(2017, 9, 16, 1, 50, 55, 500)],
    ['Mon 2017-10-16 09:50:55', Date.UTC(2017, 9, 16, 1, 50, 55)],
    ['Monday 2017-10-16 09:50', Date.UTC(2017, 9, 16, 1, 50)],
    ['2017-10-16 01:50:55 UTC', Date.UTC(2017, 9, 16, 1, 50, 55)],
    ['2017-10-16 03:50:55 Europe/Berlin', Date.UTC(2017, 9, 16, 1, 50, 55)],
    ['2017-10-16T09:50:55+08:00', Date.UTC(2017, 9, 16, 1, 50, 55)],
  ])('--since %s', (v, want) => expect(parseWhen(v, ctx)).toBe(want));
  it.each(['Tue 2017-10-16 09:50:55', '2017-02-31', '2017-10-16 09:50 +25:00', '@1e20', '2017-10-16 09:50 Nowhere/Land'])(
    '--since %s is refused',
    async (v) => {
      expect(() => parseWhen(v, ctx)).toThrow(RangeError);
      expect(await usage(['--since', v])).toMatch(/^klog-eviction: --since: /);
    },
  );
  it('--help names every exit code', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of [
      '0 analysed',
      '1 a --fail-on',
      '2 bad usage',
      '3 an input with no kubelet output',
      '74 the report could not be written',
      '130/143',
    ]) {
      expect(r.stdout.replace(/\s+/g, ' ')).toContain(c);
    }
  });
});

describe('nothing raw from file names reaches the terminal', () => {
  /** a terminal control sequence or a C0/C1 control character (TAB and LF aside) */
  const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
  it('in evidence references, --show-unrecognized and stderr', async () => {
    const evil = join(dir, 'node\u001b]0;PWNED\u0007\u001b[2J.log');
    // an eviction-related line no rule knows (for --show-unrecognized), then a known one
    writeFileSync(
      evil,
      'Mar 14 09:21:07 worker-3 kubelet[2716]: I0314 09:21:07.118203    2716 eviction_manager.go:999] "Eviction manager: something new" resourceName="memory"\n' +
        read(MODERN),
    );
    const missing = join(dir, 'gone\u001b[5m.log');
    const r = await runCli([...ARGS, '--show-unrecognized', '--keep-going', evil, missing, MODERN]);
    expect(r.code).toBe(EXIT.UNREADABLE);
    expect(r.stdout).toMatch(/node\]0;PWNED|node.*\.log:\d+/); // the name is cited, its controls are not
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stderr).toMatch(/gone.*\.log: no such file/);
    expect(r.stderr).not.toMatch(CONTROL);
  });
});
