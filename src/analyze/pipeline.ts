/**
 * The stream-agnostic core (csv-parse's shape): feed lines per input, get a
 * timeline at the end. `analyzeLines` is the synchronous API for strings;
 * `src/stream.ts` wraps the same object for Node streams.
 */
import type { KubeletEvent } from '../model/events.js';
import type { Pace } from '../pace.js';
import { TimelineBuilder } from '../timeline/builder.js';
import type { Timeline } from '../timeline/model.js';
import { addCounters, LineAnalyzer, newCounters, type AnalyzeOptions, type Counters, type UnrecognizedLine } from './analyzer.js';
import { Coverage } from './coverage.js';
import { EventOrder } from './order.js';
import { clockNotes, headerZoneNotes, hostNotes, leapNotes, orderNotes, zoneNotes } from './order-notes.js';

/** One input's side of the core: lines in, plus what the adapter had to skip. */
export interface LineSink {
  line(text: string): void;
  /**
   * Lines as read (UTF-8 bytes): `b[start, end)` holds whole lines, each ending with `\n`
   * except a last one at the end of input. The fast way in: the common line is analysed
   * on its bytes, without becoming a string. The sink keeps nothing of `b` once it returns
   * (the reader may reuse the buffer). (Optional for sinks of your own: `feed` then decodes
   * each line and calls `line`.)
   */
  bytes?(b: Buffer, start: number, end: number): void;
  /**
   * The lines given so far end where the input paused (a chunk that ended at a line end): a line
   * held in case the next one goes on it (a terminal's wrap) is read now. Optional.
   */
  idle?(): void;
  /** `count` lines (or one unreadable stretch) that never became text lines */
  skip(reason: string, count?: number): void;
  end(): void;
}

export interface PipelineOptions extends Omit<AnalyzeOptions, 'coverage'> {
  /**
   * the reader named the zone (`--timezone`), rather than this machine's being taken: the
   * journal's stamps are then read as they were printed, whatever zone the klog headers are in
   * (no `header-zone` note)
   */
  readonly zoneGiven?: boolean;
  /** close an incident after this long without pressure (ms); default 5 minutes */
  readonly gapMs?: number;
  /** called with every event as soon as it is recognised (ndjson) */
  readonly onEvent?: (e: KubeletEvent) => void;
}

export const DEFAULT_GAP_MS = 5 * 60_000;

/** One input's sink, with what a reader of several inputs needs to pace itself (src/pace.ts). */
export interface InputSink extends LineSink {
  readonly pace: Pace;
}

/** Lines between two looks at what can be passed on, when a stretch of them makes no event. */
const PUMP_LINES = 1024;

/**
 * One analysis over one or more inputs. Every input's events go through the order stage
 * (src/analyze/order.ts): per node in time order, each entry once, the inputs merged by time
 * as they stream, before the builder sees them.
 */
export class Analysis {
  private readonly analyzers: LineAnalyzer[] = [];
  private readonly paces: Array<Pace & { waiting: boolean }> = [];
  private readonly builder: TimelineBuilder;
  private readonly order: EventOrder;

  constructor(private readonly opts: PipelineOptions) {
    this.builder = new TimelineBuilder({ gapMs: opts.gapMs ?? DEFAULT_GAP_MS });
    const onEvent = opts.onEvent;
    this.order = new EventOrder({ deliver: (e) => this.builder.add(e), notify: onEvent ? (e) => onEvent(e) : () => undefined });
  }

  /**
   * Start an input; returns the function that takes its lines (1-based numbers are counted here).
   * `node` names the node of lines that name none: `{ node }` always (`--node-name`), `{ fallback }`
   * only when the input names no node at all (a guess from the file name).
   * Start every input before feeding any: an input that ended before another was started
   * has been passed on, so the later one's copies of its entries are no longer found.
   */
  input(name: string, node: { readonly node?: string | undefined; readonly fallback?: string | undefined } = {}): InputSink {
    const cov = new Coverage(this.analyzers.length, (s) => this.order.stretch(s));
    const idx = this.order.addInput(name, cov);
    const a = new LineAnalyzer(name, {
      ...this.opts,
      ...(node.node !== undefined ? { defaultNode: node.node } : {}),
      ...(node.fallback !== undefined ? { fallbackNode: node.fallback } : {}),
      coverage: cov,
    });
    this.analyzers.push(a);
    const pace = { waiting: false, resume: undefined as (() => void) | undefined };
    this.paces.push(pace);
    let n = 0;
    let quiet = 0;
    const out: KubeletEvent[] = [];
    const take = (events: readonly KubeletEvent[], lines: number) => {
      for (const e of events) this.order.add(idx, e);
      quiet += lines;
      if (events.length > 0 || quiet >= PUMP_LINES) {
        quiet = 0;
        this.pump();
      }
    };
    return {
      pace,
      line: (text: string) => take(a.push(text, ++n), 1),
      bytes: (b: Buffer, start: number, end: number) => {
        const k = a.pushBytes(b, start, end, n + 1, out);
        n += k;
        take(out, k);
        out.length = 0;
      },
      idle: () => {
        a.idle(out);
        take(out, 0);
        out.length = 0;
      },
      skip: (reason: string, count = 1) => {
        a.skipRaw(n + 1, reason, count);
        n += count;
      },
      end: () => {
        for (const e of a.end()) this.order.add(idx, e);
        this.order.end(idx);
        this.pump();
      },
    };
  }

  /** Events held for ordering now, and the most held at once so far (memory is bounded by these). */
  get held(): { readonly now: number; readonly max: number } {
    return { now: this.order.held, max: this.order.maxHeld };
  }

  /** Pass on what is in order, and let readers wait or go on. */
  private pump(): void {
    this.order.pump();
    this.paces.forEach((p, i) => {
      p.waiting = this.order.wantsPause(i);
      if (!p.waiting) p.resume?.();
    });
  }

  /** Each input's counters (an input with no kubelet output at all is told apart: exit 3). */
  perInput(): Array<{ readonly input: string; readonly counters: Readonly<Counters>; readonly unplaced: number }> {
    return this.analyzers.map((a) => ({ input: a.input, counters: a.counters, unplaced: a.unplaced?.count ?? 0 }));
  }

  /** All inputs ended (or the user interrupted): build the timeline. */
  finish(): Timeline {
    this.order.finish();
    for (const p of this.paces) {
      p.waiting = false;
      p.resume?.();
    }
    const counters = newCounters();
    const lastSeen = new Map<string, number>();
    const firstSeen = new Map<string, number>();
    for (const a of this.analyzers) {
      addCounters(counters, a.counters);
      for (const [node, at] of a.lastSeen()) lastSeen.set(node, Math.max(at, lastSeen.get(node) ?? -Infinity));
      for (const [node, at] of a.firstSeen()) firstSeen.set(node, Math.min(at, firstSeen.get(node) ?? Infinity));
    }
    // the latest line, not the last one read (a newest-first input ends with its oldest)
    for (const st of this.order.stats)
      for (const c of st.coverage.nodes.values())
        if (c.maxAt > -Infinity) lastSeen.set(c.node, Math.max(c.maxAt, lastSeen.get(c.node) ?? -Infinity));
    // what was passed on, each entry once (the line stage counted every copy)
    counters.events = this.order.delivered;
    counters.duplicates = this.order.duplicates;
    // an unrecognised line read twice is listed once
    const texts = new Set<string>();
    const unrecognized: UnrecognizedLine[] = [];
    for (const a of this.analyzers)
      for (const u of a.unrecognized) {
        if (texts.has(u.text)) counters.unrecognized--;
        else {
          texts.add(u.text);
          unrecognized.push(u);
        }
      }
    return this.builder.finish({
      counters,
      unplaced: this.analyzers.flatMap((a) => (a.unplaced ? [{ ...a.unplaced, input: a.input }] : [])),
      unrecognized,
      skipped: this.analyzers.flatMap((a) => a.skipped),
      yearInferred: this.analyzers.some((a) => a.yearInferred),
      yearBasis: [...new Set(this.analyzers.filter((a) => a.yearInferred).map((a) => a.yearBasis))],
      verboseNodes: new Set(this.analyzers.flatMap((a) => [...a.verboseNodes])),
      lastSeen,
      firstSeen,
      notes: [
        ...orderNotes(this.order.stats),
        ...hostNotes(this.order.stats, this.analyzers),
        ...leapNotes(this.analyzers, this.opts.year !== undefined),
        ...clockNotes(this.analyzers),
        ...zoneNotes(this.analyzers),
        ...headerZoneNotes(this.analyzers, this.opts.zoneGiven === true),
      ],
    });
  }
}

/** Analyse text already in memory (tests, library users): the same way in as a stream's. */
export function analyzeText(inputs: ReadonlyArray<{ name: string; text: string }>, opts: PipelineOptions): Timeline {
  const an = new Analysis(opts);
  // every input is known before any is read, as when files are read together: an entry of a
  // later input is then still found among the earlier one's held entries
  const sinks = inputs.map(({ name }) => an.input(name));
  inputs.forEach(({ text }, i) => {
    const b = Buffer.from(text, 'utf8');
    sinks[i]!.bytes!(b, 0, b.length);
    sinks[i]!.end();
  });
  return an.finish();
}
