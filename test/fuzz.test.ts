/**
 * Mutated real excerpts, bounded (fixed seed, a few thousand cases): the public excerpts of
 * samples/real/ cut at random lines, with bytes flipped, cut, inserted (NUL runs, a BOM, a
 * lone CR, junk), then stored as a user might have stored them (gzip, UTF-16 LE/BE with or
 * without a BOM, CRLF, lone CR), through the whole CLI (`main`, standard input). Each run
 * ends with an exit code from the closed set, no stack trace and no internal error on
 * stderr, valid JSON on stdout, and no phantom node: every node named occurs in the input.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers.js';

const REAL = join(ROOT, 'samples/real');
const excerpts = readdirSync(REAL)
  .filter((f) => f.endsWith('.log'))
  .map((f) => readFileSync(join(REAL, f)));

/** One change to the bytes. */
type Mutation =
  | { readonly kind: 'flip'; readonly at: number; readonly mask: number }
  | { readonly kind: 'cut'; readonly at: number }
  | { readonly kind: 'insert'; readonly at: number; readonly bytes: Uint8Array }
  /** more digits in a number (a stamp with an extra digit: a year 50,000, a `ts` past any date) */
  | { readonly kind: 'digits'; readonly nth: number; readonly more: string };

const insertion = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 12 }),
  fc.integer({ min: 1, max: 600 }).map((n) => new Uint8Array(n)), // NUL padding
  fc.constantFrom(
    Uint8Array.from([0xef, 0xbb, 0xbf]),
    Uint8Array.from([0x0d]),
    Uint8Array.from([0x0a]),
    Uint8Array.from([0x1b, 0x5b, 0x32, 0x4a]),
  ),
  fc.constantFrom('{"', '"}', '\\', ']', '" ', '=<', '9', '\u00e9', '月').map((s) => Buffer.from(s)),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: insertion }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('digits' as const),
      nth: fc.nat(),
      more: fc.constantFrom('9', '0000', '99999', 'e400', '.5'),
    }),
  },
);
type Storage = 'plain' | 'gzip' | 'utf16le-bom' | 'utf16le' | 'utf16be' | 'crlf' | 'cr';
const storage = fc.constantFrom<Storage>('plain', 'plain', 'plain', 'gzip', 'utf16le-bom', 'utf16le', 'utf16be', 'crlf', 'cr');

function mutate(b: Buffer, ms: readonly Mutation[]): Buffer {
  let out = b;
  for (const m of ms) {
    if (out.length === 0) break;
    const at = m.kind === 'digits' ? 0 : m.at % out.length;
    if (m.kind === 'flip') {
      out = Buffer.from(out);
      out[at] = out[at]! ^ m.mask;
    } else if (m.kind === 'cut') out = out.subarray(0, at);
    else if (m.kind === 'insert') out = Buffer.concat([out.subarray(0, at), m.bytes, out.subarray(at)]);
    else {
      const digits: number[] = [];
      for (let i = 0; i < out.length; i++) if (out[i]! >= 0x30 && out[i]! <= 0x39) digits.push(i + 1);
      if (digits.length === 0) continue;
      const d = digits[m.nth % digits.length]!;
      out = Buffer.concat([out.subarray(0, d), Buffer.from(m.more), out.subarray(d)]);
    }
  }
  return out;
}

function store(b: Buffer, how: Storage): Buffer {
  const text = b.toString('utf8');
  switch (how) {
    case 'plain':
      return b;
    case 'gzip':
      return gzipSync(b);
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le')]);
    case 'utf16le':
      return Buffer.from(text, 'utf16le');
    case 'utf16be':
      return Buffer.from(text, 'utf16le').swap16();
    case 'crlf':
      return Buffer.from(b.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
    case 'cr':
      return Buffer.from(b.toString('latin1').replace(/\n/g, '\r'), 'latin1');
  }
}

const EXIT_CODES = new Set([0, 1, 2, 3]);
const RUNS = 2500;

describe('mutated real excerpts (fuzz, bounded)', () => {
  it(`${RUNS} cases: a closed exit code, no stack trace, valid JSON, no phantom node`, async () => {
    let withNodes = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat(excerpts.length - 1),
        fc.nat(),
        fc.integer({ min: 1, max: 60 }),
        fc.array(mutation, { maxLength: 4 }),
        storage,
        fc.constantFrom('json', 'json', 'json', 'ndjson', 'text'),
        async (which, from, count, ms, how, output) => {
          const lines = excerpts[which]!.toString('latin1').split('\n');
          const start = from % lines.length;
          const plain = mutate(Buffer.from(lines.slice(start, start + count).join('\n') + '\n', 'latin1'), ms);
          const r = await runCli(['-o', output, '--timezone', 'UTC', '--year', '2020'], store(plain, how));
          expect(EXIT_CODES.has(r.code), `exit ${r.code}: ${r.stderr}`).toBe(true);
          expect(r.stderr).not.toMatch(/internal error|\n\s+at |Error:/);
          // what the user's file holds, read either way the tool may read a name (UTF-8, or byte for byte)
          const input = `${plain.toString('utf8')}\n${plain.toString('latin1')}`;
          let nodes: string[] = [];
          if (output === 'json') nodes = (JSON.parse(r.stdout) as { nodes: Array<{ name: string }> }).nodes.map((n) => n.name);
          else if (output === 'ndjson') {
            const recs = r.stdout
              .split('\n')
              .filter(Boolean)
              .map((l) => JSON.parse(l) as { kind: string; node?: string });
            expect(recs[recs.length - 1]!.kind).toBe('summary');
            nodes = [...new Set(recs.flatMap((x) => (x.node !== undefined ? [x.node] : [])))];
          }
          if (nodes.length > 0) withNodes++;
          for (const n of nodes) if (n !== 'unknown') expect(input, `phantom node ${JSON.stringify(n)}`).toContain(n);
        },
      ),
      { seed: 14, numRuns: RUNS },
    );
    // the mutations leave most excerpts readable: the property is about real reports, not empty ones
    expect(withNodes).toBeGreaterThan(RUNS / 4);
  }, 300_000);
});
