/**
 * Whole-document JSON exports (gcloud's array, a Loki query_range or Elasticsearch search
 * response, `aws logs filter-log-events` output, az's array), pretty-printed or not, as a
 * stream of records: the source stage turns such a document into one compact JSON record per
 * line, which then takes the line path like any NDJSON export (the record stage,
 * src/records, reads each line). The document is parsed as a stream (stream-json), never
 * whole: memory holds one record at a time, as for a journal.
 *
 * Sniffing, on the first bytes of the input: `[` starts a document; `{` alone on its line (a
 * pretty-printed object), or a first line that is a whole wrapper of records (`hits.hits`,
 * `events`, `data.result`: src/records/documents.ts) or longer than a line may be, starts a
 * document. Anything else — NDJSON (`journalctl -o json`, logcli jsonl, elasticdump), text —
 * is handed on untouched, chunks and all.
 *
 * In a document, `line N` of a report is its Nth record.
 */
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { getFunctionList, getManyValues, isMany, none } from 'stream-chain/defs.js';
import Assembler from 'stream-json/assembler.js';
import parser from 'stream-json/parser.js';
import { DOCUMENTS, isWrapper, matches, type DocumentShape } from '../records/documents.js';
import type { Source } from './open.js';

/** How far the first line of a `{` input is looked at (a longer one would be skipped by the line reader anyway). */
const SNIFF_MAX = 1024 * 1024;
/** Records of a Loki stream or an Azure table waiting for their labels or columns (which the producers write first). */
const MAX_WAITING = 10_000;
/** Bytes given to the parser at a time (its tokens for them are made at once). */
const SLICE = 16 * 1024;

type Seg = string | number;
interface Token {
  name: string;
  value?: unknown;
}

/** Is the start of an input a whole JSON document? `undefined`: read more to tell. */
export function isDocumentStart(head: Buffer, ended: boolean): boolean | undefined {
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3; // a UTF-8 BOM (PowerShell's Out-File)
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  if (i === head.length) return ended ? false : undefined;
  if (head[i] === 0x5b /* [ */) {
    // an array of records (or of documents), or an empty one; not `[  6655.056703] host …` (-o short-monotonic)
    let k = i + 1;
    while (k < head.length && (head[k] === 0x20 || head[k] === 0x09 || head[k] === 0x0a || head[k] === 0x0d)) k++;
    if (k === head.length) return ended ? false : undefined;
    return head[k] === 0x7b /* { */ || head[k] === 0x5b /* [ */ || head[k] === 0x5d /* ] */ || head[k] === 0x22; /* " */
  }
  if (head[i] !== 0x7b /* { */) return false;
  const nl = head.indexOf(0x0a, i);
  if (nl === -1) return ended ? firstLineIsWrapper(head.subarray(i)) : head.length >= SNIFF_MAX ? true : undefined;
  const line = head.subarray(i, nl);
  if (line.subarray(1).toString('latin1').trim() === '') return true; // `{` alone: pretty-printed
  return firstLineIsWrapper(line);
}

function firstLineIsWrapper(line: Buffer): boolean {
  try {
    return isWrapper(JSON.parse(line.toString('utf8')));
  } catch {
    return false;
  }
}

/**
 * The source, with its stream read as NDJSON records when it holds a whole JSON document.
 * Decided on the first bytes, when the reader first asks for data (so a pipe that is still
 * silent, `journalctl -f` at night, blocks nothing and Ctrl-C still stops it). Any other
 * input passes through chunk by chunk, the same Buffers (so they can still be recycled).
 */
export function jsonDocumentSource<S extends Source>(src: S): S {
  return { ...src, stream: sniffing(src.stream) };
}

function sniffing(source: Readable): Readable {
  const head: Buffer[] = [];
  let size = 0;
  /** undecided, then the stream the chunks come from: the source itself, or the document's records */
  let from: Readable | undefined;
  const out = new Readable({
    // room for a few of the reader's chunks: a pause and a resume per 256 KiB chunk cost ~5 % of CPU
    highWaterMark: 1024 * 1024,
    read() {
      if (from) from.resume();
      else if (!started) start();
    },
    destroy(err, cb) {
      // (a source that ended is left as it is: standard input's file descriptor is not ours to close)
      const stop = (r: Readable) => {
        if (!r.readableEnded) r.destroy();
      };
      stop(from ?? source);
      if (from && from !== source) stop(source);
      cb(err);
    },
  });
  let started = false;
  const relay = (r: Readable) => {
    from = r;
    r.on('data', (c: Buffer) => {
      if (!out.push(c)) r.pause();
    });
    r.on('end', () => {
      const failure = r instanceof DocumentRecords ? r.failure : undefined;
      if (failure) failAfterDrain(failure);
      else out.push(null);
    });
    r.on('error', failAfterDrain);
  };
  /** An error ends the stream once what was read before it has been taken (a destroy would drop it). */
  const failAfterDrain = (e: Error) => {
    if (out.destroyed) return;
    if (out.readableLength === 0) out.destroy(e);
    else setTimeout(() => failAfterDrain(e), 5);
  };
  const decide = (doc: boolean, ended: boolean) => {
    source.off('data', onData);
    source.off('end', onEnd);
    source.off('error', onError);
    if (!doc) {
      for (const c of head) out.push(c);
      if (ended) out.push(null);
      else relay(source);
      return;
    }
    const rest = ended ? Readable.from(head, { objectMode: false }) : source;
    if (!ended) for (let i = head.length - 1; i >= 0; i--) source.unshift(head[i]!);
    relay(recordsOf(rest));
  };
  const onData = (c: Buffer | string) => {
    const b = typeof c === 'string' ? Buffer.from(c) : c;
    head.push(b);
    size += b.length;
    const v = isDocumentStart(head.length === 1 ? b : Buffer.concat(head, size), false);
    if (v !== undefined) {
      source.pause();
      decide(v, false);
    }
  };
  const onEnd = () => decide(isDocumentStart(Buffer.concat(head, size), true) === true, true);
  // a read error before the verdict: the reader gets what was read, then the error
  const onError = (e: Error) => {
    source.off('data', onData);
    source.off('end', onEnd);
    source.off('error', onError);
    for (const c of head) out.push(c);
    out.destroy(e);
  };
  const start = () => {
    started = true;
    source.on('data', onData);
    source.on('end', onEnd);
    source.on('error', onError);
  };
  return out;
}

/**
 * The document's records as NDJSON bytes: stream-json's parser (its functions called on each
 * chunk: a token stream per token was ten times slower) → `DocumentRecords`. A syntax or read
 * error ends the stream after the records before it, with the error (`failure`).
 */
export function recordsOf(input: Readable): DocumentRecords {
  const records = new DocumentRecords();
  input.on('error', (e) => records.fail(e));
  records.on('close', () => {
    // the reader stopped (an interrupt): stop reading
    if (!input.destroyed) input.destroy();
  });
  input.pipe(records);
  return records;
}

interface Waiting {
  readonly prefix: string;
  /** how deep the object holding the records is (its path's length) */
  readonly depth: number;
  readonly shape: DocumentShape;
  readonly values: unknown[];
}

/**
 * Tokens of one or more JSON documents (stream-json's parser, values packed) → NDJSON bytes,
 * one record per line. A value at a record path (`documents.ts`) is assembled and written; a
 * top-level object with no record path in it is itself a record (a pretty-printed one);
 * everything else (the wrappers' `took`, `_shards`, `stats` ...) is assembled only as far as
 * needed to tell, and dropped.
 */
export class DocumentRecords extends Transform {
  /** stream-json's parser as its two functions: bytes → text (UTF-8 sequences kept whole across chunks), text → tokens */
  private readonly utf8: (chunk: unknown) => unknown;
  private readonly json: (text: unknown) => unknown;
  /** the containers around the next value: arrays count their elements, objects hold the current key */
  private readonly frames: Array<{ array: boolean; key: Seg }> = [];
  /** copying a record as text: for each open container, is it an array, and does its next member need a comma */
  private text: { arrays: boolean[]; need: boolean[]; json: string } | undefined;
  /** assembling a record or a context value */
  private value: { asm: Assembler; shape: DocumentShape; role: 'record' | 'context'; prefix: string; depth: number } | undefined;
  /** the current top-level value, without its records */
  private skeleton = new Assembler();
  private recordsOfTop = 0;
  private readonly contexts = new Map<string, unknown>();
  private waiting: Waiting | undefined;
  private out = '';
  /** why the document could not be read to its end (the records before it were written) */
  failure: Error | undefined;

  constructor() {
    super();
    const [utf8, json] = getFunctionList(parser({ streamValues: false, jsonStreaming: true }) as never) as Array<(x: unknown) => unknown>;
    this.utf8 = utf8!;
    this.json = json!;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (this.failure) return cb();
    // in slices: the parser makes all the tokens of what it is given at once
    for (let p = 0; p < chunk.length && !this.failure; p += SLICE) {
      this.parse(this.utf8(chunk.subarray(p, p + SLICE)));
      if (this.out.length >= 65536) this.flushOut();
    }
    if (!this.failure) this.flushOut();
    cb();
  }

  override _flush(cb: TransformCallback): void {
    if (!this.failure) {
      this.parse(this.utf8(none));
      this.parse(none);
    }
    // (the parser, reading a stream of documents, does not call an unfinished one an error)
    if (!this.failure && (this.text || this.value || this.frames.length > 0))
      this.fail(new Error('the JSON document ends in the middle of a value (a cut export?)'));
    if (!this.failure) {
      this.release();
      this.flushOut();
    }
    cb();
  }

  private parse(text: unknown): void {
    let r: unknown;
    try {
      r = this.json(text);
    } catch (e) {
      this.fail(e as Error);
      return;
    }
    if (!isMany(r)) return;
    for (const t of getManyValues(r) as Token[]) this.token(t);
  }

  /** The input failed (a syntax error, a read error): write what was read, then end. */
  fail(e: Error): void {
    if (this.failure) return;
    this.failure = e;
    this.release();
    this.flushOut();
    this.push(null);
  }

  private flushOut(): void {
    if (this.out === '') return;
    this.push(Buffer.from(this.out, 'utf8'));
    this.out = '';
  }

  private emitRecord(record: unknown): void {
    this.out += `${JSON.stringify(record)}\n`;
    this.recordsOfTop++;
  }

  private token(t: Token): void {
    if (this.text) {
      if (this.writeToken(t)) this.text = undefined;
      return;
    }
    const v = this.value;
    if (v) {
      v.asm.consume(t as never);
      if (v.asm.done) {
        this.value = undefined;
        this.assembled(v.asm.current, v.shape, v.role, v.prefix, v.depth);
      }
      return;
    }
    switch (t.name) {
      case 'keyValue':
        this.frames[this.frames.length - 1]!.key = t.value as string;
        this.skeleton.consume(t as never);
        return;
      case 'endObject':
      case 'endArray':
        this.frames.pop();
        this.skeleton.consume(t as never);
        if (this.waiting && this.frames.length <= this.waiting.depth) this.release();
        if (this.frames.length === 0) this.endOfTop();
        return;
    }
    // a value starts here: where?
    const parent = this.frames[this.frames.length - 1];
    if (parent?.array) parent.key = (parent.key as number) + 1;
    const path: Seg[] = [];
    for (const f of this.frames) path.push(f.key);
    for (const shape of DOCUMENTS) {
      if (matches(shape.records, path)) return this.start(t, shape, 'record', path.slice(0, -2));
      if (shape.context && path[path.length - 1] === shape.context.key && matches(shape.records.slice(0, -2), path.slice(0, -1)))
        return this.start(t, shape, 'context', path.slice(0, -1));
    }
    this.skeleton.consume(t as never);
    if (t.name === 'startObject') this.frames.push({ array: false, key: '' });
    else if (t.name === 'startArray') this.frames.push({ array: true, key: -1 });
    else if (this.frames.length === 0) this.endOfTop();
  }

  private start(t: Token, shape: DocumentShape, role: 'record' | 'context', prefixPath: Seg[]): void {
    if (role === 'record' && !shape.context) {
      // a record as it is: its tokens written straight back as JSON text, no object made
      this.recordsOfTop++;
      this.text = { arrays: [], need: [], json: '' };
      if (this.writeToken(t)) this.text = undefined;
      return;
    }
    const asm = new Assembler();
    asm.consume(t as never);
    const prefix = prefixPath.join('\u0000');
    if (asm.done) this.assembled(asm.current, shape, role, prefix, prefixPath.length);
    else this.value = { asm, shape, role, prefix, depth: prefixPath.length };
  }

  /** Write a token of the record being copied; true at its end. */
  private writeToken(t: Token): boolean {
    const w = this.text!;
    const top = w.arrays.length - 1;
    switch (t.name) {
      case 'keyValue':
        w.json += `${w.need[top] ? ',' : ''}${JSON.stringify(t.value)}:`;
        w.need[top] = true;
        return false;
      case 'endObject':
      case 'endArray':
        w.json += t.name === 'endObject' ? '}' : ']';
        w.arrays.pop();
        w.need.pop();
        break;
      default:
        if (top >= 0 && w.arrays[top]) {
          if (w.need[top]) w.json += ',';
          w.need[top] = true;
        }
        switch (t.name) {
          case 'startObject':
          case 'startArray':
            w.json += t.name === 'startObject' ? '{' : '[';
            w.arrays.push(t.name === 'startArray');
            w.need.push(false);
            return false;
          case 'stringValue':
            w.json += JSON.stringify(t.value);
            break;
          case 'numberValue':
            w.json += t.value as string;
            break;
          case 'trueValue':
          case 'falseValue':
          case 'nullValue':
            w.json += String(t.value);
            break;
        }
    }
    if (w.arrays.length > 0) return false;
    this.out += `${w.json}\n`;
    return true;
  }

  private assembled(value: unknown, shape: DocumentShape, role: 'record' | 'context', prefix: string, depth: number): void {
    const ctx = shape.context;
    if (role === 'context') {
      this.contexts.set(`${shape.name}\u0001${prefix}`, value);
      if (this.waiting?.prefix === prefix && this.waiting.shape === shape) this.release();
      return;
    }
    if (!ctx) return this.emitRecord(value);
    const key = `${shape.name}\u0001${prefix}`;
    if (this.contexts.has(key)) return this.emitRecord(ctx.join(this.contexts.get(key), value));
    // the labels/columns have not come yet: wait for them (a bounded number of records)
    if (this.waiting && (this.waiting.prefix !== prefix || this.waiting.shape !== shape)) this.release();
    this.waiting ??= { prefix, depth, shape, values: [] };
    this.waiting.values.push(value);
    if (this.waiting.values.length >= MAX_WAITING) this.release();
  }

  /** Write the waiting records, with their context if it came (else without: the node then comes from elsewhere). */
  private release(): void {
    const w = this.waiting;
    if (!w) return;
    this.waiting = undefined;
    const c = this.contexts.get(`${w.shape.name}\u0001${w.prefix}`);
    for (const v of w.values) this.emitRecord(w.shape.context!.join(c, v));
  }

  private endOfTop(): void {
    this.release();
    const top: unknown = this.skeleton.current;
    // a top-level object that held no records is a record itself (a pretty-printed one)
    if (this.recordsOfTop === 0 && typeof top === 'object' && top !== null && !Array.isArray(top)) this.emitRecord(top);
    this.skeleton = new Assembler();
    this.recordsOfTop = 0;
    this.contexts.clear();
  }
}
