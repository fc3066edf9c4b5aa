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
}

export interface UnrecognizedLine {
  readonly input: string;
  readonly line: number;
  readonly text: string;
}

export interface SkipReason {
  readonly input: string;
  readonly line: number;
  readonly reason: string;
}

/** syslog identifiers the kubelet runs under. */
const KUBELET_IDENT =
  /^(?:kubelet|kubelet-wrapper|hyperkube|origin-node|atomic-openshift-node|openshift-node|k3s|k3s-agent|k3s-server|rke2|rke2-agent|rke2-server|kubelite|microk8s\.daemon-kubelite|microk8s\.daemon-kubelet|k0sworker|k0s|kubelet\.sh|dockerd-current)$/;

const UNKNOWN_NODE = 'unknown';
const MAX_BLOCK_LINES = 5000;
const RECENT = 64;

interface NodeState {
  pid: number | undefined;
}

interface Block {
  first: Provenance;
  journal: Extract<JournalLine, { type: 'entry' }>;
  parts: string[];
}

export class LineAnalyzer {
  readonly counters: Counters = {
    lines: 0,
    kubeletLines: 0,
    events: 0,
    unrecognized: 0,
    skipped: 0,
    duplicates: 0,
    otherLines: 0,
  };
  readonly unrecognized: UnrecognizedLine[] = [];
  readonly skippedReasons: SkipReason[] = [];
  readonly years: YearState = newYearState();
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
        if (j.message.trim() === '>' || this.block.parts.length >= MAX_BLOCK_LINES) this.flushBlock(out);
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
    if (j.message.endsWith('=<') && this.isKubeletIdent(j)) {
      this.counters.kubeletLines++;
      this.block = { first: src, journal: j, parts: [j.message] };
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
    const saved = { ...this.years };
    for (const [node, { j, rec }] of this.lastStamp) {
      const at = this.resolve(j, rec);
      Object.assign(this.years, saved); // a look back, not a step forward
      if (Number.isFinite(at)) out.set(node, at);
    }
    return out;
  }

  private continues(j: Extract<JournalLine, { type: 'entry' }>): boolean {
    const b = this.block!.journal;
    if (j.host !== b.host || j.ident !== b.ident || j.pid !== b.pid) return false;
    const m = j.message;
    return m.startsWith('\t') || m.startsWith('        ') || m.trim() === '>';
  }

  private flushBlock(out: KubeletEvent[]): void {
    const b = this.block!;
    this.block = undefined;
    this.entry(b.journal, b.parts.join('\n'), b.first, out, true);
  }

  private isKubeletIdent(j: Extract<JournalLine, { type: 'entry' }>): boolean {
    return j.ident !== undefined && KUBELET_IDENT.test(j.ident);
  }

  private nodeOf(host: string | undefined): string {
    return host ?? this.opts.defaultNode ?? UNKNOWN_NODE;
  }

  private skip(src: Provenance, reason: string): void {
    this.counters.skipped++;
    if (this.skippedReasons.length < 1000) this.skippedReasons.push({ input: src.input, line: src.line, reason });
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
      this.emit(out, 'journal-marker', this.resolve(j, undefined), node, pm.src, { marker: pm.marker, detail: pm.detail });
    }
    // systemd's own lines about the kubelet unit (`Started kubelet: ...`).
    // (`-o with-unit` names systemd by its unit, `init.scope[1]`.)
    if (j.ident === 'systemd' || j.ident === 'init.scope') {
      const c = KUBELET_UNIT.test(message) ? classifySystemd(message) : undefined;
      if (c) {
        this.counters.kubeletLines++;
        this.fromClassified(out, c, this.resolve(j, undefined), node, src);
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

    const at = this.resolve(j, rec);
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
  private resolve(j: Extract<JournalLine, { type: 'entry' }>, rec: KlogRecord | undefined): number {
    let at = NaN;
    const jt = j.time;
    if (jt) at = this.stampToMs(jt);
    const kt = rec?.time;
    if (kt) {
      if (Number.isNaN(at)) at = this.stampToMs(kt);
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

  private stampToMs(t: Stamp): number {
    if (t.kind === 'instant') {
      if (Number.isFinite(t.ms)) {
        const d = new Date(t.ms);
        anchorYear(this.years, d.getUTCFullYear(), d.getUTCMonth() + 1);
      }
      return t.ms;
    }
    let year = t.year;
    if (year === undefined) year = yearFor(this.years, t.month, t.day, this.opts);
    else anchorYear(this.years, year, t.month);
    const us = t.micros ?? 0;
    return wallToUtc(this.opts.zone, year, t.month, t.day, t.hour, t.minute, t.second) + us / 1000;
  }
}
