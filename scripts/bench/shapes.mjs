// The input shapes the benchmark measures (`npm run bench`, issue #15), and how each is made.
//
// Every shape is one entry of SHAPES. A journalctl shape names an output format: the model's
// entries (generate.mjs) are made into a real journal by systemd-journal-remote once per seed
// and generator version, and that journal is rendered by the real journalctl (LANG=C.UTF-8,
// TZ=UTC). Any other shape names a writer of the entries (`write(entry) => string`) and how
// many hosts its file holds: the kubelet's own log file and a syslog file are written by the
// kubelet and rsyslog, not by journalctl, so the model writes them itself. A log-store export
// (Loki, Elasticsearch, CloudWatch, ...) is one more entry of the second kind: a writer that
// prints each entry as that store exports it.
//
// Renderings are cut to the asked size at a record boundary and cached in bench/out/ under a
// name that holds the seed, the size and GENERATOR_VERSION. The entries are deterministic; what
// journald adds is not quite: a new journal has new cursor ids (`__CURSOR=s=…` in json and
// export) and journalctl prints a json record's fields in another order on every run, which is
// one more reason to keep a rendering once it is made.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bareLine, exportRecord, GENERATOR_VERSION, journalEntries, MiB, shortWriter, syslogWriter } from './generate.mjs';
import { elasticdumpLine, fluentdLine, logcliLine, vectorLine } from '../stores/make-exports.mjs';

/** Where journals, renderings and results live (gitignored). */
export const OUT_DIR = fileURLToPath(new URL('../../bench/out/', import.meta.url));

/**
 * `hosts`: one node's journal (the kubelet upgraded through three eras), or three nodes'
 * merged by time; `extra`: measured only when named in --shapes.
 * @typedef {{ id: string, label: string, hosts: 1 | 3, journalctl: string, locale?: string, ext: string, extra?: boolean }} JournalShape
 * @typedef {{ id: string, label: string, hosts: 1 | 3, writer: () => (entry: object) => string, ext: string, extra?: boolean }} WrittenShape
 * @type {ReadonlyArray<JournalShape | WrittenShape>}
 */
export const SHAPES = [
  { id: 'short', label: 'journalctl -o short', hosts: 1, journalctl: 'short', ext: 'log' },
  { id: 'short-precise', label: 'journalctl -o short-precise', hosts: 1, journalctl: 'short-precise', ext: 'log' },
  { id: 'short-iso', label: 'journalctl -o short-iso', hosts: 1, journalctl: 'short-iso', ext: 'log' },
  { id: 'short-iso-precise', label: 'journalctl -o short-iso-precise', hosts: 1, journalctl: 'short-iso-precise', ext: 'log' },
  // a node whose locale names the months in its own script (`3月 02 00:00:00`, the 2017 incident's
  // journal): every chunk holds bytes that are not ASCII
  { id: 'short-zh', label: 'journalctl -o short, LANG=zh_CN.UTF-8', hosts: 1, journalctl: 'short', locale: 'zh_CN.UTF-8', ext: 'log' },
  { id: 'json', label: 'journalctl -o json', hosts: 1, journalctl: 'json', ext: 'json' },
  { id: 'export', label: 'journalctl -o export', hosts: 1, journalctl: 'export', ext: 'export' },
  { id: 'bare', label: 'kubelet.log (bare klog)', hosts: 1, writer: () => bareLine, ext: 'log' },
  { id: 'syslog', label: '/var/log/messages (rsyslog)', hosts: 1, writer: syslogWriter, ext: 'log' },
  // a journal of three hosts read together (journal-remote's, `journalctl -D`): journalctl
  // prints `-- Boot <id> --` between every two entries of different hosts
  { id: 'short-3hosts', label: 'journalctl -D (3 hosts) -o short', hosts: 3, journalctl: 'short', ext: 'log', extra: true },
  // journalctl's rarer formats: seconds since boot, RFC 7464's record separator, gatewayd's
  // Server-Sent Events (`data: ` before a record, a blank line after)
  { id: 'short-monotonic', label: 'journalctl -o short-monotonic', hosts: 1, journalctl: 'short-monotonic', ext: 'log', extra: true },
  { id: 'json-seq', label: 'journalctl -o json-seq', hosts: 1, journalctl: 'json-seq', ext: 'json', extra: true },
  { id: 'json-sse', label: 'journalctl -o json-sse', hosts: 1, journalctl: 'json-sse', ext: 'json', extra: true },
  // log-store exports, one record a line, as the store writes them (the encoders of the test
  // fixtures: scripts/stores/make-exports.mjs, sources in docs/log-stores.md)
  { id: 'logcli', label: 'Loki logcli --output=jsonl', hosts: 1, writer: storeWriter((r) => logcliLine(r)), ext: 'jsonl' },
  {
    id: 'elasticdump',
    label: 'elasticdump of Filebeat (ECS hits)',
    hosts: 1,
    writer: storeWriter((r, i) => elasticdumpLine(r, i)),
    ext: 'ndjson',
  },
  { id: 'vector', label: 'Vector journald → file (NDJSON)', hosts: 1, writer: storeWriter((r) => vectorLine(r)), ext: 'ndjson' },
  { id: 'fluentd', label: 'Fluentd out_file', hosts: 1, writer: storeWriter((r) => fluentdLine(r, 0)), ext: 'log' },
];

/**
 * A writer of one store record a line: an entry's journal fields are those of its export record
 * (what systemd-journal-remote makes the bench's journal of), as a shipper reading that journal
 * gets them.
 */
function storeWriter(line) {
  return () => {
    let i = 0;
    return (e) => {
      const text = exportRecord(e);
      if (!text) return '';
      const f = {};
      for (const kv of text.split('\n')) {
        const eq = kv.indexOf('=');
        if (eq > 0) f[kv.slice(0, eq)] = kv.slice(eq + 1);
      }
      return line({ e: { us: BigInt(e.us) }, f }, i++) + '\n';
    };
  };
}

/** The systemd tools, or why they cannot be used. */
export function journalTools() {
  const remote = ['/lib/systemd/systemd-journal-remote', '/usr/lib/systemd/systemd-journal-remote'].find((p) => existsSync(p));
  const journalctl = ['/usr/bin/journalctl', '/bin/journalctl'].find((p) => existsSync(p));
  return { remote, journalctl };
}

const dirOf = (seed, journal) => join(OUT_DIR, journal ? ownJournalKey(journal) : `g${GENERATOR_VERSION}-s${seed}`);

/** A rendering's cache file (of the model's journal, or of `journal`, a journal export of your own). */
export function shapeFile(shape, seed, mb, journal) {
  return join(dirOf(seed, journal), `${shape.id}-${mb}MiB.${shape.ext}`);
}

/**
 * Make sure the rendering of `shape` at `mb` MiB exists; make it if not (a journal first,
 * for journalctl's shapes). Written under a temporary name and renamed, so an interrupted run
 * never leaves a half file that looks cached.
 * @returns {Promise<{ path: string, bytes: number, cached: boolean }>}
 */
export async function ensureShape(shape, { seed = 1, mb = 128, log = () => {}, journal } = {}) {
  if (journal && !shape.journalctl) throw new Error(`${shape.id}: not a journalctl format (--journal renders only those)`);
  const path = shapeFile(shape, seed, mb, journal);
  if (existsSync(path)) return { path, bytes: statSync(path).size, cached: true };
  mkdirSync(dirOf(seed, journal), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  const t0 = performance.now();
  const bytes = Math.round(mb * MiB);
  if (shape.journalctl) {
    const dir = journal ? await ensureOwnJournal({ file: journal, mb, log }) : await ensureJournal({ seed, hosts: shape.hosts, mb, log });
    // (an export or an SSE record ends at a blank line)
    await renderJournal(
      dir,
      shape.journalctl,
      bytes,
      shape.journalctl === 'export' || shape.journalctl === 'json-sse' ? '\n\n' : '\n',
      tmp,
      shape.locale,
    );
    // (a locale the machine does not have: journalctl prints C's month names, and the shape is not what it says)
    if (shape.locale && !/^\S*[^\x00-\x7f]/.test(readFileSync(tmp, 'utf8').slice(0, 200))) {
      rmSync(tmp, { force: true });
      throw new Error(
        `${shape.id}: journalctl printed no ${shape.locale} month names (generate that locale: Debian's locales package, locale-gen)`,
      );
    }
  } else {
    await writeFile(tmp, journalEntries({ seed, hosts: shape.hosts }), shape.writer(), bytes);
  }
  renameSync(tmp, path);
  const size = statSync(path).size;
  log(`made ${path} (${(size / MiB).toFixed(1)} MiB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { path, bytes: size, cached: false };
}

/** Write what `write` makes of the entries into `path`, whole entries up to `bytes`. */
async function writeFile(path, entries, write, bytes) {
  const out = createWriteStream(path);
  let total = 0;
  let buf = '';
  for (const e of entries) {
    const s = write(e);
    if (total + buf.length + s.length > bytes) break;
    buf += s;
    if (buf.length >= MiB) {
      total += buf.length;
      if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
      buf = '';
    }
  }
  await new Promise((resolve, reject) => out.end(buf, (e) => (e ? reject(e) : resolve())));
}

/**
 * The journal of (seed, hosts, GENERATOR_VERSION), with entries enough for `mb` MiB of `short` (the
 * densest journalctl shape): made by systemd-journal-remote from the entries' export stream,
 * and made again, larger, when a bigger rendering is asked for. Returns its directory.
 */
async function ensureJournal({ seed, hosts, mb, log }) {
  const dir = join(dirOf(seed), `journal-h${hosts}`);
  const have = journalCapacity(dir);
  if (have >= mb) return dir;
  const t0 = performance.now();
  const short = shortWriter();
  // `short` of the entries, to know when there are enough (journalctl's `short` is this long too)
  const need = Math.round(mb * MiB) + MiB;
  let entries = 0;
  function* records() {
    let shortBytes = 0;
    for (const e of journalEntries({ seed, hosts })) {
      if (shortBytes >= need) break;
      shortBytes += short(e).length;
      entries++;
      yield exportRecord(e);
    }
  }
  await makeJournal(dir, records());
  writeFileSync(join(dir, 'capacity.json'), JSON.stringify({ mb, entries }) + '\n');
  log(`made the journal ${dir} (${entries.toLocaleString('en-US')} entries) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return dir;
}

/** How many MiB of `short` the journal in `dir` was made for (0: none there). */
function journalCapacity(dir) {
  const capFile = join(dir, 'capacity.json');
  return existsSync(capFile) ? JSON.parse(readFileSync(capFile, 'utf8')).mb : 0;
}

/**
 * A journal in `dir` (made anew) of the Journal Export Format records `records` yields (strings
 * or Buffers), written by systemd-journal-remote.
 */
async function makeJournal(dir, records) {
  const { remote } = journalTools();
  if (!remote)
    throw new Error(
      'systemd-journal-remote not found (Debian: apt-get install systemd-journal-remote); it makes the journal the journalctl shapes are rendered from',
    );
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // `-o` names the first file; journal-remote rotates to more files in the same directory
  const child = spawn(remote, ['-o', join(dir, 'bench.journal'), '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const done = new Promise((resolve, reject) =>
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`systemd-journal-remote exited with ${code}: ${err.slice(-500)}`)),
    ),
  );
  let buf = [];
  let size = 0;
  for (const r of records) {
    const rb = typeof r === 'string' ? Buffer.from(r) : r;
    buf.push(rb);
    size += rb.length;
    if (size >= MiB) {
      if (!child.stdin.write(Buffer.concat(buf))) await new Promise((res) => child.stdin.once('drain', res));
      buf = [];
      size = 0;
    }
  }
  child.stdin.end(Buffer.concat(buf));
  await done;
}

/** The cache directory's name for a journal export of your own: its name and a hash of its bytes (read once a run). */
function ownJournalKey(file) {
  let key = OWN_KEYS.get(file);
  if (key === undefined) {
    const h = createHash('sha1').update(readFileSync(file)).digest('hex').slice(0, 12);
    key = `own-${basename(file).replace(/[^\w.-]/g, '_')}-${h}`;
    OWN_KEYS.set(file, key);
  }
  return key;
}
const OWN_KEYS = new Map();

/**
 * The records of a Journal Export Format file (https://systemd.io/JOURNAL_EXPORT_FORMATS/), each
 * as its fields: `[name, value]` with the value a Buffer (text fields and binary ones alike).
 */
export function* exportRecords(b) {
  let fields = [];
  let p = 0;
  while (p < b.length) {
    const nl = b.indexOf(0x0a, p);
    const end = nl === -1 ? b.length : nl;
    if (end === p) {
      // a blank line ends a record
      if (fields.length) yield fields;
      fields = [];
      p = end + 1;
      continue;
    }
    const eq = b.indexOf(0x3d, p);
    if (eq !== -1 && eq < end) {
      fields.push([b.toString('utf8', p, eq), b.subarray(eq + 1, end)]);
      p = end + 1;
    } else {
      // a binary field: its name, a line end, a little-endian 64-bit size, the bytes, a line end
      const name = b.toString('utf8', p, end);
      const size = Number(b.readBigUInt64LE(end + 1));
      fields.push([name, b.subarray(end + 9, end + 9 + size)]);
      p = end + 9 + size + 1;
    }
  }
  if (fields.length) yield fields;
}

/** One record in the Journal Export Format (a text field where the value allows, else binary). */
export function exportText(fields) {
  const parts = [];
  for (const [name, value] of fields) {
    if (value.includes(0x0a)) {
      const size = Buffer.alloc(8);
      size.writeBigUInt64LE(BigInt(value.length));
      parts.push(Buffer.from(name + '\n'), size, value, Buffer.from('\n'));
    } else parts.push(Buffer.from(name + '='), value, Buffer.from('\n'));
  }
  parts.push(Buffer.from('\n'));
  return Buffer.concat(parts);
}

/**
 * A journal of your own, from its export (`journalctl -o export [-u kubelet] > node.export` on the
 * node), made large enough for `mb` MiB of `short`: its records in order, then again as often as
 * that takes, each copy later than the one before by the span of the export and an hour (its
 * realtime and monotonic stamps moved on, its boot ID changed: the node rebooted and logged the
 * same again). The journal's own words, not the model's: a check that the bench's journal was not
 * what the tool was tuned to.
 */
async function ensureOwnJournal({ file, mb, log }) {
  const dir = join(dirOf(0, file), 'journal');
  if (journalCapacity(dir) >= mb) return dir;
  const t0 = performance.now();
  const records = [...exportRecords(readFileSync(file))].map((fields) =>
    fields.filter(([name]) => name !== '__CURSOR' && name !== '__SEQNUM' && name !== '__SEQNUM_ID'),
  );
  const get = (fields, name) => fields.find(([n]) => n === name)?.[1]?.toString('utf8');
  const times = records.map((f) => Number(get(f, '__REALTIME_TIMESTAMP'))).filter(Number.isFinite);
  if (times.length === 0) throw new Error(`${file}: no Journal Export Format record with __REALTIME_TIMESTAMP`);
  const span = Math.max(...times) - Math.min(...times) + 3_600_000_000;
  // about what journalctl's `short` prints of a record: stamp, host, identifier[pid]: message
  const shortOf = (f) =>
    16 + (get(f, '_HOSTNAME') ?? '').length + (get(f, 'SYSLOG_IDENTIFIER') ?? '').length + 10 + (get(f, 'MESSAGE') ?? '').length;
  const perCopy = records.reduce((n, f) => n + shortOf(f), 0);
  const copies = Math.max(1, Math.ceil((mb * MiB + MiB) / Math.max(1, perCopy)));
  function* all() {
    for (let k = 0; k < copies; k++) {
      for (const f of records) {
        yield exportText(
          f.map(([name, value]) => {
            if (k === 0) return [name, value];
            if (name === '__REALTIME_TIMESTAMP' || name === '__MONOTONIC_TIMESTAMP')
              return [name, Buffer.from(String(Number(value.toString('utf8')) + k * span))];
            // (another boot: the same 32 hex digits with the copy's number in the last eight)
            if (name === '_BOOT_ID' && value.length === 32)
              return [name, Buffer.from(value.toString('latin1').slice(0, 24) + k.toString(16).padStart(8, '0'))];
            return [name, value];
          }),
        );
      }
    }
  }
  await makeJournal(dir, all());
  writeFileSync(join(dir, 'capacity.json'), JSON.stringify({ mb, copies, records: records.length }) + '\n');
  log(
    `made the journal ${dir} (${records.length.toLocaleString('en-US')} records of ${file}, ${copies} copies) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return dir;
}

/** `journalctl -D dir -o format`, cut after the last `boundary` within `bytes`, into `path`. */
function renderJournal(dir, format, bytes, boundary, path, locale = 'C.UTF-8') {
  const { journalctl } = journalTools();
  if (!journalctl) throw new Error('journalctl not found (Debian: it is part of systemd)');
  return new Promise((resolve, reject) => {
    const child = spawn(journalctl, ['-D', dir, '--no-pager', '-o', format], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LANG: locale, LC_ALL: locale, TZ: 'UTC', SYSTEMD_COLORS: '0' },
    });
    const out = createWriteStream(path);
    let written = 0;
    let tail = Buffer.alloc(0);
    let stopped = false;
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (chunk) => {
      if (stopped) return;
      const b = tail.length ? Buffer.concat([tail, chunk]) : chunk;
      // whole records only, up to `bytes`
      const room = bytes - written;
      const upto = b.length <= room ? b : b.subarray(0, room);
      const cut = upto.lastIndexOf(boundary);
      const keep = cut === -1 ? 0 : cut + boundary.length;
      if (keep > 0) out.write(b.subarray(0, keep));
      written += keep;
      tail = b.subarray(keep);
      if (b.length > room) {
        stopped = true;
        child.kill();
      }
    });
    child.on('close', (code, signal) => {
      if (!stopped && code !== 0) return reject(new Error(`journalctl -o ${format} exited with ${code ?? signal}: ${err.slice(-500)}`));
      out.end(() => resolve());
    });
    child.on('error', reject);
  });
}
