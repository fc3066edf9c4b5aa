/**
 * The library's front door: analyse kubelet output (a file, a Node stream, or lines) into a
 * `Timeline`, and render a timeline in each output format. It is an edge, like the CLI: it
 * opens files and, unless told otherwise, reads the clock (for the year of year-less stamps).
 * The stages behind it (src/analyze, src/timeline, src/render) take all of that as options.
 */
import type { Readable } from 'node:stream';
import { Analysis, DEFAULT_GAP_MS } from './analyze/pipeline.js';
import type { KubeletEvent } from './model/events.js';
import { renderHtml } from './render/html.js';
import { renderJson, toJsonReport, eventRecord } from './render/json.js';
import type { JsonReport, NdjsonEventRecord } from './render/json-report.js';
import { renderMarkdown } from './render/markdown.js';
import { renderText } from './render/text.js';
import { detect } from './source/detect.js';
import { jsonDocumentSource } from './source/json-document.js';
import { openSource } from './source/open.js';
import { feed } from './stream.js';
import { paced } from './pace.js';
import { zone } from './time/zone.js';
import type { Timeline } from './timeline/model.js';

export interface AnalyzeOptions {
  /**
   * The zone year-less, zone-less stamps were written in (`short` journals, klog headers): an
   * IANA name, `UTC` or an offset such as `+08:00`. Default `UTC`.
   */
  readonly timezone?: string;
  /** The year of the first year-less entry. Default: inferred from `now` (the report says so). */
  readonly year?: number;
  /** The present, epoch ms, for inferring years. Default: `Date.now()`. */
  readonly now?: number;
  /** Quiet time that ends an incident, ms. Default 5 minutes. */
  readonly gapMs?: number;
  /** The node of lines that name no host (a bare kubelet.log). Default `unknown`. */
  readonly node?: string;
  /** Called with every event the moment it is recognised (what `--output ndjson` streams). */
  readonly onEvent?: (event: KubeletEvent) => void;
  /** Stop reading (the timeline of what was read is still returned). */
  readonly signal?: AbortSignal;
}

/** Output formats of `render`. */
export type Format = 'text' | 'json' | 'markdown' | 'html';

export interface RenderOptions {
  /** The zone times are shown in (JSON times are always UTC). Default `UTC`. */
  readonly timezone?: string;
  /** ANSI colour in text output. Default false. */
  readonly color?: boolean;
  /** Text output: list the eviction-related lines no rule recognised. */
  readonly showUnrecognized?: boolean;
}

function analysis(opts: AnalyzeOptions): Analysis {
  return new Analysis({
    zone: zone(opts.timezone ?? 'UTC'),
    now: opts.now ?? Date.now(),
    ...(opts.year !== undefined ? { year: opts.year } : {}),
    gapMs: opts.gapMs ?? DEFAULT_GAP_MS,
    ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
  });
}

/**
 * Analyse one or more files (any journalctl `-o` format, a kubelet.log; gzip, zstd, xz, UTF-16 told by their bytes): one timeline,
 * the files merged by time. Rejects when a file cannot be opened.
 */
export async function analyzeFiles(paths: string | readonly string[], opts: AnalyzeOptions = {}): Promise<Timeline> {
  const an = analysis(opts);
  const list = typeof paths === 'string' ? [paths] : paths;
  const sources = await Promise.all(list.map((p) => openSource(p, undefined, opts.signal)));
  await Promise.all(
    sources.map((s) => {
      const sink = an.input(s.name, { node: opts.node });
      // merged by time as they stream: an input far ahead of another waits for it
      return feed(sources.length > 1 ? paced(s.stream, sink.pace) : s.stream, sink, {
        name: s.name,
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(s.recycle ? { recycle: s.recycle } : {}),
      });
    }),
  );
  return an.finish();
}

/**
 * Analyse a byte stream (standard input, a socket): compressed or UTF-16 streams are decoded as
 * files are. `name` is cited as the input (default `-`).
 */
export async function analyzeStream(stream: Readable, opts: AnalyzeOptions & { readonly name?: string } = {}): Promise<Timeline> {
  const an = analysis(opts);
  const name = opts.name ?? '-';
  // what the bytes are (compressed, UTF-16 …), then a whole JSON document (a log store's export)
  // as one record per line: as openSource does for files
  const src = jsonDocumentSource(await detect({ name, stream }, opts.signal));
  await feed(src.stream, an.input(name, { node: opts.node }), { name, ...(opts.signal ? { signal: opts.signal } : {}) });
  return an.finish();
}

/** Analyse lines (without their line ends), from an array, a generator or an async iterable. */
export async function analyzeLines(
  lines: Iterable<string> | AsyncIterable<string>,
  opts: AnalyzeOptions & { readonly name?: string } = {},
): Promise<Timeline> {
  const an = analysis(opts);
  const input = an.input(opts.name ?? '-', { node: opts.node });
  for await (const line of lines) {
    if (opts.signal?.aborted) break;
    input.line(line);
  }
  input.end();
  return an.finish();
}

/** Render a timeline: the terminal text, the JSON report, a Markdown postmortem or a self-contained HTML page. */
export function render(t: Timeline, format: Format, opts: RenderOptions = {}): string {
  const z = zone(opts.timezone ?? 'UTC');
  switch (format) {
    case 'text':
      return renderText(t, { zone: z, color: opts.color ?? false, ...(opts.showUnrecognized ? { showUnrecognized: true } : {}) });
    case 'json':
      return renderJson(t, { timezone: z.name });
    case 'markdown':
      return renderMarkdown(t, { zone: z });
    case 'html':
      return renderHtml(t, { zone: z });
  }
}

/** The `--output json` report as an object (`JSON.stringify` of it is what `render(t, 'json')` writes). */
export function toReport(t: Timeline, opts: { readonly timezone?: string } = {}): JsonReport {
  return toJsonReport(t, { timezone: zone(opts.timezone ?? 'UTC').name });
}

/** An event as `--output ndjson` writes it (times as ISO strings, the input and line it came from). */
export function toNdjsonRecord(e: KubeletEvent): NdjsonEventRecord {
  return eventRecord(e);
}
