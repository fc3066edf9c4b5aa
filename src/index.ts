/**
 * klog-eviction as a library: analyse kubelet output into a `Timeline`, render it, and the
 * types of both. This is the whole public surface (the package exports nothing else); the
 * stages behind it are internal and may change between releases.
 *
 *     import { analyzeFiles, render } from 'klog-eviction';
 *     const timeline = await analyzeFiles('kubelet-node3.log', { timezone: 'Asia/Shanghai' });
 *     process.stdout.write(render(timeline, 'markdown', { timezone: 'Asia/Shanghai' }));
 */
export {
  analyzeFiles,
  analyzeStream,
  analyzeLines,
  render,
  toReport,
  toNdjsonRecord,
  type AnalyzeOptions,
  type Format,
  type RenderOptions,
} from './api.js';
export type * from './render/json-report.js';
export type * from './timeline/model.js';
export type { Counters, SkipReason, UnrecognizedLine } from './analyze/analyzer.js';
export type {
  KubeletEvent,
  EventKind,
  EventFields,
  EventOf,
  Provenance,
  Threshold,
  ThresholdSource,
  Amount,
  EvictionCause,
  EvictionDetail,
} from './model/events.js';
