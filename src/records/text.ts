/**
 * The text framings stores put around a line or a JSON record, cut into the object the
 * shape table reads (`shapes.ts`):
 *
 *   logcli default output   `2024-10-16T09:50:55Z {host="ip-10-0-1-23", unit="kubelet.service"} I1016 …`
 *                           (pkg/logcli/output/default.go: `"%s %s %s\n"`, the labels padded with spaces
 *                           to the batch's longest, keys sorted, values Go-quoted; `--no-labels` drops them)
 *                           → `{timestamp, labels, line}`, as `--output=jsonl` writes it
 *   Fluentd out_file        `2024-10-16T09:50:55+00:00<TAB>kubelet<TAB>{"MESSAGE":…}` (no tag with `output_tag false`)
 *                           (formatter_out_file.rb: time, tag, JSON.generate(record))
 *                           → `{time, tag, record}`
 */
import { stampOf } from './time.js';

const LOGCLI = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)) (.*)$/s;
/** What only a logcli line without labels can hold after its time: a klog header, or a JSON entry (promtail `json: true`). */
const LOGCLI_BARE_LINE = /^(?:[IWEF]\d{4} \d\d:\d\d:\d\d|\{")/;
/** time, tag (`output_tag false` drops it), record */
const FLUENTD = /^([^\t]{10,40})\t(?:([^\t]+)\t)?(\{.*\})\s*$/s;

/** A line in a store's text framing → the object its JSON form has; undefined when it is none. */
export function framedRecord(line: string): Record<string, unknown> | undefined {
  if (line.indexOf('\t') !== -1) {
    const f = FLUENTD.exec(line);
    if (f && stampOf(f[1]) !== undefined) {
      let record: unknown;
      try {
        record = JSON.parse(f[3]!);
      } catch {
        return undefined;
      }
      if (typeof record === 'object' && record !== null && !Array.isArray(record)) return { time: f[1], tag: f[2] ?? '', record };
      return undefined;
    }
  }
  const m = LOGCLI.exec(line);
  if (!m) return undefined;
  const rest = m[2]!;
  if (rest.startsWith('{') && !rest.startsWith('{"')) {
    const l = lokiLabels(rest);
    if (l) return { timestamp: m[1], labels: l.labels, line: rest.slice(l.end).replace(/^ +/, '') };
  }
  return LOGCLI_BARE_LINE.test(rest) ? { timestamp: m[1], line: rest } : undefined;
}

const KEY = /[a-zA-Z_][a-zA-Z0-9_]*/y;

/**
 * A label set as Loki prints it (`LabelSet.String()`): `{k="v", k2="v2"}`, values quoted with
 * Go's strconv.Quote. Returns the labels and where the block ends, or undefined.
 */
export function lokiLabels(s: string): { labels: Record<string, string>; end: number } | undefined {
  const labels: Record<string, string> = {};
  let i = 1;
  if (s[i] === '}') return { labels, end: 2 };
  for (;;) {
    KEY.lastIndex = i;
    const k = KEY.exec(s);
    if (!k || s[i + k[0].length] !== '=' || s[i + k[0].length + 1] !== '"') return undefined;
    const v = goUnquote(s, i + k[0].length + 1);
    if (!v) return undefined;
    labels[k[0]] = v.value;
    i = v.end;
    if (s[i] === '}') return { labels, end: i + 1 };
    if (s[i] !== ',' || s[i + 1] !== ' ') return undefined;
    i += 2;
  }
}

const SIMPLE: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };

/** A Go-quoted string (strconv.Quote) starting at `s[start] === '"'`: its value and the index after the closing quote. */
export function goUnquote(s: string, start: number): { value: string; end: number } | undefined {
  let out = '';
  let bytes: number[] = [];
  const flush = () => {
    if (bytes.length > 0) out += Buffer.from(bytes).toString('utf8');
    bytes = [];
  };
  for (let i = start + 1; i < s.length;) {
    const c = s[i]!;
    if (c === '"') {
      flush();
      return { value: out, end: i + 1 };
    }
    if (c !== '\\') {
      flush();
      out += c;
      i++;
      continue;
    }
    const e = s[i + 1];
    if (e === undefined) return undefined;
    if (e in SIMPLE) {
      flush();
      out += SIMPLE[e];
      i += 2;
    } else if (e === 'x' || (e >= '0' && e <= '7')) {
      // `\xNN` and `\NNN` are bytes: a run of them is UTF-8
      const hex = e === 'x';
      const digits = hex ? s.slice(i + 2, i + 4) : s.slice(i + 1, i + 4);
      const n = parseInt(digits, hex ? 16 : 8);
      if (!(hex ? /^[0-9a-fA-F]{2}$/ : /^[0-7]{3}$/).test(digits)) return undefined;
      bytes.push(n);
      i += 4;
    } else if (e === 'u' || e === 'U') {
      const len = e === 'u' ? 4 : 8;
      const digits = s.slice(i + 2, i + 2 + len);
      const cp = parseInt(digits, 16);
      if (digits.length !== len || !/^[0-9a-fA-F]+$/.test(digits) || cp > 0x10ffff) return undefined;
      flush();
      out += String.fromCodePoint(cp);
      i += 2 + len;
    } else return undefined;
  }
  return undefined;
}
