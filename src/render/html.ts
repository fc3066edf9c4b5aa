/**
 * `--output html`: one self-contained page (inline CSS and SVG, no script, no
 * font, nothing fetched) that opens from a mail attachment or a ticket and
 * prints cleanly. The chart comes first, then the same content as the
 * Markdown report, written as HTML directly. Every string from the log is
 * escaped by `esc`, in text, attributes and SVG `<title>` alike.
 */
import type { Ref, Timeline } from '../timeline/model.js';
import type { Zone } from '../time/zone.js';
import { noIncidentText } from '../timeline/explain.js';
import { chartCounts, chartSeries, esc, RESOURCE_COLORS, renderChart } from './chart.js';
import { duration, num, refGroups, refLabel, reportContent, type IncidentSection, type ReportContent, type SummaryRow } from './report.js';

export interface HtmlOptions {
  readonly zone: Zone;
  readonly version?: string;
}

const CSS = `
:root{color-scheme:light;--fg:#1d1f21;--muted:#5f6368;--line:#d0d4d9;--bg:#fff;--band:#f6f7f9}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;padding:24px;max-width:1180px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}
.meta{color:var(--muted);margin:0 0 16px}
table{border-collapse:collapse;margin:6px 0 10px;width:100%}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:break-word}
td.d{overflow-wrap:anywhere}code{white-space:nowrap}pre code{white-space:inherit}
th{background:var(--band);font-weight:600}td.n,th.n{text-align:right;white-space:nowrap}td.t{white-space:nowrap}
tr.total td{font-weight:600}
.ref{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted)}.ref .seg{white-space:nowrap}
.answer{border:1px solid var(--line);border-left:4px solid #1a73e8;background:#f4f8fe;padding:8px 14px;margin:0 0 16px}.answer h2{border:none;margin:4px 0 6px;padding:0}
.answer ul{margin:0;padding-left:18px}.answer li{margin:4px 0}.answer .next{display:block;margin-top:2px}
ol.remedies{padding-left:22px}ol.remedies li{margin:6px 0 12px}ol.remedies p{margin:6px 0}
pre{background:var(--band);border:1px solid var(--line);border-radius:4px;padding:6px 10px;margin:6px 0;overflow-x:auto;font:12px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.sev-critical{color:#b3261e;font-weight:600}.sev-warning{color:#8a5300}
.dropped{border-left:4px solid #b3261e;background:#fdf0ef;padding:6px 10px;margin:8px 0}
.ongoing-flag{color:#b3261e;font-weight:600}
figure{margin:8px 0 16px}.chart-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:4px}
svg.chart{display:block;width:100%;height:auto;min-width:720px;font:11px system-ui,sans-serif}
svg .grid{stroke:#e3e6ea}svg .axis text{fill:var(--muted)}
svg .lane-bg{fill:#fbfbfc;stroke:#eceef1}svg .lane-label{font-weight:600;font-size:12px;fill:var(--fg)}
svg .seen{stroke:#c4c9cf;stroke-width:2}
svg .incident rect{stroke:#0003;stroke-width:.5}
svg .bar-label{font-size:11px;fill:#1d1f21;paint-order:stroke;stroke:#ffffffb0;stroke-width:3px;stroke-linejoin:round}svg .bar-label.outside{stroke:none}
svg .evicted path{fill:#b3261e;stroke:#fff;stroke-width:.6}svg .evict-count{font-size:10px;font-weight:600;fill:#b3261e}
svg .rejected{fill:#546e7a}
svg .mark-rule{stroke:#1a73e8;stroke-width:1.2;stroke-dasharray:4 3;opacity:.8}
svg .restart path{fill:#1a73e8}svg .threshold-change rect{fill:#7b1fa2}
svg .mark-label{font-size:11px;fill:var(--fg)}svg .mark-label.change{fill:#6a1b9a;font-weight:600}svg .mark-label.evicted-label{fill:#8c1d18}
svg .obs-label{fill:var(--fg);font-size:11px}svg .obs-grid{stroke:#e3e6ea}svg .obs-axis text{fill:var(--muted);font-size:10px}
svg .obs-threshold{stroke:#b3261e;stroke-dasharray:5 3}svg .obs-threshold-label{fill:#b3261e;font-size:10px}svg .obs-available{fill:none;stroke:#1a73e8;stroke-width:1.5}
svg .obs-point{fill:#1a73e8}svg .obs-point.below{fill:#b3261e}
ul.legend{list-style:none;padding:0;margin:6px 0 0;display:flex;flex-wrap:wrap;gap:4px 16px;color:var(--muted);font-size:12px}
ul.legend li{display:flex;align-items:center;gap:5px}ul.legend svg{width:18px;height:14px}
footer{color:var(--muted);font-size:12px;margin-top:28px}
@media print{
 body{padding:0;max-width:none;font-size:11px}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 .chart-wrap{overflow:visible;border:none}svg.chart{min-width:0}
 h2{break-after:avoid}tr,figure,.dropped{break-inside:avoid}
 section.incident{break-before:auto}
}
`;

const LEGEND_MARKS: Array<[string, string]> = [
  ['<path d="M9 13l-5-9h10z" fill="#b3261e"/>', 'pod evicted (×n: several at once)'],
  [
    '<rect x="2" y="6" width="3" height="8" fill="#546e7a"/><rect x="6" y="2" width="3" height="12" fill="#546e7a"/><rect x="10" y="9" width="3" height="5" fill="#546e7a"/>',
    'admissions rejected (height: how many)',
  ],
  ['<path d="M9 1l5 6l-5 6l-5-6z" fill="#1a73e8"/>', 'kubelet started'],
  ['<rect x="4" y="2" width="10" height="10" fill="#7b1fa2"/>', 'eviction thresholds changed'],
  ['<line x1="1" y1="7" x2="17" y2="7" stroke="#c4c9cf" stroke-width="2"/>', 'journal covers'],
];

const LEGEND_OBSERVATIONS: Array<[string, string]> = [
  [
    '<polyline points="1,11 6,5 11,8 17,3" fill="none" stroke="#1a73e8" stroke-width="1.5"/>',
    'available, as the kubelet observed it (--v=3)',
  ],
  ['<line x1="1" y1="7" x2="17" y2="7" stroke="#b3261e" stroke-dasharray="5 3"/>', 'hard eviction threshold'],
];

function legend(t: Timeline, observations: boolean, thresholds: boolean): string {
  const used = new Set<string>();
  for (const i of t.incidents) for (const r of i.resources.length ? i.resources : i.conditions) used.add(r);
  const resources = RESOURCE_COLORS.filter(([re]) => [...used].some((u) => re.test(u)));
  const items = [
    ...resources.map(
      ([, color, label]) => [`<rect x="1" y="3" width="16" height="8" fill="${color}"/>`, `incident: ${label}`] as [string, string],
    ),
    ...LEGEND_MARKS,
    ...(observations ? LEGEND_OBSERVATIONS.slice(0, thresholds ? 2 : 1) : []),
  ];
  return `<ul class="legend">${items.map(([svg, label]) => `<li><svg viewBox="0 0 18 14" aria-hidden="true">${svg}</svg>${esc(label)}</li>`).join('')}</ul>`;
}

/**
 * A journal reference that wraps only after a `/` of its path, never inside a file name
 * (`seed-ubuntu-k8s-3.log` has hyphens a browser would break at).
 */
function refHtml(r: Ref): string {
  const segs = refLabel(r).split(/(?<=\/)/);
  return segs.map((x) => `<span class="seg">${esc(x)}</span>`).join('<wbr>');
}
const refSpan = (rs: readonly Ref[]) => (rs.length ? `<span class="ref">${rs.map(refHtml).join(', ')}</span>` : '');

/** Remediation steps: an ordered list of paragraphs and code blocks. */
function remediesHtml(steps: IncidentSection['remediation']): string {
  const item = (m: IncidentSection['remediation'][number]) =>
    `<li>${m.blocks
      .map((b, j) =>
        b.kind === 'p'
          ? `<p>${j === 0 ? `<strong>${esc(m.title)}.</strong> ` : ''}${esc(b.text)}${j === 0 && m.evidence.length ? ` ${refSpan(m.evidence)}` : ''}</p>`
          : `<pre><code>${b.lines.map(esc).join('\n')}</code></pre>`,
      )
      .join('')}</li>`;
  return `<ol class="remedies">${steps.map(item).join('')}</ol>`;
}

/** The short answer that opens the page. */
function answerHtml(c: ReportContent): string {
  if (c.answer.length === 0) return '';
  const items = c.answer.map((a) => {
    const next = a.todo.map(
      (x, k) =>
        `${esc(k === 0 ? x.text : x.text.charAt(0).toLowerCase() + x.text.slice(1))}${x.code ? `: <code>${esc(x.code)}</code>` : ''}`,
    );
    return `<li><strong>${esc(a.node)}</strong>${a.named ? ` (${esc(a.id)})` : ''}: ${esc(a.what)}${a.facts ? `; ${esc(a.facts)}` : ''}${a.ended ? `; ${esc(a.ended)}` : ''}.${next.length ? `<span class="next"><strong>Next:</strong> ${next.join('; ')}.</span>` : ''}</li>`;
  });
  const more = c.answerMore > 0 ? `<li>and ${num(c.answerMore)} more incident${c.answerMore === 1 ? '' : 's'} below.</li>` : '';
  return `<section class="answer"><h2>Short answer</h2><ul>${items.join('')}${more}</ul></section>`;
}

function tableHtml(head: ReadonlyArray<[string, string?]>, rows: ReadonlyArray<ReadonlyArray<[string, string?]>>, cls = ''): string {
  const cell = (tag: string, [html, c]: [string, string?]) => `<${tag}${c ? ` class="${c}"` : ''}>${html}</${tag}>`;
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => cell('th', h)).join('')}</tr></thead><tbody>\n${rows
    .map((r) => `<tr>${r.map((c) => cell('td', c)).join('')}</tr>`)
    .join('\n')}\n</tbody></table>`;
}

function summaryRow(s: SummaryRow): Array<[string, string?]> {
  return [
    [esc(s.node)],
    [num(s.incidents), 'n'],
    [s.incidents > 0 ? duration(s.durationMs) : '—', 'n'],
    [esc(s.resources.join(', ')) || '—'],
    [num(s.evicted), 'n'],
    [s.rejections === s.rejectedPods ? num(s.rejectedPods) : `${num(s.rejectedPods)} (${num(s.rejections)} rejections)`, 'n'],
    [num(s.starts), 'n'],
  ];
}

/** The report as one HTML document. */
export function renderHtml(t: Timeline, opts: HtmlOptions): string {
  const c = reportContent(t, opts.zone);
  const counts = chartCounts(t);
  const o: string[] = [];
  o.push(
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // No network, ever: nothing in the page may load anything (CSP as a second fence behind the escaping).
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="klog-eviction${opts.version ? ` ${esc(opts.version)}` : ''}">`,
    `<title>${esc(c.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${esc(c.title)}</h1>`,
    `<p class="meta">${esc(c.window)} · times in ${esc(c.zone)}${c.yearInferred ? ' · year inferred, the journal has none' : ''}</p>`,
    '</header>',
  );
  o.push(answerHtml(c));

  const chart = renderChart(t, opts.zone);
  if (chart) {
    o.push(
      `<figure class="timeline" data-incidents="${counts.incidents}" data-evictions="${counts.evictions}" data-rejections="${counts.rejections}" data-starts="${counts.starts}" data-threshold-changes="${counts.thresholdChanges}">`,
      `<div class="chart-wrap">${chart}</div>`,
      `<figcaption>${legend(
        t,
        counts.observationSeries > 0,
        t.nodes.some((n) => chartSeries(n).some((x) => x.threshold !== undefined)),
      )}</figcaption>`,
      '</figure>',
    );
  }

  o.push('<section class="summary"><h2>Summary</h2>');
  const rows = c.summary.map(summaryRow);
  const total = c.total
    ? `<tr class="total">${summaryRow(c.total)
        .map(([h, cl]) => `<td${cl ? ` class="${cl}"` : ''}>${h}</td>`)
        .join('')}</tr>`
    : '';
  o.push(
    tableHtml(
      [
        ['Node'],
        ['Incidents', 'n'],
        ['Duration', 'n'],
        ['Resources'],
        ['Pods evicted', 'n'],
        ['Pods rejected', 'n'],
        ['Kubelet starts', 'n'],
      ],
      rows,
    ).replace('\n</tbody>', `${total ? `\n${total}` : ''}\n</tbody>`),
    '</section>',
  );

  for (const n of c.nodes) {
    o.push(`<section class="node"><h2>Eviction thresholds on ${esc(n.name)}</h2>`, `<p>Seen ${esc(n.seen)}.</p>`);
    if (n.thresholds.length === 0) o.push('<p>Not stated in this journal (no kubelet start-up lines).</p>');
    else
      o.push(
        tableHtml(
          [['Time'], ['Source'], ['Hard'], ['Soft'], ['Evidence']],
          n.thresholds.map((r) => [[esc(r.time), 't'], [esc(r.source)], [esc(r.hard)], [esc(r.soft)], [refSpan([r.evidence])]]),
          'thresholds',
        ),
      );
    if (n.changes.length > 0) {
      o.push(
        '<h3>Changes across kubelet restarts</h3>',
        tableHtml(
          [['Time'], ['Change'], ['Signal'], ['From'], ['To'], ['Evidence']],
          n.changes.map((r) => [[esc(r.time), 't'], [r.change], [esc(r.signal)], [esc(r.from)], [esc(r.to)], [refSpan([r.evidence])]]),
          'changes',
        ),
      );
    }
    for (const d of n.dropped) {
      o.push(
        `<p class="dropped"><strong>Defaults dropped</strong> at ${esc(d.time)}: ${esc(d.signals)}. Setting <code>--eviction-hard</code> replaces the kubelet's whole default map, so these signals are no longer protected.${d.keep ? ` To keep them: <code>${esc(d.keep)}</code>.` : ''} Evidence: ${refSpan([d.evidence])}.</p>`,
      );
    }
    if (n.starts.length > 0) {
      o.push(
        `<p><strong>Kubelet starts:</strong> ${n.starts.map((s) => `${esc(s.time)}${s.count > 1 ? ` … ${esc(s.until)} ×${num(s.count)}` : ` pid ${esc(s.pid)}`}${s.version ? ` ${esc(s.version)}` : ''}${s.failed ? ` (start failed: ${esc(s.failed)})` : ''} ${refSpan(s.evidence)}`).join('; ')}.</p>`,
      );
    }
    if (n.admissionFailures.length > 0) {
      o.push(
        `<p><strong>Pods not admitted, not for pressure:</strong> ${n.admissionFailures.map((f) => `${esc(f.pod)} ${esc(f.reason)}${f.count > 1 ? ` ×${num(f.count)}` : ''} ${refSpan([f.evidence])}`).join('; ')}.</p>`,
      );
    }
    o.push('</section>');
  }

  if (c.incidents.length === 0) o.push(`<section><h2>Incidents</h2><p>${esc(noIncidentText(t))}</p></section>`);
  for (const inc of c.incidents) {
    o.push(
      `<section class="incident" id="${esc(`incident-${inc.id}`)}">`,
      `<h2>Incident ${esc(inc.id)}: ${esc(inc.what)}</h2>`,
      `<p><strong>When:</strong> ${esc(inc.when)}, ${inc.ongoing ? '<span class="ongoing-flag">still ongoing at the end of the journal</span>' : esc(inc.ended)}.<br><strong>Hard thresholds in force:</strong> ${esc(inc.thresholds)}.</p>`,
      '<h3>Timeline</h3>',
      tableHtml(
        [['Time'], ['Event'], ['Count', 'n'], ['Details'], ['Evidence']],
        inc.rows.map((r) => [
          [esc(r.time), 't'],
          [esc(r.event), `sev-${r.severity}`],
          [num(r.count), 'n'],
          [esc(r.details), 'd'],
          [refSpan([r.evidence])],
        ]),
        'steps',
      ),
    );
    if (inc.statements.length > 0) {
      o.push(
        '<h3>What happened</h3>',
        `<ul class="statements">${inc.statements.map((s) => `<li>${esc(s.text)} ${refSpan(s.evidence)}</li>`).join('')}</ul>`,
      );
    }
    if (inc.remediation.length > 0) o.push('<h3>What to do next</h3>', remediesHtml(inc.remediation));
    const groups = refGroups(inc.evidence);
    o.push(
      '<h3>Evidence</h3>',
      `<p class="evidence">${groups.length ? groups.map((g) => `${esc(g.input)} lines <span class="ref">${g.lines.join(', ')}</span>`).join('; ') : 'none'}</p>`,
      '</section>',
    );
  }

  if (c.notes.length > 0) {
    o.push(
      '<section class="notes"><h2>Notes on the evidence</h2><ul>',
      ...c.notes.map((n) => `<li>${esc(n.text)} ${refSpan(n.evidence)}</li>`),
      '</ul></section>',
    );
  }
  o.push(
    `<footer>${esc(c.footer)} Generated by klog-eviction${opts.version ? ` ${esc(opts.version)}` : ''}.</footer>`,
    '</body>',
    '</html>',
  );
  return `${o.join('\n')}\n`;
}
