/**
 * The command line: parses flags, wires source → core → renderer, sets the
 * exit code. `main(argv, io)` takes all of its I/O as arguments so tests run
 * it without a process; `run()` binds it to the real one (bin/).
 */
import { readFileSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { Analysis, DEFAULT_GAP_MS } from '../analyze/pipeline.js';
import { renderJson } from '../render/json.js';
import { renderText } from '../render/text.js';
import { InputError, openSource, type Source } from '../source/open.js';
import { feed } from '../stream.js';
import { zone, type Zone } from '../time/zone.js';
import { goDurationSeconds } from '../classify/values.js';
import { addJournalOptions, defaultNodeFor, JOURNAL_EXAMPLES, journalUsageError, openJournal, type JournalOpts } from './journal-options.js';

export interface CliIo {
  readonly stdin: Readable & { isTTY?: boolean };
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** the clock, for inferring years; epoch ms */
  readonly now: () => number;
  /** the machine's time zone, the default of --timezone */
  readonly localZone: string;
  /** aborts reading (SIGINT/SIGTERM): the report of what was read is still printed */
  readonly signal?: AbortSignal;
}

export const OUTPUTS = ['text', 'json', 'ndjson', 'markdown', 'html'] as const;
const AVAILABLE = new Set(['text', 'json']);

const EXAMPLES = `
Examples:
  journalctl -u kubelet | klog-eviction          timeline of the local kubelet
  klog-eviction kubelet-node3.log                 a saved journal (any journalctl -o format)
  klog-eviction -o json node3.log.gz > report.json
  klog-eviction --year 2017 --timezone Asia/Shanghai seed.log
${JOURNAL_EXAMPLES}

  klog-eviction merge node1.json node2.json       JSON reports of different nodes → one report

Exit codes: 0 analysed, 2 bad usage or unreadable input.`;

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
}

/** Run the CLI. Resolves to the exit code; never throws for user errors. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'merge') return (await import('./merge.js')).mergeMain(argv.slice(1), io, version());
  const program = new Command('klog-eviction')
    .description('Turn a kubelet journal into an incident timeline of node resource pressure, evictions and admission rejections.')
    .argument('[FILE...]', 'journal files (journalctl output in any -o format, kubelet.log, .gz); none or - for standard input')
    .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUTS).default('text'))
    .option('--year <YYYY>', 'year of the first entry, for timestamps without one (default: inferred)', parseYear)
    .option('--timezone <zone>', 'zone the year-less timestamps were written in, and the display zone (IANA name, UTC or +08:00; default: this machine\'s)')
    .option('--gap <duration>', 'an incident ends after this long without pressure', parseGap, DEFAULT_GAP_MS)
    .option('--show-unrecognized', 'list eviction-related lines no rule recognised')
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

  if (!AVAILABLE.has(o.output)) {
    io.stderr.write(`klog-eviction: --output ${o.output} is not available in this version yet; use text or json.\n`);
    return 2;
  }
  let z: Zone;
  try {
    z = zone(o.timezone ?? io.localZone);
  } catch (e) {
    io.stderr.write(`klog-eviction: --timezone: ${(e as Error).message}\n`);
    return 2;
  }
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

  const analysis = new Analysis({
    zone: z,
    now: io.now(),
    ...(o.year !== undefined ? { year: o.year } : {}),
    gapMs: o.gap,
  });
  const sources: Array<Source & { file?: string; done?: Promise<void>; stop?: () => void }> = [];
  try {
    for (const f of files) sources.push({ ...(await openSource(f, io.stdin)), file: f });
    if (o.journal) sources.push(await openJournal(o, io.env));
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr.write(`klog-eviction: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  try {
    await Promise.all(
      sources.map((s) => feed(s.stream, analysis.input(s.name, defaultNodeFor(o, s.file)), io.signal ? { signal: io.signal } : {})),
    );
    for (const s of sources) {
      if (io.signal?.aborted) s.stop?.();
      await s.done;
    }
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr.write(`klog-eviction: ${e.message}\n`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    io.stderr.write(`klog-eviction: cannot read input: ${err.message}${err.code === 'Z_DATA_ERROR' ? ' (is this .gz file corrupt or truncated?)' : ''}\n`);
    return 2;
  }
  const timeline = analysis.finish();
  const color = o.color ?? (Boolean(io.stdout.isTTY) && io.env['NO_COLOR'] === undefined && io.env['TERM'] !== 'dumb');
  const text =
    o.output === 'json'
      ? renderJson(timeline, { timezone: z.name, version: version() })
      : renderText(timeline, { zone: z, color, ...(o.showUnrecognized ? { showUnrecognized: true } : {}) });
  io.stdout.write(text);
  return 0;
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
