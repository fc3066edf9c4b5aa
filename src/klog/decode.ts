/**
 * Stage 2: the klog decoder. The payload of one journal entry in, a
 * `KlogRecord` out; pure. Finds the klog/glog header anywhere in the text
 * (`Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg`), so Rancher's glued
 * `7/29/2017 11:23:35 PMW0729 21:23:35.409653 ...` and pasted prefixes work,
 * accepts a header stripped to `file.go:line] msg`, and decodes the kubelet's
 * JSON logging format (`{"ts":<epoch ms>,"caller":...,"msg":...,"v":0,...}`).
 */
import type { Stamp } from '../journal/decode.js';
import { isDateMs } from '../time/zone.js';
import { parseKv, readQuoted, type Kv } from './kv.js';

export type KlogSeverity = 'I' | 'W' | 'E' | 'F';

export interface KlogRecord {
  /** `klog` full header, `fragment` only `file:line]`, `json` logging format, `none` no header */
  readonly header: 'klog' | 'fragment' | 'json' | 'none';
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

const HEADER = /([IWEF])(\d\d)(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{6}) +(\d+) ([^\s:\]]+):\d+\] /;
const FRAGMENT = /^([\w.-]+\.go):\d+\] /;

/** Decode a journal payload. Never throws. */
export function decodeKlog(message: string): KlogRecord {
  if (message.charCodeAt(0) === 0x7b && message.startsWith('{"ts":')) {
    const j = decodeJsonFormat(message);
    if (j) return j;
  }
  const m = HEADER.exec(message);
  if (m) {
    const text = message.slice(m.index + m[0].length);
    return {
      header: 'klog',
      severity: m[1] as KlogSeverity,
      time: {
        kind: 'wall',
        month: +m[2]!,
        day: +m[3]!,
        hour: +m[4]!,
        minute: +m[5]!,
        second: +m[6]!,
        micros: +m[7]!,
      },
      pid: +m[8]!,
      file: m[9]!,
      ...structured(text),
    };
  }
  const f = FRAGMENT.exec(message);
  if (f) return { header: 'fragment', file: f[1]!, ...structured(message.slice(f[0].length)) };
  return { header: 'none', ...structured(message) };
}

function structured(text: string): { text: string; msg?: string; kvText?: string } {
  if (text.charCodeAt(0) !== 0x22 /* " */) return { text };
  const [msg, after] = readQuoted(text, 0);
  return { text, msg, kvText: text.slice(after) };
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
