/**
 * `klog-eviction merge a.json b.json ...`: JSON reports of different nodes
 * (made per node, anywhere) → one report, in any output format the renderers
 * have. Reading the reports is the only I/O; the merge itself is
 * src/timeline/merge.ts.
 */
import { createReadStream } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import parser from 'stream-json/parser.js';
import { renderJsonChunks } from '../render/json.js';
import { renderText } from '../render/text.js';
import { NotJsonError, ReportAssembler, ReportError, ReportReader, type JsonToken } from '../timeline/from-json.js';
import { checkIncident, checkNode, ReportCheckError } from '../timeline/report-check.js';
import { safeText } from '../render/sanitize.js';
import { MergeError, mergeTimelines } from '../timeline/merge.js';
import type { Timeline } from '../timeline/model.js';
import { zone, type Zone } from '../time/zone.js';
import { EXIT, Output, type CliIo } from './main.js';
import { commanderOutput } from './messages.js';

/** A read error of the input itself (not of what it holds). */
class Unreadable extends Error {}

/**
 * A report streamed into its timeline: never one string (V8 stops at 512 MiB: "Invalid string
 * length") nor one parsed tree, but each node and incident as it comes. stream-json's
 * tokenizer (Node 20: its 2.x line; 3.x needs Node 22) cuts the bytes into tokens;
 * ReportAssembler builds the pieces.
 */
function readReport(source: NodeJS.ReadableStream): Promise<{ timeline: Timeline; timezone: string }> {
  // each node and incident is checked against the report's schema as it comes: what is wrong is
  // said (with where), not met deep inside the merge
  const asm = new ReportAssembler(new ReportReader(checkPiece));
  const tokens = parser.asStream({ packValues: true, streamValues: false });
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      tokens.destroy();
      reject(e);
    };
    source.on('error', (e: NodeJS.ErrnoException) => fail(new Unreadable(e.code ?? e.message)));
    // stream-json's words: "Parser cannot parse input: expected ','", "Parser has expected a value" (the input ended)
    tokens.on('error', (e: Error) =>
      fail(
        new NotJsonError(
          /^Parser has expected/.test(e.message)
            ? 'not JSON (the report is cut short)'
            : `not JSON (${e.message.replace(/^Parser (cannot parse input: )?/, '')})`,
        ),
      ),
    );
    tokens.on('data', (t: JsonToken) => {
      if (failed) return;
      try {
        asm.token(t);
      } catch (e) {
        fail(e);
      }
    });
    tokens.on('end', () => {
      if (failed) return;
      try {
        resolve(asm.end());
      } catch (e) {
        fail(e);
      }
    });
    source.pipe(tokens);
  });
}

/** One piece of a report against the schema (src/timeline/report-check.ts): a node or an incident. */
function checkPiece(where: string, value: unknown): void {
  if (where.startsWith('nodes[')) checkNode(value, where);
  else if (where.startsWith('incidents[')) checkIncident(value, where);
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
    try {
      parts.push(await readReport(f === '-' ? io.stdin : createReadStream(f)));
    } catch (e) {
      if (e instanceof Unreadable) say(`${f}: cannot read (${e.message})`);
      else if (e instanceof ReportCheckError) say(`${f}: not a report merge can read: ${e.message}`);
      else if (e instanceof NotJsonError || e instanceof ReportError) say(`${f}: ${e.message}`);
      else throw e;
      return EXIT.UNREADABLE;
    }
  }
  let timeline: Timeline;
  try {
    timeline = mergeTimelines(parts.map((p) => p.timeline));
  } catch (e) {
    if (e instanceof MergeError || e instanceof ReportError) {
      say(e.message);
      return EXIT.UNREADABLE;
    }
    throw e;
  }
  const tzName = o.timezone ?? parts[0]!.timezone;
  let z: Zone;
  try {
    z = zone(tzName);
  } catch (e) {
    say(`--timezone: ${(e as Error).message}`);
    return EXIT.UNREADABLE;
  }
  const color = o.color ?? (Boolean(io.stdout.isTTY) && io.env['NO_COLOR'] === undefined && io.env['TERM'] !== 'dumb');
  // the report is written in pieces (one node or incident at a time), as `-o json` does
  const out = new Output(io.stdout, () => undefined);
  if (o.output === 'json') await out.writeAll(renderJsonChunks(timeline, { timezone: tzName, version }));
  else out.write(renderText(timeline, { zone: z, color }));
  const written = await out.flushed();
  if (written === 'closed') return EXIT.OK;
  if (written !== 'ok') {
    say(`cannot write the merged report to standard output: ${written}`);
    return EXIT.OUTPUT;
  }
  return EXIT.OK;
}
