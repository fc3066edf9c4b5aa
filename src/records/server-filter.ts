/**
 * The server-side filter that cuts a log store's transfer to the lines this tool reads,
 * derived from the rule table (never written by hand): every printf rule's anchor, every
 * word the classifier watches, and every structured message (`RULE_NEEDLES`,
 * `MSG_KEYS`), lower-cased, without those that contain another. A line the classifier can
 * recognise holds one of them in some letter case. docs/log-stores.md shows the filters made
 * of them (scripts/stores/filter-doc.mjs writes them there; test/log-stores-doc.test.ts checks
 * the page against this and every catalog example against the filters).
 */
import { MSG_KEYS, RULE_NEEDLES } from '../classify/classify.js';
import { withoutHolders } from '../classify/needle-scan.js';
import { KUBELET_UNIT } from '../classify/rules.js';

/**
 * The substrings, sorted, made safe for every store's quoting: trimmed of spaces and of
 * regex-special characters at their ends, and with those inside turned into `.` (any
 * character): `must evict pod.s.` still finds `must evict pod(s)`, and the pattern needs no
 * backslash (LogQL backticks, gcloud's double quotes, KQL's @"", a shell's single quotes).
 */
export const FILTER_TERMS: readonly string[] = (() => {
  const special = /[.*+?^${}()|[\]\\/"'`]/g;
  const all = [
    ...new Set(
      [...RULE_NEEDLES, ...MSG_KEYS].map((n) =>
        n
          .toLowerCase()
          .replace(special, '.')
          .replace(/^[\s.]+|[\s.]+$/g, ''),
      ),
    ),
  ].filter((n) => n !== '');
  return withoutHolders(all).sort();
})();

/** One RE2 pattern (LogQL `|~`, Cloud Logging `=~`, KQL `matches regex`), case-insensitive. */
export const FILTER_REGEX: string = `(?i)${FILTER_TERMS.join('|')}`;

/**
 * systemd's own lines about the kubelet (started, stopped, exited; journald's "Suppressed N
 * messages from kubelet.service") come from other units (`init.scope`, `systemd-journald.service`)
 * and are recognised by the unit they name (`KUBELET_UNIT`): this pattern, on those units.
 */
export const SYSTEMD_UNITS: readonly string[] = ['init.scope', 'systemd-journald.service'];
export const SYSTEMD_REGEX: string = `(?i)${KUBELET_UNIT.source.replace(/\\b/g, '')}`;

/**
 * Elasticsearch and OpenSearch match words of the analysed text, not substrings: the words of
 * the terms, as the standard analyzer cuts them (approximated: runs of letters, digits and `_`,
 * kept whole across `.`, `'` and `:` between letters), without the words every line has.
 */
export const FILTER_WORDS: readonly string[] = (() => {
  const common = new Set([
    'a',
    'an',
    'and',
    'are',
    'as',
    'at',
    'be',
    'been',
    'but',
    'by',
    'for',
    'from',
    'has',
    'in',
    'is',
    'it',
    'no',
    'not',
    'of',
    'on',
    'or',
    's',
    'the',
    'to',
    'v',
    'was',
    'will',
    'with',
  ]);
  const words = new Set<string>();
  for (const t of [...RULE_NEEDLES, ...MSG_KEYS]) for (const w of analyzedWords(t)) if (!common.has(w)) words.add(w);
  return [...words].sort();
})();

/** The standard analyzer's words of a text, approximately (see FILTER_WORDS). */
export function analyzedWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}_]+(?:[.':][\p{L}\p{N}_]+)*/gu) ?? []).filter((w) => w.length > 0);
}

/**
 * The filters as docs/log-stores.md shows them, by name (the page's `<!-- filter:NAME -->`
 * blocks; scripts/stores/filter-doc.mjs writes them, test/log-stores-doc.test.ts checks them).
 */
export function filterBlocks(): Record<string, string> {
  const fence = (lang: string, body: string) => `\`\`\`${lang}\n${body}\n\`\`\``;
  const range = { range: { '@timestamp': { gte: '2024-10-16T09:00:00Z', lt: '2024-10-16T11:00:00Z' } } };
  const esQuery = {
    query: {
      bool: {
        filter: [range],
        should: [
          {
            bool: {
              filter: [{ term: { '_SYSTEMD_UNIT.keyword': 'kubelet.service' } }],
              must: [{ match: { MESSAGE: { query: FILTER_WORDS.join(' '), operator: 'or' } } }],
            },
          },
          { terms: { '_SYSTEMD_UNIT.keyword': SYSTEMD_UNITS } },
        ],
        minimum_should_match: 1,
      },
    },
    sort: [{ '@timestamp': 'asc' }],
  };
  return {
    logql: fence(
      'logql',
      [`{unit="kubelet.service"} |~ \`${FILTER_REGEX}\``, `{unit=~"${SYSTEMD_UNITS.join('|')}"} |~ \`${SYSTEMD_REGEX}\``].join('\n'),
    ),
    gcloud: fence(
      'sh',
      [
        `gcloud logging read 'resource.type="k8s_node" AND log_id("kubelet")`,
        `  AND timestamp>="2024-10-16T09:00:00Z" AND timestamp<"2024-10-16T11:00:00Z"`,
        `  AND jsonPayload.MESSAGE=~"${FILTER_REGEX}"' \\`,
        `  --order=asc --format=json > kubelet.json`,
      ].join('\n'),
    ),
    kql: fence(
      'kusto',
      [
        'Syslog',
        '| where TimeGenerated between (datetime(2024-10-16T09:00:00Z) .. datetime(2024-10-16T11:00:00Z))',
        `| where (ProcessName == "kubelet" and SyslogMessage matches regex @"${FILTER_REGEX}")`,
        `    or (ProcessName in ("systemd", "systemd-journald") and SyslogMessage matches regex @"${SYSTEMD_REGEX}")`,
        '| sort by TimeGenerated asc',
      ].join('\n'),
    ),
    elasticsearch: fence('json', JSON.stringify(esQuery, null, 2)),
  };
}
