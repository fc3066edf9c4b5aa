/**
 * Text on a terminal: wrapped to its width with continuation lines indented and no word cut
 * (commands and settings kept whole), one line per row when piped; colour by the conventions
 * (`--color=auto|always|never`, NO_COLOR only when not empty, FORCE_COLOR); the progress line
 * only where it can be redrawn and erased.
 */
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main, useColor, type CliIo } from '../src/cli/main.js';
import { columns, wrapLine } from '../src/render/text.js';
import { NOW, read } from './helpers.js';

interface Tty {
  stdoutTTY?: boolean;
  columns?: number;
  stderrTTY?: boolean;
  env?: Record<string, string>;
}

async function run(argv: string[], tty: Tty = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdin = new PassThrough();
  stdin.end('');
  const out = Object.assign(new PassThrough(), tty.stdoutTTY ? { isTTY: true, ...(tty.columns ? { columns: tty.columns } : {}) } : {});
  const err = Object.assign(new PassThrough(), tty.stderrTTY ? { isTTY: true, columns: 100 } : {});
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const io: CliIo = { stdin, stdout: out, stderr: err, env: tty.env ?? {}, now: () => NOW, localZone: 'UTC' };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const SEED = ['--year', '2017', '--timezone', 'Asia/Shanghai', '-q', 'samples/seed-ubuntu-k8s-3.log'];
const MODERN = ['--timezone', 'UTC', '-q', 'samples/modern-memory-eviction.log'];

describe('wrapLine', () => {
  const word = fc.stringMatching(/^[a-z0-9./<%×…→-]{1,30}$/);
  it('never cuts a word, keeps every word in order, continuation lines hang', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 6 }),
        fc.array(word, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 30, max: 140 }),
        (indent, words, width) => {
          const line = `${' '.repeat(indent)}- ${words.join(' ')}`;
          const got = wrapLine(line, width);
          expect(got.join(' ').split(/ +/).filter(Boolean)).toEqual(['-', ...words]);
          got.forEach((l, k) => {
            // only a word longer than the room is allowed past the width, alone on its line
            if (columns(l) > width) expect(l.trim().split(' ').length).toBe(k === 0 ? 2 : 1);
            if (k > 0) expect(l.startsWith(' '.repeat(indent + 2))).toBe(true);
          });
        },
      ),
    );
  });
  it('hangs under a time column', () => {
    const l = `  06:00:12 … 16:55:55  Pod rejected at admission [DiskPressure] ×2,118  default/portal-* (539), kube-system/weave-net-* (789)`;
    const got = wrapLine(l, 80);
    expect(got[1]!.startsWith(`${' '.repeat(23)}`)).toBe(true);
    expect(got[1]![23]).not.toBe(' ');
  });
  it('counts wide characters as two columns and colour as none', () => {
    expect(columns('节点')).toBe(4);
    expect(columns('\u001b[1mbold\u001b[0m')).toBe(4);
  });
});

describe('text on a terminal fits it; piped text keeps one line per row', () => {
  for (const [name, args] of [
    ['seed', SEED],
    ['modern', MODERN],
  ] as const) {
    it(`${name}: 100 columns`, async () => {
      const tty = await run([...args], { stdoutTTY: true, columns: 100, env: { NO_COLOR: '1' } });
      expect(tty.code).toBe(0);
      const lines = tty.stdout.split('\n');
      for (const l of lines) {
        // a longer line is a setting to copy whole (no space to break at after its indent)
        if (columns(l) > 100) expect(l.trim()).not.toMatch(/ /);
      }
      expect(lines.some((l) => columns(l) > 90)).toBe(true);
      const piped = await run([...args]);
      expect(piped.stdout.split('\n').some((l) => columns(l) > 150)).toBe(true);
      // the same words, only the line breaks differ
      const words = (s: string) => s.split(/\s+/).filter(Boolean);
      expect(words(tty.stdout)).toEqual(words(piped.stdout));
    });
  }
  it('the width comes from the terminal, else COLUMNS', async () => {
    const whole = new Set((await run(SEED)).stdout.split('\n'));
    const a = await run(SEED, { stdoutTTY: true, env: { COLUMNS: '60', NO_COLOR: '1' } });
    // past 60 columns only what is never wrapped: commands and settings, as they are piped
    for (const l of a.stdout.split('\n')) if (columns(l) > 60) expect(whole.has(l), l).toBe(true);
    expect(a.stdout.split('\n').filter((l) => columns(l) > 60).length).toBeLessThan(12);
    const b = await run(SEED, { stdoutTTY: true, columns: 120, env: { COLUMNS: '60', NO_COLOR: '1' } });
    expect(Math.max(...b.stdout.split('\n').map(columns))).toBeGreaterThan(60);
  });
});

describe('colour follows the conventions', () => {
  const tty = { isTTY: true };
  const pipe = {};
  it.each<[string | boolean | undefined, Record<string, string>, object, boolean]>([
    [undefined, {}, tty, true],
    [undefined, {}, pipe, false],
    [undefined, { NO_COLOR: '1' }, tty, false],
    // no-color.org: an empty NO_COLOR is as if unset
    [undefined, { NO_COLOR: '' }, tty, true],
    [undefined, { TERM: 'dumb' }, tty, false],
    [undefined, { FORCE_COLOR: '1' }, pipe, true],
    [undefined, { FORCE_COLOR: '1', NO_COLOR: '1' }, pipe, true],
    [undefined, { FORCE_COLOR: '0' }, tty, false],
    [undefined, { FORCE_COLOR: '' }, pipe, false],
    ['auto', {}, tty, true],
    ['always', { NO_COLOR: '1' }, pipe, true],
    ['never', { FORCE_COLOR: '1' }, tty, false],
    [false, {}, tty, false],
  ])('--color=%s with %j on %j → %s', (when, env, stdout, want) => {
    expect(useColor(when, { env, stdout: stdout as CliIo['stdout'] })).toBe(want);
  });
  it('on the command line: --color, --color=WHEN, --no-color; --color FILE keeps FILE a file', async () => {
    const sgr = /\u001b\[/;
    expect((await run(['--color', ...MODERN])).stdout).toMatch(sgr);
    expect((await run(['--color=always', ...MODERN])).stdout).toMatch(sgr);
    expect((await run(['--color=never', ...MODERN], { stdoutTTY: true })).stdout).not.toMatch(sgr);
    expect((await run(['--no-color', ...MODERN], { stdoutTTY: true })).stdout).not.toMatch(sgr);
    expect((await run([...MODERN], { stdoutTTY: true, env: { NO_COLOR: '' } })).stdout).toMatch(sgr);
    expect((await run([...MODERN], { stdoutTTY: true, env: { NO_COLOR: 'yes' } })).stdout).not.toMatch(sgr);
    const bad = await run(['--color=sometimes', ...MODERN]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/sometimes/);
  });
});

describe('the progress line', () => {
  it('is drawn on a terminal that can redraw, never on TERM=dumb', async () => {
    const args = ['--timezone', 'UTC', '-o', 'json', 'samples/modern-memory-eviction.log'];
    expect((await run(args, { stderrTTY: true })).stderr).toMatch(/^\r\u001b\[Kklog-eviction: \d+%/);
    expect((await run(args, { stderrTTY: true, env: { TERM: 'dumb' } })).stderr).toBe('');
  });
  it('is drawn for a .gz file, against its compressed size, and for standard input from a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'klog-eviction-progress-'));
    try {
      const text = read('samples/seed-ubuntu-k8s-3.log');
      const gz = join(dir, 'seed.log.gz');
      const packed = gzipSync(text);
      writeFileSync(gz, packed);
      const r = await run(['--year', '2017', '--timezone', 'UTC', '-o', 'json', gz], { stderrTTY: true });
      expect(r.code).toBe(0);
      const frames = r.stderr.split('\r\u001b[K').filter(Boolean);
      expect(frames.length).toBeGreaterThan(0);
      // the total is the file's size, not what it unpacks to
      for (const f of frames) expect(f).toContain(`of ${(packed.length / 2 ** 20).toFixed(1)} MiB`);
      expect(r.stderr.endsWith('\r\u001b[K')).toBe(true);
      // `< seed.log`: standard input is the file; its size is known
      const plain = join(dir, 'seed.log');
      writeFileSync(plain, text);
      const fd = openSync(plain, 'r');
      const stdin = Object.assign(createReadStream(plain, { fd, autoClose: false }), { fd });
      const err = Object.assign(new PassThrough(), { isTTY: true, columns: 100 });
      let stderr = '';
      err.on('data', (c: Buffer) => (stderr += c.toString()));
      const out = new PassThrough();
      out.resume();
      const code = await main(['--year', '2017', '--timezone', 'UTC', '-o', 'json'], {
        stdin,
        stdout: out,
        stderr: err,
        env: {},
        now: () => NOW,
        localZone: 'UTC',
      });
      closeSync(fd);
      expect(code).toBe(0);
      expect(stderr).toContain(`of ${(text.length / 2 ** 20).toFixed(1)} MiB`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('is never wider than the terminal, so that erasing it leaves nothing', async () => {
    const args = ['--timezone', 'UTC', '-o', 'json', 'samples/modern-memory-eviction.log'];
    const stdin = new PassThrough();
    stdin.end('');
    const err = Object.assign(new PassThrough(), { isTTY: true, columns: 30 });
    let stderr = '';
    err.on('data', (c: Buffer) => (stderr += c.toString()));
    const out = new PassThrough();
    out.resume();
    await main(args, { stdin, stdout: out, stderr: err, env: {}, now: () => NOW, localZone: 'UTC' });
    for (const f of stderr.split('\r\u001b[K').filter(Boolean)) expect(f.length).toBeLessThan(30);
  });
  it('is not drawn while ndjson records go to the same terminal', async () => {
    const r = await run(['--timezone', 'UTC', '-o', 'ndjson', 'samples/modern-memory-eviction.log'], { stderrTTY: true, stdoutTTY: true });
    expect(r.stderr).toBe('');
  });
});
