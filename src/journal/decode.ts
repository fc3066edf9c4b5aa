/**
 * The journal-line decoder: one input line in, one `JournalLine` out; pure, no state. The format
 * is detected per line, because pasted journals mix them (a `short` paste followed by a `json`
 * one, a bare kubelet.log ...).
 *
 * Lines that are records — `journalctl -o json` / `json-seq` objects and journal markers
 * (`-- Logs begin at ... --`, `-- Boot <id> --`, `-- Reboot --`, `-- No entries --`) — are
 * decoded here. Every text line is located by `src/locate/locate.ts` (the one place that says
 * where a line's envelope and klog header are: every journalctl text format, syslog files, bare
 * klog, damaged pastes), and `entryOf` turns what it located into the entry: the stamp, host,
 * identifier, PID and message. A line with no envelope is `bare` (a kubelet.log line, `-o cat`
 * output, text from a paste): its message starts at its klog header (past a paste's prefix), or is
 * the whole line when it has none.
 */
import { Env, Hdr, locate, nameAt, newLocated, type Located } from '../locate/locate.js';
import { isDateMs } from '../time/zone.js';

/** A point in time as the envelope gave it; resolved to an instant later. */
export type Stamp =
  /** absolute: epoch milliseconds (UTC) plus the sub-millisecond rest */
  | { readonly kind: 'instant'; readonly ms: number; readonly precise: boolean }
  /** wall-clock time in an unstated zone, with or without a year */
  | {
      readonly kind: 'wall';
      readonly year?: number;
      readonly month: number;
      readonly day: number;
      readonly hour: number;
      readonly minute: number;
      readonly second: number;
      /** microseconds, when the envelope had them */
      readonly micros?: number;
    };

export type JournalFormat =
  | 'short'
  | 'short-precise'
  | 'short-full'
  | 'short-iso'
  | 'short-iso-precise'
  | 'short-unix'
  | 'short-monotonic'
  /** `host ident[pid]: msg`: a journal line whose stamp a paste stripped */
  | 'no-stamp'
  | 'json'
  | 'export'
  /** `journalctl -o verbose`: a header line with the cursor, then the fields (src/journal/verbose.ts) */
  | 'verbose'
  | 'bare';

export type MarkerKind = 'logs-begin' | 'boot' | 'reboot' | 'no-entries';

export type JournalLine =
  | {
      readonly type: 'entry';
      readonly format: JournalFormat;
      readonly time?: Stamp;
      readonly host?: string;
      /** syslog identifier (`kubelet`, `k3s`, `systemd`) or, with-unit, the unit */
      readonly ident?: string;
      readonly pid?: number;
      /** the systemd unit, when the envelope names it (json, with-unit) */
      readonly unit?: string;
      readonly message: string;
      /** short-monotonic: microseconds since boot */
      readonly monotonicUs?: number;
      /** json only: MESSAGE was not valid UTF-8 and was decoded lossily */
      readonly lossy?: boolean;
    }
  | { readonly type: 'marker'; readonly marker: MarkerKind; readonly detail: string }
  | { readonly type: 'blank' }
  /** a line that is not text (NUL bytes, a binary journal file) */
  | { readonly type: 'undecodable'; readonly reason: string };

/** Decode one line. Never throws. */
export function decodeJournalLine(line: string): JournalLine {
  if (line.length === 0 || line.trim().length === 0) return { type: 'blank' };
  const c0 = line.charCodeAt(0);
  if (c0 === 0x1e /* json-seq record separator */ || c0 === 0xfeff /* a BOM: files concatenated */) return decodeJournalLine(line.slice(1));
  if (line.indexOf('\u0000') !== -1) {
    // NUL padding (a log file extended after a crash, before the next write) glued to the
    // line written after it: the line is what follows the NULs
    if (c0 === 0) return decodeJournalLine(line.replace(/^\u0000+/, ''));
    return { type: 'undecodable', reason: 'NUL byte in line' };
  }
  if (c0 === 0x7b /* { */) {
    const j = decodeJournalJson(line);
    if (j) return j;
  }
  if (c0 === 0x2d /* - */ && line.startsWith('-- ')) {
    const m = MARKER.exec(line);
    if (m) {
      if (m[1]) return { type: 'marker', marker: 'logs-begin', detail: line.slice(3, -3) };
      if (m[3]) return { type: 'marker', marker: 'boot', detail: m[3] };
      if (m[4]) return { type: 'marker', marker: 'reboot', detail: 'Reboot' };
      return { type: 'marker', marker: 'no-entries', detail: 'No entries' };
    }
  }
  const b = Buffer.from(line, 'utf8');
  const v = SCRATCH;
  locate(b, 0, b.length, v);
  return entryOf(b, b.length, v);
}

const SCRATCH = newLocated();
const MARKER = /^-- (?:(Logs begin at|Journal begins at) (.*?)|Boot ([0-9a-f]{32})|(Reboot)|(No entries)) --$/;

/**
 * The entry of a text line `b[.., end)` that `locate` read into `v`: the stamp, host, identifier
 * (`kubelet`; with-unit's `kubelet.service` becomes the unit), PID and message. A line without an
 * envelope is `bare`: its message starts where its klog header (or text) does, past a paste's
 * prefix.
 */
export function entryOf(b: Uint8Array, end: number, v: Located): Extract<JournalLine, { type: 'entry' }> {
  const text = (s: number, e: number) => Buffer.prototype.toString.call(b, 'utf8', s, e);
  // (a line of text alone stays whole: a klog block's lines are indented, and the rules read text as written)
  if (v.env === Env.None) return { type: 'entry', format: 'bare', message: text(v.hdr === Hdr.None ? v.start : v.msgStart, end) };
  const ident = nameAt(b, v.identStart, v.identEnd);
  const unit = ident.endsWith('.service') ? ident : undefined;
  const time = stampOf(v);
  // (the optional keys set in place, in this order: no object spread per line)
  const j = { type: 'entry', format: formatOf(v) } as { -readonly [K in keyof Entry]: Entry[K] };
  if (time) j.time = time;
  // (a paste may have cut the host out: the line's node is then the input's)
  if (v.hostEnd > v.hostStart) j.host = nameAt(b, v.hostStart, v.hostEnd);
  j.ident = unit ? ident.slice(0, -'.service'.length) : ident;
  if (v.pid >= 0) j.pid = v.pid;
  if (unit) j.unit = unit;
  j.message = text(v.msgStart, end);
  if (v.env === Env.Mono) j.monotonicUs = v.seconds * 1e6 + v.micros;
  return j;
}
type Entry = Extract<JournalLine, { type: 'entry' }>;

function formatOf(v: Located): JournalFormat {
  const precise = v.micros >= 0;
  switch (v.env) {
    case Env.Short:
      return precise ? 'short-precise' : 'short';
    case Env.Iso:
      return precise ? 'short-iso-precise' : 'short-iso';
    case Env.Full:
      return 'short-full';
    case Env.Unix:
      return 'short-unix';
    case Env.Mono:
      return 'short-monotonic';
    case Env.HostOnly:
      return 'no-stamp';
    default:
      return 'bare';
  }
}

/** The stamp of a located envelope (none for short-monotonic and stripped stamps). */
export function stampOf(v: Located): Stamp | undefined {
  const us = v.micros >= 0 ? v.micros : undefined;
  switch (v.env) {
    case Env.Short:
      return {
        kind: 'wall',
        month: v.month,
        day: v.day,
        hour: v.hour,
        minute: v.minute,
        second: v.second,
        ...(us !== undefined ? { micros: us } : {}),
      };
    case Env.Iso:
    case Env.Full: {
      if (Number.isNaN(v.offset)) {
        // no zone, or an abbreviation such as `CST` (China, US Central, Cuba): left to --timezone
        return {
          kind: 'wall',
          year: v.year,
          month: v.month,
          day: v.day,
          hour: v.hour,
          minute: v.minute,
          second: v.second,
          ...(us !== undefined ? { micros: us } : {}),
        };
      }
      const ms = Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minute, v.second) - v.offset * 60_000 + (us ?? 0) / 1000;
      return { kind: 'instant', ms, precise: us !== undefined };
    }
    case Env.Unix:
      return { kind: 'instant', ms: v.seconds * 1000 + v.micros / 1000, precise: true };
    default:
      return undefined;
  }
}

/** `+0800`, `+08:00`, `+08`, `Z` → minutes east of UTC. */
export function parseOffset(s: string): number {
  if (s === 'Z') return 0;
  const sign = s[0] === '-' ? -1 : 1;
  const digits = s.slice(1).replace(':', '');
  const h = Number(digits.slice(0, 2));
  const min = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (h * 60 + min);
}

const BAD_REALTIME = '__REALTIME_TIMESTAMP is outside any date (years 0000-9999): the entry cannot be placed in time';

/** `journalctl -o json`: one object per entry. MESSAGE may be a byte array. */
function decodeJournalJson(line: string): JournalLine | undefined {
  if (line.indexOf('"MESSAGE"') === -1 && line.indexOf('"__REALTIME_TIMESTAMP"') === -1) return undefined;
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return undefined;
  return journalEntry(o as Record<string, unknown>, 'json');
}

/**
 * An entry from journal fields by name (`-o json` objects, `-o export` records
 * from src/journal/export.ts). `lossy` marks a MESSAGE that was not valid UTF-8.
 */
export function journalEntry(r: Record<string, unknown>, format: 'json' | 'export' | 'verbose', lossyMessage = false): JournalLine {
  let message = '';
  let lossy = lossyMessage;
  const msg = r['MESSAGE'];
  if (typeof msg === 'string') message = msg;
  else if (Array.isArray(msg) && msg.every((b) => typeof b === 'number')) {
    // journald stores non-UTF-8 messages as bytes; journalctl prints an array.
    const bytes = Uint8Array.from(msg as number[]);
    message = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    lossy = true;
  }
  const rt = r['__REALTIME_TIMESTAMP'];
  const usec = typeof rt === 'string' || typeof rt === 'number' ? Number(rt) : NaN;
  // a stamp no clock writes (an extra digit): the entry cannot be placed in time
  if (Number.isFinite(usec) && !isDateMs(usec / 1000)) return { type: 'undecodable', reason: BAD_REALTIME };
  const str = (k: string): string | undefined => (typeof r[k] === 'string' ? (r[k] as string) : undefined);
  const pidStr = str('_PID') ?? str('SYSLOG_PID');
  const host = str('_HOSTNAME');
  const ident = str('SYSLOG_IDENTIFIER') ?? str('_COMM');
  const unit = str('_SYSTEMD_UNIT') ?? str('UNIT');
  return {
    type: 'entry',
    format,
    ...(Number.isFinite(usec) ? { time: { kind: 'instant' as const, ms: usec / 1000, precise: true } } : {}),
    ...(host !== undefined ? { host } : {}),
    ...(ident !== undefined ? { ident } : {}),
    ...(pidStr !== undefined && /^\d+$/.test(pidStr) ? { pid: Number(pidStr) } : {}),
    ...(unit !== undefined ? { unit } : {}),
    message,
    ...(lossy ? { lossy } : {}),
  };
}
