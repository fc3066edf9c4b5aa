// Pure helpers of the benchmark runner (scripts/bench/run.mjs), kept apart so they are unit
// tested (test/bench.test.ts) without running anything.

/** Median of a non-empty list of numbers. */
export function median(xs) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Self time per function of a V8 `.cpuprofile` (what `node --cpu-prof` writes): the time of
 * each sample is charged to the node it hit, and nodes are grouped by function name plus
 * script URL and 1-based line (one function can appear as many nodes, one per call path).
 * @param {{ nodes: Array<{ id: number, callFrame: { functionName: string, url: string, lineNumber: number } }>, samples: number[], timeDeltas: number[] }} profile
 * @returns {Array<{ name: string, url: string, line: number, selfMs: number, percent: number }>} most expensive first
 */
export function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const acc = new Map();
  let total = 0;
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the time since the previous sample; charge it to sample i, as
    // Chrome DevTools does (the first delta is from the profile start).
    const dt = Math.max(0, timeDeltas[i] ?? 0);
    const node = byId.get(samples[i]);
    if (!node) continue;
    const cf = node.callFrame;
    const name = cf.functionName || '(anonymous)';
    const key = `${name}\u0000${cf.url}\u0000${cf.lineNumber}`;
    let e = acc.get(key);
    if (!e) acc.set(key, (e = { name, url: cf.url, line: cf.lineNumber + 1, selfUs: 0 }));
    e.selfUs += dt;
    total += dt;
  }
  return [...acc.values()]
    .map((e) => ({ name: e.name, url: e.url, line: e.line, selfMs: e.selfUs / 1000, percent: total ? (100 * e.selfUs) / total : 0 }))
    .sort((a, b) => b.selfMs - a.selfMs);
}

/** A plain-text table; the first row is the header. Columns of numbers are right-aligned. */
export function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  const isNum = (cell) => typeof cell === 'number' || /^-?[\d.,]+$|^-$/.test(cell);
  const right = rows[0].map((_, c) => rows.length > 1 && rows.slice(1).every((r) => isNum(r[c])));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (right[c] ? String(cell).padStart(widths[c]) : String(cell).padEnd(widths[c])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** What issue #15 asks of every shape and source, against a bare split2 line count of the same input. */
export const TARGETS = { wallRatio: 1.0, cpuRatio: 1.25, rssMiB: 120, rssFlatRatio: 1.15 };

/**
 * GNU time's `-f '%e %U %S %M'` output (the last line; a killed child's is preceded by a
 * "Command terminated" line): wall, user and system seconds, peak RSS in KiB.
 */
export function parseTime(text) {
  const last = text.trim().split('\n').pop() ?? '';
  const m = /^(\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+)$/.exec(last.trim());
  if (!m) throw new Error(`cannot read GNU time's output: ${JSON.stringify(text)}`);
  return { wallMs: Number(m[1]) * 1000, userMs: Number(m[2]) * 1000, sysMs: Number(m[3]) * 1000, rssKiB: Number(m[4]) };
}

/** One word for `sh -c`: single-quoted unless it is plain. */
export function shellQuote(s) {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}
