/**
 * The command line: parses flags, wires source → core → renderer, sets the
 * exit code. `main(argv, io)` takes all of its I/O as arguments so tests run
 * it without a process; `run()` binds it to the real one (bin/).
 */
import { readFileSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { Analysis, DEFAULT_GAP_MS } from '../analyze/pipeline.js';
import { eventRecord, renderJsonChunks, toJsonReport } from '../render/json.js';
import { renderHtml } from '../render/html.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderText } from '../render/text.js';
import { filterTimeline, type TimelineFilter } from '../timeline/filter.js';
import type { Timeline } from '../timeline/model.js';
import { parseWhen } from '../time/when.js';
import { InputError, openSource, type Source } from '../source/open.js';
import { feed } from '../stream.js';
import { paced } from '../pace.js';
import { zone, type Zone } from '../time/zone.js';
import { goDurationSeconds } from '../classify/values.js';
import type { KubeletEvent } from '../model/events.js';
import { Progress } from './progress.js';
import {
  addJournalOptions,
  defaultNodeFor,
  JOURNAL_EXAMPLES,
  journalUsageError,
  openJournal,
  type JournalOpts,
} from './journal-options.js';

export interface CliIo {
  readonly stdin: Readable & { isTTY?: boolean };
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** the clock, for inferring years; epoch ms */
  readonly now: () => number;
  /** the machine's time zone, the default of --timezone */
  readonly localZone: string;
  /** aborts reading (SIGINT/SIGTERM): the report of what was read is still printed */
  readonly signal?: AbortSignal;
}

export const OUTPUTS = ['text', 'json', 'ndjson', 'markdown', 'html'] as const;
export const FAIL_ON = ['pressure', 'eviction', 'rejection'] as const;
type FailOn = (typeof FAIL_ON)[number];

const EXAMPLES = `
Examples:
  journalctl -u kubelet | klog-eviction          timeline of the local kubelet
  klog-eviction kubelet-node3.log                 a saved journal (any journalctl -o format)
  klog-eviction -o json node3.log.gz > report.json
  klog-eviction --year 2017 --timezone Asia/Shanghai seed.log
  klog-eviction -o markdown node3.log > postmortem.md     paste into the incident document
  klog-eviction -o html node3.log > report.html           one self-contained page with a chart
  journalctl -fu kubelet | klog-eviction -o ndjson        one JSON line per event, as it happens
  journalctl -u kubelet | klog-eviction --since '2h ago'
  klog-eviction --since '2017-10-16 09:00' --until '2017-10-16 12:00' --timezone Asia/Shanghai seed.log
  klog-eviction --since yesterday --until today --node worker-3 --node worker-4 all-nodes.log
  klog-eviction -o json --fail-on eviction node3.log || page-someone
${JOURNAL_EXAMPLES}

  klog-eviction merge node1.json node2.json       JSON reports of different nodes → one report

Times for --since/--until: "2017-10-16 09:50:55" or "2017-10-16" (read in --timezone),
ISO 8601 with an offset (2017-10-16T01:50:55Z), "now", "today", "yesterday", "tomorrow",
"09:50" (today), and relative spans "2h ago", "30 min ago", "1d 12h ago", "-90min".
An incident is kept whole when any part of it falls in the window.

Exit codes: 0 analysed (whatever was found), 1 a --fail-on condition was met,
2 bad usage or unreadable input.`;

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function parseYear(v: string): number {
  if (!/^\d{4}$/.test(v)) throw new InvalidArgumentError('expected a four-digit year such as 2017.');
  return Number(v);
}

function parseGap(v: string): number {
  const s = goDurationSeconds(v);
  if (!Number.isFinite(s) || s <= 0) throw new InvalidArgumentError('expected a duration such as 5m, 90s or 1h.');
  return s * 1000;
}

interface Opts extends JournalOpts {
  output: string;
  year?: number;
  timezone?: string;
  gap: number;
  color?: boolean;
  showUnrecognized?: boolean;
  quiet?: boolean;
  keepGoing?: boolean;
  since?: string;
  until?: string;
  node?: string[];
  failOn?: FailOn[];
}

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

function parseFailOn(v: string, prev: FailOn[] | undefined): FailOn[] {
  const out = [...(prev ?? [])];
  for (const x of v.split(',').map((s) => s.trim())) {
    if (!(FAIL_ON as readonly string[]).includes(x))
      throw new InvalidArgumentError(`expected ${FAIL_ON.join(', ')} (or a comma-separated list).`);
    out.push(x as FailOn);
  }
  return out;
}

/** Which `--fail-on` conditions the (filtered) timeline shows. */
export function failures(t: Timeline, on: readonly FailOn[]): FailOn[] {
  return on.filter((w) =>
    w === 'pressure'
      ? t.incidents.length > 0
      : w === 'eviction'
        ? t.incidents.some((i) => i.evictedPods.length > 0)
        : t.incidents.some((i) => i.rejectedPods.length > 0),
  );
}

/** Run the CLI. Resolves to the exit code; never throws for user errors. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'merge') return (await import('./merge.js')).mergeMain(argv.slice(1), io, version());
  const program = new Command('klog-eviction')
    .description('Turn a kubelet journal into an incident timeline of node resource pressure, evictions and admission rejections.')
    .argument('[FILE...]', 'journal files (journalctl output in any -o format, kubelet.log, .gz); none or - for standard input')
    .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUTS).default('text'))
    .option('--year <YYYY>', 'year of the first entry, for timestamps without one (default: inferred)', parseYear)
    .option(
      '--timezone <zone>',
      "zone the year-less timestamps were written in, and the display zone (IANA name, UTC or +08:00; default: this machine's)",
    )
    .addOption(
      new Option('--gap <duration>', 'an incident ends after this long without pressure (5m, 90s, 1h)')
        .argParser(parseGap)
        .default(DEFAULT_GAP_MS, '5m'),
    )
    .option('--since <time>', 'keep what happened at or after this time (see below)')
    .option('--until <time>', 'keep what happened at or before this time')
    .option('--node <name>', 'keep only this node (repeatable)', collect)
    .option('--fail-on <what>', `exit 1 when the (filtered) input shows ${FAIL_ON.join(', ')} (repeatable)`, parseFailOn)
    .option('--show-unrecognized', 'list eviction-related lines no rule recognised')
    .option('--keep-going', 'when a FILE cannot be read, say so, analyse the others, and exit 2 at the end')
    .option('-q, --quiet', 'no progress line on standard error')
    .option('--color', 'force colour in text output')
    .option('--no-color', 'no colour in text output');
  addJournalOptions(program)
    .version(version(), '-V, --version')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(s),
    });

  let files: string[];
  let o: Opts;
  try {
    program.parse([...argv], { from: 'user' });
    files = program.args;
    o = program.opts<Opts>();
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }

  let z: Zone;
  try {
    z = zone(o.timezone ?? io.localZone);
  } catch (e) {
    io.stderr.write(`klog-eviction: --timezone: ${(e as Error).message}\n`);
    return 2;
  }
  const now = io.now();
  const filter: { since?: number; until?: number; nodes?: string[] } = {};
  for (const key of ['since', 'until'] as const) {
    const v = o[key];
    if (v === undefined) continue;
    try {
      filter[key] = parseWhen(v, { now, zone: z });
    } catch (e) {
      io.stderr.write(`klog-eviction: --${key}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  if (filter.since !== undefined && filter.until !== undefined && filter.since > filter.until) {
    io.stderr.write('klog-eviction: --since is later than --until; nothing could match.\n');
    return 2;
  }
  if (o.node) filter.nodes = o.node;
  const usage = journalUsageError(o);
  if (usage) {
    io.stderr.write(`klog-eviction: ${usage}.\n`);
    return 2;
  }
  if (files.length === 0 && !o.journal) files = ['-'];
  if (files.includes('-') && io.stdin.isTTY) {
    io.stderr.write(
      'klog-eviction: reading a journal from standard input, which is a terminal.\n' +
        'Pipe a journal in (journalctl -u kubelet | klog-eviction), name a file (klog-eviction kubelet.log) or read the journal with --journal; see --help.\n',
    );
    return 2;
  }

  let events = 0;
  const ndjson = o.output === 'ndjson' ? ndjsonWriter(io, filter) : undefined;
  const analysis = new Analysis({
    zone: z,
    now,
    ...(o.year !== undefined ? { year: o.year } : {}),
    gapMs: o.gap,
    onEvent: (e: KubeletEvent) => {
      events++;
      ndjson?.(e);
    },
  });
  const sources: Array<Source & { file?: string; done?: Promise<void>; stop?: () => void }> = [];
  let unreadable = false;
  for (const f of files) {
    try {
      sources.push({ ...(await openSource(f, io.stdin)), file: f });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      io.stderr.write(`klog-eviction: ${e.message}\n`);
      if (!o.keepGoing) return 2;
      unreadable = true;
    }
  }
  try {
    if (o.journal) sources.push(await openJournal(o, io.env));
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.stderr.write(`klog-eviction: ${e.message}\n`);
    return 2;
  }
  if (sources.length === 0) return 2;
  const progress = o.quiet ? undefined : startProgress(io, sources, () => events);
  const scanAfter = scanWorkerAfter(io.env);
  try {
    await Promise.all(
      sources.map((s) => {
        const sink = analysis.input(s.name, defaultNodeFor(o, s.file));
        // inputs are merged by time as they stream: one far ahead of another waits for it
        return feed(sources.length > 1 ? paced(s.stream, sink.pace) : s.stream, sink, {
          name: s.name,
          ...(io.signal ? { signal: io.signal } : {}),
          ...(s.recycle ? { recycle: s.recycle } : {}),
          ...(scanAfter !== undefined ? { scanWorkerAfter: scanAfter } : {}),
        });
      }),
    );
    for (const s of sources) {
      if (io.signal?.aborted) s.stop?.();
      await s.done;
    }
  } catch (e) {
    progress?.done();
    if (!(e instanceof InputError)) throw e;
    io.stderr.write(`klog-eviction: ${e.message}\n`);
    return 2;
  }
  progress?.done();
  const timeline = filterTimeline(analysis.finish(), filter);
  const color = o.color ?? (Boolean(io.stdout.isTTY) && io.env['NO_COLOR'] === undefined && io.env['TERM'] !== 'dumb');
  const v = version();
  switch (o.output) {
    case 'json':
      await writeAll(io.stdout, renderJsonChunks(timeline, { timezone: z.name, version: v }));
      break;
    case 'ndjson':
      // The events went out as they came; the last line says the stream ended normally.
      io.stdout.write(`${JSON.stringify({ kind: 'summary', ...toJsonReport(timeline, { timezone: z.name, version: v }).summary })}\n`);
      break;
    case 'markdown':
      io.stdout.write(renderMarkdown(timeline, { zone: z, version: v }));
      break;
    case 'html':
      io.stdout.write(renderHtml(timeline, { zone: z, version: v }));
      break;
    default:
      io.stdout.write(renderText(timeline, { zone: z, color, ...(o.showUnrecognized ? { showUnrecognized: true } : {}) }));
  }
  // What was skipped, once per input and reason (never per line).
  for (const sk of timeline.skipped) {
    io.stderr.write(
      `klog-eviction: ${sk.input}: skipped ${sk.count} line${sk.count === 1 ? '' : 's'} (first at line ${sk.line}): ${sk.reason}\n`,
    );
  }
  if (unreadable) return 2;
  const failed = failures(timeline, o.failOn ?? []);
  if (failed.length > 0) {
    io.stderr.write(`klog-eviction: --fail-on: the input shows ${failed.join(', ')}.\n`);
    return 1;
  }
  return 0;
}

/**
 * `-o ndjson`: each event is written the moment the analysis recognises it
 * (so `journalctl -fu kubelet | klog-eviction -o ndjson` streams), filtered by
 * node and window like the reports.
 */
function ndjsonWriter(io: CliIo, f: TimelineFilter): (e: KubeletEvent) => void {
  const nodes = f.nodes && f.nodes.length > 0 ? new Set(f.nodes) : undefined;
  const windowed = f.since !== undefined || f.until !== undefined;
  return (e) => {
    if (nodes && !nodes.has(e.node)) return;
    if (windowed && !(e.at >= (f.since ?? -Infinity) && e.at <= (f.until ?? Infinity))) return;
    io.stdout.write(`${JSON.stringify(eventRecord(e))}\n`);
  };
}

/**
 * A progress line while reading, when standard error is a terminal and every input is a file
 * of known size (not standard input; not .gz, whose size is not the size of what is read).
 * Bytes are counted with a 'data' listener next to the one `feed` reads with.
 */
function startProgress(io: CliIo, sources: readonly Source[], events: () => number): Progress | undefined {
  if (!io.stderr.isTTY) return undefined;
  if (sources.some((s) => s.size === undefined || s.name.endsWith('.gz'))) return undefined;
  const total = sources.reduce((n, s) => n + (s.size ?? 0), 0);
  if (total === 0) return undefined;
  const progress = new Progress({
    total,
    write: (t) => io.stderr.write(t),
    now: () => performance.now(),
    events,
  });
  for (const s of sources) s.stream.on('data', (chunk: Buffer) => progress.add(chunk.length));
  return progress;
}

/** Bind `main` to this process (used by bin/klog-eviction.js). */
export async function run(): Promise<void> {
  const ac = new AbortController();
  const stop = () => ac.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // `klog-eviction big.log | head`: a closed pipe ends quietly with 0.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  try {
    process.exitCode = await main(process.argv.slice(2), {
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
      now: () => Date.now(),
      localZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
      signal: ac.signal,
    });
  } catch (e) {
    process.stderr.write(`klog-eviction: internal error: ${(e as Error).message}\nPlease report it with the input line that caused it.\n`);
    process.exitCode = 70;
  }
}

/**
 * Write a report given in pieces, in writes of about 64 KiB, waiting while the output is
 * full (a pipe to a slow reader): the pieces are never all in memory at once.
 */
export async function writeAll(out: Writable, pieces: Iterable<string>): Promise<void> {
  let buf = '';
  for (const p of pieces) {
    buf += p;
    if (buf.length < 65536) continue;
    if (!out.write(buf)) await new Promise((resolve) => out.once('drain', resolve));
    buf = '';
  }
  if (buf !== '') out.write(buf);
}

/**
 * After how many bytes of an input the fast path's scan moves to a worker thread: 8 MiB (a
 * worker's start and ~10 MiB pay off only on long inputs). `KLOG_EVICTION_SCAN_WORKER_AFTER`
 * sets it (bytes; `never` keeps one thread); the tests and the bench use it.
 */
function scanWorkerAfter(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const v = env['KLOG_EVICTION_SCAN_WORKER_AFTER'];
  if (v === 'never') return undefined;
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : 8 * 2 ** 20;
}
