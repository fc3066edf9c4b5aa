/**
 * The structured klog payload: `"<msg>" k1=v1 k2="v 2" k3=[a b] k4={"x":1} k5=<`.
 * A key is accepted only at `space + identifier + =` (or a quoted key, as forks
 * write `"total usage"=...`); values are Go-quoted strings, bracketed `%+v` or
 * JSON lists/structs (balanced, quotes respected), multi-line block openers `<`,
 * or bare tokens. Linear in the input; never throws.
 */

/** The values of a structured line by key. Quoted strings are unquoted. */
export type Kv = ReadonlyMap<string, string>;

/**
 * Read a Go/JSON-quoted string starting at `s[i] === '"'`. Returns [value, indexAfter, closed]:
 * `closed` is false when the text ends before the closing quote (a line cut by a pager or a wrap).
 */
export function readQuoted(s: string, i: number): [string, number, boolean] {
  let out = '';
  let j = i + 1;
  let start = j;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === 0x22 /* " */) {
      out += s.slice(start, j);
      return [out, j + 1, true];
    }
    if (c === 0x5c /* \ */) {
      out += s.slice(start, j);
      const e = s[j + 1];
      switch (e) {
        case 'n':
          out += '\n';
          j += 2;
          break;
        case 't':
          out += '\t';
          j += 2;
          break;
        case 'r':
          out += '\r';
          j += 2;
          break;
        case '"':
          out += '"';
          j += 2;
          break;
        case '\\':
          out += '\\';
          j += 2;
          break;
        case '/':
          out += '/';
          j += 2;
          break;
        case 'u': {
          const hex = s.slice(j + 2, j + 6);
          out += /^[0-9a-fA-F]{4}$/.test(hex) ? String.fromCharCode(parseInt(hex, 16)) : '\\u';
          j += /^[0-9a-fA-F]{4}$/.test(hex) ? 6 : 2;
          break;
        }
        case 'x': {
          const hex = s.slice(j + 2, j + 4);
          out += /^[0-9a-fA-F]{2}$/.test(hex) ? String.fromCharCode(parseInt(hex, 16)) : '\\x';
          j += /^[0-9a-fA-F]{2}$/.test(hex) ? 4 : 2;
          break;
        }
        default:
          out += e ?? '';
          j += 2;
      }
      start = j;
      continue;
    }
    j++;
  }
  // Unterminated (a line cut by a pager or a paste): keep what is there.
  out += s.slice(start);
  return [out, s.length, false];
}

/** Index just after a balanced `[...]` or `{...}` starting at `i`, or s.length if cut. */
function skipBalanced(s: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === 0x22 /* " */) {
      j = readQuoted(s, j)[1];
      continue;
    }
    if (c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x5d || c === 0x7d) {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  return s.length;
}

const KEY_CHAR = /[A-Za-z0-9_.-]/;

/**
 * Parse the `k=v ...` part of a structured payload (everything after the message).
 * Unparseable stretches are skipped to the next space.
 */
export function parseKv(s: string): Kv {
  const out = new Map<string, string>();
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && s.charCodeAt(i) === 0x20) i++;
    if (i >= n) break;
    let key: string;
    if (s.charCodeAt(i) === 0x22) {
      const [k, after] = readQuoted(s, i);
      key = k;
      i = after;
    } else {
      const start = i;
      while (i < n && KEY_CHAR.test(s[i]!)) i++;
      key = s.slice(start, i);
    }
    if (key.length === 0 || s.charCodeAt(i) !== 0x3d /* = */) {
      // Not a key: skip this token.
      while (i < n && s.charCodeAt(i) !== 0x20) i++;
      continue;
    }
    i++; // '='
    const c = s.charCodeAt(i);
    let value: string;
    if (c === 0x22) {
      const [v, after] = readQuoted(s, i);
      value = v;
      i = after;
    } else if (c === 0x5b || c === 0x7b) {
      const end = skipBalanced(s, i);
      value = s.slice(i, end);
      i = end;
    } else {
      const start = i;
      while (i < n && s.charCodeAt(i) !== 0x20) i++;
      value = s.slice(start, i);
    }
    if (!out.has(key)) out.set(key, value);
  }
  return out;
}
