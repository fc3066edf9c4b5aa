/**
 * Between the line stage and the timeline: the events of every input, per node in time order,
 * each entry once, in bounded memory.
 *
 * - **Order.** Each event is held until no input can still bring an earlier one for its node:
 *   an input that runs forward promises nothing earlier than `HOLD_MS` before its newest line
 *   of that node (so a clock stepped back, a journal saved twice and concatenated, or pieces
 *   pasted out of order are put in order when the step is within a day); an input that runs
 *   newest first or out of order (`journalctl -r`, `logcli`, `gcloud logging read`: see
 *   `NodeCoverage.unordered`) promises nothing until it ends, and is held whole. Several inputs
 *   are merged by time as they stream (each is mostly in order): an event goes on once every
 *   input that is still open has passed it, and an input that runs too far ahead of another
 *   waits for it (`wantsPause`), so held events stay within the window, not the input.
 * - **Each entry once.** An event whose entry (node, kind, fields, message identity, and time as
 *   precise as its rendering: src/analyze/identity.ts) is already held is a duplicate: two
 *   files of one journal, the same journal in two formats, a paste that repeats itself. The
 *   copy kept is the one with the finer time (then the earlier input and line), so the report
 *   does not depend on which file was read first. The held events are the window: no set of
 *   every entry is kept.
 * - **Small while held.** The kubelet's control loop repeats the same events every 10 s:
 *   repeats of an event held for a node are kept as runs (one template event, then 25 bytes
 *   an event: time, line, identity, precision, pass, place in its second), everything else as the events themselves.
 * - **Holes and restarts** are told here, in time order, from the inputs' coverage
 *   (src/analyze/coverage.ts): a stretch of kubelet lines that starts more than SILENCE_MS after
 *   the lines before it is a hole (`journal-gap`), one with another PID a restart
 *   (`kubelet-start` via `pid-change`).
 *
 * An event that comes after later ones of its node were already passed on (a step back of
 * more than a day) is passed on as it comes, and counted (`late`): the notes say so.
 */
import type { KubeletEvent } from '../model/events.js';
import { type Coverage, SILENCE_MS, type Stretch } from './coverage.js';
import { isPrecise, isWholeSecond, provenance, sameTime, TICK_S } from './identity.js';

/** How long before its newest line an input that runs forward may still bring an entry of a node. */
export const HOLD_MS = 24 * 3_600_000;
/** An input holding more events than this while another open input is behind it waits. */
export const PAUSE_AT = 65_536;

/** Where the events go: the builder (in time order per node), and whoever listens (ndjson). */
export interface OrderSink {
  deliver(e: KubeletEvent): void;
  notify(e: KubeletEvent): void;
}

/** What the order stage saw of one input, for the notes. */
export interface InputStats {
  readonly name: string;
  readonly coverage: Coverage;
  /** events passed on out of order (they came more than HOLD_MS late) */
  late: number;
  firstLate: number | undefined;
}

interface InputState extends InputStats {
  ended: boolean;
  /** events of this input now held */
  held: number;
  /** set by the order stage: the reader should wait (another input is behind) */
  pause: boolean;
  // per pump: the coverage's view, cached
  maxAt: number;
  unordered: boolean;
  /** newest first: equal times are in the journal's order from the last line up */
  reversed: boolean;
}

// ---- events as data: their fields, a hash of them, equality ----

function skip(k: string): boolean {
  return k === 'kind' || k === 'at' || k === 'node' || k === 'src';
}

function hashString(h: number, s: string): number {
  h = Math.imul(h ^ s.length, 0x01000193);
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

function hashValue(h: number, v: unknown): number {
  switch (typeof v) {
    case 'string':
      return hashString(h, v);
    case 'number':
      // (an int32 as itself, -0 as 0, as `sameValue` has them equal; any other number as its text)
      return (v | 0) === v ? Math.imul(Math.imul(h ^ 0x69, 0x01000193) ^ v, 0x01000193) : hashString(h ^ 0x6e, String(v));
    case 'boolean':
      return Math.imul(h ^ (v ? 0x74 : 0x66), 0x01000193);
    case 'object':
      if (v === null) return Math.imul(h ^ 0x6c, 0x01000193);
      if (Array.isArray(v)) {
        h = Math.imul(h ^ 0x5b ^ v.length, 0x01000193);
        for (const x of v) h = hashValue(h, x);
        return h;
      }
      return Math.imul(h ^ 0x7b, 0x01000193) + membersHash(v as Record<string, unknown>, false);
    default:
      return Math.imul(h ^ 0x75, 0x01000193);
  }
}

/**
 * A hash of an object's members (with `skipping`, not those `skip` names), whatever order they
 * were made in, as `sameValue` and `sameFields` compare them: the sum of their values' hashes.
 * (The names are left out: objects of one kind have the same ones, and two that differ only
 * in which name holds which value cost a comparison, never a wrong answer.)
 */
function membersHash(r: Record<string, unknown>, skipping: boolean): number {
  let sum = 0;
  for (const k in r) {
    if (skipping && skip(k)) continue;
    sum = (sum + hashValue(0x811c9dc5, r[k])) | 0;
  }
  return sum;
}

/** A hash of an event's kind and fields (what a repeat of it has the same). */
function fieldHash(e: KubeletEvent): number {
  return (hashString(0x811c9dc5, e.kind) + membersHash(e as unknown as Record<string, unknown>, true)) | 0;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let n = 0;
  for (const k in ra) {
    n++;
    if (!(k in rb) || !sameValue(ra[k], rb[k])) return false;
  }
  for (const _ in rb) n--;
  return n === 0;
}

/** Same kind and fields (time, node and provenance aside). */
function sameFields(a: KubeletEvent, b: KubeletEvent): boolean {
  if (a.kind !== b.kind) return false;
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  let n = 0;
  for (const k in ra) {
    if (skip(k)) continue;
    n++;
    if (!(k in rb) || !sameValue(ra[k], rb[k])) return false;
  }
  for (const k in rb) if (!skip(k)) n--;
  return n === 0;
}

// ---- held events: monotone sequences ----

/** The precision of a held run element: 0 none, 1 µs, 2 s; 3 marks one dropped for a better copy. */
const T_NONE = 0;
const T_US = 1;
const T_S = 2;
const T_DEAD = 3;
const tickCode = (t: number | undefined) => (t === undefined ? T_NONE : t >= TICK_S ? T_S : T_US);
const tickOfCode = (c: number): number | undefined => (c === T_US ? 0.001 : c === T_S ? TICK_S : undefined);
/** finer is better: µs, then s, then none */
const tickRank = (c: number) => (c === T_US ? 0 : c === T_S ? 1 : 2);

/**
 * Events of one node from one input whose times run one way (up, or down), in arrival order.
 * Released from the oldest: the first element (up) or the last (down).
 */
abstract class Seq {
  /** unreleased: [lo, hi) */
  lo = 0;
  hi = 0;
  /** 1 up, -1 down, 0 not known yet (one element, or equal times) */
  dir = 0;
  /** some element was released (a down sequence then takes no more) */
  taken = false;
  constructor(readonly input: number) {}
  /** the element's place in time (`orderKey`) */
  abstract keyOf(k: number): number;
  abstract lineOf(k: number): number;
  abstract dead(k: number): boolean;
  /** the element released next (skipping dropped ones), or -1 */
  head(): number {
    while (this.lo < this.hi) {
      const k = this.dir >= 0 ? this.lo : this.hi - 1;
      if (!this.dead(k)) return k;
      this.advance();
    }
    return -1;
  }
  advance(): void {
    this.taken = true;
    if (this.dir >= 0) this.lo++;
    else this.hi--;
  }
  /** the key (`orderKey`) of the element appended last (NaN: none yet) */
  last = NaN;
  /**
   * May an element of key `key` be appended without breaking the order? (sets the direction)
   * A sequence must release its elements in `cmp`'s order: it runs one way by key, and equal
   * keys are released in the line order `cmp` gives them — arrival order when the input runs
   * forward, the reverse when it runs newest first (`newestFirst`: its lines so far).
   */
  fits(key: number, newestFirst: boolean): boolean {
    const last = this.last;
    if (Number.isNaN(last)) return true;
    const d = key - last;
    if (this.dir === 0) {
      const dir = d > 0 || (d === 0 && !newestFirst) ? 1 : -1;
      if (this.taken && dir < 0) return false;
      this.dir = dir;
      return true;
    }
    return this.dir > 0 ? d >= 0 : !this.taken && d <= 0;
  }
  get empty(): boolean {
    return this.head() === -1;
  }
}

/** Repeats of one event (same kind and fields): its template, then per element four typed arrays. */
class RunSeq extends Seq {
  at = new Float64Array(8);
  line = new Int32Array(8);
  id = new Int32Array(8);
  tick = new Uint8Array(8);
  /** the line stage's pass (`Provenance.pass`): repeats within one pass of one input are two entries */
  pass = new Uint32Array(8);
  /** the key (`orderKey`) less the time: a whole second's place within it */
  ord = new Float32Array(8);
  open = true;
  constructor(
    input: number,
    readonly t: KubeletEvent,
    readonly hash: number,
  ) {
    super(input);
  }
  keyOf(k: number): number {
    return this.at[k]! + this.ord[k]!;
  }
  lineOf(k: number): number {
    return this.line[k]!;
  }
  dead(k: number): boolean {
    return this.tick[k] === T_DEAD;
  }
  push(e: KubeletEvent, key: number): void {
    if (this.hi === this.at.length) this.grow();
    const k = this.hi++;
    this.last = key;
    this.ord[k] = key - e.at;
    this.at[k] = e.at;
    this.line[k] = e.src.line;
    this.id[k] = e.src.id ?? 0;
    this.tick[k] = tickCode(e.src.tick);
    this.pass[k] = e.src.pass ?? 0;
  }
  private grow(): void {
    // drop what was released (only an up sequence is released from the front while it grows)
    const lo = this.dir >= 0 ? this.lo : 0;
    const live = this.hi - lo;
    if (live * 2 <= this.at.length) {
      // released as fast as it is appended (a forward loop): move down in place, allocate nothing
      // (new typed arrays at every turn leave freed backing stores behind: RSS grew by the hour)
      this.at.copyWithin(0, lo, this.hi);
      this.line.copyWithin(0, lo, this.hi);
      this.id.copyWithin(0, lo, this.hi);
      this.tick.copyWithin(0, lo, this.hi);
      this.pass.copyWithin(0, lo, this.hi);
      this.ord.copyWithin(0, lo, this.hi);
      this.lo -= lo;
      this.hi = live;
      return;
    }
    const cap = Math.max(8, live * 2);
    const move = <T extends Float64Array | Float32Array | Int32Array | Uint32Array | Uint8Array>(a: T, b: T): T => {
      b.set(a.subarray(lo, this.hi));
      return b;
    };
    this.at = move(this.at, new Float64Array(cap));
    this.line = move(this.line, new Int32Array(cap));
    this.id = move(this.id, new Int32Array(cap));
    this.tick = move(this.tick, new Uint8Array(cap));
    this.pass = move(this.pass, new Uint32Array(cap));
    this.ord = move(this.ord, new Float32Array(cap));
    this.lo -= lo;
    this.hi = live;
  }
  /** The element k as an event. */
  event(k: number): KubeletEvent {
    const t = this.t;
    const src = provenance(t.src.input, this.line[k]!, this.id[k]!, tickOfCode(this.tick[k]!), this.pass[k]!);
    return { ...t, at: this.at[k]!, src } as KubeletEvent;
  }
  /** An element holding the same entry as `e` (of input `i`), or -1. */
  find(e: KubeletEvent, i: number): number {
    const id = e.src.id!;
    // within one pass of its own input, the same entry again at a whole second is another entry
    const own = i === this.input && wholeSecond(e) ? (e.src.pass ?? 0) : -1;
    // (the elements run by key, `orderKey`, which is at most a second past their time: a window of whole seconds around it)
    const lo = Math.floor(e.at / 1000) * 1000 - 1000;
    const hi = Math.floor(e.at / 1000) * 1000 + 1999.999;
    // a short scan: repeats are seconds apart, so few elements fall within a second
    let a = this.lo;
    let b = this.hi;
    if (this.dir >= 0) {
      // (every element's time is at most its key, and the keys run up: none is in the window when
      // the last key is before it — a forward loop's next repeat, seconds after the one before)
      if (b > a && this.keyOf(b - 1) < lo) return -1;
      while (a < b) {
        const m = (a + b) >>> 1;
        if (this.at[m]! < lo) a = m + 1;
        else b = m;
      }
      for (let k = a; k < this.hi && this.at[k]! <= hi; k++) if (this.match(k, id, e, own)) return k;
    } else {
      while (a < b) {
        const m = (a + b) >>> 1;
        if (this.at[m]! > hi) a = m + 1;
        else b = m;
      }
      for (let k = a; k < this.hi && this.at[k]! >= lo; k++) if (this.match(k, id, e, own)) return k;
    }
    return -1;
  }
  private match(k: number, id: number, e: KubeletEvent, own: number): boolean {
    const c = this.tick[k]!;
    return c !== T_DEAD && this.id[k] === id && this.pass[k] !== own && sameTime(this.at[k]!, tickOfCode(c), e.at, e.src.tick);
  }
}

/** Is the event's time whole seconds (no klog microseconds read into it)? */
function wholeSecond(e: KubeletEvent): boolean {
  return !isPrecise(e.src.tick) && isWholeSecond(e.at);
}

/** A held event that is not (yet) a repeat. */
interface Held {
  readonly e: KubeletEvent;
  readonly input: number;
  /** `orderKey` */
  readonly key: number;
  dead: boolean;
}

class ObjSeq extends Seq {
  items: Array<Held | undefined> = [];
  keyOf(k: number): number {
    return this.items[k]!.key;
  }
  lineOf(k: number): number {
    return this.items[k]!.e.src.line;
  }
  dead(k: number): boolean {
    return this.items[k]!.dead;
  }
  push(h: Held): void {
    if (this.dir >= 0 && this.lo > 1024 && this.lo * 2 > this.hi) {
      this.items = this.items.slice(this.lo, this.hi);
      this.hi -= this.lo;
      this.lo = 0;
    }
    this.items[this.hi++] = h;
    this.last = h.key;
  }
  take(k: number): Held {
    const h = this.items[k]!;
    this.items[k] = undefined;
    return h;
  }
}

/** How many events of an input are remembered per node to notice that the next one repeats one. */
const RECENT = 16;

/** One node's held events and what is known of its time line. */
class NodeOrder {
  readonly seqs: Seq[] = [];
  /** run sequences by field hash */
  readonly runs = new Map<number, RunSeq[]>();
  /** held single events by identity */
  readonly singles = new Map<number, Held[]>();
  /** per input: the sequence singles are appended to, and the latest singles */
  readonly cur = new Map<number, ObjSeq>();
  readonly recent = new Map<number, Array<{ hash: number; e: KubeletEvent }>>();
  /** per input: the time and key (`orderKey`) of its latest event */
  readonly prev = new Map<number, { at: number; key: number }>();
  /** the latest time passed on */
  released = -Infinity;
  /** stretches not yet told, and the last ones told */
  pending: Stretch[] = [];
  /**
   * `pending` was put in `cmp`'s order when the inputs' `orderEpoch` was this (-1: it is out of
   * order): a forward input's stretches come in order, and a crash-looping kubelet makes one
   * every 10 s, so they are not sorted again at every release
   */
  sortedAt = 0;
  told: Stretch[] = [];
  constructor(readonly name: string) {}
}

/** The order stage; see the file comment. */
export class EventOrder {
  private readonly inputs: InputState[] = [];
  private readonly nodes = new Map<string, NodeOrder>();
  /** events passed on to the builder */
  delivered = 0;
  /** entries read twice (or more), counted once */
  duplicates = 0;
  /** events held now, and the most ever held at once (what the memory bound is about) */
  held = 0;
  maxHeld = 0;

  constructor(private readonly sink: OrderSink) {}

  /** A new input; its coverage tells the stage how far it has got and which way it runs. */
  addInput(name: string, coverage: Coverage): number {
    this.inputs.push({
      name,
      coverage,
      late: 0,
      firstLate: undefined,
      ended: false,
      held: 0,
      pause: false,
      maxAt: -Infinity,
      unordered: false,
      reversed: false,
    });
    return this.inputs.length - 1;
  }

  /** What the stage saw of each input. */
  get stats(): readonly InputStats[] {
    return this.inputs;
  }

  /** Should input `i`'s reader wait (it is ahead of another input and holds a lot)? */
  wantsPause(i: number): boolean {
    return this.inputs[i]!.pause;
  }

  private node(name: string): NodeOrder {
    let n = this.nodes.get(name);
    if (!n) {
      n = new NodeOrder(name);
      this.nodes.set(name, n);
    }
    return n;
  }

  /** A stretch of kubelet lines began (src/analyze/coverage.ts). */
  stretch(s: Stretch): void {
    const n = this.node(s.node);
    if (s.min < n.released) this.tell(n, s);
    else {
      const last = n.pending[n.pending.length - 1];
      if (last !== undefined && this.cmp(last.min, last.input, last.minLine, s.min, s.input, s.minLine) > 0) n.sortedAt = -1;
      n.pending.push(s);
    }
  }

  /** An event of input `i`, as the line stage made it. */
  add(i: number, e: KubeletEvent): void {
    const inp = this.inputs[i]!;
    if (!Number.isFinite(e.at)) {
      // no time to order it by: on at once (as the first lines of a journal without stamps)
      this.sink.notify(e);
      this.pass(e);
      return;
    }
    const n = this.node(e.node);
    const hash = fieldHash(e);
    const newestFirst = this.inputs[i]!.coverage.nodes.get(e.node)?.newestFirstWithin ?? false;
    const key = this.orderKey(n, i, e, newestFirst);
    if (e.src.id !== undefined) {
      const d = this.duplicate(n, e, hash, i);
      if (d) {
        this.duplicates++;
        if (!this.better(e, i, d) || e.at < n.released) return;
        // the new copy has the finer time (or comes first): it replaces the one held
        this.drop(d);
        this.hold(n, i, e, hash, key, newestFirst);
        return;
      }
    }
    this.sink.notify(e);
    if (e.at < n.released) {
      // later events of this node were passed on already (a step back of more than HOLD_MS)
      inp.late++;
      inp.firstLate ??= e.src.line;
      this.pass(e);
      return;
    }
    this.hold(n, i, e, hash, key, newestFirst);
  }

  /**
   * Where an event stands in time, for `cmp`: its time, except that one of whole seconds
   * (systemd's lines in the text formats) takes the place of the event before it in its input
   * when that is of the same second, so that it stays after it: systemd's `Failed to start` at
   * 19:05:10 after the kubelet's fatal at 19:05:10.454. One that comes first in its second
   * stands at its start (systemd's `Started` before the new kubelet's first lines), or at its
   * end when the node's lines so far run newest first (there the first of a second is its last).
   */
  private orderKey(n: NodeOrder, i: number, e: KubeletEvent, newestFirst: boolean): number {
    const prev = n.prev.get(i);
    let key = e.at;
    if (wholeSecond(e)) {
      if (prev && Math.floor(prev.at / 1000) === e.at / 1000) key = Math.max(key, prev.key);
      else if (newestFirst) key = e.at + 999.999;
    }
    if (prev) {
      prev.at = e.at;
      prev.key = key;
    } else n.prev.set(i, { at: e.at, key });
    return key;
  }

  /** Input `i` ended: it holds nothing back any more. */
  end(i: number): void {
    this.inputs[i]!.ended = true;
  }

  /** Pass on what no open input can precede any more, and tell readers to wait or go on. */
  pump(): void {
    for (const inp of this.inputs) this.look(inp);
    for (const n of this.nodes.values()) {
      const b = this.bound(n.name);
      if (b > -Infinity) this.release(n, b);
    }
    // an input far ahead waits for the one behind: never the one the others wait for
    let behind = Infinity;
    for (const inp of this.inputs) if (!inp.ended) behind = Math.min(behind, this.progress(inp));
    for (const inp of this.inputs) inp.pause = !inp.ended && inp.held > PAUSE_AT && this.progress(inp) > behind;
  }

  /** Everything read: pass on all that is held. */
  finish(): void {
    for (const inp of this.inputs) {
      this.look(inp);
      inp.ended = true;
      inp.pause = false;
    }
    for (const n of this.nodes.values()) this.release(n, Infinity);
  }

  /** What the input's coverage says now: how far it has got, which way it runs. */
  private look(inp: InputState): void {
    inp.maxAt = inp.coverage.maxAt;
    inp.unordered = inp.coverage.unordered;
    const reversed = inp.unordered && inp.coverage.reversed;
    if (reversed !== inp.reversed) this.turns++;
    inp.reversed = reversed;
  }

  /** how many times an input's direction (`reversed`) changed */
  private turns = 0;

  /**
   * A count that grows whenever the order `cmp` gives two held stretches may change: a stretch's
   * start moved earlier, or an input's direction changed (a sum of counts that only grow).
   */
  private orderEpoch(): number {
    let e = this.turns;
    for (const inp of this.inputs) e += inp.coverage.moves;
    return e;
  }

  /** How far an input has got, for who waits for whom (an unordered one has got nowhere until it ends). */
  private progress(inp: InputState): number {
    return inp.unordered ? -Infinity : inp.maxAt;
  }

  /** The latest time up to which no open input can still bring an event of node `name`. */
  private bound(name: string): number {
    let b = Infinity;
    for (const inp of this.inputs) {
      if (inp.ended) continue;
      const c = inp.coverage.nodes.get(name);
      // (a node the input has brought only systemd's lines of so far has got as far as they have)
      const mine = c ? (c.unordered ? -Infinity : Math.max(c.maxAt, c.seenAt) - HOLD_MS) : inp.unordered ? -Infinity : inp.maxAt - HOLD_MS;
      if (mine < b) b = mine;
    }
    return b;
  }

  /**
   * The held copy of `e`'s entry, if any. Within one pass of one input (`Provenance.pass`: its
   * lines have not gone back in time since) the same entry again at a time of whole seconds is a
   * second entry — systemd restarting the kubelet twice in one second writes the same line twice
   * — not a copy. (A time with the klog header's microseconds is the same entry however it comes.)
   */
  private duplicate(n: NodeOrder, e: KubeletEvent, hash: number, i: number): { run: RunSeq; k: number } | { held: Held } | undefined {
    const runs = n.runs.get(hash);
    if (runs) {
      for (const run of runs) {
        // (the search first: it ends at once when the run is past, and every element has the template's fields)
        const k = run.find(e, i);
        if (k !== -1 && sameFields(run.t, e)) return { run, k };
      }
    }
    const singles = n.singles.get(e.src.id!);
    if (singles) {
      for (const h of singles) {
        if (h.input === i && wholeSecond(e) && (h.e.src.pass ?? 0) === (e.src.pass ?? 0)) continue;
        if (!h.dead && sameTime(h.e.at, h.e.src.tick, e.at, e.src.tick) && sameFields(h.e, e)) return { held: h };
      }
    }
    return undefined;
  }

  /** Is the new copy `e` (of input i) better than the held one: a finer time, else the earlier input and line? */
  private better(e: KubeletEvent, i: number, d: { run: RunSeq; k: number } | { held: Held }): boolean {
    const [tick, input, line] =
      'run' in d ? [d.run.tick[d.k]!, d.run.input, d.run.line[d.k]!] : [tickCode(d.held.e.src.tick), d.held.input, d.held.e.src.line];
    const a = tickRank(tickCode(e.src.tick));
    const b = tickRank(tick);
    return a !== b ? a < b : i !== input ? i < input : e.src.line < line;
  }

  private drop(d: { run: RunSeq; k: number } | { held: Held }): void {
    if ('run' in d) {
      d.run.tick[d.k] = T_DEAD;
      this.inputs[d.run.input]!.held--;
    } else {
      d.held.dead = true;
      this.inputs[d.held.input]!.held--;
      const id = d.held.e.src.id!;
      const n = this.nodes.get(d.held.e.node)!;
      const list = n.singles.get(id)!;
      list.splice(list.indexOf(d.held), 1);
      if (list.length === 0) n.singles.delete(id);
    }
    this.held--;
  }

  private hold(n: NodeOrder, i: number, e: KubeletEvent, hash: number, key: number, newestFirst: boolean): void {
    this.inputs[i]!.held++;
    if (++this.held > this.maxHeld) this.maxHeld = this.held;
    let runs = n.runs.get(hash);
    let run: RunSeq | undefined;
    if (runs)
      for (const r of runs)
        if (r.input === i && r.open && sameFields(r.t, e)) {
          run = r;
          break;
        }
    if (run) {
      if (run.fits(key, newestFirst)) {
        run.push(e, key);
        return;
      }
      run.open = false;
    }
    const recent = n.recent.get(i);
    if (run || recent?.some((r) => r.hash === hash && sameFields(r.e, e))) {
      // a repeat: from now on a run
      const r = new RunSeq(i, e, hash);
      r.fits(key, newestFirst);
      r.push(e, key);
      if (!runs) n.runs.set(hash, (runs = []));
      runs.push(r);
      n.seqs.push(r);
      return;
    }
    let cur = n.cur.get(i);
    if (!cur || !cur.fits(key, newestFirst)) {
      cur = new ObjSeq(i);
      cur.fits(key, newestFirst);
      n.cur.set(i, cur);
      n.seqs.push(cur);
    }
    const h: Held = { e, input: i, key, dead: false };
    cur.push(h);
    const id = e.src.id;
    if (id !== undefined) {
      const list = n.singles.get(id);
      if (list) list.push(h);
      else n.singles.set(id, [h]);
    }
    if (recent) {
      recent.push({ hash, e });
      if (recent.length > RECENT) recent.shift();
    } else n.recent.set(i, [{ hash, e }]);
  }

  /**
   * The order of two held places, by key (`orderKey`; a total order, as the heap needs): of two
   * inputs, then the input; of one, then the line (as the journal ran: a newest-first input's
   * from its end).
   */
  private cmp(key: number, input: number, line: number, key2: number, input2: number, line2: number): number {
    if (input !== input2) return key - key2 || input - input2;
    return key - key2 || (this.inputs[input]!.reversed ? line2 - line : line - line2);
  }

  /** Pass on node n's held events and stretches up to `bound`, in time order. */
  private release(n: NodeOrder, bound: number): void {
    // (a stretch's start moves earlier when its lines come out of order, and `cmp` reads each
    // input's direction: what the pending ones' order depends on besides what was added)
    const epoch = this.orderEpoch();
    if (n.sortedAt !== epoch && n.pending.length > 1)
      n.pending.sort((a, b) => this.cmp(a.min, a.input, a.minLine, b.min, b.input, b.minLine));
    n.sortedAt = epoch;
    // a heap of the sequences whose next element is due, by that element's place
    const heap: Seq[] = [];
    const key = (s: Seq) => s.head();
    const less = (a: Seq, b: Seq) => {
      const ka = key(a);
      const kb = key(b);
      return this.cmp(a.keyOf(ka), a.input, a.lineOf(ka), b.keyOf(kb), b.input, b.lineOf(kb)) < 0;
    };
    const up = (i: number) => {
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!less(heap[i]!, heap[p]!)) break;
        [heap[i], heap[p]] = [heap[p]!, heap[i]!];
        i = p;
      }
    };
    const down = (i: number) => {
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
        if (m === i) return;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    };
    for (const s of n.seqs) {
      const k = s.head();
      if (k !== -1 && s.keyOf(k) <= bound) {
        heap.push(s);
        up(heap.length - 1);
      }
    }
    let p = 0;
    for (;;) {
      const st = p < n.pending.length && n.pending[p]!.min <= bound ? n.pending[p]! : undefined;
      const top = heap[0];
      // a stretch goes where its first line is: after the lines before it of the same instant
      // (systemd's `Starting` before the new PID's first line), before that line's own events
      const th = top ? top.head() : -1;
      if (st && (!top || this.cmp(st.min, st.input, st.minLine, top.keyOf(th), top.input, top.lineOf(th)) <= 0)) {
        p++;
        this.tell(n, st);
        continue;
      }
      if (!top) break;
      const k = top.head();
      const e = top instanceof RunSeq ? top.event(k) : this.takeSingle(n, top as ObjSeq, k);
      top.advance();
      this.inputs[top.input]!.held--;
      this.held--;
      if (e.at > n.released) n.released = e.at;
      this.pass(e);
      const k2 = top.head();
      if (k2 !== -1 && top.keyOf(k2) <= bound) down(0);
      else {
        heap[0] = heap[heap.length - 1]!;
        heap.pop();
        if (heap.length > 0) down(0);
      }
    }
    if (p > 0) n.pending.splice(0, p);
    // forget drained sequences (a run or a single sequence an input still appends to stays)
    let w = 0;
    for (const s of n.seqs) {
      const keep = !s.empty || (s instanceof RunSeq ? s.open : n.cur.get(s.input) === s);
      if (keep) n.seqs[w++] = s;
      else if (s instanceof RunSeq) {
        const list = n.runs.get(s.hash)!;
        list.splice(list.indexOf(s), 1);
        if (list.length === 0) n.runs.delete(s.hash);
      }
    }
    n.seqs.length = w;
  }

  private takeSingle(n: NodeOrder, s: ObjSeq, k: number): KubeletEvent {
    const h = s.take(k);
    const id = h.e.src.id;
    if (id !== undefined) {
      const list = n.singles.get(id)!;
      list.splice(list.indexOf(h), 1);
      if (list.length === 0) n.singles.delete(id);
    }
    return h.e;
  }

  private pass(e: KubeletEvent): void {
    this.delivered++;
    this.sink.deliver(e);
  }

  /**
   * A stretch of lines in time order: a hole before it, a new PID in it. Compared with the
   * stretches told before that begin no later (late ones included), so the inputs' overlaps
   * tell nothing twice.
   */
  private tell(n: NodeOrder, s: Stretch): void {
    let covered = -Infinity;
    let pid: number | undefined;
    let pidAt = -Infinity;
    let any = false;
    for (const t of n.told) {
      if (t.min > s.min) continue;
      any = true;
      if (t.max > covered) covered = t.max;
      if (t.pid !== undefined && t.min >= pidAt) {
        pid = t.pid;
        pidAt = t.min;
      }
    }
    const src = { input: this.inputs[s.input]!.name, line: s.minLine };
    if (any && s.min - covered > SILENCE_MS) {
      this.emit({ kind: 'journal-gap', at: s.min, node: n.name, src, from: covered, seconds: Math.round((s.min - covered) / 1000) });
    }
    if (s.pid !== undefined && pid !== undefined && s.pid !== pid) {
      this.emit({ kind: 'kubelet-start', at: s.min, node: n.name, src, pid: s.pid, via: 'pid-change' });
    }
    n.told.push(s);
    if (n.told.length > 64) n.told.shift();
    if (s.min > n.released) n.released = s.min;
  }

  private emit(e: KubeletEvent): void {
    this.sink.notify(e);
    this.pass(e);
  }
}
