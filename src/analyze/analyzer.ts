/**
 * The line stage that strings the pure decoders together for one input:
 * journal decoder → klog decoder → classifier, plus the little state a
 * journal needs between lines (the year of year-less stamps, the kubelet PID
 * per node to notice restarts, multi-line klog blocks, pasted duplicates).
 * No I/O: lines come in, events and counters go out.
 */
import { classify, classifySystemd, isWatched, type Classified } from '../classify/classify.js';
import { textHash } from './fastline.js';
import type { Coverage, NodeCoverage } from './coverage.js';
import { identify } from './identity.js';
import { F, LineScan, scanLines, SPLIT_AT, STRIDE } from './scan.js';
import { KUBELET_UNIT } from '../classify/rules.js';
import { decodeJournalLine, journalEntry, type JournalLine, type Stamp } from '../journal/decode.js';
import { ExportAssembler, type ExportRecord } from '../journal/export.js';
import { decodeKlog, type KlogRecord } from '../klog/decode.js';
import type { EventKind, KubeletEvent, Provenance } from '../model/events.js';
import { wallReadings, wallToUtcNear, type Zone } from '../time/zone.js';
import { anchorYear, newYearState, yearFor, type YearState } from '../time/year.js';

export interface AnalyzeOptions {
  /** zone of year-less, zone-less timestamps (`--timezone`) */
  readonly zone: Zone;
  /** `--year`: year of the first year-less entry */
  readonly year?: number;
  /** the caller's clock (epoch ms), for year inference; the core never reads it */
  readonly now: number;
  /** node name for lines whose envelope names none (bare kubelet.log) */
  readonly defaultNode?: string;
  /**
   * (issue 14) where each kubelet line's time and PID go: holes and restarts are told from it
   * once the entries are in time order (src/analyze/coverage.ts, order.ts)
   */
  readonly coverage?: Coverage;
}

/** Counters that travel with the result (csv-parse style). */
export interface Counters {
  lines: number;
  kubeletLines: number;
  events: number;
  unrecognized: number;
  skipped: number;
  duplicates: number;
  /** text that is neither kubelet output nor a journal marker (other units, prompts, prose) */
  otherLines: number;
  /** lines only logged at --v>=3 (observations, housekeeping): tells the journal's verbosity */
  verboseLines: number;
}

export interface UnrecognizedLine {
  readonly input: string;
  readonly line: number;
  readonly text: string;
}

/** Lines skipped for one reason in one input (aggregated: memory does not grow with bad lines). */
export interface SkipReason {
  readonly input: string;
  /** the first line skipped for this reason */
  readonly line: number;
  readonly reason: string;
  count: number;
}

/** syslog identifiers the kubelet runs under. */
const KUBELET_IDENT =
  /^(?:kubelet|kubelet-wrapper|hyperkube|origin-node|atomic-openshift-node|openshift-node|k3s|k3s-agent|k3s-server|rke2|rke2-agent|rke2-server|kubelite|microk8s\.daemon-kubelite|microk8s\.daemon-kubelet|k0sworker|k0s|kubelet\.sh|dockerd-current)$/;

const UNKNOWN_NODE = 'unknown';
const MAX_BLOCK_LINES = 5000;

/** Everything the line stage remembers per node (host). */
interface NodeState {
  readonly name: string;
  /** `textHash(name)` */
  readonly hash: number;
  /** (issue 14) its lines' coverage: time and PID of each line */
  cov: NodeCoverage | undefined;
  /** year state: interleaved journals of different hosts do not share a calendar */
  years: YearState | undefined;
  /** the newest kubelet line, decoded only at the end (`lastSeen`): the line, its bytes, or its decoding */
  lastRaw: string | undefined;
  lastBuf: Buffer | undefined;
  lastStart: number;
  lastEnd: number;
  lastDecoded: { j: Extract<JournalLine, { type: 'entry' }>; rec: KlogRecord } | undefined;
  /**
   * fast path: the wall-clock hour last resolved, `(month * 32 + day) * 24 + hour` (-1: none), in
   * which year, and its first instant when the zone's offset holds for the whole hour (else NaN)
   */
  hourKey: number;
  hourYear: number | undefined;
  hourMs: number;
}

function bytesEqualText(b: Uint8Array, start: number, end: number, t: string): boolean {
  if (end - start !== t.length) return false;
  for (let k = 0; k < t.length; k++) if (b[start + k] !== t.charCodeAt(k)) return false;
  return true;
}

/** Events of a line that completed none (shared; callers only read it). */
const NO_EVENTS: KubeletEvent[] = [];
Object.freeze(NO_EVENTS);

/**
 * A copy of a string that does not share memory with the line it was cut from. V8 keeps
 * a slice (`SlicedString`) pointing into its parent: one kept pod name would keep its
 * whole line alive (or, for a caller giving big strings, a whole chunk).
 * Concatenation then slicing makes V8 flatten into a new string of the slice's size.
 */
function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** `own` for every string in an event's fields (plain objects and arrays). */
function detach<T>(v: T): T {
  if (typeof v === 'string') return own(v) as T;
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(detach) as T;
  if (Object.getPrototypeOf(v) !== Object.prototype) return v;
  const out: Record<string, unknown> = {};
  for (const k in v) out[k] = detach(v[k]);
  return out as T;
}

interface Block {
  first: Provenance;
  journal: Extract<JournalLine, { type: 'entry' }>;
  parts: string[];
  /** `=<` ... ` >` klog block (joined by newlines) or a journald split (joined as is) */
  mode: 'klog' | 'split';
}

/** All counters at zero: the one place that lists them. */
export function newCounters(): Counters {
  return { lines: 0, kubeletLines: 0, events: 0, unrecognized: 0, skipped: 0, duplicates: 0, otherLines: 0, verboseLines: 0 };
}

/** Add `b` into `a`, counter by counter. */
export function addCounters(a: Counters, b: Counters): void {
  for (const k of Object.keys(a) as Array<keyof Counters>) a[k] += b[k];
}

export class LineAnalyzer {
  readonly counters: Counters = newCounters();
  readonly unrecognized: UnrecognizedLine[] = [];
  private readonly skips = new Map<string, SkipReason>();
  private readonly nodes = new Map<string, NodeState>();
  /** the node states of the last hosts seen by the fast path (found without slicing the host) */
  private readonly hot: NodeState[] = [];
  private block: Block | undefined;
  private pendingMarker: { marker: 'boot' | 'reboot'; detail: string; src: Provenance } | undefined;
  /** last resolved time, for lines that carry none (a header stripped by the reporter) */
  private lastAt = NaN;
  /** the fast path's records of the lines being fed (`pushBytes`) */
  private readonly scan = new LineScan();
  /** nodes whose newest line is held as bytes of the current `pushBytes` buffer */
  private readonly holding: NodeState[] = [];
  private readonly exported = new ExportAssembler();
  /** per host: wall ms − monotonic ms of the current boot (short-monotonic) */
  private readonly monoOffset = new Map<string, number>();
  /** nodes whose kubelet logged at --v>=3 (the verbosity is a per-node flag) */
  readonly verboseNodes = new Set<string>();

  constructor(
    readonly input: string,
    private readonly opts: AnalyzeOptions,
  ) {}

  /**
   * Feed one line (without its line end). Returns the events it completed (an empty
   * array shared between calls when there are none: read it, do not keep or change it).
   */
  push(raw: string, lineNo: number): KubeletEvent[] {
    this.counters.lines++;
    const out: KubeletEvent[] = [];
    // `-o export` records span many lines (and binary fields hold NULs): they
    // are reassembled first and then take the same path as a json entry.
    if (this.exported.active || raw.startsWith('__')) {
      const r = this.exported.push(raw, lineNo);
      if (r.record) this.exportRecord(r.record, out);
      if (r.consumed) return out;
    }
    this.decoded(decodeJournalLine(raw), { input: this.input, line: lineNo }, out);
    return out;
  }

  /**
   * Feed the lines held in `b[start, end)`, as read (UTF-8): each ends with `\n`, except a
   * last one at the end of input. A CR before the `\n` is cut, as `push` expects. The common
   * line takes the fast path on its bytes; any other is decoded and `push`ed. Events go to
   * `out`, in line order. Returns the number of lines. Nothing of `b` is kept after the call:
   * the caller may reuse it.
   */
  pushBytes(b: Buffer, start: number, end: number, firstLineNo: number, out: KubeletEvent[]): number {
    let lineNo = firstLineNo;
    for (let p = start; p < end;) {
      scanLines(b, p, end, this.scan, 4096);
      lineNo += this.applyScan(b, this.scan, lineNo, out, false);
      p = this.scan.next;
    }
    this.release(b);
    return lineNo - firstLineNo;
  }

  /**
   * Apply the records `scanLines` made of some lines of `b` (here or in a worker thread), in
   * order: a line the scan let through takes the fast path (`fastLine`), any other the full
   * path. With `release`, nothing of `b` is kept after the call. Returns the number of lines.
   */
  applyScan(b: Buffer, scan: LineScan, firstLineNo: number, out: KubeletEvent[], release = true): number {
    const d = scan.data;
    for (let i = 0; i < scan.count; i++) {
      const o = i * STRIDE;
      const start = d[o + F.start]!;
      const end = d[o + F.end]!;
      const r = d[o + F.ok] === 1 ? this.fastLine(b, start, end, firstLineNo + i, d, o) : undefined;
      const evs = r ?? this.push(b.toString('utf8', start, end), firstLineNo + i);
      for (let k = 0; k < evs.length; k++) out.push(evs[k]!);
    }
    if (release) this.release(b);
    return scan.count;
  }

  /**
   * What is still held as bytes of `b` becomes strings: a node's newest line. `pushBytes`
   * keeps nothing of its buffer, so the reader may reuse it.
   */
  private release(b: Buffer): void {
    for (const st of this.holding) {
      if (st.lastBuf !== b) continue;
      st.lastRaw = b.toString('utf8', st.lastStart, st.lastEnd);
      st.lastBuf = undefined;
    }
    this.holding.length = 0;
  }

  private exportRecord(r: ExportRecord, out: KubeletEvent[]): void {
    const j = journalEntry(r.fields, 'export', r.lossy.includes('MESSAGE'));
    this.decoded(j, { input: this.input, line: r.firstLine }, out);
  }

  private decoded(j: JournalLine, src: Provenance, out: KubeletEvent[]): void {
    // A klog multi-line value (`key=<` ... ` >`, klog ≥ 2.40) arrives as one
    // journal entry per physical line, none with a klog header: join them.
    if (this.block) {
      if (j.type === 'entry' && this.continues(j)) {
        this.counters.kubeletLines++;
        this.block.parts.push(j.message);
        const full = this.block.parts.length >= MAX_BLOCK_LINES;
        if ((this.block.mode === 'klog' && j.message.trim() === '>') || full) this.flushBlock(out);
        else if (this.block.mode === 'split' && j.message.length < SPLIT_AT) this.flushBlock(out);
        return;
      }
      this.flushBlock(out);
    }

    switch (j.type) {
      case 'blank':
        return;
      case 'undecodable':
        this.skip(src, j.reason);
        return;
      case 'marker':
        // A marker names no host: it belongs to the node of the entry after it.
        if (j.marker === 'boot' || j.marker === 'reboot') {
          this.pendingMarker = { marker: j.marker, detail: j.detail, src };
          this.monoOffset.clear(); // monotonic time restarts with the boot
        }
        return;
      case 'entry':
        break;
    }
    const opens = j.message.endsWith('=<');
    if ((opens || j.message.length >= SPLIT_AT) && (this.isKubeletIdent(j) || decodeKlog(j.message).header !== 'none')) {
      this.counters.kubeletLines++;
      this.block = { first: src, journal: j, parts: [j.message], mode: opens ? 'klog' : 'split' };
      return;
    }
    this.entry(j, j.message, src, out);
  }

  /** End of input: flush what is pending. */
  end(): KubeletEvent[] {
    const out: KubeletEvent[] = [];
    const rec = this.exported.flush();
    if (rec) this.exportRecord(rec, out);
    if (this.block) this.flushBlock(out);
    return out;
  }

  /**
   * The fast path's stateful half: a line `scanLines` let through (a `short` kubelet line with
   * a klog header no rule or watch can want; its record at `d[o]`) is counted, its time and
   * PID go to the node's coverage, and it is dropped without building a
   * string or the journal and klog records. Undefined sends it down the full path (a klog
   * block or a journal marker is pending).
   */
  private fastLine(
    b: Buffer,
    start: number,
    end: number,
    lineNo: number,
    d: Float64Array<ArrayBufferLike>,
    o: number,
  ): KubeletEvent[] | undefined {
    if (this.block !== undefined || this.pendingMarker !== undefined || this.exported.active) return undefined;
    const month = d[o + F.month]!;
    const day = d[o + F.day]!;
    const hour = d[o + F.hour]!;
    const micros = d[o + F.micros]!;
    const kSecond = d[o + F.kSecond]!;
    const kMicros = d[o + F.kMicros]!;
    this.counters.lines++;
    this.counters.kubeletLines++;
    const st = this.hotNode(b, d[o + F.hostStart]!, d[o + F.hostEnd]!, d[o + F.hostHash]!);
    if (st.lastBuf !== b) this.holding.push(st);
    st.lastBuf = b;
    st.lastStart = start;
    st.lastEnd = end;
    st.lastRaw = undefined;
    st.lastDecoded = undefined;
    // resolve(): the journal's wall time (year inferred per node), with the klog header's
    // fraction borrowed when `short` has whole seconds and the seconds agree
    const ys = this.yearsOf(st);
    const hourKey = (month * 32 + day) * 24 + hour;
    const intoHour = (d[o + F.minute]! * 60 + d[o + F.second]!) * 1000;
    let base: number;
    if (ys.year !== undefined && ys.year === st.hourYear && ys.lastMonth === month && st.hourKey === hourKey && st.hourMs === st.hourMs) {
      // the node's hour of the line before: yearFor would change nothing, and wallToUtc is linear in it
      base = st.hourMs + intoHour;
    } else {
      const year = yearFor(ys, month, day, this.opts);
      // (issue 14) a fall-back's repeated hour is read by the order of lines (wallToUtcNear), so it is never cached
      base = wallToUtcNear(this.opts.zone, year, month, day, hour, d[o + F.minute]!, d[o + F.second]!, this.lastAt);
      const [h0, h0b] = wallReadings(this.opts.zone, year, month, day, hour, 0, 0);
      const [h1, h1b] = wallReadings(this.opts.zone, year, month, day, hour, 59, 59);
      const hourMs = h0;
      const linear = h0 === h0b && h1 === h1b && h1 - hourMs === 3_599_000 && base - hourMs === intoHour;
      st.hourKey = hourKey;
      st.hourYear = year;
      st.hourMs = linear ? hourMs : NaN;
    }
    let at = base + (micros === -1 ? 0 : micros) / 1000;
    if (Number.isNaN(at)) {
      // (an out-of-range year) resolve() falls back to the klog header's own time
      const kt: Stamp = {
        kind: 'wall',
        month: d[o + F.kMonth]!,
        day: d[o + F.kDay]!,
        hour: d[o + F.kHour]!,
        minute: d[o + F.kMinute]!,
        second: kSecond,
        micros: kMicros,
      };
      at = this.stampToMs(kt, ys);
    } else if (micros === -1 && Math.floor(at / 1000) % 60 === kSecond) at = Math.floor(at / 1000) * 1000 + kMicros / 1000;
    if (Number.isNaN(at)) at = this.lastAt;
    else this.lastAt = at;

    return this.track(st, at, d[o + F.kPid]!, lineNo, NO_EVENTS);
  }

  /**
   * What every kubelet line tells, fast path or full: its time and PID go to the node's
   * coverage. (issue 14) Holes in the journal and new PIDs (restarts) are told from it once the
   * entries are in time order (src/analyze/order.ts), so that a newest-first or overlapping
   * input tells them as an oldest-first one does.
   */
  private track(st: NodeState, at: number, pid: number | undefined, line: number, out: KubeletEvent[]): KubeletEvent[] {
    const cov = this.opts.coverage;
    if (cov) (st.cov ??= cov.node(st.name)).line(at, pid, line);
    return out;
  }

  private hotNode(b: Buffer, start: number, end: number, hash: number): NodeState {
    const hot = this.hot;
    for (let i = 0; i < hot.length; i++) {
      const st = hot[i]!;
      if (st.hash === hash && bytesEqualText(b, start, end, st.name)) return st;
    }
    const st = this.state(b.toString('latin1', start, end));
    if (hot.length >= 8) hot.shift();
    hot.push(st);
    return st;
  }

  private state(node: string): NodeState {
    let st = this.nodes.get(node);
    if (!st) {
      st = {
        name: own(node),
        hash: textHash(node),
        cov: undefined,
        years: undefined,
        lastRaw: undefined,
        lastBuf: undefined,
        lastStart: 0,
        lastEnd: 0,
        lastDecoded: undefined,
        hourKey: -1,
        hourYear: undefined,
        hourMs: NaN,
      };
      this.nodes.set(st.name, st);
    }
    return st;
  }

  private yearsOf(st: NodeState): YearState {
    return (st.years ??= newYearState());
  }

  /** The time of the last kubelet line per node (for "is the incident still going?"). */
  lastSeen(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [node, st] of this.nodes) {
      let last = st.lastDecoded;
      const raw = st.lastRaw ?? st.lastBuf?.toString('utf8', st.lastStart, st.lastEnd);
      if (last === undefined && raw !== undefined) {
        const j = decodeJournalLine(raw);
        if (j.type === 'entry') last = { j, rec: decodeKlog(j.message) };
      }
      if (last === undefined) continue;
      const ys = this.yearState(node);
      const saved = { ...ys };
      const at = this.resolve(last.j, last.rec, node);
      Object.assign(ys, saved); // a look back, not a step forward
      if (Number.isFinite(at)) out.set(node, at);
    }
    return out;
  }

  private continues(j: Extract<JournalLine, { type: 'entry' }>): boolean {
    const b = this.block!.journal;
    if (j.host !== b.host || j.ident !== b.ident || j.pid !== b.pid) return false;
    const m = j.message;
    // journald split: the next entry of the same process without a klog header
    if (this.block!.mode === 'split') return !m.startsWith('{') && decodeKlog(m).header === 'none' && !/^(?:Flag --|error: )/.test(m);
    // journalctl renders the TAB of block lines as is or as spaces; the block ends with ` >`
    return m.startsWith('\t') || m.startsWith(' ') || m.trim() === '>';
  }

  private flushBlock(out: KubeletEvent[]): void {
    const b = this.block!;
    this.block = undefined;
    this.entry(b.journal, b.parts.join(b.mode === 'klog' ? '\n' : ''), b.first, out, true);
  }

  private isKubeletIdent(j: Extract<JournalLine, { type: 'entry' }>): boolean {
    return j.ident !== undefined && KUBELET_IDENT.test(j.ident);
  }

  private nodeOf(host: string | undefined): string {
    return host ?? this.opts.defaultNode ?? UNKNOWN_NODE;
  }

  private skip(src: { line: number }, reason: string, count = 1): void {
    this.counters.skipped += count;
    const s = this.skips.get(reason);
    if (s) s.count += count;
    else this.skips.set(reason, { input: this.input, line: src.line, reason, count });
  }

  /** Lines skipped, one entry per reason. */
  get skipped(): SkipReason[] {
    return [...this.skips.values()];
  }

  /**
   * Lines the stream adapter could not deliver (longer than the line limit,
   * a binary file, a corrupt .gz): counted as read and skipped, with why.
   */
  skipRaw(lineNo: number, reason: string, count = 1): void {
    this.counters.lines += count;
    this.skip({ line: lineNo }, reason, count);
  }

  private entry(j: Extract<JournalLine, { type: 'entry' }>, message: string, src: Provenance, out: KubeletEvent[], counted = false): void {
    const node = this.nodeOf(j.host);
    if (this.pendingMarker) {
      const pm = this.pendingMarker;
      this.pendingMarker = undefined;
      // (issue 14) its identity: the marker, at the entry's time
      const msrc = identify(pm.src, `-- ${pm.detail} --`, j.time, undefined);
      this.emit(out, 'journal-marker', this.resolve(j, undefined, node), node, msrc, { marker: pm.marker, detail: pm.detail });
    }
    // systemd's own lines about the kubelet unit (`Started kubelet: ...`).
    // (`-o with-unit` names systemd by its unit, `init.scope[1]`.)
    if (j.ident === 'systemd' || j.ident === 'systemd-journald' || j.ident === 'init.scope') {
      const c = KUBELET_UNIT.test(message) ? classifySystemd(message) : undefined;
      if (c) {
        this.counters.kubeletLines++;
        this.fromClassified(out, c, this.resolve(j, undefined, node), node, identify(src, message, j.time, undefined));
      } else this.counters.otherLines++;
      return;
    }

    // journalctl prints `[61B blob data]` for an entry that is not valid UTF-8.
    if (message.endsWith('B blob data]') && /^\[\d+(?:\.\d+)?[KMGT]?B blob data\]$/.test(message)) {
      this.skip(src, 'journalctl printed "[…B blob data]" for an entry that is not text; use journalctl --all or -o json to include it');
      return;
    }
    const rec = decodeKlog(message);
    const kubelet =
      this.isKubeletIdent(j) ||
      rec.header !== 'none' ||
      // Lines the kubelet writes to stderr without a header (cobra/pflag).
      /^(?:Flag --\S+ has been deprecated|error: failed to run Kubelet)/.test(message);
    if (!kubelet) {
      this.counters.otherLines++;
      return;
    }
    if (!counted) this.counters.kubeletLines++;
    const st = this.state(node);
    st.lastDecoded = { j, rec };
    st.lastRaw = undefined;
    st.lastBuf = undefined;

    // (issue 14) the entry's identity: an entry read twice (a paste that repeats itself, two
    // overlapping files) is counted once where the inputs are merged (src/analyze/order.ts)
    src = identify(src, message, j.time, rec.time);
    const at = this.resolve(j, rec, node);
    const pid = rec.pid ?? (this.isKubeletIdent(j) && j.ident !== 'dockerd-current' ? j.pid : undefined);
    this.track(st, at, pid, src.line, out);

    const c = classify(rec);
    if (c && (c.rule.v ?? 0) >= 3) {
      this.counters.verboseLines++;
      this.verboseNodes.add(node);
    }
    if (c) {
      if (c.rule.kind === 'kubelet-start' && pid !== undefined) {
        this.fromClassified(out, { rule: c.rule, fields: { ...c.fields, pid } }, at, node, src);
      } else this.fromClassified(out, c, at, node, src);
    } else if (isWatched(rec)) {
      this.counters.unrecognized++;
      if (this.unrecognized.length < 1000) this.unrecognized.push({ input: src.input, line: src.line, text: own(message) });
    }
  }

  private fromClassified(out: KubeletEvent[], c: Classified, at: number, node: string, src: Provenance): void {
    if (c.rule.kind === 'known') return;
    this.emit(out, c.rule.kind, at, node, src, c.fields);
  }

  private emit(out: KubeletEvent[], kind: EventKind, at: number, node: string, src: Provenance, fields: Record<string, unknown>): void {
    this.counters.events++;
    // events outlive their line: keep none of its text (see `own`); the fields first, as `{ ...fields, kind, ... }`
    let e = detach(fields);
    if (e === fields) e = { ...fields }; // (not a plain object: never the caller's to change)
    e['kind'] = kind;
    e['at'] = at;
    e['node'] = own(node);
    e['src'] = src;
    out.push(e as unknown as KubeletEvent);
  }

  /** The UTC instant of an entry: the journal's stamp, else the klog header's. */
  private resolve(j: Extract<JournalLine, { type: 'entry' }>, rec: KlogRecord | undefined, node: string): number {
    let at = NaN;
    const ys = this.yearState(node);
    const jt = j.time;
    if (jt) at = this.stampToMs(jt, ys);
    const kt = rec?.time;
    if (kt) {
      if (Number.isNaN(at)) at = this.stampToMs(kt, ys);
      else if (kt.kind === 'wall' && jt && !(jt.kind === 'instant' && jt.precise) && kt.micros !== undefined) {
        // `short` has whole seconds; borrow the header's fraction when the
        // seconds agree (the header may be in another zone: compare mm:ss only).
        const s = Math.floor(at / 1000) % 60;
        if (s === kt.second && (jt.kind !== 'wall' || jt.micros === undefined)) at = Math.floor(at / 1000) * 1000 + kt.micros / 1000;
      }
    }
    // short-monotonic: learn wall − monotonic from lines with a klog header, and
    // give the lines without one (systemd's "Started kubelet") their own time.
    const mono = j.monotonicUs;
    if (mono !== undefined) {
      const key = j.host ?? '';
      if (!Number.isNaN(at)) this.monoOffset.set(key, at - mono / 1000);
      else {
        const off = this.monoOffset.get(key);
        if (off !== undefined) at = Math.round((mono / 1000 + off) * 1000) / 1000;
      }
    }
    if (!Number.isNaN(at)) this.lastAt = at;
    return Number.isNaN(at) ? this.lastAt : at;
  }

  private yearState(node: string): YearState {
    return this.yearsOf(this.state(node));
  }

  /** Some year had to be guessed (no --year, no dated entry before it). */
  get yearInferred(): boolean {
    for (const st of this.nodes.values()) if (st.years?.inferred) return true;
    return false;
  }

  /** (issue 14) Entries dated Feb 29 in a year that has none (shown on Mar 1): how many, and the first such year. */
  get noLeapDay(): { count: number; year: number } | undefined {
    let count = 0;
    let year: number | undefined;
    for (const st of this.nodes.values()) {
      if (!st.years?.noLeapDay) continue;
      count += st.years.noLeapDay;
      year ??= st.years.noLeapYear;
    }
    return count > 0 && year !== undefined ? { count, year } : undefined;
  }

  private stampToMs(t: Stamp, years: YearState): number {
    if (t.kind === 'instant') {
      if (Number.isFinite(t.ms)) {
        const d = new Date(t.ms);
        anchorYear(years, d.getUTCFullYear(), d.getUTCMonth() + 1);
      }
      return t.ms;
    }
    let year = t.year;
    if (year === undefined) year = yearFor(years, t.month, t.day, this.opts);
    else anchorYear(years, year, t.month);
    const us = t.micros ?? 0;
    // (issue 14) the repeated hour of a DST fall-back: the reading nearest the line before
    return wallToUtcNear(this.opts.zone, year, t.month, t.day, t.hour, t.minute, t.second, this.lastAt) + us / 1000;
  }
}
