/**
 * The line stage that strings the pure decoders together for one input:
 * journal decoder → klog decoder → classifier, plus the little state a
 * journal needs between lines (the year of year-less stamps, the kubelet PID
 * per node to notice restarts, multi-line klog blocks, pasted duplicates).
 * No I/O: lines come in, events and counters go out.
 */
import { classify, classifySystemd, isWatched, type Classified } from '../classify/classify.js';
import { KUBELET_UNIT } from '../classify/rules.js';
import { decodeJournalLine, journalEntry, type JournalLine, type Stamp } from '../journal/decode.js';
import { ExportAssembler, type ExportRecord } from '../journal/export.js';
import { decodeKlog, type KlogRecord } from '../klog/decode.js';
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
  /** node name for lines whose envelope names none (bare kubelet.log) */
  readonly defaultNode?: string;
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
/**
 * journald splits a message longer than LineMax (default 48 KiB) into several
 * entries; the later ones have no klog header. A kubelet entry at least this long
 * waits for its continuation.
 */
const SPLIT_AT = 8192;
/** No kubelet line at all for this long is a hole in the journal (reported while an incident is open). */
export const SILENCE_MS = 10 * 60_000;
const RECENT = 64;

interface NodeState {
  pid: number | undefined;
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
  /** nodes whose kubelet logged at --v>=3 (the verbosity is a per-node flag) */
  readonly verboseNodes = new Set<string>();
  /** year state per node: interleaved journals of different hosts do not share a calendar */
  private readonly years = new Map<string, YearState>();
  private readonly nodes = new Map<string, NodeState>();
  private readonly recent = new Set<string>();
  private readonly recentOrder: string[] = [];
  private block: Block | undefined;
  private readonly exported = new ExportAssembler();
  private pendingMarker: { marker: 'boot' | 'reboot'; detail: string; src: Provenance } | undefined;
  /** per node: the stamp of the newest kubelet line, resolved only at the end */
  private readonly lastStamp = new Map<string, { j: Extract<JournalLine, { type: 'entry' }>; rec: KlogRecord }>();
  /** last resolved time, for lines that carry none (a header stripped by the reporter) */
  private lastAt = NaN;
  /** per node: time of the previous kubelet line, to notice holes in the journal */
  private readonly prevAt = new Map<string, { at: number; src: Provenance }>();
  /** per host: wall ms − monotonic ms of the current boot (short-monotonic) */
  private readonly monoOffset = new Map<string, number>();

  constructor(
    readonly input: string,
    private readonly opts: AnalyzeOptions,
  ) {}

  /** Feed one line (without its line end). Returns the events it completed. */
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
    this.decoded(decodeJournalLine(raw), { input: this.input, line: lineNo, raw }, out);
    return out;
  }

  private exportRecord(r: ExportRecord, out: KubeletEvent[]): void {
    const j = journalEntry(r.fields, 'export', r.lossy.includes('MESSAGE'));
    this.decoded(j, { input: this.input, line: r.firstLine, raw: r.fields['MESSAGE'] ?? '' }, out);
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
    return;
  }

  /** End of input: flush what is pending. */
  end(): KubeletEvent[] {
    const out: KubeletEvent[] = [];
    const rec = this.exported.flush();
    if (rec) this.exportRecord(rec, out);
    if (this.block) this.flushBlock(out);
    return out;
  }

  /** The time of the last kubelet line per node (for "is the incident still going?"). */
  lastSeen(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [node, { j, rec }] of this.lastStamp) {
      const ys = this.yearState(node);
      const saved = { ...ys };
      const at = this.resolve(j, rec, node);
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

  private entry(
    j: Extract<JournalLine, { type: 'entry' }>,
    message: string,
    src: Provenance,
    out: KubeletEvent[],
    counted = false,
  ): void {
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
    this.lastStamp.set(node, { j, rec });

    // Pasted journals often repeat lines; a line with a sub-second stamp that
    // repeats exactly is the same entry, not a second occurrence.
    if (rec.time !== undefined || (j.time?.kind === 'instant' && j.time.precise)) {
      const key = `${node}\u0000${message}`;
      if (this.recent.has(key)) {
        this.counters.duplicates++;
        return;
      }
      this.recent.add(key);
      this.recentOrder.push(key);
      if (this.recentOrder.length > RECENT) this.recent.delete(this.recentOrder.shift()!);
    }

    const at = this.resolve(j, rec, node);
    // A hole in the journal: no kubelet line at all for a long time.
    const prev = this.prevAt.get(node);
    if (prev && Number.isFinite(at) && at - prev.at > SILENCE_MS) {
      this.emit(out, 'journal-gap', at, node, src, { from: prev.at, seconds: Math.round((at - prev.at) / 1000) });
    }
    if (Number.isFinite(at) && (!prev || at >= prev.at)) this.prevAt.set(node, { at, src });
    const pid = rec.pid ?? (this.isKubeletIdent(j) && j.ident !== 'dockerd-current' ? j.pid : undefined);
    if (pid !== undefined) {
      const st = this.nodes.get(node) ?? { pid: undefined };
      if (st.pid !== undefined && st.pid !== pid) {
        this.emit(out, 'kubelet-start', at, node, src, { pid, via: 'pid-change' });
      }
      st.pid = pid;
      this.nodes.set(node, st);
    }

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
      if (this.unrecognized.length < 1000) this.unrecognized.push({ input: src.input, line: src.line, text: message });
    }
  }

  private fromClassified(out: KubeletEvent[], c: Classified, at: number, node: string, src: Provenance): void {
    if (c.rule.kind === 'known') return;
    this.emit(out, c.rule.kind, at, node, src, c.fields);
  }

  private emit(
    out: KubeletEvent[],
    kind: EventKind,
    at: number,
    node: string,
    src: Provenance,
    fields: Record<string, unknown>,
  ): void {
    this.counters.events++;
    out.push({ ...fields, kind, at, node, src } as KubeletEvent);
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
    let ys = this.years.get(node);
    if (!ys) this.years.set(node, (ys = newYearState()));
    return ys;
  }

  /** Some year had to be guessed (no --year, no dated entry before it). */
  get yearInferred(): boolean {
    for (const ys of this.years.values()) if (ys.inferred) return true;
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
