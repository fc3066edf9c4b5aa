/**
 * No ReDoS: every regex applied to log text runs in linear time. Each rule's
 * printf pattern, each decoder and each value parser meets 1 MB adversarial
 * lines built against it (the rule's anchor followed by a run of a character
 * its pattern cares about, the anchor repeated, runs of brackets, quotes,
 * capitals ...). Each must stay within a generous bound measured relative to
 * a plain line count over the same input; backtracking on 1 MB takes minutes.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify/classify.js';
import { RULES } from '../src/classify/rules.js';
import { conditionList, flagMap, goDurationSeconds, nodeConfigThresholds, normalizePod, podList } from '../src/classify/values.js';
import { decodeJournalLine } from '../src/journal/decode.js';
import { decodeKlog, kvOf } from '../src/klog/decode.js';
import { safeText } from '../src/render/sanitize.js';
import { workloadOf } from '../src/render/text.js';

const MB = 1 << 20;
const GENERIC = [
  'a',
  'A ',
  ' ',
  '_',
  '(',
  '[',
  '{',
  '"',
  '0',
  '.',
  ':',
  ',',
  '-',
  '\\',
  '<',
  '=',
  'a_',
  '{Signal:',
  'Pressure',
  '\u001b[',
  '}]',
];
const HEADER = 'I1016 09:50:55.056703   17144 eviction_manager.go:331] ';
const JOURNAL = 'Oct 16 09:50:55 ubuntu-k8s-3 kubelet[17144]: ';
const pump = (p: string) => p.repeat(Math.ceil(MB / p.length));

function lineCount(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
function time(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

type Case = { name: string; line: string; work: (l: string) => void };
const cases: Case[] = [];

// 1. Each printf rule, through the decoders and the classifier, with the
//    characters its own pattern mentions (plus letters and spaces).
for (const r of RULES) {
  if (!r.re) continue;
  const chars = [...new Set(r.re.source.replace(/\\[sSdDwWbB]/g, '').match(/[ -~]/g) ?? [])].filter((c) => !/[a-z0-9]/i.test(c));
  const anchor = r.anchor ?? '';
  for (const p of ['a', 'A ', ' ', ...chars]) {
    cases.push({
      name: `rule ${r.id} ${r.kind}: ${JSON.stringify(anchor)} + ${JSON.stringify(p)}*`,
      line: `${JOURNAL}${HEADER}${anchor} ${pump(p)}`,
      work: (l) => {
        const j = decodeJournalLine(l);
        const rec = decodeKlog(j.type === 'entry' ? j.message : l);
        classify(rec);
        r.re!.exec(rec.text);
      },
    });
  }
  if (anchor)
    cases.push({
      name: `rule ${r.id}: anchor repeated`,
      line: `${HEADER}${`${anchor} `.repeat(Math.ceil(MB / (anchor.length + 1)))}`,
      work: (l) => classify(decodeKlog(l)),
    });
}
// 2. Decoders and value parsers, on every generic pump, bare and behind a header.
const parsers: Record<string, (l: string) => unknown> = {
  journal: decodeJournalLine,
  klog: decodeKlog,
  kv: (l) => kvOf(decodeKlog(`${HEADER}"m" k=${l}`)),
  podList,
  normalizePod,
  conditionList,
  nodeConfigThresholds: (l) => nodeConfigThresholds(`HardEvictionThresholds:[${l}`),
  flagMap,
  goDurationSeconds,
  safeText,
  workloadOf,
};
for (const [n, f] of Object.entries(parsers)) {
  for (const p of GENERIC) cases.push({ name: `${n}: ${JSON.stringify(p)}*`, line: pump(p), work: f });
  cases.push({ name: `${n}: header prefix + "0"*`, line: `${HEADER.slice(0, 22)}${pump('0')}`, work: f });
}
cases.push({
  name: 'HardEvictionThresholds repeated',
  line: `${HEADER}Creating Container Manager object based on Node Config: ${'HardEvictionThresholds:['.repeat(MB / 24)}`,
  work: (l) => classify(decodeKlog(l)),
});
cases.push({ name: 'pod list without uids', line: `eviction manager: pods ranked for eviction: ${'a_b, '.repeat(MB / 5)}`, work: podList });
// a redaction's closer with no opener before each pod, and a UID broken by runs of spaces
cases.push({ name: 'redacted pod names without openers', line: pump('x]_ns(0a1b2c3d), '), work: podList });
cases.push({ name: 'a UID of spaced words never closed', line: `a_b(${pump('abc   ')}`, work: podList });
cases.push({ name: 'spaced UIDs', line: pump('a_b(0a1b2c3d   4e5f), '), work: podList });

describe('no regex backtracks on 1 MB adversarial lines', () => {
  it(`${cases.length} cases each stay within 2000× a line count of the same text`, () => {
    let worst = 0;
    let worstCase = '';
    for (const c of cases) {
      const floor = Math.max(
        time(() => lineCount(c.line)),
        0.1,
      );
      const ratio = time(() => c.work(c.line)) / floor;
      if (ratio > worst) [worst, worstCase] = [ratio, c.name];
      if (ratio > 2000) expect.fail(`${c.name}: ${ratio.toFixed(0)}× a line count`);
    }
    console.log(`redos: ${cases.length} cases of 1 MB, worst ${worst.toFixed(0)}× a line count (${worstCase})`);
  }, 120_000);
});
