/**
 * Where the records are in a whole-document export (one JSON document, often pretty-printed
 * over many lines, not one record per line): one table, as `shapes.ts` is for the records
 * themselves. `src/source/json-document.ts` streams the records out of the document with it.
 */

/** A path from the top of a document: object keys, and `*` for every index of an array. */
export type Pattern = readonly string[];

export interface DocumentShape {
  readonly name: string;
  readonly title: string;
  /** the path of each record */
  readonly records: Pattern;
  /**
   * A member of the object that holds the records' array which every record needs (Loki's
   * `stream` labels, Log Analytics' `columns`), and how it joins a record. It comes before
   * the records in the producers' output; records that come first wait for it.
   */
  readonly context?: { readonly key: string; readonly join: (context: unknown, record: unknown) => unknown };
}

export const DOCUMENTS: readonly DocumentShape[] = [
  {
    name: 'array',
    title: 'a JSON array of records (gcloud logging read --format=json, az monitor log-analytics query, jq -s)',
    records: ['*'],
  },
  {
    name: 'loki-api',
    title: 'Loki query_range response: data.result[].values[] with each stream labels',
    records: ['data', 'result', '*', 'values', '*'],
    // one record per value, in the form the shape table reads (`loki-api`)
    context: { key: 'stream', join: (stream, value) => ({ stream: stream ?? {}, value }) },
  },
  {
    name: 'elasticsearch',
    title: 'Elasticsearch / OpenSearch search response or scroll page: hits.hits[]',
    records: ['hits', 'hits', '*'],
  },
  {
    name: 'elasticsearch-msearch',
    title: 'Elasticsearch / OpenSearch multi-search response: responses[].hits.hits[]',
    records: ['responses', '*', 'hits', 'hits', '*'],
  },
  {
    name: 'cloudwatch',
    title: 'aws logs filter-log-events / get-log-events output: events[]',
    records: ['events', '*'],
  },
  {
    name: 'azure-rest',
    title: 'Log Analytics REST query response: tables[].rows[] named by tables[].columns',
    records: ['tables', '*', 'rows', '*'],
    context: {
      key: 'columns',
      join: (columns, row) => {
        if (!Array.isArray(columns) || !Array.isArray(row)) return row;
        const o: Record<string, unknown> = {};
        columns.forEach((c: unknown, i) => {
          const name = typeof c === 'object' && c !== null ? (c as { name?: unknown }).name : c;
          if (typeof name === 'string') o[name] = row[i];
        });
        return o;
      },
    },
  },
];

/** Does a path (keys and indexes) match a pattern? */
export function matches(pattern: Pattern, path: ReadonlyArray<string | number>): boolean {
  if (pattern.length !== path.length) return false;
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const s = path[i]!;
    if (p === '*' ? typeof s !== 'number' : p !== s) return false;
  }
  return true;
}

/**
 * Is this object (the first line of an input, whole) a wrapper of records rather than one
 * record? True when it holds one of the tables' record arrays (`hits.hits`, `events`, ...).
 */
export function isWrapper(o: unknown): boolean {
  return DOCUMENTS.some((d) => {
    let v = o;
    for (const k of d.records) {
      if (k === '*') return Array.isArray(v);
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
      v = (v as Record<string, unknown>)[k];
    }
    return false;
  });
}
