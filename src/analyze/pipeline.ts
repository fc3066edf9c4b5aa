/**
 * The stream-agnostic core (csv-parse's shape): feed lines per input, get a
 * timeline at the end. `analyzeLines` is the synchronous API for strings;
 * `src/stream.ts` wraps the same object for Node streams.
 */
import type { KubeletEvent } from '../model/events.js';
import { TimelineBuilder } from '../timeline/builder.js';
import type { Timeline } from '../timeline/model.js';
import { addCounters, LineAnalyzer, newCounters, type AnalyzeOptions, type Counters } from './analyzer.js';

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

export interface PipelineOptions extends AnalyzeOptions {
  /** close an incident after this long without pressure (ms); default 5 minutes */
  readonly gapMs?: number;
  /** called with every event as soon as it is recognised (ndjson) */
  readonly onEvent?: (e: KubeletEvent) => void;
}

export const DEFAULT_GAP_MS = 5 * 60_000;

/**
 * One analysis over one or more inputs. With a single input, events go to the
 * builder as they come; with several, they are merged by time at the end
 * (each input is in time order, inputs interleave).
 */
export class Analysis {
  private readonly analyzers: LineAnalyzer[] = [];
  private readonly pending: KubeletEvent[][] = [];
  private readonly builder: TimelineBuilder;

  constructor(private readonly opts: PipelineOptions) {
    this.builder = new TimelineBuilder({ gapMs: opts.gapMs ?? DEFAULT_GAP_MS });
  }

  /**
   * Start an input; returns the function that takes its lines (1-based numbers are counted here).
   * `node` names the node of lines that name none: `{ node }` always (`--node-name`), `{ fallback }`
   * only when the input names no node at all (a guess from the file name).
   */
  input(name: string, node: { readonly node?: string | undefined; readonly fallback?: string | undefined } = {}): LineSink {
    const a = new LineAnalyzer(name, {
      ...this.opts,
      ...(node.node !== undefined ? { defaultNode: node.node } : {}),
      ...(node.fallback !== undefined ? { fallbackNode: node.fallback } : {}),
    });
    const idx = this.analyzers.push(a) - 1;
    this.pending.push([]);
    let n = 0;
    const out: KubeletEvent[] = [];
    return {
      line: (text: string) => this.take(idx, a.push(text, ++n)),
      bytes: (b: Buffer, start: number, end: number) => {
        n += a.pushBytes(b, start, end, n + 1, out);
        this.take(idx, out);
        out.length = 0;
      },
      idle: () => {
        a.idle(out);
        this.take(idx, out);
        out.length = 0;
      },
      skip: (reason: string, count = 1) => {
        a.skipRaw(n + 1, reason, count);
        n += count;
      },
      end: () => this.take(idx, a.end()),
    };
  }

  private take(idx: number, events: KubeletEvent[]): void {
    if (events.length === 0) return;
    if (this.analyzers.length === 1) {
      for (const e of events) this.deliver(e);
    } else {
      const p = this.pending[idx]!;
      for (const e of events) p.push(e);
    }
  }

  private deliver(e: KubeletEvent): void {
    this.opts.onEvent?.(e);
    this.builder.add(e);
  }

  /** Each input's own counters, in the order the inputs were started (which gave no kubelet line at all). */
  perInput(): Array<{ readonly input: string; readonly counters: Readonly<Counters> }> {
    return this.analyzers.map((a) => ({ input: a.input, counters: a.counters }));
  }

  /** All inputs ended (or the user interrupted): build the timeline. */
  finish(): Timeline {
    if (this.analyzers.length > 1) {
      const all = this.pending.flat();
      this.pending.length = 0;
      // Stable sort by time; events without a time keep their input order.
      all.sort((a, b) => (Number.isNaN(a.at) || Number.isNaN(b.at) ? 0 : a.at - b.at));
      for (const e of all) this.deliver(e);
    }
    const counters = newCounters();
    const lastSeen = new Map<string, number>();
    const firstSeen = new Map<string, number>();
    for (const a of this.analyzers) {
      addCounters(counters, a.counters);
      for (const [node, at] of a.lastSeen()) lastSeen.set(node, Math.max(at, lastSeen.get(node) ?? -Infinity));
      for (const [node, at] of a.firstSeen()) firstSeen.set(node, Math.min(at, firstSeen.get(node) ?? Infinity));
    }
    return this.builder.finish({
      counters,
      unrecognized: this.analyzers.flatMap((a) => a.unrecognized),
      skipped: this.analyzers.flatMap((a) => a.skipped),
      yearInferred: this.analyzers.some((a) => a.yearInferred),
      verboseNodes: new Set(this.analyzers.flatMap((a) => [...a.verboseNodes])),
      lastSeen,
      firstSeen,
    });
  }
}

/** Analyse text already in memory (tests, library users): the same way in as a stream's. */
export function analyzeText(inputs: ReadonlyArray<{ name: string; text: string }>, opts: PipelineOptions): Timeline {
  const an = new Analysis(opts);
  for (const { name, text } of inputs) {
    const inp = an.input(name);
    const b = Buffer.from(text, 'utf8');
    inp.bytes!(b, 0, b.length);
    inp.end();
  }
  return an.finish();
}
