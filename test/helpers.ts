/** Shared test plumbing: analyse files and strings with pinned options (UTC, a fixed clock). */
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { analyzeText, type PipelineOptions } from '../src/analyze/pipeline.js';
import { main, type CliIo } from '../src/cli/main.js';
import type { Timeline } from '../src/timeline/model.js';
import { zone } from '../src/time/zone.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A fixed "now" for year inference: 2026-11-26T12:00:00Z. */
export const NOW = Date.UTC(2026, 10, 26, 12);

export function opts(extra: Partial<PipelineOptions> = {}): PipelineOptions {
  return { zone: zone('UTC'), now: NOW, ...extra };
}

/**
 * test/fixtures/journalctl/: one journal as the real journalctl renders it in every format,
 * locale and zone, and the entries it holds (what a decoder must find in each rendering).
 */
export const FIXTURES = new URL('fixtures/journalctl/', import.meta.url);
export interface FixtureEntry {
  realtimeUsec: string;
  hostname: string;
  identifier: string;
  pid: number;
  message?: string;
  messageBytesHex?: string;
}
export function fixtureEntries(): FixtureEntry[] {
  return JSON.parse(readFileSync(new URL('entries.json', FIXTURES), 'utf8')) as FixtureEntry[];
}

export function read(rel: string): string {
  return readFileSync(new URL(`../${rel}`, import.meta.url), 'utf8');
}

export function analyzeString(text: string, extra: Partial<PipelineOptions> = {}, name = '-'): Timeline {
  return analyzeText([{ name, text }], opts(extra));
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `main` in-process with the given stdin (text, or bytes as read). */
export async function runCli(argv: string[], stdin: string | Buffer = '', env: Record<string, string> = {}): Promise<CliResult> {
  const input = new PassThrough();
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  input.end(stdin);
  const io: CliIo = { stdin: input, stdout: out, stderr: err, env, now: () => NOW, localZone: 'UTC' };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
