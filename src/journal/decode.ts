/**
 * Stage 1: the journal-line decoder. One input line in, one `JournalLine` out;
 * pure, no state. The format is detected per line, because pasted journals
 * mix them (a `short` paste followed by a `json` one, a bare kubelet.log ...).
 *
 * Recognised envelopes (journalctl `-o ...`):
 *   short / short-precise   `Oct 16 09:50:55[.056703] host ident[pid]: msg` (localized month)
 *   short-full / with-unit  `Mon 2017-10-16 09:50:55[.056703] CST host ident[pid]: msg`
 *   short-iso(-precise)     `2017-10-16T09:50:55[.056703]+0800 host ident[pid]: msg`
 *   short-unix              `1508118655.056703 host ident[pid]: msg`
 *   short-monotonic         `[  12345.678901] host ident[pid]: msg`
 *   json / json-seq         `{"__REALTIME_TIMESTAMP":"...","MESSAGE":"...",...}`
 *   markers                 `-- Logs begin at ... --`, `-- Boot <id> --`, `-- Reboot --`, `-- No entries --`
 * Anything else is `bare`: a kubelet.log line, `-o cat` output, or text from a paste;
 * the klog decoder looks for a klog header anywhere in it.
 */
import { isDateMs } from '../time/zone.js';
import { monthFromToken } from './months.js';

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
  | 'json'
  | 'export'
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

// `ident[pid]: msg` or `ident: msg` after the host. The identifier never holds
// spaces or `[`; the message may be empty.
const TAIL = /^([^\s[]+?)(?:\[(\d+)\])?:(?: (.*))?$/s;

const SHORT = /^ ?(\S+) +(\d{1,2}) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))? (\S+) (.*)$/s;
const SHORT_FULL = /^(\S+) (\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))? (\S+) (\S+) (.*)$/s;
const SHORT_ISO = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:[.,](\d{1,6}))?(Z|[+-]\d\d(?::?\d\d)?) (\S+) (.*)$/s;
const SHORT_UNIX = /^(\d{9,11})\.(\d{1,6}) (\S+) (.*)$/s;
const SHORT_MONO = /^\[ *(\d+)\.(\d{1,6})\] (\S+) (.*)$/s;
const MARKER = /^-- (?:(Logs begin at|Journal begins at) (.*?)|Boot ([0-9a-f]{32})|(Reboot)|(No entries)) --$/;

/** Paste artefacts seen in real reports before a journal line: `* ` (minikube logs). */
const PASTE_BULLET = /^[*•] (?=\S)/;

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
  return decodeText(line) ?? (PASTE_BULLET.test(line) ? decodeText(line.slice(2)) : undefined) ?? bare(line);
}

function bare(line: string): JournalLine {
  return { type: 'entry', format: 'bare', message: line };
}

function micros(frac: string | undefined): number | undefined {
  if (frac === undefined) return undefined;
  return Number(frac.padEnd(6, '0'));
}

function withTail(format: JournalFormat, time: Stamp | undefined, host: string, rest: string): JournalLine | undefined {
  const t = TAIL.exec(rest);
  if (!t) return undefined;
  const ident = t[1]!;
  const pid = t[2] !== undefined ? Number(t[2]) : undefined;
  const unit = ident.endsWith('.service') ? ident : undefined;
  return {
    type: 'entry',
    format,
    ...(time ? { time } : {}),
    host,
    ident: unit ? ident.slice(0, -'.service'.length) : ident,
    ...(pid !== undefined ? { pid } : {}),
    ...(unit ? { unit } : {}),
    message: t[3] ?? '',
  };
}

function decodeText(line: string): JournalLine | undefined {
  const c0 = line.charCodeAt(0);
  // short-iso and short-unix start with a digit; short-monotonic with `[`.
  if (c0 >= 0x30 && c0 <= 0x39) {
    let m = SHORT_ISO.exec(line);
    if (m) {
      const frac = m[7];
      const offset = parseOffset(m[8]!);
      const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - offset * 60_000 + (frac ? micros(frac)! / 1000 : 0);
      return withTail(frac ? 'short-iso-precise' : 'short-iso', { kind: 'instant', ms, precise: frac !== undefined }, m[9]!, m[10]!);
    }
    m = SHORT_UNIX.exec(line);
    if (m) {
      const ms = Number(m[1]) * 1000 + micros(m[2])! / 1000;
      return withTail('short-unix', { kind: 'instant', ms, precise: true }, m[3]!, m[4]!);
    }
  }
  if (c0 === 0x5b /* [ */) {
    const m = SHORT_MONO.exec(line);
    if (m) {
      // Monotonic seconds since boot carry no wall time: leave time unset so the
      // klog header's time is used instead; keep them for lines without a header.
      const e = withTail('short-monotonic', undefined, m[3]!, m[4]!);
      return e?.type === 'entry' ? { ...e, monotonicUs: Number(m[1]) * 1e6 + micros(m[2])! } : e;
    }
  }
  let m = SHORT.exec(line);
  if (m) {
    const month = monthFromToken(m[1]!);
    if (month !== 0) {
      const frac = m[6];
      const us = micros(frac);
      return withTail(
        frac ? 'short-precise' : 'short',
        {
          kind: 'wall',
          month,
          day: +m[2]!,
          hour: +m[3]!,
          minute: +m[4]!,
          second: +m[5]!,
          ...(us !== undefined ? { micros: us } : {}),
        },
        m[7]!,
        m[8]!,
      );
    }
  }
  m = SHORT_FULL.exec(line);
  if (m) {
    const frac = m[8];
    const zone = m[9]!;
    const us = micros(frac);
    const wall = {
      kind: 'wall' as const,
      year: +m[2]!,
      month: +m[3]!,
      day: +m[4]!,
      hour: +m[5]!,
      minute: +m[6]!,
      second: +m[7]!,
      ...(us !== undefined ? { micros: us } : {}),
    };
    // A zone that is an offset or UTC pins the instant; an abbreviation such as
    // `CST` is ambiguous (China, US Central, Cuba) and is left to --timezone.
    const off = zone === 'UTC' || zone === 'GMT' ? 0 : /^[+-]\d\d(?::?\d\d)?$/.test(zone) ? parseOffset(zone) : undefined;
    const time: Stamp =
      off === undefined
        ? wall
        : {
            kind: 'instant',
            ms: Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - off * 60_000 + (us ?? 0) / 1000,
            precise: us !== undefined,
          };
    return withTail('short-full', time, m[10]!, m[11]!);
  }
  return undefined;
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
export function journalEntry(r: Record<string, unknown>, format: 'json' | 'export', lossyMessage = false): JournalLine {
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
