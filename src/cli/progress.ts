/**
 * The progress line on standard error while a big input is read: percent, throughput and events
 * so far, redrawn in place with `\r` at most every `intervalMs`, never wider than the terminal
 * (a wrapped line could not be erased), and erased at the end so the terminal keeps only the
 * report. The CLI shows it only when standard error is a terminal that can redraw (not
 * `TERM=dumb`), the inputs' size is known (files, `.gz` files by their compressed bytes,
 * standard input redirected from a file) and `--quiet` is not given; piped stderr never sees a `\r`.
 */
import { num } from '../model/number.js';

/** What one progress line shows. */
export interface ProgressState {
  /** input bytes read so far */
  readonly bytes: number;
  /** input bytes in all, > 0 */
  readonly total: number;
  /** ms since reading started */
  readonly elapsedMs: number;
  /** events recognised so far; omitted when not known while reading (several inputs) */
  readonly events?: number;
}

const MiB = 1024 * 1024;

/**
 * One progress line, without `\r` or newline, e.g.
 * `klog-eviction: 42% of 512.0 MiB, 96.3 MiB/s, 1,234 events`.
 * Percent is floored (100% only when everything was read) and clamped to 0..100.
 */
export function formatProgress(s: ProgressState): string {
  const ratio = s.total > 0 ? Math.min(1, Math.max(0, s.bytes / s.total)) : 0;
  const pct = Math.floor(ratio * 100);
  const rate = s.elapsedMs > 0 ? s.bytes / MiB / (s.elapsedMs / 1000) : 0;
  const parts = [`${pct}% of ${(s.total / MiB).toFixed(1)} MiB`, `${rate.toFixed(1)} MiB/s`];
  if (s.events !== undefined) parts.push(`${num(s.events)} event${s.events === 1 ? '' : 's'}`);
  return `klog-eviction: ${parts.join(', ')}`;
}

/** Erase the current terminal line: carriage return, then ECMA-48 EL (erase to end of line). */
export const CLEAR_LINE = '\r\x1b[K';

export interface ProgressOptions {
  readonly total: number;
  readonly write: (s: string) => void;
  /** a monotonic clock in ms */
  readonly now: () => number;
  /** events so far, or undefined when unknown */
  readonly events?: () => number | undefined;
  /** shortest time between two redraws; default 100 ms (10 a second) */
  readonly intervalMs?: number;
  /** the terminal's width: the line is cut to one column less, so it never wraps */
  readonly columns?: number;
}

/** A throttled, self-erasing progress line. Call `add` with every chunk's size, `done` at the end. */
export class Progress {
  private bytes = 0;
  private readonly start: number;
  private last = -Infinity;
  private shown = false;
  private readonly intervalMs: number;

  constructor(private readonly opts: ProgressOptions) {
    this.start = opts.now();
    this.intervalMs = opts.intervalMs ?? 100;
  }

  /** Count `n` more bytes read; redraws if the last redraw is `intervalMs` old. */
  add(n: number): void {
    this.to(this.bytes + n);
  }

  /** `bytes` read in all so far (a decompressor's count of compressed bytes); redraws like `add`. */
  to(bytes: number): void {
    this.bytes = bytes;
    const t = this.opts.now();
    if (t - this.last < this.intervalMs) return;
    this.last = t;
    const events = this.opts.events?.();
    const line = formatProgress({
      bytes: this.bytes,
      total: this.opts.total,
      elapsedMs: t - this.start,
      ...(events !== undefined ? { events } : {}),
    });
    const max = this.opts.columns !== undefined && this.opts.columns > 1 ? this.opts.columns - 1 : Infinity;
    this.opts.write(CLEAR_LINE + (line.length > max ? line.slice(0, max) : line));
    this.shown = true;
  }

  /** Erase the line, if one was drawn. Safe to call twice. */
  done(): void {
    if (this.shown) this.opts.write(CLEAR_LINE);
    this.shown = false;
  }
}
