/**
 * The record stage: one log-store record (an object) → the entry the journal decoder makes of
 * a `journalctl -o json` line (`JournalLine`), so that everything after it (klog header,
 * rules, timeline) reads a store's export as it reads the journal. Pure, no state.
 *
 * The shape is detected per record with the table in `shapes.ts` (or forced: `--from`, or
 * given: `--field message=PATH,host=PATH,...`). A message that holds another record (an
 * object, or a JSON string: promtail `json: true`, CloudWatch, Fluentd) is read again, and the
 * fields it lacks come from the outer record. Text framings (logcli's default output,
 * Fluentd's out_file) are cut into objects first (`text.ts`).
 */
import { decodeJournalLine, journalEntry, type JournalLine, type Stamp } from '../journal/decode.js';
import { isDateMs } from '../time/zone.js';

const BAD_TIME = "the record's time is outside any date (years 0000-9999): the entry cannot be placed in time";
import { at, SHAPES, shapeNamed, type FieldPaths, type Obj, type Path, type ShapeInfo, type ShapeName } from './shapes.js';
import { framedRecord } from './text.js';
import { stampOf } from './time.js';

export type FieldName = keyof FieldPaths;
export const FIELD_NAMES: readonly FieldName[] = ['message', 'host', 'time', 'unit', 'ident', 'pid'];

/** How records are read: detected (the default), one shape forced, or paths of the user's own. */
export interface RecordOptions {
  /** `--from`: read every JSON record as this shape */
  readonly from?: ShapeName;
  /** `--field`: where the fields are in a record shape of the user's own (dotted paths) */
  readonly fields?: Partial<Record<FieldName, Path>>;
}

type Entry = Extract<JournalLine, { type: 'entry' }>;

/** What a record tells, before it becomes an entry. */
interface Fields {
  /** why the record cannot be read (a time no clock writes) */
  bad?: string;
  message?: string;
  lossy?: boolean;
  host?: string;
  time?: Stamp;
  unit?: string;
  ident?: string;
  pid?: number;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Records inside records, at most this deep (an ES hit → `_source` → a JSON string → …). */
const MAX_DEPTH = 4;

/**
 * A line that is a store's record (a JSON object one of the shapes recognises, or a text
 * framing) → its entry; undefined for any other line, which the journal decoder then reads
 * (a `journalctl -o json` line is read here, once: the journal is one of the shapes).
 */
export function decodeRecordLine(line: string, opts: RecordOptions = {}): JournalLine | undefined {
  const c0 = line.charCodeAt(0);
  if (c0 === 0x7b /* { */) {
    // the kubelet's own JSON logging format (`{"ts":…,"msg":…}`) is the klog decoder's
    if (line.startsWith('{"ts":') && opts.from === undefined && opts.fields === undefined) return undefined;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      return undefined;
    }
    return isObj(o) ? decodeRecord(o, opts) : undefined;
  }
  // `2024-10-16T09:50:55Z {labels} …` (logcli), `2024-10-16T09:50:55+00:00<TAB>tag<TAB>{…}` (Fluentd)
  if (c0 >= 0x30 && c0 <= 0x39 && line.length > 20 && line.charCodeAt(4) === 0x2d /* - */) {
    const framed = framedRecord(line);
    return framed ? decodeRecord(framed) : undefined;
  }
  return undefined;
}

/** A record → its entry; undefined when no shape recognises it (and none is forced). */
export function decodeRecord(o: Obj, opts: RecordOptions = {}): JournalLine | undefined {
  const forced = opts.fields ? fieldPaths(opts.fields) : opts.from ? shapeNamed(opts.from) : undefined;
  const f = read(o, 0, forced);
  if (!f) return undefined;
  if (f.bad !== undefined) return { type: 'undecodable', reason: f.bad };
  // a time no clock writes (an extra digit): the entry cannot be placed in time
  if (f.time?.kind === 'instant' && !isDateMs(f.time.ms)) return { type: 'undecodable', reason: BAD_TIME };
  return entry(f);
}

function entry(f: Fields): Entry {
  f = { ...f, ...envelopeOf(f) };
  let ident = f.ident;
  // a record that names the unit and not the identifier (CloudWatch, Loki labels) is named by its unit, as
  // journalctl -o with-unit does: `kubelet.service` → `kubelet`; systemd's own lines come from `init.scope`
  if (ident === undefined && f.unit !== undefined) ident = f.unit.endsWith('.service') ? f.unit.slice(0, -'.service'.length) : f.unit;
  return {
    type: 'entry',
    format: 'json',
    ...(f.time ? { time: f.time } : {}),
    ...(f.host !== undefined ? { host: f.host } : {}),
    ...(ident !== undefined ? { ident } : {}),
    ...(f.pid !== undefined ? { pid: f.pid } : {}),
    ...(f.unit !== undefined ? { unit: f.unit } : {}),
    message: f.message ?? '',
    ...(f.lossy ? { lossy: true } : {}),
  };
}

/**
 * A store that scraped a syslog file or a journal's text (promtail on /var/log/messages, a
 * Fluent Bit tail input) keeps the file's whole line as the message: `Sep 18 11:48:50 master-1
 * kubelet: W0918 …`. Its envelope names the node, identifier and PID the record's own fields
 * lack; the record's time (an instant) is kept, the envelope's wall-clock stamp is not needed.
 */
function envelopeOf(f: Fields): Partial<Fields> {
  const m = f.message;
  if (m === undefined || f.host !== undefined || m.length < 16 || m.charCodeAt(0) === 0x7b) return {};
  const e = decodeJournalLine(m);
  if (e.type !== 'entry' || e.format === 'bare' || e.host === undefined || e.ident === undefined) return {};
  return {
    host: e.host,
    message: e.message,
    ...(f.ident === undefined ? { ident: e.ident } : {}),
    ...(f.pid === undefined && e.pid !== undefined ? { pid: e.pid } : {}),
    ...(f.time === undefined && e.time !== undefined ? { time: e.time } : {}),
  };
}

/** `--field` paths as a shape: only the paths given. */
function fieldPaths(fields: Partial<Record<FieldName, Path>>): FieldPaths {
  const p = (k: FieldName): readonly Path[] => (fields[k] !== undefined ? [fields[k]] : []);
  return { message: p('message'), host: p('host'), time: p('time'), unit: p('unit'), ident: p('ident'), pid: p('pid') };
}

function read(o: Obj, depth: number, forced?: FieldPaths | ShapeInfo): Fields | undefined {
  const shape = forced ?? SHAPES.find((s) => s.recognise(o));
  if (!shape) return undefined;
  const own = shape === SHAPE_JOURNAL && o['__REALTIME_TIMESTAMP'] !== undefined ? fromJournal(o) : fields(o, shape);
  const m = first(o, shape.message);
  let inner: Fields | undefined;
  if (depth < MAX_DEPTH) {
    if (isObj(m)) inner = read(m, depth + 1);
    else if (typeof m === 'string' && m.charCodeAt(0) === 0x7b && m.endsWith('}')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(m);
      } catch {
        parsed = undefined;
      }
      // a JSON string nobody recognises (the kubelet's JSON logging format) stays the message
      if (isObj(parsed) && !(typeof parsed['ts'] === 'number' && 'msg' in parsed)) inner = read(parsed, depth + 1);
    }
  }
  if (!inner) return own;
  // the inner record is the entry; the outer one fills in what it lacks (Loki's labels, the store's time)
  return { ...own, ...defined(inner) };
}

const SHAPE_JOURNAL = shapeNamed('journal');

/** `journalctl -o json`: the journal decoder's own reading (byte-array messages included). */
function fromJournal(o: Obj): Fields {
  const d = journalEntry(o, 'json');
  if (d.type !== 'entry') return { bad: d.type === 'undecodable' ? d.reason : 'not a journal entry' };
  const j = d as Entry;
  return {
    message: j.message,
    ...(j.lossy ? { lossy: true } : {}),
    ...(j.time ? { time: j.time } : {}),
    ...(j.host !== undefined ? { host: j.host } : {}),
    ...(j.unit !== undefined ? { unit: j.unit } : {}),
    ...(j.ident !== undefined ? { ident: j.ident } : {}),
    ...(j.pid !== undefined ? { pid: j.pid } : {}),
  };
}

function defined(f: Fields): Fields {
  const out: Fields = {};
  for (const k of Object.keys(f) as Array<keyof Fields>) if (f[k] !== undefined) (out as Record<string, unknown>)[k] = f[k];
  return out;
}

function first(o: Obj, paths: readonly Path[]): unknown {
  for (const p of paths) {
    const v = at(o, p);
    if (v !== undefined && v !== null) return v;
  }
  return undefined;
}

/** A scalar as text (Fluent Bit turns a key repeated in one entry into an array: its first value). */
function text(v: unknown): string | undefined {
  if (Array.isArray(v)) v = v[0];
  if (typeof v === 'string') return v === '' || v === 'None' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function fields(o: Obj, shape: FieldPaths | ShapeInfo): Fields {
  const out: Fields = {};
  const m = first(o, shape.message);
  if (typeof m === 'string') out.message = m;
  else if (Array.isArray(m) && m.length > 0 && m.every((b) => typeof b === 'number' && b >= 0 && b <= 255)) {
    // journald keeps a message that is not UTF-8 as bytes; journalctl -o json prints an array
    out.message = new TextDecoder('utf-8', { fatal: false }).decode(Uint8Array.from(m as number[]));
    out.lossy = true;
  } else if (Array.isArray(m) && typeof m[0] === 'string') out.message = m.join('\n');
  else if (typeof m === 'number' || typeof m === 'boolean') out.message = String(m);
  for (const p of shape.time) {
    const v = at(o, p);
    const t = stampOf(Array.isArray(v) ? (v as unknown[])[0] : v);
    if (t) {
      out.time = t;
      break;
    }
  }
  let host = text(first(o, shape.host));
  if (host !== undefined) {
    // a log stream named after the node (CloudWatch Container Insights: `<host>-dataplane.systemd.kubelet.service`)
    if ('hostFromStream' in shape && shape.hostFromStream)
      host = host.replace(/(?:-dataplane|-application|-host)?\.systemd\..*$|-dataplane\..*$/, '');
    // Loki's `instance` label may carry a port
    host = host.replace(/:\d+$/, '');
    if (host !== '') out.host = host;
  }
  const unit = text(first(o, shape.unit));
  if (unit !== undefined) out.unit = unit;
  const ident = text(first(o, shape.ident));
  if (ident !== undefined) out.ident = ident.replace(/^\((.*)\)$/, '$1');
  const pid = text(first(o, shape.pid));
  if (pid !== undefined && /^\d{1,10}$/.test(pid)) out.pid = Number(pid);
  return out;
}

/**
 * `--field message=PATH,host=PATH,time=PATH[,unit=PATH,ident=PATH,pid=PATH]` → the paths;
 * throws with what is wrong. `message` is required.
 */
export function parseFieldMap(spec: string, prev: Partial<Record<FieldName, Path>> = {}): Partial<Record<FieldName, Path>> {
  const out: Partial<Record<FieldName, Path>> = { ...prev };
  for (const part of spec.split(',')) {
    const p = part.trim();
    if (p === '') continue;
    const eq = p.indexOf('=');
    const k = (eq === -1 ? p : p.slice(0, eq).trim()) as FieldName;
    const v = eq === -1 ? '' : p.slice(eq + 1).trim();
    if (!FIELD_NAMES.includes(k)) throw new Error(`unknown field "${k}": expected ${FIELD_NAMES.map((n) => `${n}=PATH`).join(', ')}`);
    if (v === '' || v.startsWith('.') || v.endsWith('.'))
      throw new Error(`${k}= needs a dotted path such as ${k === 'host' ? 'resource.labels.node_name' : 'jsonPayload.MESSAGE'}`);
    out[k] = v;
  }
  return out;
}
