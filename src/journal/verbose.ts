/**
 * `journalctl -o verbose` (what people paste when asked for "the whole entry") arrives here split
 * into lines, so a record is reassembled by a small state machine, as `-o export`'s are
 * (export.ts):
 *
 *   Sun 2025-03-02 13:32:17.535129 UTC [s=…;i=3c9ae;b=0dcb…;m=2a5c527899;t=62f5c1182a499;x=e140…]
 *       _BOOT_ID=0dcb5a9839c0b0fb8fbd8d72a3e013b3
 *       _HOSTNAME=node-a                     `FIELD=value`, indented four spaces
 *       MESSAGE=I0302 13:32:17.535129 …      a value with line ends goes on in lines indented
 *                                            to the column after its `=` (systemd's
 *                                            print_multiline)
 *       _AUDIT_LOGINUID=[8 bytes blob data]  a value that is not printable: not shown
 *
 * A record starts at its header line: the time in journalctl's zone, then the entry's cursor,
 * whose `t=` is its realtime in hexadecimal microseconds (the instant, whatever the zone), and
 * ends at the next header or at a line that is none of these (read as it is). A paste's blank
 * lines, and fields that lost their indent, are the record's.
 * Pure; no I/O.
 */
import type { ExportPush, ExportRecord } from './export.js';

/** `Sun 2025-03-02 13:32:17.535129 UTC [s=…;i=…;b=…;m=…;t=…;x=…]` (the weekday and the zone as the locale and TZ print them). */
const HEADER =
  /^(?:\S+ )?\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,9})?(?: \S+)? \[(s=[0-9a-f]+;i=[0-9a-f]+;b=[0-9a-f]+;m=[0-9a-f]+;t=([0-9a-f]+);x=[0-9a-f]+)\]$/;
/** A field: journalctl indents it four spaces, a paste may have lost them (journal field names are upper case). */
const FIELD = /^[ \t]*([A-Z0-9_]+)=/;
const BLOB = /^\[[^\]]* blob data\]$/;
const MAX_FIELDS = 1000;

/** Is this line a verbose record's header? (the caller asks only of lines that end in `]`) */
export function isVerboseHeader(line: string): boolean {
  return HEADER.test(line);
}

/** Reassembles `-o verbose` records from lines. One per input. */
export class VerboseAssembler {
  private rec: { firstLine: number; fields: Record<string, string>; lossy: string[]; count: number; last: string } | undefined;

  /** Inside a record (the next line must go to `push`). */
  get active(): boolean {
    return this.rec !== undefined;
  }

  /** Feed one line (without its line end). */
  push(line: string, lineNo: number): ExportPush {
    const h = HEADER.exec(line);
    if (h) {
      const done = this.rec ? this.take() : undefined;
      const fields = Object.create(null) as Record<string, string>;
      fields['__CURSOR'] = h[1]!;
      fields['__REALTIME_TIMESTAMP'] = String(parseInt(h[2]!, 16));
      this.rec = { firstLine: lineNo, fields, lossy: [], count: 0, last: '' };
      return done ? { consumed: true, record: done } : { consumed: true };
    }
    const rec = this.rec;
    if (!rec) return { consumed: false };
    // (a paste's blank line: the record goes on to the first line that is not its own)
    if (line.trim() === '') return { consumed: true };
    // the rest of a value with line ends: indented to the column after `FIELD=`
    const indent = 4 + rec.last.length + 1;
    if (rec.last !== '' && line.length > indent && line.slice(0, indent).trim() === '') {
      rec.fields[rec.last] += `\n${line.slice(indent)}`;
      return { consumed: true };
    }
    const f = FIELD.exec(line);
    if (f) {
      const name = f[1]!;
      const value = line.slice(f[0].length);
      rec.last = '';
      if (rec.count++ >= MAX_FIELDS) return { consumed: true };
      if (BLOB.test(value)) {
        // (journalctl did not print it: a binary value, or a MESSAGE that is not UTF-8)
        rec.lossy.push(name);
        if (name === 'MESSAGE') rec.fields[name] = '';
        return { consumed: true };
      }
      rec.fields[name] = value;
      // (only a field journalctl indented as it does can have its value's rest under it)
      if (f[0].startsWith('    ') && f[0][4] !== ' ') rec.last = name;
      return { consumed: true };
    }
    // any other line is not the record's: it ends it, and is read as it is
    return { consumed: false, record: this.take() };
  }

  /** End of input: the record in progress, if any. */
  flush(): ExportRecord | undefined {
    return this.rec ? this.take() : undefined;
  }

  private take(): ExportRecord {
    const r = this.rec!;
    this.rec = undefined;
    return { firstLine: r.firstLine, fields: r.fields, lossy: r.lossy };
  }
}
