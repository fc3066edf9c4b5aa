#!/usr/bin/env node
// Makes test/fixtures/stores/<story>/: the bundled samples as each log store exports them,
// faithful to each store's documented output (docs/log-stores.md gives the sources): field
// names, nesting, escaping (Go's \u003c, Fluent Bit's \uXXXX), time formats and precision,
// pretty-printing, and the newest-first default where a store has one. journal.json is the
// same entries as `journalctl -o json` prints them: what every other file must read like.
//
//   node scripts/stores/make-exports.mjs [OUT_DIR]      (default test/fixtures/stores)
//
// Stories: seed (samples/seed-ubuntu-k8s-3.log, 2017, CST), modern
// (samples/modern-memory-eviction.log, 2024, UTC) and fleet (the modern story on three nodes,
// each shifted in time and with its own PIDs, interleaved as one journal).
// Deterministic: no clock, variation from mulberry32; run it again and the bytes are the same.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { mulberry32 } from '../mulberry32.mjs';

const ROOT = new URL('../../', import.meta.url);
const OUT = process.argv[2] ?? new URL('test/fixtures/stores/', ROOT).pathname;

// ---------------------------------------------------------------------------------------
// The samples as journal entries

const MONTHS = { '10月': 10, Oct: 10, Mar: 3 };
const LINE = /^(?:(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)([+-]\d{4})|(\S+) (\d\d) (\d\d):(\d\d):(\d\d)) (\S+) ([^\s[]+)\[(\d+)\]: (.*)$/;
const KLOG = /^[IWEF](\d\d)(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{6})/;

/** Lines of a `short` or `short-iso` journal → entries with a µs realtime (BigInt). */
function entriesOf(text, { year, offsetMin, seed }) {
  const rnd = mulberry32(seed);
  const out = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue; // `-- Logs begin at ... --`
    let y, mo, d, h, mi, s, off;
    if (m[1]) [y, mo, d, h, mi, s, off] = [+m[1], +m[2], +m[3], +m[4], +m[5], +m[6], parseOff(m[7])];
    else [y, mo, d, h, mi, s, off] = [year, MONTHS[m[8]], +m[9], +m[10], +m[11], +m[12], offsetMin];
    const message = m[16];
    let us = BigInt(Date.UTC(y, mo - 1, d, h, mi, s) - off * 60_000) * 1000n;
    const k = KLOG.exec(message);
    // journald receives a line some µs after the kubelet wrote it (the klog header's time, same clock and zone here)
    if (k && +k[5] === s) us += BigInt(+k[6]) + BigInt(20 + Math.floor(rnd() * 400));
    // a line without one (systemd's): early in its second, before the kubelet's lines that follow it
    else us += BigInt(50 + Math.floor(rnd() * 100));
    out.push({ us, host: m[13], ident: m[14], pid: +m[15], message });
  }
  // journald stamps in arrival order: equal or later than the entry before (per host)
  const last = new Map();
  for (const e of out) {
    const p = last.get(e.host);
    if (p !== undefined && e.us <= p) e.us = p + 1n;
    last.set(e.host, e.us);
  }
  return out;
}
function parseOff(s) {
  return (s[0] === '-' ? -1 : 1) * (+s.slice(1, 3) * 60 + +s.slice(3, 5));
}

/** The modern story on three nodes: shifted in time, PIDs of their own, interleaved by time. */
function fleet(modern) {
  const nodes = [
    { host: 'worker-3', shiftS: 0, pidAdd: 0 },
    { host: 'worker-4', shiftS: 97, pidAdd: 311 },
    { host: 'worker-5', shiftS: 213, pidAdd: 1207 },
  ];
  const all = [];
  for (const n of nodes) {
    for (const e of modern) {
      const pid = e.ident === 'systemd' ? e.pid : e.pid + n.pidAdd;
      all.push({ ...e, host: n.host, pid, us: e.us + BigInt(n.shiftS) * 1_000_000n, message: shiftKlog(e.message, n.shiftS, e.pid, pid) });
    }
  }
  return all.sort((a, b) => (a.us < b.us ? -1 : a.us > b.us ? 1 : 0));
}
/** The klog header of a shifted line: its time moved and its thread id (the PID) replaced. */
function shiftKlog(message, shiftS, oldPid, newPid) {
  const k = /^([IWEF])(\d\d)(\d\d) (\d\d):(\d\d):(\d\d)(\.\d{6}) +(\d+) /.exec(message);
  if (!k) return message;
  const t = new Date(Date.UTC(2024, +k[2] - 1, +k[3], +k[4], +k[5], +k[6]) + shiftS * 1000);
  const p2 = (n) => String(n).padStart(2, '0');
  const head = `${k[1]}${p2(t.getUTCMonth() + 1)}${p2(t.getUTCDate())} ${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}:${p2(t.getUTCSeconds())}${k[7]} ${String(+k[8] === oldPid ? newPid : +k[8]).padStart(7)} `;
  return head + message.slice(k[0].length);
}

// ---------------------------------------------------------------------------------------
// Journal fields of an entry (as journald would have them)

const hex = (rnd, n) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
function journalFields(entries, seed) {
  const rnd = mulberry32(seed);
  const perHost = new Map();
  const perPid = new Map();
  let seqnum = 1000;
  return entries.map((e) => {
    let h = perHost.get(e.host);
    if (!h)
      perHost.set(
        e.host,
        (h = {
          machine: hex(rnd, 32),
          boot: hex(rnd, 32),
          bootUs: e.us - 3_600_000_000n - BigInt(Math.floor(rnd() * 1e9)),
          seqid: hex(rnd, 32),
        }),
      );
    const key = `${e.host}/${e.pid}`;
    let p = perPid.get(key);
    if (!p) perPid.set(key, (p = { stream: hex(rnd, 32), invocation: hex(rnd, 32) }));
    const systemd = e.ident === 'systemd';
    const sev = e.message[0];
    const priority = systemd ? '6' : sev === 'E' || sev === 'F' ? '3' : sev === 'W' ? '4' : '6';
    seqnum++;
    const f = {
      __CURSOR: `s=${h.seqid};i=${seqnum.toString(16)};b=${h.boot};m=${(e.us - h.bootUs).toString(16)};t=${e.us.toString(16)};x=${hex(rnd, 16)}`,
      __REALTIME_TIMESTAMP: String(e.us),
      __MONOTONIC_TIMESTAMP: String(e.us - h.bootUs),
      _BOOT_ID: h.boot,
      _MACHINE_ID: h.machine,
      _HOSTNAME: e.host,
      PRIORITY: priority,
      SYSLOG_FACILITY: systemd ? '3' : '3',
      SYSLOG_IDENTIFIER: e.ident,
      _TRANSPORT: systemd ? 'journal' : 'stdout',
      ...(systemd ? {} : { _STREAM_ID: p.stream }),
      _PID: String(e.pid),
      _UID: '0',
      _GID: '0',
      _COMM: systemd ? 'systemd' : 'kubelet',
      _EXE: systemd ? '/usr/lib/systemd/systemd' : '/usr/bin/kubelet',
      _CMDLINE: systemd ? '/sbin/init' : '/usr/bin/kubelet --config=/var/lib/kubelet/config.yaml --kubeconfig=/etc/kubernetes/kubelet.conf',
      _CAP_EFFECTIVE: '1ffffffffff',
      _SYSTEMD_CGROUP: systemd ? '/init.scope' : '/system.slice/kubelet.service',
      _SYSTEMD_UNIT: systemd ? 'init.scope' : 'kubelet.service',
      _SYSTEMD_SLICE: systemd ? '-.slice' : 'system.slice',
      ...(systemd
        ? {
            UNIT: 'kubelet.service',
            CODE_FILE: 'src/core/job.c',
            CODE_LINE: '768',
            CODE_FUNC: 'job_emit_done_message',
            MESSAGE_ID: '39f53479d3a045ac8e11786248231fbf',
            JOB_TYPE: 'start',
          }
        : { _SYSTEMD_INVOCATION_ID: p.invocation }),
      MESSAGE: e.message,
    };
    return { e, f };
  });
}

// ---------------------------------------------------------------------------------------
// Encoders

/** Go's encoding/json and jsoniter's HTML-escaped strings: `<` `>` `&` U+2028 U+2029 as \u escapes. */
const goJson = (v) => JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
/** Fluent Bit's flb_utils_write_str with json.escape_unicode (default on): non-ASCII as lower-case \uXXXX. */
const fluentBitJson = (v) => JSON.stringify(v).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
/** Python's json.dumps(sort_keys=True): every object's keys sorted. */
const sortKeys = (v) =>
  Array.isArray(v)
    ? v.map(sortKeys)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sortKeys(v[k])]),
        )
      : v;
const p2 = (n) => String(n).padStart(2, '0');
/** RFC3339 in UTC with `digits` fraction digits (µs source); `trim`: Go's RFC3339Nano trims trailing zeros. */
function rfc3339(us, digits, { trim = false, offsetMin = 0 } = {}) {
  const ms = Number(us / 1000n) + offsetMin * 60_000;
  const d = new Date(ms);
  let frac = String(us % 1_000_000n)
    .padStart(6, '0')
    .padEnd(9, '0')
    .slice(0, digits);
  if (trim) frac = frac.replace(/0+$/, '');
  const off =
    offsetMin === 0 ? 'Z' : `${offsetMin < 0 ? '-' : '+'}${p2(Math.floor(Math.abs(offsetMin) / 60))}:${p2(Math.abs(offsetMin) % 60)}`;
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}${frac ? `.${frac}` : ''}${off}`;
}
/** Vector's timestamps: RFC3339 with 0, 3, 6 or 9 digits (chrono SecondsFormat::AutoSi). */
const autoSi = (us) => rfc3339(us, us % 1_000_000n === 0n ? 0 : us % 1000n === 0n ? 3 : 6);
/** The journal fields a shipper reading the journal gets (sd_journal_enumerate_data: no __ fields). */
const dataFields = (f) => Object.fromEntries(Object.entries(f).filter(([k]) => !k.startsWith('__')));
/** Fluent Bit's Strip_Underscores (one leading `_`) and Lowercase. */
const stripLower = (f) =>
  Object.fromEntries(Object.entries(dataFields(f)).map(([k, v]) => [(k.startsWith('_') ? k.slice(1) : k).toLowerCase(), v]));
const newestFirst = (rows) => [...rows].reverse();

// ---------------------------------------------------------------------------------------
// One record of a store's line-per-record export, from an entry `r` ({ e: { us: µs as a BigInt }, f: journal fields }).
// The bench (scripts/bench/shapes.mjs) writes its store shapes with these too.

const lokiLabels = (f) => ({ host: f._HOSTNAME, job: 'systemd-journal', unit: f._SYSTEMD_UNIT });

/** Loki logcli --output=jsonl --forward --limit=0 --include-common-labels --timezone=UTC (`line`: the journal message, or what promtail made of the entry). */
export const logcliLine = (r, line = r.f.MESSAGE) =>
  goJson({ labels: lokiLabels(r.f), line, timestamp: rfc3339(r.e.us, 6, { trim: true }) });

/** Filebeat's journald input (ECS) as indexed. */
const ecs = (r) => ({
  '@timestamp': rfc3339(r.e.us, 3),
  message: r.f.MESSAGE,
  host: { hostname: r.f._HOSTNAME, id: r.f._MACHINE_ID },
  systemd: {
    unit: r.f._SYSTEMD_UNIT,
    slice: r.f._SYSTEMD_SLICE,
    cgroup: r.f._SYSTEMD_CGROUP,
    transport: r.f._TRANSPORT,
    ...(r.f._SYSTEMD_INVOCATION_ID ? { invocation_id: r.f._SYSTEMD_INVOCATION_ID } : {}),
  },
  syslog: { identifier: r.f.SYSLOG_IDENTIFIER, priority: +r.f.PRIORITY, facility: +r.f.SYSLOG_FACILITY },
  log: { syslog: { priority: +r.f.PRIORITY, facility: { code: +r.f.SYSLOG_FACILITY } } },
  journald: {
    pid: +r.f._PID,
    uid: 0,
    gid: 0,
    host: { boot_id: r.f._BOOT_ID },
    process: { name: r.f._COMM, executable: r.f._EXE, command_line: r.f._CMDLINE, capabilities: r.f._CAP_EFFECTIVE },
  },
  process: {
    pid: +r.f._PID,
    name: r.f._COMM,
    executable: r.f._EXE,
    command_line: r.f._CMDLINE,
    args: r.f._CMDLINE.split(' '),
    args_count: r.f._CMDLINE.split(' ').length,
  },
  user: { id: '0', group: { id: '0' } },
  input: { type: 'journald' },
});

/** elasticdump of Filebeat's index: one hit per line (hit number `id`). */
export const elasticdumpLine = (r, id) =>
  JSON.stringify({
    _index: '.ds-filebeat-8.15.0-2024.10.16-000001',
    _type: '_doc',
    _id: `eb${String(id).padStart(18, '0')}`,
    _score: 1,
    _source: ecs(r),
  });

/** Vector journald source → file sink, JSON codec: keys sorted, MESSAGE → message, _HOSTNAME → host. */
export function vectorLine(r) {
  const { __CURSOR: _c, MESSAGE, _HOSTNAME, ...rest } = r.f;
  return JSON.stringify(sortKeys({ ...rest, host: _HOSTNAME, message: MESSAGE, source_type: 'journald', timestamp: autoSi(r.e.us) }));
}

/** Fluentd (fluent-plugin-systemd, tag kubelet) → out_file: `time<TAB>tag<TAB>json`, time in seconds, the Fluentd host's offset. */
export const fluentdLine = (r, offsetMin) => `${rfc3339(r.e.us, 0, { offsetMin })}\tkubelet\t${JSON.stringify(dataFields(r.f))}`;

// ---------------------------------------------------------------------------------------
// The stores

function write(dir, name, text, gzip) {
  mkdirSync(dir, { recursive: true });
  if (gzip) writeFileSync(join(dir, `${name}.gz`), gzipSync(Buffer.from(text), { level: 9, mtime: 0 }));
  else writeFileSync(join(dir, name), text);
}

/** Every store's export of one story; `dir` gets one file per shape. */
function exportsOf(rows, dir, { gzip, fluentdOffsetMin }) {
  const files = {};
  const put = (name, text) => {
    files[name] = text;
    write(dir, name, text, gzip);
  };
  // journalctl -o json: one object per line (journalctl's field order varies; any order is valid)
  put('journal.json', rows.map(({ f }) => JSON.stringify(f)).join('\n') + '\n');

  put('logcli.jsonl', rows.map((r) => logcliLine(r)).join('\n') + '\n');
  // ... with promtail `json: true` (Alloy format_as_json): the line is the journal entry, a Go-marshalled map
  put('logcli-promtail-json.jsonl', rows.map((r) => logcliLine(r, goJson(sortKeys(dataFields(r.f))))).join('\n') + '\n');
  // logcli default output, newest first (its default direction), then --forward: `<ts> {labels} line`, labels padded
  const text = (order) => {
    const lab = order.map(
      (r) =>
        `{${Object.entries(lokiLabels(r.f))
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(', ')}}`,
    );
    const width = Math.max(...lab.map((l) => l.length));
    return order.map((r, i) => `${rfc3339(r.e.us, 0)} ${lab[i].padEnd(width)} ${r.f.MESSAGE.trim()}`).join('\n') + '\n';
  };
  put('logcli.txt', text(newestFirst(rows)));
  put('logcli-forward.txt', text(rows));
  // Loki HTTP query_range: one stream per label set, values [ns string, line]; direction=backward (the default) and forward
  const streams = (order) => {
    const by = new Map();
    for (const r of order) {
      const l = lokiLabels(r.f);
      const k = JSON.stringify(l);
      if (!by.has(k)) by.set(k, { stream: l, values: [] });
      by.get(k).values.push([`${r.e.us}000`, r.f.MESSAGE]);
    }
    return (
      goJson({
        status: 'success',
        data: {
          resultType: 'streams',
          result: [...by.values()],
          stats: {
            summary: {
              bytesProcessedPerSecond: 1234567,
              linesProcessedPerSecond: 8910,
              totalBytesProcessed: 4096,
              totalLinesProcessed: order.length,
              execTime: 0.0123,
            },
          },
        },
      }) + '\n'
    );
  };
  put('loki-api.json', streams(newestFirst(rows)));
  put('loki-api-forward.json', streams(rows));

  // Elasticsearch search response (Fluent Bit systemd input → es output, raw journal keys), sorted by @timestamp, in scroll pages of 10,000
  const hit = (r, i, source) => ({
    _index: `node-${rfc3339(r.e.us, 0).slice(0, 10).replace(/-/g, '.')}`,
    _id: `fb${String(i).padStart(18, '0')}`,
    _score: null,
    _source: source,
    sort: [Number(r.e.us / 1000n)],
  });
  const fbSource = (r) => ({ '@timestamp': rfc3339(r.e.us, 3), ...dataFields(r.f) });
  const pages = [];
  for (let i = 0; i < rows.length; i += 10_000) {
    const page = rows.slice(i, i + 10_000).map((r, k) => hit(r, i + k, fbSource(r)));
    pages.push(
      fluentBitJson({
        _scroll_id: 'FGluY2x1ZGVfY29udGV4dF91dWlkDXF1ZXJ5QW5kRmV0Y2gBFkZ',
        took: 7,
        timed_out: false,
        _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
        hits: { total: { value: rows.length, relation: 'eq' }, max_score: null, hits: page },
      }),
    );
  }
  put('elasticsearch-fluent-bit.json', pages.join('\n') + '\n');
  const shuffled = scrollOrder(rows);
  put('elasticdump-filebeat.ndjson', shuffled.map((r) => elasticdumpLine(r, rows.indexOf(r))).join('\n') + '\n');
  // elasticdump --sourceOnly of Fluent Bit with Strip_Underscores On and Lowercase On
  put(
    'elasticdump-fluent-bit-lowercase.ndjson',
    shuffled.map((r) => fluentBitJson({ '@timestamp': rfc3339(r.e.us, 3), ...stripLower(r.f) })).join('\n') + '\n',
  );

  put('vector.ndjson', rows.map((r) => vectorLine(r)).join('\n') + '\n');

  put('fluentd.log', rows.map((r) => fluentdLine(r, fluentdOffsetMin)).join('\n') + '\n');
  put(
    'fluentd-stripped.log',
    rows.map((r) => `${rfc3339(r.e.us, 0, { offsetMin: fluentdOffsetMin })}\tkubelet\t${JSON.stringify(stripLower(r.f))}`).join('\n') +
      '\n',
  );

  // gcloud logging read --format=json: one array, indent 2, keys sorted; newest first (its default) and --order=asc
  const rnd = mulberry32(7);
  const gcl = rows.map((r) => ({
    insertId: hexish(rnd, 16),
    jsonPayload: dataFields(r.f),
    logName: 'projects/my-project/logs/kubelet',
    receiveTimestamp: rfc3339(r.e.us + 2_776_000n, 9).replace(/000Z$/, `${Math.floor(rnd() * 900 + 100)}Z`),
    resource: {
      labels: { cluster_name: 'prod', location: 'us-central1-a', node_name: r.f._HOSTNAME, project_id: 'my-project' },
      type: 'k8s_node',
    },
    timestamp: rfc3339(r.e.us, 6),
  }));
  put('gcloud.json', JSON.stringify(sortKeys(newestFirst(gcl)), null, 2) + '\n');
  put('gcloud-asc.json', JSON.stringify(sortKeys(gcl), null, 2) + '\n');

  // aws logs filter-log-events (Container Insights dataplane group): indent 4; message is Fluent Bit's JSON of the renamed keys
  const cw = {
    events: rows.map((r, i) => ({
      logStreamName: `${r.f._HOSTNAME}-dataplane.systemd.${r.f._SYSTEMD_UNIT}`,
      timestamp: Number(r.e.us / 1000n),
      message: fluentBitJson({
        hostname: r.f._HOSTNAME,
        systemd_unit: r.f._SYSTEMD_UNIT,
        message: r.f.MESSAGE,
        az: 'us-west-2a',
        ec2_instance_id: 'i-0123456789abcdef0',
      }),
      ingestionTime: Number(r.e.us / 1000n) + 1712,
      eventId: `${38563451342102397349591822357282049318004462337658060800n + BigInt(i)}`,
    })),
    searchedLogStreams: [],
  };
  put('cloudwatch.json', JSON.stringify(cw, null, 4) + '\n');

  // az monitor log-analytics query -o json (Syslog): an array of flat objects, keys sorted, every value a string
  const sev = { 3: 'err', 4: 'warning', 6: 'info' };
  const az = rows.map((r) => ({
    Computer: r.f._HOSTNAME,
    Facility: 'daemon',
    HostName: r.f._HOSTNAME,
    ProcessID: r.f._PID,
    ProcessName: r.f.SYSLOG_IDENTIFIER,
    SeverityLevel: sev[r.f.PRIORITY],
    SyslogMessage: r.f.MESSAGE,
    TableName: 'PrimaryResult',
    TimeGenerated: rfc3339(r.e.us, 3).replace('Z', '0000Z'),
  }));
  put('azure.json', JSON.stringify(sortKeys(az), null, 2) + '\n');
  return files;
}

const hexish = (rnd, n) => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(rnd() * 36)]).join('');
/** elasticdump reads with the scroll API and a match_all query: index order, which is not time order (a fixed shuffle of blocks). */
function scrollOrder(rows) {
  const rnd = mulberry32(11);
  const blocks = [];
  for (let i = 0; i < rows.length; i += 37) blocks.push(rows.slice(i, i + 37));
  for (let i = blocks.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [blocks[i], blocks[j]] = [blocks[j], blocks[i]];
  }
  return blocks.flat();
}

// ---------------------------------------------------------------------------------------

export function stories() {
  const seedText = readFileSync(new URL('samples/seed-ubuntu-k8s-3.log', ROOT), 'utf8');
  const modernText = readFileSync(new URL('samples/modern-memory-eviction.log', ROOT), 'utf8');
  const seed = entriesOf(seedText, { year: 2017, offsetMin: 480, seed: 1 });
  const modern = entriesOf(modernText, { year: 2024, offsetMin: 0, seed: 2 });
  return {
    seed: { rows: journalFields(seed, 3), gzip: true, fluentdOffsetMin: 480 },
    modern: { rows: journalFields(modern, 4), gzip: false, fluentdOffsetMin: 0 },
    fleet: { rows: journalFields(fleet(modern), 5), gzip: true, fluentdOffsetMin: 60 },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [name, s] of Object.entries(stories())) {
    const files = exportsOf(s.rows, join(OUT, name), s);
    process.stderr.write(`${name}: ${s.rows.length} entries, ${Object.keys(files).length} files${s.gzip ? ' (gzip)' : ''}\n`);
  }
}
