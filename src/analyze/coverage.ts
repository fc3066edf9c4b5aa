/**
 * What every kubelet line tells besides its message, kept per input and node as *coverage*:
 * stretches of time the journal has kubelet lines for, each with the kubelet PID that wrote
 * them. A stretch grows while each new line falls within `SILENCE_MS` of it and keeps its
 * PID, so it has no hole longer than that inside, in whatever order its lines came.
 *
 * Holes in the journal (`journal-gap`) and new PIDs (`kubelet-start` via `pid-change`) are
 * the boundaries between stretches, and they are told only once the stretches are in time
 * order (src/analyze/order.ts): the same from a `journalctl -r` export, from two overlapping
 * files, or from pieces pasted out of order. The line stage (analyzer.ts) only reports each
 * kubelet line here: a comparison or two, no allocation, on the fast path too.
 *
 * The same counts say which way an input runs (newest first, or out of order) and how far it
 * has got, which is what the merge of inputs needs to know.
 */

/** No kubelet line at all for this long is a hole in the journal (reported while an incident is open). */
export const SILENCE_MS = 10 * 60_000;

import { timeOrder } from './identity.js';

/** A step back in time this long is a clock step or a join, reported in the notes. */
export const STEP_MS = 60_000;

/** A stretch of kubelet lines of one node in one input: no hole longer than SILENCE_MS inside. */
export interface Stretch {
  readonly input: number;
  readonly node: string;
  /** the PID of its lines (undefined when none named one) */
  pid: number | undefined;
  min: number;
  max: number;
  /** the line at `min`: a restart or a hole is cited there */
  minLine: number;
}

/** One node's lines in one input. */
export class NodeCoverage {
  /** the stretch the newest line belongs to */
  private open: Stretch | undefined;
  /** the node's first stretch (where its lines began: a hostname that changed under one kubelet, `hostNotes`) */
  first: Stretch | undefined;
  /** the latest time of any line (how far the input has got for this node) */
  maxAt = -Infinity;
  private prevAt = NaN;
  /** steps between consecutive lines: forward, back; and those within one second */
  up = 0;
  down = 0;
  upWithin = 0;
  downWithin = 0;
  /** steps back of STEP_MS or more (a clock step, pieces joined out of order) */
  steps = 0;
  firstStep: { line: number; from: number; to: number } | undefined;
  private stepping = false;

  constructor(
    private readonly cov: Coverage,
    readonly node: string,
  ) {}

  /** A kubelet line of this node: its time (NaN: unknown), the PID it names (if any), its number. */
  line(at: number, pid: number | undefined, line: number): void {
    if (!Number.isFinite(at)) return;
    if (!Number.isNaN(this.prevAt)) {
      const d = timeOrder(at, this.prevAt);
      const within = Math.floor(at / 1000) === Math.floor(this.prevAt / 1000);
      if (d > 0) {
        this.up++;
        if (within) this.upWithin++;
      } else if (d < 0) {
        this.down++;
        if (within) this.downWithin++;
      }
    }
    this.prevAt = at;
    if (at < this.maxAt - STEP_MS) {
      if (!this.stepping) {
        this.stepping = true;
        this.steps++;
        this.firstStep ??= { line, from: this.maxAt, to: at };
      }
    } else this.stepping = false;
    if (at > this.maxAt) this.maxAt = at;
    const s = this.open;
    if (s && (pid === undefined || s.pid === undefined || pid === s.pid) && at >= s.min - SILENCE_MS && at <= s.max + SILENCE_MS) {
      if (at > s.max) s.max = at;
      else if (at < s.min) {
        s.min = at;
        s.minLine = line;
        this.cov.moves++;
      }
      if (s.pid === undefined) s.pid = pid;
      return;
    }
    const n: Stretch = { input: this.cov.input, node: this.node, pid, min: at, max: at, minLine: line };
    this.open = n;
    this.first ??= n;
    this.cov.onStretch(n);
  }

  /**
   * An event of this node at `at` from a line that is not the kubelet's own (systemd's about its
   * unit, a pasted `systemctl status`): how far the input has got for the node, for the order
   * stage, and nothing else (it names no kubelet PID, does not tell which way the lines run, and
   * is not the kubelet's own lines going on: `maxAt` stays theirs). A node whose first
   * event comes from such a line is then one the input has reached, at that time, and not one
   * it has not begun: its events are held as long as the node's own time says, not the time of
   * another node earlier in the input (two nodes' journals of other years concatenated).
   */
  seen(at: number): void {
    if (at > this.seenAt) this.seenAt = at;
  }
  /** the latest time of an event of the node from a line not the kubelet's own (`seen`) */
  seenAt = -Infinity;

  /** the stretch the newest line belongs to (the node's last, in an input in time order) */
  get last(): Stretch | undefined {
    return this.open;
  }

  /**
   * The lines run mostly newest first, or out of order: more than one step in five goes back.
   * Such an input is held until its end and sorted (a forward journal with a clock step or a
   * join here and there is not).
   */
  get unordered(): boolean {
    return this.down * 4 > this.up;
  }

  /**
   * Do the lines so far run newest first within their seconds (the klog fractions fall)? Not
   * overall: an export of whole seconds in any order still runs forward within each.
   */
  get newestFirstWithin(): boolean {
    return this.downWithin > this.upWithin;
  }

  /** Newest first: at most one step in nine goes forward. */
  get reversed(): boolean {
    return this.up * 8 <= this.down;
  }
}

/** One input's coverage, node by node; new stretches go to `onStretch` as they open. */
export class Coverage {
  readonly nodes = new Map<string, NodeCoverage>();
  /** how many times a stretch's start moved earlier (its lines came out of order): the order stage's sort of them may be off */
  moves = 0;

  constructor(
    readonly input: number,
    readonly onStretch: (s: Stretch) => void,
  ) {}

  node(name: string): NodeCoverage {
    let n = this.nodes.get(name);
    if (!n) {
      n = new NodeCoverage(this, name);
      this.nodes.set(name, n);
    }
    return n;
  }

  /** How far the input has got: the latest line of any node. */
  get maxAt(): number {
    let m = -Infinity;
    for (const n of this.nodes.values()) if (n.maxAt > m) m = n.maxAt;
    return m;
  }

  /** The unordered nodes' lines run newest first (almost every step goes back). */
  get reversed(): boolean {
    let any = false;
    for (const n of this.nodes.values()) {
      if (!n.unordered) continue;
      if (!n.reversed) return false;
      any = true;
    }
    return any;
  }

  /** Some node's lines run newest first or out of order. */
  get unordered(): boolean {
    for (const n of this.nodes.values()) if (n.unordered) return true;
    return false;
  }
}
