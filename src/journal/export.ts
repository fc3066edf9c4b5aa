/**
 * `journalctl -o export` (the Journal Export Format,
 * https://systemd.io/JOURNAL_EXPORT_FORMATS/) arrives here split into lines by
 * the stream adapter, so a record is reassembled by a small state machine:
 *
 *   __CURSOR=s=…;i=1;…          a record starts with __CURSOR= (journalctl) or
 *   __REALTIME_TIMESTAMP=…       __REALTIME_TIMESTAMP= (hand-made streams)
 *   _HOSTNAME=node3              `FIELD=value`, one per line
 *   MESSAGE                      the binary form: `FIELD\n` + le64 size + bytes + `\n`,
 *   <8 size bytes><bytes…>       used when a value is not UTF-8 or holds a newline
 *                                (so the bytes may span several "lines")
 *   (blank line)                 ends the record
 *
 * The lines were decoded as UTF-8 before they get here, so the 8 size bytes are
 * only trusted when they are all ASCII, and payload bytes that were not UTF-8
 * are counted as one byte per U+FFFD. When the size cannot be read, or is more
 * than any record holds, the payload is taken to end with its line and the field
 * is flagged. A size that is wrong but plausible is caught when a new record
 * starts inside the payload (a blank line, then `__CURSOR=`): the field ends with
 * its first line, the lines after it are read as the record's fields again, and
 * the new record starts, so one bad size costs one field, never the records after
 * it. The payload's bytes are counted line by line as they come (linear). Pure; no I/O.
 */

/** One reassembled export record. */
export interface ExportRecord {
  /** the line number of the record's first line */
  readonly firstLine: number;
  readonly fields: Record<string, string>;
  /** fields whose binary payload could not be read exactly (or was not UTF-8) */
  readonly lossy: string[];
}

export interface ExportPush {
  /** the line belonged to an export record (do not decode it again) */
  readonly consumed: boolean;
  /** a record completed by this line (a blank line, or a line that cannot be part of one) */
  readonly record?: ExportRecord;
}

const FIELD = /^([A-Za-z0-9_]+)=/;
const BINARY_NAME = /^[A-Za-z0-9_]+$/;
/** A record never legitimately needs more; a runaway one is cut here and flagged. */
const MAX_PAYLOAD_CHARS = 8 * 1024 * 1024;
/** journald's own limit on a field (DATA_SIZE_MAX, 768 MiB): a bigger size is not a size. */
const MAX_PAYLOAD_BYTES = 768 * 1024 * 1024;
const MAX_FIELDS = 1000;

/** Does this line start an export record? */
export function startsExportRecord(line: string): boolean {
  return line.startsWith('__CURSOR=') || line.startsWith('__REALTIME_TIMESTAMP=');
}

/** UTF-8 length of what was decoded, counting each U+FFFD as the one bad byte it usually replaced. */
function byteLength(s: string): number {
  let bad = 0;
  for (let i = s.indexOf('\ufffd'); i !== -1; i = s.indexOf('\ufffd', i + 1)) bad++;
  return Buffer.byteLength(s, 'utf8') - 2 * bad;
}

/** The le64 size at the start of a binary field, or NaN when its bytes did not survive UTF-8 decoding. */
function le64(s: string): number {
  let n = 0;
  for (let i = 7; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (!(c < 0x80)) return NaN;
    n = n * 256 + c;
  }
  return n;
}

interface Binary {
  name: string;
  /** the lines of the field after its name (the first starts with the 8 size bytes) */
  lines: string[];
  size: number | undefined;
  /** payload bytes so far (UTF-8, one per U+FFFD), with the line ends between lines */
  got: number;
}

/** Reassembles export records from lines. One per input. */
export class ExportAssembler {
  private rec: { firstLine: number; fields: Record<string, string>; lossy: string[]; count: number } | undefined;
  private bin: Binary | undefined;
  /** a record start found inside a payload (see `resync`) */
  private pendingStart: string | undefined;

  /** Inside a record (the next line must go to `push`). */
  get active(): boolean {
    return this.rec !== undefined;
  }

  /** Feed one line (without its line end). */
  push(line: string, lineNo: number): ExportPush {
    const rec = this.rec;
    if (!rec) {
      if (!startsExportRecord(line)) return { consumed: false };
      this.rec = { firstLine: lineNo, fields: Object.create(null) as Record<string, string>, lossy: [], count: 0 };
      this.field(line);
      return { consumed: true };
    }
    if (this.bin) {
      this.binary(line);
      const start = this.pendingStart;
      if (start === undefined) return { consumed: true };
      // a wrong size, found out: the record it was in is done, `line` starts the next
      this.pendingStart = undefined;
      const done = this.take();
      this.push(start, lineNo);
      return { consumed: true, record: done };
    }
    if (line.length === 0) return { consumed: true, record: this.take() };
    if (FIELD.test(line)) {
      // A new record right after one that lost its blank line: close the old one.
      if (startsExportRecord(line) && (line.startsWith('__CURSOR=') ? '__CURSOR' : '__REALTIME_TIMESTAMP') in rec.fields) {
        const done = this.take();
        this.push(line, lineNo);
        return { consumed: true, record: done };
      }
      this.field(line);
      return { consumed: true };
    }
    if (BINARY_NAME.test(line)) {
      this.bin = { name: line, lines: [], size: undefined, got: 0 };
      return { consumed: true };
    }
    // Not export syntax: the record ended without its blank line.
    return { consumed: false, record: this.take() };
  }

  /** End of input: the record in progress, if any. */
  flush(): ExportRecord | undefined {
    if (!this.rec) return undefined;
    if (this.bin) this.endBinary(true);
    return this.take();
  }

  private field(line: string): void {
    const rec = this.rec!;
    const eq = line.indexOf('=');
    if (rec.count++ < MAX_FIELDS) rec.fields[line.slice(0, eq)] = line.slice(eq + 1);
  }

  private binary(line: string): void {
    const b = this.bin!;
    if (b.lines.length > 0 && b.lines[b.lines.length - 1] === '' && startsExportRecord(line) && b.size !== undefined) {
      return this.resync(line);
    }
    b.lines.push(line);
    if (b.size === undefined) {
      // The size bytes themselves may contain 0x0A (a size of 10, 2560 …) and so
      // be split across lines: join with the newline the splitter removed.
      const head = b.lines.length === 1 ? line : b.lines.join('\n');
      if (head.length < 8) return;
      b.lines = [head];
      b.size = le64(head);
      b.got = byteLength(head) - 8;
      if (!(b.size <= MAX_PAYLOAD_BYTES)) return this.endBinary(true);
    } else b.got += 1 + byteLength(line);
    if (b.got >= b.size) return this.endBinary(b.got !== b.size || b.lines.some((l) => l.includes('\ufffd')));
    if (b.got > MAX_PAYLOAD_CHARS) return this.endBinary(true);
  }

  /**
   * A new record starts inside a binary payload: its size was wrong. The field ends with its
   * first line (flagged), the lines after it are the record's own fields again, and `line`
   * starts the next record (the caller's `push` returns the record this one completes).
   */
  private resync(line: string): void {
    const b = this.bin!;
    const rest = b.lines.slice(1);
    b.lines = b.lines.slice(0, 1);
    this.endBinary(true);
    for (const l of rest) {
      if (l === '') break;
      if (FIELD.test(l)) this.field(l);
    }
    this.pendingStart = line;
  }

  private endBinary(lossy: boolean): void {
    const b = this.bin!;
    const rec = this.rec!;
    this.bin = undefined;
    if (rec.count++ < MAX_FIELDS) rec.fields[b.name] = (b.lines.length === 1 ? b.lines[0]! : b.lines.join('\n')).slice(8);
    if (lossy) rec.lossy.push(b.name);
  }

  private take(): ExportRecord {
    const r = this.rec!;
    this.rec = undefined;
    this.bin = undefined;
    return { firstLine: r.firstLine, fields: r.fields, lossy: r.lossy };
  }
}
