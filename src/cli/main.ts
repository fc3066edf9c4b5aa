/**
 * The command line: parses flags, wires source → core → renderer, sets the
 * exit code. `main(argv, io)` takes all of its I/O as arguments so tests run
 * it without a process; `run()` binds it to the real one (bin/).
 */
import { fstatSync, readFileSync, readlinkSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { Analysis, DEFAULT_GAP_MS } from '../analyze/pipeline.js';
import { renderJsonChunks, toJsonReport } from '../render/json.js';
import type { NdjsonRecord } from '../render/json-report.js';
import { NdjsonStream } from '../render/ndjson.js';
import { filterTimeline, type TimelineFilter } from '../timeline/filter.js';
import type { Timeline } from '../timeline/model.js';
import { parseWhen } from '../time/when.js';
import { InputError, openSource, processStdin, type Source } from '../source/open.js';
import { safeText } from '../render/sanitize.js';
import { commanderOutput } from './messages.js';
import type { Note } from '../timeline/model.js';
import { feed } from '../stream.js';
import { paced } from '../pace.js';
import { zone, type Zone } from '../time/zone.js';
import { goDurationSeconds } from '../classify/values.js';
import type { KubeletEvent } from '../model/events.js';
import { Progress } from './progress.js';
import { parseFieldMap, type FieldName, type RecordOptions } from '../records/decode.js';
import { SHAPE_NAMES, type ShapeName } from '../records/shapes.js';
import {
  addJournalOptions,
  defaultNodeFor,
  JOURNAL_EXAMPLES,
  journalUsageError,
  openJournal,
  type JournalOpts,
} from './journal-options.js';
import { num } from '../model/number.js';

export interface CliIo {
  /** `fd`: standard input's file descriptor, to learn its size when it is a file (`< journal.log`) */
  readonly stdin: Readable & { isTTY?: boolean; fd?: number };
  /** `columns`: the terminal's width, when standard output is one */
  readonly stdout: Writable & { isTTY?: boolean; columns?: number };
  readonly stderr: Writable & { isTTY?: boolean; columns?: number };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** the clock, for inferring years; epoch ms */
  readonly now: () => number;
  /** the machine's time zone, the default of --timezone */
  readonly localZone: string;
  /**
   * aborts reading (SIGINT/SIGTERM; its `reason` names the signal): the report of what was
   * read is still printed, marked partial, and the exit code is 128 + the signal's number
   */
  readonly signal?: AbortSignal;
}

/**
 * The exit codes (README "Exit codes", docs/report-contract.md). When several apply, the
 * first in this order wins: OUTPUT, INTERRUPTED, UNREADABLE, NO_KUBELET, FAIL_ON.
 */
export const EXIT = {
  OK: 0,
  /** a --fail-on condition was met */
  FAIL_ON: 1,
  /** bad usage, or an input that cannot be read */
  UNREADABLE: 2,
  /** an input holds no kubelet output at all (empty, the wrong unit, not a journal) */
  NO_KUBELET: 3,
  /** an internal error (a bug) */
  INTERNAL: 70,
  /** the report could not be written (EX_IOERR: a full disk, /dev/full) */
  OUTPUT: 74,
  /** interrupted: 128 + SIGINT (2) */
  SIGINT: 130,
  /** interrupted: 128 + SIGTERM (15) */
  SIGTERM: 143,
} as const;

export const OUTPUTS = ['text', 'json', 'ndjson', 'markdown', 'html'] as const;
export const FAIL_ON = ['pressure', 'eviction', 'rejection'] as const;
export const COLOR_WHEN = ['auto', 'always', 'never'] as const;

/**
 * `--color` alone means `--color=always` (grep, ls, ripgrep): rewritten before parsing, so that
 * `--color FILE` never takes FILE as the value; `--color=WHEN` is kept.
 */
function colorArgs(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  return argv.map((a, i) => (a === '--color' && (end === -1 || i < end) ? '--color=always' : a));
}

/**
 * Colour in text output. `--color=always|never` (and `--no-color`) decide; otherwise
 * (`auto`) FORCE_COLOR set and not empty forces it (`0` and `false` refuse it,
 * force-color.org / supports-color), NO_COLOR set and not empty refuses it (no-color.org: an
 * empty NO_COLOR is as if unset), and a terminal that is not `TERM=dumb` gets it.
 */
export function useColor(when: string | boolean | undefined, io: Pick<CliIo, 'env' | 'stdout'>): boolean {
  if (when === false || when === 'never') return false;
  if (when === true || when === 'always') return true;
  const force = io.env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  const no = io.env['NO_COLOR'];
  if (no !== undefined && no !== '') return false;
  return Boolean(io.stdout.isTTY) && io.env['TERM'] !== 'dumb';
}

/** The terminal's width: its own, else COLUMNS, else 80; never below 40. */
export function terminalWidth(columns: number | undefined, env: Readonly<Record<string, string | undefined>>): number {
  const fromEnv = Number(env['COLUMNS']);
  const w = columns && columns > 0 ? columns : Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 80;
  return Math.max(40, w);
}
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
  klog-eviction gcloud-kubelet.json loki.jsonl es-hits.json   log-store exports (docs/log-stores.md)
  klog-eviction --field message=log.text,host=agent.node,time=ts export.ndjson
${JOURNAL_EXAMPLES}

  klog-eviction merge node1.json node2.json       JSON reports of different nodes → one report

Times for --since/--until: "2017-10-16 09:50:55" or "2017-10-16" (read in --timezone),
ISO 8601 with an offset (2017-10-16T01:50:55Z), "now", "today", "yesterday", "tomorrow",
"09:50" (today), and relative spans "2h ago", "30 min ago", "1d 12h ago", "-90min".
An incident is kept whole when any part of it falls in the window.

Exit codes: 0 analysed (whatever was found), 1 a --fail-on condition was met,
2 bad usage or unreadable input, 3 an input with no kubelet output at all (empty,
the wrong unit, not a journal), 74 the report could not be written, 130/143
interrupted (SIGINT/SIGTERM: the report of what was read is printed, marked partial),
70 an internal error.`;

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
  // a bare number is ambiguous (seconds? minutes?): journalctl's spans take one too, but say it
  if (/^\s*[\d.]+\s*$/.test(v)) throw new InvalidArgumentError(`needs a unit: ${v.trim()}s, ${v.trim()}m or ${v.trim()}h.`);
  const s = goDurationSeconds(v);
  if (!Number.isFinite(s) || s <= 0) throw new InvalidArgumentError('expected a duration such as 5m, 90s or 1h.');
  return s * 1000;
}

interface Opts extends JournalOpts {
  output: string;
  year?: number;
  timezone?: string;
  gap: number;
  /** `--color[=WHEN]`: always, never, auto; `--no-color` gives false */
  color?: string | boolean;
  showUnrecognized?: boolean;
  quiet?: boolean;
  keepGoing?: boolean;
  since?: string;
  until?: string;
  node?: string[];
  failOn?: FailOn[];
  from?: ShapeName;
  field?: Partial<Record<FieldName, string>>;
}

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

function parseFieldOption(v: string, prev: Partial<Record<FieldName, string>> | undefined): Partial<Record<FieldName, string>> {
  try {
    return parseFieldMap(v, prev);
  } catch (e) {
    throw new InvalidArgumentError(`${(e as Error).message}.`);
  }
}

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
    // log-store exports (src/records; docs/log-stores.md)
    .addOption(
      new Option('--from <shape>', 'read every JSON record as this store shape (default: detected per record)').choices(SHAPE_NAMES),
    )
    .option(
      '--field <name=path,...>',
      'where the fields are in a JSON record shape of your own: message=PATH,host=PATH,time=PATH[,unit=PATH,ident=PATH,pid=PATH] (dotted paths)',
      parseFieldOption,
    )
    .addOption(
      new Option(
        '--color [when]',
        'colour in text output: auto (on a terminal, unless NO_COLOR; FORCE_COLOR forces it), always (--color alone), never',
      )
        .choices(COLOR_WHEN)
        .preset('always'),
    )
    .option('--no-color', 'no colour in text output (--color=never)');
  addJournalOptions(program)
    .version(version(), '-V, --version')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    // `--color[=WHEN]`, as grep and ls show it: the value only after `=` (see colorArgs)
    .configureHelp({ optionTerm: (opt) => (opt.long === '--color' && !opt.negate ? '--color[=WHEN]' : opt.flags) })
    .configureOutput(commanderOutput(io));

  let files: string[];
  let o: Opts;
  try {
    program.parse(colorArgs(argv), { from: 'user' });
    files = program.args;
    o = program.opts<Opts>();
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }

  const say = (m: string) => void io.stderr.write(`klog-eviction: ${safeText(m)}\n`);
  let z: Zone;
  try {
    z = zone(o.timezone ?? io.localZone);
  } catch (e) {
    say(`--timezone: ${(e as Error).message}`);
    return EXIT.UNREADABLE;
  }
  const now = io.now();
  const filter: { since?: number; until?: number; nodes?: string[] } = {};
  for (const key of ['since', 'until'] as const) {
    const v = o[key];
    if (v === undefined) continue;
    try {
      filter[key] = parseWhen(String(v), { now, zone: z });
    } catch (e) {
      say(`--${key}: ${(e as Error).message}`);
      return EXIT.UNREADABLE;
    }
  }
  if (filter.since !== undefined && filter.until !== undefined && filter.since > filter.until) {
    say('--since is later than --until; nothing could match.');
    return EXIT.UNREADABLE;
  }
  if (o.node) filter.nodes = o.node;
  if (o.from !== undefined && o.field !== undefined) {
    io.stderr.write('klog-eviction: --from and --field both say how records are read; give one.\n');
    return 2;
  }
  if (o.field !== undefined && o.field.message === undefined) {
    io.stderr.write('klog-eviction: --field needs message=PATH (where the kubelet line is in each record).\n');
    return 2;
  }
  const records: RecordOptions | undefined = o.from ? { from: o.from } : o.field ? { fields: o.field } : undefined;
  const usage = journalUsageError(o);
  if (usage) {
    say(`${usage}.`);
    return EXIT.UNREADABLE;
  }
  if (files.length === 0 && !o.journal) files = ['-'];
  if (files.includes('-') && io.stdin.isTTY) {
    io.stderr.write(
      'klog-eviction: reading a journal from standard input, which is a terminal.\n' +
        'Pipe a journal in (journalctl -u kubelet | klog-eviction), name a file (klog-eviction kubelet.log) or read the journal with --journal; see --help.\n',
    );
    return EXIT.UNREADABLE;
  }

  // Reading stops on an interrupt, and when the output is gone (a closed pipe, a full disk).
  const reading = new AbortController();
  const out = new Output(io.stdout, () => reading.abort());
  // (AbortSignal.any is Node 20.3+; engines allow 20.0)
  if (io.signal?.aborted) reading.abort();
  else io.signal?.addEventListener('abort', () => reading.abort(), { once: true });
  const stop = reading.signal;

  let events = 0;
  // (sources are opened below, before a line is read)
  const ndjson =
    o.output === 'ndjson' ? ndjsonWriter(out, filter, o.gap, () => sources.some((s) => knownSize(s, io) === undefined)) : undefined;
  const analysis = new Analysis({
    zone: z,
    ...(o.timezone !== undefined ? { zoneGiven: true } : {}),
    now,
    ...(o.year !== undefined ? { year: o.year } : {}),
    gapMs: o.gap,
    ...(records ? { records } : {}),
    onEvent: (e: KubeletEvent) => {
      events++;
      ndjson?.event(e);
    },
  });
  const sources: Array<Source & { file?: string; done?: Promise<void>; stop?: () => void }> = [];
  let unreadable = false;
  for (const f of files) {
    try {
      sources.push({ ...(await openSource(f, io.stdin, stop)), file: f });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      say(e.message);
      if (!o.keepGoing) return EXIT.UNREADABLE;
      unreadable = true;
    }
  }
  try {
    if (o.journal) sources.push(await openJournal(journalWindow(o, filter), io.env));
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    say(e.message);
    return EXIT.UNREADABLE;
  }
  if (sources.length === 0) return EXIT.UNREADABLE;
  const progress = o.quiet ? undefined : startProgress(io, sources, () => events, o.output);
  try {
    await Promise.all(
      sources.map((s) => {
        const sink = analysis.input(s.name, defaultNodeFor(o, s.file));
        // inputs are merged by time as they stream: one far ahead of another waits for it
        return feed(sources.length > 1 ? paced(s.stream, sink.pace) : s.stream, sink, {
          name: s.name,
          signal: stop,
          ...(s.recycle ? { recycle: s.recycle } : {}),
        });
      }),
    );
    for (const s of sources) {
      if (stop.aborted) s.stop?.();
      await s.done;
    }
  } catch (e) {
    progress?.done();
    if (!(e instanceof InputError)) throw e;
    say(e.message);
    return EXIT.UNREADABLE;
  }
  progress?.done();
  const interrupted = io.signal?.aborted ? signalName(io.signal.reason) : undefined;
  const whole = analysis.finish();
  ndjson?.end(whole);
  let timeline = filterTimeline(whole, filter);
  if (interrupted) timeline = { ...timeline, notes: [interruptedNote(interrupted, timeline.counters.lines), ...timeline.notes] };
  const empty = analysis.perInput().filter((i) => i.counters.kubeletLines === 0);
  const color = useColor(o.color, io);
  // On a terminal, text wraps to its width; piped, one line per row.
  const width = io.stdout.isTTY ? terminalWidth(io.stdout.columns, io.env) : undefined;
  const v = version();
  // (each renderer is loaded when it is the one asked for: a run loads one, not four)
  switch (o.output) {
    case 'json':
      await out.writeAll(renderJsonChunks(timeline, { timezone: z.name, version: v }));
      break;
    case 'ndjson':
      // The events went out as they came; the last line says the stream ended (and whether it was cut short).
      out.write(`${JSON.stringify({ kind: 'summary', ...toJsonReport(timeline, { timezone: z.name, version: v }).summary })}\n`);
      break;
    case 'markdown':
      out.write((await import('../render/markdown.js')).renderMarkdown(timeline, { zone: z, version: v }));
      break;
    case 'html':
      out.write((await import('../render/html.js')).renderHtml(timeline, { zone: z, version: v }));
      break;
    default:
      out.write(
        (await import('../render/text.js')).renderText(timeline, {
          zone: z,
          color,
          ...(width !== undefined ? { width } : {}),
          ...(o.showUnrecognized ? { showUnrecognized: true } : {}),
        }),
      );
  }
  const written = await out.flushed();
  // What was skipped, once per input and reason (never per line).
  for (const sk of timeline.skipped) {
    say(`${sk.input}: skipped ${sk.count} line${sk.count === 1 ? '' : 's'} (first at line ${sk.line}): ${sk.reason}`);
  }
  if (written === 'closed') return EXIT.OK; // `| head`: the reader has what it wanted
  if (written !== 'ok') {
    say(`cannot write the report to standard output: ${written}`);
    return EXIT.OUTPUT;
  }
  if (interrupted) {
    say(`interrupted (${interrupted}): the report covers the ${num(timeline.counters.lines)} lines read before it.`);
    return interrupted === 'SIGTERM' ? EXIT.SIGTERM : EXIT.SIGINT;
  }
  if (unreadable) return EXIT.UNREADABLE;
  if (empty.length > 0) {
    for (const i of empty) {
      const what = i.input === '-' ? 'standard input' : i.input;
      say(
        i.counters.lines === 0
          ? `${what}: empty, no kubelet output to analyse (check the unit: journalctl -u kubelet; k3s: -u k3s).`
          : i.unplaced > 0
            ? `${what}: no line of its ${num(i.counters.lines)} could be placed as kubelet output, though ${num(i.unplaced)} have the eviction manager's words (see the report's notes; paste the lines with their journal or klog prefix).`
            : `${what}: no kubelet output in its ${num(i.counters.lines)} lines (the wrong unit or file? journalctl -u kubelet; k3s: -u k3s).`,
      );
    }
    return EXIT.NO_KUBELET;
  }
  const failed = failures(timeline, o.failOn ?? []);
  if (failed.length > 0) {
    say(`--fail-on: the input shows ${failed.join(', ')}.`);
    return EXIT.FAIL_ON;
  }
  return EXIT.OK;
}

/** The signal an abort reason names (`run()` aborts with the signal's name). */
function signalName(reason: unknown): 'SIGINT' | 'SIGTERM' {
  return reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
}

/** The note every format shows when reading was cut short. */
function interruptedNote(signal: string, lines: number): Note {
  return {
    kind: 'interrupted',
    text: `Reading was interrupted (${signal}) after ${num(lines)} lines: this report covers only what was read before it; an incident shown as ongoing may have ended, and later ones are not in it.`,
  };
}

/** How far around --since/--until journalctl is asked to read, so incidents that cross them stay whole. */
export const JOURNAL_MARGIN_MS = 24 * 3_600_000;

/**
 * `--journal --since/--until`: journalctl is given the instants the tool read (in --timezone,
 * in any of its forms), as `@EPOCH`, which journalctl reads the same in every zone and locale,
 * widened by a day each way: the timeline is then cut to the window as for a file, so an
 * incident that began before --since is kept whole (up to a day before it).
 */
function journalWindow(o: Opts, f: { since?: number; until?: number }): JournalOpts {
  const { since: _s, until: _u, ...rest } = o;
  return {
    ...rest,
    ...(f.since !== undefined ? { since: f.since - JOURNAL_MARGIN_MS } : {}),
    // following: journalctl waits for new entries, --until would end it
    ...(f.until !== undefined && !o.follow ? { until: f.until + JOURNAL_MARGIN_MS } : {}),
  };
}

/**
 * `-o ndjson`: each record is written the moment the analysis recognises its event (so
 * `journalctl -fu kubelet | klog-eviction -o ndjson` streams), filtered by node and window like
 * the reports: the events, one `kubelet-start` per start, and the incident records
 * (src/render/ndjson.ts). `end` writes what the end of input closes.
 */
function ndjsonWriter(
  out: Output,
  f: TimelineFilter,
  gapMs: number,
  live: () => boolean,
): { event: (e: KubeletEvent) => void; end: (t: Timeline) => void } {
  const nodes = f.nodes && f.nodes.length > 0 ? new Set(f.nodes) : undefined;
  const windowed = f.since !== undefined || f.until !== undefined;
  const stream = new NdjsonStream(gapMs);
  const write = (r: NdjsonRecord) => {
    if ('node' in r && nodes && !nodes.has(r.node)) return;
    if (windowed && 'at' in r) {
      const at = r.at === null ? NaN : Date.parse(r.at);
      if (!(at >= (f.since ?? -Infinity) && at <= (f.until ?? Infinity))) return;
    }
    out.write(`${JSON.stringify(r)}\n`);
  };
  // A start waits for its PID and version. From a stream that may be live (a pipe, journalctl),
  // only until the input pauses: once what has been read is handled (setImmediate runs after it),
  // its records are written, so a live stream is never late. A file has its end: there a pause is
  // only a read, and waiting on the windows of log time (NdjsonStream) writes the same records
  // every run.
  let scheduled = false;
  let isLive: boolean | undefined;
  const flush = () => {
    scheduled = false;
    for (const r of stream.flush()) write(r);
  };
  return {
    event: (e) => {
      for (const r of stream.add(e)) write(r);
      if (!scheduled && stream.waiting() && (isLive ??= live())) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    end: (t) => {
      for (const r of stream.finish(t)) write(r);
    },
  };
}

/**
 * A progress line while reading, when standard error is a terminal that can redraw and the size
 * of every input is known: a file; a `.gz` file, counted in the compressed bytes its decompressor
 * has taken in (zlib's `bytesWritten`) against the file's size; standard input when it is
 * redirected from a file (`< journal.log`). Not while ndjson records go to the same terminal.
 * Bytes are counted with a 'data' listener next to the one `feed` reads with.
 */
function startProgress(io: CliIo, sources: readonly Source[], events: () => number, output: string): Progress | undefined {
  if (!io.stderr.isTTY || io.env['TERM'] === 'dumb') return undefined;
  if (output === 'ndjson' && io.stdout.isTTY) return undefined;
  const sizes = sources.map((s) => knownSize(s, io));
  if (sizes.some((x) => x === undefined)) return undefined;
  const total = sizes.reduce((n: number, x) => n + x!, 0);
  if (total === 0) return undefined;
  const progress = new Progress({
    total,
    write: (t) => io.stderr.write(t),
    now: () => performance.now(),
    events,
    ...(io.stderr.columns ? { columns: io.stderr.columns } : {}),
  });
  const read = sources.map(() => 0);
  sources.forEach((s, k) => {
    s.stream.on('data', (chunk: Buffer) => {
      // a decompressor: what it has taken in of the file, not what it gives out
      read[k] = s.consumed ? s.consumed() : read[k]! + chunk.length;
      progress.to(read.reduce((a, b) => a + b, 0));
    });
  });
  return progress;
}

/** The size of standard input when it is a regular file (`< journal.log`); undefined for a pipe or a terminal. */
/** The size of an input whose end is known (a file, or standard input redirected from one); undefined for a stream. */
function knownSize(s: Source, io: CliIo): number | undefined {
  return s.size ?? (s.name === '-' ? stdinSize(io.stdin) : undefined);
}

function stdinSize(stdin: CliIo['stdin']): number | undefined {
  if (typeof stdin.fd !== 'number') return undefined;
  try {
    const st = fstatSync(stdin.fd);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The machine's time zone, as ICU names it. ICU costs 14 ms at start-up to say so; a machine on
 * UTC (`TZ`, or /etc/localtime linked to zoneinfo's UTC, which is where ICU looks) is told
 * without it.
 */
function localZone(env: NodeJS.ProcessEnv): string {
  const tz = env['TZ'];
  if (tz === 'UTC' || tz === 'Etc/UTC') return 'UTC';
  if (tz === undefined) {
    try {
      if (/\/zoneinfo\/(?:Etc\/)?(?:UTC|UCT|Universal|Zulu)$/.test(readlinkSync('/etc/localtime'))) return 'UTC';
    } catch {
      // (no such link: ICU finds the zone its own way)
    }
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Bind `main` to this process (used by bin/klog-eviction.js). */
export async function run(): Promise<void> {
  const ac = new AbortController();
  // the first stops reading (the report is printed, exit 130/143); a second one ends the process
  process.once('SIGINT', () => ac.abort('SIGINT'));
  process.once('SIGTERM', () => ac.abort('SIGTERM'));
  // main() reports failed writes (exit 74) and ends quietly on a closed pipe (0); this keeps
  // a failure after it returned from becoming an uncaught exception
  process.stdout.on('error', () => undefined);
  try {
    process.exitCode = await main(process.argv.slice(2), {
      stdin: processStdin(),
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
      now: () => Date.now(),
      localZone: localZone(process.env),
      signal: ac.signal,
    });
  } catch (e) {
    process.stderr.write(
      `klog-eviction: internal error: ${safeText((e as Error).message)}\nPlease report it with the input line that caused it.\n`,
    );
    process.exitCode = EXIT.INTERNAL;
  }
}

/**
 * Standard output as the CLI writes it: a write that fails (a full disk, `> /dev/full`, a
 * closed pipe) stops the run (`onFail`: reading further is pointless) instead of throwing,
 * and `flushed` tells how the writing went once everything written has been handed over.
 */
export class Output {
  private failure: NodeJS.ErrnoException | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly out: Writable,
    private readonly onFail: () => void,
  ) {
    out.on('error', (e: NodeJS.ErrnoException) => this.fail(e));
  }

  private fail(e: NodeJS.ErrnoException): void {
    if (this.failure) return;
    this.failure = e;
    this.wake?.();
    this.onFail();
  }

  /** Write unless the output has already failed. False: wait for 'drain'. */
  write(s: string): boolean {
    if (this.failure) return true;
    return this.out.write(s, (e) => e && this.fail(e));
  }

  /**
   * Write a report given in pieces, in writes of about 64 KiB, waiting while the output is
   * full (a pipe to a slow reader): the pieces are never all in memory at once.
   */
  async writeAll(pieces: Iterable<string>): Promise<void> {
    let buf = '';
    for (const p of pieces) {
      if (this.failure) return;
      buf += p;
      if (buf.length < 65536) continue;
      if (!this.write(buf)) await this.drained();
      buf = '';
    }
    if (buf !== '') this.write(buf);
  }

  /** 'drain', or a failure (after which no 'drain' comes) */
  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.out.off('drain', done);
        this.wake = undefined;
        resolve();
      };
      this.out.once('drain', done);
      this.wake = done;
    });
  }

  /** Everything written handed over: `ok`, `closed` (the reader went away: EPIPE) or what failed. */
  async flushed(): Promise<string> {
    if (!this.failure) await new Promise<void>((resolve) => this.out.write('', () => setImmediate(resolve)));
    const e = this.failure;
    if (!e) return 'ok';
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return 'closed';
    return e.code ? `${e.code} (${e.message.replace(/^\w+: /, '')})` : e.message;
  }
}
