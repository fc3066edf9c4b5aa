/**
 * Conformance against the REAL journalctl, at test time: every sample is turned
 * into a journal export stream (each line's host, identifier, PID, time and
 * message, as the line says them), made into a real journal file by
 * systemd-journal-remote, and rendered by `journalctl --file` in every output
 * format × locale × time zone. Each rendering must give the sample's own JSON
 * report, up to the normalisation written per format in FORMATS below.
 *
 * The seed sample (14,434 lines) is cut to keep this quick: the first half of
 * every fifth minute (06:00:00–06:00:29, 06:05:00–06:05:29 …, so the 10-second
 * loop never pauses for as long as the 5m gap), plus everything in 09:53–09:56
 * (the first restart) and from 16:55 to the end (the threshold change and the
 * quiet after it): 1,638 lines that tell the same story (one nodefs incident
 * 06:00:05 → 16:55:59 ended by the threshold change, two restarts,
 * nodefs.available 10% → 5%, defaults dropped; asserted below).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { decodeJournalLine, type JournalLine } from '../src/journal/decode.js';
import { isVerboseHeader } from '../src/journal/verbose.js';
import { decodeKlog } from '../src/klog/decode.js';
import { wallToUtc, zone } from '../src/time/zone.js';
import { SAMPLE_ARGS } from '../scripts/sample-args.mjs';
import { NOW, ROOT } from './helpers.js';
import { buildJournal, journalctl, requireSystemdTools } from './journal-tools.js';

const HAVE = requireSystemdTools('journalctl conformance suite');

const LOCALES = ['C.UTF-8', 'zh_CN.UTF-8', 'ja_JP.UTF-8', 'ko_KR.UTF-8', 'de_DE.UTF-8', 'fr_FR.UTF-8', 'ru_RU.UTF-8'];
const ZONES = ['UTC', 'Asia/Shanghai', 'America/New_York'];

interface Sample {
  readonly file: string;
  /** the zone and year the sample's year-less stamps and klog headers were written in */
  readonly zone: string;
  readonly year: number;
  readonly host: string;
  /** the lines to use (the seed is cut, see above) */
  readonly lines: (all: string[]) => string[];
  /** its first entry is a line without a klog header (systemd's "Started kubelet") */
  readonly leadingHeaderless?: boolean;
}

function seedCut(all: string[]): string[] {
  return all.filter((l) => {
    const m = /^\S+ +\d+ (\d\d):(\d\d):(\d\d)/.exec(l);
    if (!m) return true;
    const t = Number(m[1]) * 60 + Number(m[2]);
    return (t % 5 === 0 && Number(m[3]) < 30) || (t >= 9 * 60 + 53 && t < 9 * 60 + 57) || t >= 16 * 60 + 55;
  });
}

const SAMPLES: Sample[] = [
  { file: 'seed-ubuntu-k8s-3.log', zone: 'Asia/Shanghai', year: 2017, host: 'ubuntu-k8s-3', lines: seedCut },
  { file: 'modern-memory-eviction.log', zone: 'UTC', year: 2024, host: 'worker-3', lines: (a) => a, leadingHeaderless: true },
];

type Fmt =
  | 'short'
  | 'short-precise'
  | 'short-iso'
  | 'short-iso-precise'
  | 'short-full'
  | 'short-unix'
  | 'short-monotonic'
  | 'with-unit'
  | 'cat'
  | 'json'
  | 'json-seq'
  | 'json-sse'
  | 'export'
  | 'verbose';

/**
 * Per format: the arguments a user gives for it, and how its report may
 * differ from the sample's (`norm`). `tz` is the zone journalctl rendered in.
 */
const FORMATS: Record<
  Fmt,
  { args: (s: Sample, tz: string) => string[]; norm?: (want: Report, s: Sample, tz: string) => void; why: string }
> = {
  // No year, no zone: the reader says which (--year, --timezone = the rendering's zone).
  // The report's `timezone` is then the rendering's zone; every instant is the same.
  short: {
    args: (s, tz) => ['--year', `${s.year}`, '--timezone', tz],
    norm: (w, _s, tz) => (w.timezone = tz),
    why: 'no year, no zone: --year, --timezone of the rendering',
  },
  'short-precise': { args: (s, tz) => ['--year', `${s.year}`, '--timezone', tz], norm: (w, _s, tz) => (w.timezone = tz), why: 'as short' },
  // A year, but the zone as an abbreviation (CST is China or US Central): --timezone.
  'short-full': {
    args: (_s, tz) => ['--timezone', tz],
    norm: (w, _s, tz) => (w.timezone = tz),
    why: 'zone abbreviation: --timezone of the rendering',
  },
  'with-unit': {
    args: (_s, tz) => ['--timezone', tz],
    norm: (w, _s, tz) => (w.timezone = tz),
    why: 'as short-full; systemd shows as init.scope[1]',
  },
  // Instants: nothing to add (the sample's zone is passed only as the display zone).
  'short-iso': { args: (s) => ['--timezone', s.zone], why: 'instant (offset), whole seconds (the klog header gives the fraction)' },
  'short-iso-precise': { args: (s) => ['--timezone', s.zone], why: 'instant' },
  'short-unix': { args: (s) => ['--timezone', s.zone], why: 'instant' },
  json: { args: (s) => ['--timezone', s.zone], why: 'instant, random key order' },
  'json-seq': { args: (s) => ['--timezone', s.zone], why: 'as json, RS-prefixed' },
  // (systemd-journal-gatewayd's Server-Sent Events: `data: ` before each record, a blank line after)
  'json-sse': { args: (s) => ['--timezone', s.zone], why: 'as json, `data: `-prefixed' },
  export: { args: (s) => ['--timezone', s.zone], why: 'multi-line records' },
  // (a header with the time in journalctl's zone and the cursor, whose t= is the realtime; the
  // fields indented under it, a value's line ends indented to the column after its `=`)
  verbose: { args: (s) => ['--timezone', s.zone], why: 'multi-line records: the cursor gives the instant' },
  // No wall time at all (seconds since boot): the klog header's time, in the kubelet's zone, with
  // --year; a line without a header (systemd's) gets header time + its monotonic distance. A
  // header-less line BEFORE the first header (the modern sample's first line, systemd's
  // "Started kubelet") has no time: its start is compared by pid and version only, and
  // firstSeen is the first kubelet line's.
  'short-monotonic': {
    args: (s) => ['--year', `${s.year}`, '--timezone', s.zone],
    why: 'no wall time: klog header time in the kubelet zone',
  },
  // The message only: no host (--node-name gives it), no time (klog header), no identifier:
  // systemd's own lines are read by their words about the kubelet's unit (`Started kubelet: …`,
  // `kubelet.service: Main process exited, …`); a stop takes the time of the line before it, a
  // start the time of the kubelet's next line (the starts compared by PID and version).
  cat: {
    args: (s) => ['--year', `${s.year}`, '--timezone', s.zone, '--node-name', s.host],
    norm: (w) => {
      w.normalisedStarts = true;
    },
    why: "no host, time or identifier: --node-name, klog header time; systemd's lines by their words",
  },
};

// ---------------------------------------------------------------------------------------------

interface Report {
  timezone: string;
  summary: Record<string, number> & {
    otherLines: number;
    kubeletLines: number;
    events: number;
    systemdLines: number;
    systemdEvents: number;
  };
  nodes: Array<{ kubeletStarts: Array<Record<string, unknown>> }>;
  incidents: Array<{ restarts: unknown[] }>;
  normalisedStarts?: boolean;
  [k: string]: unknown;
}

/** The instant (µs) of a sample line, from what the line says (klog micros when `short` has none). */
function usecOf(j: Extract<JournalLine, { type: 'entry' }>, s: Sample): bigint {
  const k = decodeKlog(j.message);
  const t = j.time;
  if (!t) throw new Error(`no time in ${j.message}`);
  let ms: number;
  let micros: number | undefined;
  if (t.kind === 'instant') {
    ms = Math.floor(t.ms / 1000) * 1000;
    micros = t.precise ? Math.round((t.ms - ms) * 1000) : undefined;
  } else {
    ms = wallToUtc(zone(s.zone), t.year ?? s.year, t.month, t.day, t.hour, t.minute, t.second);
    micros = t.micros;
  }
  if (micros === undefined && k.time?.kind === 'wall' && k.time.second === new Date(ms).getUTCSeconds()) micros = k.time.micros;
  return BigInt(ms) * 1000n + BigInt(micros ?? 0);
}

function field(name: string, value: string | number | bigint): string {
  const v = String(value);
  if (v.includes('\n')) throw new Error('multi-line field'); // none in the samples
  return `${name}=${v}\n`;
}

/** The sample's entries as a Journal Export Format stream. */
function toExport(lines: string[], s: Sample): { stream: Buffer; entries: number } {
  const parts: string[] = [];
  let bootUsec: bigint | undefined;
  let n = 0;
  for (const line of lines) {
    const j = decodeJournalLine(line);
    if (j.type !== 'entry') continue;
    if (!j.host || !j.ident) throw new Error(`sample line without host/identifier: ${line}`);
    const rt = usecOf(j, s);
    bootUsec ??= rt - 3_600_000_000n;
    const systemd = j.ident === 'systemd';
    parts.push(
      field('__REALTIME_TIMESTAMP', rt),
      field('__MONOTONIC_TIMESTAMP', rt - bootUsec),
      field('_BOOT_ID', '5e1f0c3ad2b94a6f8c7e0b1d2a3f4c5d'),
      field('_HOSTNAME', j.host),
      field('_TRANSPORT', systemd ? 'journal' : 'stdout'),
      field('PRIORITY', 6),
      field('SYSLOG_IDENTIFIER', j.ident),
      field('_PID', j.pid ?? 1),
      field('_COMM', j.ident),
      field('_SYSTEMD_UNIT', systemd ? 'init.scope' : `${j.ident}.service`),
      ...(systemd ? [field('UNIT', 'kubelet.service')] : []),
      field('MESSAGE', j.message),
      '\n',
    );
    n++;
  }
  return { stream: Buffer.from(parts.join(''), 'utf8'), entries: n };
}

async function cli(argv: string[], input: Buffer): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdin = new PassThrough();
  const out = new PassThrough();
  const err = new PassThrough();
  const o: Buffer[] = [];
  let stderr = '';
  out.on('data', (c: Buffer) => o.push(c));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  stdin.end(input);
  const code = await main(argv, { stdin, stdout: out, stderr: err, env: {}, now: () => NOW, localZone: 'UTC' });
  return { code, stdout: Buffer.concat(o).toString('utf8'), stderr };
}

/** line number → ordinal of the journal entry it belongs to (1-based), per rendering. */
function ordinals(text: string, fmt: Fmt | 'sample'): Int32Array {
  const lines = text.split('\n');
  const ord = new Int32Array(lines.length + 2);
  let n = 0;
  lines.forEach((l, i) => {
    const starts =
      fmt === 'export' ? l.startsWith('__CURSOR=') : fmt === 'verbose' ? isVerboseHeader(l) : decodeJournalLine(l).type === 'entry';
    if (starts) n++;
    ord[i + 1] = n;
  });
  return ord;
}

/**
 * What must be equal: the report with every citation made format-neutral (a
 * line number becomes the ordinal of its journal entry) and the number of
 * physical lines left out (an export record is a dozen lines, the sample has a
 * banner line journalctl does not print).
 */
function neutral(reportJson: string, ord: Int32Array, starts?: 'drop-systemd'): Report {
  const r = JSON.parse(reportJson, (k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && 'input' in v && 'line' in v) {
      const { input: _i, line, ...rest } = v as { input: string; line: number };
      return { entry: ord[line], ...rest };
    }
    return v;
  }) as Report;
  delete (r.summary as Record<string, unknown>)['lines'];
  if (starts) {
    // A start announced by a line without time is seen at the kubelet's first line instead of
    // systemd's "Started": keep pid and version (a start of unknown time and pid is dropped).
    for (const n of r.nodes) {
      n.kubeletStarts = n.kubeletStarts.filter((x) => x['pid'] !== null).map(({ pid, version }) => ({ pid, version }));
      delete (n as Record<string, unknown>)['firstSeen'];
    }
    r.summary.kubeletLines += r.summary.otherLines;
    r.summary.otherLines = 0;
    for (const i of r.incidents) i.restarts = i.restarts.map((x) => ({ pid: (x as { pid: unknown }).pid }));
  }
  return r;
}

const matrix = new Map<string, 'pass' | 'FAIL'>();

describe.skipIf(!HAVE)("the real journalctl: every format × locale × zone gives the sample's report", () => {
  const dir = mkdtempSync(join(tmpdir(), 'klog-conformance-'));
  const locales = spawnSync('locale', ['-a'], { encoding: 'utf8' }).stdout.toLowerCase().split('\n');
  const missing = LOCALES.filter((l) => !locales.includes(l.toLowerCase().replace('utf-8', 'utf8')));
  it('every locale is installed (glibc would silently render in C)', () => {
    expect(missing, 'generate them: see .ci/run').toEqual([]);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    const rows = [...matrix.entries()];
    const failed = rows.filter(([, v]) => v === 'FAIL').map(([k]) => k);
    console.log(
      `journalctl conformance: ${rows.length - failed.length}/${rows.length} renderings give the sample's report${failed.length ? `; failing: ${failed.join(', ')}` : ''}`,
    );
  });

  for (const s of SAMPLES) {
    describe(s.file, () => {
      let journal = '';
      let want: Report;
      let wantStarts: Report;
      const cache = new Map<string, string>();
      beforeAll(async () => {
        const all = readFileSync(join(ROOT, 'samples', s.file), 'utf8')
          .split('\n')
          .filter((l, i, a) => i < a.length - 1 || l !== '');
        const lines = s.lines(all);
        const text = `${lines.join('\n')}\n`;
        const { stream, entries } = toExport(lines, s);
        journal = join(dir, `${s.file}.journal`);
        buildJournal(stream, journal);
        expect(
          journalctl(['--file', journal, '-o', 'export'])
            .toString('utf8')
            .match(/^__CURSOR=/gm),
        ).toHaveLength(entries);
        const r = await cli([...(SAMPLE_ARGS[s.file] ?? []), '-o', 'json'], Buffer.from(text));
        expect(r.code).toBe(0);
        const ord = ordinals(text, 'sample');
        want = neutral(r.stdout, ord);
        // What systemd's lines contribute.
        const sys = lines.filter((l) => / systemd\[1\]: /.test(l));
        const sysEvents = JSON.parse(
          (await cli([...(SAMPLE_ARGS[s.file] ?? []), '-o', 'json'], Buffer.from(`${sys.join('\n')}\n`))).stdout,
        ) as Report;
        want.summary.systemdLines = sys.length;
        want.summary.systemdEvents = sysEvents.summary.events;
        wantStarts = neutral(r.stdout, ord, 'drop-systemd');
        wantStarts.summary.systemdLines = sys.length;
        wantStarts.summary.systemdEvents = sysEvents.summary.events;
      }, 60_000);

      if (s.file.startsWith('seed')) {
        it('the cut seed still tells the story', () => {
          const w = want as unknown as {
            incidents: Array<{ resources: string[]; closedBy: string; start: string; end: string }>;
            nodes: Array<{ kubeletStarts: unknown[]; thresholdChanges: Array<{ signal: string; from: string; to: string }> }>;
          };
          expect(w.incidents).toHaveLength(1);
          expect(w.incidents[0]).toMatchObject({
            resources: ['nodefs'],
            closedBy: 'threshold-change',
            start: '2017-10-15T22:00:05.063Z',
            end: '2017-10-16T08:55:59.019Z',
          });
          expect(w.nodes[0]!.kubeletStarts).toHaveLength(2);
          expect(w.nodes[0]!.thresholdChanges).toContainEqual(
            expect.objectContaining({ signal: 'nodefs.available', from: '10%', to: '5%' }),
          );
        });
      }

      for (const fmt of Object.keys(FORMATS) as Fmt[]) {
        for (const loc of LOCALES) {
          for (const tz of ZONES) {
            it(`-o ${fmt} ${loc} ${tz}`, async () => {
              const key = `${s.file} ${fmt} ${loc} ${tz}`;
              matrix.set(key, 'FAIL');
              const f = FORMATS[fmt];
              const rendered = journalctl(['--file', journal, '-o', fmt], { LANG: loc, LC_ALL: loc, TZ: tz });
              const text = rendered.toString('utf8');
              const args = [...f.args(s, tz), '-o', 'json'];
              const ck = `${args.join(' ')}\u0000${text}`;
              let out = cache.get(ck);
              if (out === undefined) {
                const r = await cli(args, rendered);
                expect(r.stderr).toBe('');
                expect(r.code).toBe(0);
                out = r.stdout;
                cache.set(ck, out);
              }
              const projected = fmt === 'cat' || (fmt === 'short-monotonic' && s.leadingHeaderless);
              const expected = structuredClone(projected ? wantStarts : want);
              f.norm?.(expected, s, tz);
              const got = neutral(out, ordinals(text, fmt), projected ? 'drop-systemd' : undefined);
              got.summary.systemdLines = expected.summary.systemdLines;
              got.summary.systemdEvents = expected.summary.systemdEvents;
              if (expected.normalisedStarts) got.normalisedStarts = true;
              // (cat: a stop has no time of its own; it is told at the line before it)
              if (fmt === 'cat')
                for (const r of [got, expected])
                  for (const n of r.nodes as Array<{ kubeletStops?: Array<Record<string, unknown>> }>)
                    for (const x of n.kubeletStops ?? []) delete x['at'];
              expect(got).toEqual(expected);
              matrix.set(key, 'pass');
            });
          }
        }
      }
    });
  }
});
