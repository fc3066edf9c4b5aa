/**
 * klog-eviction's public surface: the pure stages, the core analysis, the
 * renderers and the stream adapter. The CLI (`src/cli/main.ts`) is plumbing
 * over these.
 */
export { decodeJournalLine, type JournalLine, type Stamp, type JournalFormat } from './journal/decode.js';
export { monthFromToken } from './journal/months.js';
export { decodeKlog, kvOf, type KlogRecord } from './klog/decode.js';
export { parseKv } from './klog/kv.js';
export { classify, classifySystemd, isWatched, type Classified } from './classify/classify.js';
export { RULES, type Rule, type Match } from './classify/rules.js';
export * from './classify/values.js';
export * from './model/events.js';
export { LineAnalyzer, type AnalyzeOptions, type Counters } from './analyze/analyzer.js';
export { Analysis, analyzeText, DEFAULT_GAP_MS, type PipelineOptions } from './analyze/pipeline.js';
export { TimelineBuilder } from './timeline/builder.js';
export type * from './timeline/model.js';
export { renderText, type TextOptions } from './render/text.js';
export { renderJson, toJsonReport, eventRecord, SCHEMA_VERSION } from './render/json.js';
export { renderMarkdown, mdText, mdLine, type MarkdownOptions } from './render/markdown.js';
export { renderHtml, type HtmlOptions } from './render/html.js';
export { renderChart, chartCounts, esc as escapeHtml, type ObservationSeries, type ObservationPoint } from './render/chart.js';
export { filterTimeline, type TimelineFilter } from './timeline/filter.js';
export { parseWhen, spanMs } from './time/when.js';
export { safeText } from './render/sanitize.js';
export { zone, wallToUtc, utcToWall, type Zone } from './time/zone.js';
export { feed, type LineSink } from './stream.js';
export { main, type CliIo } from './cli/main.js';
