/**
 * The record shapes of the log stores and shippers that keep kubelet journals, in one table:
 * for each, how a record is recognised and where its message, host, time, unit, syslog
 * identifier and PID are. `decode.ts` reads a record with it; adding a store is one entry.
 * The shapes and their sources: docs/log-stores.md.
 *
 * A shape's `message` may hold another record: an object (an Elasticsearch hit's `_source`,
 * gcloud's `jsonPayload`) or a JSON string (the whole journal entry as Loki's line with promtail
 * `json: true` / Alloy `format_as_json`; CloudWatch's `message`; Fluentd's out_file record). That
 * inner record is read again with this table, and what it lacks (Loki's labels name the host,
 * the store's time) is taken from the outer one.
 *
 * Text framings are shapes too: logcli's default output `<RFC3339> {labels} line` and Fluentd's
 * out_file `time<TAB>tag<TAB>{json}` are cut into the same object their JSON form has
 * (`{timestamp, labels, line}`, `{time, tag, record}`), which the table then reads.
 */

/** A dotted path into a record (`resource.labels.node_name`); a key holding dots also matches. */
export type Path = string;

export type ShapeName =
  | 'journal'
  | 'loki-api'
  | 'logcli'
  | 'elasticsearch'
  | 'filebeat'
  | 'journal-fields'
  | 'vector'
  | 'fluentd'
  | 'gcloud'
  | 'cloudwatch'
  | 'azure'
  | 'generic';

/** Where a shape keeps each field: candidate paths, the first present wins. */
export interface FieldPaths {
  readonly message: readonly Path[];
  readonly host: readonly Path[];
  readonly time: readonly Path[];
  readonly unit: readonly Path[];
  readonly ident: readonly Path[];
  readonly pid: readonly Path[];
}

/** A table entry (`SHAPE_TABLE[name]`). */
export interface ShapeInfo extends FieldPaths {
  /** the store or shipper, as the docs and notes name it */
  readonly title: string;
  /** is this object a record of this shape? (tried in table order; `--from` skips it) */
  readonly recognise: (o: Obj) => boolean;
  /** the store returns the newest entries first by default: how to export forwards */
  readonly forwards?: string;
  /** the host is a log stream name such as `ip-10-0-1-23.….compute.internal-dataplane.systemd.kubelet.service` */
  readonly hostFromStream?: boolean;
}

export interface Shape extends ShapeInfo {
  readonly name: ShapeName;
}

export type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: Obj, k: string) => o[k] !== undefined;
const str = (o: Obj, k: string) => typeof o[k] === 'string';

/** The value at a dotted path (`a.b.c`), also when a key holds the dots (`"host.hostname"`). */
export function at(o: unknown, path: Path): unknown {
  if (Array.isArray(o)) {
    const dot = path.indexOf('.');
    const i = Number(dot === -1 ? path : path.slice(0, dot));
    if (!Number.isInteger(i)) return undefined;
    return dot === -1 ? o[i] : at(o[i], path.slice(dot + 1));
  }
  if (!isObj(o)) return undefined;
  if (path in o) return o[path];
  const cuts = cutsOf(path);
  for (let k = 0; k < cuts.length; k += 2) {
    const head = cuts[k]!;
    if (head in o) {
      const v = at(o[head], cuts[k + 1]!);
      if (v !== undefined) return v;
    }
  }
  return undefined;
}

/** A path cut at each of its dots, head and rest in turn (`a.b.c` → `a`, `b.c`, `a.b`, `c`); the table's paths are few, and are cut once. */
const CUTS = new Map<Path, readonly string[]>();
function cutsOf(path: Path): readonly string[] {
  let cuts = CUTS.get(path);
  if (cuts === undefined) {
    const out: string[] = [];
    for (let dot = path.indexOf('.'); dot !== -1; dot = path.indexOf('.', dot + 1)) out.push(path.slice(0, dot), path.slice(dot + 1));
    cuts = out;
    // (a user's `--field` paths and the keys of records are not cached without bound)
    if (CUTS.size < 4096) CUTS.set(path, cuts);
  }
  return cuts;
}

/** Loki labels that name the node, the unit, the identifier (relabelled from `__journal_*`: no single convention). */
const LOKI_HOST = ['host', 'hostname', 'nodename', 'node_name', 'node', 'instance', '__journal__hostname'];
const LOKI_UNIT = ['unit', 'systemd_unit', '__journal__systemd_unit', 'service_name'];
const LOKI_IDENT = ['syslog_identifier', '__journal_syslog_identifier'];
const labels = (prefix: string, keys: readonly string[]) => keys.map((k) => `${prefix}.${k}`);

/** The journal's own field names, as `journalctl -o json` prints them. */
const JOURNAL_HOST = ['_HOSTNAME'];
const JOURNAL_UNIT = ['_SYSTEMD_UNIT', 'UNIT'];
const JOURNAL_IDENT = ['SYSLOG_IDENTIFIER', '_COMM'];
const JOURNAL_PID = ['_PID', 'SYSLOG_PID'];
/** Journal fields with one leading `_` stripped and/or lower-cased (Fluent Bit, fluent-plugin-systemd), and Container Insights' renames. */
const STRIPPED_HOST = ['HOSTNAME', 'hostname', '_hostname'];
const STRIPPED_UNIT = ['SYSTEMD_UNIT', 'systemd_unit', '_systemd_unit', 'unit'];
const STRIPPED_IDENT = ['SYSLOG_IDENTIFIER', 'syslog_identifier', 'COMM', 'comm', '_comm'];
const STRIPPED_PID = ['PID', 'pid', '_pid', 'SYSLOG_PID', 'syslog_pid'];
/** The record time a shipper adds (Fluent Bit's es output `@timestamp`, its `date`, Fluentd `<inject>`'s `time`). */
const SHIPPER_TIME = ['@timestamp', 'timestamp', 'date', 'time'];

const NONE: readonly Path[] = [];

/**
 * The table, in the order records are tested: envelopes first (their inner record is read
 * again), then the journal-like shapes from the most specific keys to the least.
 */
export const SHAPE_TABLE: Readonly<Record<ShapeName, ShapeInfo>> = {
  elasticsearch: {
    title: 'Elasticsearch / OpenSearch search hit (search response, scroll page, elasticdump line)',
    recognise: (o) => isObj(o['_source']) && (has(o, '_index') || has(o, '_id')),
    message: ['_source'],
    host: NONE,
    time: ['fields.@timestamp.0'],
    unit: NONE,
    ident: NONE,
    pid: NONE,
  },
  'loki-api': {
    title: 'Loki HTTP query_range (one `values` entry with its stream labels)',
    // json-document.ts streams `data.result[].values[]` as `{stream, value}`
    recognise: (o) => Array.isArray(o['value']) && isObj(o['stream']),
    message: ['value.1'],
    host: [...labels('stream', LOKI_HOST), ...labels('value.2.structuredMetadata', LOKI_HOST)],
    time: ['value.0'],
    unit: labels('stream', LOKI_UNIT),
    ident: labels('stream', LOKI_IDENT),
    pid: NONE,
    forwards: 'query_range with direction=forward',
  },
  logcli: {
    title: 'Loki logcli query (--output=jsonl, and the default `<time> {labels} line` output)',
    recognise: (o) =>
      str(o, 'line') && has(o, 'timestamp') && Object.keys(o).every((k) => k === 'line' || k === 'timestamp' || k === 'labels'),
    message: ['line'],
    host: labels('labels', LOKI_HOST),
    time: ['timestamp'],
    unit: labels('labels', LOKI_UNIT),
    ident: labels('labels', LOKI_IDENT),
    pid: NONE,
    forwards: 'logcli query --forward --limit=0',
  },
  gcloud: {
    title: 'Google Cloud Logging entry (gcloud logging read --format=json)',
    recognise: (o) => str(o, 'logName') && (has(o, 'jsonPayload') || has(o, 'textPayload') || isObj(o['resource'])),
    message: ['jsonPayload', 'textPayload'],
    host: ['resource.labels.node_name', 'labels.compute.googleapis.com/resource_name', 'resource.labels.instance_id'],
    time: ['timestamp', 'receiveTimestamp'],
    unit: NONE,
    ident: NONE,
    pid: NONE,
    forwards: 'gcloud logging read --order=asc (with the time range in the filter)',
  },
  cloudwatch: {
    title: 'AWS CloudWatch Logs event (aws logs filter-log-events / get-log-events)',
    recognise: (o) =>
      str(o, 'message') && typeof o['timestamp'] === 'number' && (has(o, 'ingestionTime') || has(o, 'eventId') || has(o, 'logStreamName')),
    message: ['message'],
    host: ['logStreamName'],
    time: ['timestamp'],
    unit: NONE,
    ident: NONE,
    pid: NONE,
    hostFromStream: true,
    forwards: 'aws logs get-log-events --start-from-head',
  },
  azure: {
    title: 'Azure Monitor Log Analytics Syslog row (az monitor log-analytics query -o json)',
    recognise: (o) => has(o, 'SyslogMessage'),
    message: ['SyslogMessage'],
    host: ['Computer', 'HostName'],
    time: ['TimeGenerated', 'TimeGenerated [UTC]', 'EventTime'],
    unit: NONE,
    ident: ['ProcessName'],
    pid: ['ProcessID'],
  },
  vector: {
    title: 'Vector journald source (file or NDJSON sink)',
    recognise: (o) => o['source_type'] === 'journald' || (str(o, 'message') && str(o, '__REALTIME_TIMESTAMP') && !has(o, 'MESSAGE')),
    message: ['message'],
    host: ['host', '_HOSTNAME'],
    time: ['__REALTIME_TIMESTAMP', 'timestamp', '_SOURCE_REALTIME_TIMESTAMP'],
    unit: JOURNAL_UNIT,
    ident: JOURNAL_IDENT,
    pid: JOURNAL_PID,
  },
  fluentd: {
    title: 'Fluentd out_file line (`time<TAB>tag<TAB>{record}`)',
    // text.ts cuts the line into `{time, tag, record}`
    recognise: (o) => isObj(o['record']) && str(o, 'tag') && has(o, 'time') && Object.keys(o).length === 3,
    message: ['record'],
    host: NONE,
    time: ['time'],
    unit: NONE,
    ident: NONE,
    pid: NONE,
  },
  journal: {
    title: 'journal fields as journald names them (journalctl -o json; Fluent Bit and Fluentd with raw keys; GKE jsonPayload)',
    // a trusted field (leading `_`) or the journal's own time: with Strip_Underscores alone, `SYSLOG_IDENTIFIER` stays as is
    recognise: (o) =>
      has(o, 'MESSAGE') &&
      (has(o, '__REALTIME_TIMESTAMP') ||
        has(o, '_HOSTNAME') ||
        has(o, '_PID') ||
        has(o, '_SYSTEMD_UNIT') ||
        has(o, '_BOOT_ID') ||
        has(o, '_TRANSPORT')),
    message: ['MESSAGE'],
    host: JOURNAL_HOST,
    time: ['__REALTIME_TIMESTAMP', '_SOURCE_REALTIME_TIMESTAMP', ...SHIPPER_TIME],
    unit: JOURNAL_UNIT,
    ident: JOURNAL_IDENT,
    pid: JOURNAL_PID,
  },
  filebeat: {
    title: 'Filebeat / Elastic Agent journald input (ECS fields)',
    recognise: (o) =>
      str(o, 'message') &&
      (at(o, 'host.hostname') !== undefined ||
        at(o, 'systemd.unit') !== undefined ||
        at(o, 'journald.pid') !== undefined ||
        at(o, 'syslog.identifier') !== undefined),
    message: ['message'],
    host: ['host.hostname', 'host.name'],
    time: ['@timestamp'],
    unit: ['systemd.unit', 'journald.unit'],
    ident: ['syslog.identifier', 'process.name', 'journald.process.name'],
    pid: ['process.pid', 'journald.pid', 'syslog.pid'],
  },
  'journal-fields': {
    title:
      'journal fields with the leading underscore stripped and/or lower-cased (Fluent Bit Strip_Underscores/Lowercase, fluent-plugin-systemd, Container Insights)',
    recognise: (o) =>
      (has(o, 'MESSAGE') || str(o, 'message')) && [...STRIPPED_HOST, ...STRIPPED_UNIT, ...STRIPPED_IDENT].some((k) => has(o, k)),
    message: ['MESSAGE', 'message'],
    host: STRIPPED_HOST,
    time: [
      'REALTIME_TIMESTAMP',
      '_realtime_timestamp',
      'realtime_timestamp',
      'SOURCE_REALTIME_TIMESTAMP',
      'source_realtime_timestamp',
      ...SHIPPER_TIME,
    ],
    unit: STRIPPED_UNIT,
    ident: STRIPPED_IDENT,
    pid: STRIPPED_PID,
  },
  generic: {
    title: 'any other object with a message (`message`, `MESSAGE`, `log`, `line`): Docker json-file, a shipper of its own',
    // not `msg`: `{"ts":…,"msg":…}` is the kubelet's own JSON logging format, which the klog decoder reads
    recognise: (o) => str(o, 'message') || str(o, 'MESSAGE') || str(o, 'log') || str(o, 'line'),
    message: ['MESSAGE', 'message', 'log', 'line'],
    host: ['_HOSTNAME', 'host.hostname', 'hostname', 'host', 'HOSTNAME', 'node', 'nodename', 'node_name', 'kubernetes.host'],
    time: ['__REALTIME_TIMESTAMP', '@timestamp', 'timestamp', 'time', 'date', 'ts'],
    unit: ['_SYSTEMD_UNIT', 'systemd_unit', 'systemd.unit', 'unit'],
    ident: ['SYSLOG_IDENTIFIER', 'syslog_identifier', 'syslog.identifier', 'ident', 'program'],
    pid: ['_PID', 'pid', 'process.pid'],
  },
};

/** The table in the order records are tested (the object's own order). */
export const SHAPES: readonly Shape[] = (Object.keys(SHAPE_TABLE) as ShapeName[]).map((name) => ({ name, ...SHAPE_TABLE[name] }));
export const SHAPE_NAMES: readonly ShapeName[] = SHAPES.map((s) => s.name);

export function shapeNamed(name: string): Shape | undefined {
  return SHAPES.find((s) => s.name === name);
}

/**
 * What to tell a user whose export came newest first: each store that does this by default,
 * and how to export it forwards (for the note of the reordering stage).
 */
export const FORWARDS_HINT: string = SHAPES.filter((s) => s.forwards)
  .map((s) => s.forwards!)
  .concat('journalctl without -r')
  .join('; ');
