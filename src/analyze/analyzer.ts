/**
 * The line stage that strings the pure decoders together for one input:
 * journal decoder → klog decoder → classifier, plus the little state a
 * journal needs between lines (the year of year-less stamps, the kubelet PID
 * per node to notice restarts, multi-line klog blocks, pasted duplicates).
 * No I/O: lines come in, events and counters go out.
 */
import { isAscii } from 'node:buffer';
import { classify, classifySystemd, isWatched, MSG_KEYS_QUOTE_FREE, WATCHED_FILE_NAMES, type Classified } from '../classify/classify.js';
import { mayMatchBytes } from '../classify/bytescan.js';
import { KUBELET_UNIT } from '../classify/rules.js';
import { decodeJournalLine, entryOf, journalEntry, type JournalLine, type Stamp } from '../journal/decode.js';
import { ExportAssembler, type ExportRecord } from '../journal/export.js';
import { decodeKlog, recordOf, type KlogRecord } from '../klog/decode.js';
import { Damage, Env, Hdr, KUBELET_IDENTS, locate, newLocated, textHash, type Located } from '../locate/locate.js';
import type { EventKind, KubeletEvent, Provenance } from '../model/events.js';
import { wallToUtc, type Zone } from '../time/zone.js';
import { anchorYear, newYearState, yearFor, type YearState } from '../time/year.js';

export interface AnalyzeOptions {
  /** zone of year-less, zone-less timestamps (`--timezone`) */
  readonly zone: Zone;
  /** `--year`: year of the first year-less entry */
  readonly year?: number;
  /** the caller's clock (epoch ms), for year inference; the core never reads it */
  readonly now: number;
  /** the node of lines whose envelope names none (bare kubelet.log): `--node-name`, always used */
  readonly defaultNode?: string;
  /**
   * the node such lines belong to when the input names none at all, neither in a journal
   * envelope nor in the kubelet's own words (a guess from the file name)
   */
  readonly fallbackNode?: string;
  /** false: every line down the full path (the reference the fast path is tested against) */
  readonly fastPath?: boolean;
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

/** syslog identifiers the kubelet runs under (src/locate/locate.ts keeps the list), and wrappers named after it. */
const KUBELET_IDENT_SET = new Set(KUBELET_IDENTS);
const isKubeletIdentName = (ident: string) => KUBELET_IDENT_SET.has(ident) || /^kubelet[-_.\w]*$/i.test(ident);
/**
 * Other components that log klog headers too (on a control-plane node, `journalctl` without `-u`
 * interleaves them): never the kubelet, whatever their lines look like (their PIDs are not
 * kubelet restarts).
 */
const OTHER_COMPONENT =
  /^(?:kube-apiserver|kube-controller-manager|kube-scheduler|kube-proxy|cloud-controller-manager|etcd|containerd|crio|cri-o|dockerd|docker|flanneld|calico-node|coredns|kube-router|cilium-agent)$/;

/** How an identifier is read: the kubelet's, another component's, systemd's, a with-unit `.service`, or unknown. */
const IDENT = { Kubelet: 1, Other: 2, Systemd: 3, Service: 4, Unknown: 5 } as const;
function identKind(ident: string): number {
  if (ident === 'systemd' || ident === 'systemd-journald' || ident === 'init.scope') return IDENT.Systemd;
  if (ident.endsWith('.service')) return IDENT.Service;
  if (isKubeletIdentName(ident)) return IDENT.Kubelet;
  if (OTHER_COMPONENT.test(ident)) return IDENT.Other;
  return IDENT.Unknown;
}

const UNKNOWN_NODE = 'unknown';
/** The node of lines that name none, until the input says which it is (see `pending`). */
const PENDING = '\u0000pending';
/** Lines read before hostless lines are given the fallback node, when nothing names one. */
const PENDING_LINES = 2000;
/**
 * journald splits a message longer than LineMax (default 48 KiB) into several entries; the later
 * ones have no klog header. A kubelet entry at least this long waits for its continuation.
 */
export const SPLIT_AT = 8192;
/** A line this wide or wider, and the widest kubelet line so far, may continue on the next (a terminal's wrap). */
const WRAP_MIN = 60;
const MAX_BLOCK_LINES = 5000;
/** No kubelet line at all for this long is a hole in the journal (reported while an incident is open). */
export const SILENCE_MS = 10 * 60_000;
const RECENT = 64;

/** Everything the line stage remembers per node (host). */
interface NodeState {
  name: string;
  /** `textHash(name)` */
  hash: number;
  /** the kubelet PID last seen, to notice restarts */
  pid: number | undefined;
  /** year state: interleaved journals of different hosts do not share a calendar */
  years: YearState | undefined;
  /** the newest kubelet line, decoded only at the end (`lastSeen`): the line, its bytes, or its decoding */
  lastRaw: string | undefined;
  lastBuf: Buffer | undefined;
  lastStart: number;
  lastEnd: number;
  lastDecoded: { j: Extract<JournalLine, { type: 'entry' }>; rec: KlogRecord } | undefined;
  /** time of the previous kubelet line, to notice holes in the journal */
  prevAt: number | undefined;
  /** time of the first kubelet line */
  firstAt: number;
  /**
   * fast path: the wall-clock hour last resolved, `(month * 32 + day) * 24 + hour` (-1: none), in
   * which year, and its first instant when the zone's offset holds for the whole hour (else NaN)
   */
  hourKey: number;
  hourYear: number | undefined;
  hourMs: number;
}

function sameRange(a: Uint8Array, as: number, ae: number, b: Uint8Array, bs: number, be: number): boolean {
  if (ae - as !== be - bs) return false;
  for (let k = 0; k < ae - as; k++) if (a[as + k] !== b[bs + k]) return false;
  return true;
}
function bytesEqualText(b: Uint8Array, start: number, end: number, t: string): boolean {
  if (end - start !== t.length) return false;
  for (let k = 0; k < t.length; k++) if (b[start + k] !== t.charCodeAt(k)) return false;
  return true;
}

/** The eviction manager's and image GC's own words: a line of text alone with them is the kubelet's. */
const KUBELET_WORDS = /\beviction manager: |\[imageGCManager\]|"Eviction manager: /i;

/**
 * The node the kubelet names in its own words, for lines that name no host: node status events
 * (`Recording NodeHasDiskPressure event message for node worker-1`, structured `node="worker-1"`)
 * and registration (`Successfully registered node worker-1`, `Attempting to register node …`).
 */
function nodeNamed(message: string): string | undefined {
  const m = /(?:event message for node|registered node|register node|"Recording event message for node" node=)"?([A-Za-z0-9][\w.-]*)/.exec(
    message.length > 2000 ? message.slice(0, 2000) : message,
  );
  return m?.[1];
}

/**
 * Is the structured message quoted at `b[q]` in the payload as it reads, so that the byte
 * prefilter sees any message key it could equal? Yes when no backslash comes before its
 * closing quote (or the line's end), and when the first backslash escapes a quote: the
 * message then holds a `"`, which no key does. Another escape (`\u0045viction…`) could spell
 * a key the bytes do not show: the full path decides.
 */
function quotedAsIs(b: Uint8Array, q: number, end: number): boolean {
  for (let i = q + 1; i < end; i++) {
    const c = b[i]!;
    if (c === 0x22) return true;
    if (c === 0x5c) return MSG_KEYS_QUOTE_FREE && b[i + 1] === 0x22 && i + 1 < end;
  }
  return true;
}

/** The watched files as bytes (a klog header's file is compared with them in place). */
const WATCHED_FILE_BYTES = WATCHED_FILE_NAMES.map((f) => Buffer.from(f, 'latin1'));
const WATCHED_FILE_LENGTHS = new Set(WATCHED_FILE_NAMES.map((f) => f.length));
function isWatchedFile(b: Uint8Array, start: number, end: number): boolean {
  const len = end - start;
  if (!WATCHED_FILE_LENGTHS.has(len)) return false;
  for (const f of WATCHED_FILE_BYTES) {
    let k = 0;
    while (k < len && b[start + k] === f[k]) k++;
    if (k === len) return true;
  }
  return false;
}

const BLANK: JournalLine = { type: 'blank' };

/** Events of a line that completed none (shared; callers only read it). */
const NO_EVENTS: KubeletEvent[] = [];
Object.freeze(NO_EVENTS);

/** Pasted duplicates: the last RECENT (node, message) keys, FIFO; a hash table of counts in front. */
const DUP_BUCKETS = 1024;
/**
 * A cheap hash of a message for the duplicate ring. A message that starts with a klog
 * header (`I0302 09:50:55.056703`, which differs between lines in its microseconds) is
 * hashed by its length and the header's numbers, which the fast path has already read;
 * any other by its length and first 32 characters.
 */
function dupHash(m: string): number {
  const c = (i: number) => m.charCodeAt(i) - 0x30;
  const d2 = (i: number) => c(i) * 10 + c(i + 1);
  if (m.length >= 21 && /^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6}/.test(m)) {
    let us = 0;
    for (let i = 15; i < 21; i++) us = us * 10 + c(i);
    return headerHash(m.length, m.charCodeAt(0), d2(1), d2(3), d2(6), d2(9), d2(12), us);
  }
  let h = m.length | 0;
  const n = m.length < 32 ? m.length : 32;
  for (let i = 0; i < n; i++) h = (Math.imul(h, 31) + m.charCodeAt(i)) | 0;
  return h;
}
function headerHash(len: number, sev: number, mo: number, dd: number, hh: number, mi: number, ss: number, us: number): number {
  let h = Math.imul(len ^ (sev << 24), 0x9e3779b1);
  h = Math.imul(h ^ (((mo * 32 + dd) * 24 + hh) * 60 + mi), 0x85ebca6b);
  h = Math.imul(h ^ (ss * 1_000_000 + us), 0xc2b2ae35);
  return h ^ (h >>> 15);
}

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
  /**
   * `=<` ... ` >` klog block (joined by newlines), a journald split (joined as is), or a line a
   * terminal wrapped at its width (the rest on the next lines, without a prefix: joined as is)
   */
  mode: 'klog' | 'split' | 'wrap';
  /** wrap: the display width the line was cut at */
  width?: number;
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
  private readonly ringNode: string[] = [];
  /** a message as a string, or (fast path) as bytes `ringBuf[i][ringStart[i], ringEnd[i])` */
  private readonly ringMsg: Array<string | undefined> = [];
  private readonly ringBuf: Array<Uint8Array | undefined> = [];
  private readonly ringStart = new Int32Array(RECENT);
  private readonly ringEnd = new Int32Array(RECENT);
  private readonly ringHash = new Int32Array(RECENT);
  private readonly buckets = new Uint8Array(DUP_BUCKETS);
  private ringNext = 0;
  private block: Block | undefined;
  private pendingMarker: { marker: 'boot' | 'reboot'; detail: string; src: Provenance } | undefined;
  /** last resolved time, for lines that carry none (a header stripped by the reporter) */
  private lastAt = NaN;
  /** where `locate` puts what it finds of the line being read */
  private readonly v: Located = newLocated();
  /** nodes whose newest line is held as bytes of the current `pushBytes` buffer */
  private readonly holding: NodeState[] = [];
  private readonly exported = new ExportAssembler();
  /** per host: wall ms − monotonic ms of the current boot (short-monotonic) */
  private readonly monoOffset = new Map<string, number>();
  /** nodes whose kubelet logged at --v>=3 (the verbosity is a per-node flag) */
  readonly verboseNodes = new Set<string>();
  /** the last identifiers seen on the byte path, with how each is read (`IDENT`) */
  private readonly idents: Array<{ bytes: Uint8Array; kind: number }> = [];
  /**
   * The node of lines that name none: the host of the kubelet lines before them in this input,
   * or the node the kubelet's own words name (`Successfully registered node worker-1`); until
   * one is known, their events wait in `held` (at most PENDING_LINES lines), then go to the
   * fallback (`--node-name`'s absence: the file name, or `unknown`).
   */
  private inputNode: string | undefined;
  private readonly held: KubeletEvent[] = [];
  private heldSince = -1;
  /** the widest kubelet line so far (display columns): a line as wide may have been wrapped */
  private maxWidth = 0;
  /** lines the fast path took (dropped on their bytes): for tests and the bench */
  fastLines = 0;
  /** lines read through a paste's damage, by kind (Damage bits) */
  readonly damaged = { prefix: 0, noStamp: 0, header: 0 };
  /** the first line that has eviction words but no landmark the tool can place, and how many */
  unplaced: { line: number; text: string; count: number } | undefined;

  constructor(
    readonly input: string,
    private readonly opts: AnalyzeOptions,
  ) {
    if (opts.defaultNode !== undefined) this.inputNode = opts.defaultNode;
  }

  /**
   * Feed one line (without its line end). Returns the events it completed (an empty
   * array shared between calls when there are none: read it, do not keep or change it).
   */
  push(raw: string, lineNo: number): KubeletEvent[] {
    const out: KubeletEvent[] = [];
    const b = Buffer.from(raw, 'utf8');
    this.lineAt(b, 0, b.length, lineNo, out, b.indexOf(0) !== -1, isAscii(b));
    this.release(b);
    return out;
  }

  /**
   * Feed the lines held in `b[start, end)`, as read (UTF-8): each ends with `\n`, except a last
   * one at the end of input; a CR before the `\n` is cut. Events go to `out`, in line order.
   * Returns the number of lines. Nothing of `b` is kept after the call: the caller may reuse it.
   */
  pushBytes(b: Buffer, start: number, end: number, firstLineNo: number, out: KubeletEvent[]): number {
    const ascii = isAscii(b.subarray(start, end));
    // the next NUL (rare: found by a native scan rather than per line)
    let nul = b.indexOf(0, start);
    if (nul === -1 || nul >= end) nul = end;
    let lineNo = firstLineNo;
    let p = start;
    while (p < end) {
      let nl = b.indexOf(0x0a, p);
      if (nl === -1 || nl > end) nl = end;
      let e = nl;
      if (e > p && b[e - 1] === 0x0d) e--;
      if (nul < p) {
        nul = b.indexOf(0, p);
        if (nul === -1 || nul >= end) nul = end;
      }
      this.lineAt(b, p, e, lineNo++, out, nul < e, ascii || isAscii(b.subarray(p, e)));
      p = nl + 1;
    }
    this.release(b);
    return lineNo - firstLineNo;
  }

  /**
   * Read one line `b[s, e)`. Records and markers (journal JSON, export fields, `-- Boot --`) and
   * lines with NUL bytes are the decoders' (as strings); every text line is located once
   * (`locate`), and then either dropped on its bytes (`fastLine`: a kubelet line no rule or watch
   * can want) or decoded from what was located and read in full (`decoded`).
   */
  private lineAt(b: Buffer, s: number, e: number, lineNo: number, out: KubeletEvent[], nul: boolean, ascii: boolean): void {
    this.counters.lines++;
    const c0 = b[s];
    if (
      nul ||
      this.exported.active ||
      c0 === 0x7b /* { */ ||
      c0 === 0x1e /* json-seq */ ||
      (c0 === 0x5f && b[s + 1] === 0x5f) /* __CURSOR= */ ||
      (c0 === 0x2d && b[s + 1] === 0x2d && b[s + 2] === 0x20) /* -- marker -- */
    ) {
      this.record(b.toString('utf8', s, e), lineNo, out);
      return;
    }
    const v = this.v;
    locate(b, s, e, v);
    if (v.lineStart >= e) {
      this.decoded(BLANK, { input: this.input, line: lineNo }, out);
      return;
    }
    if (v.damage !== 0) {
      if ((v.damage & Damage.Prefix) !== 0) this.damaged.prefix++;
      if ((v.damage & Damage.NoStamp) !== 0) this.damaged.noStamp++;
      if ((v.damage & Damage.Header) !== 0) this.damaged.header++;
    }
    if (this.opts.fastPath !== false && this.fastLine(b, s, e, lineNo, v, ascii, out)) {
      this.fastLines++;
      return;
    }
    const j = entryOf(b, e, v);
    // the header was located with the line; a JSON-format payload is the klog decoder's
    const rec = b[v.msgStart] === 0x7b ? undefined : recordOf(b, e, v);
    this.decoded(j, { input: this.input, line: lineNo }, out, rec, v.env === Env.None && v.hdr === Hdr.None, this.widthOf(b, s, e, ascii));
  }

  /** A record or marker line, as text: `-o export` records span many lines (and binary fields hold NULs). */
  private record(raw: string, lineNo: number, out: KubeletEvent[]): void {
    if (this.exported.active || raw.startsWith('__')) {
      const r = this.exported.push(raw, lineNo);
      if (r.record) this.exportRecord(r.record, out);
      if (r.consumed) return;
    }
    this.decoded(decodeJournalLine(raw), { input: this.input, line: lineNo }, out);
  }

  /** Display columns of a line (a CJK character takes two), for telling a terminal's wrap. */
  private widthOf(b: Buffer, s: number, e: number, ascii: boolean): number {
    if (ascii) return e - s;
    let w = 0;
    for (const ch of b.toString('utf8', s, e)) {
      const c = ch.codePointAt(0)!;
      w +=
        (c >= 0x1100 && c <= 0x115f) ||
        (c >= 0x2e80 && c <= 0xa4cf) ||
        (c >= 0xac00 && c <= 0xd7a3) ||
        (c >= 0xf900 && c <= 0xfaff) ||
        (c >= 0xff00 && c <= 0xff60) ||
        (c >= 0xffe0 && c <= 0xffe6)
          ? 2
          : 1;
    }
    return w;
  }

  /**
   * What is still held as bytes of `b` becomes strings: a node's newest line, the duplicate
   * ring's messages. `pushBytes` keeps nothing of its buffer, so the reader may reuse it.
   */
  private release(b: Buffer): void {
    for (const st of this.holding) {
      if (st.lastBuf !== b) continue;
      st.lastRaw = b.toString('utf8', st.lastStart, st.lastEnd);
      st.lastBuf = undefined;
    }
    this.holding.length = 0;
    for (let i = 0; i < this.ringBuf.length; i++) {
      if (this.ringBuf[i] !== b) continue;
      this.ringMsg[i] = b.toString('latin1', this.ringStart[i], this.ringEnd[i]);
      this.ringBuf[i] = undefined;
    }
  }

  private exportRecord(r: ExportRecord, out: KubeletEvent[]): void {
    const j = journalEntry(r.fields, 'export', r.lossy.includes('MESSAGE'));
    this.decoded(j, { input: this.input, line: r.firstLine }, out);
  }

  /**
   * An entry, decoded. `rec` is its klog record when the line was located (else the message is
   * decoded here); `textOnly` says the line had neither envelope nor header; `width` is its
   * display width (for a terminal's wrap).
   */
  private decoded(j: JournalLine, src: Provenance, out: KubeletEvent[], rec?: KlogRecord, textOnly = false, width = 0): void {
    // A klog multi-line value (`key=<` ... ` >`, klog ≥ 2.40) arrives as one journal entry per
    // physical line, none with a klog header; a line a terminal wrapped goes on without a prefix.
    if (this.block) {
      if (j.type === 'entry' && this.continues(j, textOnly, width)) {
        // (the rest of a wrapped line is part of its kubelet line, counted once)
        if (this.block.mode !== 'wrap') this.counters.kubeletLines++;
        this.block.parts.push(j.message);
        const full = this.block.parts.length >= MAX_BLOCK_LINES;
        if ((this.block.mode === 'klog' && j.message.trim() === '>') || full) this.flushBlock(out);
        else if (this.block.mode === 'split' && j.message.length < SPLIT_AT) this.flushBlock(out);
        else if (this.block.mode === 'wrap' && width < this.block.width!) this.flushBlock(out);
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
    if ((opens || j.message.length >= SPLIT_AT) && (this.isKubeletIdent(j) || (rec ?? decodeKlog(j.message)).header !== 'none')) {
      this.counters.kubeletLines++;
      this.block = { first: src, journal: j, parts: [j.message], mode: opens ? 'klog' : 'split' };
      return;
    }
    this.entry(j, j.message, src, out, false, rec, width);
  }

  /** End of input: flush what is pending. */
  end(): KubeletEvent[] {
    const out: KubeletEvent[] = [];
    const rec = this.exported.flush();
    if (rec) this.exportRecord(rec, out);
    if (this.block) this.flushBlock(out);
    if (this.heldSince !== -1) this.settle(this.opts.fallbackNode ?? UNKNOWN_NODE, out);
    return out;
  }

  /** How the identifier `b[s, e)` is read (`IDENT`), remembered for the last few seen. */
  private identOf(b: Uint8Array, s: number, e: number): number {
    const ids = this.idents;
    const len = e - s;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id.bytes.length !== len) continue;
      let k = 0;
      while (k < len && id.bytes[k] === b[s + k]) k++;
      if (k === len) return id.kind;
    }
    const kind = identKind(Buffer.prototype.toString.call(b, 'utf8', s, e));
    if (ids.length >= 16) ids.shift();
    ids.push({ bytes: Uint8Array.prototype.slice.call(b, s, e), kind });
    return kind;
  }

  /**
   * The fast path: a kubelet line with a whole klog header that no rule or watch can want (the
   * byte prefilter, `bytescan.ts`, says so) is counted, checked for a pasted duplicate, a hole in
   * the journal and a PID change, and dropped without building a string or the journal and klog
   * records. False sends the line down the full path: it might be wanted, or it is of a shape the
   * full path reads (a block, a marker pending, a stamp with an abbreviated zone, …).
   */
  private fastLine(b: Buffer, s: number, e: number, lineNo: number, v: Located, ascii: boolean, out: KubeletEvent[]): boolean {
    if (v.hdr !== Hdr.Klog || this.pendingMarker !== undefined || this.heldSince !== -1) return false;
    if (this.block !== undefined) {
      // a line with a header goes on no wrapped line: that one is whole; other blocks are the full path's
      if (this.block.mode !== 'wrap') return false;
      this.flushBlock(out);
      if (this.heldSince !== -1) return false;
    }
    const env = v.env;
    if (env !== Env.Short && env !== Env.Iso && env !== Env.Unix && env !== Env.None) return false;
    if (env === Env.Iso && Number.isNaN(v.offset)) return false;
    if (env === Env.None && this.inputNode === undefined) return false;
    const ms = v.msgStart;
    const ts = v.textStart;
    // `key=<` opens a klog block; a very long entry may continue in the next one; the widest line may be wrapped
    if (e - ms >= SPLIT_AT || (b[e - 1] === 0x3c && b[e - 2] === 0x3d) || (e - s >= WRAP_MIN && e - s >= this.maxWidth)) return false;
    // the prefilter's soundness needs an ASCII payload (see bytescan.ts); a month token may be `10月`
    if (!ascii && !isAscii(b.subarray(ms, e))) return false;
    if (b[ts] === 0x22 /* " */ && !quotedAsIs(b, ts, e)) return false;
    if (isWatchedFile(b, v.fileStart, v.fileEnd) || mayMatchBytes(b, ts, e)) return false;
    let st: NodeState;
    if (env !== Env.None) {
      const kind = this.identOf(b, v.identStart, v.identEnd);
      if (kind === IDENT.Other) {
        this.counters.otherLines++;
        return true;
      }
      if (kind !== IDENT.Kubelet && kind !== IDENT.Unknown) return false;
      st = this.hotNode(b, v.hostStart, v.hostEnd, v.hostHash);
      if (this.opts.defaultNode === undefined) this.inputNode = st.name;
    } else st = this.state(this.inputNode!);
    this.counters.kubeletLines++;
    if (st.lastBuf !== b) this.holding.push(st);
    st.lastBuf = b;
    st.lastStart = s;
    st.lastEnd = e;
    st.lastRaw = undefined;
    st.lastDecoded = undefined;
    if (this.duplicateBytes(st.name, b, ms, e, v)) {
      this.counters.duplicates++;
      return true;
    }
    // resolve(): the journal's time (year inferred per node for `short`), with the klog header's
    // fraction borrowed when the stamp has whole seconds and the seconds agree; a bare line's
    // time is its header's
    const ys = this.yearsOf(st);
    let at: number;
    let micros: number;
    if (env === Env.Iso || env === Env.Unix) {
      at =
        env === Env.Unix
          ? v.seconds * 1000 + v.micros / 1000
          : Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minute, v.second) - v.offset * 60_000 + (v.micros >= 0 ? v.micros / 1000 : 0);
      micros = v.micros;
      // (stampToMs anchors the year of later year-less lines at each instant: at most once an hour here)
      const hour = Math.floor(at / 3_600_000);
      if (!(st.hourKey === -2 - hour && ys.year === st.hourYear)) {
        if (Number.isFinite(at)) {
          const d = new Date(at);
          anchorYear(ys, d.getUTCFullYear(), d.getUTCMonth() + 1);
        }
        st.hourKey = -2 - hour;
        st.hourYear = ys.year;
        st.hourMs = NaN;
      }
    } else {
      const bare = env === Env.None;
      const month = bare ? v.kMonth : v.month;
      const day = bare ? v.kDay : v.day;
      const hour = bare ? v.kHour : v.hour;
      const minute = bare ? v.kMinute : v.minute;
      const second = bare ? v.kSecond : v.second;
      micros = bare ? v.kMicros : v.micros;
      const hourKey = (month * 32 + day) * 24 + hour;
      const intoHour = (minute * 60 + second) * 1000;
      if (ys.year !== undefined && ys.year === st.hourYear && ys.lastMonth === month && st.hourKey === hourKey && st.hourMs === st.hourMs) {
        // the node's hour of the line before: yearFor would change nothing, and wallToUtc is linear in it
        at = st.hourMs + intoHour;
      } else {
        const year = yearFor(ys, month, day, this.opts);
        at = wallToUtc(this.opts.zone, year, month, day, hour, minute, second);
        const hourMs = wallToUtc(this.opts.zone, year, month, day, hour, 0, 0);
        const linear = wallToUtc(this.opts.zone, year, month, day, hour, 59, 59) - hourMs === 3_599_000 && at - hourMs === intoHour;
        st.hourKey = hourKey;
        st.hourYear = year;
        st.hourMs = linear ? hourMs : NaN;
      }
      at += (micros === -1 ? 0 : micros) / 1000;
      if (Number.isNaN(at) && !bare) {
        // (an out-of-range year) resolve() falls back to the klog header's own time
        const kt: Stamp = {
          kind: 'wall',
          month: v.kMonth,
          day: v.kDay,
          hour: v.kHour,
          minute: v.kMinute,
          second: v.kSecond,
          micros: v.kMicros,
        };
        at = this.stampToMs(kt, ys);
        micros = 0;
      }
    }
    if (micros === -1 && Math.floor(at / 1000) % 60 === v.kSecond) at = Math.floor(at / 1000) * 1000 + v.kMicros / 1000;
    if (Number.isNaN(at)) at = this.lastAt;
    else this.lastAt = at;
    const evs = this.track(st, at, v.kPid, lineNo, NO_EVENTS);
    for (let k = 0; k < evs.length; k++) out.push(evs[k]!);
    return true;
  }

  /**
   * What every kubelet line tells, fast path or full: a hole in the journal since the
   * node's previous line, and a new kubelet PID (a restart). `out` may be the shared
   * NO_EVENTS, replaced by a new array only when an event is emitted.
   */
  private track(st: NodeState, at: number, pid: number | undefined, line: number, out: KubeletEvent[]): KubeletEvent[] {
    const prev = st.prevAt;
    if (prev !== undefined && Number.isFinite(at) && at - prev > SILENCE_MS) {
      if (out === NO_EVENTS) out = [];
      this.emit(out, 'journal-gap', at, st.name, { input: this.input, line }, { from: prev, seconds: Math.round((at - prev) / 1000) });
    }
    if (Number.isFinite(at) && (prev === undefined || at >= prev)) st.prevAt = at;
    if (!(st.firstAt <= at)) st.firstAt = at;
    if (pid !== undefined) {
      if (st.pid !== undefined && st.pid !== pid) {
        if (out === NO_EVENTS) out = [];
        this.emit(out, 'kubelet-start', at, st.name, { input: this.input, line }, { pid, via: 'pid-change' });
      }
      st.pid = pid;
    }
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
        pid: undefined,
        years: undefined,
        lastRaw: undefined,
        lastBuf: undefined,
        lastStart: 0,
        lastEnd: 0,
        lastDecoded: undefined,
        prevAt: undefined,
        firstAt: NaN,
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

  /**
   * Is (node, message) one of the last RECENT keys? If not it becomes one, and the oldest
   * is forgotten: a Set of `node\0message` keys with FIFO eviction, without building keys.
   * The message is a string, or (the fast path) the ASCII bytes `b[start, end)`.
   */
  private duplicate(node: string, message: string): boolean {
    const h = dupHash(message);
    if (this.buckets[h & (DUP_BUCKETS - 1)]! > 0) {
      for (let i = 0; i < this.ringMsg.length; i++) {
        if (this.ringHash[i] !== h || this.ringNode[i] !== node) continue;
        const m = this.ringMsg[i];
        if (m !== undefined ? m === message : bytesEqualText(this.ringBuf[i]!, this.ringStart[i]!, this.ringEnd[i]!, message)) return true;
      }
    }
    this.remember(node, h, message, undefined, 0, 0);
    return false;
  }

  /** `duplicate` for the fast path's line: its message `b[start, end)` starts with the klog header located in `v`. */
  private duplicateBytes(node: string, b: Uint8Array, start: number, end: number, v: Located): boolean {
    const h = headerHash(end - start, v.kSev, v.kMonth, v.kDay, v.kHour, v.kMinute, v.kSecond, v.kMicros);
    if (this.buckets[h & (DUP_BUCKETS - 1)]! > 0) {
      for (let i = 0; i < this.ringMsg.length; i++) {
        if (this.ringHash[i] !== h || this.ringNode[i] !== node) continue;
        const m = this.ringMsg[i];
        if (
          m !== undefined
            ? bytesEqualText(b, start, end, m)
            : sameRange(this.ringBuf[i]!, this.ringStart[i]!, this.ringEnd[i]!, b, start, end)
        )
          return true;
      }
    }
    this.remember(node, h, undefined, b, start, end);
    return false;
  }

  /** A new (node, message) key in the ring (bytes only until the end of their `pushBytes`). */
  private remember(node: string, h: number, message: string | undefined, b: Uint8Array | undefined, start: number, end: number): void {
    let slot: number;
    if (this.ringMsg.length < RECENT) {
      slot = this.ringMsg.length;
      this.ringMsg.push(message);
      this.ringBuf.push(b);
      this.ringNode.push(node);
    } else {
      slot = this.ringNext;
      this.ringNext = (slot + 1) % RECENT;
      this.buckets[this.ringHash[slot]! & (DUP_BUCKETS - 1)]!--;
      this.ringMsg[slot] = message;
      this.ringBuf[slot] = b;
      this.ringNode[slot] = node;
    }
    this.ringStart[slot] = start;
    this.ringEnd[slot] = end;
    this.ringHash[slot] = h;
    this.buckets[h & (DUP_BUCKETS - 1)]!++;
  }

  /** The time of the first kubelet line per node (a node whose lines made no event is still one). */
  firstSeen(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [node, st] of this.nodes) if (node !== PENDING && Number.isFinite(st.firstAt)) out.set(node, st.firstAt);
    return out;
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

  private continues(j: Extract<JournalLine, { type: 'entry' }>, textOnly: boolean, width: number): boolean {
    const b = this.block!.journal;
    const m = j.message;
    // a terminal's wrap: the rest of the line at most as wide, no landmark, going on mid-word
    // (a lower-case letter, a digit, punctuation: not the capital of a sentence of prose)
    if (this.block!.mode === 'wrap') return textOnly && width <= this.block!.width! && /^[a-z0-9)\]}>,.;:/_\-"'=&%@+*|~]/.test(m);
    if (j.host !== b.host || j.ident !== b.ident || j.pid !== b.pid) return false;
    // journald split: the next entry of the same process without a klog header
    if (this.block!.mode === 'split') return !m.startsWith('{') && decodeKlog(m).header === 'none' && !/^(?:Flag --|error: )/.test(m);
    // journalctl renders the TAB of block lines as is or as spaces; the block ends with ` >`
    return m.startsWith('\t') || m.startsWith(' ') || m.trim() === '>';
  }

  private flushBlock(out: KubeletEvent[]): void {
    const b = this.block!;
    this.block = undefined;
    this.entry(b.journal, b.parts.join(b.mode === 'klog' ? '\n' : ''), b.first, out, true, undefined, 0, b.mode === 'wrap');
  }

  private isKubeletIdent(j: Extract<JournalLine, { type: 'entry' }>): boolean {
    return j.ident !== undefined && isKubeletIdentName(j.ident);
  }

  /**
   * The node of an entry: its host; for a line that names none, `--node-name`, else the node of
   * the kubelet lines before it in this input (or the one the kubelet's words named), else
   * PENDING (its events wait for the input to say: `settle`).
   */
  private nodeOf(host: string | undefined): string {
    return host ?? this.inputNode ?? PENDING;
  }

  /**
   * The input said which node its hostless lines are (a kubelet line with a host, the kubelet
   * naming its node), or it is time to stop waiting: the held events, and the state kept for
   * them, become that node's; they go out before the line that settled it.
   */
  private settle(node: string, out: KubeletEvent[]): void {
    const pending = this.nodes.get(PENDING);
    if (pending) {
      this.nodes.delete(PENDING);
      const into = this.nodes.get(node);
      if (into === undefined) {
        pending.name = own(node);
        pending.hash = textHash(node);
        this.nodes.set(pending.name, pending);
      } else if (into.years === undefined) into.years = pending.years;
      const h = this.hot.indexOf(pending);
      if (h !== -1) this.hot.splice(h, 1);
    }
    if (this.inputNode === undefined) this.inputNode = node;
    if (this.verboseNodes.delete(PENDING)) this.verboseNodes.add(node);
    for (const e of this.held) {
      e.node = own(node);
      out.push(e);
    }
    this.held.length = 0;
    this.heldSince = -1;
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

  private entry(
    j: Extract<JournalLine, { type: 'entry' }>,
    message: string,
    src: Provenance,
    out: KubeletEvent[],
    counted = false,
    located?: KlogRecord,
    width = 0,
    joined = false,
  ): void {
    // a line with a host settles which node the hostless lines before it are
    if (j.host !== undefined && this.heldSince !== -1 && this.opts.defaultNode === undefined) this.settle(j.host, out);
    const node = this.nodeOf(j.host);
    if (this.pendingMarker) {
      const pm = this.pendingMarker;
      this.pendingMarker = undefined;
      this.emit(out, 'journal-marker', this.resolve(j, undefined, node), node, pm.src, { marker: pm.marker, detail: pm.detail });
    }
    // systemd's own lines about the kubelet unit (`Started kubelet: ...`).
    // (`-o with-unit` names systemd by its unit, `init.scope[1]`.)
    if (j.ident === 'systemd' || j.ident === 'systemd-journald' || j.ident === 'init.scope') {
      const c = KUBELET_UNIT.test(message) ? classifySystemd(message) : undefined;
      if (c) {
        this.counters.kubeletLines++;
        this.fromClassified(out, c, this.resolve(j, undefined, node), node, src);
      } else this.counters.otherLines++;
      return;
    }

    // journalctl prints `[61B blob data]` for an entry that is not valid UTF-8.
    if (message.endsWith('B blob data]') && /^\[\d+(?:\.\d+)?[KMGT]?B blob data\]$/.test(message)) {
      this.skip(src, 'journalctl printed "[…B blob data]" for an entry that is not text; use journalctl --all or -o json to include it');
      return;
    }
    const rec = located ?? decodeKlog(message);
    const other = j.ident !== undefined && OTHER_COMPONENT.test(j.ident);
    let c: Classified | undefined;
    let kubelet =
      this.isKubeletIdent(j) ||
      (rec.header !== 'none' && !other) ||
      // Lines the kubelet writes to stderr without a header (cobra/pflag).
      /^(?:Flag --\S+ has been deprecated|error: failed to run Kubelet)/.test(message);
    if (!kubelet && !other && j.format === 'bare') {
      // a line of text alone (a paste cut its prefix): the kubelet's when a rule reads it, or when
      // it carries the eviction manager's or image GC's own words
      c = classify(rec);
      kubelet = c !== undefined || KUBELET_WORDS.test(rec.text);
      if (!kubelet && isWatched(rec)) {
        if (this.unplaced) this.unplaced.count++;
        else this.unplaced = { line: src.line, text: own(message.length > 300 ? message.slice(0, 300) : message), count: 1 };
      }
    }
    if (!kubelet) {
      this.counters.otherLines++;
      return;
    }
    // the widest line so far may have been cut by a terminal: wait for the next line to say
    if (!joined && !counted && width >= WRAP_MIN && width >= this.maxWidth && j.format !== 'json' && j.format !== 'export') {
      this.maxWidth = width;
      this.counters.kubeletLines++;
      this.block = { first: src, journal: j, parts: [message], mode: 'wrap', width };
      return;
    }
    if (width > this.maxWidth) this.maxWidth = width;
    if (!counted) this.counters.kubeletLines++;
    if (j.host !== undefined && this.opts.defaultNode === undefined) this.inputNode = j.host;
    else if (j.host === undefined && node === PENDING) {
      // the kubelet naming its node settles it; else wait, but not for ever
      const named = nodeNamed(message);
      if (named !== undefined) this.settle(named, out);
      else if (this.heldSince === -1) this.heldSince = src.line;
      else if (src.line - this.heldSince > PENDING_LINES) this.settle(this.opts.fallbackNode ?? UNKNOWN_NODE, out);
    }
    const at0 = out.length;
    this.read(j, message, rec, c, this.nodeOf(j.host), src, out);
    // the events of a line whose node is not known yet wait with the others
    if (this.heldSince !== -1 && this.inputNode === undefined) {
      for (let k = at0; k < out.length; k++) this.held.push(out[k]!);
      out.length = at0;
    }
  }

  /** A kubelet line of `node`: duplicates, time, restarts and holes, then what its rule makes of it. */
  private read(
    j: Extract<JournalLine, { type: 'entry' }>,
    message: string,
    rec: KlogRecord,
    classified: Classified | undefined,
    node: string,
    src: Provenance,
    out: KubeletEvent[],
  ): void {
    const st = this.state(node);
    st.lastDecoded = { j, rec };
    st.lastRaw = undefined;
    st.lastBuf = undefined;

    // Pasted journals often repeat lines; a line with a sub-second stamp that
    // repeats exactly is the same entry, not a second occurrence.
    if (rec.time !== undefined || (j.time?.kind === 'instant' && j.time.precise)) {
      if (this.duplicate(node, message)) {
        this.counters.duplicates++;
        return;
      }
    }

    const at = this.resolve(j, rec, node);
    const pid = rec.pid ?? (this.isKubeletIdent(j) && j.ident !== 'dockerd-current' ? j.pid : undefined);
    this.track(st, at, pid, src.line, out);

    const c = classified ?? classify(rec);
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
    return wallToUtc(this.opts.zone, year, t.month, t.day, t.hour, t.minute, t.second) + us / 1000;
  }
}
