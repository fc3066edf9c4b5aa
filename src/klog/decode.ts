/**
 * The klog decoder: the payload of one journal entry in, a `KlogRecord` out; pure. Where the
 * header is, whole (`Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg`, anywhere in the text: so
 * Rancher's glued `7/29/2017 11:23:35 PMW0729 21:23:35.409653 ...` and pasted prefixes work) or
 * damaged by a paste (`0905 15:42:13.182280   23506 file.go:142] `, `W 7082 file.go:330] `,
 * `file.go:400] `), is decided by `src/locate/locate.ts`; this file turns it into the record,
 * splits a structured payload into its message and key/values, and decodes the kubelet's JSON
 * logging format (`{"ts":<epoch ms>,"caller":...,"msg":...,"v":0,...}`).
 */
import type { Stamp } from '../journal/decode.js';
import { Hdr, locateHeader, nameAt, newLocated, type Located } from '../locate/locate.js';
import { isDateMs } from '../time/zone.js';
import { parseKv, readQuoted, type Kv } from './kv.js';

export type KlogSeverity = 'I' | 'W' | 'E' | 'F';

export interface KlogRecord {
  /**
   * `klog` the whole header; `damaged` a header a paste cut (severity, date, time or PID lost:
   * the fields left are set); `fragment` only `file:line]`; `json` logging format; `none`
   */
  readonly header: 'klog' | 'damaged' | 'fragment' | 'json' | 'none';
  readonly severity?: KlogSeverity;
  /** klog header time: year-less wall time in the kubelet's zone; JSON `ts` is an instant */
  readonly time?: Stamp;
  /** the "threadid" field, which is the kubelet's process id */
  readonly pid?: number;
  /** source file base name, `eviction_manager.go` */
  readonly file?: string;
  /** the payload after `] ` (printf text, or the structured `"msg" k=v` text) */
  readonly text: string;
  /** structured lines: the unquoted message */
  readonly msg?: string;
  /** structured lines: the text after the quoted message, parsed on demand by `kvOf` */
  readonly kvText?: string;
  /** JSON logging format: the other keys of the object */
  readonly json?: Readonly<Record<string, unknown>>;
  /** the record's own time cannot be a date (a `ts` of 1e400): why its entry is skipped */
  readonly badTime?: string;
}

/** Decode a journal payload. Never throws. */
export function decodeKlog(message: string): KlogRecord {
  if (message.charCodeAt(0) === 0x7b && message.startsWith('{"ts":')) {
    const j = decodeJsonFormat(message);
    if (j) return j;
  }
  const b = Buffer.from(message, 'utf8');
  locateHeader(b, 0, b.length, SCRATCH);
  return recordOf(b, b.length, SCRATCH);
}
const SCRATCH = newLocated();

/**
 * The record of a payload whose header `locate` (or `locateHeader`) found: `b[v.textStart, end)`
 * is the text after it. Times need the header's date and time both (a damaged header without
 * them gives none).
 */
export function recordOf(b: Uint8Array, end: number, v: Located): KlogRecord {
  const text = Buffer.prototype.toString.call(b, 'utf8', v.textStart, end);
  if (v.hdr === Hdr.None) return withText({ header: 'none' }, text);
  const file = nameAt(b, v.fileStart, v.fileEnd);
  if (v.hdr === Hdr.Fragment) return withText({ header: 'fragment', file }, text);
  // (the optional keys set in place, in this order: no object spread per line)
  const r: Mutable<Omit<KlogRecord, 'text'>> = { header: v.hdr === Hdr.Klog ? 'klog' : 'damaged' };
  if (v.kSev !== 0) r.severity = String.fromCharCode(v.kSev) as KlogSeverity;
  const time = headerStamp(v);
  if (time !== undefined) r.time = time;
  if (v.kPid >= 0) r.pid = v.kPid;
  r.file = file;
  return withText(r, text);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The klog header's date and time located in `v` as a stamp (undefined without both: a damaged header). */
export function headerStamp(v: Located): Stamp | undefined {
  if (v.kMonth < 0 || v.kHour < 0) return undefined;
  const t: Mutable<Extract<Stamp, { kind: 'wall' }>> = {
    kind: 'wall',
    month: v.kMonth,
    day: v.kDay,
    hour: v.kHour,
    minute: v.kMinute,
    second: v.kSecond,
  };
  if (v.kMicros >= 0) t.micros = v.kMicros;
  return t;
}

/** `r` with its payload `text` (last, after the header's fields), and a structured one's message and key/values split off. */
function withText(r: Mutable<Omit<KlogRecord, 'text'>>, text: string): KlogRecord {
  const out = r as Mutable<KlogRecord>;
  out.text = text;
  if (text.charCodeAt(0) === 0x22 /* " */) {
    const [msg, after] = readQuoted(text, 0);
    out.msg = msg;
    out.kvText = text.slice(after);
  }
  return out;
}

/** The key/value pairs of a record (structured text or JSON format). */
export function kvOf(r: KlogRecord): Kv {
  if (r.json) {
    const out = new Map<string, string>();
    for (const [k, v] of Object.entries(r.json)) out.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    return out;
  }
  return r.kvText ? parseKv(r.kvText) : EMPTY;
}
const EMPTY: Kv = new Map();

const BAD_TS = '"ts" (JSON logging) is outside any date (years 0000-9999): the entry cannot be placed in time';

function decodeJsonFormat(message: string): KlogRecord | undefined {
  let o: unknown;
  try {
    o = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (typeof o !== 'object' || o === null) return undefined;
  const { ts, caller, msg, v, ...rest } = o as Record<string, unknown>;
  if (typeof msg !== 'string') return undefined;
  // printf-style calls keep their newline in JSON: "FLAG: --eviction-soft=\"\"\n".
  const text = msg.endsWith('\n') ? msg.slice(0, -1) : msg;
  const file = typeof caller === 'string' ? caller.slice(caller.lastIndexOf('/') + 1).replace(/:\d+$/, '') : undefined;
  // `v` is absent on error lines; warnings are logged as info with "v":0.
  const severity: KlogSeverity = v === undefined && 'err' in rest ? 'E' : 'I';
  const hasKeys = Object.keys(rest).length > 0;
  // a `ts` no clock writes (an extra digit, 1e400 read as Infinity): the entry cannot be placed in time
  if (typeof ts === 'number' && !isDateMs(ts)) return { header: 'json', severity, text, msg: text, badTime: BAD_TS };
  return {
    header: 'json',
    severity,
    ...(typeof ts === 'number' ? { time: { kind: 'instant' as const, ms: ts, precise: true } } : {}),
    ...(file ? { file } : {}),
    text,
    // A JSON record is "structured" when it carries keys or a capitalised
    // structured message; printf text is matched by the printf patterns either way.
    msg: text,
    ...(hasKeys ? { json: rest } : {}),
  };
}
