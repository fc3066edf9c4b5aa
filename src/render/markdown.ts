/**
 * `--output markdown`: a postmortem report to paste unchanged into an
 * incident document. CommonMark plus GFM tables (GitHub, GitLab, Confluence
 * and most wikis read them). Every string from the log goes through `mdText`,
 * so a pod called `a|b` or `<script>` cannot break a table or inject HTML.
 */
import type { Ref, Timeline } from '../timeline/model.js';
import type { Zone } from '../time/zone.js';
import { noIncidentText } from '../timeline/explain.js';
import { duration, num, refGroups, refLabel, reportContent, type IncidentSection, type SummaryRow } from './report.js';
import { safeText } from './sanitize.js';

export interface MarkdownOptions {
  readonly zone: Zone;
  readonly version?: string;
}

/**
 * Text safe in a Markdown paragraph, list item or table cell that reads the same raw and
 * rendered (pasted into Slack, Jira or a review, an entity such as `&lt;` is noise): control
 * characters stripped, newlines flattened, and only what Markdown would act on escaped with a
 * backslash — the inline markers `\ * _ [ ] ~ | $` (`|` would end a table cell, `$` opens math
 * on GitHub), a backtick, `<` where it could open a tag or an autolink, `&` where it could form
 * an entity. `memory.available<100Mi` stays as it is. URLs and e-mail addresses from the log
 * become code spans, so no renderer turns them into links. In a table cell a leading `#` or `-`
 * is harmless; text that starts a line goes through `mdLine`.
 */
const MD_SPECIAL = /[&<`\\*[\]~|_$\r@:]|www\./i;
/** what GFM (and markdown-it's linkify) turn into links: a scheme URL, `www.`, an e-mail address */
const LINKISH = /(?:\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.)[^\s<>|`]*[^\s<>|`.,;:!?)\]'"]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;

function escapeInline(t: string): string {
  return (
    t
      .replace(/[\\`*[\]~|$]/g, '\\$&')
      // `_` inside a word (eviction_manager.go) is never emphasis; elsewhere it could be.
      .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_')
      // `<` opens HTML or an autolink only before a letter, `/`, `!` or `?`: `a<100Mi` is text.
      .replace(/<(?=[A-Za-z/!?])/g, '\\<')
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
  );
}

/** A code span around `t`, its delimiter longer than any run of backticks inside. */
export function codeSpan(t: string): string {
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') || t.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

export function mdText(s: string): string {
  const clean = safeText(s).replace(/[\r\n]/g, ' ');
  if (!MD_SPECIAL.test(clean)) return clean;
  let out = '';
  let last = 0;
  for (const m of clean.matchAll(LINKISH)) {
    out += escapeInline(clean.slice(last, m.index)) + codeSpan(m[0]);
    last = m.index + m[0].length;
  }
  return out + escapeInline(clean.slice(last));
}

/**
 * `mdText` for text that starts a line (a list item, a paragraph): a leading `#`, `-`, `+`,
 * `=`, `>` or `1.` is escaped too, so it cannot open a heading, a list or a quote.
 */
export function mdLine(s: string): string {
  return mdText(s).replace(/^(\s*)([#+=>-]|\d+(?=[.)]))/, (_m, sp: string, c: string) => (/\d/.test(c) ? `${sp}${c}\\` : `${sp}\\${c}`));
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** A fenced code block, its fence longer than any run of backticks in it; lines from the log made safe. */
function fenced(lines: readonly string[], indent = ''): string[] {
  const clean = lines.map(safeText);
  const longest = Math.max(2, ...clean.flatMap((l) => (l.match(/`+/g) ?? []).map((r) => r.length)));
  const fence = '`'.repeat(longest + 1);
  return [`${indent}${fence}`, ...clean.map((l) => `${indent}${l}`), `${indent}${fence}`];
}

/** Remediation steps as an ordered list: text, then code blocks indented into the item. */
function remedies(out: string[], steps: IncidentSection['remediation']): void {
  steps.forEach((m, k) => {
    const lead = `${k + 1}. `;
    const pad = ' '.repeat(lead.length);
    m.blocks.forEach((b, j) => {
      if (j > 0) out.push('');
      if (b.kind === 'p') {
        const text =
          j === 0 ? `**${mdText(m.title)}.** ${mdText(b.text)}${m.evidence.length ? ` (${refs(m.evidence)})` : ''}` : mdText(b.text);
        out.push(`${j === 0 ? lead : pad}${j === 0 ? text : text.replace(/^([#+=>-])/, '\\$1')}`);
      } else out.push(...fenced(b.lines, pad));
    });
  });
}

function refs(rs: readonly Ref[]): string {
  return rs.map((r) => mdText(refLabel(r))).join(', ');
}

function table(head: readonly string[], align: readonly ('l' | 'r')[], rows: ReadonlyArray<readonly string[]>): string[] {
  const out = [`| ${head.join(' | ')} |`, `|${align.map((a) => (a === 'r' ? ' ---: ' : ' --- ')).join('|')}|`];
  for (const r of rows) out.push(`| ${r.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`);
  return out;
}

function summaryCells(s: SummaryRow, bold = false): string[] {
  const b = (x: string) => (bold ? `**${x}**` : x);
  return [
    b(mdText(s.node)),
    num(s.incidents),
    s.incidents > 0 ? duration(s.durationMs) : '—',
    mdText(s.resources.join(', ')) || '—',
    num(s.evicted),
    s.rejections === s.rejectedPods ? num(s.rejectedPods) : `${num(s.rejectedPods)} (${num(s.rejections)} rejections)`,
    num(s.starts),
  ];
}

/** The report as Markdown (ends with a newline). */
export function renderMarkdown(t: Timeline, opts: MarkdownOptions): string {
  const c = reportContent(t, opts.zone);
  const out: string[] = [];
  const blank = () => out.push('');

  out.push(`# ${mdLine(c.title)}, ${mdText(c.window)}`);
  blank();
  out.push(`Times in ${mdText(c.zone)}.${c.yearInferred ? ' The year was inferred (the journal has none; set it with --year).' : ''}`);
  blank();

  if (c.answer.length > 0) {
    out.push('## Short answer');
    blank();
    for (const a of c.answer) {
      out.push(
        // (two spaces: a hard line break before the next steps)
        `- **${mdText(a.node)}**${a.named ? ` (${mdText(a.id)})` : ''}: ${mdText(a.what)}${a.facts ? `; ${mdText(a.facts)}` : ''}${a.ended ? `; ${mdText(a.ended)}` : ''}.${a.todo.length > 0 ? '  ' : ''}`,
      );
      if (a.todo.length > 0) {
        const steps = a.todo.map(
          (x, k) => `${mdText(k === 0 ? x.text : lowerFirst(x.text))}${x.code ? `: ${codeSpan(safeText(x.code))}` : ''}`,
        );
        out.push(`  **Next:** ${steps.join('; ')}.`);
      }
    }
    if (c.answerMore > 0) out.push(`- and ${num(c.answerMore)} more incident${c.answerMore === 1 ? '' : 's'} below.`);
    blank();
  }
  out.push('## Summary');
  blank();
  const summaryRows = c.summary.map((s) => summaryCells(s));
  if (c.total) summaryRows.push(summaryCells(c.total, true));
  out.push(
    ...table(
      ['Node', 'Incidents', 'Duration', 'Resources', 'Pods evicted', 'Pods rejected', 'Kubelet starts'],
      ['l', 'r', 'r', 'l', 'r', 'r', 'r'],
      summaryRows,
    ),
  );

  for (const n of c.nodes) {
    blank();
    out.push(`## Eviction thresholds on ${mdText(n.name)}`);
    blank();
    out.push(`Seen ${mdText(n.seen)}.`);
    blank();
    if (n.thresholds.length === 0) {
      out.push('Not stated in this journal (no kubelet start-up lines).');
    } else {
      out.push(
        ...table(
          ['Time', 'Source', 'Hard', 'Soft', 'Evidence'],
          ['l', 'l', 'l', 'l', 'l'],
          n.thresholds.map((r) => [mdText(r.time), mdText(r.source), mdText(r.hard), mdText(r.soft), refs([r.evidence])]),
        ),
      );
    }
    if (n.changes.length > 0) {
      blank();
      out.push('**Changes across kubelet restarts**');
      blank();
      out.push(
        ...table(
          ['Time', 'Change', 'Signal', 'From', 'To', 'Evidence'],
          ['l', 'l', 'l', 'l', 'l', 'l'],
          n.changes.map((r) => [mdText(r.time), r.change, mdText(r.signal), mdText(r.from), mdText(r.to), refs([r.evidence])]),
        ),
      );
    }
    for (const d of n.dropped) {
      blank();
      out.push(
        `> **Defaults dropped** at ${mdText(d.time)}: ${mdText(d.signals)}. Setting \`--eviction-hard\` replaces the kubelet's whole default map, so these signals are no longer protected.${d.keep ? ` To keep them: ${codeSpan(safeText(d.keep))}.` : ''} Evidence: ${refs([d.evidence])}.`,
      );
    }
    if (n.starts.length > 0) {
      blank();
      out.push(
        `**Kubelet starts:** ${n.starts.map((s) => `${mdText(s.time)}${s.count > 1 ? ` … ${mdText(s.until)} ×${num(s.count)}` : ` pid ${mdText(s.pid)}`}${s.version ? ` ${mdText(s.version)}` : ''}${s.failed ? ` (start failed: ${mdText(s.failed)})` : ''} (${refs(s.evidence)})`).join('; ')}.`,
      );
    }
    if (n.admissionFailures.length > 0) {
      blank();
      out.push(
        `**Pods not admitted, not for pressure:** ${n.admissionFailures.map((f) => `${mdText(f.pod)} ${mdText(f.reason)}${f.count > 1 ? ` ×${num(f.count)}` : ''} (${refs([f.evidence])})`).join('; ')}.`,
      );
    }
  }

  if (c.incidents.length === 0) {
    blank();
    out.push('## Incidents');
    blank();
    out.push(mdText(noIncidentText(t)));
  }
  for (const inc of c.incidents) {
    blank();
    out.push(`## Incident ${mdText(inc.id)}: ${mdText(inc.what)}`);
    blank();
    out.push(`**When:** ${mdText(inc.when)}, ${inc.ongoing ? '**still ongoing at the end of the journal**' : mdText(inc.ended)}.  `);
    out.push(`**Hard thresholds in force:** ${mdText(inc.thresholds)}.`);
    blank();
    out.push('### Timeline');
    blank();
    out.push(
      ...table(
        ['Time', 'Event', 'Count', 'Details', 'Evidence'],
        ['l', 'l', 'r', 'l', 'l'],
        inc.rows.map((r) => [mdText(r.time), mdText(r.event), num(r.count), mdText(r.details), refs([r.evidence])]),
      ),
    );
    if (inc.statements.length > 0) {
      blank();
      out.push('### What happened');
      blank();
      for (const s of inc.statements) out.push(`- ${mdLine(s.text)}${s.evidence.length ? ` (${refs(s.evidence)})` : ''}`);
    }
    if (inc.remediation.length > 0) {
      blank();
      out.push('### What to do next');
      blank();
      remedies(out, inc.remediation);
    }
    blank();
    out.push('### Evidence');
    blank();
    const groups = refGroups(inc.evidence);
    out.push(
      groups.length
        ? `Journal lines: ${groups.map((g) => `${mdText(g.input)} lines ${g.lines.join(', ')}`).join('; ')}.`
        : 'No journal lines cited.',
    );
  }

  if (c.notes.length > 0) {
    blank();
    out.push('## Notes on the evidence');
    blank();
    for (const n of c.notes) out.push(`- ${mdLine(n.text)}${n.evidence.length ? ` (${refs(n.evidence)})` : ''}`);
  }
  blank();
  out.push(`*${mdText(c.footer)} Generated by klog-eviction${opts.version ? ` ${mdText(opts.version)}` : ''}.*`);
  return `${out.join('\n')}\n`;
}
