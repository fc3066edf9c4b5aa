/**
 * docs/kubelet-messages.md and src/classify/rules.ts are kept in step:
 *  - every rule id of RULES has a `### <ID> — <title>` section, and every section is a rule id;
 *  - every line of the ```text blocks of a section is read, the way the analyzer reads it
 *    (journal envelope, klog header or JSON format, classifier), by a rule with THAT id, and
 *    the analyzer makes the rule's event of it (or none, for `known` rules);
 *  - every entry of RULES is shown by at least one example line,
 * so a new wording is one entry in RULES plus one example line on the page.
 */
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../src/analyze/pipeline.js';
import { classify, classifySystemd, type Classified } from '../src/classify/classify.js';
import { KUBELET_UNIT, RULES, type Rule } from '../src/classify/rules.js';
import { decodeJournalLine } from '../src/journal/decode.js';
import { decodeKlog } from '../src/klog/decode.js';
import type { KubeletEvent } from '../src/model/events.js';
import { opts, read } from './helpers.js';

const DOC = 'docs/kubelet-messages.md';

/** One journal entry shown on the page: one line, or the lines of a klog block (`key=<` … ` >`). */
interface Entry {
  /** 1-based line numbers on the page */
  readonly at: number[];
  readonly lines: string[];
}

interface Section {
  readonly id: string;
  readonly title: string;
  readonly at: number;
  readonly entries: Entry[];
}

const FAMILY = /^### (\S+) — (\S.*)$/;
const FENCE = /^```(\S*)\s*$/;

/** The family sections of the page and where ```text blocks stand outside them. */
function parse(md: string): { sections: Section[]; stray: number[]; blank: number[] } {
  const sections: Section[] = [];
  const stray: number[] = [];
  const blank: number[] = [];
  let section: Section | undefined;
  let fence: { lang: string; lines: Array<[number, string]> } | undefined;
  md.split('\n').forEach((line, i) => {
    const n = i + 1;
    if (fence) {
      if (!/^```\s*$/.test(line)) {
        fence.lines.push([n, line]);
        return;
      }
      if (fence.lang === 'text') {
        if (section) section.entries.push(...entriesOf(fence.lines, blank));
        else stray.push(n);
      }
      fence = undefined;
      return;
    }
    const f = FENCE.exec(line);
    if (f) {
      fence = { lang: f[1]!, lines: [] };
      return;
    }
    // A heading of level 1–3 ends a family section; `### <ID> — <title>` opens one.
    if (/^#{1,3} /.test(line)) {
      const m = FAMILY.exec(line);
      section = m ? { id: m[1]!, title: m[2]!, at: n, entries: [] } : undefined;
      if (section) sections.push(section);
    }
  });
  return { sections, stray, blank };
}

/** The journal message of a line (the line itself when it has no journal envelope). */
function messageOf(line: string): string {
  const j = decodeJournalLine(line);
  return j.type === 'entry' ? j.message : line;
}

/** Group the lines of a block into entries: a klog multi-line value runs from `key=<` to ` >`. */
function entriesOf(lines: Array<[number, string]>, blank: number[]): Entry[] {
  const out: Entry[] = [];
  let open: Entry | undefined;
  for (const [n, line] of lines) {
    if (line.trim() === '') {
      blank.push(n);
      continue;
    }
    if (open) {
      open.at.push(n);
      open.lines.push(line);
      if (messageOf(line).trim() === '>') open = undefined;
      continue;
    }
    const e: Entry = { at: [n], lines: [line] };
    out.push(e);
    if (messageOf(line).endsWith('=<')) open = e;
  }
  return out;
}

/** What the analyzer makes of some lines on their own: its events and unrecognised count. */
function analyze(lines: string[]): { events: KubeletEvent[]; unrecognized: number } {
  const events: KubeletEvent[] = [];
  const t = analyzeText([{ name: DOC, text: lines.join('\n') + '\n' }], { ...opts(), onEvent: (e) => events.push(e) });
  return { events, unrecognized: t.counters.unrecognized };
}

interface Reading {
  readonly where: string;
  /** a complete journal or klog line (envelope, klog header or JSON-format object) */
  readonly complete: boolean;
  readonly classified: Classified | undefined;
  readonly events: KubeletEvent[];
  readonly unrecognized: number;
}

/**
 * Read an entry as the analyzer does: decodeJournalLine, then systemd's own lines through
 * classifySystemd and the kubelet's through decodeKlog and classify. A klog block is joined
 * first, as the analyzer joins it (the messages of its lines, by newlines); that the
 * analyzer really reads it so is what `events` shows.
 */
function readEntry(s: Section, e: Entry): Reading {
  const where = `${DOC}:${e.at[0]} (### ${s.id})`;
  const j = decodeJournalLine(e.lines[0]!);
  if (j.type !== 'entry') return { where, complete: false, classified: undefined, events: [], unrecognized: 0 };
  const message = e.lines.length === 1 ? j.message : e.lines.map(messageOf).join('\n');
  let complete: boolean;
  let classified: Classified | undefined;
  if (j.ident === 'systemd' || j.ident === 'systemd-journald' || j.ident === 'init.scope') {
    complete = j.format !== 'bare';
    classified = KUBELET_UNIT.test(message) ? classifySystemd(message) : undefined;
  } else {
    const rec = decodeKlog(message);
    complete = j.format !== 'bare' || rec.header === 'klog' || rec.header === 'json';
    classified = classify(rec);
  }
  return { where, complete, classified, ...analyze(e.lines) };
}

const md = read(DOC);
const { sections, stray, blank } = parse(md);
const readings = sections.map((s) => ({ s, r: s.entries.map((e) => readEntry(s, e)) }));
const ruleIds = [...new Set(RULES.map((r) => r.id))];
const describeRule = (r: Rule) => `${r.id} ${r.kind} ${r.msg ? JSON.stringify(r.msg[0]) : String(r.re)}`;

describe(`${DOC} is the catalog of RULES`, () => {
  it('has a section for every rule id, and no section that is not one', () => {
    const ids = sections.map((s) => s.id);
    expect(ids.length).toBeGreaterThan(50);
    expect(ruleIds.filter((id) => !ids.includes(id))).toEqual([]);
    expect(ids.filter((id) => !ruleIds.includes(id))).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('keeps its example blocks inside family sections, one line per example', () => {
    expect(stray.map((n) => `${DOC}:${n}`)).toEqual([]);
    expect(blank.map((n) => `${DOC}:${n}`)).toEqual([]);
    expect(sections.filter((s) => s.entries.length === 0).map((s) => s.id)).toEqual([]);
  });

  describe.each(readings.map(({ s, r }) => [`${s.id} — ${s.title}`, s, r] as const))('%s', (_name, s, r) => {
    it('every example is a complete line recognised by a rule of this family', () => {
      for (const x of r) {
        expect([x.where, x.complete]).toEqual([x.where, true]);
        expect([x.where, x.classified?.rule.id]).toEqual([x.where, s.id]);
      }
    });

    it("the analyzer makes each example the rule's event, and counts none unrecognised", () => {
      for (const x of r) {
        const kind = x.classified?.rule.kind;
        const kinds = x.events.map((e) => e.kind).filter((k) => k !== 'kubelet-start' || kind === 'kubelet-start');
        expect([x.where, x.unrecognized]).toEqual([x.where, 0]);
        if (kind === 'known') expect([x.where, kinds]).toEqual([x.where, []]);
        else expect([x.where, kinds]).toEqual([x.where, expect.arrayContaining([kind])]);
      }
    });
  });

  it('shows every entry of RULES by at least one example', () => {
    const hit = new Set(readings.flatMap(({ r }) => r.map((x) => x.classified?.rule)));
    expect(RULES.filter((rule) => !hit.has(rule)).map(describeRule)).toEqual([]);
  });
});
