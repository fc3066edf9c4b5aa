/**
 * `klog-eviction merge a.json b.json ...`: JSON reports of different nodes
 * (made per node, anywhere) → one report, in any output format the renderers
 * have. Reading the reports is the only I/O; the merge itself is
 * src/timeline/merge.ts.
 */
import { readFile } from 'node:fs/promises';
import { Command, CommanderError, Option } from 'commander';
import { renderJson } from '../render/json.js';
import { renderText } from '../render/text.js';
import { ReportError, timelineFromJson } from '../timeline/from-json.js';
import { checkReport, ReportCheckError } from '../timeline/report-check.js';
import { safeText } from '../render/sanitize.js';
import { MergeError, mergeTimelines } from '../timeline/merge.js';
import type { Timeline } from '../timeline/model.js';
import { zone, type Zone } from '../time/zone.js';
import type { CliIo } from './main.js';
import { commanderOutput } from './messages.js';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Run `merge`; resolves to the exit code. */
export async function mergeMain(argv: readonly string[], io: CliIo, version: string): Promise<number> {
  const program = new Command('klog-eviction merge')
    .description('Merge JSON reports of different nodes (klog-eviction -o json, one per node or group) into one report.')
    .argument('<report...>', 'JSON reports; - for standard input')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--timezone <zone>', "display zone (default: the first report's)")
    .option('--color', 'force colour in text output')
    .option('--no-color', 'no colour in text output')
    .exitOverride()
    .configureOutput(commanderOutput(io));
  let files: string[];
  let o: { output: string; timezone?: string; color?: boolean };
  try {
    program.parse([...argv], { from: 'user' });
    files = program.args;
    o = program.opts();
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  const say = (m: string) => void io.stderr.write(`klog-eviction: merge: ${safeText(m)}\n`);
  const parts: Array<{ timeline: Timeline; timezone: string }> = [];
  for (const f of files) {
    let text: string;
    try {
      text = f === '-' ? await readAll(io.stdin) : await readFile(f, 'utf8');
    } catch (e) {
      say(`${f}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      return 2;
    }
    try {
      // checked against the report's schema first: what is wrong is said, not met deep inside
      parts.push(timelineFromJson(checkReport(JSON.parse(text), version)));
    } catch (e) {
      if (!(e instanceof SyntaxError || e instanceof ReportCheckError || e instanceof ReportError)) throw e;
      say(
        `${f}: ${e instanceof SyntaxError ? 'not JSON' : e instanceof ReportCheckError ? `not a report merge can read: ${e.message}` : e.message}`,
      );
      return 2;
    }
  }
  let timeline: Timeline;
  try {
    timeline = mergeTimelines(parts.map((p) => p.timeline));
  } catch (e) {
    if (e instanceof MergeError || e instanceof ReportError) {
      say(e.message);
      return 2;
    }
    throw e;
  }
  const tzName = o.timezone ?? parts[0]!.timezone;
  let z: Zone;
  try {
    z = zone(tzName);
  } catch (e) {
    say(`--timezone: ${(e as Error).message}`);
    return 2;
  }
  const color = o.color ?? (Boolean(io.stdout.isTTY) && io.env['NO_COLOR'] === undefined && io.env['TERM'] !== 'dumb');
  io.stdout.write(o.output === 'json' ? renderJson(timeline, { timezone: tzName, version }) : renderText(timeline, { zone: z, color }));
  return 0;
}
